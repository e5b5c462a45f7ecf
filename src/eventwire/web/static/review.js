// Review in the browser: the queue page (/review) and the review panel of an event page. Every action is
// one request to the documented API (/api/events/{id}/accept, ... see /docs); the reviewer's token is
// kept in this tab's sessionStorage and sent only in the Authorization header (never a cookie, never
// the URL). Values from the data go into the page with textContent, never innerHTML.
"use strict";

const TOKEN_KEY = "eventwire.token";
const REVIEWER_KEY = "eventwire.reviewer";
let WRITABLE = true;  // /api/meta: a read-only server offers no sign-in

function rel(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function token() {
  return sessionStorage.getItem(TOKEN_KEY) || "";
}

async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (token()) headers.Authorization = "Bearer " + token();
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
                                credentials: "omit" });
  let data = null;
  try { data = await r.json(); } catch (e) { data = null; }
  if (!r.ok) {
    const detail = data && data.detail;
    const msg = Array.isArray(detail) ? detail.map((d) => d.msg || String(d)).join("; ") : (detail || r.statusText);
    const err = new Error(msg);
    err.status = r.status;
    throw err;
  }
  return data;
}

function say(text, isError) {
  const box = document.getElementById("review-message");
  if (!box) return;
  box.textContent = text;
  box.className = isError ? "error" : "ok";
  box.hidden = !text;
}

// ---- signing in: a token checked with /api/whoami -----------------------------------------------
function showReviewer() {
  const who = sessionStorage.getItem(REVIEWER_KEY);
  for (const e of document.querySelectorAll("[data-signed-in]")) e.hidden = !who;
  for (const e of document.querySelectorAll("[data-signed-out]")) e.hidden = !!who || !WRITABLE;
  const name = document.getElementById("reviewer-name");
  if (name) name.textContent = who || "";
  return who;
}

function setupSignIn(onChange) {
  const form = document.getElementById("sign-in");
  if (!form) return;
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const t = form.elements.token.value.trim();
    sessionStorage.setItem(TOKEN_KEY, t);
    try {
      const me = await api("GET", "/api/whoami");
      sessionStorage.setItem(REVIEWER_KEY, me.reviewer);
      form.reset();
      say("");
    } catch (e) {
      sessionStorage.removeItem(TOKEN_KEY);
      sessionStorage.removeItem(REVIEWER_KEY);
      say("That token was not accepted: " + e.message, true);
    }
    showReviewer();
    if (onChange) onChange();
  });
  const out = document.getElementById("sign-out");
  if (out) out.addEventListener("click", () => {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(REVIEWER_KEY);
    showReviewer();
    if (onChange) onChange();
  });
  showReviewer();
}

function typingInForm(ev) {
  const t = ev.target;
  return t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA");
}

// ---- the queue ----------------------------------------------------------------------------------
const queue = { items: [], at: 0 };

function queueFilters() {
  const p = new URLSearchParams(window.location.search);
  const q = new URLSearchParams();
  for (const k of ["type", "country", "since", "until", "actor", "place", "text"]) if (p.get(k)) q.set(k, p.get(k));
  return q;
}

async function loadQueue() {
  const q = queueFilters();
  q.set("limit", "100");
  const body = await api("GET", "/api/review/queue?" + q.toString());
  queue.items = body.items;
  queue.at = Math.min(queue.at, Math.max(0, body.items.length - 1));
  document.getElementById("queue-left").textContent = `${body.left} event(s) left to review`;
  const reasons = document.getElementById("queue-reasons");
  reasons.replaceChildren();
  for (const [k, n] of Object.entries(body.reasons)) reasons.append(rel("li", { "data-reason": k }, `${k.replace("_", " ")}: ${n}`));
  const list = document.getElementById("queue-list");
  list.replaceChildren();
  body.items.forEach((it, i) => {
    const e = it.event;
    const li = rel("li", { "data-event-id": e.event_id, "data-version": String(e.version), class: "queue-item" });
    const a = rel("a", { href: "/events/" + encodeURIComponent(e.event_id) }, `${e.sub_event_type}`);
    li.append(a, rel("span", { class: "queue-what" },
      ` ${e.date || "undated"} · ${[e.location, e.country].filter(Boolean).join(", ") || "no place"} · ${e.actor1 || "no actor"}`),
      rel("span", { class: "queue-why" }, ` (need ${it.need}: ${it.reasons.join(", ") || "none"})`));
    li.addEventListener("click", () => { queue.at = i; mark(); });
    list.append(li);
  });
  document.getElementById("queue-empty").hidden = body.items.length > 0;
  mark();
}

