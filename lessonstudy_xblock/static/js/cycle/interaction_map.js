/* The interaction map: the seating chart with a line per pair of seats recorded interacting, and the
 * seats nobody recorded anything about.
 *
 * Part of the lesson charts (cycle/charts.js has the shared setup and helpers, and the
 * documentation of the data, helpers, options and the seek contract).
 */
(function (LS) {
  "use strict";

  const {h, svg, shorten} = LS.dom;
  const {INK, MUTED, GRID, KIND_STYLES, norm, round, widthOf, setup, swatch, dataTable} = LS.charts.parts;

  /* The interaction map --------------------------------------------------------------------- */

  function interactionMap(container, data, helpers, options) {
    const c = setup(data, helpers);
    const {gettext, interpolate} = c;
    const opts = options || {};
    const title = gettext("Interaction map");
    const titleId = c.id("map", "title");
    const descId = c.id("map", "desc");
    const seating = c.lesson.seating_section ? c.sections.find((s) => s.id === c.lesson.seating_section) : null;
    const labels = ((seating && seating.content && seating.content.labels) || []).filter(Array.isArray);
    const ids = (seating && seating.content && seating.content.ids) || [];
    const columns = Math.max(0, ...labels.map((line) => line.length));
    const pairs = c.lesson.interactions || [];
    const unobserved = c.lesson.unobserved_seats || [];
    // Seats are known by id (entries name them by id, or by a text the server linked to one);
    // a seat nobody recorded anything about has no count.
    const counted = c.lesson.seat_counts || null;
    const unseen = new Set(unobserved.map(norm));
    const seats = new Map();
    const total = pairs.reduce((sum, pair) => sum + pair.count, 0);

    const pad = 18;
    const gapX = 34;
    const gapY = 34;
    const cellW = Math.max(52, Math.min(84, Math.floor((widthOf(container, c.element) - 4 - 2 * pad + gapX) / Math.max(1, columns)) - gapX));
    const cellH = 40;
    const width = 2 * pad + columns * cellW + Math.max(0, columns - 1) * gapX;
    const height = 2 * pad + labels.length * cellH + Math.max(0, labels.length - 1) * gapY;
    const hatchId = c.id("map", "hatch");
    const seatNodes = [];
    labels.forEach((line, r) => line.forEach((label, col) => {
      const box = {x: pad + col * (cellW + gapX), y: pad + r * (cellH + gapY), w: cellW, h: cellH};
      const key = norm(label);
      if (!key) {
        seatNodes.push(svg("rect", {x: box.x, y: box.y, width: cellW, height: cellH, rx: 4, fill: "none", stroke: GRID, "stroke-dasharray": "2 3"}));
        return;
      }
      const seatId = (ids[r] || [])[col] || "r" + (r + 1) + "c" + (col + 1);
      const missed = counted ? !counted[seatId] : unseen.has(key);
      if (!seats.has("seat:" + seatId)) seats.set("seat:" + seatId, box);
      if (!seats.has(key)) seats.set(key, box);
      seatNodes.push(
        svg("rect", {x: box.x, y: box.y, width: cellW, height: cellH, rx: 4, fill: missed ? "url(#" + hatchId + ")" : "#fff",
                     stroke: missed ? "#a4001c" : MUTED, "stroke-width": missed ? 2.5 : 1.5, "stroke-dasharray": missed ? "6 3" : null}),
        svg("text", {x: box.x + cellW / 2, y: box.y + cellH / 2 + 5, "text-anchor": "middle", fill: INK,
                     "font-weight": missed ? 700 : 400}, shorten(label, Math.floor((cellW - 6) / 7.5))));
    }));

    // The lines: one per pair and kind; a pair's lines (either way) fan out so none hides another.
    const edge = (box, toward) => {
      const cx = box.x + box.w / 2;
      const cy = box.y + box.h / 2;
      const dx = toward[0] - cx;
      const dy = toward[1] - cy;
      const t = Math.min(dx ? (box.w / 2 + 2) / Math.abs(dx) : Infinity, dy ? (box.h / 2 + 2) / Math.abs(dy) : Infinity);
      return [round(cx + dx * t), round(cy + dy * t)];
    };
    const inside = (px, py, box) => px > box.x + 2 && px < box.x + box.w - 2 && py > box.y + 2 && py < box.y + box.h - 2;
    const fans = new Map();
    const lines = [];
    const counts = [];
    const offChart = new Set();
    const kinds = [];
    const place = (seatId, text) => (seatId && seats.get("seat:" + seatId)) || (!counted && seats.get(norm(text))) || null;
    pairs.forEach((pair) => {
      const a = place(pair.from_seat, pair.from);
      const b = place(pair.to_seat, pair.to);
      if (!a) offChart.add(pair.from);
      if (!b) offChart.add(pair.to);
      if (!a || !b || a === b) return;
      const [color, dashes, cap] = KIND_STYLES[pair.interaction] || KIND_STYLES.helped;
      if (!kinds.includes(pair.interaction)) kinds.push(pair.interaction);
      const stroke = Math.min(8, 1.5 + 1.5 * pair.count);
      const fan = [norm(pair.from), norm(pair.to)].sort().join("\u0000");
      const k = fans.get(fan) || 0;
      fans.set(fan, k + 1);
      // Perpendicular to the pair in one direction whichever way the line goes.
      const [p, q] = norm(pair.from) < norm(pair.to) ? [a, b] : [b, a];
      const start = [a.x + a.w / 2, a.y + a.h / 2];
      const end = [b.x + b.w / 2, b.y + b.h / 2];
      const ux = q.x - p.x;
      const uy = q.y - p.y;
      const distance = Math.hypot(ux, uy) || 1;
      const blocked = [...seats.values()].some((box) => box !== a && box !== b &&
        [0.2, 0.35, 0.5, 0.65, 0.8].some((t) => inside(start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t, box)));
      const bend = (blocked ? Math.min(46, distance * 0.22) : 0) + (k % 2 ? -1 : 1) * Math.ceil(k / 2) * 16;
      const control = [(start[0] + end[0]) / 2 - (uy / distance) * bend * 2, (start[1] + end[1]) / 2 + (ux / distance) * bend * 2];
      const from = edge(a, bend ? control : end);
      const to = edge(b, bend ? control : start);
      const path = bend ? "M" + from + " Q" + control.map(round) + " " + to : "M" + from + " L" + to;
      lines.push(svg("path", {d: path, fill: "none", stroke: color, "stroke-width": stroke, "stroke-linecap": cap,
                              "stroke-dasharray": dashes.length ? dashes.map((n) => round(n * stroke)).join(" ") : null,
                              "marker-end": "url(#" + c.id("map", "arrow", KIND_STYLES[pair.interaction] ? pair.interaction : "helped") + ")"}));
      if (pair.count > 1) {
        const mid = bend ? [(from[0] + 2 * control[0] + to[0]) / 4, (from[1] + 2 * control[1] + to[1]) / 4]
          : [(from[0] + to[0]) / 2, (from[1] + to[1]) / 2];
        counts.push(svg("circle", {cx: round(mid[0]), cy: round(mid[1]), r: 10, fill: "#fff", stroke: color, "stroke-width": 2}),
                    svg("text", {x: round(mid[0]), y: round(mid[1]) + 4, "text-anchor": "middle", "font-size": 12, "font-weight": 700, fill: INK},
                        String(pair.count)));
      }
    });

    const description = [
      gettext("The seating chart, with a line from seat to seat for each interaction recorded: its pattern shows the kind, its thickness (and the number on it) how often. Seats nobody recorded anything about are hatched."),
      interpolate(gettext("%(total)s interactions recorded between %(pairs)s pairs; %(count)s seats nobody recorded anything about."),
                  {total, pairs: pairs.length, count: unobserved.length}),
    ].join(" ");
    const defs = svg("defs", {},
      svg("pattern", {id: hatchId, width: 8, height: 8, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)"},
        svg("rect", {width: 8, height: 8, fill: "#fff7e6"}), svg("rect", {width: 2.5, height: 8, fill: "#f0c27a"})),
      Object.entries(KIND_STYLES).map(([kind, [color]]) => svg("marker", {
        id: c.id("map", "arrow", kind), viewBox: "0 0 10 10", refX: 8, refY: 5, markerWidth: 3, markerHeight: 3, orient: "auto"},
      svg("path", {d: "M0,0 L10,5 L0,10 z", fill: color}))));
    const drawing = labels.length && columns ? svg("svg", {
      class: "lsc-svg", viewBox: "0 0 " + width + " " + height, width, height, role: "img",
      "aria-labelledby": titleId, "aria-describedby": descId, "font-size": 13,
    }, svg("title", {id: titleId}, title), svg("desc", {id: descId}, description), defs, seatNodes, lines, counts) : null;

    const legend = drawing ? h("ul", {class: "lsc-legend", "aria-label": gettext("Legend")},
      kinds.map((kind) => {
        const [color, dashes, cap] = KIND_STYLES[kind] || KIND_STYLES.helped;
        return h("li", {}, swatch(44, 14, svg("line", {x1: 3, x2: 41, y1: 7, y2: 7, stroke: color, "stroke-width": 3, "stroke-linecap": cap,
                                                     "stroke-dasharray": dashes.length ? dashes.map((n) => n * 3).join(" ") : null})),
                 c.kinds[kind] || kind);
      }),
      h("li", {}, swatch(30, 20, svg("rect", {x: 2, y: 2, width: 26, height: 16, rx: 3, fill: "url(#" + hatchId + ")", stroke: "#a4001c",
                                             "stroke-width": 2, "stroke-dasharray": "4 2"})),
        gettext("Nobody recorded anything about this seat"))) : null;
    const table = opts.table === false ? null : dataTable(c, interpolate(gettext("%(title)s: data"), {title}),
      [gettext("From"), gettext("To"), gettext("Interaction"), gettext("Times recorded"), gettext("On the seating chart")],
      pairs.map((pair) => [pair.from, pair.to, c.kinds[pair.interaction] || pair.interaction, pair.count,
                           place(pair.from_seat, pair.from) && place(pair.to_seat, pair.to) ? gettext("Yes") : gettext("No")]),
      gettext("No interactions recorded."));

    container.classList.add("lsc");
    container.replaceChildren(h("figure", {class: "lsc-chart lsc-map"},
      drawing ? h("div", {class: "ls-scroll lsc-scroll lsc-chart-box", role: "region", tabindex: "0", "aria-labelledby": titleId}, drawing)
        : h("p", {class: "ls-note", text: gettext("The plan has no seating chart: the interactions are in the table only.")}),
      legend,
      drawing && opts.table !== false ? h("p", {class: "lsc-unobserved", text: unobserved.length
        ? interpolate(gettext("Nobody recorded anything about: %(seats)s"), {seats: unobserved.join(", ")})
        : gettext("Every seat of the seating chart was observed or took part in an interaction.")}) : null,
      offChart.size && opts.table !== false ? h("p", {class: "lsc-meta", text: interpolate(gettext("Not on the seating chart, so in the table only: %(labels)s"),
                                                                   {labels: [...offChart].join(", ")})}) : null,
      drawing ? h("figcaption", {class: "ls-hint lsc-caption", text: description}) : null,
      table));
    return container;
  }

  LS.charts.interactionMap = interactionMap;
})(window.LessonStudy = window.LessonStudy || {});
