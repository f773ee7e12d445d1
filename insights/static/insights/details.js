// The research details page on a phone: the sections become a select showing one at a time, and the
// actions rail a menu that opens on demand. Wider screens show every section and the rail open.
// Without this file every section shows, one under the other, and the rail is open.
(function () {
  "use strict";

  var PHONE = window.matchMedia("(max-width: 699px)");

  function enhance(page) {
    var select = page.querySelector("[data-section-select]");
    var picker = select && select.closest(".section-picker");
    var sections = page.querySelectorAll("[data-section]");
    var menu = page.querySelector("[data-action-menu]");
    if (!select || !picker || !sections.length) {
      return;
    }
    function showChosen() {
      sections.forEach(function (section) {
        section.hidden = PHONE.matches && section.id !== select.value;
      });
    }
    function fit() {
      page.classList.toggle("js-sections", PHONE.matches);
      picker.hidden = !PHONE.matches;
      if (menu) {
        menu.open = !PHONE.matches;
      }
      showChosen();
    }
    var wanted = window.location.hash.slice(1);
    if (page.querySelector("[data-section]#" + CSS.escape(wanted || "none"))) {
      select.value = wanted;
    }
    select.addEventListener("change", function () {
      showChosen();
      window.history.replaceState(null, "", "#" + select.value);
    });
    PHONE.addEventListener("change", fit);
    fit();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-testid='research-details']").forEach(enhance);
  });
})();
