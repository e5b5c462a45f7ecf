// The event page's small map: the event's place on the same basemap as the dashboard.
"use strict";

async function eventMap() {
  const div = document.getElementById("event-map");
  if (!div || typeof L === "undefined") return;
  const lat = Number(div.dataset.lat), lon = Number(div.dataset.lon);
  const map = L.map(div, { minZoom: 1, maxZoom: 18, scrollWheelZoom: false }).setView([lat, lon], 5);
  await ewBasemap(map, div, (e) => { div.dataset.error = e.message; });
  L.circleMarker([lat, lon], { radius: 8, color: "#222", weight: 1, fillOpacity: 0.9,
    fillColor: EW_COLORS[div.dataset.type] || "#555", className: "event-marker" }).addTo(map);
  div.dataset.ready = "1";
}

document.addEventListener("DOMContentLoaded", eventMap);
