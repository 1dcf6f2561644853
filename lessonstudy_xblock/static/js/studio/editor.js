/* LessonStudyEditor: edit an ordered list of records with plain form controls, no JSON, no framework.
 *
 * Shared by the Studio editors of both blocks (workshop steps now; plan sections, focus
 * categories and reflection prompts next). A list is described declaratively:
 *
 *   LessonStudyEditor.list(container, {
 *     records: [...],                       // plain JSON objects (deep-copied)
 *     fields: [{key, label, type, hint, when(record), options, rows, min, max, maxLength,
 *               rerender (re-render the record on change: a kind), ensureOne (radio), code (monospace),
 *               list: {...nested spec...}}],
 *     name: (n, parent) => "step 3",        // the record's name in button names and messages
 *     legend: (record, n, parent) => "Step 3: Why students",
 *     addLabel: (parent) => "Add step" | ["Add item", {hidden: " to step 3"}],
 *     create: (kind, parent) => ({...}),    // a new record
 *     prepare: (record) => {...},           // fill missing keys (on load, add and kind change)
 *     kinds: [{value, label}], kindKey: "kind", kindLabel: "Kind of the new step",
 *     idKey: "id", idFrom: "title" | (record) => text, idPrefix: "step", scalar: "label" (records are plain strings),
 *     maxRecords, emptyText, confirmRemove: (record, n) => "message" | null,
 *     actionsFirst: true,                   // Move/Remove before the fields (long records)
 *     collapsible: true, summary: (record) => "Table · columns: 4",  // records shown closed, an Edit
 *                                           // button (aria-expanded) opens one; closed ones show the summary
 *     announce: (text) => {...}, gettext, onChange,
 *   });
 *
 * Field types: text, url, number, textarea, checkbox, radio (exactly one record of the
 * list has it: the correct answer of a check), select, list (sub-records, a nested spec).
 * A field whose value is not a key of the record (a table row's cells, a chart's size) gives
 * ``get(record)`` and ``set(record, text)``; ``key`` then only names its control. ``fields`` may
 * be a function ``(record, parent) => [...]`` when the fields depend on the parent record (one
 * cell per column); such fields are not lists. A list field with ``refreshOn: "columns"`` is
 * drawn again whenever the sibling list ``columns`` of the same record changes. Each field's
 * wrapper has the class ``lse-key-<key>``.
 * Every control has a <label for>; buttons name their record ("Move step 3 up") with the
 * record's name in visually hidden text; after a move, remove or add the focus goes to the
 * moved record's same button, the neighbouring record or the new record, and the change is
 * announced through ``announce`` (a role=status region of the page).
 * Records created in the editor get an id from ``idFrom`` (a slug of a-z, 0-9, '-' and '_')
 * or a random one, unique within the list; existing ids never change (progress is kept by id).
 */
