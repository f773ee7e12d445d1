// Yayay: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Inline formsets: "Add a prompt" clones the empty form from its <template>.
  function enhanceFormset(fieldset) {
    var prefix = fieldset.getAttribute("data-formset");
    var total = fieldset.querySelector("#id_" + prefix + "-TOTAL_FORMS");
    var max = fieldset.querySelector("#id_" + prefix + "-MAX_NUM_FORMS");
    var rows = fieldset.querySelector("[data-formset-rows]");
    var template = fieldset.querySelector("template[data-formset-template]");
    var addButton = fieldset.querySelector("[data-formset-add]");
    if (!total || !rows || !template || !addButton) {
      return;
    }
    addButton.hidden = false;
    addButton.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      if (max && index >= parseInt(max.value, 10)) {
        addButton.disabled = true;
        return;
      }
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      rows.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var added = rows.lastElementChild;
      var first = added && added.querySelector("input, textarea");
      if (first) {
        first.focus();
      }
    });
  }

  // Repeated text areas (alternate greetings): "Add" appends an empty box, numbered for screen readers,
  // until the field's maximum.
  function enhanceRepeat(field) {
    var items = field.querySelector("[data-repeat-items]");
    var template = field.querySelector("template[data-repeat-template]");
    var addButton = field.querySelector("[data-repeat-add]");
    var max = parseInt(field.getAttribute("data-repeat-max"), 10);
    if (!items || !template || !addButton) {
      return;
    }
    addButton.hidden = false;
    addButton.disabled = items.children.length >= max;
    addButton.addEventListener("click", function () {
      var count = items.children.length;
      if (count >= max) {
        return;
      }
      items.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__number__/g, String(count + 1)));
      addButton.disabled = count + 1 >= max;
      items.lastElementChild.querySelector("input, textarea").focus();
    });
  }

  // Undo buttons count down to the end of their window, then say it has passed.
  function enhanceUndo(form) {
    var until = Date.parse(form.getAttribute("data-undo-until"));
    var label = form.querySelector(".undo-countdown");
    var button = form.querySelector("button");
    if (isNaN(until) || !label || !button) {
      return;
    }
    function tick() {
      var seconds = Math.ceil((until - Date.now()) / 1000);
      if (seconds <= 0) {
        label.textContent = "(the undo window has passed)";
        button.disabled = true;
        return;
      }
      label.textContent = "(" + seconds + " s left)";
      window.setTimeout(tick, 1000);
    }
    tick();
  }

  // A button that waits on a slow server (a persona drafting through a language model) says so while
  // the page loads, and a second click does not send the form again.
  function markBusy(event) {
    var button = event.submitter;
    if (!button || !button.hasAttribute("data-busy-label")) {
      return;
    }
    if (button.getAttribute("aria-disabled") === "true") {
      event.preventDefault();
      return;
    }
    button.setAttribute("data-idle-label", button.innerHTML);
    button.setAttribute("aria-disabled", "true");
    button.textContent = button.getAttribute("data-busy-label");
  }

  // Coming back to the page from the browser's history shows the buttons as they were before.
  function resetBusy(event) {
    if (!event.persisted) {
      return;
    }
    document.querySelectorAll("[data-idle-label]").forEach(function (button) {
      button.innerHTML = button.getAttribute("data-idle-label");
      button.removeAttribute("aria-disabled");
    });
  }

  // On a narrow screen the main navigation folds behind a "Menu" button (open without JavaScript).
  var narrow = window.matchMedia("(max-width: 719px)");

  function enhanceMenu(nav) {
    var button = nav.querySelector(".menu-toggle");
    var menu = nav.querySelector("#main-menu");
    if (!button || !menu) {
      return;
    }
    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("is-open", open);
    }
    button.hidden = false;
    nav.classList.add("has-menu");
    setOpen(!narrow.matches);
    narrow.addEventListener("change", function () {
      setOpen(!narrow.matches);
    });
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && narrow.matches && nav.classList.contains("is-open")) {
        setOpen(false);
        button.focus();
      }
    });
  }

  // The account menu (a details element) closes as menus do: on a click elsewhere and on Escape.
  function enhanceAccountMenu(menu) {
    document.addEventListener("click", function (event) {
      if (menu.open && !menu.contains(event.target)) {
        menu.open = false;
      }
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        event.stopPropagation();  // the phone's whole menu stays open
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  }

  // Tables stack into cards on a narrow screen (CSS): each cell is labelled with its column's heading.
  function labelCells(table) {
    var headings = table.querySelectorAll("thead th");
    if (!headings.length) {
      return;
    }
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        var heading = headings[column];
        if (heading && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", heading.textContent.trim());
        }
        column += cell.colSpan || 1;
      });
    });
  }

  // Filters fold away on a narrow screen unless some are in use.
  function foldFilters(details) {
    if (narrow.matches && !details.hasAttribute("data-filtered")) {
      details.open = false;
    }
  }

  function start() {
    document.querySelectorAll(".site-header nav").forEach(enhanceMenu);
    document.querySelectorAll("details[data-account-menu]").forEach(enhanceAccountMenu);
    document.querySelectorAll("main table").forEach(labelCells);
    document.querySelectorAll("details[data-fold-on-phone]").forEach(foldFilters);
    document.addEventListener("submit", markBusy);
    window.addEventListener("pageshow", resetBusy);
    document.querySelectorAll("[data-formset]").forEach(enhanceFormset);
    document.querySelectorAll("[data-repeat]").forEach(enhanceRepeat);
    document.querySelectorAll(".undo-form[data-undo-until]").forEach(enhanceUndo);
    document.querySelectorAll("input[list][data-tags]").forEach(enhanceTags);
    var summary = document.querySelector("[data-autofocus]");
    if (summary) {
      summary.focus();
    }
  }

  // A box of comma-separated tags: the browser suggests whole values from its datalist, so the
  // suggestions are rewritten to the tags typed so far plus each popular tag not yet among them.
  function enhanceTags(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) {
      return;
    }
    var popular = Array.prototype.map.call(list.options, function (option) { return option.value; });
    input.addEventListener("input", function () {
      var chosen = input.value.split(",").slice(0, -1).map(function (tag) { return tag.trim(); }).filter(Boolean);
      var taken = chosen.map(function (tag) { return tag.toLowerCase(); });
      var prefix = chosen.length ? chosen.join(", ") + ", " : "";
      list.replaceChildren.apply(list, popular.filter(function (tag) {
        return taken.indexOf(tag) === -1;
      }).map(function (tag) {
        var option = document.createElement("option");
        option.value = prefix + tag;
        return option;
      }));
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
