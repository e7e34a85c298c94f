// The corpus page: filters (kept in the address, so a view can be shared), a timeline, a network, a
// map and the events table; each chart narrows the filters to the events behind what was clicked.
"use strict";

(() => {
  const FIELDS = ["actor", "source", "target", "root", "quad", "since", "until", "outlet", "place"];
  const PAGE = 50;
  const form = document.getElementById("filters");
  const status = document.getElementById("status");
  const rootSelect = document.getElementById("root");
  let world = null;
  let summary = null;

  for (let r = 1; r <= 20; r++) {
    const code = String(r).padStart(2, "0");
    rootSelect.append(chronik.el("option", {value: code}, code));
  }

  function current() { return new URLSearchParams(location.search); }

  function query(params, extra) {
    const q = new URLSearchParams();
    for (const k of FIELDS) for (const v of params.getAll(k)) if (v) q.append(k, v);
    for (const [k, v] of Object.entries(extra || {})) q.set(k, v);
    return q.toString();
  }

  function fillForm(params) {
    for (const k of FIELDS) {
      const inputs = form.querySelectorAll(`[name="${k}"]`);
      for (const input of inputs) {
        if (input.type === "checkbox") input.checked = params.getAll(k).includes(input.value);
        else input.value = params.get(k) || "";
      }
    }
  }

  function go(params) {
    params.delete("offset");
    history.pushState(null, "", "/corpus" + (params.toString() ? "?" + params : ""));
    refresh();
  }

  function narrow(changes) {
    const params = current();
    for (const [k, v] of Object.entries(changes)) params.set(k, v);
    go(params);
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (String(v).trim()) params.append(k, String(v).trim());
    go(params);
  });
  document.getElementById("clear").addEventListener("click", () => go(new URLSearchParams()));
  window.addEventListener("popstate", refresh);

  function periodFor() {
    if (!summary || !summary.first_date || !summary.last_date) return "day";
    const params = current();
    const first = Date.parse(params.get("since") || summary.first_date), last = Date.parse(params.get("until") || summary.last_date);
    const days = (last - first) / 86400000;
    return days > 3 * 366 ? "month" : days > 400 ? "week" : "day";
  }

  function eventRow(e) {
    const el = chronik.el;
    const article = `/document?id=${encodeURIComponent(e.doc_id)}`;
    return el("tr", {},
      el("td", {class: "code"}, e.date || ""),
      el("td", {}, el("span", {class: "code"}, e.source_code || "?"), e.source_name ? " " + e.source_name : ""),
      el("td", {}, chronik.quadBox(e.quad_class), el("span", {class: "code"}, e.cameo), " ", e.cameo_name || ""),
      el("td", {}, e.target_code ? [el("span", {class: "code"}, e.target_code), e.target_name ? " " + e.target_name : ""] : "–"),
      el("td", {}, e.mode || ""),
      el("td", {}, e.trigger_text || ""),
      el("td", {}, e.location_name || ""),
      el("td", {}, e.outlet || ""),
      el("td", {}, el("a", {href: article, class: "article"}, e.title || e.external_id || e.doc_id)));
  }

  function renderTable(page) {
    const table = document.getElementById("events");
    table.textContent = "";
    table.append(chronik.el("thead", {}, chronik.el("tr", {},
      ["date", "source", "event", "target", "mode", "trigger", "place", "outlet", "article"].map((h) => chronik.el("th", {}, h)))));
    const body = chronik.el("tbody");
    if (!page.events.length) body.append(chronik.el("tr", {}, chronik.el("td", {class: "empty", colspan: 9}, "no events match")));
    for (const e of page.events) body.append(eventRow(e));
    table.append(body);
    document.getElementById("event-count").textContent = `(${page.total})`;
    const last = Math.min(page.total, page.offset + page.events.length);
    document.getElementById("page").textContent = page.total ? `${page.offset + 1}–${last} of ${page.total}` : "";
    const prev = document.getElementById("prev"), next = document.getElementById("next");
    prev.disabled = page.offset <= 0;
    next.disabled = last >= page.total;
    prev.onclick = () => { const p = current(); p.set("offset", Math.max(0, page.offset - PAGE)); history.pushState(null, "", "/corpus?" + p); loadTable(); };
    next.onclick = () => { const p = current(); p.set("offset", page.offset + PAGE); history.pushState(null, "", "/corpus?" + p); loadTable(); };
  }

  async function loadTable() {
    const params = current();
    const page = await chronik.api("/v1/events?" + query(params, {limit: PAGE, offset: params.get("offset") || 0}));
    renderTable(page);
    return page;
  }

  async function refresh() {
    const params = current();
    fillForm(params);
    chronik.showStatus(status, "loading …");
    try {
      if (!summary) {
        summary = await chronik.api("/v1/summary");
        const outlet = document.getElementById("outlet");
        for (const o of summary.outlets) outlet.append(chronik.el("option", {value: o}, o));
        fillForm(params);
        document.getElementById("summary").textContent = `${summary.db} · ${summary.documents} articles · ${summary.events} events` +
          (summary.first_date ? ` · ${summary.first_date} – ${summary.last_date}` : "");
      }
      if (!world) world = await fetch("/static/world-110m.geojson").then((r) => r.json()).catch(() => null);
      const q = query(params);
      const [page, timeline, network, places] = await Promise.all([
        loadTable(),
        chronik.api(`/v1/timeline?${query(params, {by: periodFor()})}`),
        chronik.api(`/v1/network?${q}`),
        chronik.api(`/v1/places?${q}`),
      ]);
      chronikCharts.timeline(document.getElementById("timeline"), timeline, (since, until) => narrow({since, until}));
      chronikCharts.network(document.getElementById("network"), network,
        (actor) => { const p = current(); p.delete("source"); p.delete("target"); p.set("actor", actor); go(p); },
        (source, target) => { const p = current(); p.delete("actor"); p.set("source", source); p.set("target", target); go(p); });
      chronikCharts.map(document.getElementById("map"), places, world, (place) => narrow({place}));
      const filtered = query(params);
      chronik.showStatus(status, summary.documents === 0 ? "the store is empty: start chronik serve with --db DB (after chronik ingest)"
        : `${page.total} events${filtered ? " match the filters" : ""}`);
    } catch (err) {
      chronik.showError(status, err);
    }
  }

  refresh();
})();
