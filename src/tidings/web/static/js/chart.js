// Charts: the bars are server-drawn SVG (links with tooltips work without this script).
// This adds a legend that toggles a category's bars on and off.
(function () {
  "use strict";
  document.querySelectorAll("figure[data-chart]").forEach(function (figure) {
    figure.querySelectorAll(".legend .key[data-series]").forEach(function (key) {
      key.setAttribute("role", "button");
      key.setAttribute("tabindex", "0");
      key.setAttribute("aria-pressed", "true");
      function toggle() {
        var off = key.classList.toggle("off");
        key.setAttribute("aria-pressed", off ? "false" : "true");
        figure.querySelectorAll("rect.bar." + key.dataset.series).forEach(function (bar) {
          bar.classList.toggle("hidden", off);
        });
      }
      key.addEventListener("click", toggle);
      key.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); toggle(); }
      });
    });
  });
})();
