// The basemap shared by the dashboard and the event page: online tiles when the server was given a
// tile URL (data-tiles on the map's element), else the world's country borders from the
// world-atlas npm package, served locally (works with no internet).
"use strict";

// eslint-disable-next-line no-unused-vars
async function ewBasemap(map, div, onError) {
  const tiles = div.dataset.tiles;
  if (tiles) {
    // Leaflet puts the attribution in the page as HTML: give it the text, escaped
    const escaped = (div.dataset.attribution || "").replace(/[&<>"']/g, (c) => "&#" + c.charCodeAt(0) + ";");
    L.tileLayer(tiles, { attribution: escaped, maxZoom: 18 }).addTo(map);
    return;
  }
  try {
    const r = await fetch("/vendor/world-atlas/countries-50m.json");
    if (!r.ok) throw new Error(r.status + " " + r.statusText);
    const topo = await r.json();
    const land = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(land, { interactive: false,
      style: { color: "#8a8a8a", weight: 0.6, fillColor: "#f1efe8", fillOpacity: 1 } }).addTo(map);
    div.classList.add("offline-basemap");
  } catch (e) {
    onError(new Error("basemap: " + e.message));
  }
}

// eslint-disable-next-line no-unused-vars
const EW_COLORS = {
  "Battles": "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  "Protests": "#27ae60",
  "Riots": "#d63384",
  "Strategic developments": "#2c6fbb",
};
