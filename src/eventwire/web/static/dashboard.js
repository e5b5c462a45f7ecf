// The eventwire dashboard: filters kept in the URL, a map, a timeline, facet counts and a sortable table
// of the same events. Data comes from the JSON API (/api/...): filtering, counting and sorting are done
// by the server, so they hold across pages. Every value taken from the data is put in the page with
// textContent or setAttribute, never innerHTML: article-derived text is untrusted.
"use strict";

const FILTERS = ["since", "until", "type", "country", "actor", "place", "text", "historical"];
// every parameter the dashboard's address may carry; another one is named in a note, not ignored silently
const KNOWN_PARAMS = [...FILTERS, "inview", "page", "interval", "metric", "sort"];
const FACET_TITLES = { country: "country", event_type: "event type", actor: "actor", month: "month" };
const NO_COORDS_LISTED = 10;
const PARAM_LABELS = { since: "from", until: "to", text: "search" };  // parameter -> the form's label  // events without coordinates named under the map (all are in the table)
const PAGE_SIZE = 50;
const MAP_LIMIT = 5000;  // the newest events drawn on the map
const COLORS = EW_COLORS;  // basemap.js
const SVG = "http://www.w3.org/2000/svg";

const state = { map: null, cluster: null, bbox: null, types: Object.keys(COLORS), seq: 0 };

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function svg(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  return e;
}

function color(type) {
  return COLORS[type] || "#555";
}

// ---- the URL is the state ------------------------------------------------------------------
function params() {
  return new URLSearchParams(window.location.search);
}

function filterQuery(withBBox) {
  const p = params();
  const q = new URLSearchParams();
  for (const k of FILTERS) if (p.get(k)) q.set(k, p.get(k));
  if (withBBox && p.get("inview") && state.bbox) q.set("bbox", state.bbox);
  return q;
}

function formToUrl() {
  const form = document.getElementById("filters");
  const p = params();
  for (const k of [...FILTERS, "inview"]) {
    const input = form.elements[k];
    const v = input.type === "checkbox" ? (input.checked ? input.value : "") : input.value.trim();
    if (v) p.set(k, v); else p.delete(k);
  }
  p.delete("page");
  history.pushState(null, "", "?" + p.toString());
}

function urlToForm() {
  const form = document.getElementById("filters");
  const p = params();
  for (const k of [...FILTERS, "inview"]) {
    const input = form.elements[k];
    if (input.type === "checkbox") input.checked = !!p.get(k);
    else input.value = p.get(k) || "";
  }
  document.getElementById("interval").value = p.get("interval") || "auto";
  document.getElementById("metric").value = p.get("metric") || "events";
}

function setParam(key, value) {
  const p = params();
  if (value) p.set(key, value); else p.delete(key);
  history.pushState(null, "", "?" + p.toString());
}

// the answer of an API call; an error carries the server's worded reason (a 422's "detail") and its status
async function getJSON(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  if (!r.ok) {
    let msg = r.status + " " + r.statusText;
    try {
      const body = await r.json();
      if (typeof body.detail === "string" && body.detail) msg = body.detail;
    } catch (e) { /* not JSON: the status says it */ }
    const err = new Error(msg);
    err.status = r.status;
    throw err;
  }
  return r.json();
}

function showError(err) {
  const box = document.getElementById("error");
  box.hidden = !err;
  if (!err) { box.textContent = ""; return; }
  // the API names parameters; the form shows some under another label: "since" is the "from" date
  const named = Object.keys(PARAM_LABELS).filter((k) => new RegExp("^" + k + "\\b|; " + k + "\\b").test(err.message));
  const where = named.map((k) => k + " is the \u201c" + PARAM_LABELS[k] + "\u201d field").join(", ");
  box.textContent = err.status === 422
    ? "These filters cannot be applied: " + err.message + (where ? " (" + where + ")" : "")
      + ". Change them above and press apply, or reset."
    : "Error: " + err.message;
}

