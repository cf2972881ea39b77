// Uploads the sheet with a progress bar, then shows that the server is reading it.
// Without JavaScript the form posts normally; this only adds the progress.
(function () {
  "use strict";

  function format(template, value) {
    return template.replace("{0}", value);
  }

  document.querySelectorAll("form[data-upload-form]").forEach(function (form) {
    var box = form.querySelector("[data-upload-progress]");
    var bar = box.querySelector("progress");
    var status = form.querySelector("[data-upload-status]");
    form.addEventListener("submit", function (event) {
      var input = form.querySelector("input[type=file]");
      var file = input.files && input.files[0];
      if (!file) return;
      event.preventDefault();
      if (file.size > Number(form.dataset.maxBytes)) {
        box.hidden = true;
        status.textContent = format(form.dataset.tooLarge, file.name);
        return;
      }
      bar.value = 0;
      box.hidden = false;
      status.textContent = format(form.dataset.uploading, 0);
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      var request = new XMLHttpRequest();
      request.open("POST", form.action || window.location.href);
      request.setRequestHeader("Accept", "application/json");
      request.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) return;
        var percent = Math.round((e.loaded / e.total) * 100);
        bar.value = percent;
        status.textContent = format(form.dataset.uploading, percent);
      });
      request.upload.addEventListener("load", function () {
        bar.removeAttribute("value");
        status.textContent = form.dataset.analysing;
      });
      request.addEventListener("load", function () {
        var answer = null;
        try { answer = JSON.parse(request.responseText); } catch (e) { answer = null; }
        if (request.status === 200 && answer && answer.location) {
          window.location.href = answer.location;
          return;
        }
        button.disabled = false;
        box.hidden = true;
        status.textContent = (answer && answer.message) || form.dataset.failed;
      });
      request.addEventListener("error", function () {
        button.disabled = false;
        box.hidden = true;
        status.textContent = form.dataset.failed;
      });
      request.send(new FormData(form));
    });
  });

  // Committing a large file, or reading it again for the preview, takes a few seconds: say so
  // (with a progress bar that runs until the next page, where the form has one), and stop a second click.
  document.querySelectorAll("form[data-busy-text]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var status = form.querySelector("[role=status]");
      if (status) status.textContent = form.dataset.busyText;
      var progress = form.querySelector("[data-busy-progress]");
      if (progress) progress.hidden = false;
      var button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
    });
  });
})();
