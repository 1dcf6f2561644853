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
  function clock(seconds) {
    const total = Math.max(0, Math.floor(Number(seconds) || 0));
    const two = (n) => String(n).padStart(2, "0");
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    return hours ? hours + ":" + two(minutes) + ":" + two(total % 60) : minutes + ":" + two(total % 60);
  }

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

  /* The lesson timeline --------------------------------------------------------------------- */

  function timeline(container, data, helpers, options) {
    const c = setup(data, helpers);
    const {gettext, interpolate} = c;
    const opts = options || {};
    const line = c.lesson.timeline || {};
    const marks = (line.marks || []).slice().sort((a, b) => a.minute - b.minute);
    const modes = (line.modes || []).slice().sort((a, b) => a.minute - b.minute);
    const planned = line.steps || c.lesson.schedule || [];
    const length = Math.max(1, line.length || 1, ...planned.map((s) => s.end), ...marks.map((m) => m.minute + 1));
    const title = gettext("Lesson timeline");
    const titleId = c.id("tl", "title");
    const descId = c.id("tl", "desc");
    const hintId = c.id("tl", "hint");
    const left = 10;
    const scale = Math.max(6, (Math.max(280, widthOf(container, c.element)) - 4 - left - 16) / length);
    const x = (minute) => round(left + minute * scale);
    const tick = [1, 2, 5, 10, 15, 20, 30, 60, 120].find((t) => t * scale >= 36) || 240;
    const decor = [];
    const gridlines = [];
    let y = 4;
    const laneLabel = (text) => {
      decor.push(svg("text", {x: left, y: y + 13, fill: INK, "font-weight": 600}, text));
      y += 19;
    };
    const band = (x0, width, fill, stroke, text) => {
      decor.push(svg("rect", {x: x0, y, width: round(width), height: 28, fill, stroke, "stroke-width": 1.5}));
      const room = Math.floor((width - 8) / 7.2);
      if (room >= 1) decor.push(svg("text", {x: x0 + 4, y: y + 19, fill: INK}, shorten(text, room) || text.slice(0, room)));
    };
    const empty = (text) => decor.push(svg("text", {x: left + 4, y: y + 19, fill: MUTED}, text));
    const top = y + 19;

    laneLabel(gettext("Planned steps"));
    planned.forEach((span, index) => {
      const n = c.stepNumber.get(span.id);
      const activity = n ? c.steps[n - 1].activity : "";
      band(x(span.start), (span.end - span.start) * scale, index % 2 ? "#c9dcef" : "#e8f0f8", "#0b5394",
           String(n || index + 1) + (activity ? " " + activity : ""));
    });
    if (!planned.length) empty(gettext("No step of the plan has planned minutes."));
    y += 38;

    laneLabel(gettext("Lesson modes"));
    modes.forEach((mode, index) => {
      const end = index + 1 < modes.length ? modes[index + 1].minute : length;
      if (end <= mode.minute) return;
      const [fill, stroke] = MODE_STYLES[mode.mode] || MODE_STYLES.other;
      band(x(mode.minute), (end - mode.minute) * scale, fill, stroke, c.modeLabel(mode.mode));
    });
    if (!modes.length) empty(gettext("No lesson mode recorded."));
    y += 38;

    laneLabel(gettext("Observations"));
    const rowRight = [];
    const placed = marks.map((mark) => {
      const cx = x(mark.minute + 0.5);
      let row = rowRight.findIndex((right) => right + 2 <= cx - MARK / 2);
      if (row < 0) row = rowRight.push(0) - 1;
      rowRight[row] = cx + MARK / 2;
      const entry = c.entries.get(mark.id);
      return {mark, entry, cx, row, key: c.focusKey(entry || mark)};
    });
    const marksTop = y + 2;
    if (!marks.length) empty(gettext("No observation entry has a lesson minute."));
    y += Math.max(1, rowRight.length) * (MARK + 4) + 10;

    decor.push(svg("line", {x1: left, x2: x(length), y1: y, y2: y, stroke: MUTED, "stroke-width": 1.5}));
    for (let minute = 0; minute <= length; minute += tick) {
      gridlines.push(svg("line", {x1: x(minute), x2: x(minute), y1: top, y2: y, stroke: GRID}));
      decor.push(svg("line", {x1: x(minute), x2: x(minute), y1: y, y2: y + 5, stroke: MUTED}),
                 svg("text", {x: x(minute), y: y + 19, fill: INK, "text-anchor": minute ? "middle" : "start"}, String(minute)));
    }
    decor.push(svg("text", {x: left, y: y + 38, fill: MUTED}, gettext("Lesson minute")));
    const width = Math.ceil(x(length) + 16);
    const height = y + 46;

    // The words: the same as the drawing (its description) and the data table.
    const summary = [interpolate(gettext("%(marks)s observation entries across the %(length)s minutes of the lesson, under the planned steps and the recorded lesson modes. The data table lists every entry."),
                                 {marks: marks.length, length})];
    if (planned.length) {
      summary.push(gettext("Planned:") + " " + planned.map((span, index) => interpolate(
        gettext("step %(n)s, minute %(start)s to %(end)s"), {n: c.stepNumber.get(span.id) || index + 1, start: span.start, end: span.end})).join("; ") + ".");
    }
    if (modes.length) {
      summary.push(gettext("Lesson modes:") + " " + modes.map((mode) => interpolate(
        gettext("%(mode)s from minute %(minute)s"), {mode: c.modeLabel(mode.mode), minute: mode.minute})).join("; ") + ".");
    }
    const noMinute = c.observations.filter((e) => e.kind !== "mode" && e.minute == null).length;
    if (noMinute) summary.push(interpolate(gettext("Entries without a lesson minute, not on the timeline: %(count)s."), {count: noMinute}));
    const description = summary.join(" ");

    // The marks: buttons, one tab stop (the arrow keys move between them).
    const detail = h("div", {class: "lsc-detail", id: c.id("tl", "detail")});
    const player = h("div", {class: "lsc-player", hidden: true});
    let pinned = null;
    const hasVideo = Boolean(c.videoUrl) && /^https:\/\//i.test(c.videoUrl);
    const nodes = placed.map((item, index) => {
      const {mark, entry, cx, row, key} = item;
      const style = c.focusStyle(key);
      const name = interpolate(gettext("Minute %(minute)s: %(focus)s, %(entry)s"),
                               {minute: mark.minute, focus: c.focusLabel(key), entry: shorten(c.line(entry, mark.id), 120)});
      return svg("g", {
        class: "lsc-mark", role: "button", tabindex: index ? -1 : 0, "aria-label": name, "aria-describedby": hintId,
        "data-entry-id": mark.id, "data-minute": mark.minute,
        transform: "translate(" + cx + " " + (marksTop + row * (MARK + 4) + MARK / 2) + ")",
      }, svg("circle", {class: "lsc-ring", r: MARK / 2 + 4, fill: "none"}), markShape(style, MARK));
    });
    const show = (item) => {
      if (!item) {
        detail.replaceChildren(h("p", {class: "lsc-meta", text: gettext("Point at a mark, or focus it, to read its entry here.")}));
        return;
      }
      const {mark, entry, key} = item;
      const head = [interpolate(gettext("Minute %(minute)s"), {minute: mark.minute}), c.focusLabel(key)];
      if (entry && entry.target && entry.kind !== "interaction") head.push(entry.target);
      const meta = [c.person(entry)];
      if (mark.step_id) meta.push(c.stepTitle(mark.step_id));
      if (mark.video_time != null) meta.push(interpolate(gettext("video %(time)s"), {time: clock(mark.video_time)}));
      detail.replaceChildren(...[
        h("p", {class: "lsc-detail-head"}, focusSwatch(c.focusStyle(key)), h("strong", {text: head.join(" · ")})),
        h("p", {class: "ls-text", text: c.what(entry) || interpolate(gettext("Observation entry %(id)s"), {id: mark.id})}),
        entry && entry.interpretation ? h("p", {class: "ls-text lsc-meta", text: gettext("Interpretation:") + " " + entry.interpretation}) : null,
        h("p", {class: "lsc-meta", text: meta.join(" · ")}),
        hasVideo && mark.video_time != null ? h("button", {type: "button", class: "ls-button lsc-play",
          text: interpolate(gettext("Play the video from %(time)s"), {time: clock(mark.video_time)}),
          onclick: () => play(mark)}) : null].filter(Boolean));
    };
    const select = (index) => {
      pinned = placed[index];
      nodes.forEach((node, n) => node.classList.toggle("lsc-active", n === index));
      show(pinned);
    };
    function play(mark) {
      const seconds = Number(mark.video_time);
      const event = new CustomEvent(SEEK_EVENT, {bubbles: true, cancelable: true,
                                                 detail: {seconds, entryId: mark.id, url: c.videoUrl}});
      if (!(c.element || container).dispatchEvent(event)) return;  // a player on the page took it
      const youtube = LS.video.youtubeId(c.videoUrl);
      let video = player.querySelector("video");
      if (youtube) {
        video = null;
        player.replaceChildren(h("iframe", {
          class: "lsc-video", title: gettext("Lesson video"), allow: "autoplay; fullscreen; picture-in-picture", allowfullscreen: true,
          src: LS.video.youtubeEmbed(youtube, {autoplay: 1, start: Math.floor(seconds)})}));
      } else if (!video) {
        video = h("video", {class: "lsc-video", src: c.videoUrl, controls: true, preload: "metadata",
                            "aria-label": gettext("Lesson video")});
        player.replaceChildren(video);
      }
      player.hidden = false;
      if (video) LS.video.seekAndPlay(video, seconds);
    }
    nodes.forEach((node, index) => {
      const item = placed[index];
      node.addEventListener("mouseenter", () => show(item));
      node.addEventListener("mouseleave", () => show(pinned));
      node.addEventListener("focus", () => {
        nodes.forEach((other) => other.setAttribute("tabindex", other === node ? "0" : "-1"));
        show(item);
      });
      node.addEventListener("blur", () => show(pinned));
      node.addEventListener("click", () => {
        select(index);
        if (hasVideo && item.mark.video_time != null) play(item.mark);
      });
      node.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          node.dispatchEvent(new MouseEvent("click", {bubbles: true}));
          return;
        }
        const moves = {ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1,
                       Home: 0, End: nodes.length - 1};
        if (!(event.key in moves)) return;
        event.preventDefault();
        nodes[Math.max(0, Math.min(nodes.length - 1, moves[event.key]))].focus();
      });
    });
    show(null);

    const drawing = svg("svg", {
      class: "lsc-svg", viewBox: "0 0 " + width + " " + height, width, height, role: "group",
      "aria-labelledby": titleId, "aria-describedby": descId, "font-size": 13,
    }, svg("title", {id: titleId}, title), svg("desc", {id: descId}, description),
    svg("g", {"aria-hidden": "true"}, gridlines, decor), svg("g", {class: "lsc-marks"}, nodes));

    const keys = [...new Set(placed.map((item) => item.key))];
    const modeKeys = [...new Set(modes.map((mode) => mode.mode))];
    const legend = keys.length || modeKeys.length ? h("ul", {class: "lsc-legend", "aria-label": gettext("Legend")},
      keys.map((key) => h("li", {}, focusSwatch(c.focusStyle(key)), c.focusLabel(key))),
      modeKeys.map((mode) => {
        const [fill, stroke] = MODE_STYLES[mode] || MODE_STYLES.other;
        return h("li", {}, swatch(26, 16, svg("rect", {x: 1, y: 1, width: 24, height: 14, fill, stroke, "stroke-width": 1.5})),
                 c.modeLabel(mode));
      })) : null;
    const hint = marks.length ? h("p", {class: "ls-hint lsc-keys", id: hintId, text: hasVideo
      ? gettext("Point at a mark, or focus it with Tab and move with the arrow keys, to read its entry. Selecting a mark plays the lesson video from that moment.")
      : gettext("Point at a mark, or focus it with Tab and move with the arrow keys, to read its entry.")}) : null;
    const modeAt = (minute) => {
      let current = null;
      for (const mode of modes) if (mode.minute <= minute) current = mode;
      return current ? c.modeLabel(current.mode) : "–";
    };
    const table = opts.table === false ? null : dataTable(c, interpolate(gettext("%(title)s: data"), {title}),
      [gettext("Minute"), gettext("Step"), gettext("Lesson mode"), gettext("Focus"), gettext("Entry")],
      placed.map(({mark, entry, key}) => [mark.minute, mark.step_id ? c.stepTitle(mark.step_id) : "–", modeAt(mark.minute),
                                           c.focusLabel(key), c.line(entry, mark.id)]),
      gettext("No observation entry has a lesson minute."));

    container.classList.add("lsc");
    container.replaceChildren(h("figure", {class: "lsc-chart lsc-timeline"},
      h("div", {class: "ls-scroll lsc-scroll lsc-chart-box", role: "region", "aria-labelledby": titleId,
                tabindex: nodes.length ? null : "0"}, drawing),
      legend, hint, marks.length ? detail : null, player,
      h("figcaption", {class: "ls-hint lsc-caption", text: description}),
      table));
    return container;
  }

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
    const columns = Math.max(0, ...labels.map((line) => line.length));
    const pairs = c.lesson.interactions || [];
    const unobserved = c.lesson.unobserved_seats || [];
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
      const missed = unseen.has(key);
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
    pairs.forEach((pair) => {
      const a = seats.get(norm(pair.from));
      const b = seats.get(norm(pair.to));
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
                           seats.has(norm(pair.from)) && seats.has(norm(pair.to)) ? gettext("Yes") : gettext("No")]),
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

  /* The three together ------------------------------------------------------------------------ */

  function section(container, data, helpers) {
    const hp = Object.assign({}, helpers);
    const c = setup(data, hp);
    const level = c.level;
    const headingId = c.id("heading");
    const views = [
      ["comparison", c.gettext("Planned and observed, step by step"), comparison],
      ["timeline", c.gettext("Lesson timeline"), timeline],
      ["map", c.gettext("Interaction map"), interactionMap],
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

  LS.charts = {comparison, timeline, interactionMap, section, SEEK_EVENT};
  window.LessonStudyCharts = LS.charts;
})(window.LessonStudy = window.LessonStudy || {});
