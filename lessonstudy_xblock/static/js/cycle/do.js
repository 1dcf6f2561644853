/* The Do tab: observation entries on a phone (focus buttons, the lesson clock, the seating chart),
 * lesson modes and interactions, the lesson video with its time.
 *
 * Installed on the view's context by cycle/main.js (see cycle/context.js for what `ui` holds).
 */
(function (LS) {
  "use strict";

  LS.cycle = LS.cycle || {};

  LS.cycle.do = function installDo(ui) {
    const {store} = ui;
    const {h, httpUrl, randomId} = LS.dom;
    const {
      INTERACTION_VERBS, MAX_MINUTES, MODE_LABELS, announce, button, clearFieldErrors, field, focusLabel,
      gettext, host, id, input, interpolate, note, perm, personName, prefix, root, select, setFieldError,
      setStatus, statusRegion, submit, textarea, timeNode, withGroup
    } = ui;

    /* Do --------------------------------------------------------------------------------- */

    function doPanel() {
      const p = perm();
      const list = h("ul", {class: "ls-entries", id: id("entries")});
      const empty = h("p", {text: gettext("No observation entries yet.")});
      const queueBox = h("div", {class: "ls-queue"});
      const modes = h("div", {});
      const seats = h("div", {});
      const drawList = () => {
        const items = ui.queued("add_observation");
        const entries = doEntries(items);
        list.replaceChildren(...entries.map((entry) => entryItem(entry, items)));
        empty.hidden = entries.length > 0;
        redrawIn(queueBox, ...ui.queueLine("add_observation", gettext("Entries waiting to send: %(count)s.")));
        if (p.add_observation) {
          redrawIn(modes, modeButtons(entries));
          redrawIn(seats, seatPicker(entries));
        }
      };
      store.onQueueChange = drawList;
      drawList();
      clearInterval(ticker);
      ticker = setInterval(tick, 1000);
      return h("div", {class: "ls-do"},
        videoPlayer(),
        guidingQuestions(),
        p.add_observation ? [lessonClock(), modes, seats, observationForm(drawList), interactionForm(drawList)]
          : note(whyNoObservations(), "info"),
        queueBox,
        h("h3", {text: gettext("Observation entries")}),
        store.state.observations_hidden ? note(interpolate(
          gettext("%(count)s entries of other observers are shown after the open class."),
          {count: store.state.observations_hidden}), "info") : null,
        empty, list,
        store.state.is_member || store.state.user.is_staff ? videoForm() : null);
    }

    /** The observation sheet's guiding questions (the author's choice, e.g. the LSLC sheet), folded
     * so they stay one line above the form on a phone; none for the default sheet. */
    function guidingQuestions() {
      const questions = store.state.observation_questions || [];
      if (!questions.length) return null;
      return h("details", {class: "ls-questions"},
        h("summary", {text: gettext("Questions of the observation sheet")}),
        h("ol", {}, questions.map((question) => h("li", {text: question.text}))));
    }

    /** The entries the server sent and, not among them yet, those still in the queue; newest first. */
    function doEntries(items) {
      const stored = store.state.observations || [];
      const have = new Set(stored.map((o) => o.client_id));
      const waiting = items.filter((item) => !have.has(item.id)).map((item) => Object.assign({}, item.body,
        {id: item.id, client_id: item.id, at: item.at, author: {id: store.state.user.id, name: store.state.user.name}}));
      return stored.concat(waiting).sort((a, b) => b.at - a.at);
    }

    /** Replace a container's children, keeping the keyboard focus on a control drawn again. */
    function redrawIn(container, ...children) {
      const active = document.activeElement;
      const had = active && active.id && container.contains(active) ? active.id : "";
      container.replaceChildren(...children.filter((child) => child));
      if (had) ui.focusFirstOf(had);
    }

    function whyNoObservations() {
      if (!store.state.is_member) return gettext("Only members of the group add observations.");
      if (store.state.my_role === "model_teacher") {
        return gettext("The model teacher teaches the open class; observers record observations.");
      }
      return gettext("Observations are added during the open class (Do) and after it (See).");
    }

    function seatLabels() {
      const grid = seating();
      return grid ? grid.labels.flat().filter(Boolean) : [];
    }

    /** The plan's seating chart as {columns, labels}, or null when it has no labels. */
    function seating() {
      const section = store.state.plan.sections.find((s) => s.type === "grid");
      const lines = (section && section.content && section.content.labels) || [];
      const columns = Math.max(0, ...lines.map((line) => line.length));
      if (!lines.some((line) => line.some(Boolean))) return null;
      return {columns, labels: lines.map((line) => Array.from({length: columns}, (_, c) => line[c] || ""))};
    }

    const norm = (text) => String(text || "").trim().toLowerCase();

    /** How many entries name each seat (as target, from or to), by lower-case label. */
    function seatCounts(entries) {
      const counts = {};
      for (const entry of entries) {
        for (const seat of new Set([entry.target, entry.from, entry.to].map(norm).filter(Boolean))) {
          counts[seat] = (counts[seat] || 0) + 1;
        }
      }
      return counts;
    }

    /** The seating chart as buttons with their counts, shaded by count: Do's picker, See's heat map. */
    function seatChart(grid, counts, pick, selected, label, key) {
      const max = Math.max(1, ...Object.values(counts));
      const map = h("div", {class: "ls-seatmap", role: "group", "aria-label": label},
        grid.labels.flat().map((seat, index) => {
          if (!seat) return h("span", {});
          const n = counts[norm(seat)] || 0;
          return h("button", {
            type: "button", id: id(key, index), class: "ls-seat-button ls-heat-" + Math.ceil(4 * n / max),
            "aria-pressed": selected === undefined ? null : String(norm(selected) === norm(seat)), onclick: () => pick(seat),
            "aria-label": seat + ", " + interpolate(gettext("entries: %(count)s"), {count: n}),
          }, h("span", {text: seat}), h("span", {class: "ls-seat-count", text: String(n)}));
        }));
      map.style.gridTemplateColumns = "repeat(" + grid.columns + ", minmax(2.75rem, 5rem))";
      return h("div", {class: "ls-scroll"}, map);
    }

    function seatPicker(entries) {
      const grid = seating();
      if (!grid) return null;
      const names = {target: gettext("Student or group"), from: gettext("From"), to: gettext("To")};
      const hint = h("p", {class: "ls-hint", "aria-live": "polite",
                           text: interpolate(gettext("Tap a seat to fill: %(field)s"), {field: names[store.drafts.seatFor]})});
      const pick = (seat) => {
        const key = store.drafts.seatFor;
        (key === "target" ? store.drafts.observation : store.drafts.interaction)[key] = seat;
        const control = host.querySelector("#" + id(key === "target" ? "obs-target" : "int-" + key));
        if (control) control.value = seat;
        if (key === "from") store.drafts.seatFor = "to";
        hint.textContent = names[key] + ": " + seat + ". " +
          interpolate(gettext("Tap a seat to fill: %(field)s"), {field: names[store.drafts.seatFor]});
      };
      return h("section", {class: "ls-seats", "aria-labelledby": id("seats-heading")},
        h("h3", {id: id("seats-heading"), text: gettext("Seating chart")}), hint,
        seatChart(grid, seatCounts(entries), pick, undefined, gettext("Seating chart"), "seat-pick"));
    }

    /* The lesson clock: started by the observer when the lesson starts, kept in this browser. */

    let ticker = null;
    const clockKey = () => "clock:" + store.state.group.id + ":" + store.state.cycle.number;

    /** The lesson minute by the clock; none when it is not running, or was left running for hours. */
    function clockMinute() {
      const minute = Math.floor((Date.now() - Number(ui.remember(clockKey()))) / 60000);
      return minute >= 0 && minute <= MAX_MINUTES ? minute : null;
    }

    /** The step the lesson should be in at a minute, by the planned durations (as the server's
     * suggested_step: the last step once the lesson runs over, none without durations). */
    function suggestedStep(minute) {
      const spans = (store.state.lesson && store.state.lesson.schedule) || [];
      if (minute === null || !(minute >= 0) || !spans.length) return "";
      return (spans.find((span) => span.start <= minute && minute < span.end) || spans[spans.length - 1]).id;
    }

    function planSteps() {
      const steps = (store.state.lesson && store.state.lesson.comparison && store.state.lesson.comparison.steps) || [];
      return steps.map((step, index) => {
        const line = String(step.activity || "").split("\n")[0].trim();
        return [step.id, interpolate(gettext("Step %(n)s: %(activity)s"),
                                     {n: index + 1, activity: line.length > 40 ? line.slice(0, 39) + "…" : line})];
      });
    }

    function stepLabel(stepId) {
      const step = planSteps().find(([key]) => key === stepId);
      return step ? step[1] : "";
    }

    /** The clock's minute into the form (unless typed over), and the step that minute suggests. */
    function syncClock() {
      const draft = store.drafts.observation;
      const minute = store.state.group ? clockMinute() : null;
      if (minute !== null && !draft.minuteEdited) draft.minute = String(minute);
      if (!draft.stepEdited) draft.step = suggestedStep(/^\d+$/.test(String(draft.minute).trim()) ? Number(draft.minute) : null);
    }

    /** Minute, step and video time of an entry made now. */
    function moment() {
      syncClock();
      const minute = String(store.drafts.observation.minute).trim();
      return {minute: /^\d+$/.test(minute) ? Number(minute) : null, step_id: store.drafts.observation.step || null,
              video_time: videoTime()};
    }

    function clockText() {
      const minute = clockMinute();
      if (minute === null) return gettext("Start the lesson clock when the lesson starts: it fills in the lesson minute and the plan step.");
      const step = stepLabel(suggestedStep(minute));
      return interpolate(gettext("Lesson clock: minute %(minute)s"), {minute}) +
        (step ? ". " + interpolate(gettext("The lesson should be in %(step)s"), {step}) : "");
    }

    /** Every second while the Do tab is open: the clock, the minute and step in the form, the video time. */
    function tick() {
      const now = host.querySelector("#" + id("clock-now"));
      if (!now) {
        clearInterval(ticker);
        return;
      }
      syncClock();
      now.textContent = clockText();
      const minute = host.querySelector("#" + id("obs-minute"));
      if (minute && minute !== document.activeElement && minute.value !== store.drafts.observation.minute) minute.value = store.drafts.observation.minute;
      const step = host.querySelector("#" + id("obs-step"));
      if (step && step.value !== store.drafts.observation.step) step.value = store.drafts.observation.step;
      const video = host.querySelector("#" + id("video-note"));
      const seconds = videoTime();
      if (video) video.textContent = seconds === null ? "" : interpolate(gettext("Video time %(time)s is saved with this entry."), {time: hms(seconds)});
    }

    function lessonClock() {
      const running = clockMinute() !== null;
      return h("div", {class: "ls-clock"},
        h("p", {class: "ls-clock-now", id: id("clock-now"), text: clockText()}),
        button(running ? gettext("Stop lesson clock") : gettext("Start lesson clock"), () => {
          ui.remember(clockKey(), running ? null : String(Date.now()));
          Object.assign(store.drafts.observation, {minuteEdited: false, stepEdited: false});
          if (running) store.drafts.observation.minute = "";
          ui.render();
          ui.focusFirstOf(id("clock"));
        }, {id: id("clock"), class: running ? "ls-button" : "ls-button ls-primary"}));
    }

    /* Lesson modes and interactions ------------------------------------------------------ */

    function modeButtons(entries) {
      const last = entries.find((entry) => entry.kind === "mode");
      return h("section", {class: "ls-modes", "aria-labelledby": id("modes-heading")},
        h("h3", {id: id("modes-heading"), text: gettext("Lesson mode")}),
        h("p", {class: "ls-hint", text: last ? gettext("Current mode:") + " " + (MODE_LABELS[last.mode] || last.mode) +
          (last.minute != null ? " · " + interpolate(gettext("minute %(minute)s"), {minute: last.minute}) : "")
          : gettext("Tap when the lesson changes mode.")}),
        h("div", {class: "ls-mode-buttons"}, Object.entries(MODE_LABELS).map(([mode, label]) => button(label, () => {
          store.queue.add("add_observation", Object.assign({client_id: randomId(20), kind: "mode", mode}, moment()));
          announce(interpolate(gettext("Lesson mode recorded: %(mode)s."), {mode: label}));
        }, {id: id("mode", mode)}))));
    }

    function interactionForm(drawList) {
      const draft = store.drafts.interaction;
      const region = statusRegion("interaction");
      const set = (name) => (value) => { draft[name] = value; };
      const seatFor = (name) => () => { store.drafts.seatFor = name; };
      const from = input("int-from", draft.from, {maxlength: 120, autocomplete: "off", list: id("seats"), onfocus: seatFor("from")}, set("from"));
      const to = input("int-to", draft.to, {maxlength: 120, autocomplete: "off", list: id("seats"), onfocus: seatFor("to")}, set("to"));
      const kind = select("int-kind", [["", gettext("Choose an interaction")]].concat(Object.entries(INTERACTION_VERBS)),
                          draft.interaction, set("interaction"));
      const fields = {from, to, interaction: kind};
      const form = h("form", {class: "ls-panel ls-interact", novalidate: true, onsubmit: (event) => {
        event.preventDefault();
        clearFieldErrors(form);
        const missing = Object.entries(fields).filter(([name]) => !String(draft[name]).trim());
        if (missing.length) {
          for (const [, control] of missing) setFieldError(control, gettext("Fill this in: an interaction needs who, with whom and how."));
          setStatus(region, gettext("Fill this in: an interaction needs who, with whom and how."), true);
          missing[0][1].focus();
          return;
        }
        ui.enqueue("add_observation", Object.assign({client_id: draft.clientId, kind: "interaction", from: draft.from.trim(),
                                                  to: draft.to.trim(), interaction: draft.interaction}, moment()), "interaction");
        store.drafts.interaction = store.newInteractionDraft();
        store.drafts.seatFor = "target";
        from.value = to.value = kind.value = "";
        drawList();
        from.focus();
      }},
        h("h3", {text: gettext("Interaction between students")}),
        h("div", {class: "ls-row"}, field(gettext("From"), from), field(gettext("To"), to)),
        field(gettext("Interaction"), kind),
        h("div", {class: "ls-actions"}, h("button", {type: "submit", class: "ls-button ls-primary", text: gettext("Add interaction")})),
        region);
      return form;
    }

    function observationForm(drawList) {
      const draft = store.drafts.observation;
      syncClock();
      const region = statusRegion("observation");
      const set = (name) => (value) => { draft[name] = value; };
      const categories = store.state.focus_categories || [];
      // The focus is a native select (keyboard, screen readers, select_option); the large buttons
      // over it are its touch surface, hidden from assistive technology and out of the tab order.
      const focus = select("obs-focus", [["", gettext("Choose a focus")]].concat(categories.map((c) => [c.id, c.label])),
                           draft.focus, (value) => { draft.focus = value; paint(); }, {class: "ls-focus-select"});
      const toggles = h("div", {class: "ls-toggles", "aria-hidden": "true"}, categories.map((c) => h("button", {
        type: "button", tabindex: "-1", class: "ls-toggle", "data-value": c.id, text: c.label,
        onclick: () => { focus.value = draft.focus = c.id; paint(); },
      })));
      const paint = () => toggles.querySelectorAll("button").forEach((b) => b.classList.toggle("ls-on", b.dataset.value === draft.focus));
      paint();
      const target = input("obs-target", draft.target, {maxlength: 120, list: id("seats"), autocomplete: "off",
                                                        onfocus: () => { store.drafts.seatFor = "target"; }}, set("target"));
      const minute = input("obs-minute", draft.minute, {type: "number", min: 0, max: MAX_MINUTES, step: 1,
                                                        inputmode: "numeric", class: "ls-minutes"}, (value) => {
        Object.assign(draft, {minute: value, minuteEdited: true});
      });
      const steps = planSteps();
      const step = select("obs-step", [["", gettext("No step")]].concat(steps), draft.step,
                          (value) => Object.assign(draft, {step: value, stepEdited: true}));
      const evidence = textarea("obs-evidence", draft.evidence, {maxlength: 4000}, set("evidence"));
      const interpretation = textarea("obs-interpretation", draft.interpretation, {rows: 3, maxlength: 4000}, set("interpretation"));
      const link = input("obs-link", draft.link, {type: "url", maxlength: 1000, inputmode: "url", autocomplete: "off"}, set("link"));
      const fields = {focus, target, minute, evidence, interpretation, link, step_id: step};
      const form = h("form", {class: "ls-panel ls-observe", novalidate: true, onsubmit: (event) => {
        event.preventDefault();
        const now = moment();
        if (!checkObservation(form, fields, region)) return;
        ui.enqueue("add_observation", Object.assign(now, {
          client_id: draft.clientId, kind: "note", focus: draft.focus, evidence: draft.evidence.trim(),
          target: draft.target.trim(), interpretation: draft.interpretation.trim(), link: draft.link.trim(),
        }), "observation");
        ui.remember("target", draft.target.trim());
        Object.assign(draft, {evidence: "", interpretation: "", link: "", clientId: randomId(20), minuteEdited: false, stepEdited: false});
        evidence.value = interpretation.value = link.value = "";
        drawList();
        evidence.focus();
      }},
        h("h3", {text: gettext("New observation entry")}),
        h("p", {class: "ls-hint", text: gettext("Watch the students, not the teacher: what they do, say and write.")}),
        field(gettext("Focus"), focus, {required: true}),
        h("div", {class: "ls-row"},
          field(gettext("Student or group"), target, {hint: gettext("A seat code or group, not a child's name.")}),
          field(gettext("Lesson minute"), minute)),
        steps.length ? field(gettext("Plan step"), step) : null,
        h("datalist", {id: id("seats")}, seatLabels().map((label) => h("option", {value: label}))),
        field(gettext("Evidence"), evidence, {required: true, hint: gettext("What you saw or heard, as exactly as you can.")}),
        field(gettext("Interpretation"), interpretation),
        field(gettext("Link"), link, {hint: gettext("A photo of student work, for example. Do not show children's faces without consent.")}),
        h("p", {class: "ls-hint", id: id("video-note")}),
        h("div", {class: "ls-actions"}, h("button", {type: "submit", class: "ls-button ls-primary", text: gettext("Add observation")})),
        region);
      const picker = h("div", {class: "ls-focus-picker"});
      focus.replaceWith(picker);
      picker.append(focus, toggles);
      return form;
    }

    function checkObservation(form, fields, region) {
      const draft = store.drafts.observation;
      clearFieldErrors(form);
      const problems = [];
      if (!draft.focus) problems.push([fields.focus, gettext("Choose a focus category.")]);
      if (draft.minute !== "" && !/^\d+$/.test(String(draft.minute).trim())) {
        problems.push([fields.minute, gettext("The lesson minute is a whole number of minutes.")]);
      }
      if (!draft.evidence.trim()) problems.push([fields.evidence, gettext("Write the evidence: what you saw or heard.")]);
      if (draft.link.trim() && !httpUrl(draft.link)) {
        problems.push([fields.link, gettext("A link starts with http:// or https://.")]);
      }
      for (const [control, message] of problems) setFieldError(control, message);
      if (problems.length) {
        setStatus(region, problems[0][1], true);
        problems[0][0].focus();
      }
      return !problems.length;
    }

    function addObservation(entry) {
      store.state.observations = store.state.observations || [];
      if (!store.state.observations.some((o) => o.id === entry.id)) store.state.observations.push(entry);
    }

    /** An entry of the list; with the queue's items, what the queue says of it. */
    function entryItem(entry, items) {
      const url = httpUrl(entry.link);
      const kind = entry.kind || "note";
      let head = [h("strong", {text: focusLabel(entry.focus) || gettext("Observation")}), entry.target ? " · " + entry.target : ""];
      if (kind === "mode") head = [h("strong", {text: gettext("Lesson mode:")}), " " + (MODE_LABELS[entry.mode] || entry.mode)];
      if (kind === "interaction") {
        head = [h("strong", {text: gettext("Interaction:")}), " " + entry.from + " → " + entry.to + " · " +
                (INTERACTION_VERBS[entry.interaction] || entry.interaction)];
      }
      const step = stepLabel(entry.step_id);
      const edit = kind === "mode" ? null : (item) => editRefused(item);
      return h("li", {class: "ls-entry", id: id("entry", entry.id)},
        h("p", {class: "ls-entry-head"}, head,
          entry.minute != null ? " · " + interpolate(gettext("minute %(minute)s"), {minute: entry.minute}) : ""),
        step ? h("p", {class: "ls-meta", text: step}) : null,
        kind === "note" || entry.evidence ? h("p", {class: "ls-text"},
          h("span", {class: "ls-label", text: gettext("Evidence:") + " "}), entry.evidence || "") : null,
        entry.interpretation ? h("p", {class: "ls-text"},
          h("span", {class: "ls-label", text: gettext("Interpretation:") + " "}), entry.interpretation) : null,
        entry.link ? h("p", {class: "ls-link"}, h("span", {class: "ls-label", text: gettext("Link:") + " "}),
          url ? h("a", {href: url, rel: "noopener noreferrer", target: "_blank"}, entry.link,
            h("span", {class: "ls-visually-hidden", text: " " + gettext("(opens in a new tab)")})) : entry.link) : null,
        entry.video_time != null && store.state.cycle.video_url ? button(
          interpolate(gettext("Play from %(time)s"), {time: hms(entry.video_time)}), () => seekVideo(entry.video_time)) : null,
        h("p", {class: "ls-meta"}, personName(entry.author), ", ", timeNode(entry.at)),
        items ? ui.queueBadge(entry.client_id, items, edit) : null);
    }

    /** A refused entry back into its form, with the server's message at the field at fault. */
    function editRefused(item) {
      const body = item.body;
      let fieldId = "obs-" + (item.field === "step_id" ? "step" : item.field);
      if (body.kind === "interaction") {
        Object.assign(store.drafts.interaction, {from: body.from, to: body.to, interaction: body.interaction, clientId: item.id});
        fieldId = {from: "int-from", to: "int-to", interaction: "int-kind"}[item.field] || "int-from";
      } else {
        Object.assign(store.drafts.observation, {
          focus: body.focus, target: body.target, minute: body.minute == null ? "" : String(body.minute), step: body.step_id || "",
          evidence: body.evidence, interpretation: body.interpretation, link: body.link, clientId: item.id,
          minuteEdited: true, stepEdited: true,
        });
      }
      ui.render();
      const control = host.querySelector("#" + id(fieldId)) || host.querySelector("#" + id("obs-evidence"));
      if (control) {
        setFieldError(control, item.error);
        control.focus();
      }
    }

    /* The lesson video ------------------------------------------------------------------- */

    let player = null;  // {url, node, time(), started(), seek(seconds)}: one per video, moved between tabs

    /** "12:34" or "1:02:03". */
    const {hms} = LS.video;

    function videoPlayer() {
      const url = store.state.cycle && store.state.cycle.video_url;
      if (!url) return null;
      if (!player || player.url !== url) player = makePlayer(url);
      return h("div", {class: "ls-video"}, player.node);
    }

    /** A YouTube player spoken to with postMessage (enablejsapi=1: no script of YouTube's in the
     * page), or the browser's own player for a video file. */
    function makePlayer(url) {
      const youtube = url.match(/(?:youtube\.com\/(?:watch\?v=|embed\/)|youtu\.be\/)([A-Za-z0-9_-]{6,})/);
      if (!youtube) {
        const video = h("video", {class: "ls-video-frame", src: url, controls: true, preload: "metadata", playsinline: true,
                                  "aria-label": gettext("Lesson video")});
        return {url, node: video, time: () => video.currentTime, started: () => video.currentTime > 0 && !video.ended,
          seek: (seconds) => LS.video.seekAndPlay(video, seconds)};
      }
      const origin = "https://www.youtube-nocookie.com";
      const frame = h("iframe", {class: "ls-video-frame", title: gettext("Lesson video"), allowfullscreen: true,
        allow: "fullscreen; picture-in-picture", src: origin + "/embed/" + youtube[1] + "?enablejsapi=1&playsinline=1&origin=" +
          encodeURIComponent(location.origin)});
      const info = {time: 0, state: -1};
      const tell = (message) => frame.contentWindow && frame.contentWindow.postMessage(JSON.stringify(message), origin);
      frame.addEventListener("load", () => tell({event: "listening", id: prefix, channel: "widget"}));
      window.addEventListener("message", (event) => {
        if (event.source !== frame.contentWindow) return;
        let data = null;
        try {
          data = JSON.parse(event.data);
        } catch (error) {
          return;
        }
        const news = (data && data.info) || {};
        if (typeof news.currentTime === "number") info.time = news.currentTime;
        if (typeof news.playerState === "number") info.state = news.playerState;
      });
      return {url, node: frame, time: () => info.time, started: () => info.state === 1 || info.state === 2,
        seek: (seconds) => {
          tell({event: "command", func: "seekTo", args: [seconds, true]});
          tell({event: "command", func: "playVideo", args: []});
        }};
    }

    /** The video time a new entry carries: while the video is started (playing, or paused to write). */
    function videoTime() {
      if (!player || !player.node.isConnected || !player.started()) return null;
      return Math.round(player.time() * 10) / 10;
    }

    function seekVideo(seconds) {
      if (!player || !player.node.isConnected) return false;
      player.seek(seconds);
      player.node.scrollIntoView({block: "nearest"});
      return true;
    }

    // The See tab's timeline (cycle/charts.js) asks the page's player to play from a mark.
    root.addEventListener("lessonstudy:seek", (event) => {
      const seconds = Number(event.detail && event.detail.seconds);
      if (seconds >= 0 && seekVideo(seconds)) event.preventDefault();
    }, true);

    function videoForm() {
      const region = statusRegion("video");
      const url = input("video-url", store.state.cycle.video_url || "", {type: "url", inputmode: "url", maxlength: 1000,
                                                                   autocomplete: "off"}, () => undefined);
      const form = h("form", {class: "ls-panel ls-video-form", novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        const result = await submit(form, region, {url}, "set_lesson_video", withGroup({url: url.value.trim()}));
        if (result && result.ok) {
          store.state.cycle.video_url = result.data.cycle.video_url;
          ui.render();
          ui.focusFirstOf(id("video-url"));
          announce(store.state.cycle.video_url ? gettext("The lesson video is saved.") : gettext("The lesson video is removed."));
        }
      }},
        field(gettext("Lesson video"), url, {hint: gettext("For a recorded or online open class: a YouTube address or the https address of a video file. Leave it empty to remove the video.")}),
        h("div", {class: "ls-actions"}, h("button", {type: "submit", class: "ls-button", text: gettext("Save video")})),
        region);
      return form;
    }

    Object.assign(ui, {addObservation, doPanel, entryItem, norm, redrawIn, seatChart, seatCounts, seating, videoPlayer});
  };
})(window.LessonStudy = window.LessonStudy || {});
