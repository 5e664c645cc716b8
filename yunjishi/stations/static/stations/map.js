// The station map: Leaflet from /static/vendor/leaflet/, tiles from the STATIONS_TILE_URL
// setting. Coordinates arrive already converted for the tiles (GCJ-02 for 高德-style tiles).
// Without tiles (an intranet with no tile server) the markers still stand where they are
// relative to each other and to the worker, with a scale bar.
(function () {
  var element = document.getElementById("station-map");
  if (!element || !window.L) return;
  var points = JSON.parse(document.getElementById("station-points").textContent) || [];
  var centre = JSON.parse(document.getElementById("station-centre").textContent);
  var tiles = JSON.parse(document.getElementById("station-tiles").textContent);
  L.Icon.Default.imagePath = element.dataset.images || "/static/vendor/leaflet/images/";
  var map = L.map(element);
  if (tiles.url) {
    L.tileLayer(tiles.url, { maxZoom: 18, attribution: tiles.attribution || "", subdomains: "1234" }).addTo(map);
  }
  L.control.scale({ metric: true, imperial: false }).addTo(map);
  var bounds = [];
  points.forEach(function (p) {
    var marker = L.marker([p.lat, p.lon]).addTo(map);
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = p.name + (p.distance ? " · " + p.distance : "");
    marker.bindPopup(link);
    bounds.push([p.lat, p.lon]);
  });
  if (centre) {
    L.circleMarker(centre, { radius: 7, color: "#c8102e" }).addTo(map);
    bounds.push(centre);
  }
  if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 16 });
  else map.setView([35, 105], 4);
})();
