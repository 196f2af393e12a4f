// The map with Leaflet and country outlines from world-atlas (installed by `make web`),
// drawn without any tile server, so it works offline. Without them the page keeps its
// server-drawn SVG and table. Places come from the JSON API named in data-src.
(function () {
  "use strict";
  var figure = document.getElementById("map");
  if (!figure || !window.L || !window.topojson) { return; }
  var json = function (url) {
    return fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
  };
  // Rings that cross the antimeridian jump from +180 to -180 degrees; on a flat map that
  // draws a line across the world, so keep each ring's longitudes continuous instead.
  var unwrapRing = function (ring) {
    for (var i = 1; i < ring.length; i++) {
      var d = ring[i][0] - ring[i - 1][0];
      if (d > 180) { ring[i] = [ring[i][0] - 360, ring[i][1]]; }
      else if (d < -180) { ring[i] = [ring[i][0] + 360, ring[i][1]]; }
    }
  };
  var unwrap = function (feature) {
    var g = feature.geometry;
    if (!g) { return; }
    var polygons = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    polygons.forEach(function (polygon) { polygon.forEach(unwrapRing); });
  };
  var outlines = figure.dataset.outlines ? json(figure.dataset.outlines) : Promise.resolve(null);
  Promise.all([json(figure.dataset.src), outlines]).then(function (res) {
    var places = res[0].filter(function (p) { return p.lat !== null && p.lon !== null; });
    var box = document.createElement("div");
    box.className = "leaflet";
    figure.insertBefore(box, figure.firstChild);
    figure.classList.add("enhanced");
    var map = window.L.map(box, { worldCopyJump: true, attributionControl: false });
    map.setView([42, 45], 4);  // the South Caucasus, until the places are known
    if (res[1]) {
      var countries = window.topojson.feature(res[1], res[1].objects.countries);
      countries.features.forEach(unwrap);
      window.L.geoJSON(countries, {
        style: { color: "#8aa0b6", weight: 0.8, fillColor: "#ffffff", fillOpacity: 1 },
        interactive: false
      }).addTo(map);
    }
    var peak = Math.max.apply(null, places.map(function (p) { return p.events; }).concat([1]));
    var markers = places.map(function (p) {
      var marker = window.L.circleMarker([p.lat, p.lon], {
        radius: 4 + 10 * Math.sqrt(p.events / peak), weight: 1, color: "#fff",
        fillColor: p.layer === "event" ? "#c0473a" : "#3c6fb4", fillOpacity: 0.85
      });
      var link = document.createElement("a");
      link.href = "/actors/" + encodeURIComponent(p.id);
      link.textContent = p.name + ": " + p.events + " events";
      marker.bindPopup(link);
      marker.bindTooltip(p.name);
      return marker.addTo(map);
    });
    if (markers.length) {
      map.fitBounds(window.L.featureGroup(markers).getBounds().pad(0.3), { maxZoom: 6 });
    }
  }).catch(function (err) {
    figure.classList.remove("enhanced");
    console.warn("map: keeping the server-drawn figure:", err);
  });
})();
