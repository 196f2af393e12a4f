// The actor network with Cytoscape (installed by `make web`); without it the page keeps
// its server-drawn SVG and table. Data comes from the JSON API named in data-src.
(function () {
  "use strict";
  var figure = document.getElementById("graph");
  if (!figure || typeof window.cytoscape !== "function") { return; }
  var colours = { PERSON: "#3c6fb4", ORG: "#8a5bb0", GPE: "#4d9a5b", LOC: "#b0823c" };
  fetch(figure.dataset.src, { headers: { Accept: "application/json" } })
    .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
    .then(function (g) {
      if (!g.nodes.length) { return; }
      var peak = Math.max.apply(null, g.nodes.map(function (n) { return n.events; })) || 1;
      var heaviest = Math.max.apply(null, g.edges.map(function (e) { return e.events; })) || 1;
      var box = document.createElement("div");
      box.className = "cy";
      figure.insertBefore(box, figure.firstChild);
      figure.classList.add("enhanced");
      var cy = window.cytoscape({
        container: box,
        elements: g.nodes.map(function (n) {
          return { data: { id: n.id, label: n.name, type: n.type || "", size: 12 + 30 * Math.sqrt(n.events / peak) } };
        }).concat(g.edges.map(function (e, i) {
          return { data: { id: "e" + i, source: e.source, target: e.target, width: 1 + 6 * e.events / heaviest, events: e.events } };
        })),
        style: [
          { selector: "node", style: { label: "data(label)", width: "data(size)", height: "data(size)",
            "font-size": 12, "text-valign": "top", "text-margin-y": -3, color: "#1d2430",
            "text-background-color": "#ffffff", "text-background-opacity": 0.75,
            "text-background-padding": 1, "background-color": "#888" } },
          { selector: "node[type = 'PERSON']", style: { "background-color": colours.PERSON } },
          { selector: "node[type = 'ORG']", style: { "background-color": colours.ORG } },
          { selector: "node[type = 'GPE']", style: { "background-color": colours.GPE } },
          { selector: "node[type = 'LOC']", style: { "background-color": colours.LOC } },
          { selector: "edge", style: { width: "data(width)", "line-color": "#9aa6b6", opacity: 0.7, "curve-style": "haystack" } },
          { selector: "node:selected", style: { "border-width": 3, "border-color": "#ffd54a" } }
        ],
        layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 400000,
          idealEdgeLength: 110, edgeElasticity: 80, gravity: 0.3, numIter: 2500, padding: 30 }
      });
      cy.on("tap", "node", function (ev) {
        window.location.href = "/actors/" + encodeURIComponent(ev.target.id());
      });
    })
    .catch(function (err) {
      figure.classList.remove("enhanced");
      console.warn("graph: keeping the server-drawn figure:", err);
    });
})();
