/* Cycle workspace, Studio editor: every authored setting with plain form controls, no JSON.
 *
 * The plan template (sections of four types, each with its fields, table columns and starting
 * rows, or seating chart size), the observation focus categories, the reflection prompts, the
 * phase dates, the visibility of observations, the teamset and the score weight. Lists are
 * edited with LessonStudyEditor (studio/editor.js). Nothing is saved until Save; the server
 * checks and sanitises everything again (save_settings) and answers the stored settings.
 */
function LessonStudyCycleStudio(runtime, element, init) {
  "use strict";
  const Editor = window.LessonStudyEditor;
  const {root, gettext, interpolate, $, $$} = window.LessonStudyCommon.setup(element, init);
  // The server's limits (domain/plan.py, domain/observations.py, cycle_authoring.py).
  const LIMITS = {
    sections: 30, title: 200, guidance: 10000, fields: 20, columns: 8, rows: 60, cell: 20000,
    minutes: 600, grid: 20, label: 200, categories: 20, category: 120, prompt: 1000,
  };
  const TYPE_LABELS = {
    text: gettext("Text"), fields: gettext("Named fields"), table: gettext("Table"),
    grid: gettext("Seating chart"),
  };
  const LANGUAGE_NAMES = {en: gettext("English"), id: gettext("Bahasa Indonesia")};
  // Only these keys of a section are sent for its type (a type change keeps the others in the editor).
  const SECTION_KEYS = {
    text: [], fields: ["fields"], table: ["columns", "rows"], grid: ["grid"],
  };
  const loadButton = $(".lsc-load");
  let presets = [];
  let preset = "";
  let proposed = "";  // the preset proposed for a block whose template was never chosen
  let language = "";
  let sections = null;
  let categories = null;
  let observationPresets = [];

  Editor.uniquifyIds(root);
  // The suffix uniquifyIds gave this editor's ids, for the controls drawn later (the prompts).
  const idSuffix = $(".lsc-display-name").id.slice("lsc-display-name".length);

  function say(text) { page.say(text); } // the status line (page: the Studio plumbing, made last)

  /* Table rows keep one cell per column: cells follow their column when columns move or go. */
  const columnOrder = new WeakMap(); // table section -> its column records when its rows were last fitted

  function fitCells(section) {
    const columns = Array.isArray(section.columns) ? section.columns : [];
    const before = columnOrder.get(section);
    (Array.isArray(section.rows) ? section.rows : []).forEach((row) => {
      const cells = Array.isArray(row.cells) ? row.cells : [];
      const cell = (index) => (index >= 0 && typeof cells[index] === "string" ? cells[index] : "");
      row.cells = columns.map((column, index) => cell(before ? before.indexOf(column) : index));
    });
    columnOrder.set(section, columns.slice());
  }

  /* A whole number from a number field, or the text as typed (the server names what is wrong). */
  function wholeNumber(text, empty) {
    const value = String(text).trim();
    if (!value) return empty;
    return /^\d+$/.test(value) ? parseInt(value, 10) : value;
  }

  function clip(text, length) {
    const value = String(text || "").replace(/\s+/g, " ").trim();
    return value.length > length ? value.slice(0, length - 1) + "…" : value;
  }

  // Lists -------------------------------------------------------------------------------------
  function sectionName(n) { return interpolate(gettext("section %(n)s"), {n}); }

  function addTo(label) {
    return (parent) => [label, {hidden: " " + interpolate(gettext("to %(what)s"), {what: parent.name})}];
  }

  /* The named fields of a "fields" section and the columns of a table: a label each. */
  function labelSpec(kind) {
    const isColumn = kind === "column";
    return {
      fields: [{key: "label", type: "text", label: isColumn ? gettext("Column label") : gettext("Field label"),
        maxLength: LIMITS.label}],
      idFrom: "label", idPrefix: kind, maxRecords: isColumn ? LIMITS.columns : LIMITS.fields,
      name: (n, parent) => interpolate(isColumn ? gettext("column %(n)s of %(parent)s") : gettext("field %(n)s of %(parent)s"),
        {n, parent: parent.name}),
      legend: (record, n) => interpolate(isColumn ? gettext("Column %(n)s") : gettext("Field %(n)s"), {n}),
      addLabel: addTo(isColumn ? gettext("Add column") : gettext("Add field")),
      emptyText: isColumn ? gettext("No columns yet: a table needs at least one.") : gettext("No fields yet: add at least one."),
      create: () => ({label: ""}),
    };
  }

  /* A row's name: its first cell with text ("Opening"). */
  function firstCell(row) {
    return (Array.isArray(row.cells) ? row.cells : []).find((cell) => typeof cell === "string" && cell.trim()) || "";
  }

  /* The starting rows of a table: one cell per column of the section, and the planned minutes. */
  function rowSpec() {
    return {
      fields: (row, parent) => {
        const section = parent.record;
        fitCells(section);
        return section.columns.map((column, index) => ({
          key: "cell" + index, type: "textarea", rows: 2, maxLength: LIMITS.cell,
          label: column.label || interpolate(gettext("Column %(n)s"), {n: index + 1}),
          get: (record) => record.cells[index],
          set: (record, text) => { record.cells[index] = text; },
        })).concat([{
          key: "minutes", type: "number", label: gettext("Planned minutes"), min: 0, max: LIMITS.minutes,
          get: (record) => record.minutes,
          set: (record, text) => { record.minutes = wholeNumber(text, null); },
        }]);
      },
      idFrom: firstCell, idPrefix: "row", maxRecords: LIMITS.rows,
      name: (n, parent) => interpolate(gettext("row %(n)s of %(parent)s"), {n, parent: parent.name}),
      legend: (row, n) => (firstCell(row)
        ? interpolate(gettext("Row %(n)s: %(text)s"), {n, text: clip(firstCell(row), 60)})
        : interpolate(gettext("Row %(n)s"), {n})),
      addLabel: addTo(gettext("Add row")),
      emptyText: gettext("No starting rows: each group's table starts empty."),
      create: (kind, parent) => ({cells: (parent.record.columns || []).map(() => ""), minutes: null}),
      prepare: (row) => {
        if (!Array.isArray(row.cells)) row.cells = [];
        if (row.minutes === undefined) row.minutes = null;
      },
    };
  }

  function gridSize(key) {
    return {
      get: (section) => (section.grid || {})[key],
      set: (section, text) => { section.grid = Object.assign({}, section.grid, {[key]: wholeNumber(text, "")}); },
    };
  }

  /* What a closed section shows under its title: its type and size. */
  function sectionSummary(section) {
    const type = TYPE_LABELS[section.type] || section.type;
    const count = (list) => (Array.isArray(list) ? list.length : 0);
    if (section.type === "fields") return interpolate(gettext("%(type)s · fields: %(count)s"), {type, count: count(section.fields)});
    if (section.type === "table") {
      return interpolate(gettext("%(type)s · columns: %(columns)s · starting rows: %(rows)s"),
        {type, columns: count(section.columns), rows: count(section.rows)});
    }
    if (section.type === "grid") {
      const grid = section.grid || {};
      return interpolate(gettext("%(type)s · %(rows)s rows × %(columns)s columns"), {type, rows: grid.rows, columns: grid.columns});
    }
    return type;
  }

  function sectionSpec(types, records) {
    const is = (type) => (record) => record.type === type;
    const typeOptions = types.map((type) => ({value: type, label: TYPE_LABELS[type] || type}));
    return {
      records, gettext, announce: say, idPrefix: "section", idFrom: "title", kindKey: "type",
      kinds: typeOptions, kindLabel: gettext("Type of the new section"), maxRecords: LIMITS.sections,
      actionsFirst: true, collapsible: true, summary: sectionSummary,
      name: sectionName,
      legend: Editor.titledLegend(gettext("Section %(n)s: %(title)s"), gettext("Section %(n)s (no title yet)")),
      addLabel: () => gettext("Add section"),
      emptyText: gettext("The template has no sections: groups would have nothing to plan in. Add one, or load a template preset."),
      create: (type) => ({title: "", type: type || "text", guidance: ""}),
      prepare: (record) => {
        if (typeof record.type !== "string" || !record.type) record.type = "text";
        if (typeof record.title !== "string") record.title = "";
        if (typeof record.guidance !== "string") record.guidance = "";
        if (record.type === "fields" && !(record.fields || []).length) record.fields = [{label: ""}];
        if (record.type === "table") {
          if (!(record.columns || []).length) record.columns = [{label: ""}];
          if (!Array.isArray(record.rows)) record.rows = [];
        }
        if (record.type === "grid" && !(record.grid && typeof record.grid === "object")) {
          record.grid = {rows: 4, columns: 6};
        }
      },
      confirmRemove: Editor.confirmTitled(gettext("Remove section %(n)s, “%(title)s”? Groups keep what they wrote in it, shown as no longer in the template. Nothing is saved until you press Save."),
        sectionName, (record) => record.id || record.title),
      fields: [
        {key: "title", type: "text", label: gettext("Section title"), maxLength: LIMITS.title},
        {key: "type", type: "select", label: gettext("Section type"), options: typeOptions, rerender: true,
          hint: gettext("Text: one box of plain text. Named fields: a short answer per field. Table: columns and rows, each row with planned minutes. Seating chart: rows × columns of seat or group codes.")},
        {key: "guidance", type: "textarea", label: gettext("Guidance"), rows: 3, maxLength: LIMITS.guidance, code: true,
          hint: gettext("Shown to groups above the section. HTML: paragraphs, headings (h3, h4), lists, bold, italic, links, code and quotes. Anything else, such as scripts, styles, images or frames, is removed when you save.")},
        {key: "fields", type: "list", label: gettext("Fields"), when: is("fields"), list: labelSpec("field")},
        {key: "columns", type: "list", label: gettext("Table columns"), when: is("table"), list: labelSpec("column")},
        {key: "rows", type: "list", label: gettext("Starting rows"), when: is("table"), list: rowSpec(), refreshOn: "columns",
          hint: gettext("Each group's table starts with these rows; the group can change them and add more.")},
        Object.assign({key: "grid_rows", type: "number", label: gettext("Rows"), min: 1, max: LIMITS.grid, when: is("grid"),
          hint: gettext("The seating chart's size: rows and columns of seats or student groups (1 to 20 each).")},
        gridSize("rows")),
        Object.assign({key: "grid_columns", type: "number", label: gettext("Columns"), min: 1, max: LIMITS.grid,
          when: is("grid")}, gridSize("columns")),
      ],
    };
  }

  function categorySpec(records) {
    const name = (n) => interpolate(gettext("focus category %(n)s"), {n});
    return {
      records, gettext, announce: say, idPrefix: "category", idFrom: "label", maxRecords: LIMITS.categories,
      fields: [{key: "label", type: "text", label: gettext("Category label"), maxLength: LIMITS.category},
        {key: "quick", type: "checkbox", label: gettext("Quick mark: a one-tap button in the Do tab"),
          hint: gettext("Observers tap a seat, then this button: the note is saved with the minute and the step, and they add the evidence later.")}],
      name,
      legend: (record, n) => interpolate(gettext("Category %(n)s"), {n}),
      addLabel: () => gettext("Add focus category"),
      emptyText: gettext("No focus categories: observers need at least one."),
      create: () => ({label: "", quick: false}),
      confirmRemove: (record, n) => (record.id
        ? interpolate(gettext("Remove focus category %(n)s, “%(label)s”? Observations already recorded with it are kept. Nothing is saved until you press Save."),
          {n, label: record.label || name(n)})
        : null),
    };
  }

  /* The template as the server takes it: only the keys of each section's type, cells fitted. */
  function templateValue() {
    sections.records.filter((section) => section.type === "table").forEach(fitCells);
    return sections.value().map((section) => {
      const out = {id: section.id, type: section.type, title: section.title, guidance: section.guidance};
      (SECTION_KEYS[section.type] || []).forEach((key) => { out[key] = section[key]; });
      return out;
    });
  }

  /* The observation sheets to choose from, and the chosen one's guiding questions. */
  function fillObservationSheets(chosen) {
    const select = $(".lsc-observation-preset");
    select.replaceChildren(...observationPresets.map((sheet) => Editor.make("option", {value: sheet.id, text: sheet.name})));
    select.value = chosen;
    showQuestions();
  }

  function showQuestions() {
    const sheet = observationPresets.find((s) => s.id === $(".lsc-observation-preset").value);
    const questions = sheet ? sheet.questions : [];
    $(".lsc-questions").hidden = !questions.length;
    $(".lsc-question-list").replaceChildren(...questions.map((q) => Editor.make("li", {text: q.text})));
  }

  /* Choosing a sheet puts its categories in the list (nothing is saved until Save). */
  function chooseObservationSheet() {
    const sheet = observationPresets.find((s) => s.id === $(".lsc-observation-preset").value);
    if (!sheet) return;
    categories.setRecords(sheet.categories.map((c) => ({id: c.id, label: c.label, quick: c.quick})));
    showQuestions();
    say(interpolate(gettext("The focus categories of “%(name)s” are in the list. Nothing is saved until you press Save."),
                    {name: sheet.name}));
  }

  // Prompts, dates and the other settings -------------------------------------------------------
  function fillPrompts(kinds, prompts) {
    const box = $(".lsc-prompts");
    box.textContent = "";
    kinds.forEach((kind) => {
      const controlId = "lsc-prompt-" + Editor.slugify(kind.id) + idSuffix;
      const area = Editor.make("textarea", {id: controlId, className: "lsc-prompt", rows: 3,
        maxlength: LIMITS.prompt, "data-kind": kind.id});
      area.value = (prompts || {})[kind.id] || "";
      box.appendChild(Editor.make("div", {className: "lss-field"}, [
        Editor.make("label", {for: controlId, text: kind.label || kind.id}), area]));
    });
  }

  function promptsValue() {
    const prompts = {};
    $$(".lsc-prompt").forEach((area) => { prompts[area.dataset.kind] = area.value; });
    return prompts;
  }

  function datesValue() {
    const dates = {};
    $$(".lsc-date").forEach((input) => { dates[input.dataset.phase] = input.value; });
    return dates;
  }

  /* A weight as a number; text the browser could not read is sent as typed for the server to refuse. */
  function weightValue() {
    const input = $(".lsc-weight");
    const text = input.value.trim();
    if (!text) return 0;
    const number = Number(text);
    return Number.isFinite(number) ? number : text;
  }

  // Presets ----------------------------------------------------------------------------------------
  function presetName(id, lang) {
    const found = presets.find((p) => p.id === id && p.language === lang);
    return found ? found.name : id;
  }

  function fillPresets() {
    const select = $(".lsc-preset-choice");
    select.textContent = "";
    presets.forEach((p) => {
      select.appendChild(Editor.make("option", {value: p.id + "|" + p.language,
        text: interpolate(gettext("%(name)s (%(language)s)"), {name: p.name, language: LANGUAGE_NAMES[p.language] || p.language})}));
    });
    // The preset the template came from, in its language (or the author's, for the default); for
    // a block whose template was never chosen, the proposed one in the author's language.
    const chosen = proposed || preset;
    const wanted = [proposed ? "" : language, (init && init.language) || "", "id", "en"].map((lang) => chosen + "|" + lang);
    const found = wanted.find((value) => presets.some((p) => p.id + "|" + p.language === value));
    if (found) select.value = found;
    const hint = $(".lsc-proposed");
    if (hint) {
      hint.hidden = !proposed;
      hint.textContent = proposed ? interpolate(gettext("Proposed for this new workspace: “%(name)s”. Load it to start from it; until you save, groups keep the built-in research-lesson template."),
                                                {name: presetName(proposed, select.value.split("|")[1])}) : "";
    }
  }

  async function loadPreset() {
    if (loadButton.getAttribute("aria-disabled") === "true") return;
    page.clearError();
    const [id, lang] = $(".lsc-preset-choice").value.split("|");
    if (!id) return;
    const name = presetName(id, lang);
    if (!window.confirm(interpolate(gettext("Replace the sections in the editor with those of “%(name)s”? Groups keep what they already wrote: a section that disappears is shown to them as no longer in the template. Nothing is saved until you press Save."), {name}))) return;
    loadButton.setAttribute("aria-disabled", "true");
    say(gettext("Loading the template…"));
    try {
      const data = await page.send("load_template_preset", {preset: id, language: lang});
      preset = data.preset;
      language = data.language;
      sections.setRecords(data.template);
      say(interpolate(gettext("Loaded “%(name)s”: %(count)s sections. Press Save to keep them."),
        {name: data.name || name, count: data.template.length}));
    } catch (error) {
      say("");
      page.showError(error);
    } finally {
      loadButton.removeAttribute("aria-disabled");
    }
  }

  // Messages ---------------------------------------------------------------------------------------
  const FIELD_CONTROLS = {
    display_name: ".lsc-display-name", template_preset: ".lsc-preset-choice", template_language: ".lsc-preset-choice",
    prompts: ".lsc-prompt", phase_dates: ".lsc-date", observations_visible_at_once: ".lsc-visible",
    teamset_id: ".lsc-teamset", weight: ".lsc-weight",
  };

  /* The controls a refusal is about (a prompt's or a date's own name counts as its field). */
  function controlsOf(field) {
    if (!field) return [];
    if (FIELD_CONTROLS[field]) return $$(FIELD_CONTROLS[field]);
    return $$(".lsc-prompt, .lsc-date").filter((node) => node.dataset.kind === field || node.dataset.phase === field);
  }

  /* Mark the controls a refusal is about and offer to go to them (and to the section or category). */
  function explain(error, go) {
    const data = error.data || {};
    const controls = controlsOf(error.field);
    controls.forEach((node) => node.setAttribute("aria-invalid", "true"));
    if (controls.length) go(gettext("Go to the field"), () => controls[0].focus());
    if (error.field === "template" && sections) {
      const n = Number.isInteger(data.section) ? data.section : null;
      if (n && n <= sections.records.length) go(interpolate(gettext("Go to section %(n)s"), {n}), () => sections.focusRecord(n));
      else go(gettext("Go to the plan sections"), () => heading("sections").focus());
    }
    if (error.field === "focus_categories" && categories) {
      // The server may name the category; else the first one with no label is the likely one.
      const blank = categories.records.findIndex((record) => !String(record.label || "").trim()) + 1;
      const n = Number.isInteger(data.category) ? data.category : blank;
      if (n && n <= categories.records.length) {
        go(interpolate(gettext("Go to focus category %(n)s"), {n}), () => categories.focusRecord(n));
      } else {
        go(gettext("Go to the focus categories"), () => heading("categories").focus());
      }
    }
  }

  /* The heading of a part of the form ("sections", "categories", "prompts", "more"). */
  function heading(part) { return root.querySelector(".lsc-heading[data-part='" + part + "']"); }

  // Loading and saving ---------------------------------------------------------------------------
  function fill(data) {
    presets = data.presets || presets;
    preset = data.template_preset || "";
    proposed = data.proposed_preset || "";
    language = data.template_language || "";
    $(".lsc-display-name").value = data.display_name || "";
    fillPresets();
    const types = data.section_types || Object.keys(TYPE_LABELS);
    if (sections) sections.setRecords(data.template || []);
    else sections = Editor.list($(".lsc-sections"), sectionSpec(types, data.template || []));
    if (categories) categories.setRecords(data.focus_categories || []);
    else categories = Editor.list($(".lsc-categories"), categorySpec(data.focus_categories || []));
    observationPresets = data.observation_presets || observationPresets;
    fillObservationSheets(data.observation_preset || "lesson_study");
    fillPrompts(data.post_kinds || [], data.prompts || {});
    const dates = data.phase_dates || {};
    $$(".lsc-date").forEach((input) => { input.value = dates[input.dataset.phase] || ""; });
    $(".lsc-visible").checked = Boolean(data.observations_visible_at_once);
    $(".lsc-teamset").value = data.teamset_id || "";
    $(".lsc-weight").value = data.weight == null ? "0" : String(data.weight);
  }

  /* The request to save; what the browser itself cannot read (a half-typed date or number) is refused here. */
  function body() {
    const bad = $$(".lsc-date, .lsc-weight").find((input) => input.validity && input.validity.badInput);
    if (bad) {
      const isWeight = bad.classList.contains("lsc-weight");
      const error = new Error(isWeight
        ? gettext("The participation score weight must be a number from 0 to 100.")
        : gettext("Complete the date or clear it: a phase date needs a day, a month and a year."));
      error.field = isWeight ? "weight" : bad.dataset.phase;
      throw error;
    }
    return {
      display_name: $(".lsc-display-name").value,
      template: templateValue(), template_preset: preset, template_language: language,
      observation_preset: $(".lsc-observation-preset").value || "lesson_study",
      focus_categories: categories.value(), prompts: promptsValue(), phase_dates: datesValue(),
      observations_visible_at_once: $(".lsc-visible").checked,
      teamset_id: $(".lsc-teamset").value, weight: weightValue(),
    };
  }

  loadButton.addEventListener("click", loadPreset);
  $(".lsc-observation-preset").addEventListener("change", chooseObservationSheet);
  $$(".lsc-jump-button").forEach((button) => button.addEventListener("click", () => {
    const target = heading(button.dataset.part);
    target.focus();
    // Centred rather than at the top, where a page's fixed header (the workbench's) could hide it.
    target.scrollIntoView({block: "center"});
  }));

  const page = Editor.studio(runtime, root, {gettext, fill, body, explain});
}
