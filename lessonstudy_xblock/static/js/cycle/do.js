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

    /** The Do tab. An observer lands on the observe panel: the moment (clock, minute, step), the
     * lesson modes, the seating chart, one-tap quick marks or an interaction's kinds, and the note
     * form, made to fit one phone screen; then what the queue holds and the entries. */
    function doPanel() {
      const p = perm();
      const list = h("ul", {class: "ls-entries", id: id("entries")});
      const empty = h("p", {text: gettext("No observation entries yet.")});
      const queueBox = h("div", {class: "ls-queue"});
      const observe = p.add_observation ? observePanel() : null;
      const typed = p.add_observation ? h("div", {}) : null;
      const drawList = () => {
        const items = ui.queued("add_observation").concat(ui.queued("amend_observation"));
        const entries = doEntries(ui.queued("add_observation"));
        list.replaceChildren(...entries.map((entry) => entryItem(entry, items)));
        empty.hidden = entries.length > 0;
        redrawIn(queueBox, ...ui.queueLine("add_observation", gettext("Entries waiting to send: %(count)s.")));
        if (observe) observe.refresh(entries);
      };
      if (typed) typed.append(interactionForm(drawList));
      store.onQueueChange = drawList;
      if (observe) observe.drawList = drawList;
      drawList();
      clearInterval(ticker);
      ticker = setInterval(tick, 1000);
      return h("div", {class: "ls-do"},
        videoPlayer(),
        observe ? observe.node : note(whyNoObservations(), "info"),
        guidingQuestions(),
        typed,
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

    /** The plan's seating chart as {columns, labels, ids} (each seat's stable id), or null when
     * it has no labels. */
    function seating() {
      const section = store.state.plan.sections.find((s) => s.type === "grid");
      const content = (section && section.content) || {};
      const lines = content.labels || [];
      const columns = Math.max(0, ...lines.map((line) => line.length));
      if (!lines.some((line) => line.some(Boolean))) return null;
      const fit = (line, fill) => Array.from({length: columns}, (_, c) => (line && line[c]) || fill(c));
      return {columns, labels: lines.map((line) => fit(line, () => "")),
              ids: lines.map((line, r) => fit((content.ids || [])[r], (c) => "r" + (r + 1) + "c" + (c + 1)))};
    }

    /** ``{seat id: label}`` of the chart. */
    function seatNames(grid) {
      const names = {};
      if (grid) grid.ids.forEach((line, r) => line.forEach((seatId, c) => { if (grid.labels[r][c]) names[seatId] = grid.labels[r][c]; }));
      return names;
    }

    const norm = (text) => String(text || "").trim().toLowerCase();

    /** How many entries name each seat (as its student, or an interaction's end), by seat id:
     * the server links entries typed by text to the seat whose label matches. */
    function seatCounts(entries) {
      const counts = {};
      for (const entry of entries) {
        for (const seat of new Set([entry.seat, entry.from_seat, entry.to_seat].filter(Boolean))) {
          counts[seat] = (counts[seat] || 0) + 1;
        }
      }
      return counts;
    }

    /** The seating chart as buttons with their counts, shaded by count: Do's picker, See's heat map.
     * ``selected``: the chosen seat ids (undefined: no choosing, the buttons are not toggles). The
     * button's name is its visible text (WCAG 2.5.3): the label, then ", entries: n". */
    function seatChart(grid, counts, pick, selected, label, key) {
      const max = Math.max(1, ...Object.values(counts));
      const map = h("div", {class: "ls-seatmap", role: "group", "aria-label": label},
        grid.labels.flat().map((seat, index) => {
          if (!seat) return h("span", {});
          const seatId = grid.ids.flat()[index];
          const n = counts[seatId] || 0;
          const order = selected ? selected.indexOf(seatId) : -1;
          return h("button", {
            type: "button", id: id(key, index), "data-seat": seatId,
            class: "ls-seat-button ls-heat-" + Math.ceil(4 * n / max) + (order >= 0 ? " ls-chosen" : ""),
            "aria-pressed": selected === undefined ? null : String(order >= 0), onclick: () => pick(seatId, seat),
          }, h("span", {class: "ls-seat-label"}, h("span", {class: "ls-seat-text", text: seat}),
            h("span", {class: "ls-visually-hidden", text: ", " + gettext("entries:")})),
          h("span", {class: "ls-seat-count", text: String(n)}),
          order >= 0 && selected.length > 1 ? h("span", {class: "ls-seat-order", "aria-hidden": "true", text: order ? "→" : "●"}) : null);
        }));
      map.style.gridTemplateColumns = "repeat(" + grid.columns + ", minmax(2.75rem, 5rem))";
      return h("div", {class: "ls-scroll ls-seat-scroll"}, map);
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

    /* The observe panel -------------------------------------------------------------------- */

    /** Whether the page is as narrow as a phone's (the observe panel then keeps to one screen). */
    const onPhone = () => Boolean(window.matchMedia && window.matchMedia("(max-width: 40rem)").matches);

    /** The seats chosen on the chart, in tap order: one is a note's student, two an interaction's pair. */
    const chosen = () => store.drafts.seats || (store.drafts.seats = []);

    function observePanel() {
      const draft = store.drafts.observation;
      syncClock();
      const status = h("p", {class: "ls-observe-status", id: id("status", "observe"), role: "status", "aria-live": "polite"});
      const board = h("div", {class: "ls-board"});
      const modes = h("div", {});
      const actions = h("div", {class: "ls-seat-actions"});
      const panel = {node: null, drawList: () => undefined, entries: []};
      let watch = null; // the entry just added: {clientId, text}, followed until it is saved
      const say = (text, isError) => setStatus(status, text, Boolean(isError));
      /** Queue an entry, then: the keyboard stays closed (nothing is focused again), the chart is
       * free again, and the status under the form follows the entry until it is saved. */
      const keep = (body, text) => {
        ui.enqueue("add_observation", body, "observe-entry");
        const seatUsed = chosen()[0];
        store.drafts.seats = [];
        // The next entry's minute and step follow the clock again.
        Object.assign(store.drafts.observation, {minuteEdited: false, stepEdited: false});
        watch = {clientId: body.client_id, text};
        panel.drawList();
        // The keyboard stays closed: focus never goes back to a text field; it rests on a button
        // (the seat just used, else "Add observation"), so a keyboard user keeps their place.
        const active = document.activeElement;
        if (!active || !host.contains(active) || /^(TEXTAREA|INPUT)$/.test(active.tagName)) {
          const seatButton = seatUsed && board.querySelector('[data-seat="' + CSS.escape(seatUsed) + '"]');
          (seatButton || host.querySelector("#" + id("add-note"))).focus({preventScroll: true});
        }
      };
      /** What became of the entry just added, said where the observer is looking (the chart
       * counts it at its seat at once). */
      function report() {
        if (!watch) return;
        const items = ui.queued("add_observation");
        const where = ui.queueState(watch.clientId, items);
        const item = items.find((x) => x.id === watch.clientId);
        if (where === "refused") say(item.error, true);
        else if (where === "waiting" && item.tries) {
          say(gettext("Not sent yet: it is kept in this browser and sent when the connection is back.") + " " + watch.text);
        }
        else if (where === "waiting" || where === "sending") say(interpolate(gettext("Saving: %(what)s"), {what: watch.text}));
        else say(interpolate(gettext("Saved: %(what)s"), {what: watch.text}));
      }
      const names = () => seatNames(seating());
      const seatText = () => chosen().map((seatId) => names()[seatId] || seatId);

      function pick(seatId) {
        const seats = chosen();
        const at = seats.indexOf(seatId);
        if (at >= 0) seats.splice(at, 1);
        else if (seats.length >= 2) seats.splice(0, 2, seatId);
        else seats.push(seatId);
        draw();
        const [a, b] = seatText();
        say(b ? interpolate(gettext("%(from)s → %(to)s: choose how they interacted."), {from: a, to: b})
          : a ? interpolate(gettext("%(seat)s chosen: tap a quick mark, or write a note; tap a second seat for an interaction."), {seat: a})
            : gettext("No seat chosen."));
      }

      function draw() {
        const grid = seating();
        redrawIn(modes, modeButtons(keep));
        redrawIn(board, grid ? seatChart(grid, seatCounts(panel.entries), pick, chosen(), gettext("Seating chart"), "seat-pick") : null);
        redrawIn(actions, chosen().length === 2 ? pairBar() : quickMarks(grid));
        const target = host.querySelector("#" + id("obs-target"));
        if (target) target.closest(".ls-field").hidden = chosen().length > 0;
      }

      function quickMarks(grid) {
        const marks = (store.state.focus_categories || []).filter((c) => c.quick);
        if (!marks.length) return null;
        return h("div", {class: "ls-quick", role: "group", "aria-label": gettext("Quick marks")},
          marks.map((category) => button(category.label, () => {
            const seatId = chosen()[0];
            if (grid && !seatId) {
              say(gettext("Tap a seat first: a quick mark is about one student."), true);
              return;
            }
            const label = seatId ? names()[seatId] : "";
            keep(Object.assign({client_id: randomId(20), kind: "quick", focus: category.id},
                               seatId ? {seat: seatId, target: label} : {}, moment()),
                 interpolate(gettext("quick note: %(mark)s%(seat)s"),
                             {mark: category.label, seat: label ? " · " + label : ""}));
          }, {id: id("quick", category.id), class: "ls-button ls-quick-button"})));
      }

      function pairBar() {
        const [fromId, toId] = chosen();
        const [from, to] = seatText();
        const pair = store.drafts.interaction;
        const kinds = h("div", {class: "ls-kinds", role: "group", "aria-label": gettext("Interaction")},
          Object.entries(INTERACTION_VERBS).map(([kind, label]) => h("button", {
            type: "button", class: "ls-button ls-kind", id: id("kind", kind), "aria-pressed": String(pair.interaction === kind), text: label,
            onclick: () => {
              pair.interaction = kind;
              kinds.querySelectorAll("button").forEach((b) => b.setAttribute("aria-pressed", String(b.id === id("kind", kind))));
            },
          })));
        return h("div", {class: "ls-pair"},
          h("p", {class: "ls-pair-line", text: interpolate(gettext("%(from)s → %(to)s"), {from, to})}),
          kinds,
          button(gettext("Add interaction"), () => {
            if (!pair.interaction) {
              say(gettext("Choose how they interacted."), true);
              return;
            }
            const verb = INTERACTION_VERBS[pair.interaction] || pair.interaction;
            const body = Object.assign({client_id: pair.clientId, kind: "interaction", from_seat: fromId,
                                        to_seat: toId, from, to, interaction: pair.interaction}, moment());
            store.drafts.interaction = store.newInteractionDraft();
            keep(body, interpolate(gettext("%(from)s %(verb)s %(to)s"), {from, verb, to}));
          }, {id: id("add-pair"), class: "ls-button ls-primary"}));
      }

      // The note: focus (large buttons over a native select), evidence, add; more fields folded.
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
      const target = input("obs-target", draft.target, {maxlength: 120, list: id("seats"), autocomplete: "off"}, set("target"));
      const evidence = textarea("obs-evidence", draft.evidence, {maxlength: 4000, rows: 3}, set("evidence"));
      const interpretation = textarea("obs-interpretation", draft.interpretation, {rows: 3, maxlength: 4000}, set("interpretation"));
      const link = input("obs-link", draft.link, {type: "url", maxlength: 1000, inputmode: "url", autocomplete: "off"}, set("link"));
      const momentNode = momentBar();
      const fields = {focus, target, evidence, interpretation, link, minute: momentControls.minute, step_id: momentControls.step};
      // The whole panel is the note's form (the moment, the chart and the marks are its context);
      // its buttons other than "Add observation" are plain buttons.
      const form = h("form", {class: "ls-observe", novalidate: true, onsubmit: (event) => {
        event.preventDefault();
        const now = moment();
        if (!checkObservation(form, fields, status)) return;
        const seatId = chosen()[0];
        const label = seatId ? names()[seatId] : draft.target.trim();
        const body = Object.assign(now, {
          client_id: draft.clientId, kind: "note", focus: draft.focus, evidence: draft.evidence.trim(),
          target: label, interpretation: draft.interpretation.trim(), link: draft.link.trim(),
        }, seatId ? {seat: seatId} : {});
        if (!seatId) ui.remember("target", draft.target.trim());
        Object.assign(draft, {evidence: "", interpretation: "", link: "", clientId: randomId(20), minuteEdited: false, stepEdited: false});
        evidence.value = interpretation.value = link.value = "";
        keep(body, focusLabel(body.focus) + (label ? " · " + label : ""));
      }},
        h("h3", {class: "ls-visually-hidden", id: id("observe-heading"), text: gettext("New observation entry")}),
        momentNode, modes, board, actions,
        h("div", {class: "ls-focus-picker"}, field(gettext("Focus"), focus, {required: true}), toggles),
        h("div", {class: "ls-note-row"},
          field(gettext("Evidence"), evidence, {required: true, hint: gettext("What you saw or heard, as exactly as you can.")}),
          h("div", {class: "ls-actions ls-add-row"}, h("button", {type: "submit", class: "ls-button ls-primary", id: id("add-note"), text: gettext("Add observation")}))),
        status,
        h("details", {class: "ls-more", open: draft.moreOpen === undefined ? !onPhone() : draft.moreOpen,
                      ontoggle: (e) => { draft.moreOpen = e.target.open; }},
          h("summary", {text: gettext("More: student by name or group, interpretation, link")}),
          field(gettext("Student or group"), target, {hint: gettext("When the student is not on the chart: a code or a group, not a child's name.")}),
          h("datalist", {id: id("seats")}, seatLabels().map((label) => h("option", {value: label}))),
          field(gettext("Interpretation"), interpretation),
          field(gettext("Link"), link, {hint: gettext("A photo of student work, for example. Do not show children's faces without consent.")})));
      panel.node = h("section", {class: "ls-panel ls-observe-panel", id: id("observe"), "aria-labelledby": id("observe-heading")},
        form, h("p", {class: "ls-hint ls-video-note", id: id("video-note")}));
      panel.refresh = (entries) => {
        panel.entries = entries;
        draw();
        report();
      };
      return panel;
    }

    /** The moment of every entry (note, quick mark, interaction, mode): the clock fills the minute
     * and the plan step; both can be changed by hand. */
    const momentControls = {minute: null, step: null};

    function momentBar() {
      const draft = store.drafts.observation;
      const running = clockMinute() !== null;
      momentControls.minute = input("obs-minute", draft.minute, {type: "number", min: 0, max: MAX_MINUTES, step: 1,
                                                                 inputmode: "numeric", class: "ls-minutes"}, (value) => {
        Object.assign(draft, {minute: value, minuteEdited: true});
      });
      const steps = planSteps();
      momentControls.step = select("obs-step", [["", gettext("No step")]].concat(steps), draft.step,
                                   (value) => Object.assign(draft, {step: value, stepEdited: true}));
      return h("div", {class: "ls-moment"},
        h("p", {class: "ls-clock-now", id: id("clock-now"), text: clockText()}),
        h("div", {class: "ls-moment-row"},
          button(running ? gettext("Stop lesson clock") : gettext("Start lesson clock"), () => {
            ui.remember(clockKey(), running ? null : String(Date.now()));
            Object.assign(draft, {minuteEdited: false, stepEdited: false});
            if (running) draft.minute = "";
            ui.render();
            ui.focusFirstOf(id("clock"));
          }, {id: id("clock"), class: running ? "ls-button" : "ls-button ls-primary"}),
          field(gettext("Lesson minute"), momentControls.minute),
          steps.length ? field(gettext("Plan step"), momentControls.step) : null));
    }

    /** The lesson's modes, one tap each (``keep``: the observe panel's way to add an entry). */
    function modeButtons(keep) {
      const entries = doEntries(ui.queued("add_observation"));
      const last = entries.find((entry) => entry.kind === "mode");
      return h("section", {class: "ls-modes", "aria-labelledby": id("modes-heading")},
        h("h4", {id: id("modes-heading"), class: "ls-modes-heading", text: gettext("Lesson mode")}),
        h("p", {class: "ls-hint", id: id("mode-now"), text: last ? gettext("Current mode:") + " " + (MODE_LABELS[last.mode] || last.mode) +
          (last.minute != null ? " · " + interpolate(gettext("minute %(minute)s"), {minute: last.minute}) : "")
          : gettext("Tap when the lesson changes mode.")}),
        h("div", {class: "ls-mode-buttons"}, Object.entries(MODE_LABELS).map(([mode, label]) => button(label, () => {
          keep(Object.assign({client_id: randomId(20), kind: "mode", mode}, moment()),
               interpolate(gettext("lesson mode %(mode)s"), {mode: label}));
        }, {id: id("mode", mode), "aria-pressed": String(Boolean(last && last.mode === mode))}))));
    }

    /** An interaction typed by text (students not on the chart, or no chart), folded under the entries. */
    function interactionForm(drawList) {
      const draft = store.drafts.interaction;
      const region = statusRegion("interaction");
      const set = (name) => (value) => { draft[name] = value; };
      const from = input("int-from", draft.from, {maxlength: 120, autocomplete: "off", list: id("seats")}, set("from"));
      const to = input("int-to", draft.to, {maxlength: 120, autocomplete: "off", list: id("seats")}, set("to"));
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
        from.value = to.value = kind.value = "";
        drawList();
        from.focus();
      }},
        h("div", {class: "ls-row"}, field(gettext("From"), from), field(gettext("To"), to)),
        field(gettext("Interaction"), kind),
        h("div", {class: "ls-actions"}, h("button", {type: "submit", class: "ls-button", text: gettext("Add interaction")})),
        region);
      return h("details", {class: "ls-typed", open: Boolean(draft.open), ontoggle: (e) => { draft.open = e.target.open; }},
        h("summary", {text: gettext("Type an interaction instead (students not on the chart)")}), form);
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

    /** An entry the server answered (added, or amended: then it replaces the one shown). */
    function addObservation(entry) {
      store.state.observations = store.state.observations || [];
      const at = store.state.observations.findIndex((o) => o.id === entry.id);
      if (at < 0) store.state.observations.push(entry);
      else store.state.observations[at] = entry;
    }

    /** The evidence an observer adds to their own entry afterwards (a quick note's, typically):
     * queued like an entry, once per client id; the entry keeps what was first recorded. */
    function amendForm(entry) {
      const drafts = store.drafts.amend || (store.drafts.amend = {});
      const draft = drafts[entry.id] || (drafts[entry.id] = {evidence: "", clientId: randomId(20), open: false});
      const region = statusRegion("amend-" + entry.id);
      const area = textarea("amend-" + entry.id, draft.evidence, {rows: 3, maxlength: 4000}, (value) => { draft.evidence = value; });
      const form = h("form", {class: "ls-amend", novalidate: true, onsubmit: (event) => {
        event.preventDefault();
        clearFieldErrors(form);
        if (!draft.evidence.trim()) {
          setFieldError(area, gettext("Write the evidence: what you saw or heard."));
          setStatus(region, gettext("Write the evidence: what you saw or heard."), true);
          area.focus();
          return;
        }
        ui.enqueue("amend_observation", {client_id: draft.clientId, entry_id: entry.id, evidence: draft.evidence.trim()},
                   "amend-" + entry.id);
        delete drafts[entry.id];
        if (document.activeElement) document.activeElement.blur();
      }},
        field(gettext("Evidence"), area, {hint: gettext("What you saw or heard. What you first recorded stays as it was.")}),
        h("div", {class: "ls-actions"}, h("button", {type: "submit", class: "ls-button ls-primary", text: gettext("Add evidence")})),
        region);
      return h("details", {class: "ls-amend-box", open: draft.open, ontoggle: (e) => { draft.open = e.target.open; }},
        h("summary", {text: gettext("Add evidence")}), form);
    }

    /** Whether an entry still waits for its evidence (a quick note nobody has added to yet). */
    const awaitsEvidence = (entry) => entry.kind === "quick" && !entry.evidence && !(entry.additions || []).length;

    /** An entry of the list; with the queue's items, what the queue says of it. */
    function entryItem(entry, items) {
      const url = httpUrl(entry.link);
      const kind = entry.kind || "note";
      let head = [h("strong", {text: focusLabel(entry.focus) || gettext("Observation")}), entry.target ? " · " + entry.target : ""];
      if (kind === "quick") head = [h("span", {class: "ls-kind-tag", text: gettext("Quick note") + ": "})].concat(head);
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
        (entry.additions || []).map((added) => h("p", {class: "ls-text ls-added"},
          h("span", {class: "ls-label", text: gettext("Evidence added later:") + " "}), added.evidence)),
        awaitsEvidence(entry) ? h("p", {class: "ls-meta ls-no-evidence", text: gettext("No evidence yet.")}) : null,
        awaitsEvidence(entry) && store.state.user && entry.author && entry.author.id === store.state.user.id &&
          entry.id !== entry.client_id && perm().add_observation ? amendForm(entry) : null,
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

    Object.assign(ui, {addObservation, awaitsEvidence, doPanel, entryItem, norm, redrawIn, seatChart, seatCounts, seatNames, seating,
                       videoPlayer});
  };
})(window.LessonStudy = window.LessonStudy || {});
