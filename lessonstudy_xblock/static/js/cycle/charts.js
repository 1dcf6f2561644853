/* Anticipated vs. observed: the research lesson as planned beside the lesson as observed.
 *
 * Three views of a cycle's `lesson` (get_state, the JSON export and the program report carry the
 * same object, built by Workspace.lesson_view), each one function drawing into a container:
 *
 *   LessonStudyCharts.comparison(container, data, helpers)
 *       every step of the plan: its activity, the anticipated student responses and the planned
 *       teacher support, beside the entries tied to it, grouped by focus, with counts; a step
 *       without evidence is marked; then the count of entries tied to no step.
 *   LessonStudyCharts.timeline(container, data, helpers, options)
 *       the lesson minutes across three lanes: planned steps, recorded lesson modes (each lasting
 *       until the next) and a mark per entry (colour, shape and letter by focus). Pointing at or
 *       focusing a mark shows its entry; activating it plays the lesson video from there.
 *   LessonStudyCharts.interactionMap(container, data, helpers, options)
 *       the seating chart with a line per pair of seats recorded interacting (thicker when
 *       repeated, dashed by kind); seats nobody recorded anything about are hatched and listed.
 *   LessonStudyCharts.section(container, data, helpers)
 *       the three under the heading "Anticipated and observed" (the See tab, the read-only view).
 *
 * data: {lesson, observations, focus_categories, sections, video_url}. A get_state answer or a
 *   cycle of the JSON export is accepted as it is (plan.sections or plan; cycle.video_url).
 * helpers: {gettext, interpolate, language} and, optionally, element (the block's root: seek
 *   events are dispatched on it), id (a function making stable unique element ids from parts)
 *   and level (the heading level of section(); 3 by default).
 * options: {table: false} leaves out the data table and the lists beside it (the program report
 *   prints its own on the server, so paper shows them without JavaScript too).
 *
 * Seek contract with the page's lesson video player. Activating a mark (click, Enter or Space)
 * of an entry that has a video time, in a cycle that has a lesson video, dispatches on
 * helpers.element (else on the container):
 *     new CustomEvent("lessonstudy:seek", {bubbles: true, cancelable: true,
 *                                         detail: {seconds, entryId, url}})
 * A player that handles it (seeks to `seconds` and plays) calls event.preventDefault(). When none
 * does (the Do tab, with its player, is not in the page), the timeline plays the video itself in
 * a small player under the chart (YouTube through youtube-nocookie.com, or the video file).
 *
 * Built on the core (core/dom.js, core/video.js). The rules of the cycle view: data reaches the page only through textContent and attributes, never as
 * HTML; no framework, no chart library. Each chart is SVG with a title and a description and its
 * numbers in a data table after it. The interaction map is a role="img"; the timeline holds
 * focusable marks, and an image may not contain controls, so it is a role="group" whose drawing
 * is hidden from assistive technology and whose marks are buttons named after their entry.
 */
