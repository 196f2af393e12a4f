// Interactive API docs with swagger-ui-dist (installed by `make web`); without it the page
// keeps its server-rendered table of endpoints.
(function () {
  "use strict";
  var box = document.getElementById("swagger");
  if (!box || typeof window.SwaggerUIBundle !== "function") { return; }
  window.SwaggerUIBundle({ url: box.dataset.spec, domNode: box, deepLinking: false, validatorUrl: null });
  document.body.classList.add("enhanced-docs");
})();