function mark() {
  document.querySelectorAll(".queue-item").forEach((li, i) => li.classList.toggle("current", i === queue.at));
  const cur = document.querySelectorAll(".queue-item")[queue.at];
  if (cur) cur.scrollIntoView({ block: "nearest" });
}

function currentItem() {
  return queue.items[queue.at];
}

async function decide(action, reason) {
  const it = currentItem();
  if (!it) return;
  const e = it.event;
  const body = { version: e.version };
  if (reason) body.reason = reason;
  try {
    await api("POST", `/api/events/${encodeURIComponent(e.event_id)}/${action}`, body);
    say(`${e.event_id}: ${action === "accept" ? "accepted" : "rejected"}`);
    await loadQueue();
  } catch (err) {
    say(err.status === 409 ? "That event changed since it was loaded; the queue is reloaded. " + err.message
                           : err.message, true);
    await loadQueue();
  }
}

function askReason(then) {
  const form = document.getElementById("reject-form");
  form.hidden = false;
  form.elements.reason.value = "";
  form.elements.reason.focus();
  form.onsubmit = (ev) => {
    ev.preventDefault();
    const reason = form.elements.reason.value.trim();
    if (!reason) { say("A reason is required to reject an event.", true); return; }
    form.hidden = true;
    then(reason);
  };
}

function queueKeys(ev) {
  if (typingInForm(ev) || ev.ctrlKey || ev.metaKey || ev.altKey) {
    if (ev.key === "Escape") document.getElementById("reject-form").hidden = true;
    return;
  }
  const k = ev.key;
  if (k === "j" || k === "ArrowDown") { queue.at = Math.min(queue.at + 1, queue.items.length - 1); mark(); }
  else if (k === "k" || k === "ArrowUp") { queue.at = Math.max(queue.at - 1, 0); mark(); }
  else if (k === "a") decide("accept");
  else if (k === "r") askReason((reason) => decide("reject", reason));
  else if (k === "o" || k === "Enter") {
    const it = currentItem();
    if (it) window.location.href = "/events/" + encodeURIComponent(it.event.event_id) + "?from=review";
  } else if (k === "?") document.getElementById("keys").toggleAttribute("open");
  else return;
  ev.preventDefault();
}

function queueFilterForm() {
  const form = document.getElementById("queue-filters");
  if (!form) return;
  const p = new URLSearchParams(window.location.search);
  for (const el of form.elements) if (el.name && p.get(el.name)) el.value = p.get(el.name);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const el of form.elements) if (el.name && el.value.trim()) q.set(el.name, el.value.trim());
    history.pushState(null, "", "?" + q.toString());
    queue.at = 0;
    loadQueue().catch((e) => say(e.message, true));
  });
}

async function queuePage() {
  queueFilterForm();
  const meta = await api("GET", "/api/meta").catch(() => null);
  WRITABLE = !meta || meta.writable;
  setupSignIn(() => showReviewer() && loadQueue().catch((e) => say(e.message, true)));
  document.addEventListener("keydown", queueKeys);
  if (showReviewer()) await loadQueue().catch((e) => say(e.message, true));
  document.body.dataset.ready = "1";
}

// ---- the event page's panel ---------------------------------------------------------------------
const panel = { ev: null, meta: null };

async function loadEvent() {
  const id = document.querySelector("article.event").dataset.eventId;
  const d = await api("GET", "/api/events/" + encodeURIComponent(id));
  panel.ev = d.event;
  document.getElementById("review-status").textContent = d.event.status;
  document.getElementById("review-version").textContent = String(d.event.version);
  const pinned = document.getElementById("review-pinned");
  pinned.replaceChildren();
  for (const f of d.event.pinned || []) {
    const m = (d.event.machine || {})[f];
    pinned.append(rel("li", { "data-field": f }, `${f}: ${JSON.stringify(d.event[f])} (the machine says ${JSON.stringify(m)})`));
  }
  fillForm(d.event);
}

