// The department's entry form: last year's values are copied in with a button, what is typed is kept on the server as a
// draft a moment after each change, and leaving the page with unsaved changes asks first. Without JavaScript the form
// still works: last year's values are readable and saving is by the form's buttons.
(function () {
  "use strict";
  var form = document.querySelector("[data-entry-form]");
  if (!form) return;
  var status = form.querySelector("[data-draft-status]");
  var dirty = false;
  var submitting = false;
  var timer = null;

  function keepDraft() {
    timer = null;
    var body = new FormData(form);
    fetch(form.getAttribute("data-draft-url"), { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        if (response.ok && status) {
          var now = new Date();
          status.textContent = status.getAttribute("data-draft-saved") + " " + String(now.getHours()).padStart(2, "0") + ":" + String(now.getMinutes()).padStart(2, "0");
        }
      })
      .catch(function () { /* The next change tries again; the warning on leaving still stands. */ });
  }

  function changed() {
    dirty = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(keepDraft, 1500);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function () {
    submitting = true;
    if (timer) clearTimeout(timer);
  });
  window.addEventListener("beforeunload", function (event) {
    if (!dirty || submitting) return;
    if (timer) keepDraft();
    event.preventDefault();
    event.returnValue = form.getAttribute("data-leave-warning");
    return event.returnValue;
  });

  form.querySelectorAll("[data-copy-to]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var target = document.getElementById(button.getAttribute("data-copy-to"));
      var value = button.getAttribute("data-copy-value") || "";
      if (!target) return;
      if (target.classList.contains("budget-lines")) {
        // Last year's whole budget line: the sub-items' names and every cell, by the names the form posts them under.
        var line = JSON.parse(value);
        target.querySelectorAll("input[name^='Input.Budget.Items'], input[name^='Input.Budget.Cells']").forEach(function (input) { input.value = ""; });
        line.items.forEach(function (name, i) {
          var input = target.querySelector("input[name='Input.Budget.Items[" + i + "]']");
          if (input) input.value = name || "";
        });
        Object.keys(line.cells).forEach(function (key) {
          var input = target.querySelector("input[name='Input.Budget.Cells[" + key + "]']");
          if (input) input.value = line.cells[key] || "";
        });
        target.focus();
      } else if (target.tagName === "FIELDSET") {
        target.querySelectorAll("input[type=radio]").forEach(function (radio) {
          if (radio.value === value) {
            radio.checked = true;
            radio.focus();
          }
        });
      } else {
        target.value = value;
        target.focus();
      }
      changed();
    });
  });
})();
