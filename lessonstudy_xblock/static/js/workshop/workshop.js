/* Workshop module: one step at a time, progress kept by the server. */
function LessonStudyWorkshop(runtime, element, init) {
  "use strict";
  const Common = window.LessonStudyCommon;
  const {root, gettext, interpolate, $} = Common.setup(element, init);
  const make = Common.make;
  const status = $(".lsw-status");
  // One write at a time per block, across tabs too (core/http.js).
  const {send} = Common.client(runtime, root, {gettext,
    lockName: "lessonstudy-" + (root.getAttribute("data-usage") || "workshop")});
  let state = null;
  let current = null;
  let visited = null;  // the step the server last heard the participant is on

  function say(text) { status.textContent = text; }

  function stepIndex(id) { return state.steps.findIndex((step) => step.id === id); }

  function renderProgress() {
    // Progress is told in required steps (the server's counts): an optional step added later
    // never lowers a finished participant's count; optional steps are counted apart.
    const done = state.required_done;
    const total = state.required_total;
    $(".lsw-progress").hidden = false;
    $(".lsw-progress-text").textContent = [
      state.optional_total
        ? interpolate(gettext("%(done)s of %(total)s required steps done"), {done, total})
        : interpolate(gettext("%(done)s of %(total)s steps done"), {done, total}),
      state.optional_total
        ? interpolate(gettext("optional: %(done)s of %(total)s"), {done: state.optional_done, total: state.optional_total})
        : "",
    ].filter(Boolean).join(" · ");
    const bar = $(".lsw-progress-bar");
    bar.max = Math.max(total, 1);
    bar.value = done;
    $(".lsw-complete").hidden = !state.complete;
    const list = $(".lsw-step-list");
    list.textContent = "";
    state.steps.forEach((step, index) => {
      const isDone = state.done.includes(step.id);
      const label = interpolate(gettext("Step %(n)s: %(title)s"), {n: index + 1, title: step.title || step.id});
      const button = make("button", {type: "button", className: "lsw-jump" + (isDone ? " is-done" : ""),
        "aria-current": step.id === current ? "step" : false}, [
        make("span", {className: "lsw-mark", "aria-hidden": "true", text: isDone ? "✓" : String(index + 1)}),
        make("span", {text: label}),
        make("span", {className: "lsw-sr", text: isDone ? " " + gettext("(done)") : (step.required ? "" : " " + gettext("(optional)"))}),
      ]);
      button.addEventListener("click", () => show(step.id, true));
      list.appendChild(make("li", {}, [button]));
    });
  }

  function videoElement(step) {
    const url = step.video_url || "";
    const youtube = window.LessonStudy.video.youtubeId(url);
    if (youtube) {
      return make("iframe", {className: "lsw-video", src: window.LessonStudy.video.youtubeEmbed(youtube),
        title: step.title || gettext("Video"), allowfullscreen: true, loading: "lazy"});
    }
    if (/^https:\/\//.test(url)) {
      return make("video", {className: "lsw-video", src: url, controls: true, preload: "metadata"});
    }
    return make("p", {text: gettext("This video is not available.")});
  }

  function renderTask(step) {
    const task = $(".lsw-step-task");
    task.textContent = "";
    const response = state.responses[step.id] || {};
    if (step.kind === "video") {
      task.appendChild(videoElement(step));
      if (step.transcript) {
        task.appendChild(make("details", {className: "lsw-transcript"}, [
          make("summary", {text: gettext("Transcript")}), make("p", {text: step.transcript})]));
      }
    } else if (step.kind === "prompt") {
      const id = "lsw-answer-" + step.id;
      const area = make("textarea", {id, className: "lsw-answer", rows: "6", "aria-describedby": id + "-hint"});
      area.value = response.response || "";
      const hint = make("p", {id: id + "-hint", className: "lsw-hint"});
      const update = () => {
        hint.textContent = step.min_length
          ? interpolate(gettext("At least %(min)s characters (%(count)s written)."), {min: step.min_length, count: area.value.trim().length})
          : "";
      };
      area.addEventListener("input", update);
      update();
      task.append(make("label", {for: id, text: gettext("Your answer")}), area, hint);
    } else if (step.kind === "checklist") {
      const checked = response.checked || [];
      const fieldset = make("fieldset", {}, [make("legend", {text: gettext("Tick each item")})]);
      step.items.forEach((item) => {
        const id = "lsw-item-" + step.id + "-" + item.id;
        const box = make("input", {type: "checkbox", id, value: item.id});
        box.checked = checked.includes(item.id);
        fieldset.appendChild(make("div", {className: "lsw-choice"}, [box, make("label", {for: id, text: item.label})]));
      });
      task.appendChild(fieldset);
    } else if (step.kind === "check") {
      const fieldset = make("fieldset", {}, [make("legend", {text: gettext("Choose one answer")})]);
      step.options.forEach((option) => {
        const id = "lsw-option-" + step.id + "-" + option.id;
        const radio = make("input", {type: "radio", id, name: "lsw-check-" + step.id, value: option.id});
        radio.checked = response.choice === option.id;
        fieldset.appendChild(make("div", {className: "lsw-choice"}, [radio, make("label", {for: id, text: option.label})]));
      });
      task.appendChild(fieldset);
    }
  }

  function show(stepId, focus) {
    current = stepId;
    const step = state.steps[stepIndex(stepId)];
    if (!step) return;
    $(".lsw-step-title").textContent = step.title || step.id;
    const index = stepIndex(stepId);
    $(".lsw-step-meta").textContent = interpolate(gettext("Step %(n)s of %(total)s"), {n: index + 1, total: state.steps.length})
      + (step.required ? "" : " · " + gettext("optional"))
      + (state.done.includes(step.id) ? " · " + gettext("done") : "");
    // Author rich text, sanitised on the server with nh3: the only HTML inserted as such.
    $(".lsw-step-body").innerHTML = step.body || "";
    renderTask(step);
    const feedback = state.feedback && state.feedback[step.id];
    $(".lsw-feedback").textContent = feedback ? feedback.text : "";
    $(".lsw-feedback").className = "lsw-feedback" + (feedback ? (feedback.correct ? " is-correct" : " is-wrong") : "");
    $(".lsw-prev").disabled = index === 0;
    $(".lsw-next").disabled = index === state.steps.length - 1;
    renderProgress();
    if (focus) $(".lsw-step-title").focus();
    // Only a move to another step is sent (not a redraw of the same one); keepalive: the place
    // is kept even when the page is closed right after.
    if (stepId !== visited) {
      visited = stepId;
      send("visit_step", {step_id: stepId}, {keepalive: true}).catch(() => {});
    }
  }

  function submission(step) {
    const body = {step_id: step.id};
    if (step.kind === "prompt") body.response = root.querySelector(".lsw-answer").value;
    if (step.kind === "checklist") body.checked = Array.from(root.querySelectorAll(".lsw-step-task input:checked")).map((box) => box.value);
    if (step.kind === "check") {
      const chosen = root.querySelector(".lsw-step-task input:checked");
      body.choice = chosen ? chosen.value : null;
    }
    return body;
  }

  async function markDone() {
    const step = state.steps[stepIndex(current)];
    const button = $(".lsw-done");
    button.disabled = true;
    say(gettext("Saving..."));
    try {
      const body = submission(step);
      const answer = await send("complete_step", body);
      ["done", "complete", "required_done", "required_total", "optional_done", "optional_total"]
        .forEach((key) => { state[key] = answer[key]; });
      if (step.kind === "prompt") state.responses[step.id] = {response: body.response.trim()};
      if (step.kind === "checklist") state.responses[step.id] = {checked: body.checked};
      if (step.kind === "check") {
        state.responses[step.id] = {choice: body.choice};
        state.feedback[step.id] = {text: answer.feedback, correct: answer.correct};
      }
      show(step.id, false);
      if (step.kind === "check" && !answer.correct) {
        say(gettext("Not yet: read the feedback and try again."));
      } else {
        say(answer.complete ? gettext("Saved. You have completed this module.") : gettext("Saved"));
      }
    } catch (error) {
      say(error.message);
      $(".lsw-feedback").textContent = error.message;
      $(".lsw-feedback").className = "lsw-feedback is-wrong";
    } finally {
      button.disabled = false;
    }
  }

  async function loadReport() {
    const report = $(".lsw-report");
    if (!report) return;
    $(".lsw-export").href = init.export_url;
    const data = await send("staff_report", {});
    report.textContent = "";
    if (!data.participants.length) {
      report.appendChild(make("p", {text: gettext("Nobody has started this module yet.")}));
      return;
    }
    const format = new Intl.DateTimeFormat(init.language || undefined, {dateStyle: "medium", timeStyle: "short"});
    const prompts = data.steps.filter((step) => step.kind === "prompt");
    const head = make("tr", {}, [gettext("Participant"), gettext("Steps done"), gettext("Last activity")]
      .concat(prompts.map((step) => step.title || step.id)).map((text) => make("th", {scope: "col", text})));
    const rows = data.participants.map((row) => make("tr", {}, [
      make("th", {scope: "row", text: row.name}),
      make("td", {text: interpolate(gettext("%(done)s of %(total)s"), {done: row.required_done, total: row.required_total})
        + (row.optional_total ? " · " + interpolate(gettext("optional: %(done)s of %(total)s"),
          {done: row.optional_done, total: row.optional_total}) : "")}),
      make("td", {text: row.last_activity ? format.format(new Date(row.last_activity)) : ""}),
    ].concat(prompts.map((step) => make("td", {text: row.responses[step.id] || ""})))));
    report.appendChild(make("div", {className: "lsw-table-wrap"}, [make("table", {}, [
      make("caption", {text: gettext("Participation in this module")}),
      make("thead", {}, [head]), make("tbody", {}, rows)])]));
  }

  $(".lsw-prev").addEventListener("click", () => show(state.steps[stepIndex(current) - 1].id, true));
  $(".lsw-next").addEventListener("click", () => show(state.steps[stepIndex(current) + 1].id, true));
  $(".lsw-done").addEventListener("click", markDone);

  send("get_progress", {}).then((data) => {
    state = data;
    state.feedback = data.feedback || {};
    say("");
    if (!state.steps.length) {
      say(gettext("This module has no steps yet."));
      return;
    }
    $(".lsw-layout").hidden = false;
    visited = state.current_step;
    show(state.current_step || state.steps[0].id, false);
  }).catch((error) => say(error.message));
  if (init.is_staff) loadReport().catch((error) => say(error.message));
}