function fillForm(e) {
  const f = document.getElementById("edit-form");
  const sel = f.elements.sub_event_type;
  if (!sel.options.length && panel.meta) {
    for (const [type, subs] of Object.entries(panel.meta.sub_event_types)) {
      const g = rel("optgroup", { label: type });
      for (const s of subs) g.append(rel("option", { value: s }, s));
      sel.append(g);
    }
  }
  sel.value = e.sub_event_type;
  f.elements.date.value = e.date || "";
  f.elements.date_precision.value = e.date_precision || "day";
  f.elements.place.value = [e.location, e.admin1, e.country].filter(Boolean).join(", ");
  f.dataset.place = "";
  for (const k of ["actor1", "actor2"]) f.elements[k].value = e[k] || "";
  for (const k of ["fatalities", "injured", "arrested"]) {
    f.elements[k].value = e[k] === null || e[k] === undefined ? "" : e[k];
    f.elements[k + "_qualifier"].value = e[k + "_qualifier"] || "";
  }
  f.elements.historical.checked = !!e.historical;
}

function changes() {
  const f = document.getElementById("edit-form");
  const e = panel.ev;
  const out = {};
  if (f.elements.sub_event_type.value !== e.sub_event_type) out.sub_event_type = f.elements.sub_event_type.value;
  const date = f.elements.date.value.trim() || null;
  if (date !== (e.date || null) || f.elements.date_precision.value !== e.date_precision) {
    out.date = date;
    out.date_precision = f.elements.date_precision.value;
  }
  if (f.dataset.place) Object.assign(out, JSON.parse(f.dataset.place));
  for (const k of ["actor1", "actor2"]) {
    const v = f.elements[k].value.trim() || null;
    if (v !== (e[k] || null)) out[k] = v;
  }
  for (const k of ["fatalities", "injured", "arrested"]) {
    const raw = f.elements[k].value.trim();
    const v = raw === "" ? null : Number(raw);
    if (v !== (e[k] === undefined ? null : e[k])) out[k] = v;
    const q = f.elements[k + "_qualifier"].value || null;
    if (q !== (e[k + "_qualifier"] || null)) out[k + "_qualifier"] = q;
  }
  if (f.elements.historical.checked !== !!e.historical) out.historical = f.elements.historical.checked;
  return out;
}

async function act(method, path, body, done) {
  try {
    const r = await api(method, path, body);
    say(done(r));
    await loadEvent();
    await loadHistory();
    return r;
  } catch (err) {
    say(err.status === 409 ? "Not saved: " + err.message : err.message, true);
    if (err.status === 409) await loadEvent();
    return null;
  }
}

function eventPath(suffix) {
  return "/api/events/" + encodeURIComponent(panel.ev.event_id) + (suffix || "");
}

function suggest(input, listId, url) {
  let seq = 0;
  input.addEventListener("input", async () => {
    const q = input.value.trim();
    if (q.length < 2) return;
    const mine = ++seq;
    const items = await api("GET", url(q)).catch(() => []);
    if (mine !== seq) return;
    const list = document.getElementById(listId);
    list.replaceChildren();
    for (const it of items) {
      const label = typeof it === "string" ? it : [it.location, it.admin1, it.country].filter(Boolean).join(", ");
      const opt = rel("option", { value: label });
      if (typeof it !== "string") opt.dataset.place = JSON.stringify({ location: it.location, admin1: it.admin1,
        country: it.country, latitude: it.latitude, longitude: it.longitude, geonameid: it.geonameid,
        place_level: it.place_level });
      list.append(opt);
    }
  });
}