// parameters in the address that the dashboard does not know (a typo such as date_from) are named
function noteUnknownParams() {
  const unknown = [...new Set([...params().keys()].filter((k) => !KNOWN_PARAMS.includes(k)))];
  const box = document.getElementById("url-note");
  box.hidden = !unknown.length;
  box.textContent = unknown.length
    ? "Ignored in the address: " + unknown.join(", ") + " (not a filter; the filters are " + FILTERS.join(", ") + ")."
    : "";
}

// on a failed load nothing stale is left that would look like the answer to the new filters
function clearView() {
  document.querySelector("#events-table tbody").replaceChildren();
  document.getElementById("count").textContent = "";
  document.getElementById("page").textContent = "";
  document.getElementById("prev").disabled = document.getElementById("next").disabled = true;
  document.getElementById("facet-list").replaceChildren();
  document.getElementById("timeline").replaceChildren();
  document.body.dataset.failed = String(state.seq);
}

// ---- map ------------------------------------------------------------------------------------
async function initMap() {
  const div = document.getElementById("map");
  const map = L.map(div, { worldCopyJump: true, minZoom: 1, maxZoom: 18 }).setView([15, 10], 2);
  await ewBasemap(map, div, showError);
  state.cluster = L.markerClusterGroup({ maxClusterRadius: 35, showCoverageOnHover: false,
    iconCreateFunction: clusterIcon });
  map.addLayer(state.cluster);
  map.on("moveend", () => {
    const b = map.getBounds();
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    state.bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
      clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].map((x) => x.toFixed(4)).join(",");
    if (params().get("inview")) loadView();
  });
  state.map = map;
}

