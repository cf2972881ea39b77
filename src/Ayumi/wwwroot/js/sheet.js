// The progress sheet's column choice takes effect as soon as a column is ticked: the form is sent as its button would,
// so that the address keeps the choice. Without JavaScript the button does the same.
(function () {
  "use strict";
  var choice = document.querySelector("[data-column-choice]");
  if (!choice) return;
  choice.addEventListener("change", function (event) {
    if (event.target.name === "hide" && event.target.form) event.target.form.submit();
  });
})();
