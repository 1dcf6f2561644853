/* The lesson timeline: planned steps, recorded lesson modes and a mark per entry, minute by minute;
 * a mark plays the lesson video from its time.
 *
 * Part of the lesson charts (cycle/charts.js has the shared setup and helpers, and the
 * documentation of the data, helpers, options and the seek contract).
 */
(function (LS) {
  "use strict";

  const {h, svg, shorten} = LS.dom;
  const {SEEK_EVENT, INK, MUTED, GRID, MODE_STYLES, MARK, round, widthOf, clock, setup, markShape, swatch, focusSwatch, dataTable} = LS.charts.parts;

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

  LS.charts.timeline = timeline;
})(window.LessonStudy = window.LessonStudy || {});
