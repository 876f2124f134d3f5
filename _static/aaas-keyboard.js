/* Keyboard access to the book's tables (loaded on every page by jupyter-book from _static/).
 *
 * A table that scrolls sideways inside itself must take the keyboard focus so that it can
 * be scrolled with the arrow keys (axe-core rule scrollable-region-focusable).  The theme
 * does it for code and notebook outputs; this does it for the tables and their frames, on
 * load and when the window is resized.  A table that does not scroll is left as it is.
 */
(function () {
  "use strict";
  var SCROLLERS = "article table, article .aaas-scrolling, article .pst-scrollable-table-container";

  function update() {
    document.querySelectorAll(SCROLLERS).forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1 && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
      }
    });
  }

  var timer = null;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 300);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
})();
