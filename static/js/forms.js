// Friendlier persona forms. Without this file they still work: traits are number inputs, the image a
// plain file input with a "Remove image" checkbox.
(function () {
  "use strict";

  // A trait's number input becomes a slider with its value shown next to it, and a button removes it.
  function sliderFor(row, number) {
    var input = row.querySelector(".trait-value");
    if (!input || input.type === "range") {
      return;
    }
    if (input.value === "") {
      input.value = "0.5";
    }
    input.type = "range";
    var output = document.createElement("output");
    output.className = "trait-shown";
    output.textContent = Number(input.value).toFixed(2);
    input.addEventListener("input", function () {
      output.textContent = Number(input.value).toFixed(2);
    });
    input.insertAdjacentElement("afterend", output);
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "secondary small";
    remove.textContent = "Remove";
    remove.setAttribute("aria-label", "Remove trait " + number);
    remove.addEventListener("click", function () {
      var next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      var focus = next && next.querySelector("input");
      if (focus) {
        focus.focus();
      }
    });
    output.insertAdjacentElement("afterend", remove);
  }

  function enhanceTraits(editor) {
    var rows = editor.querySelector("[data-trait-rows]");
    var template = editor.querySelector("template[data-trait-template]");
    var add = editor.querySelector("[data-trait-add]");
    var max = parseInt(editor.getAttribute("data-traits-max"), 10);
    if (!rows || !template || !add) {
      return;
    }
    // Rows left blank for typing without JavaScript: one is enough here, "Add a trait" makes more.
    var blank = Array.prototype.filter.call(rows.children, function (row) {
      return row.querySelector("input[type=text]").value === "";
    });
    blank.slice(rows.children.length > blank.length ? 0 : 1).forEach(function (row) {
      row.remove();
    });
    Array.prototype.forEach.call(rows.children, function (row, index) {
      sliderFor(row, index + 1);
    });
    add.hidden = false;
    add.addEventListener("click", function () {
      if (rows.children.length >= max) {
        return;
      }
      var number = rows.children.length + 1;
      rows.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__number__/g, String(number)));
      var row = rows.lastElementChild;
      sliderFor(row, number);
      row.querySelector("input").focus();
    });
  }

  // The image picker: a preview of the chosen file, dropping a file on it, and a "Remove image" button.
  function enhanceImage(picker) {
    var input = picker.querySelector("input[type=file]");
    var preview = picker.querySelector("[data-image-preview]");
    var drop = picker.querySelector("[data-image-drop]");
    var remove = picker.querySelector("[data-image-remove]");
    if (!input || !preview || !drop) {
      return;
    }
    function show(file) {
      if (!file || !/^image\//.test(file.type)) {
        return;
      }
      var reader = new FileReader();
      reader.onload = function () {
        preview.innerHTML = "";
        var image = document.createElement("img");
        image.src = String(reader.result);
        image.alt = "The image you chose";
        image.width = 128;
        preview.appendChild(image);
      };
      reader.readAsDataURL(file);
      var stash = picker.querySelector("[data-image-stash]");
      if (stash) {
        stash.value = "";
      }
      var box = remove && remove.querySelector("input[type=checkbox]");
      if (box) {
        box.checked = false;
      }
    }
    input.addEventListener("change", function () {
      show(input.files && input.files[0]);
    });
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (event) {
        event.preventDefault();
        drop.classList.add("is-dragging");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function () {
        drop.classList.remove("is-dragging");
      });
    });
    drop.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        show(input.files[0]);
      }
    });
    if (remove) {
      var box = remove.querySelector("input[type=checkbox]");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary small";
      button.textContent = "Remove image";
      button.addEventListener("click", function () {
        box.checked = true;
        input.value = "";
        preview.innerHTML = '<p class="muted">No image: it is removed when you save.</p>';
        var stash = picker.querySelector("[data-image-stash]");
        if (stash) {
          stash.value = "";
        }
      });
      remove.hidden = true;
      remove.insertAdjacentElement("afterend", button);
    }
  }

  function start() {
    document.querySelectorAll("[data-traits]").forEach(enhanceTraits);
    document.querySelectorAll("[data-image-picker]").forEach(enhanceImage);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
