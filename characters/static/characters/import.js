// Drag and drop for the card import form: a file dropped on the form goes into its file input.
(function () {
  "use strict";
  var form = document.querySelector("[data-card-drop]");
  if (!form) return;
  var input = form.querySelector("input[type=file]");
  var zone = form.querySelector("[data-drop-zone]");
  var label = form.querySelector("[data-drop-name]");
  function show() {
    label.textContent = input.files.length ? "Chosen: " + input.files[0].name : "";
  }
  ["dragenter", "dragover"].forEach(function (name) {
    form.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("dragging");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    form.addEventListener(name, function () { zone.classList.remove("dragging"); });
  });
  form.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      show();
    }
  });
  input.addEventListener("change", show);
})();
