/* Workshop module, Studio editor: display name, content language, a preset to start from, and the steps.
 * Nothing is saved until Save; the server checks and sanitises everything again (save_settings). */
function LessonStudyWorkshopStudio(runtime, element, init) {
  "use strict";
  const Editor = window.LessonStudyEditor;
  const {root, gettext, interpolate, $} = window.LessonStudyCommon.setup(element, init);
  const LIMITS = {steps: 40, title: 200, body: 50000, url: 1000, items: 30, label: 500, feedback: 2000, name: 200};
  const KIND_LABELS = {
    text: gettext("Text"), video: gettext("Video"), prompt: gettext("Written answer (prompt)"),
    checklist: gettext("Checklist"), check: gettext("Self-check question"),
  };
  const LANGUAGE_NAMES = {en: gettext("English"), id: gettext("Bahasa Indonesia")};
  let presets = [];
  let preset = "";
  let steps = null;

  Editor.uniquifyIds(root);

  function say(text) { page.say(text); } // the status line (page: the Studio plumbing, made last)

  /* Mark the control a refusal is about and offer to go to it (and to the step). */
  function explain(error, go) {
    const field = {display_name: ".lss-display-name", language: ".lss-language", preset: ".lss-preset-choice"}[error.field];
    if (field) {
      $(field).setAttribute("aria-invalid", "true");
      go(gettext("Go to the field"), () => $(field).focus());
    }
    const stepNumber = stepOf(error);
    if (stepNumber && steps) go(interpolate(gettext("Go to step %(n)s"), {n: stepNumber}), () => steps.focusRecord(stepNumber));
  }

  /* The step a refusal is about: the server's "step" (1-based) when it sends one, else the number in
   * "Step 9: ..." (a first word, then the number: "Langkah 9" in Indonesian). */
  function stepOf(error) {
    const data = error.data || {};
    if (Number.isInteger(data.step)) return data.step;
    if (error.field !== "steps") return null;
    const match = /^[^\d\s]+\s+(\d+)\b/.exec(error.message || "");
    const n = match ? parseInt(match[1], 10) : null;
    return n && steps && n <= steps.records.length ? n : null;
  }

  function kindOptions(kinds) {
    return kinds.map((kind) => ({value: kind, label: KIND_LABELS[kind] || kind}));
  }

  function stepName(n) { return interpolate(gettext("step %(n)s"), {n}); }

  function choiceSpec(kind) {
    // Checklist items and check answers: records inside a step, named "item 2 of step 3".
    const isCheck = kind === "check";
    const fields = [{key: "label", type: "text", label: isCheck ? gettext("Answer") : gettext("Item"), maxLength: LIMITS.label}];
    if (isCheck) {
      fields.push({key: "correct", type: "radio", label: gettext("Correct"), ensureOne: true});
      fields.push({key: "feedback", type: "textarea", label: gettext("Feedback"), rows: 3, maxLength: LIMITS.feedback});
    }
    return {
      fields, idFrom: "label", idPrefix: isCheck ? "option" : "item", maxRecords: LIMITS.items,
      name: (n, parent) => interpolate(isCheck ? gettext("answer %(n)s of %(parent)s") : gettext("item %(n)s of %(parent)s"),
        {n, parent: parent.name}),
      legend: (record, n) => interpolate(isCheck ? gettext("Answer %(n)s") : gettext("Item %(n)s"), {n}),
      addLabel: (parent) => [isCheck ? gettext("Add answer") : gettext("Add item"),
        {hidden: " " + interpolate(gettext("to %(what)s"), {what: parent.name})}],
      emptyText: isCheck ? gettext("No answers yet.") : gettext("No items yet."),
      create: () => (isCheck ? {label: "", correct: false, feedback: ""} : {label: ""}),
    };
  }

  function stepSpec(kinds, records) {
    const is = (kind) => (record) => record.kind === kind;
    return {
      records, gettext, announce: say, idPrefix: "step", idFrom: "title", kindKey: "kind",
      kinds: kindOptions(kinds), kindLabel: gettext("Kind of the new step"), maxRecords: LIMITS.steps,
      actionsFirst: true,
      name: stepName,
      legend: Editor.titledLegend(gettext("Step %(n)s: %(title)s"), gettext("Step %(n)s (no title yet)")),
      addLabel: () => gettext("Add step"),
      emptyText: gettext("The module has no steps yet. Add one, or load a preset. If you save no steps, learners see the steps of the preset."),
      create: (kind) => ({title: "", kind: kind || "text", required: true, body: ""}),
      prepare: (record) => {
        if (typeof record.kind !== "string") record.kind = "text";
        if (record.required === undefined) record.required = true;
        if (record.kind === "prompt" && typeof record.min_length !== "number") record.min_length = 0;
        if (record.kind === "checklist" && !(record.items || []).length) record.items = [{label: ""}];
        if (record.kind === "check" && !(record.options || []).length) {
          record.options = [{label: "", correct: true, feedback: ""}, {label: "", correct: false, feedback: ""}];
        }
      },
      confirmRemove: Editor.confirmTitled(gettext("Remove step %(n)s, “%(title)s”? Nothing is saved until you press Save."),
        stepName, (record) => record.title || record.body),
      fields: [
        {key: "title", type: "text", label: gettext("Title"), maxLength: LIMITS.title},
        {key: "kind", type: "select", label: gettext("Kind"), options: kindOptions(kinds), rerender: true},
        {key: "required", type: "checkbox", label: gettext("Required"),
          hint: gettext("The module is complete when every required step is done.")},
        {key: "body", type: "textarea", label: gettext("Body"), rows: 8, maxLength: LIMITS.body, code: true,
          preview: async (text) => (await page.send("preview_body", {body: text})).body,
          hint: gettext("HTML: paragraphs, headings (h3, h4), lists, bold, italic, links, code and quotes. Anything else, such as scripts, styles, images or frames, is removed when you save.")},
        {key: "video_url", type: "url", label: gettext("Video URL"), maxLength: LIMITS.url, when: is("video"),
          hint: gettext("A YouTube link, or an https address of an .mp4, .webm or .ogg file.")},
        {key: "transcript", type: "textarea", label: gettext("Transcript"), rows: 4, maxLength: LIMITS.body, when: is("video")},
        {key: "min_length", type: "number", label: gettext("Minimum length"), min: 0, max: 5000, when: is("prompt"),
          hint: gettext("The number of characters an answer needs (0: any answer).")},
        {key: "items", type: "list", label: gettext("Checklist items"), when: is("checklist"), list: choiceSpec("checklist")},
        {key: "options", type: "list", label: gettext("Answers"), when: is("check"), list: choiceSpec("check"),
          hint: gettext("Mark exactly one answer as correct. Participants see the feedback of the answer they choose.")},
      ],
    };
  }

  function presetName(id, language) {
    const found = presets.find((p) => p.id === id && p.language === language);
    return found ? found.name : id;
  }

  function fillPresets(selected, language) {
    const select = $(".lss-preset-choice");
    select.textContent = "";
    presets.forEach((p) => {
      select.appendChild(Editor.make("option", {value: p.id + "|" + p.language,
        text: interpolate(gettext("%(name)s (%(language)s)"), {name: p.name, language: LANGUAGE_NAMES[p.language] || p.language})}));
    });
    const value = selected + "|" + language;
    if (presets.some((p) => p.id + "|" + p.language === value)) select.value = value;
  }

  function fill(data) {
    presets = data.presets || presets;
    preset = data.preset || "";
    $(".lss-display-name").value = data.display_name || "";
    $(".lss-language").value = data.language || "en";
    fillPresets(preset, data.language || "en");
    const container = $(".lss-steps");
    if (steps) steps.setRecords(data.steps || []);
    else steps = Editor.list(container, stepSpec(data.kinds || Object.keys(KIND_LABELS), data.steps || []));
  }

  /* The request to save. */
  function body() {
    return {display_name: $(".lss-display-name").value, preset, language: $(".lss-language").value, steps: steps.value()};
  }

  async function loadPreset() {
    page.clearError();
    const [id, language] = $(".lss-preset-choice").value.split("|");
    if (!id) return;
    const name = presetName(id, language);
    if (!window.confirm(interpolate(gettext("Replace the steps in the editor with the steps of “%(name)s”? Nothing is saved until you press Save."), {name}))) return;
    const button = $(".lss-load");
    button.setAttribute("aria-disabled", "true");
    say(gettext("Loading the preset…"));
    try {
      const data = await page.send("load_preset", {preset: id, language});
      const nameField = $(".lss-display-name");
      // Keep a name the author wrote; replace an empty one or a preset's own name.
      if (!nameField.value.trim() || presets.some((p) => p.name === nameField.value.trim())) nameField.value = data.display_name;
      $(".lss-language").value = data.language;
      preset = data.preset;
      steps.setRecords(data.steps);
      say(interpolate(gettext("Loaded “%(name)s”: %(count)s steps. Press Save to keep them."),
        {name: data.display_name, count: data.steps.length}));
    } catch (error) {
      say("");
      page.showError(error);
    } finally {
      button.removeAttribute("aria-disabled");
    }
  }

  $(".lss-load").addEventListener("click", () => { if ($(".lss-load").getAttribute("aria-disabled") !== "true") loadPreset(); });

  const page = Editor.studio(runtime, root, {gettext, fill, body, explain});
}
