/* The Plan tab: the plan sections and their editors (text, fields, the learning-steps table, the
 * seating chart), a stale save shown beside the newer text, history and comparison, comments,
 * the plan as text for printing.
 *
 * Installed on the view's context by cycle/main.js (see cycle/context.js for what `ui` holds).
 */
(function (LS) {
  "use strict";

  LS.cycle = LS.cycle || {};

  /** A compare_plan diff as the page lists it: each part with its operation, and for an added or
   * removed part the element that marks it (<ins>, <del>) and the word that says it, so the
   * change reads without colour. */
  function diffItems(diff, gettext) {
    const marks = {insert: ["ins", gettext("added")], delete: ["del", gettext("removed")], change: ["ins", gettext("changed")]};
    return (diff || []).map((part) => {
      const mark = marks[part.op];
      return {op: part.op, text: part.text, tag: mark ? mark[0] : null, word: mark ? mark[1] : null};
    });
  }

  LS.cycle.diffItems = diffItems;

  LS.cycle.plan = function installPlan(ui) {
    const {store} = ui;
    const {clone, h, plainText, randomId} = LS.dom;
    const {
      MAX_GRID, MAX_MINUTES, button, commentList, field, gettext, id, input, interpolate, note, perm,
      personName, refuseEmpty, savedBy, select, send, setStatus, statusRegion, submit, textarea, when,
      withGroup
    } = ui;

    /* Planning together: others' saved changes arrive without a reload ------------------ */

    const POLL_MS = 15000;   // at most one poll every 15 s, and only while the Plan tab is visible
    const drawers = {};      // section id -> the draw functions of its form (planSection)
    let pollTimer = null;
    let since = 0;           // the server's time of the previous answer
    let lastPoll = 0;

    function startPlanSync() {
      clearInterval(pollTimer);
      pollTimer = setInterval(pollPlan, POLL_MS);
      pollPlan();
    }

    document.addEventListener("visibilitychange", () => { if (!document.hidden) pollPlan(); });

    async function pollPlan() {
      const line = ui.host.querySelector("#" + id("presence"));
      if (!line) {
        clearInterval(pollTimer);  // the Plan tab is closed
        return;
      }
      if (document.hidden || Date.now() - lastPoll < POLL_MS - 1000) return;
      lastPoll = Date.now();
      const active = document.activeElement;
      const typing = active && active.closest ? active.closest("form.ls-section[data-section]") : null;
      const result = await ui.post("plan_changes", withGroup({since, editing: typing ? typing.dataset.section : null}));
      if (!result.ok || !store.state.group) return;
      since = result.data.now;
      showPresence(line, result.data.present);
      result.data.sections.forEach(applyChange);
    }

    /** "Also in the plan now: Budi (editing Learning steps), Sari". */
    function showPresence(line, present) {
      const titles = Object.fromEntries(store.state.plan.sections.map((s) => [s.id, s.title]));
      line.hidden = !present.length;
      line.textContent = present.length ? interpolate(gettext("Also in the plan now: %(names)s"), {names: present.map((mark) =>
        (mark.editing && titles[mark.editing]
          ? interpolate(gettext("%(name)s (editing %(section)s)"), {name: mark.name, section: titles[mark.editing]})
          : mark.name)).join(", ")}) : "";
    }

    /** A section someone saved: shown at once when this person has not changed it; beside their
     * text, with the choice what to keep, when they have. */
    function applyChange(section) {
      const known = store.state.plan.sections.find((s) => s.id === section.id);
      const draw = drawers[section.id];
      const draft = store.drafts.plan[section.id];
      if (!known || !draw || !draft || (known.revision === section.revision &&
          (known.conflicts || []).length === (section.conflicts || []).length)) return;
      replaceSection(section);
      if (draft.base === section.revision) {
        draw.section(section);
        return;
      }
      if (draft.dirty) {
        draft.conflict = section;
        draw.section(section);
        draw.newer();
      } else {
        const focused = document.activeElement && document.activeElement.id;
        draft.content = clone(section.content);
        draft.base = section.revision;
        draw.section(section);
        draw.editor();
        if (focused) ui.focusFirstOf(focused);
      }
      ui.announce(interpolate(gettext("%(name)s saved %(section)s."), {name: personName(section.author), section: section.title}));
    }

    /** Leaving with unsaved plan text (or lessons learned) asks first. */
    window.addEventListener("beforeunload", (event) => {
      const drafts = Object.values(store.drafts.plan).concat(store.drafts.lessons ? [store.drafts.lessons] : []);
      if (drafts.some((draft) => draft.dirty)) {
        event.preventDefault();
        event.returnValue = "";
      }
    });

    /* Plan ------------------------------------------------------------------------------- */

    function planPanel() {
      const p = perm();
      const previous = (store.state.history || []).slice(-1)[0];
      setTimeout(startPlanSync, 0);
      return h("div", {class: "ls-plan"},
        h("p", {class: "ls-presence", id: id("presence"), hidden: true}),
        store.state.plan.locked
          ? note(p.unlock_plan ? gettext("The plan is locked for the open class. You can unlock it with Unlock plan above.")
            : gettext("The plan is locked for the open class. The model teacher or a facilitator can unlock it."), "info")
          : (!p.edit_plan ? note(gettext("Only members of the group edit the plan."), "info") : null),
        previous ? lessonsAside(previous) : null,
        followThroughPlan(),
        h("div", {class: "ls-actions"}, button(gettext("Print plan"), () => {
          fillPrint();
          window.print();
        })),
        store.state.plan.sections.map(planSection),
        retiredSections(store.state.retired_sections || []),
        fillPrint(printBox = h("div", {class: "ls-print-plan"})));
    }

    /** Sections the template no longer has (the author changed it): what the group wrote there
     * stays visible, read-only. */
    function retiredSections(sections, key) {
      if (!sections.length) return null;
      const heading = id(key || "retired", "heading");
      return h("section", {class: "ls-subpanel ls-retired", "aria-labelledby": heading},
        h("h3", {id: heading, text: gettext("No longer in the template")}),
        h("p", {class: "ls-hint", text: gettext("The plan template was changed after the group wrote these sections. Nothing is lost: they are kept here, read-only, and in the report and the exports.")}),
        sections.map((section) => {
          const title = id(key || "retired", section.id, section.type);
          const shown = section.type === "fields" && !section.fields
            ? Object.assign({}, section, {fields: Object.keys(section.content || {}).map((key) => ({id: key, label: key}))})
            : section;
          return h("section", {class: "ls-section ls-retired-section", "aria-labelledby": title},
            h("h4", {id: title, text: section.title}),
            h("p", {class: "ls-meta", text: savedBy(section.author, section.saved_at)}),
            contentView(shown, section.content));
        }));
    }

    function lessonsAside(entry) {
      return h("aside", {class: "ls-subpanel ls-aside", "aria-labelledby": id("aside-heading")},
        h("h3", {id: id("aside-heading"), text: interpolate(gettext("Lessons learned in cycle %(number)s"), {number: entry.cycle})}),
        ui.lessonsView(entry.lessons_learned));
    }

    /* Follow-through: each lesson learned linked to the change it causes in this plan ----- */

    /** "Learning steps, step 2: Fold strips · observation focus: Helping". */
    function describeLink(link) {
      const steps = (store.state.lesson && store.state.lesson.comparison && store.state.lesson.comparison.steps) || [];
      const step = steps.findIndex((s) => s.id === link.step_id);
      return [link.section_title,
        step >= 0 ? interpolate(gettext("step %(n)s: %(activity)s"), {n: step + 1, activity: String(steps[step].activity || "").split("\n")[0]}) : "",
        link.focus ? interpolate(gettext("observation focus: %(focus)s"), {focus: link.focus_label}) : ""].filter(Boolean).join(" · ");
    }

    function followThroughPlan() {
      const lessons = (store.state.history || []).flatMap((entry) => entry.lessons_learned.items.map(
        (text, item) => ({cycle: entry.cycle, item, text})));
      if (!lessons.length) return null;
      const links = store.state.follow_through || [];
      return h("section", {class: "ls-panel ls-follow", "aria-labelledby": id("follow-heading")},
        h("h3", {id: id("follow-heading"), text: gettext("Lessons learned → what changed")}),
        h("p", {class: "ls-hint", text: gettext("Link each lesson learned to the change it causes in this plan, and to what observers will watch to see whether it worked. In See the group answers: did it work?")}),
        h("ul", {class: "ls-follow-list"}, lessons.map((lesson) => h("li", {},
          h("p", {}, h("strong", {text: interpolate(gettext("Cycle %(number)s:"), {number: lesson.cycle}) + " "}), lesson.text),
          links.filter((link) => link.lesson_cycle === lesson.cycle && link.item === lesson.item)
            .map((link) => h("p", {class: "ls-meta", text: "→ " + describeLink(link)})),
          store.state.is_member || store.state.user.is_staff ? linkForm(lesson) : null))));
    }

    function linkForm(lesson) {
      const key = "link-" + lesson.cycle + "-" + lesson.item;
      const region = statusRegion(key);
      const sections = store.state.plan.sections.map((s) => [s.id, s.title]);
      const steps = ((store.state.lesson && store.state.lesson.comparison && store.state.lesson.comparison.steps) || [])
        .map((step, index) => [step.id, interpolate(gettext("Step %(n)s: %(activity)s"), {n: index + 1, activity: String(step.activity || "").split("\n")[0].slice(0, 40)})]);
      const section = select(key + "-section", sections, (store.state.lesson || {}).steps_section || sections[0][0], () => undefined);
      const step = select(key + "-step", [["", gettext("No step")]].concat(steps), "", () => undefined);
      const focus = select(key + "-focus", [["", gettext("No focus")]].concat((store.state.focus_categories || []).map((c) => [c.id, c.label])), "", () => undefined);
      const form = h("form", {class: "ls-link-form", novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        const result = await submit(form, region, {section_id: section, step_id: step, focus}, "link_lesson", withGroup({
          client_id: randomId(20), cycle: lesson.cycle, item: lesson.item, section_id: section.value,
          step_id: step.value || null, focus: focus.value}));
        if (result && result.ok) {
          store.state.follow_through = result.data.follow_through;
          ui.render();
          ui.focusFirstOf(id("follow-heading"));
          ui.announce(gettext("The lesson learned is linked to the change."));
        }
      }},
        h("div", {class: "ls-row"}, field(gettext("Changed section"), section), field(gettext("Step"), step),
          field(gettext("Observation focus that will show it"), focus)),
        h("div", {class: "ls-actions"}, h("button", {type: "submit", class: "ls-button", text: gettext("Link to this change")})),
        region);
      return h("details", {class: "ls-link-box"}, h("summary", {text: gettext("Link to a change in this plan")}), form);
    }

    function planDraft(section) {
      if (!store.drafts.plan[section.id]) {
        store.drafts.plan[section.id] = {content: clone(section.content), base: section.revision, dirty: false, conflict: null};
      }
      return store.drafts.plan[section.id];
    }

    function planSection(section) {
      const canEdit = Boolean(perm().edit_plan);
      const draft = planDraft(section);
      const key = "section-" + section.id;
      const headingId = id(key, "heading");
      const region = statusRegion(key);
      const meta = h("p", {class: "ls-meta", id: id(key, "meta"), text: savedBy(section.author, section.saved_at)});
      const conflicts = h("div", {class: "ls-conflicts"});
      const editorHost = h("div", {class: "ls-editor"});
      const newer = h("div", {class: "ls-newer"});
      const drawEditor = () => editorHost.replaceChildren(canEdit
        ? editor(section, draft, key) : contentView(section, draft.content));
      const draw = {editor: drawEditor, focusEditor: () => editorHost.querySelector("input, textarea").focus()};
      const wrapper = h("form", {class: "ls-section", "data-section": section.id, novalidate: true, onsubmit: (event) => {
        event.preventDefault();
        saveSection(section.id, wrapper, region, draw);
      }},
        h("h3", {id: headingId},
          canEdit && section.type === "text" ? h("label", {for: id(key, "text"), text: section.title}) : section.title),
        section.guidance ? h("p", {class: "ls-guidance", text: plainText(section.guidance)}) : null,
        meta, conflicts,
        h("div", {class: "ls-compare"}, editorHost, newer),
        canEdit ? h("div", {class: "ls-actions"},
          h("button", {type: "submit", class: "ls-button ls-primary", text: gettext("Save section"),
                       "aria-describedby": headingId})) : null,
        region, commentList(section.comments));
      draw.meta = () => { meta.textContent = savedBy(section.author, section.saved_at); };
      draw.conflicts = (current) => conflicts.replaceChildren(...raceConflicts(current, canEdit, draft, drawEditor).flat());
      draw.newer = () => newer.replaceChildren(...(draft.conflict ? newerText(section, draft, region, draw) : []));
      draw.section = (current) => {
        Object.assign(section, current);
        draw.meta();
        draw.conflicts(current);
      };
      drawEditor();
      draw.conflicts(section);
      draw.newer();
      drawers[section.id] = draw;
      return [wrapper, sectionTools(section, wrapper)];
    }

    /* Plan: history, comparison, comments, printing -------------------------------------- */

    /** Under a section: its revision history with a comparison, and a comment form for members. */
    function sectionTools(section, wrapper) {
      const box = h("div", {class: "ls-history-box"});
      return h("div", {class: "ls-section-tools"},
        h("details", {ontoggle: (event) => { if (event.target.open && !box.firstChild) loadHistory(section, box); }},
          h("summary", {}, gettext("History"), h("span", {class: "ls-visually-hidden", text: ": " + section.title})), box),
        store.state.is_member || store.state.user.is_staff ? commentForm(section, wrapper) : null);
    }

    /** The section's revisions, a page at a time (newest first); `earlier` are those shown. */
    async function loadHistory(section, box, earlier) {
      if (!earlier) box.replaceChildren(h("p", {text: gettext("Loading...")}));
      const last = earlier ? earlier[earlier.length - 1] : null;
      const result = await send("plan_history", withGroup(Object.assign({section_id: section.id},
                                                                       last ? {before: last.revision} : {})));
      if (!result.ok) {
        box.replaceChildren(note(result.data.error || gettext("That did not work. Try again."), "warning"));
        return;
      }
      const revisions = (earlier || []).concat(result.data.revisions);
      const label = (r) => interpolate(gettext("Cycle %(number)s: %(name)s, %(time)s"),
                                       {number: r.cycle, name: personName(r.author), time: when(r.saved_at)});
      const options = revisions.map((r) => [r.revision, label(r)]);
      const key = "history-" + section.id;
      const from = select(key + "-from", options, (revisions[1] || {}).revision, () => undefined);
      const to = select(key + "-to", options, (revisions[0] || {}).revision, () => undefined);
      const diff = h("div", {class: "ls-diff-box", "aria-live": "polite"});
      const compare = (body) => showDiff(section, body, diff);
      box.replaceChildren(
        revisions.length ? h("ol", {class: "ls-revisions"}, revisions.map((r) => h("li", {text: label(r)})))
          : note(gettext("No saved versions yet.")),
        revisions.length > 1 ? h("div", {class: "ls-row"}, field(gettext("Compare from"), from), field(gettext("Compare to"), to)) : null,
        h("div", {class: "ls-actions"},
          result.data.more ? button(gettext("Show older versions"), () => loadHistory(section, box, revisions)) : null,
          revisions.length > 1 ? button(gettext("Compare"), () => compare({from_revision: from.value, to_revision: to.value})) : null,
          store.state.cycle.number > 1 ? button(gettext("Compare with previous cycle"), () => compare({})) : null),
        diff);
    }

    /** What changed, sentence by sentence: added and removed marked in words as well as colour. */
    async function showDiff(section, body, box) {
      const result = await send("compare_plan", withGroup(Object.assign({section_id: section.id}, body)));
      if (!result.ok) {
        box.replaceChildren(note(result.data.error || gettext("That did not work. Try again."), "warning"));
        return;
      }
      const {from, to, diff} = result.data;
      const items = diffItems(diff, gettext);
      box.replaceChildren(
        h("h4", {text: interpolate(gettext("Changes from cycle %(from)s to cycle %(to)s"), {from: from.cycle, to: to.cycle})}),
        result.data.note ? note(result.data.note) : null,
        items.some((item) => item.op !== "equal") ? h("ul", {class: "ls-diff"}, items.map((item) => h("li", {class: "ls-diff-" + item.op},
          item.tag ? [h("span", {class: "ls-diff-label", text: item.word + ":"}), " ", h(item.tag, {text: item.text})] : item.text)))
          : note(gettext("No differences.")));
    }

    function commentForm(section, wrapper) {
      const draft = store.drafts.comments[section.id] || (store.drafts.comments[section.id] = {text: "", clientId: randomId(20)});
      const region = statusRegion("comment-" + section.id);
      const text = textarea("comment-" + section.id, draft.text, {rows: 2, maxlength: 4000}, (value) => { draft.text = value; });
      const form = h("form", {class: "ls-comment-form", novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        if (refuseEmpty(form, text, draft.text, gettext("Write your comment first."))) return;
        const result = await submit(form, region, {text}, "add_comment", withGroup({
          client_id: draft.clientId, target_type: "section", target_id: section.id, text: draft.text.trim()}));
        if (result && result.ok) {
          const added = result.data.comment;
          section.comments = (section.comments || []).filter((c) => c.id !== added.id).concat(added);
          const list = commentList(section.comments);
          const old = wrapper.querySelector(".ls-comments");
          if (old) old.replaceWith(list);
          else wrapper.append(list);
          store.drafts.comments[section.id] = {text: "", clientId: randomId(20), open: true};
          text.value = "";
        }
      }},
        field(interpolate(gettext("Comment on %(title)s"), {title: section.title}), text),
        h("div", {class: "ls-actions"}, h("button", {type: "submit", class: "ls-button", text: gettext("Add comment")})),
        region);
      return h("details", {open: draft.open, ontoggle: (event) => { draft.open = event.target.open; }},
        h("summary", {}, gettext("Add a comment"), h("span", {class: "ls-visually-hidden", text: ": " + section.title})), form);
    }

    /** The plan as text for printing (editors do not print well); filled again before each print. */
    let printBox = null;

    function fillPrint() {
      if (!printBox || !store.state.group) return printBox;
      printBox.replaceChildren(
        h("h3", {text: interpolate(gettext("Lesson plan of %(group)s, cycle %(number)s"),
                                   {group: store.state.group.name, number: store.state.cycle.number})}),
        ...store.state.plan.sections.map((s) => h("section", {class: "ls-print-section"}, h("h4", {text: s.title}),
          contentView(s, store.drafts.plan[s.id] ? store.drafts.plan[s.id].content : s.content))),
        retiredSections(store.state.retired_sections || [], "print-retired"));
      return printBox;
    }

    window.addEventListener("beforeprint", fillPrint);

    async function saveSection(sectionId, form, region, draw) {
      const draft = store.drafts.plan[sectionId];
      const sent = JSON.stringify(draft.content);
      const result = await submit(form, region, null, "save_plan_section", {section_id: sectionId, content: JSON.parse(sent), base_revision: draft.base});
      if (!result) return;
      if (result.ok) {
        const section = result.data.section;
        replaceSection(section);
        draft.base = section.revision;
        draft.dirty = JSON.stringify(draft.content) !== sent;  // typed on while it was saving
        draft.conflict = null;
        draw.section(section);
        draw.newer();
      } else if (result.status === 409 && result.data.current) {
        draft.conflict = result.data.current;
        replaceSection(result.data.current);
        draw.section(result.data.current);
        draw.newer();
        setStatus(region, result.data.error, true);
      }
    }

    function replaceSection(section) {
      const sections = store.state.plan.sections;
      const index = sections.findIndex((s) => s.id === section.id);
      if (index >= 0) sections[index] = Object.assign({}, sections[index], section);
    }

    /** After a 409: the newer text beside the editor, and the choice what to do. */
    function newerText(section, draft, region, draw) {
      const current = draft.conflict;
      return [
        h("h4", {text: interpolate(gettext("Newer text by %(name)s, %(time)s"),
                                   {name: personName(current.author), time: when(current.saved_at)})}),
        contentView(section, current.content),
        h("div", {class: "ls-actions"},
          button(gettext("Use the newer text"), () => {
            draft.content = clone(current.content);
            draft.base = current.revision;
            draft.dirty = false;
            draft.conflict = null;
            draw.editor();
            draw.newer();
            setStatus(region, gettext("The newer text is in the editor."));
            draw.focusEditor();
          }),
          button(gettext("Keep editing my text"), () => {
            draft.base = current.revision;
            draft.conflict = null;
            draw.newer();
            setStatus(region, gettext("Your text is kept. Saving it now replaces the newer text."));
            draw.focusEditor();
          })),
      ];
    }

    /** Versions saved at the same time from the same text (both kept by the server). */
    function raceConflicts(section, canEdit, draft, drawEditor) {
      const list = section.conflicts || [];
      if (!list.length) return [];
      return [
        note(gettext("Two people changed the same earlier text at the same moment. Both versions are kept: compare them and save the text the group agrees on."), "warning"),
        list.map((version) => h("div", {class: "ls-version"},
          h("h4", {text: interpolate(gettext("Other version by %(name)s, %(time)s"),
                                     {name: personName(version.author), time: when(version.saved_at)})}),
          contentView(section, version.content),
          canEdit ? button(interpolate(gettext("Use the version by %(name)s"), {name: personName(version.author)}), () => {
            draft.content = clone(version.content);
            draft.dirty = true;
            drawEditor();
          }) : null)),
      ];
    }

    /* Section editors: each changes the draft's content in place and marks it changed. */

    function editor(section, draft, key) {
      const changed = () => { draft.dirty = true; };
      if (section.type === "fields") return fieldsEditor(section, draft.content, key, changed);
      if (section.type === "table") return tableEditor(section, draft.content, key, changed);
      if (section.type === "grid") return gridEditor(draft.content, key, changed);
      return textarea(key + "-text", typeof draft.content === "string" ? draft.content : "", {rows: 6}, (value) => {
        draft.content = value;
        changed();
      });
    }

    function fieldsEditor(section, content, key, changed) {
      return h("div", {class: "ls-fields"}, (section.fields || []).map((f) => field(f.label,
        input(key + "-" + f.id, content[f.id] || "", {maxlength: 2000}, (value) => {
          content[f.id] = value;
          changed();
        }))));
    }

    function columnLabels(section, content) {
      return (section.columns || []).map((c) => c.label).concat((content.columns || []).slice((section.columns || []).length));
    }

    /** The sections of the caller's own plan (none for a facilitator without a group). */
    const ownSections = () => (store.state && store.state.plan ? store.state.plan.sections : []);

    /** A textarea as tall as its text. */
    function fitHeight(area) {
      area.style.height = "auto";
      area.style.height = Math.max(area.scrollHeight + 2, 72) + "px";
    }

    /** The identity's time allocation in minutes ("2 × 40 menit" is 80, "80 minutes" 80), or null. */
    function allocatedMinutes(sections) {
      for (const section of sections || []) {
        if (section.type !== "fields" || !(section.fields || []).some((f) => f.id === "time_allocation")) continue;
        const draft = store.drafts.plan[section.id];
        const text = String(((draft ? draft.content : section.content) || {}).time_allocation || "");
        const product = text.match(/(\d+)\s*(?:JP|jam pelajaran|lessons?)?\s*[x×*]\s*(\d+)/i);
        if (product) return Number(product[1]) * Number(product[2]);
        const number = text.match(/\d+/);
        return number ? Number(number[0]) : null;
      }
      return null;
    }

    /** "Planned: 65 minutes of the 80 in the time allocation (15 not planned yet)." */
    function minutesTotal(rows, sections) {
      const planned = rows.reduce((sum, row) => sum + (Number(row.minutes) || 0), 0);
      const allocated = allocatedMinutes(sections || ownSections());
      if (allocated === null) return interpolate(gettext("Planned: %(planned)s minutes."), {planned});
      const values = {planned, allocated, left: allocated - planned, over: planned - allocated};
      if (planned === allocated) return interpolate(gettext("Planned: %(planned)s minutes, the whole time allocation."), values);
      return planned < allocated
        ? interpolate(gettext("Planned: %(planned)s minutes of the %(allocated)s in the time allocation (%(left)s not planned yet)."), values)
        : interpolate(gettext("Planned: %(planned)s minutes, %(over)s more than the %(allocated)s in the time allocation."), values);
    }

    function tableEditor(section, content, key, changed) {
      const container = h("div", {class: "ls-table-editor"});
      const labels = columnLabels(section, content);
      const total = h("p", {class: "ls-total", id: id(key, "total"), "aria-live": "polite"});
      const recount = () => { total.textContent = minutesTotal(content.rows); };
      const draw = (focusId) => {
        container.replaceChildren(
          h("div", {class: "ls-scroll", role: "region", tabindex: "0", "aria-label": section.title},
            h("table", {class: "ls-table ls-steps"},
              h("thead", {}, h("tr", {},
                h("th", {scope: "col", text: gettext("Row")}),
                labels.map((text) => h("th", {scope: "col", text})),
                h("th", {scope: "col", text: gettext("Planned minutes")}),
                h("th", {scope: "col", text: gettext("Order")}))),
              h("tbody", {}, content.rows.map((row, index) => stepRow(row, index))))),
          total,
          h("div", {class: "ls-actions"}, button(gettext("Add row"), () => {
            const row = {id: "row-" + randomId(10), cells: labels.map(() => ""), minutes: null};
            content.rows.push(row);
            changed();
            draw(id(key, row.id, 0));
          }, {id: id(key, "add")})));
        recount();
        // Long cells grow to show all their text (wrapped, never clipped), once laid out.
        requestAnimationFrame(() => container.querySelectorAll("textarea.ls-cell").forEach(fitHeight));
        if (focusId) {
          const target = container.querySelector("#" + CSS.escape(focusId));
          if (target) target.focus();
        }
      };
      const move = (index, by, buttonKey) => {
        const to = index + by;
        if (to < 0 || to >= content.rows.length) return;
        const [row] = content.rows.splice(index, 1);
        content.rows.splice(to, 0, row);
        changed();
        draw(id(key, row.id, buttonKey));
      };
      const stepRow = (row, index) => {
        const n = index + 1;
        const last = index === content.rows.length - 1;
        return h("tr", {},
          h("th", {scope: "row", text: String(n)}),
          row.cells.map((cell, c) => h("td", {},
            h("label", {for: id(key, row.id, c), class: "ls-visually-hidden",
                        text: interpolate(gettext("%(column)s, row %(n)s"), {column: labels[c] || "", n})}),
            h("textarea", {id: id(key, row.id, c), rows: 3, value: cell || "", class: "ls-cell", oninput: (e) => {
              row.cells[c] = e.target.value;
              fitHeight(e.target);
              changed();
            }}))),
          h("td", {class: "ls-num"},
            h("label", {for: id(key, row.id, "min"), class: "ls-visually-hidden",
                        text: interpolate(gettext("Planned minutes, row %(n)s"), {n})}),
            h("input", {id: id(key, row.id, "min"), type: "number", min: 0, max: MAX_MINUTES, step: 1, inputmode: "numeric",
                        class: "ls-minutes", value: row.minutes == null ? "" : String(row.minutes), oninput: (e) => {
                          row.minutes = e.target.value === "" ? null : Number(e.target.value);
                          changed();
                          recount();
                        }})),
          h("td", {class: "ls-row-buttons"},
            button(gettext("Move up"), () => move(index, -1, "up"),
                   {id: id(key, row.id, "up"), "aria-disabled": index === 0 ? "true" : null,
                    "aria-label": interpolate(gettext("Move up: row %(n)s"), {n})}),
            button(gettext("Move down"), () => move(index, 1, "down"),
                   {id: id(key, row.id, "down"), "aria-disabled": last ? "true" : null,
                    "aria-label": interpolate(gettext("Move down: row %(n)s"), {n})}),
            button(gettext("Remove row"), () => {
              content.rows.splice(index, 1);
              changed();
              const next = content.rows[Math.min(index, content.rows.length - 1)];
              draw(next ? id(key, next.id, "remove") : id(key, "add"));
            }, {id: id(key, row.id, "remove"), "aria-label": interpolate(gettext("Remove row %(n)s"), {n})})));
      };
      draw();
      return container;
    }

    function gridEditor(content, key, changed) {
      const container = h("div", {class: "ls-grid-editor"});
      // Each seat keeps its id when the chart grows or shrinks (entries point at seats by id); a
      // new seat gets a free positional id.
      const resize = (rows, columns) => {
        const labels = [];
        const ids = [];
        const taken = new Set((content.ids || []).flat().filter(Boolean));
        for (let r = 0; r < rows; r += 1) {
          labels.push([]);
          ids.push([]);
          for (let c = 0; c < columns; c += 1) {
            labels[r].push(((content.labels || [])[r] || [])[c] || "");
            let seatId = ((content.ids || [])[r] || [])[c];
            if (!seatId) {
              seatId = "r" + (r + 1) + "c" + (c + 1);
              for (let n = 2; taken.has(seatId); n += 1) seatId = "r" + (r + 1) + "c" + (c + 1) + "-" + n;
              taken.add(seatId);
            }
            ids[r].push(seatId);
          }
        }
        Object.assign(content, {rows, columns, labels, ids});
      };
      const size = (name, label) => field(label, h("input", {
        id: id(key, name), type: "number", min: 1, max: MAX_GRID, step: 1, inputmode: "numeric", class: "ls-minutes",
        value: String(content[name]), onchange: (e) => {
          const value = Math.max(1, Math.min(MAX_GRID, Math.round(Number(e.target.value)) || 1));
          resize(name === "rows" ? value : content.rows, name === "columns" ? value : content.columns);
          changed();
          draw(id(key, name));
        },
      }), {hint: interpolate(gettext("From 1 to %(max)s."), {max: MAX_GRID})});
      const draw = (focusId) => {
        container.replaceChildren(
          note(gettext("Label seats with codes or initials, not children's names: Indonesia's personal data law (UU PDP 27/2022) asks for parents' consent before children's data is processed. Observers' entries point at a seat, so a seat keeps its entries when you relabel it or resize the chart."), "info"),
          h("div", {class: "ls-row"}, size("rows", gettext("Rows")), size("columns", gettext("Columns"))),
          h("div", {class: "ls-scroll", role: "region", tabindex: "0", "aria-label": gettext("Seat labels")},
            h("table", {class: "ls-table ls-grid"},
              h("tbody", {}, content.labels.map((line, r) => h("tr", {},
                h("th", {scope: "row", text: interpolate(gettext("Row %(n)s"), {n: r + 1})}),
                line.map((label, c) => h("td", {},
                  h("label", {for: id(key, "seat", r, c), class: "ls-visually-hidden",
                              text: interpolate(gettext("Row %(row)s, seat %(seat)s"), {row: r + 1, seat: c + 1})}),
                  h("input", {id: id(key, "seat", r, c), type: "text", maxlength: 40, class: "ls-seat", value: label,
                              oninput: (e) => { line[c] = e.target.value; changed(); }})))))))));
        if (focusId) container.querySelector("#" + CSS.escape(focusId)).focus();
      };
      resize(content.rows, content.columns);
      draw();
      return container;
    }

    /** A section's content, read-only (``sections``: the plan it belongs to, for the time
     * allocation; the caller's own by default). */
    function contentView(section, content, sections) {
      if (section.type === "fields") {
        return h("dl", {class: "ls-dl"}, (section.fields || []).map((f) => [
          h("dt", {text: f.label}), h("dd", {text: (content || {})[f.id] || "–"})]));
      }
      if (section.type === "table") {
        const labels = columnLabels(section, content);
        return h("div", {}, h("div", {class: "ls-scroll", role: "region", tabindex: "0", "aria-label": section.title},
          h("table", {class: "ls-table ls-steps"},
            h("thead", {}, h("tr", {}, h("th", {scope: "col", text: gettext("Row")}),
              labels.map((text) => h("th", {scope: "col", text})), h("th", {scope: "col", text: gettext("Planned minutes")}))),
            h("tbody", {}, (content.rows || []).map((row, index) => h("tr", {},
              h("th", {scope: "row", text: String(index + 1)}),
              row.cells.map((cell) => h("td", {class: "ls-text", text: cell})),
              h("td", {class: "ls-num", text: row.minutes == null ? "" : String(row.minutes)})))))),
          (content.rows || []).some((row) => row.minutes) ? h("p", {class: "ls-total", text: minutesTotal(content.rows, sections)}) : null);
      }
      if (section.type === "grid") {
        return h("div", {class: "ls-scroll", role: "region", tabindex: "0", "aria-label": gettext("Seat labels")},
          h("table", {class: "ls-table ls-grid"}, h("tbody", {}, (content.labels || []).map((line, r) => h("tr", {},
            h("th", {scope: "row", text: interpolate(gettext("Row %(n)s"), {n: r + 1})}),
            line.map((label) => h("td", {class: "ls-seat-view", text: label})))))));
      }
      return content ? h("div", {class: "ls-text ls-readonly", text: content}) : h("p", {}, h("em", {text: gettext("Empty")}));
    }

    Object.assign(ui, {contentView, planPanel});
  };
})(window.LessonStudy = window.LessonStudy || {});
