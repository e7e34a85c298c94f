// Timeline, network and map of the corpus page, drawn as SVG with no library.
"use strict";

const chronikCharts = (() => {
  const NS = "http://www.w3.org/2000/svg";
  const QUAD_COLOURS = ["#7fbf7b", "#1b7837", "#f4a582", "#b2182b"];
  const QUAD_NAMES = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, String(v));
    }
    for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) node.append(c);
    return node;
  }
  function title(text) { const t = svg("title"); t.textContent = text; return t; }
  function label(x, y, text, attrs) { const t = svg("text", {x, y, class: "axis", ...(attrs || {})}); t.textContent = text; return t; }
  function empty(container, text) { container.textContent = ""; const p = document.createElement("p"); p.className = "empty"; p.textContent = text; container.append(p); }

  // -10 (conflict, red) … 0 (grey) … +10 (cooperation, green)
  function goldsteinColour(g) {
    if (g === null || g === undefined || Number.isNaN(g)) return "#9ca3af";
    const t = Math.max(-1, Math.min(1, g / 10));
    const mid = [156, 163, 175], red = [178, 24, 43], green = [27, 120, 55];
    const end = t < 0 ? red : green, f = Math.abs(t);
    const c = mid.map((m, i) => Math.round(m + (end[i] - m) * f));
    return `rgb(${c[0]},${c[1]},${c[2]})`;
  }

  const DAY = 86400000;
  const toDay = (s) => Date.parse(s + "T00:00:00Z");
  const isoDay = (t) => new Date(t).toISOString().slice(0, 10);

  function periodEnd(start, by) {
    const d = new Date(toDay(start));
    if (by === "week") return isoDay(d.getTime() + 6 * DAY);
    if (by === "month") return isoDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
    if (by === "year") return `${d.getUTCFullYear()}-12-31`;
    return start;
  }

  // stacked bars per period, one colour per QuadClass; onPick(since, until)
  function timeline(container, data, onPick) {
    const points = data.points || [];
    if (!points.length) { empty(container, "no dated events"); return; }
    const W = 900, H = 220, L = 40, R = 10, T = 10, B = 28;
    const step = {day: 1, week: 7, month: 30.44, year: 365.25}[data.by] || 1;
    const first = toDay(points[0].period), last = toDay(points[points.length - 1].period);
    const slots = Math.max(1, Math.round((last - first) / DAY / step) + 1);
    const bw = (W - L - R) / slots;
    const max = Math.max(...points.map((p) => p.events));
    const y = (v) => T + (H - T - B) * (1 - v / max);
    const root = svg("svg", {viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "events per period by QuadClass", "data-points": points.length});
    root.append(svg("line", {x1: L, x2: W - R, y1: H - B, y2: H - B, stroke: "#b8c0cc"}));
    for (const v of [0, Math.ceil(max / 2), max]) {
      root.append(label(L - 6, y(v) + 4, String(v), {"text-anchor": "end"}));
      root.append(svg("line", {x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#eef1f5"}));
    }
    for (const p of points) {
      const slot = Math.round((toDay(p.period) - first) / DAY / step);
      const x = L + slot * bw + Math.min(1, bw * 0.1);
      const w = Math.max(1, bw - Math.min(2, bw * 0.2));
      const group = svg("g", {class: "bar", "data-period": p.period, onclick: () => onPick(p.period, periodEnd(p.period, data.by))});
      let base = 0;
      [p.quad1, p.quad2, p.quad3, p.quad4].forEach((n, q) => {
        if (!n) return;
        group.append(svg("rect", {x, width: w, y: y(base + n), height: y(base) - y(base + n), fill: QUAD_COLOURS[q]}));
        base += n;
      });
      const other = p.events - base;  // events without a QuadClass
      if (other > 0) group.append(svg("rect", {x, width: w, y: y(base + other), height: y(base) - y(base + other), fill: "#9ca3af"}));
      group.append(title(`${p.period}${data.by !== "day" ? " (" + data.by + ")" : ""}: ${p.events} events\n` +
        QUAD_NAMES.map((n, q) => `${n}: ${p["quad" + (q + 1)]}`).join("\n")));
      root.append(group);
    }
    root.append(label(L, H - 8, points[0].period));
    root.append(label(W - R, H - 8, points[points.length - 1].period, {"text-anchor": "end"}));
    container.textContent = "";
    container.append(root);
  }

  // force-directed layout (Fruchterman–Reingold, deterministic start on a circle)
  function layout(nodes, edges, W, H) {
    const n = nodes.length, cx = W / 2, cy = H / 2;
    const pos = nodes.map((_, i) => {
      const a = (2 * Math.PI * i) / Math.max(1, n);
      return [cx + (W / 3) * Math.cos(a), cy + (H / 3) * Math.sin(a)];
    });
    if (n < 2) return n ? [[cx, cy]] : [];
    const index = new Map(nodes.map((d, i) => [d.id, i]));
    const links = edges.map((e) => [index.get(e.source), index.get(e.target)]).filter(([a, b]) => a !== undefined && b !== undefined);
    const k = 0.75 * Math.sqrt((W * H) / n);
    let temp = W / 8;
    for (let it = 0; it < 300; it++) {
      const disp = pos.map(() => [0, 0]);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let dx = pos[i][0] - pos[j][0], dy = pos[i][1] - pos[j][1];
          const d = Math.max(0.5, Math.hypot(dx, dy)), f = (k * k) / d;
          dx /= d; dy /= d;
          disp[i][0] += dx * f; disp[i][1] += dy * f; disp[j][0] -= dx * f; disp[j][1] -= dy * f;
        }
      }
      for (const [a, b] of links) {
        let dx = pos[a][0] - pos[b][0], dy = pos[a][1] - pos[b][1];
        const d = Math.max(0.5, Math.hypot(dx, dy)), f = (d * d) / k;
        dx /= d; dy /= d;
        disp[a][0] -= dx * f; disp[a][1] -= dy * f; disp[b][0] += dx * f; disp[b][1] += dy * f;
      }
      for (let i = 0; i < n; i++) {
        disp[i][0] -= (pos[i][0] - cx) * 0.08 * k / 10; disp[i][1] -= (pos[i][1] - cy) * 0.08 * k / 10;
        const d = Math.max(0.01, Math.hypot(disp[i][0], disp[i][1])), m = Math.min(d, temp);
        pos[i][0] = Math.max(20, Math.min(W - 70, pos[i][0] + (disp[i][0] / d) * m));
        pos[i][1] = Math.max(20, Math.min(H - 20, pos[i][1] + (disp[i][1] / d) * m));
      }
      temp *= 0.985;
    }
    return pos;
  }

  // actors as nodes (area ~ events), source → target ties (width ~ events, colour ~ Goldstein mean)
  function network(container, data, onNode, onEdge) {
    const nodes = data.nodes || [], edges = data.edges || [];
    if (!edges.length) { empty(container, "no events between two actors"); return; }
    const W = 600, H = 420;
    const pos = layout(nodes, edges, W, H);
    const at = new Map(nodes.map((d, i) => [d.id, pos[i]]));
    const maxE = Math.max(...edges.map((e) => e.events)), maxN = Math.max(...nodes.map((d) => d.events));
    const root = svg("svg", {viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "actor network",
                             "data-nodes": nodes.length, "data-edges": edges.length});
    const lines = svg("g"), heads = svg("g"), dots = svg("g");
    for (const e of edges) {
      const a = at.get(e.source), b = at.get(e.target);
      if (!a || !b) continue;
      const dx = b[0] - a[0], dy = b[1] - a[1], len = Math.max(1, Math.hypot(dx, dy));
      const nx = -dy / len, ny = dx / len, bend = 0.12 * len;  // A→B and B→A bend to different sides
      const c = [(a[0] + b[0]) / 2 + nx * bend, (a[1] + b[1]) / 2 + ny * bend];
      const colour = goldsteinColour(e.goldstein_mean), width = 1 + 5 * Math.sqrt(e.events / maxE);
      const tip = `${e.source} → ${e.target}: ${e.events} events, Goldstein mean ${e.goldstein_mean === null ? "–" : e.goldstein_mean.toFixed(1)}\n` +
        QUAD_NAMES.map((n, q) => `${n}: ${e["quad" + (q + 1)]}`).join("\n");
      lines.append(svg("path", {class: "edge", d: `M${a[0]},${a[1]} Q${c[0]},${c[1]} ${b[0]},${b[1]}`, stroke: colour,
        "stroke-width": width, "stroke-opacity": 0.75, "data-source": e.source, "data-target": e.target,
        onclick: () => onEdge(e.source, e.target)}, title(tip)));
      // an arrow head at 60 % of the curve, along its tangent
      const t = 0.6, px = (1 - t) ** 2 * a[0] + 2 * (1 - t) * t * c[0] + t * t * b[0], py = (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * c[1] + t * t * b[1];
      const tx = 2 * (1 - t) * (c[0] - a[0]) + 2 * t * (b[0] - c[0]), ty = 2 * (1 - t) * (c[1] - a[1]) + 2 * t * (b[1] - c[1]);
      const tl = Math.max(0.01, Math.hypot(tx, ty)), ux = tx / tl, uy = ty / tl, s = 4 + width;
      heads.append(svg("polygon", {points: `${px + ux * s},${py + uy * s} ${px - ux * s / 2 - uy * s / 1.6},${py - uy * s / 2 + ux * s / 1.6} ${px - ux * s / 2 + uy * s / 1.6},${py - uy * s / 2 - ux * s / 1.6}`,
        fill: colour, class: "edge", onclick: () => onEdge(e.source, e.target)}, title(tip)));
    }
    for (const d of nodes) {
      const p = at.get(d.id), r = 4 + 12 * Math.sqrt(d.events / maxN);
      const t = svg("text", {x: p[0] + r + 3, y: p[1] + 4});
      t.textContent = d.id;
      dots.append(svg("g", {class: "node", "data-id": d.id, onclick: () => onNode(d.id)},
        svg("circle", {cx: p[0], cy: p[1], r, fill: "#24476b"}), t,
        title(`${d.id}${d.name ? " — " + d.name : ""}: ${d.events} events`)));
    }
    root.append(lines, heads, dots);
    container.textContent = "";
    container.append(root);
  }

  // equirectangular world (Natural Earth 1:110m, shipped) with one circle per event place
  function ringPath(ring) {
    return "M" + ring.map(([lon, lat]) => `${((lon + 180) * 2).toFixed(1)},${((90 - lat) * 2).toFixed(1)}`).join("L") + "Z";
  }
  let worldPaths = null;
  function worldPath(world) {
    if (worldPaths) return worldPaths;
    const parts = [];
    for (const f of world.features) {
      const g = f.geometry;
      const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
      for (const poly of polys) for (const ring of poly) parts.push(ringPath(ring));
    }
    worldPaths = parts.join("");
    return worldPaths;
  }

  // the part of the world that holds the places (at least 90° × 45°, 2:1), in map units
  function frame(places, W, H) {
    if (!places.length) return [0, 0, W, H];
    const xs = places.map((p) => (p.lon + 180) * 2), ys = places.map((p) => (90 - p.lat) * 2);
    let x0 = Math.min(...xs) - 30, x1 = Math.max(...xs) + 30, y0 = Math.min(...ys) - 30, y1 = Math.max(...ys) + 30;
    let w = Math.max(180, x1 - x0, 2 * (y1 - y0));
    w = Math.min(W, w);
    const h = w / 2, cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    return [Math.max(0, Math.min(W - w, cx - w / 2)), Math.max(0, Math.min(H - h, cy - h / 2)), w, h];
  }

  function map(container, data, world, onPick) {
    const W = 720, H = 360;
    const places = data.places || [];
    const [vx, vy, vw, vh] = frame(places, W, H);
    const k = vw / W;  // circles keep their size on the screen when the map zooms in
    const root = svg("svg", {viewBox: `${vx} ${vy} ${vw} ${vh}`, role: "img", "aria-label": "map of event locations",
                             "data-places": places.length});
    root.append(svg("rect", {class: "sea", x: 0, y: 0, width: W, height: H}));
    if (world) {  // shifted copies show the parts of Russia and Fiji that the file runs past ±180°
      const d = worldPath(world);
      root.append(svg("path", {class: "land", d, "fill-rule": "evenodd", "stroke-width": 0.4 * k}));
      for (const dx of [-720, 720]) {
        root.append(svg("path", {class: "land-fill", d, "fill-rule": "evenodd", "stroke-width": 0.4 * k, transform: `translate(${dx},0)`}));
      }
    }
    const max = Math.max(1, ...places.map((p) => p.events));
    for (const p of [...places].sort((a, b) => b.events - a.events)) {
      root.append(svg("circle", {class: "place", cx: (p.lon + 180) * 2, cy: (90 - p.lat) * 2, r: k * (3 + 9 * Math.sqrt(p.events / max)),
        "stroke-width": 0.8 * k, fill: goldsteinColour(p.goldstein_mean), "data-name": p.name, onclick: () => onPick(p.name)},
        title(`${p.name}${p.country ? " [" + p.country + "]" : ""}: ${p.events} events\n` +
          QUAD_NAMES.map((n, q) => `${n}: ${p["quad" + (q + 1)]}`).join("\n"))));
    }
    container.textContent = "";
    container.append(root);
    if (!places.length) { const p = document.createElement("p"); p.className = "empty"; p.textContent = "no events with a known place"; container.append(p); }
  }

  return {timeline, network, map, goldsteinColour, QUAD_COLOURS};
})();