// a cluster: its count, ringed in the colour of its most frequent event type, sized by its fatalities
function clusterIcon(cluster) {
  const children = cluster.getAllChildMarkers();
  const byType = new Map();
  let dead = 0;
  for (const m of children) {
    byType.set(m.options.eventType, (byType.get(m.options.eventType) || 0) + 1);
    dead += m.options.fatalities || 0;
  }
  const top = [...byType.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const size = Math.round(28 + 4 * Math.sqrt(dead));
  const div = el("div", { class: "cluster-ring" });
  div.style.borderColor = color(top);
  div.style.width = div.style.height = size + "px";
  div.append(el("span", {}, children.length));
  return L.divIcon({ html: div, className: "marker-cluster", iconSize: L.point(size, size) });
}

function popup(props) {
  const box = el("div", { class: "popup" });
  const a = el("a", { href: "/events/" + encodeURIComponent(props.event_id) }, props.sub_event_type);
  box.append(a, el("div", {}, [props.date || "date unknown", props.location, props.country].filter(Boolean).join(" | ")));
  if (props.actor1) box.append(el("div", {}, props.actor1 + (props.actor2 ? " vs " + props.actor2 : "")));
  if (props.fatalities) box.append(el("div", {}, props.fatalities + " killed"));
  return box;
}

function drawMap(fc, fit) {
  state.cluster.clearLayers();
  const markers = [];
  const unplaced = [];
  for (const f of fc.features) {
    if (!f.geometry) { unplaced.push(f.properties); continue; }
    const [lon, lat] = f.geometry.coordinates;
    const p = f.properties;
    const dead = p.fatalities || 0;
    const m = L.circleMarker([lat, lon], { radius: 6 + 3 * Math.sqrt(dead), color: "#222", weight: 1,
      fillColor: color(p.event_type), fillOpacity: 0.85, className: "event-marker",
      eventType: p.event_type, fatalities: dead });
    m.bindPopup(() => popup(p));
    markers.push(m);
  }
  state.cluster.addLayers(markers);
  document.getElementById("map").dataset.markers = String(markers.length);
  drawUnplaced(unplaced);
  if (fit && markers.length) state.map.fitBounds(L.featureGroup(markers).getBounds().pad(0.3), { maxZoom: 6, animate: false });
}

// the events the map cannot show are said and named, never silently left out
function drawUnplaced(unplaced) {
  const box = document.getElementById("no-coords");
  const list = document.getElementById("no-coords-list");
  list.replaceChildren();
  box.hidden = !unplaced.length;
  box.dataset.count = String(unplaced.length);
  const n = unplaced.length;
  document.getElementById("no-coords-note").textContent = n
    ? n + (n === 1 ? " event has" : " events have") + " no coordinates and " + (n === 1 ? "is" : "are")
      + " not on the map: listed below and in the table (marked \u201cnot on map\u201d)."
    : "";
  for (const p of unplaced.slice(0, NO_COORDS_LISTED)) {
    const li = el("li");
    li.append(el("a", { href: "/events/" + encodeURIComponent(p.event_id) }, p.sub_event_type),
      document.createTextNode(" " + [p.date || "date unknown", p.location, p.country].filter(Boolean).join(" | ")));
    list.append(li);
  }
  if (n > NO_COORDS_LISTED) list.append(el("li", { class: "hint" }, "and " + (n - NO_COORDS_LISTED) + " more in the table"));
}

function drawLegend() {
  const box = document.getElementById("legend");
  box.replaceChildren();
  for (const t of state.types) {
    const item = el("span", { class: "legend-item" });
    const dot = el("span", { class: "dot" });
    dot.style.background = color(t);
    item.append(dot, document.createTextNode(t));
    box.append(item);
  }
  box.append(el("span", { class: "legend-item" }, "size: fatalities"));
}

// ---- timeline (plain SVG) -------------------------------------------------------------------
function periodEnd(period, interval) {
  if (interval === "month") {
    const [y, m] = period.split("-").map(Number);
    return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  }
  if (interval === "week") {
    const d = new Date(period + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + 6);
    return d.toISOString().slice(0, 10);
  }
  return period;
}

function drawTimeline(stats, metric) {
  const box = document.getElementById("timeline");
  box.replaceChildren();
  // every period from the first to the last, those without events too: the axis is to scale
  const periods = stats.periods.map((p) => p.period);
  if (!periods.length) {
    box.append(el("p", { class: "none" }, "No dated events match."));
    return;
  }
  const byPeriod = new Map(periods.map((p) => [p, []]));
  for (const b of stats.buckets) byPeriod.get(b.period).push(b);
  const value = (b) => (metric === "fatalities" ? b.fatalities : b.events);
  const totals = periods.map((p) => byPeriod.get(p).reduce((s, b) => s + value(b), 0));
  const max = Math.max(1, ...totals);
  const W = Math.max(box.clientWidth || 600, 300), H = 300, left = 34, bottom = 34, top = 8;
  const slot = (W - left - 10) / periods.length;
  const bw = Math.max(1, Math.min(40, slot - 2));
  const s = svg("svg", { width: W, height: H, role: "img", "aria-label": "timeline of " + metric });
  const y = (v) => top + (H - top - bottom) * (1 - v / max);
  s.append(svg("line", { x1: left, y1: H - bottom, x2: W - 4, y2: H - bottom, stroke: "#999" }));
  const axis = svg("text", { x: 2, y: top + 10, "font-size": 10, fill: "#555" });
  axis.textContent = String(max);
  s.append(axis);
  const every = Math.max(1, Math.ceil(72 / slot));
  periods.forEach((p, i) => {
    const x = left + i * slot;
    if (i % every === 0) {
      const lab = svg("text", { x, y: H - bottom + 14, "font-size": 10, fill: "#444" });
      lab.textContent = p;
      s.append(lab);
    }
    if (!byPeriod.get(p).length) return;
    let acc = 0;
    const g = svg("g", { class: "bar", "data-period": p });
    g.append(svg("rect", { class: "hit", x, y: top, width: bw, height: H - top - bottom, fill: "transparent" }));
    for (const b of byPeriod.get(p).sort((a, c) => a.group.localeCompare(c.group))) {
      const v = value(b);
      if (!v) continue;
      const r = svg("rect", { class: "part", x, y: y(acc + v), width: bw, height: y(acc) - y(acc + v), fill: color(b.group) });
      const t = svg("title");
      t.textContent = p + " " + b.group + ": " + v + " " + metric;
      r.append(t);
      g.append(r);
      acc += v;
    }
    g.addEventListener("click", () => {
      const q = params();
      q.set("since", p.length === 7 ? p + "-01" : p);
      q.set("until", periodEnd(p, stats.interval));
      q.delete("page");
      history.pushState(null, "", "?" + q.toString());
      urlToForm();
      loadAll(false);
    });
    s.append(g);
  });
  box.append(s);
  const empty = stats.periods.filter((p) => !p.events).length;
  box.dataset.periods = String(periods.length);
  box.append(el("p", { class: "hint" }, "per " + stats.interval + ", " + metric + " by event type; "
    + periods.length + " " + stats.interval + "s on a time axis to scale" + (empty ? ", " + empty + " without events" : "")));
  if (stats.undated) box.append(el("p", { class: "hint" }, stats.undated + " undated event(s) not shown"));
}

// ---- table ----------------------------------------------------------------------------------
function drawTable(pageData, page) {
  const body = document.querySelector("#events-table tbody");
  body.replaceChildren();
  for (const r of pageData.items) {
    const tr = el("tr", { "data-event-id": r.event_id, "data-country": r.country || "" });
    const link = el("a", { href: "/events/" + encodeURIComponent(r.event_id) }, r.date || "?");
    const cells = [null, r.event_type, r.sub_event_type, r.location || "-", r.country || "-", r.actor1 || "-",
      r.actor2 || "-", r.fatalities === null || r.fatalities === undefined ? "-" : r.fatalities, r.n_sources];
    cells.forEach((c, i) => {
      const td = el("td", {}, i === 0 ? undefined : c);
      if (i === 0) td.append(link);
      if (i === 1) td.style.borderLeft = "4px solid " + color(r.event_type);
      if (i === 3 && (r.latitude === null || r.latitude === undefined)) {
        tr.classList.add("no-coords");
        td.append(" ", el("span", { class: "chip" }, "not on map"));
      }
      tr.append(td);
    });
    body.append(tr);
  }
  document.getElementById("count").textContent = "(" + pageData.total + ")";
  const pages = Math.max(1, Math.ceil(pageData.total / PAGE_SIZE));
  document.getElementById("page").textContent = "page " + (page + 1) + " of " + pages;
  document.getElementById("prev").disabled = page <= 0;
  document.getElementById("next").disabled = page + 1 >= pages;
}

// ---- facets (counted by the server: /api/facets) ------------------------------------------------
function facetActive(v) {
  const p = params();
  return !!v.params && Object.entries(v.params).every(([k, x]) => p.get(k) === x);
}

function drawFacets(data) {
  const box = document.getElementById("facet-list");
  box.replaceChildren();
  for (const f of data.facets) {
    const sec = el("section", { class: "facet", "data-facet": f.name });
    const more = f.distinct > f.values.length ? " (" + f.values.length + " of " + f.distinct + ")" : "";
    sec.append(el("h3", {}, FACET_TITLES[f.name] + more));
    const ul = el("ul");
    if (!f.values.length) ul.append(el("li", { class: "none" }, "none"));
    for (const v of f.values) {
      const li = el("li");
      const active = facetActive(v);
      const item = el(v.params ? "button" : "span", { class: "facet-value" + (active ? " active" : ""),
        "data-value": v.value === null ? "" : v.value, "data-count": v.count });
      if (v.params) {
        item.setAttribute("type", "button");
        item.setAttribute("title", active ? "remove this filter" : "filter on " + v.label);
        item.addEventListener("click", () => {
          const q = params();
          for (const k of f.params) q.delete(k);
          if (!active) for (const [k, x] of Object.entries(v.params)) q.set(k, x);
          q.delete("page");
          history.pushState(null, "", "?" + q.toString());
          urlToForm();
          loadAll(true);
        });
      }
      item.append(el("span", { class: "facet-label" }, v.label), el("span", { class: "facet-count" }, v.count));
      li.append(item);
      ul.append(li);
    }
    sec.append(ul);
    box.append(sec);
  }
}

// ---- sorting (server-side: /api/events?sort=, so the order holds across pages) -------------------
function drawSortHeaders() {
  const sort = params().get("sort") || "";
  for (const th of document.querySelectorAll("#events-table th[data-sort]")) {
    const key = th.dataset.sort;
    th.setAttribute("aria-sort", sort === key ? "ascending" : sort === "-" + key ? "descending" : "none");
  }
}

function initSortHeaders() {
  for (const th of document.querySelectorAll("#events-table th[data-sort]")) {
    th.querySelector("button").addEventListener("click", () => {
      const key = th.dataset.sort;
      const now = params().get("sort") || "";
      const first = (th.dataset.first || "") + key;  // dates and counts: largest first
      const other = first.startsWith("-") ? key : "-" + key;
      const q = params();
      q.set("sort", now === first ? other : first);
      q.delete("page");
      history.pushState(null, "", "?" + q.toString());
      loadView();
    });
  }
}

function updateExports() {
  const q = filterQuery(true).toString();
  document.getElementById("export-csv").href = "/api/events.csv" + (q ? "?" + q : "");
  document.getElementById("export-geojson").href = "/api/events.geojson?" + (q ? q + "&" : "") + "download=true";
}

// ---- loading --------------------------------------------------------------------------------
async function loadView() {
  const seq = ++state.seq;
  const p = params();
  const page = Math.max(0, parseInt(p.get("page") || "0", 10) || 0);
  const q = filterQuery(true);
  const sq = new URLSearchParams(q);
  sq.set("interval", document.getElementById("interval").value);
  const lq = new URLSearchParams(q);
  lq.set("limit", PAGE_SIZE);
  lq.set("offset", page * PAGE_SIZE);
  if (p.get("sort")) lq.set("sort", p.get("sort"));
  updateExports();
  drawSortHeaders();
  noteUnknownParams();
  try {
    const [pageData, stats, facets] = await Promise.all([getJSON("/api/events?" + lq),
      getJSON("/api/stats?" + sq), getJSON("/api/facets?" + q)]);
    if (seq !== state.seq) return;  // a newer request has started
    drawTable(pageData, page);
    drawTimeline(stats, document.getElementById("metric").value);
    drawFacets(facets);
    showError(null);
    document.body.dataset.loaded = String(seq);
  } catch (e) {
    if (seq !== state.seq) return;
    clearView();
    showError(e);
  }
}

async function loadAll(fit) {
  try {
    const q = filterQuery(false);
    q.set("limit", MAP_LIMIT);
    const fc = await getJSON("/api/events.geojson?" + q);
    drawMap(fc, fit);
    document.getElementById("map-note").textContent = fc.features.length >= MAP_LIMIT
      ? "the map shows the newest " + MAP_LIMIT + " events of this filter" : "";
  } catch (e) {
    drawMap({ features: [] }, false);
    showError(e);
  }
  await loadView();
}

async function main() {
  urlToForm();
  try {
    const meta = await getJSON("/api/meta");
    state.types = meta.event_types;
    const sel = document.getElementById("filters").elements.type;
    for (const t of meta.event_types) sel.append(el("option", { value: t }, t));
    sel.value = params().get("type") || "";
  } catch (e) { showError(e); }
  drawLegend();
  initSortHeaders();
  await initMap();
  document.getElementById("filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    formToUrl();
    loadAll(true);
  });
  document.getElementById("reset").addEventListener("click", () => {
    history.pushState(null, "", window.location.pathname);
    urlToForm();
    loadAll(true);
  });
  for (const id of ["interval", "metric"]) {
    document.getElementById(id).addEventListener("change", (ev) => { setParam(id, ev.target.value); loadView(); });
  }
  document.getElementById("prev").addEventListener("click", () => {
    setParam("page", String(Math.max(0, (parseInt(params().get("page") || "0", 10) || 0) - 1)));
    loadView();
  });
  document.getElementById("next").addEventListener("click", () => {
    setParam("page", String((parseInt(params().get("page") || "0", 10) || 0) + 1));
    loadView();
  });
  window.addEventListener("popstate", () => { urlToForm(); loadAll(false); });
  await loadAll(true);
}

document.addEventListener("DOMContentLoaded", main);