(function (LS) {
  "use strict";

  const SEEK_EVENT = "lessonstudy:seek";
  const INK = "#1f2328";
  const MUTED = "#505a64";
  const GRID = "#d0d7de";
  /** Mark colours in the order of the focus categories: a white letter on each keeps 4.5:1. */
  const PALETTE = ["#1d6b3a", "#a4001c", "#0b5394", "#8a5a00", "#6a1b9a", "#00695c", "#4a4a4a", "#ad1457",
                   "#5d4037", "#283593"];
  const SHAPES = ["circle", "square", "diamond", "triangle", "hexagon", "down"];
  const MODE_STYLES = {
    whole_class: ["#dbe8f6", "#0b5394"], group_work: ["#dcefe1", "#1d6b3a"], pairs: ["#fbecd0", "#8a5a00"],
    individual: ["#eee1f5", "#6a1b9a"], presentation: ["#fde2e7", "#a4001c"], other: ["#ebebeb", "#4a4a4a"],
  };
  /** Interaction kinds: colour, dash pattern in line widths, line cap. */
  const KIND_STYLES = {
    helped: ["#1d6b3a", [], "butt"], asked: ["#0b5394", [3, 2], "butt"], explained: ["#6a1b9a", [0.01, 2], "round"],
    disagreed: ["#a4001c", [4, 2, 0.01, 2], "round"], copied: ["#8a5a00", [7, 2.5], "butt"],
  };
  const MARK = 20;        // px, a mark's size on the timeline
  let instances = 0;

  const {h, svg, shorten} = LS.dom;

  const norm = (label) => String(label || "").trim().toLowerCase();
  const round = (value) => Math.round(value * 10) / 10;

  function heading(level, attrs) {
    return h("h" + Math.min(6, Math.max(2, level)), attrs);
  }

  /** The width to draw at: the container's if it is in the page, else the block's. */
  function widthOf(container, element) {
    if (container.isConnected && container.clientWidth) return container.clientWidth;
    const root = element && element.jquery ? element[0] : element;
    return root && root.clientWidth ? root.clientWidth - 40 : 640;
  }

  /** 75 -> "1:15", 3725 -> "1:02:05". */
  /* What every view needs: translations, ids, the entries and how to name them --------------- */

  function setup(data, helpers) {
    const hp = helpers || {};
    const d = data || {};
    const gettext = hp.gettext || ((text) => text);
    const interpolate = hp.interpolate || ((fmt, values) =>
      fmt.replace(/%\((\w+)\)s/g, (match, name) => (name in values ? String(values[name]) : match)));
    instances += 1;
    const own = "lsc" + instances;
    const id = (...parts) => (hp.id ? hp.id("lsc", ...parts) : [own, ...parts].join("-").replace(/[^A-Za-z0-9_-]/g, "_"));
    const plan = d.plan;
    const lesson = d.lesson || {};
    const categories = d.focus_categories || [];
    const steps = (lesson.comparison && lesson.comparison.steps) || [];
    const element = hp.element && hp.element.jquery ? hp.element[0] : hp.element;
    const c = {
      gettext, interpolate, id, lesson, steps, element, level: hp.level || 3,
      sections: d.sections || (plan && (Array.isArray(plan) ? plan : plan.sections)) || [],
      videoUrl: d.video_url || (d.cycle && d.cycle.video_url) || "",
      observations: d.observations || [],
      entries: new Map((d.observations || []).map((entry) => [entry.id, entry])),
      stepNumber: new Map(steps.map((step, index) => [step.id, index + 1])),
      // The words for lesson modes and interaction kinds, from the server (the data's `labels`).
      modes: (d.labels && d.labels.modes) || {},
      kinds: (d.labels && d.labels.interactions) || {},
    };
    const styles = {};
    /** Colour, shape and letter of a focus: by its place among the categories, stable across views. */
    c.focusStyle = (key) => {
      if (!styles[key]) {
        let index = categories.findIndex((category) => category.id === key);
        if (index < 0) index = categories.length + (key === "interaction" ? 0 : 1 + Object.keys(styles).length);
        styles[key] = {color: PALETTE[index % PALETTE.length], shape: SHAPES[index % SHAPES.length],
                       letter: String.fromCharCode(65 + (index % 26))};
      }
      return styles[key];
    };
    c.focusKey = (item) => (item && item.focus) || (item && item.kind === "interaction" ? "interaction" : "");
    c.focusLabel = (key) => {
      const category = categories.find((cat) => cat.id === key);
      if (category) return category.label;
      if (key === "interaction") return gettext("Interaction");
      return key || gettext("No focus given");
    };
    c.stepTitle = (stepId) => {
      const n = c.stepNumber.get(stepId);
      if (!n) return stepId || "–";
      const activity = steps[n - 1].activity;
      return activity ? interpolate(gettext("Step %(n)s: %(activity)s"), {n, activity: shorten(activity, 60)})
        : interpolate(gettext("Step %(n)s"), {n});
    };
    /** What an entry says: the evidence, and for an interaction who to whom and how. */
    c.what = (entry) => {
      if (!entry) return "";
      const parts = [];
      if (entry.kind === "interaction") {
        parts.push(interpolate(gettext("%(from)s to %(to)s: %(kind)s"),
                               {from: entry.from, to: entry.to, kind: c.kinds[entry.interaction] || entry.interaction || ""}));
      }
      if (entry.evidence) parts.push(entry.evidence);
      return parts.join(" · ");
    };
    /** An entry on one line: "S05: what was seen" (or its id when it is not readable here). */
    c.line = (entry, entryId) => {
      const what = c.what(entry);
      if (!what) return interpolate(gettext("Observation entry %(id)s"), {id: entryId});
      return entry.target && entry.kind !== "interaction" ? entry.target + ": " + what : what;
    };
    c.person = (entry) => (entry && entry.author && entry.author.name) || gettext("Someone");
    c.modeLabel = (mode) => c.modes[mode] || mode || "–";
    return c;
  }

  /** A mark: the focus's shape in its colour with its letter in white, centred on (0, 0). */
  function markShape(style, size) {
    const r = size / 2;
    const paint = {fill: style.color, stroke: "#fff", "stroke-width": 1.5};
    const points = (list) => svg("polygon", Object.assign({points: list.map((p) => p.map(round).join(",")).join(" ")}, paint));
    const hexagon = [0, 1, 2, 3, 4, 5].map((k) => [r * Math.cos(Math.PI / 3 * k), r * Math.sin(Math.PI / 3 * k)]);
    const shapes = {
      circle: () => svg("circle", Object.assign({r}, paint)),
      square: () => svg("rect", Object.assign({x: -r * 0.9, y: -r * 0.9, width: r * 1.8, height: r * 1.8, rx: 2}, paint)),
      diamond: () => points([[0, -r * 1.1], [r * 1.1, 0], [0, r * 1.1], [-r * 1.1, 0]]),
      triangle: () => points([[0, -r * 1.15], [r * 1.1, r * 0.85], [-r * 1.1, r * 0.85]]),
      hexagon: () => points(hexagon),
      down: () => points([[-r * 1.1, -r * 0.85], [r * 1.1, -r * 0.85], [0, r * 1.15]]),
    };
    const dy = {triangle: 6.5, down: 1.5}[style.shape] || 4;
    return svg("g", {},
      (shapes[style.shape] || shapes.circle)(),
      svg("text", {x: 0, y: dy, "text-anchor": "middle", "font-size": 11, "font-weight": 700, fill: "#fff"}, style.letter));
  }

  /** A small picture for a legend or a list (hidden from assistive technology: text follows it). */
  function swatch(width, height, ...content) {
    return svg("svg", {class: "lsc-swatch", width, height, viewBox: "0 0 " + width + " " + height,
                       "aria-hidden": "true", focusable: "false"}, content);
  }

  function focusSwatch(style) {
    return swatch(20, 20, svg("g", {transform: "translate(10 10)"}, markShape(style, 17)));
  }

  function dataTable(c, caption, columns, rows, empty) {
    return h("div", {class: "ls-scroll lsc-scroll lsc-data-box", role: "region", tabindex: "0", "aria-label": caption},
      h("table", {class: "ls-table lsc-data"},
        h("caption", {text: caption}),
        h("thead", {}, h("tr", {}, columns.map((text) => h("th", {scope: "col", text})))),
        h("tbody", {}, rows.length ? rows.map(([head, ...cells]) => h("tr", {},
          h("th", {scope: "row", text: String(head)}), cells.map((cell) => h("td", {class: "ls-text", text: String(cell)}))))
          : h("tr", {}, h("td", {colspan: columns.length, text: empty})))));
  }

  /* The comparison ------------------------------------------------------------------------- */

  function comparison(container, data, helpers) {
    const c = setup(data, helpers);
    const {gettext, interpolate} = c;
    const compared = c.lesson.comparison || {steps: [], without_step: 0};
    const schedule = new Map((c.lesson.schedule || []).map((span) => [span.id, span]));
    const level = c.level;

    function entryItem(entryId) {
      const entry = c.entries.get(entryId);
      const meta = [];
      if (entry && entry.target && entry.kind !== "interaction") meta.push(entry.target);
      if (entry && entry.minute != null) meta.push(interpolate(gettext("minute %(minute)s"), {minute: entry.minute}));
      if (entry) meta.push(c.person(entry));
      return h("li", {class: "lsc-entry", "data-entry-id": entryId},
        h("span", {class: "ls-text lsc-what", text: c.what(entry) || interpolate(gettext("Observation entry %(id)s"), {id: entryId})}),
        meta.length ? h("span", {class: "lsc-meta", text: meta.join(" · ")}) : null);
    }

    function planned(step) {
      const span = schedule.get(step.id);
      let minutes = "–";
      if (span) {
        minutes = interpolate(gettext("%(minutes)s minutes, minute %(start)s to %(end)s"),
                              {minutes: step.minutes, start: span.start, end: span.end});
      } else if (step.minutes != null) {
        minutes = interpolate(gettext("%(minutes)s minutes"), {minutes: step.minutes});
      }
      const item = (label, value) => [h("dt", {text: label}), h("dd", {class: "ls-text", text: value || "–"})];
      return h("div", {class: "lsc-planned"},
        h("p", {class: "lsc-side", text: gettext("Planned")}),
        h("dl", {class: "lsc-dl"},
          item(gettext("Activity and key questions"), step.activity),
          item(gettext("Anticipated student responses"), step.anticipated),
          item(gettext("Teacher support"), step.support),
          item(gettext("Planned minutes"), minutes)));
    }

    function observed(step) {
      return h("div", {class: "lsc-observed"},
        h("p", {class: "lsc-side", text: interpolate(gettext("Entries observed: %(count)s"), {count: step.count})}),
        step.no_evidence
          ? h("p", {class: "lsc-none"}, h("span", {"aria-hidden": "true", text: "○ "}), gettext("No evidence recorded for this step"))
          : step.focus.map((group) => h("div", {class: "lsc-focus", "data-focus": group.id},
            h("p", {class: "lsc-focus-head"}, focusSwatch(c.focusStyle(group.id)),
              h("span", {}, h("strong", {text: c.focusLabel(group.id)}), " ", h("span", {class: "lsc-count", text: "(" + group.count + ")"}))),
            h("ul", {class: "lsc-evidence"}, group.entries.map(entryItem)))));
    }

    const items = compared.steps.map((step, index) => {
      const headingId = c.id("step", step.id);
      return h("li", {class: "lsc-step" + (step.no_evidence ? " lsc-step-empty" : ""), "data-step-id": step.id,
                      "aria-labelledby": headingId},
        heading(level, {id: headingId, class: "lsc-step-title", text: c.stepTitle(step.id)}),
        h("div", {class: "lsc-step-body"}, planned(step), observed(step)));
    });
    container.classList.add("lsc");
    container.replaceChildren(
      items.length ? h("ol", {class: "lsc-steps"}, items)
        : h("p", {class: "ls-note lsc-none", text: gettext("The plan has no learning steps to compare with yet.")}),
      h("p", {class: "lsc-unlinked", text: interpolate(gettext("Entries tied to no step: %(count)s"), {count: compared.without_step || 0})}));
    return container;
  }

  /* The three together ------------------------------------------------------------------------ */

  function section(container, data, helpers) {
    const hp = Object.assign({}, helpers);
    const c = setup(data, hp);
    const level = c.level;
    const headingId = c.id("heading");
    const views = [
      ["comparison", c.gettext("Planned and observed, step by step"), comparison],
      ["timeline", c.gettext("Lesson timeline"), LS.charts.timeline],
      ["map", c.gettext("Interaction map"), LS.charts.interactionMap],
    ];
    container.classList.add("lsc", "lsc-section");
    container.setAttribute("aria-labelledby", headingId);
    container.replaceChildren(
      heading(level, {id: headingId, class: "lsc-title", text: c.gettext("Anticipated and observed")}),
      h("p", {class: "ls-hint", text: c.gettext("What the group anticipated at each step of the plan, beside what the observers saw; then the lesson minute by minute, and who interacted with whom.")}),
      ...views.map(([key, title, draw]) => {
        const body = h("div", {class: "lsc-view-body"});
        draw(body, data, Object.assign({}, hp, {level: level + 2}));
        return h("section", {class: "lsc-view lsc-view-" + key, "aria-labelledby": c.id(key, "heading")},
          heading(level + 1, {id: c.id(key, "heading"), class: "lsc-view-title", text: title}), body);
      }));
    return container;
  }

  // timeline (cycle/timeline.js) and interactionMap (cycle/interaction_map.js) join these.
  LS.charts = {comparison, section, SEEK_EVENT, parts: {
    SEEK_EVENT, INK, MUTED, GRID, PALETTE, SHAPES, MODE_STYLES, KIND_STYLES, MARK,
    norm, round, heading, widthOf, clock: LS.video.hms, setup, markShape, swatch, focusSwatch, dataTable,
  }};
  window.LessonStudyCharts = LS.charts;
})(window.LessonStudy = window.LessonStudy || {});
