/* The cycle view's context: what every part of one block's view shares (`ui`).
 *
 * cycle/main.js makes it once per block (LessonStudy.cycle.context), then each part installs its
 * functions on it (cycle/sync.js, plan.js, do.js, see.js, and main.js itself); a part calls
 * another's functions through `ui` (ui.render(), ui.planPanel()...). What the view knows lives in
 * the store (cycle/store.js), reached as `ui.store`. Here: the block's nodes and ids, the
 * translations, the one HTTP client (core/http.js: CSRF, one request at a time per block across
 * tabs, one 429 policy), labels, status messages and field errors, and the form controls.
 *
 * Rules every part keeps: server data reaches the page only through textContent and attributes
 * (LessonStudy.dom.h), never as HTML; links only for http(s) addresses; what people type lives in
 * `store.drafts`, so the page can be drawn again without losing it; only the open tab's panel is
 * in the page.
 */
(function (LS) {
  "use strict";

  LS.cycle = LS.cycle || {};

  const PHASES = ["plan", "do", "see"];
  const POST_KINDS = ["impression", "finding", "reply", "closing", "summary"];
  const MAX_GRID = 20;
  const MAX_MINUTES = 600;
  let instances = 0;

  /** The context of one block's view (see the top of this file). */
  LS.cycle.context = function createContext(runtime, element, init, store) {
    const {h, randomId} = LS.dom;
    const {gettext, ngettext, interpolate} = LS.i18n.forView(init);
    const root = LS.dom.root(element);
    const block = root.querySelector(".lessonstudy-cycle") || root;
    const host = block.querySelector(".ls-root") || block.appendChild(h("div", {class: "ls-root"}));
    const globalStatus = block.querySelector(".ls-status") ||
      block.insertBefore(h("p", {class: "ls-status", role: "status"}), host);
    instances += 1;
    const prefix = "ls" + instances + randomId(4);
    const usage = root.dataset.usageId || root.dataset.usage ||
      (root.closest("[data-usage-id]") || {dataset: {}}).dataset.usageId ||
      runtime.handlerUrl(element, "get_state");
    const lockName = "lessonstudy-" + usage;
    const timeFormat = (() => {
      try {
        return new Intl.DateTimeFormat(init.language || undefined, {dateStyle: "medium", timeStyle: "short"});
      } catch (error) {
        return new Intl.DateTimeFormat(undefined, {dateStyle: "medium", timeStyle: "short"});
      }
    })();
    // Requests: post() answers {ok, status, data}; send() is post() run alone (exclusive()).
    const {exclusive, post, send} = LS.http.client({
      url: (handler) => runtime.handlerUrl(element, handler), lockName, gettext,
    });

    // The words for phases, post kinds, lesson modes and interactions come from the server, in the
    // learner's language (get_state's `labels`): filled by useLabels() when the state is read.
    const PHASE_LABELS = {};
    const KIND_HEADINGS = {};
    const KIND_OPTIONS = {};
    const MODE_LABELS = {};
    const INTERACTION_VERBS = {};
    function useLabels(labels) {
      const given = labels || {};
      Object.assign(PHASE_LABELS, given.phases);
      Object.assign(KIND_HEADINGS, given.post_kinds);
      Object.assign(KIND_OPTIONS, given.post_kind_options);
      Object.assign(MODE_LABELS, given.modes);
      Object.assign(INTERACTION_VERBS, given.interaction_verbs);
    }

    const id = (...parts) => [prefix, ...parts].join("-").replace(/[^A-Za-z0-9_-]/g, "_");
    const when = (ms) => (typeof ms === "number" ? timeFormat.format(new Date(ms)) : "");
    const timeNode = (ms) => h("time", {datetime: new Date(ms).toISOString(), text: when(ms)});
    const perm = () => (store.state && store.state.permissions) || {};
    const personName = (person) => (person && person.name) || gettext("Someone");
    const roleLabel = (role) => ((store.state.roles || []).find((r) => r.id === role) || {label: role}).label;
    const focusLabel = (focus) =>
      ((store.state.focus_categories || []).find((c) => c.id === focus) || {label: focus || ""}).label;
    const withGroup = (body) => (store.viewGroupId ? Object.assign({group_id: store.viewGroupId}, body) : body);

    /* Messages and field errors ------------------------------------------------------- */

    function announce(text) {
      globalStatus.textContent = "";
      globalStatus.classList.remove("ls-status-error");
      setTimeout(() => { globalStatus.textContent = text; }, 50);  // a change, so it is read out
    }

    function announceError(text) {
      announce(text);
      globalStatus.classList.add("ls-status-error");
    }

    function statusRegion(key) {
      return h("p", {class: "ls-form-status", role: "status", id: id("status", key)});
    }

    function setStatus(region, text, isError) {
      region.textContent = text;
      region.classList.toggle("ls-status-error", Boolean(isError));
    }

    function setFieldError(control, message) {
      const errorId = control.id + "-error";
      let note = control.ownerDocument.getElementById(errorId);
      if (!note) {
        note = h("p", {class: "ls-error", id: errorId});
        control.insertAdjacentElement("afterend", note);
      }
      note.textContent = message;
      control.setAttribute("aria-invalid", "true");
      const described = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (!described.includes(errorId)) control.setAttribute("aria-describedby", [...described, errorId].join(" "));
    }

    function clearFieldErrors(container) {
      for (const note of container.querySelectorAll(".ls-error")) {
        const control = container.querySelector("[aria-describedby~='" + note.id + "']");
        if (control) {
          control.removeAttribute("aria-invalid");
          const rest = control.getAttribute("aria-describedby").split(" ").filter((x) => x !== note.id);
          if (rest.length) control.setAttribute("aria-describedby", rest.join(" "));
          else control.removeAttribute("aria-describedby");
        }
        note.remove();
      }
    }

    /** A required text left empty: the form's old errors cleared, this one shown next to the control,
     * which takes the focus. True when the text is empty (the form should not be sent). */
    function refuseEmpty(form, control, value, message) {
      clearFieldErrors(form);
      if (String(value || "").trim()) return false;
      setFieldError(control, message);
      control.focus();
      return true;
    }

    /** Show a refused request: next to its field when there is one, and in the status region. */
    function report(result, region, fields) {
      const message = result.data.error || gettext("That did not work. Try again.");
      const control = fields && result.data.field && fields[result.data.field];
      if (control) setFieldError(control, message);
      setStatus(region, message, true);
      if (control) control.focus();
    }

    /** Run one form request: clears old errors, shows Saving, reports refusals. */
    async function submit(form, region, fields, handler, body) {
      if (form.dataset.busy) return null;
      form.dataset.busy = "true";
      clearFieldErrors(form);
      setStatus(region, gettext("Saving..."));
      const result = await send(handler, body);
      delete form.dataset.busy;
      if (result.ok) setStatus(region, gettext("Saved"));
      else if (result.status !== 409 || !result.data.current) report(result, region, fields);
      return result;
    }

    /* Form controls -------------------------------------------------------------------- */

    /** A labelled control: label, optional hint, the control. */
    function field(label, control, options) {
      const opts = options || {};
      const described = [];
      const hint = opts.hint ? h("p", {class: "ls-hint", id: control.id + "-hint", text: opts.hint}) : null;
      if (hint) described.push(hint.id);
      if (described.length) control.setAttribute("aria-describedby", described.join(" "));
      if (opts.required) control.setAttribute("aria-required", "true");
      return h("div", {class: "ls-field"},
        h("label", {for: control.id}, label,
          opts.required ? h("span", {class: "ls-required", text: " " + gettext("(required)")}) : null),
        hint, control);
    }

    function input(key, value, attrs, onChange) {
      return h("input", Object.assign({id: id(key), type: "text", value: value == null ? "" : String(value),
                                       oninput: (e) => onChange(e.target.value)}, attrs || {}));
    }

    function textarea(key, value, attrs, onChange) {
      return h("textarea", Object.assign({id: id(key), rows: 4, value: value || "",
                                          oninput: (e) => onChange(e.target.value)}, attrs || {}));
    }

    function select(key, options, value, onChange, attrs) {
      return h("select", Object.assign({id: id(key), onchange: (e) => onChange(e.target.value)}, attrs || {}),
        options.map(([optionValue, label]) =>
          h("option", {value: optionValue, selected: optionValue === value, text: label})));
    }

    function button(text, onClick, attrs) {
      return h("button", Object.assign({type: "button", class: "ls-button", onclick: onClick, text}, attrs || {}));
    }

    function note(text, kind) {
      return h("p", {class: "ls-note" + (kind ? " ls-note-" + kind : ""), text});
    }

    function savedBy(author, savedAt) {
      if (!savedAt) return gettext("No changes yet in this cycle.");
      return interpolate(gettext("Last change by %(name)s, %(time)s"), {name: personName(author), time: when(savedAt)});
    }

    /** Comments on a plan section or a reflection post (a facilitator's among them), oldest first. */
    function commentList(comments) {
      if (!comments || !comments.length) return null;
      return h("div", {class: "ls-comments"},
        h("p", {class: "ls-label", text: gettext("Comments")}),
        h("ul", {class: "ls-comments-list"}, comments.map((c) => h("li", {class: "ls-comment"},
          h("p", {class: "ls-meta"}, h("strong", {text: personName(c.author)}), ", ", timeNode(c.at)),
          h("p", {class: "ls-text", text: c.text})))));
    }

    return {store, runtime, element, init, gettext, ngettext, interpolate, root, block, host, globalStatus,
            prefix, usage, lockName, exclusive, send, post, h, randomId, PHASES, POST_KINDS, MAX_GRID,
            MAX_MINUTES, PHASE_LABELS, KIND_HEADINGS, KIND_OPTIONS, MODE_LABELS, INTERACTION_VERBS, useLabels, id,
            when, timeNode, perm, personName, roleLabel, focusLabel, withGroup, announce, announceError,
            statusRegion, setStatus, setFieldError, clearFieldErrors, refuseEmpty, report, submit, field, input,
            textarea, select, button, note, savedBy, commentList};
  };
})(window.LessonStudy = window.LessonStudy || {});
