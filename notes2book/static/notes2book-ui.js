/* The site's panels on every width. pydata-sphinx-theme and sphinx-book-theme bind the menu (☰)
   and contents buttons to the FIRST `.primary-toggle` / `.secondary-toggle` of the page: the
   header's, which sphinx-book-theme never shows (pydata-sphinx-theme#2451). The buttons a reader
   sees, in the article's header, do nothing. Here a click on a visible button is passed on to the
   bound one, so the themes' own code opens the panel: a dialog on narrow screens, the sidebar
   shown or hidden on wide ones. The buttons also say whether their panel is open. */
(function () {
  "use strict";
  function ready(callback) {
    if (document.readyState !== "loading") {
      callback();
    } else {
      document.addEventListener("DOMContentLoaded", callback);
    }
  }
  var PANELS = {
    "primary-toggle": ["pst-primary-sidebar", "pst-primary-sidebar-modal"],
    "secondary-toggle": ["pst-secondary-sidebar", "pst-secondary-sidebar-modal"],
  };
  /* sphinx-book-theme shows or hides the menu in place from 992 px on; below, and for the
     contents at any width where its button shows, the themes open a dialog. */
  var WIDE = window.matchMedia("(min-width: 992px)");
  function isOpen(kind) {
    var sidebar = document.getElementById(PANELS[kind][0]);
    var dialog = document.getElementById(PANELS[kind][1]);
    if (kind === "primary-toggle" && WIDE.matches) {
      return !!sidebar && !sidebar.classList.contains("pst-sidebar-hidden");
    }
    return !!dialog && dialog.open;
  }
  ready(function () {
    Object.keys(PANELS).forEach(function (kind) {
      var bound = document.querySelector("." + kind);
      var buttons = Array.prototype.filter.call(document.querySelectorAll("." + kind), function (button) {
        return button !== bound;
      });
      if (!bound) {
        return;
      }
      function update() {
        var open = isOpen(kind);
        buttons.forEach(function (button) {
          button.setAttribute("aria-expanded", open ? "true" : "false");
        });
      }
      buttons.forEach(function (button) {
        button.setAttribute("aria-controls", PANELS[kind][0]);
        button.addEventListener("click", function (event) {
          event.preventDefault();
          bound.click();
          update();
        });
      });
      var dialog = document.getElementById(PANELS[kind][1]);
      if (dialog) {
        /* After the theme's own listener has put the panel back in its place. */
        dialog.addEventListener("close", function () { setTimeout(update, 0); });
      }
      window.addEventListener("resize", update);
      update();
    });
  });
})();