(function (global) {
  "use strict";
  if (global.LessonStudyEditor) return; // loaded once per page, whatever the number of editors on it

  const ID_LENGTH = 40;
  const fresh = new WeakSet(); // records created in this editor: their id follows their title
  const uids = new WeakMap(); // record -> stable DOM key (survives moves and re-renders)
  let uidCounter = 0;

  function uidOf(record) {
    if (!uids.has(record)) {
      uidCounter += 1;
      uids.set(record, "r" + uidCounter);
    }
    return uids.get(record);
  }

  // Shared with the learner views (the core bundle, loaded before this file).
  const Common = global.LessonStudyCommon;
  if (!Common) throw new Error("studio/editor.js needs the core (core/views.js), loaded before it.");
  const {interpolate, make} = Common;

  /* A label as nodes: strings are shown, {hidden: "..."} parts are for screen readers only. */
  function labelNodes(parts) {
    return (Array.isArray(parts) ? parts : [parts]).map((part) => (typeof part === "string"
      ? document.createTextNode(part)
      : make("span", {className: "lse-sr", text: part.hidden})));
  }

  /* ``"Move %(what)s up"`` with ``what`` hidden: shows "Move up", is named "Move step 3 up". */
  function hideValues(format, values) {
    const parts = [];
    let last = 0;
    String(format).replace(/%\((\w+)\)s/g, (match, key, offset) => {
      parts.push(format.slice(last, offset));
      parts.push({hidden: key in values ? String(values[key]) : match});
      last = offset + match.length;
      return match;
    });
    parts.push(format.slice(last));
    return parts.filter((part) => part !== "");
  }

  function slugify(text, max) {
    return String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9_-]+/g, "-").replace(/-{2,}/g, "-").slice(0, max || ID_LENGTH)
      .replace(/^[-_]+|[-_]+$/g, "");
  }

  function randomId(prefix) {
    const bytes = new Uint8Array(4);
    global.crypto.getRandomValues(bytes);
    return slugify(prefix || "item", 20) + "-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  /* ``base`` (or a random id) made unique against ``taken``; at most 40 characters. */
  function uniqueId(base, taken, prefix) {
    let candidate = slugify(base, ID_LENGTH - 4) || randomId(prefix);
    if (!taken.has(candidate)) return candidate;
    for (let n = 2; n < 1000; n += 1) {
      const numbered = candidate.slice(0, ID_LENGTH - 4) + "-" + n;
      if (!taken.has(numbered)) return numbered;
    }
    do { candidate = randomId(prefix); } while (taken.has(candidate));
    return candidate;
  }

  function clone(value) { return value == null ? value : JSON.parse(JSON.stringify(value)); }

  /* The fields every record of a spec has (a function of the parent gives no list fields). */
  function staticFields(spec) { return Array.isArray(spec.fields) ? spec.fields : []; }

  /* A class naming the field's wrapper (lse-key-title), for a view's own styles. */
  function keyClass(field) { return String(field.key).replace(/[^A-Za-z0-9_-]/g, ""); }

  function fieldValue(record, field) {
    const value = field.get ? field.get(record) : record[field.key];
    return value == null ? "" : value;
  }

  const normalizedLists = new WeakSet(); // arrays already in the editor's form (edited in place)

  /* Records as the editor keeps them: copies, scalars wrapped, sub-lists normalised too. */
  function normalize(spec, raw) {
    if (Array.isArray(raw) && normalizedLists.has(raw)) {
      raw.forEach((record) => prepareRecord(spec, record));
    } else {
      raw = (Array.isArray(raw) ? raw : []).map((entry) => prepareRecord(spec, spec.scalar
        ? {[spec.scalar]: entry == null ? "" : entry}
        : Object.assign({}, entry && typeof entry === "object" ? clone(entry) : {})));
      normalizedLists.add(raw);
    }
    // At most one record carries a radio flag; none is left for validate() to report.
    staticFields(spec).filter((field) => field.type === "radio")
      .forEach((field) => keepOne(raw, field.key, false));
    return raw;
  }

  function prepareRecord(spec, record) {
    if (spec.prepare) spec.prepare(record);
    staticFields(spec).filter((field) => field.type === "list")
      .forEach((field) => { record[field.key] = normalize(field.list, record[field.key]); });
    return record;
  }

  function keepOne(records, key, ensure) {
    let seen = false;
    records.forEach((record) => {
      if (record[key] && !seen) seen = true;
      else record[key] = false;
    });
    if (ensure && !seen && records.length) records[0][key] = true;
  }

  /* The records as JSON for the server: ids for new records, sub-lists serialised, scalars unwrapped. */
  function serialize(spec, records) {
    const idKey = spec.scalar ? null : (spec.idKey === undefined ? "id" : spec.idKey);
    const isNew = (record) => idKey && (fresh.has(record) || typeof record[idKey] !== "string" || !record[idKey]);
    const taken = new Set(idKey ? records.filter((r) => !isNew(r)).map((r) => r[idKey]) : []);
    return records.map((record) => {
      if (spec.scalar) return record[spec.scalar];
      const out = clone(record);
      staticFields(spec).forEach((field) => {
        if (field.type === "list") out[field.key] = serialize(field.list, record[field.key] || []);
      });
      if (isNew(record)) {
        const base = typeof spec.idFrom === "function" ? spec.idFrom(record) : record[spec.idFrom || "title"];
        out[idKey] = uniqueId(base, taken, spec.idPrefix);
        taken.add(out[idKey]);
      }
      return out;
    });
  }

  let listCounter = 0;

  class RecordList {
    constructor(container, spec, options) {
      const opts = options || {};
      listCounter += 1;
      this.container = container;
      this.spec = spec;
      this.parent = opts.parent || null;
      this.gettext = spec.gettext || (opts.inherit && opts.inherit.gettext) || ((s) => s);
      this.announce = spec.announce || (opts.inherit && opts.inherit.announce) || (() => {});
      const onChange = spec.onChange || (opts.inherit && opts.inherit.onChange) || (() => {});
      // ``opts.onChange``: the parent list's hook for this sub-list (it redraws dependent sub-lists).
      this.onChange = opts.onChange ? () => { onChange(); opts.onChange(); } : onChange;
      this.domId = (opts.domId || "lse") + "-" + (spec.idPrefix || "list") + listCounter;
      this.records = opts.shared ? opts.shared : normalize(spec, spec.records);
      this.controls = new Map(); // uid -> {fieldset, legend, first, buttons}
      this.expanded = new WeakSet(); // open records of a collapsible list
      this.container.classList.add("lse-list");
      this.render();
    }

    /* The records as JSON, ready to send. */
    value() { return serialize(this.spec, this.records); }

    /* Replace every record (e.g. with a preset's), without saving anything. */
    setRecords(records) {
      // Records that were open stay open (by id; a record saved for the first time, by position).
      const idKey = this.spec.idKey === undefined ? "id" : this.spec.idKey;
      const open = this.records.map((record, index) => (this.expanded.has(record)
        ? (idKey && typeof record[idKey] === "string" && record[idKey] && !fresh.has(record) ? "id:" + record[idKey] : "at:" + index)
        : null)).filter(Boolean);
      this.records.splice(0, this.records.length, ...normalize(this.spec, records));
      this.records.forEach((record, index) => {
        if (open.includes("at:" + index) || (idKey && open.includes("id:" + record[idKey]))) this.expanded.add(record);
      });
      this.render();
      this.onChange();
    }

    name(n) { return this.spec.name ? this.spec.name(n, this.parent) : String(n); }

    render() {
      const gettext = this.gettext;
      this.controls.clear();
      this.container.textContent = "";
      const list = make("ol", {className: "lse-records"});
      this.records.forEach((record, index) => list.appendChild(make("li", {className: "lse-item"}, [this.renderRecord(record, index)])));
      this.container.appendChild(list);
      if (!this.records.length && this.spec.emptyText) {
        this.container.appendChild(make("p", {className: "lse-empty", text: this.spec.emptyText}));
      }
      const add = make("div", {className: "lse-add"});
      if (this.spec.kinds && this.spec.kinds.length > 1) {
        const kindId = this.domId + "-new-kind";
        this.kindSelect = make("select", {id: kindId, className: "lse-new-kind",
          on: {change: (event) => { this.newKind = event.target.value; }}},
        this.spec.kinds.map((kind) => make("option", {value: kind.value, text: kind.label})));
        if (this.newKind) this.kindSelect.value = this.newKind;
        add.appendChild(make("div", {className: "lse-field"}, [
          make("label", {for: kindId, text: this.spec.kindLabel || gettext("Kind")}), this.kindSelect]));
      } else {
        this.kindSelect = null;
      }
      const full = this.spec.maxRecords && this.records.length >= this.spec.maxRecords;
      this.addButton = make("button", {type: "button", className: "lse-button lse-add-button",
        "aria-disabled": full ? "true" : false, on: {click: () => this.add()}},
      labelNodes(this.spec.addLabel ? this.spec.addLabel(this.parent) : gettext("Add")));
      add.appendChild(this.addButton);
      this.container.appendChild(add);
    }

    renderRecord(record, index) {
      const gettext = this.gettext;
      const uid = uidOf(record);
      const n = index + 1;
      const what = this.name(n);
      const last = index === this.records.length - 1;
      const legend = make("legend", {className: "lse-legend", text: this.legendText(record, n)});
      // Edge buttons stay focusable (aria-disabled) so the focus can stay on a moved record's button.
      const button = (action, icon, format, disabled, handler) => make("button", {
        type: "button", className: "lse-button lse-" + action, "data-action": action,
        "aria-disabled": disabled ? "true" : false, on: {click: handler}},
      [make("span", {className: "lse-icon", "aria-hidden": "true", text: icon})].concat(labelNodes(hideValues(format, {what}))));
      const buttons = {
        up: button("up", "\u2191", gettext("Move %(what)s up"), index === 0, () => this.move(record, -1)),
        down: button("down", "\u2193", gettext("Move %(what)s down"), last, () => this.move(record, 1)),
        remove: button("remove", "\u00d7", gettext("Remove %(what)s"), false, () => this.remove(record)),
      };
      const fields = make("div", {className: "lse-fields", id: this.domId + "-" + uid + "-fields"});
      let summary = null;
      if (this.spec.collapsible) {
        const open = this.expanded.has(record);
        // One name whatever the state ("Edit section 3"); aria-expanded says whether it is open.
        buttons.toggle = button("toggle", open ? "▾" : "▸", gettext("Edit %(what)s"), false, () => this.toggle(record));
        buttons.toggle.setAttribute("aria-expanded", open ? "true" : "false");
        buttons.toggle.setAttribute("aria-controls", fields.id);
        fields.hidden = !open;
        summary = make("p", {className: "lse-summary", hidden: open,
          text: this.spec.summary ? this.spec.summary(record, n, this.parent) : ""});
      }
      const actions = make("div", {className: "lse-record-actions"},
        [buttons.toggle, buttons.up, buttons.down, buttons.remove]);
      const fieldset = make("fieldset", {className: "lse-record" + (this.spec.actionsFirst ? " lse-actions-first" : "") +
        (this.spec.collapsible ? " lse-collapsible" : ""), "data-uid": uid},
      this.spec.actionsFirst ? [legend, actions, summary, fields] : [legend, summary, fields, actions]);
      const entry = {fieldset, legend, fields, summary, buttons, first: null, sublists: {}};
      this.controls.set(uid, entry);
      this.renderFields(record, index, entry);
      return fieldset;
    }

    isOpen(record) { return !this.spec.collapsible || this.expanded.has(record); }

    /* Open or close a record of a collapsible list; the focus stays on its Edit button. */
    toggle(record, open) {
      const entry = this.controls.get(uidOf(record));
      const opening = open === undefined ? !this.expanded.has(record) : open;
      if (opening) this.expanded.add(record);
      else this.expanded.delete(record);
      if (!entry || !entry.buttons.toggle) return;
      entry.fields.hidden = !opening;
      if (entry.summary) {
        entry.summary.hidden = opening;
        if (this.spec.summary) entry.summary.textContent = this.spec.summary(record, this.records.indexOf(record) + 1, this.parent);
      }
      entry.buttons.toggle.setAttribute("aria-expanded", opening ? "true" : "false");
      entry.buttons.toggle.querySelector(".lse-icon").textContent = opening ? "▾" : "▸";
    }

    legendText(record, n) {
      return this.spec.legend ? this.spec.legend(record, n, this.parent) : this.name(n);
    }

    renderFields(record, index, entry) {
      entry.fields.textContent = "";
      entry.first = null;
      entry.sublists = {};
      const all = typeof this.spec.fields === "function" ? this.spec.fields(record, this.parent) : (this.spec.fields || []);
      const shown = all.filter((field) => !field.when || field.when(record));
      shown.forEach((field) => entry.fields.appendChild(this.renderField(record, index, field, entry)));
      // A record of one short field (a checklist item) puts its buttons beside it when there is room.
      entry.fieldset.classList.toggle("lse-compact", shown.length === 1 && shown[0].type !== "textarea");
    }

    renderField(record, index, field, entry) {
      const id = this.domId + "-" + uidOf(record) + "-" + field.key.replace(/[^A-Za-z0-9_-]/g, "");
      const hintId = field.hint ? id + "-hint" : null;
      const hint = field.hint ? make("p", {id: hintId, className: "lse-hint", text: field.hint}) : null;
      const common = {id, "aria-describedby": hintId};
      let control;
      if (field.type === "list") {
        const box = make("div", {className: "lse-sublist"});
        const group = make("fieldset", {className: "lse-field lse-group lse-key-" + keyClass(field)}, [
          make("legend", {className: "lse-group-legend", text: field.label}), hint, box]);
        const n = index + 1;
        // The sub-list edits record[field.key] in place, so the parent's value() sees every change.
        record[field.key] = normalize(field.list, record[field.key]);
        entry.sublists[field.key] = new RecordList(box, field.list, {shared: record[field.key],
          parent: {n, record, name: this.name(n), legend: this.legendText(record, n)},
          domId: id, inherit: this, onChange: () => this.refreshDependents(record, entry, field.key)});
        return group;
      }
      if (field.type === "textarea") {
        control = make("textarea", Object.assign(common, {rows: field.rows || 4, maxlength: field.maxLength}));
        control.value = String(fieldValue(record, field));
        if (field.preview) {
          if (!entry.first) entry.first = control;
          control.addEventListener("input", () => this.update(record, field, control));
          return make("div", {className: "lse-field lse-textarea" + (field.code ? " lse-code" : "") +
            " lse-key-" + keyClass(field)}, [make("label", {for: id, text: field.label}), hint, control,
            this.previewer(field, control, id)]);
        }
      } else if (field.type === "select") {
        control = make("select", common, (field.options || []).map((option) => make("option", {value: option.value, text: option.label})));
        control.value = String(fieldValue(record, field));
      } else if (field.type === "checkbox" || field.type === "radio") {
        control = make("input", Object.assign(common, {type: field.type,
          name: field.type === "radio" ? this.domId + "-" + field.key : false}));
        control.checked = Boolean(record[field.key]);
        control.addEventListener("change", () => {
          // A radio field is one flag per list: checking one record's clears the others'.
          if (field.type === "radio") this.records.forEach((other) => { other[field.key] = other === record; });
          else record[field.key] = control.checked;
          this.onChange();
        });
        if (!entry.first) entry.first = control;
        return make("div", {className: "lse-field lse-check"}, [
          control, make("label", {for: id, text: field.label}), hint]);
      } else {
        const type = {number: "number", url: "url"}[field.type] || "text";
        control = make("input", Object.assign(common, {type, maxlength: field.maxLength,
          min: field.min, max: field.max, step: type === "number" ? "1" : false,
          inputmode: type === "number" ? "numeric" : false, spellcheck: type === "url" ? "false" : false}));
        control.value = String(fieldValue(record, field));
      }
      if (!entry.first) entry.first = control;
      control.addEventListener(field.type === "select" ? "change" : "input", () => this.update(record, field, control));
      return make("div", {className: "lse-field lse-" + (field.type || "text") + (field.code ? " lse-code" : "") +
        " lse-key-" + keyClass(field)}, [
        make("label", {for: id, text: field.label}), hint, control]);
    }

    /* A "Preview" button and the region it fills with ``field.preview(text)``: HTML the server
     * sanitised exactly as saving does, shown as learners will see it. */
    previewer(field, control, id) {
      const region = make("div", {id: id + "-preview", className: "lse-preview", role: "region",
        "aria-label": this.gettext("Preview"), hidden: true});
      const button = make("button", {type: "button", className: "lse-button lse-preview-button",
        "aria-controls": region.id, text: this.gettext("Preview")});
      button.addEventListener("click", async () => {
        button.setAttribute("aria-disabled", "true");
        try {
          region.innerHTML = await field.preview(control.value); // sanitised by the server
          if (!region.textContent.trim()) region.textContent = this.gettext("(nothing to show)");
          region.hidden = false;
          this.announce(this.gettext("The preview is below the text."));
        } catch (error) {
          this.announce(error.message || String(error));
        } finally {
          button.removeAttribute("aria-disabled");
        }
      });
      return make("div", {className: "lse-preview-box"}, [button, region]);
    }

    update(record, field, control) {
      if (field.set) {
        field.set(record, control.value);
      } else if (field.type === "number") {
        const number = parseInt(control.value, 10);
        record[field.key] = Number.isFinite(number) ? number : 0;
      } else {
        record[field.key] = control.value;
      }
      const entry = this.controls.get(uidOf(record));
      if (entry) entry.legend.textContent = this.legendText(record, this.records.indexOf(record) + 1);
      if (field.rerender && entry) {
        prepareRecord(this.spec, record);
        this.renderFields(record, this.records.indexOf(record), entry);
        const again = document.getElementById(control.id);
        if (again) again.focus();
      }
      this.onChange();
    }

    /* A sibling sub-list changed: draw again the sub-lists that follow it (rows follow columns). */
    refreshDependents(record, entry, key) {
      staticFields(this.spec).filter((field) => field.type === "list" && field.refreshOn === key && entry.sublists[field.key])
        .forEach((field) => entry.sublists[field.key].render());
    }

    move(record, delta) {
      const from = this.records.indexOf(record);
      const to = from + delta;
      const action = delta < 0 ? "up" : "down";
      if (to < 0 || to >= this.records.length) {
        this.announce(interpolate(delta < 0 ? this.gettext("%(what)s is already first.") : this.gettext("%(what)s is already last."),
          {what: capitalise(this.name(from + 1))}));
        return;
      }
      this.records.splice(from, 1);
      this.records.splice(to, 0, record);
      this.render();
      this.focus(record, action);
      this.announce(interpolate(delta < 0 ? this.gettext("Moved %(what)s up: it is now %(now)s.")
        : this.gettext("Moved %(what)s down: it is now %(now)s."), {what: this.name(from + 1), now: this.name(to + 1)}));
      this.onChange();
    }

    remove(record) {
      const index = this.records.indexOf(record);
      const what = this.name(index + 1);
      const question = this.spec.confirmRemove && this.spec.confirmRemove(record, index + 1, this.parent);
      if (question && !global.confirm(question)) return;
      this.records.splice(index, 1);
      this.afterRecordsChanged();
      this.render();
      const neighbour = this.records[index] || this.records[index - 1];
      if (neighbour) this.focus(neighbour, "first");
      else this.addButton.focus();
      this.announce(interpolate(this.gettext("Removed %(what)s."), {what}));
      this.onChange();
    }

    add() {
      if (this.spec.maxRecords && this.records.length >= this.spec.maxRecords) {
        this.announce(interpolate(this.gettext("The list is full: at most %(limit)s."), {limit: this.spec.maxRecords}));
        return;
      }
      const kind = this.kindSelect ? this.kindSelect.value : null;
      const record = this.spec.create ? this.spec.create(kind, this.parent, this.records) : {};
      if (kind && this.spec.kindKey) record[this.spec.kindKey] = kind;
      fresh.add(record);
      prepareRecord(this.spec, record);
      this.records.push(record);
      this.expanded.add(record); // a new record opens to be filled in
      this.afterRecordsChanged();
      this.render();
      this.focus(record, "first");
      this.announce(interpolate(this.gettext("Added %(what)s."), {what: this.name(this.records.length)}));
      this.onChange();
    }

    /* Keep list-wide rules (exactly one correct answer) after an add or remove. */
    afterRecordsChanged() {
      staticFields(this.spec).filter((f) => f.type === "radio" && f.ensureOne).forEach((f) => keepOne(this.records, f.key, true));
    }

    focus(record, what) {
      const entry = this.controls.get(uidOf(record));
      if (!entry) return;
      const closed = !this.isOpen(record);
      const target = what === "first" ? ((closed ? entry.buttons.toggle : entry.first) || entry.buttons.up) : entry.buttons[what];
      if (target) target.focus();
    }

    /* Focus the first control of record number ``n`` (1-based), e.g. after a server error about it. */
    focusRecord(n) {
      const record = this.records[n - 1];
      if (!record) return false;
      if (!this.isOpen(record)) this.toggle(record, true);
      const entry = this.controls.get(uidOf(record));
      if (entry) {
        entry.fieldset.classList.add("lse-invalid");
        entry.fieldset.scrollIntoView({block: "center"});
      }
      this.focus(record, "first");
      return true;
    }
  }

  /* A legend naming a record by its title: ``"Step %(n)s: %(title)s"``, else ``"Step %(n)s (no title yet)"``. */
  function titledLegend(withTitle, withoutTitle) {
    return (record, n) => (record.title ? interpolate(withTitle, {n, title: record.title}) : interpolate(withoutTitle, {n}));
  }

  /* A confirmRemove asking ``question`` (%(n)s, and %(title)s: the title, else ``name(n)``) about a
   * record that has something to lose (``worthAsking``); other records go without a question. */
  function confirmTitled(question, name, worthAsking) {
    return (record, n) => (worthAsking(record) ? interpolate(question, {n, title: record.title || name(n)}) : null);
  }

  function capitalise(text) { return text ? text.charAt(0).toUpperCase() + text.slice(1) : text; }

  /* Make the ids of a rendered template unique on the page (two editors may be open). */
  function uniquifyIds(root) {
    const suffix = "-" + randomId("e").slice(2);
    const map = {};
    root.querySelectorAll("[id]").forEach((node) => { map[node.id] = node.id + suffix; node.id = map[node.id]; });
    root.querySelectorAll("label[for]").forEach((label) => {
      if (map[label.htmlFor]) label.htmlFor = map[label.htmlFor];
    });
    ["aria-labelledby", "aria-describedby", "aria-controls"].forEach((attribute) => {
      root.querySelectorAll("[" + attribute + "]").forEach((node) => {
        node.setAttribute(attribute, node.getAttribute(attribute).split(/\s+/).map((id) => map[id] || id).join(" "));
      });
    });
  }

  /* POST JSON to a handler of the block (LessonStudyCommon.client): send(handler, body) -> Promise;
   * errors as Error(message) with .field, .status, .data. */
  function client(runtime, root, translate) {
    const api = Common.client(runtime, root, {gettext: translate});
    return (handler, body) => api.send(handler, body);
  }

  /* The Studio conventions around an editor's form, for a template with the markup of
   * workshop_studio.html (.lss-status, .lss-error, .lss-warnings, .lss-form, .save-button,
   * .cancel-button): the first load, the block's warnings, Save (runtime.notify "save" start and
   * end, "error" when refused) and Cancel (notify "cancel"), refusals shown with "Go to" buttons.
   *
   *   LessonStudyEditor.studio(runtime, root, {
   *     gettext, load: "author_settings", save: "save_settings",
   *     fill: (data) => {...},            // the settings (and after Save, what was stored) into the form
   *     body: () => ({...}),              // the request to save; throw an Error (.field) to refuse it here
   *     explain: (error, go) => {...},    // mark the controls at fault; go(text, action) adds a button
   *   }) -> {send, say, notify, showError, clearError}
   */
  function studio(runtime, root, options) {
    const gettext = options.gettext || ((s) => s);
    const $ = (selector) => root.querySelector(selector);
    const status = $(".lss-status");
    const problem = $(".lss-error");
    const saveButton = $(".save-button");
    const form = $(".lss-form");
    const send = client(runtime, root, gettext);
    let saving = false;
    let loaded = false;

    function say(text) { status.textContent = text; }
    function notify(name, data) { if (runtime.notify) runtime.notify(name, data); }

    function clearError() {
      problem.hidden = true;
      problem.textContent = "";
      root.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
      root.querySelectorAll(".lse-invalid").forEach((node) => node.classList.remove("lse-invalid"));
    }

    function showError(error) {
      clearError();
      problem.appendChild(make("p", {text: error.message}));
      if (options.explain) {
        options.explain(error, (text, action) => problem.appendChild(make("button", {
          type: "button", className: "lss-button lss-go", text, on: {click: action}})));
      }
      problem.hidden = false;
      problem.focus();
    }

    /* The block's validate() problems (sentences). */
    function showWarnings(warnings) {
      const list = $(".lss-warnings-list");
      list.textContent = "";
      (Array.isArray(warnings) ? warnings : []).forEach((text) => list.appendChild(make("li", {text: String(text)})));
      $(".lss-warnings").hidden = !list.children.length;
    }

    function fill(data) {
      options.fill(data);
      loaded = true;
      form.hidden = false;
      saveButton.removeAttribute("aria-disabled");
      showWarnings(data.warnings);
    }

    async function save() {
      if (saving || !loaded) return;
      clearError();
      let body;
      try {
        body = options.body();
      } catch (error) {
        showError(error);
        return;
      }
      saving = true;
      saveButton.setAttribute("aria-disabled", "true");
      say(gettext("Saving…"));
      notify("save", {state: "start"});
      try {
        fill(await send(options.save || "save_settings", body)); // what was stored: new ids, sanitised text
        say(gettext("Saved"));
        notify("save", {state: "end"});
      } catch (error) {
        say(gettext("Not saved: see the message at the top. Your changes are still here."));
        showError(error);
        notify("error", {title: gettext("Unable to update settings"), message: error.message});
      } finally {
        saving = false;
        saveButton.removeAttribute("aria-disabled");
      }
    }

    saveButton.addEventListener("click", (event) => { event.preventDefault(); save(); });
    $(".cancel-button").addEventListener("click", (event) => { event.preventDefault(); notify("cancel", {}); });
    // Enter in a field must not save and close the Studio editor by surprise.
    form.addEventListener("submit", (event) => event.preventDefault());
    send(options.load || "author_settings", {}).then((data) => {
      fill(data);
      say("");
    }).catch((error) => {
      say("");
      showError(error);
    });
    return {send, say, notify, showError, clearError};
  }

  global.LessonStudyEditor = {
    list: (container, spec) => new RecordList(container, spec),
    RecordList, make, interpolate, hideValues, labelNodes, slugify, uniqueId, uniquifyIds, client, studio,
    titledLegend, confirmTitled,
  };
}(window));
