// chronik pages: talking to the API, highlighting annotated text, event and quotation tables.
"use strict";

const chronik = (() => {
  const TOKEN_KEY = "chronik-token";

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  class ApiError extends Error {
    constructor(status, body) {
      super(body && body.message ? body.message : `HTTP ${status}`);
      this.status = status;
      this.code = body && body.code;
      this.hint = body && body.hint;
    }
  }

  // Ask for the API token (a service bound to another address needs one), then retry; requests that
  // meet a 401 at the same time wait for the same answer.
  let asking = null;
  function askToken() {
    const box = document.getElementById("token-box");
    if (!box) return Promise.reject(new ApiError(401, {message: "this service needs its API token"}));
    if (asking) return asking;
    box.hidden = false;
    const input = document.getElementById("token");
    input.focus();
    asking = new Promise((resolve) => {
      box.onsubmit = (ev) => {
        ev.preventDefault();
        sessionStorage.setItem(TOKEN_KEY, input.value.trim());
        box.hidden = true;
        asking = null;
        resolve();
      };
    });
    return asking;
  }

  async function api(path, options = {}) {
    const headers = {"Accept": "application/json"};
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers["Authorization"] = "Bearer " + token;
    const init = {method: options.method || "GET", headers};
    if (options.body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(options.body);
    }
    const response = await fetch(path, init);
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (response.status === 401 && !options.retried) {
      sessionStorage.removeItem(TOKEN_KEY);
      await askToken();
      return api(path, {...options, retried: true});
    }
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }

  function showStatus(node, text, isError) {
    node.textContent = text;
    node.classList.toggle("error", !!isError);
  }

  function showError(node, err) {
    const hint = err.hint ? ` — ${err.hint}` : "";
    const code = err.code ? `[${err.code}] ` : "";
    showStatus(node, `${code}${err.message}${hint}`, true);
  }

  // --- titles (what hovering a highlight shows) --------------------------------------------------
  function actorLabel(a) {
    if (!a) return "–";
    const name = a.name ? ` (${a.name})` : "";
    return `${a.code || "?"}${name}`;
  }

  function actorTitle(m) {
    const lines = [`Actor ${m.code || "(no code)"}${m.name ? " — " + m.name : ""}${m.country ? " [" + m.country + "]" : ""}`];
    if (m.kind) lines.push(`kind: ${m.kind}`);
    if (m.rule) lines.push(`rule: ${m.rule}`);
    return lines.join("\n");
  }

  function eventTitle(e) {
    const lines = [`Event ${e.cameo}${e.cameo_name ? " " + e.cameo_name : ""}: ${actorLabel(e.source)} → ${actorLabel(e.target)}`];
    const more = [`mode: ${e.mode}`];
    if (e.quad_class) more.push(`QuadClass ${e.quad_class}`);
    if (e.goldstein !== null && e.goldstein !== undefined) more.push(`Goldstein ${e.goldstein}`);
    if (e.date) more.push(`date ${e.date}`);
    if (e.location && e.location.name) more.push(`in ${e.location.name}`);
    lines.push(more.join(" · "));
    lines.push(`rule: ${e.rule}`);
    return lines.join("\n");
  }

  function placeTitle(p) {
    const where = p.lat !== null && p.lat !== undefined ? ` ${(+p.lat).toFixed(2)}, ${(+p.lon).toFixed(2)}` : "";
    return `Place ${p.name}${p.country ? " [" + p.country + "]" : ""}${where}${p.geonameid ? "\nGeoNames " + p.geonameid : ""}`;
  }

  function timeTitle(t) {
    return `Date ${t.date || "(unresolved)"}${t.rule ? "\nrule: " + t.rule : ""}`;
  }

  function quoteTitle(q) {
    const lines = [`Quotation (${q.type})`];
    if (q.speaker) lines.push(`speaker: ${q.speaker.text}${q.speaker.code ? " → " + q.speaker.code : ""}${q.speaker.name ? " (" + q.speaker.name + ")" : ""}`);
    if (q.cue) lines.push(`cue: ${q.cue.text}`);
    if (q.rule) lines.push(`rule: ${q.rule}`);
    return lines.join("\n");
  }

  // --- spans of a coded or stored document --------------------------------------------------------
  function annotationSpans(doc) {
    const spans = [];
    for (const m of doc.mentions || []) spans.push({kind: "actor", start: m.start, end: m.end, title: actorTitle(m)});
    (doc.events || []).forEach((e, i) => {
      spans.push({kind: "trigger", start: e.trigger.start, end: e.trigger.end, title: eventTitle(e), event: i});
      for (const a of [e.source, e.target]) {
        if (a && a.start !== undefined && a.end > a.start) spans.push({kind: "ref", start: a.start, end: a.end, event: i});
      }
    });
    let places = doc.places;
    if (!places) {  // a stored document keeps the places of its events
      const seen = new Map();
      for (const e of doc.events || []) {
        const loc = e.location;
        if (loc && loc.start !== null && loc.start !== undefined && loc.end > loc.start) seen.set(`${loc.start}:${loc.end}`, loc);
      }
      places = [...seen.values()];
    }
    for (const p of places) spans.push({kind: "place", start: p.start, end: p.end, title: placeTitle(p)});
    for (const t of doc.times || []) spans.push({kind: "time", start: t.start, end: t.end, title: timeTitle(t)});
    for (const q of doc.quotes || []) {
      const parts = q.quote && q.quote.spans && q.quote.spans.length ? q.quote.spans : [[q.start, q.end]];
      for (const [s, e] of parts) spans.push({kind: "quote", start: s, end: e, title: quoteTitle(q)});
    }
    return spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.end > s.start);
  }

  const ORDER = {quote: 0, actor: 1, place: 2, time: 3, trigger: 4, ref: 5};

  // The text cut at every span boundary: each piece carries the classes and titles of all spans over
  // it, so overlapping and nested spans both show (each kind styles a different CSS property).
  function highlight(container, text, spans) {
    container.textContent = "";
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(Math.max(0, Math.min(text.length, s.start))); cuts.add(Math.max(0, Math.min(text.length, s.end))); }
    const points = [...cuts].sort((a, b) => a - b);
    const sorted = [...spans].sort((a, b) => a.start - b.start || ORDER[a.kind] - ORDER[b.kind]);
    const frag = document.createDocumentFragment();
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = text.slice(a, b);
      const active = sorted.filter((s) => s.start <= a && s.end >= b);
      if (!active.length) { frag.append(document.createTextNode(piece)); continue; }
      const kinds = [...new Set(active.map((s) => s.kind))].filter((k) => k !== "ref");
      const titles = [...new Set(active.filter((s) => s.title).sort((x, y) => ORDER[y.kind] - ORDER[x.kind]).map((s) => s.title))];
      const events = [...new Set(active.filter((s) => s.event !== undefined).map((s) => s.event))];
      const span = el("span", {
        class: kinds.length ? "hl " + kinds.map((k) => "hl-" + k).join(" ") : "ref",
        title: titles.length ? titles.join("\n\n") : null,
        "data-events": events.length ? " " + events.join(" ") + " " : null,
      }, piece);
      frag.append(span);
    }
    container.append(frag);
  }

  function focusEvent(container, index, on) {
    for (const node of container.querySelectorAll(`[data-events~="${index}"]`)) node.classList.toggle("focus", on);
  }

  function wireLegend(legend, container) {
    for (const box of legend.querySelectorAll("input[data-kind]")) {
      box.addEventListener("change", () => container.classList.toggle("hide-" + box.dataset.kind, !box.checked));
    }
  }

  // --- tables ------------------------------------------------------------------------------------
  function quadBox(q) { return q ? el("span", {class: `quad q${q}`, title: `QuadClass ${q}`}) : ""; }

  function renderEvents(table, events, container) {
    table.textContent = "";
    const head = el("tr", {}, ["#", "date", "source", "event", "target", "mode", "trigger", "place", "rule"].map((h) => el("th", {}, h)));
    table.append(el("thead", {}, head));
    const body = el("tbody");
    if (!events.length) body.append(el("tr", {}, el("td", {class: "empty", colspan: 9}, "no events")));
    events.forEach((e, i) => {
      const row = el("tr", {"data-event": i},
        el("td", {}, String(i + 1)),
        el("td", {class: "code"}, e.date || ""),
        el("td", {}, el("span", {class: "code"}, e.source ? e.source.code || "?" : "?"), e.source && e.source.name ? " " + e.source.name : "",
          e.source ? el("div", {class: "muted"}, e.source.text) : ""),
        el("td", {}, quadBox(e.quad_class), el("span", {class: "code"}, e.cameo), " ", e.cameo_name || ""),
        el("td", {}, e.target ? [el("span", {class: "code"}, e.target.code || "?"), e.target.name ? " " + e.target.name : "", el("div", {class: "muted"}, e.target.text)] : "–"),
        el("td", {}, e.mode),
        el("td", {}, e.trigger ? e.trigger.text : ""),
        el("td", {}, e.location && e.location.name ? e.location.name : ""),
        el("td", {class: "rule"}, e.rule || ""));
      if (container) {
        row.addEventListener("mouseenter", () => focusEvent(container, i, true));
        row.addEventListener("mouseleave", () => focusEvent(container, i, false));
      }
      body.append(row);
    });
    table.append(body);
  }

  function renderQuotes(table, quotes) {
    table.textContent = "";
    table.append(el("thead", {}, el("tr", {}, ["type", "speaker", "cue", "quotation"].map((h) => el("th", {}, h)))));
    const body = el("tbody");
    if (!quotes.length) body.append(el("tr", {}, el("td", {class: "empty", colspan: 4}, "no quotations")));
    for (const q of quotes) {
      const sp = q.speaker;
      body.append(el("tr", {},
        el("td", {}, q.type),
        el("td", {}, sp ? [sp.text, sp.code ? [" ", el("span", {class: "code"}, "→ " + sp.code)] : ""] : "–"),
        el("td", {}, q.cue ? q.cue.text : ""),
        el("td", {}, q.text)));
    }
    table.append(body);
  }

  // a coded or stored document into the page: highlighted text, events, quotations
  function renderDocument(doc, text) {
    const container = document.getElementById("doc-text");
    highlight(container, text, annotationSpans(doc));
    renderEvents(document.getElementById("events"), doc.events || [], container);
    renderQuotes(document.getElementById("quotes"), doc.quotes || []);
    document.getElementById("event-count").textContent = `(${(doc.events || []).length})`;
    document.getElementById("quote-count").textContent = `(${(doc.quotes || []).length})`;
    wireLegend(document.getElementById("legend"), container);
    document.getElementById("result").hidden = false;
  }

  return {el, api, ApiError, showStatus, showError, annotationSpans, highlight, renderEvents, renderQuotes,
          renderDocument, actorLabel, quadBox};
})();