function setupPanel() {
  const f = document.getElementById("edit-form");
  suggest(f.elements.place, "place-choices", (q) => "/api/places?q=" + encodeURIComponent(q));
  f.elements.place.addEventListener("change", () => {
    const opt = [...document.getElementById("place-choices").options].find((o) => o.value === f.elements.place.value);
    f.dataset.place = opt ? opt.dataset.place : "";
  });
  for (const k of ["actor1", "actor2"]) {
    suggest(f.elements[k], "actor-choices", (q) => "/api/actors?q=" + encodeURIComponent(q)
      + (panel.ev && panel.ev.country ? "&country=" + encodeURIComponent(panel.ev.country) : ""));
  }
  f.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const set = changes();
    if (!Object.keys(set).length) { say("Nothing changed."); return; }
    await act("PATCH", eventPath(), { version: panel.ev.version, set, reason: f.elements.reason.value.trim() || null },
      (r) => `Saved: ${Object.keys(set).join(", ")} (version ${r.version}).`);
  });
  document.getElementById("btn-accept").addEventListener("click", () => accept());
  document.getElementById("btn-reject").addEventListener("click", () => reject());
  document.getElementById("btn-reopen").addEventListener("click", () =>
    act("POST", eventPath("/reopen"), { version: panel.ev.version }, () => "Back to unreviewed."));
  document.getElementById("merge-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const other = ev.target.elements.other.value.trim();
    if (!other) return;
    await act("POST", eventPath("/merge"), { version: panel.ev.version, other }, () => `Merged ${other} into this event.`);
    ev.target.reset();
  });
  document.getElementById("split-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const ids = [...document.querySelectorAll("input.split-article:checked")].map((c) => Number(c.value));
    if (!ids.length) { say("Tick the reports to split off.", true); return; }
    const r = await act("POST", eventPath("/split"), { version: panel.ev.version, articles: ids },
      (res) => `Split off as ${res.new_event_id}.`);
    if (r) {
      const link = document.getElementById("split-result");
      link.href = "/events/" + encodeURIComponent(r.new_event_id);
      link.textContent = r.new_event_id;
      link.hidden = false;
      for (const c of document.querySelectorAll("input.split-article:checked")) c.closest("section").classList.add("split-off");
    }
  });
  document.addEventListener("keydown", (ev) => {
    if (!showReviewer() || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (typingInForm(ev)) {
      if (ev.key === "Escape") ev.target.blur();
      return;
    }
    if (ev.key === "a") accept();
    else if (ev.key === "r") reject();
    else if (ev.key === "e") f.elements.sub_event_type.focus();
    else if (ev.key === "q") window.location.href = "/review";
    else return;
    ev.preventDefault();
  });
}

function accept() {
  return act("POST", eventPath("/accept"), { version: panel.ev.version }, () => "Accepted.");
}

function reject() {
  const form = document.getElementById("reject-form");
  form.hidden = false;
  form.elements.reason.focus();
  form.onsubmit = async (ev) => {
    ev.preventDefault();
    const reason = form.elements.reason.value.trim();
    if (!reason) { say("A reason is required to reject an event.", true); return; }
    form.hidden = true;
    await act("POST", eventPath("/reject"), { version: panel.ev.version, reason }, () => "Rejected: " + reason);
  };
}

async function loadHistory() {
  const id = document.querySelector("article.event").dataset.eventId;
  const rows = await api("GET", "/api/events/" + encodeURIComponent(id) + "/history").catch(() => []);
  const list = document.getElementById("history");
  list.replaceChildren();
  for (const h of rows) {
    let what = h.action;
    if (h.field) what += ` ${h.field}: ${JSON.stringify(h.before)} → ${JSON.stringify(h.after)}`;
    else if (h.action === "report" && h.after) what += `: ${h.after.source || h.after.article} (${h.after.title || h.after.url || ""})`;
    else if (h.after) what += ": " + JSON.stringify(h.after);
    const li = rel("li", { "data-action": h.action }, `${h.at} · ${h.who} · ${what}`);
    if (h.reason) li.append(rel("span", { class: "reason" }, ` (${h.reason})`));
    list.append(li);
  }
}

async function eventPanel() {
  panel.meta = await api("GET", "/api/meta").catch(() => null);
  WRITABLE = !panel.meta || panel.meta.writable;
  setupSignIn(() => loadEvent().catch(() => {}));
  setupPanel();
  await loadEvent().catch((e) => say(e.message, true));
  await loadHistory();
  showReviewer();
  document.querySelector("article.event").dataset.reviewReady = "1";
}

document.addEventListener("DOMContentLoaded", () => {
  if (document.getElementById("queue-list")) queuePage();
  else if (document.getElementById("review-panel")) eventPanel();
});
