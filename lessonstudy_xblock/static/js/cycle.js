/* The cycle workspace of a lesson study group: a header, then the tabs Plan, Do and See.
 *
 * Plain JavaScript, no framework, no build step. Rules this file keeps:
 * - Server data reaches the page only through textContent and createElement (the h() helper),
 *   never as HTML; links are made only for http(s) addresses.
 * - Every request goes through exclusive(): one at a time per block, across browser tabs too
 *   (Web Locks). send() retries with the same body after a 429; observation entries and
 *   reflection posts go through the offline queue (offline_queue.js), kept in the browser until
 *   a later get_state shows them stored.
 * - What people type lives in `drafts`, so the page can be drawn again (after a refresh, a tab
 *   change or a phase move) without losing it. Only the open tab's panel is in the page.
 */
(function () {
  "use strict";

  const PHASES = ["plan", "do", "see"];
  const POST_KINDS = ["impression", "finding", "reply", "closing", "summary"];
  const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const MAX_RETRIES = 20;      // 429 answers waited out before giving up
  const MAX_RETRY_WAIT = 30;   // seconds, whatever Retry-After says
  const MAX_GRID = 20;
  const MAX_MINUTES = 600;
  let instances = 0;

  /* DOM ---------------------------------------------------------------------------------- */

  /** An element: attrs set as attributes (`text` as textContent, `on*` as listeners,
   * `value` as a property); strings among children become text nodes. */
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else if (key === "value") node.value = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function randomId(length) {
    const bytes = new Uint8Array(length);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join("");
  }

  function cookie(name) {
    for (const part of document.cookie ? document.cookie.split(";") : []) {
      const [key, ...rest] = part.trim().split("=");
      if (key === name) return decodeURIComponent(rest.join("="));
    }
    return "";
  }

  function clone(value) {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  }

  function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** Author guidance may be sanitised rich text: shown here as its plain text. */
  function plainText(value) {
    if (!value) return "";
    if (!/[<&]/.test(value)) return value;
    return new DOMParser().parseFromString(value, "text/html").body.textContent || "";
  }

  function httpUrl(value) {
    try {
      const url = new URL(String(value || "").trim());
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function LessonStudyCycle(runtime, element, init) {
    init = init || {};
    const catalog = init.catalog || (window.LessonStudyI18n || {})[init.language] || {};
    const gettext = (s) => catalog[s] || s;
    const interpolate = (fmt, values) =>
      fmt.replace(/%\((\w+)\)s/g, (match, name) => (name in values ? String(values[name]) : match));

    const root = element && element.jquery ? element[0] : element;
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

    const PHASE_LABELS = {plan: gettext("Plan"), do: gettext("Do"), see: gettext("See")};
    const KIND_HEADINGS = {
      impression: gettext("Model teacher's impressions"), finding: gettext("Findings"),
      reply: gettext("Replies"), closing: gettext("Closing comments"), summary: gettext("Summary"),
    };
    const KIND_OPTIONS = {
      impression: gettext("Impressions (model teacher)"), finding: gettext("Finding"),
      reply: gettext("Reply"), closing: gettext("Closing comments"), summary: gettext("Summary"),
    };
    const MODE_LABELS = {
      whole_class: gettext("Whole class"), group_work: gettext("Group work"), pairs: gettext("Pairs"),
      individual: gettext("Individual work"), presentation: gettext("Presentation"), other: gettext("Other"),
    };
    const INTERACTION_LABELS = {
      helped: gettext("helped"), asked: gettext("asked"), explained: gettext("explained"),
      disagreed: gettext("disagreed"), copied: gettext("copied"),
    };

    let state = null;          // the last get_state answer
    let viewGroupId = null;    // staff: the group opened from the Groups panel
    let activeTab = null;
    let draftsKey = null;      // group and cycle the drafts belong to
    const drafts = {
      plan: {}, lessons: null, theme: null, observation: newObservationDraft(), post: newPostDraft(),
      sortBy: "time", interaction: newInteractionDraft(), comments: {}, filters: {}, seatFor: "target",
    };

    const id = (...parts) => [prefix, ...parts].join("-").replace(/[^A-Za-z0-9_-]/g, "_");
    const when = (ms) => (typeof ms === "number" ? timeFormat.format(new Date(ms)) : "");
    const timeNode = (ms) => h("time", {datetime: new Date(ms).toISOString(), text: when(ms)});
    const perm = () => (state && state.permissions) || {};
    const personName = (person) => (person && person.name) || gettext("Someone");
    const roleLabel = (role) => ((state.roles || []).find((r) => r.id === role) || {label: role}).label;
    const focusLabel = (focus) =>
      ((state.focus_categories || []).find((c) => c.id === focus) || {label: focus || ""}).label;
    const withGroup = (body) => (viewGroupId ? Object.assign({group_id: viewGroupId}, body) : body);

    function newObservationDraft() {
      return {focus: "", target: "", minute: "", evidence: "", interpretation: "", link: "", clientId: randomId(20)};
    }

    function newPostDraft() {
      return {kind: "", text: "", cites: [], parentId: null, clientId: randomId(20)};
    }

    function newInteractionDraft() {
      return {from: "", to: "", interaction: "", clientId: randomId(20)};
    }

    /* Requests ------------------------------------------------------------------------- */

    let chain = Promise.resolve();

    /** Run a request task alone: one at a time per block in this page and, with Web Locks, across tabs. */
    function exclusive(task) {
      const run = () => withLock(task);
      const result = chain.then(run, run);
      chain = result.catch(() => undefined);
      return result;
    }

    /** POST a handler; answers {ok, status, data}. Entries and posts go through the queue instead. */
    function send(handler, body) {
      return exclusive(() => post(handler, body));
    }

    function withLock(task) {
      if (navigator.locks && navigator.locks.request) return navigator.locks.request(lockName, task);
      return task();
    }

    async function post(handler, body) {
      for (let attempt = 0; ; attempt += 1) {
        const answer = await window.LessonStudyQueue.request(runtime.handlerUrl(element, handler), body, cookie("csrftoken"));
        if (answer.status === 429 && attempt < MAX_RETRIES) {
          await sleep(Math.min(1000 * MAX_RETRY_WAIT, answer.wait));
          continue;
        }
        if (!answer.status) {
          return failure(0, gettext("The connection failed. What you wrote is kept here: try again when you are online."));
        }
        if (answer.status >= 500 || !answer.data) {
          return failure(answer.status, gettext("The server could not answer. What you wrote is kept here: try again in a moment."));
        }
        return {ok: answer.status >= 200 && answer.status < 300, status: answer.status, data: answer.data};
      }
    }

    function failure(status, message) {
      return {ok: false, status, data: {error: message}};
    }

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

    /* Loading and drawing -------------------------------------------------------------- */

    /** Move focus after a redraw removed the control that had it (first id found wins). */
    function focusFirstOf(...ids) {
      for (const target of ids) {
        const node = host.querySelector("#" + CSS.escape(target));
        if (node) {
          node.focus();
          return;
        }
      }
    }

    async function load(tab) {
      const result = await readState();
      block.removeAttribute("data-loading");
      if (!result.ok) {
        announceError(result.data.error || gettext("The workspace could not be loaded."));
        if (!state) host.replaceChildren(button(gettext("Try again"), () => load(tab), {class: "ls-button ls-primary"}));
        return false;
      }
      state = result.data;
      globalStatus.textContent = "";
      globalStatus.classList.remove("ls-status-error");
      syncDrafts();
      openQueue();
      confirmQueue(result.started);
      if (tab) activeTab = tab;
      if (!activeTab && state.cycle) activeTab = state.cycle.phase;
      render();
      return true;
    }

    /* The offline queue: entries and posts kept in the browser until a read shows them stored */

    let queue = null;
    let onQueueChange = null;   // the open panel's redraw of what the queue shows
    let confirmTimer = null;
    const sentIds = new Set();  // waited in the queue, then seen stored: shown as "Sent"
    const watched = {};         // form key -> the client_id its status region reports on

    /** Remembered in this browser per block and user: undefined reads, null forgets. */
    function remember(name, value) {
      const key = "lessonstudy-" + name + ":" + usage + ":" + state.user.id;
      try {
        if (value === undefined) return window.localStorage.getItem(key);
        if (value === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, value);
      } catch (error) {
        // storage refused (private mode): remembered for this page only
      }
      return null;
    }

    function openQueue() {
      if (queue || !window.LessonStudyQueue) return;
      drafts.observation.target = drafts.observation.target || remember("target") || "";
      queue = window.LessonStudyQueue({
        key: "lessonstudy-queue:" + usage + ":" + state.user.id,
        url: (handler) => runtime.handlerUrl(element, handler),
        csrf: () => cookie("csrftoken"),
        exclusive,
        onChange: () => {
          updateWatched();
          if (onQueueChange) onQueueChange();
        },
        onStored: (item, data) => {
          if (data.observation && state.observations) addObservation(data.observation);
          if (data.post && state.reflection) addPost(data.post);
        },
        onIdle: () => {
          clearTimeout(confirmTimer);
          confirmTimer = setTimeout(readBack, 2000);
        },
      });
    }

    /** get_state, with the time the request went out (under the lock, so after every write before it). */
    function readState() {
      let started = 0;
      return exclusive(() => {
        started = Date.now();
        return post("get_state", viewGroupId ? {group_id: viewGroupId} : {});
      }).then((result) => Object.assign(result, {started}));
    }

    /** The later read that confirms what the queue sent; redraws lists, not what is being typed. */
    async function readBack() {
      const result = await readState();
      if (!result.ok || !state.group || !result.data.group || result.data.group.id !== state.group.id) return;
      for (const key of ["observations", "observations_hidden", "reflection", "lesson"]) state[key] = result.data[key];
      confirmQueue(result.started);
      if (onQueueChange) onQueueChange();
    }

    function confirmQueue(readAt) {
      if (!queue) return;
      if (!state.group) {
        queue.flush();
        return;
      }
      const seen = (state.observations || []).concat((state.reflection || {}).posts || []).map((x) => x.client_id);
      const scope = {group_id: state.group.id, cycle: state.cycle.number};
      for (const clientId of queue.confirm(new Set(seen), scope, readAt)) sentIds.add(clientId);
    }

    /** Queue a write and let the form's status region follow it. */
    function enqueue(handler, body, key) {
      const region = host.querySelector("#" + id("status", key));
      if (region) delete region.dataset.said;
      watched[key] = body.client_id;
      queue.add(handler, body);
      updateWatched();
    }

    function queued(handler) {
      return queue ? queue.items().filter((item) => item.handler === handler) : [];
    }

    function queueState(clientId, items) {
      if (sentIds.has(clientId)) return "sent";
      const item = items.find((x) => x.id === clientId);
      return item ? (item.sending ? "sending" : item.state) : null;
    }

    /** Until it is saved or refused; a message someone else put in the region ends the watch. */
    function updateWatched() {
      const items = queue ? queue.items() : [];
      for (const [key, clientId] of Object.entries(watched)) {
        const region = host.querySelector("#" + id("status", key));
        const item = items.find((x) => x.id === clientId);
        if (!region) continue;
        if (region.dataset.said && region.dataset.said !== region.textContent) {
          delete watched[key];
          continue;
        }
        let text = gettext("Not sent yet: it is kept in this browser and sent when the connection is back.");
        if (!item || item.state === "stored") text = gettext("Saved");
        else if (item.state === "refused") text = item.error;
        else if (item.sending || !item.tries) text = gettext("Saving...");
        setStatus(region, text, item && item.state === "refused");
        region.dataset.said = text;
        if (!item || item.state !== "waiting") delete watched[key];
      }
    }

    /** "3 entries waiting to send", what was refused, and a button to send now. */
    function queueLine(handler, waitingText) {
      const items = queued(handler);
      const waiting = items.filter((item) => item.state === "waiting").length;
      const refused = items.filter((item) => item.state === "refused").length;
      const parts = [];
      if (waiting) {
        parts.push(h("p", {}, interpolate(waitingText, {count: waiting}), " ",
          gettext("They are kept in this browser and sent when the connection is back."),
          queue.persistent() ? "" : " " + gettext("This browser cannot store them: keep this page open until they are sent.")));
      }
      if (refused) parts.push(h("p", {class: "ls-error", text: gettext("Some were not accepted: see the message beside each.")}));
      return [h("div", {role: "status"}, parts),
              waiting ? button(gettext("Send now"), () => queue.now(), {id: id("send-now", handler)}) : null];
    }

    /** What the queue says of an entry or a post, and for a refused one what to do. */
    function queueBadge(clientId, items, edit) {
      const where = queueState(clientId, items);
      if (!where) return null;
      const labels = {waiting: gettext("Waiting to send"), sending: gettext("Sending..."), refused: gettext("Not sent"),
                      stored: gettext("Checking that it is saved..."), sent: gettext("Sent")};
      const item = items.find((x) => x.id === clientId);
      return h("div", {class: "ls-queued ls-queued-" + where},
        h("p", {class: "ls-badge", text: labels[where]}),
        where === "refused" ? [
          h("p", {class: "ls-error", text: item.error}),
          h("div", {class: "ls-actions"},
            edit ? button(gettext("Edit and send again"), () => {
              queue.remove(clientId);
              edit(item);
            }) : null,
            button(gettext("Discard"), () => queue.remove(clientId)))] : null);
    }

    /** Drafts belong to one group and cycle; a new cycle or another group starts them afresh. */
    function syncDrafts() {
      const key = state.group ? state.group.id + ":" + state.cycle.number : "";
      if (key !== draftsKey) {
        drafts.plan = {};
        drafts.lessons = null;
        drafts.post = newPostDraft();
        drafts.theme = null;
        activeTab = null;
        draftsKey = key;
      }
      for (const [sectionId, draft] of Object.entries(drafts.plan)) {
        if (!draft.dirty && !draft.conflict) delete drafts.plan[sectionId];
      }
      if (drafts.lessons && !drafts.lessons.dirty && !drafts.lessons.conflict) drafts.lessons = null;
    }

    function render() {
      const focused = document.activeElement && host.contains(document.activeElement) ? document.activeElement.id : "";
      const parts = [];
      if (state.user.is_staff && !hasFacilitator()) parts.push(staffPanel());
      if (hasFacilitator() && viewGroupId) parts.push(h("div", {class: "ls-actions"}, button(gettext("Close this workspace"), () => openGroup(null))));
      if (state.group) parts.push(groupHeader(), tabs());
      else if (hasFacilitator()) parts.push(tabs());
      else if (state.user.is_staff) parts.push(note(gettext("Open a group's workspace from the list to read and work in it.")));
      else parts.push(joinPanel());
      host.replaceChildren(...parts);
      if (focused) {
        const again = host.querySelector("#" + CSS.escape(focused));
        if (again) again.focus();
      }
    }

    /* Joining a group -------------------------------------------------------------------- */

    function joinPanel() {
      const region = statusRegion("join");
      const code = input("join-code", "", {autocomplete: "off", autocapitalize: "characters", maxlength: 20,
                                           spellcheck: "false"}, () => undefined);
      const form = h("form", {class: "ls-panel ls-join", novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        if (!code.value.trim()) {
          clearFieldErrors(form);
          setFieldError(code, gettext("Type the join code your facilitator gave you."));
          code.focus();
          return;
        }
        const result = await submit(form, region, {join_code: code}, "join_group", {join_code: code.value.trim()});
        if (result && result.ok) {
          await load();
          focusFirstOf(id("group-heading"));
          announce(interpolate(gettext("You joined %(name)s."), {name: result.data.group.name}));
        }
      }},
        h("h3", {text: gettext("Join your group")}),
        h("p", {text: gettext("You are not in a lesson study group yet. Ask your facilitator for your group's join code and enter it here.")}),
        field(gettext("Join code"), code, {hint: gettext("Six letters and digits, for example K7PQ2M.")}),
        h("div", {class: "ls-actions"}, h("button", {type: "submit", class: "ls-button ls-primary", text: gettext("Join group")})),
        region);
      return form;
    }

    /* Staff: groups ------------------------------------------------------------------------ */

    function staffPanel() {
      const groups = state.groups || [];
      return h("section", {class: "ls-panel ls-staff"},
        h("h3", {text: gettext("Groups")}),
        groups.length ? groupsTable(groups) : note(gettext("No groups yet. Create the first one below.")),
        viewGroupId ? button(gettext("Close this workspace"), () => openGroup(null)) : null,
        h("div", {class: "ls-staff-forms"}, createGroupForm(), groups.length ? assignForm(groups) : null));
    }

    function groupsTable(groups) {
      const rows = groups.map((group) => {
        const open = viewGroupId === group.id;
        return h("tr", {"aria-current": open ? "true" : null},
          h("th", {scope: "row", text: group.name}),
          h("td", {}, open ? h("span", {text: gettext("Open now")}) :
            button(gettext("Open workspace"), () => openGroup(group.id), {
              "aria-label": interpolate(gettext("Open workspace of %(name)s"), {name: group.name}),
              id: id("open", group.id),
            })),
          h("td", {class: "ls-code", text: group.join_code}),
          h("td", {text: String(group.member_count)}),
          h("td", {text: group.school}));
      });
      return h("div", {class: "ls-scroll", role: "region", tabindex: "0", "aria-label": gettext("Groups")},
        h("table", {class: "ls-table"},
          h("thead", {}, h("tr", {},
            [gettext("Group"), gettext("Workspace"), gettext("Join code"), gettext("Members"), gettext("School")]
              .map((text) => h("th", {scope: "col", text})))),
          h("tbody", {}, rows)));
    }

    async function openGroup(groupId) {
      viewGroupId = groupId;
      activeTab = null;
      if (await load()) {
        focusFirstOf(id("group-heading"), id("open", groupId || ""));
        announce(state.group ? interpolate(gettext("Workspace of %(name)s opened."), {name: state.group.name})
          : gettext("Workspace closed."));
      }
    }

    function createGroupForm() {
      const region = statusRegion("create");
      const name = input("group-name", "", {maxlength: 120, autocomplete: "off"}, () => undefined);
      const school = input("group-school", "", {maxlength: 160, autocomplete: "off"}, () => undefined);
      const form = h("form", {class: "ls-subpanel", novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        const result = await submit(form, region, {name, school}, "create_group",
                                    {name: name.value, school: school.value});
        if (result && result.ok) {
          const group = result.data.group;
          await load();
          announce(interpolate(gettext("Group %(name)s created. Its join code is %(code)s."),
                               {name: group.name, code: group.join_code}));
        }
      }},
        h("h4", {text: gettext("New group")}),
        field(gettext("Group name"), name, {required: true}),
        field(gettext("School"), school),
        h("div", {class: "ls-actions"}, h("button", {type: "submit", class: "ls-button", id: id("create-save"), text: gettext("Create group")})),
        region);
      return form;
    }

    function assignForm(groups) {
      const region = statusRegion("assign");
      const username = input("assign-user", "", {autocomplete: "off", autocapitalize: "none", spellcheck: "false",
                                                 maxlength: 150}, () => undefined);
      const group = select("assign-group", groups.map((g) => [g.id, g.name]), viewGroupId || groups[0].id, () => undefined);
      const role = select("assign-role", [["", gettext("Keep their role")]].concat(state.roles.map((r) => [r.id, r.label])),
                          "", () => undefined);
      const form = h("form", {class: "ls-subpanel", novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        const result = await submit(form, region, {user_id: username, group_id: group, role}, "assign_member",
                                    {group_id: group.value, user_id: username.value.trim(), role: role.value});
        if (result && result.ok) {
          await load();
          announce(interpolate(gettext("%(user)s is now in %(group)s."), {user: username.value.trim(), group: result.data.group.name}));
        }
      }},
        h("h4", {text: gettext("Assign a participant")}),
        field(gettext("Username"), username, {required: true}),
        field(gettext("Group"), group),
        field(gettext("Role"), role),
        h("div", {class: "ls-actions"}, h("button", {type: "submit", class: "ls-button", id: id("assign-save"), text: gettext("Assign to group")})),
        region);
      return form;
    }

    /* Group header ---------------------------------------------------------------------- */

    function groupHeader() {
      const group = state.group;
      return h("section", {class: "ls-panel ls-header"},
        h("h3", {class: "ls-group-name", id: id("group-heading"), tabindex: "-1", text: group.name}),
        group.school ? h("p", {class: "ls-school", text: group.school}) : null,
        !state.is_member ? note(gettext("You are viewing this group as a facilitator."), "info") : null,
        themeBlock(),
        h("p", {class: "ls-cycle", id: id("cycle-line")},
          interpolate(gettext("Cycle %(number)s, phase: %(phase)s"),
                      {number: state.cycle.number, phase: PHASE_LABELS[state.cycle.phase]})),
        state.is_member ? roleForm() : null,
        membersList(),
        groupControls());
    }

    function themeBlock() {
      const canEdit = state.is_member || state.user.is_staff;
      if (drafts.theme === null) {
        return h("div", {class: "ls-theme"},
          h("p", {}, h("strong", {text: gettext("Research theme:") + " "}),
            state.theme ? h("span", {class: "ls-text", text: state.theme}) : h("em", {text: gettext("not set yet")})),
          canEdit ? button(gettext("Edit research theme"), () => {
            drafts.theme = state.theme || "";
            render();
            host.querySelector("#" + id("theme")).focus();
          }, {id: id("theme-edit")}) : null);
      }
      const region = statusRegion("theme");
      const text = textarea("theme", drafts.theme, {rows: 3, maxlength: 1000}, (value) => { drafts.theme = value; });
      const form = h("form", {class: "ls-theme", novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        const result = await submit(form, region, {theme: text}, "set_theme", withGroup({theme: drafts.theme.trim()}));
        if (result && result.ok) {
          state.theme = result.data.theme;
          drafts.theme = null;
          render();
          host.querySelector("#" + id("theme-edit")).focus();
          announce(gettext("Research theme updated."));
        }
      }},
        field(gettext("Research theme"), text, {hint: gettext("The kind of learners your group hopes to develop, over many cycles.")}),
        h("div", {class: "ls-actions"},
          h("button", {type: "submit", class: "ls-button ls-primary", text: gettext("Save research theme")}),
          button(gettext("Cancel"), () => {
            drafts.theme = null;
            render();
            host.querySelector("#" + id("theme-edit")).focus();
          })),
        region);
      return form;
    }

    function roleForm() {
      const me = state.group.members.find((m) => m.id === state.user.id) || {focal: ""};
      const region = statusRegion("role");
      const role = select("role", state.roles.map((r) => [r.id, r.label]), state.my_role, () => undefined);
      const focal = input("focal", me.focal || "", {maxlength: 120, autocomplete: "off"}, () => undefined);
      const form = h("form", {novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        const result = await submit(form, region, {role, focal}, "set_role", {role: role.value, focal: focal.value.trim()});
        if (result && result.ok) {
          await load();
          announce(interpolate(gettext("Your role is now %(role)s."), {role: roleLabel(role.value)}));
        }
      }},
        h("div", {class: "ls-row"},
          field(gettext("My role"), role),
          field(gettext("Who I watch in the open class"), focal, {hint: gettext("Observers: a seat code or student group, not a child's name.")})),
        h("div", {class: "ls-actions"}, h("button", {type: "submit", class: "ls-button", id: id("role-save"), text: gettext("Save my role")})),
        region);
      return h("div", {class: "ls-role"},
        h("p", {}, h("strong", {text: gettext("Your role:") + " "}), roleLabel(state.my_role),
          me.focal ? " · " + interpolate(gettext("watches %(focal)s"), {focal: me.focal}) : ""),
        h("details", {id: id("role-details"), open: drafts.roleOpen, ontoggle: (e) => { drafts.roleOpen = e.target.open; }},
          h("summary", {text: gettext("Change my role")}), form));
    }

    function membersList() {
      const group = state.group;
      const names = Object.fromEntries(group.members.map((m) => [m.id, m.name]));
      const details = h("details", {class: "ls-members", open: drafts.membersOpen,
                           ontoggle: (e) => { drafts.membersOpen = e.target.open; }},
        h("summary", {text: interpolate(gettext("Members (%(count)s)"), {count: group.members.length})}),
        h("ul", {}, group.members.map((member) => h("li", {},
          h("span", {class: "ls-member-name", text: member.name}),
          member.id === state.user.id ? " " + gettext("(you)") : "",
          ": ", (member.roles || []).map(roleLabel).join(", "),
          member.focal ? " · " + interpolate(gettext("watches %(focal)s"), {focal: member.focal}) : ""))));
      const warnings = (group.role_warnings || []).map((warning) => note(interpolate(
        gettext("%(names)s hold the role %(role)s at the same time. One of them should choose another role."),
        {names: warning.holders.map((x) => names[x] || x).join(", "), role: roleLabel(warning.role)}), "warning"));
      return [details, warnings];
    }

    function groupControls() {
      const p = perm();
      const buttons = [];
      if (p.move_phase) {
        const here = PHASES.indexOf(state.cycle.phase);
        PHASES.forEach((phase, index) => {
          if (index === here + 1 || (state.user.is_staff && index !== here)) {
            buttons.push(button(interpolate(gettext("Move to %(phase)s"), {phase: PHASE_LABELS[phase]}),
                                () => movePhase(phase), {id: id("move", phase)}));
          }
        });
      }
      if (p.lock_plan && !state.plan.locked) buttons.push(button(gettext("Lock plan"), () => setLock(true), {id: id("lock")}));
      if (p.unlock_plan && state.plan.locked) buttons.push(button(gettext("Unlock plan"), () => setLock(false), {id: id("unlock")}));
      if (p.start_next_cycle) buttons.push(button(gettext("Revise for next cycle"), nextCycle, {id: id("next"), class: "ls-button ls-primary"}));
      buttons.push(button(gettext("Refresh workspace"), async () => {
        if (await load()) announce(gettext("The workspace is up to date."));
      }, {id: id("refresh")}));
      const region = statusRegion("controls");
      return h("div", {class: "ls-controls"}, h("div", {class: "ls-actions"}, buttons), region);
    }

    async function groupAction(handler, body, done) {
      const region = host.querySelector("#" + id("status", "controls"));
      const result = await send(handler, withGroup(body));
      if (!result.ok) {
        setStatus(region, result.data.error, true);
        return;
      }
      await done(result.data);
    }

    function movePhase(phase) {
      return groupAction("set_phase", {phase}, async (data) => {
        await load(data.cycle.phase);
        focusFirstOf(id("tab", data.cycle.phase));
        announce(interpolate(gettext("The group is now in the %(phase)s phase."), {phase: PHASE_LABELS[data.cycle.phase]}));
      });
    }

    function setLock(locked) {
      return groupAction("set_plan_lock", {locked}, async (data) => {
        await load();
        focusFirstOf(id(data.plan.locked ? "unlock" : "lock"), id("refresh"));
        announce(data.plan.locked ? gettext("The plan is locked.") : gettext("The plan is unlocked."));
      });
    }

    function nextCycle() {
      return groupAction("start_next_cycle", {from_cycle: state.cycle.number}, async (data) => {
        await load("plan");
        focusFirstOf(id("tab", "plan"));
        announce(interpolate(gettext("Cycle %(number)s started. The plan was carried over; the lessons learned are beside it."),
                             {number: data.cycle.number}));
      });
    }

    /* Tabs ------------------------------------------------------------------------------ */

    /** The tabs shown: Plan, Do, See in a group; Facilitator for staff when facilitator.js is loaded. */
    function tabNames() {
      return (state.group ? PHASES : []).concat(hasFacilitator() ? ["facilitator"] : []);
    }

    function tabs() {
      const names = tabNames();
      const current = state.cycle && state.cycle.phase;
      if (!names.includes(activeTab)) activeTab = current || names[0];
      const list = h("div", {class: "ls-tablist", role: "tablist", "aria-label": gettext("Cycle phases")},
        names.map((phase) => h("button", {
          type: "button", role: "tab", id: id("tab", phase), "aria-controls": id("panel", phase),
          "aria-selected": String(phase === activeTab), tabindex: phase === activeTab ? "0" : "-1",
          "aria-describedby": phase === current ? id("cycle-line") : null,
          class: "ls-tab" + (phase === current ? " ls-tab-current" : ""),
          text: PHASE_LABELS[phase] || gettext("Facilitator"), onclick: () => selectTab(phase), onkeydown: tabKey,
        })));
      const panels = names.map((phase) => h("div", {
        role: "tabpanel", id: id("panel", phase), "aria-labelledby": id("tab", phase), tabindex: "0",
        class: "ls-tabpanel", hidden: phase !== activeTab,
      }, phase === activeTab ? panelContent(phase) : null));
      return h("div", {class: "ls-tabs"}, list, panels);
    }

    function panelContent(phase) {
      onQueueChange = null;  // the Do and See panels set their own
      if (phase === "facilitator") return facilitatorPanel();
      if (phase === "plan") return planPanel();
      if (phase === "do") return doPanel();
      return seePanel();
    }

    function tabKey(event) {
      const names = tabNames();
      const index = names.indexOf(activeTab);
      const moves = {ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: names.length - 1};
      if (!(event.key in moves)) return;
      event.preventDefault();
      const target = names[(moves[event.key] + names.length) % names.length];
      selectTab(target);
      host.querySelector("#" + id("tab", target)).focus();
    }

    /** Show another tab; only the open panel is in the page (its drafts are kept). */
    function selectTab(phase) {
      if (phase === activeTab) return;
      activeTab = phase;
      for (const other of tabNames()) {
        const tab = host.querySelector("#" + id("tab", other));
        const panel = host.querySelector("#" + id("panel", other));
        const selected = other === phase;
        tab.setAttribute("aria-selected", String(selected));
        tab.setAttribute("tabindex", selected ? "0" : "-1");
        panel.hidden = !selected;
        panel.replaceChildren(...(selected ? [panelContent(other)] : []));
      }
    }

    /* Staff: the Facilitator tab, drawn by facilitator.js (sent to staff only) ---------- */

    let facilitator = null;

    function hasFacilitator() {
      return Boolean(state && state.user.is_staff && typeof window.LessonStudyFacilitator === "function");
    }

    function facilitatorPanel() {
      facilitator = facilitator || window.LessonStudyFacilitator({
        runtime, element, send, gettext, interpolate, h, id, field, input, textarea, select, button, note,
        statusRegion, setStatus, submit, announce, when, timeNode, personName, roleLabel, focusLabel,
        contentView, randomId, openGroup, state: () => state,
      });
      return facilitator.panel();
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

    /* Plan ------------------------------------------------------------------------------- */

    function planPanel() {
      const p = perm();
      const previous = (state.history || []).slice(-1)[0];
      return h("div", {class: "ls-plan"},
        state.plan.locked
          ? note(p.unlock_plan ? gettext("The plan is locked for the open class. You can unlock it with Unlock plan above.")
            : gettext("The plan is locked for the open class. The model teacher or a facilitator can unlock it."), "info")
          : (!p.edit_plan ? note(gettext("Only members of the group edit the plan."), "info") : null),
        previous ? lessonsAside(previous) : null,
        h("div", {class: "ls-actions"}, button(gettext("Print plan"), () => {
          fillPrint();
          window.print();
        })),
        state.plan.sections.map(planSection),
        fillPrint(printBox = h("div", {class: "ls-print-plan"})));
    }

    function lessonsAside(entry) {
      return h("aside", {class: "ls-subpanel ls-aside", "aria-labelledby": id("aside-heading")},
        h("h3", {id: id("aside-heading"), text: interpolate(gettext("Lessons learned in cycle %(number)s"), {number: entry.cycle})}),
        lessonsView(entry.lessons_learned));
    }

    function planDraft(section) {
      if (!drafts.plan[section.id]) {
        drafts.plan[section.id] = {content: clone(section.content), base: section.revision, dirty: false, conflict: null};
      }
      return drafts.plan[section.id];
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
      const wrapper = h("form", {class: "ls-section", novalidate: true, onsubmit: (event) => {
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
      return [wrapper, sectionTools(section, wrapper)];
    }

    /* Plan: history, comparison, comments, printing -------------------------------------- */

    /** Under a section: its revision history with a comparison, and a comment form for members. */
    function sectionTools(section, wrapper) {
      const box = h("div", {class: "ls-history-box"});
      return h("div", {class: "ls-section-tools"},
        h("details", {ontoggle: (event) => { if (event.target.open && !box.firstChild) loadHistory(section, box); }},
          h("summary", {}, gettext("History"), h("span", {class: "ls-visually-hidden", text: ": " + section.title})), box),
        state.is_member || state.user.is_staff ? commentForm(section, wrapper) : null);
    }

    async function loadHistory(section, box) {
      box.replaceChildren(h("p", {text: gettext("Loading...")}));
      const result = await send("plan_history", withGroup({section_id: section.id}));
      if (!result.ok) {
        box.replaceChildren(note(result.data.error || gettext("That did not work. Try again."), "warning"));
        return;
      }
      const revisions = result.data.revisions;
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
          revisions.length > 1 ? button(gettext("Compare"), () => compare({from_revision: from.value, to_revision: to.value})) : null,
          state.cycle.number > 1 ? button(gettext("Compare with previous cycle"), () => compare({})) : null),
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
      const tags = {insert: ["ins", gettext("added")], delete: ["del", gettext("removed")]};
      box.replaceChildren(
        h("h4", {text: interpolate(gettext("Changes from cycle %(from)s to cycle %(to)s"), {from: from.cycle, to: to.cycle})}),
        diff.some((d) => d.op !== "equal") ? h("ul", {class: "ls-diff"}, diff.map((d) => h("li", {class: "ls-diff-" + d.op},
          tags[d.op] ? [h("span", {class: "ls-diff-label", text: tags[d.op][1] + ":"}), " ", h(tags[d.op][0], {text: d.text})] : d.text)))
          : note(gettext("No differences.")));
    }

    function commentForm(section, wrapper) {
      const draft = drafts.comments[section.id] || (drafts.comments[section.id] = {text: "", clientId: randomId(20)});
      const region = statusRegion("comment-" + section.id);
      const text = textarea("comment-" + section.id, draft.text, {rows: 2, maxlength: 4000}, (value) => { draft.text = value; });
      const form = h("form", {class: "ls-comment-form", novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        if (!draft.text.trim()) {
          clearFieldErrors(form);
          setFieldError(text, gettext("Write your comment first."));
          text.focus();
          return;
        }
        const result = await submit(form, region, {text}, "add_comment", withGroup({
          client_id: draft.clientId, target_type: "section", target_id: section.id, text: draft.text.trim()}));
        if (result && result.ok) {
          const added = result.data.comment;
          section.comments = (section.comments || []).filter((c) => c.id !== added.id).concat(added);
          const list = commentList(section.comments);
          const old = wrapper.querySelector(".ls-comments");
          if (old) old.replaceWith(list);
          else wrapper.append(list);
          drafts.comments[section.id] = {text: "", clientId: randomId(20), open: true};
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
      if (!printBox || !state.group) return printBox;
      printBox.replaceChildren(
        h("h3", {text: interpolate(gettext("Lesson plan of %(group)s, cycle %(number)s"),
                                   {group: state.group.name, number: state.cycle.number})}),
        ...state.plan.sections.map((s) => h("section", {class: "ls-print-section"}, h("h4", {text: s.title}),
          contentView(s, drafts.plan[s.id] ? drafts.plan[s.id].content : s.content))));
      return printBox;
    }

    window.addEventListener("beforeprint", fillPrint);

    async function saveSection(sectionId, form, region, draw) {
      const draft = drafts.plan[sectionId];
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
      const sections = state.plan.sections;
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

    function tableEditor(section, content, key, changed) {
      const container = h("div", {class: "ls-table-editor"});
      const labels = columnLabels(section, content);
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
          h("div", {class: "ls-actions"}, button(gettext("Add row"), () => {
            const row = {id: "row-" + randomId(10), cells: labels.map(() => ""), minutes: null};
            content.rows.push(row);
            changed();
            draw(id(key, row.id, 0));
          }, {id: id(key, "add")})));
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
            h("textarea", {id: id(key, row.id, c), rows: 3, value: cell || "", oninput: (e) => {
              row.cells[c] = e.target.value;
              changed();
            }}))),
          h("td", {class: "ls-num"},
            h("label", {for: id(key, row.id, "min"), class: "ls-visually-hidden",
                        text: interpolate(gettext("Planned minutes, row %(n)s"), {n})}),
            h("input", {id: id(key, row.id, "min"), type: "number", min: 0, max: MAX_MINUTES, step: 1, inputmode: "numeric",
                        class: "ls-minutes", value: row.minutes == null ? "" : String(row.minutes), oninput: (e) => {
                          row.minutes = e.target.value === "" ? null : Number(e.target.value);
                          changed();
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
      const resize = (rows, columns) => {
        const labels = [];
        for (let r = 0; r < rows; r += 1) {
          labels.push([]);
          for (let c = 0; c < columns; c += 1) labels[r].push(((content.labels || [])[r] || [])[c] || "");
        }
        Object.assign(content, {rows, columns, labels});
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

    /** A section's content, read-only. */
    function contentView(section, content) {
      if (section.type === "fields") {
        return h("dl", {class: "ls-dl"}, (section.fields || []).map((f) => [
          h("dt", {text: f.label}), h("dd", {text: (content || {})[f.id] || "–"})]));
      }
      if (section.type === "table") {
        const labels = columnLabels(section, content);
        return h("div", {class: "ls-scroll", role: "region", tabindex: "0", "aria-label": section.title},
          h("table", {class: "ls-table ls-steps"},
            h("thead", {}, h("tr", {}, h("th", {scope: "col", text: gettext("Row")}),
              labels.map((text) => h("th", {scope: "col", text})), h("th", {scope: "col", text: gettext("Planned minutes")}))),
            h("tbody", {}, (content.rows || []).map((row, index) => h("tr", {},
              h("th", {scope: "row", text: String(index + 1)}),
              row.cells.map((cell) => h("td", {class: "ls-text", text: cell})),
              h("td", {class: "ls-num", text: row.minutes == null ? "" : String(row.minutes)}))))));
      }
      if (section.type === "grid") {
        return h("div", {class: "ls-scroll", role: "region", tabindex: "0", "aria-label": gettext("Seat labels")},
          h("table", {class: "ls-table ls-grid"}, h("tbody", {}, (content.labels || []).map((line, r) => h("tr", {},
            h("th", {scope: "row", text: interpolate(gettext("Row %(n)s"), {n: r + 1})}),
            line.map((label) => h("td", {class: "ls-seat-view", text: label})))))));
      }
      return content ? h("div", {class: "ls-text ls-readonly", text: content}) : h("p", {}, h("em", {text: gettext("Empty")}));
    }

    /* Do --------------------------------------------------------------------------------- */

    function doPanel() {
      const p = perm();
      const list = h("ul", {class: "ls-entries", id: id("entries")});
      const empty = h("p", {text: gettext("No observation entries yet.")});
      const queueBox = h("div", {class: "ls-queue"});
      const modes = h("div", {});
      const seats = h("div", {});
      const drawList = () => {
        const items = queued("add_observation");
        const entries = doEntries(items);
        list.replaceChildren(...entries.map((entry) => entryItem(entry, items)));
        empty.hidden = entries.length > 0;
        redrawIn(queueBox, ...queueLine("add_observation", gettext("Entries waiting to send: %(count)s.")));
        if (p.add_observation) {
          redrawIn(modes, modeButtons(entries));
          redrawIn(seats, seatPicker(entries));
        }
      };
      onQueueChange = drawList;
      drawList();
      clearInterval(ticker);
      ticker = setInterval(tick, 1000);
      return h("div", {class: "ls-do"},
        videoPlayer(),
        p.add_observation ? [lessonClock(), modes, seats, observationForm(drawList), interactionForm(drawList)]
          : note(whyNoObservations(), "info"),
        queueBox,
        h("h3", {text: gettext("Observation entries")}),
        state.observations_hidden ? note(interpolate(
          gettext("%(count)s entries of other observers are shown after the open class."),
          {count: state.observations_hidden}), "info") : null,
        empty, list,
        state.is_member || state.user.is_staff ? videoForm() : null);
    }

    /** The entries the server sent and, not among them yet, those still in the queue; newest first. */
    function doEntries(items) {
      const stored = state.observations || [];
      const have = new Set(stored.map((o) => o.client_id));
      const waiting = items.filter((item) => !have.has(item.id)).map((item) => Object.assign({}, item.body,
        {id: item.id, client_id: item.id, at: item.at, author: {id: state.user.id, name: state.user.name}}));
      return stored.concat(waiting).sort((a, b) => b.at - a.at);
    }

    /** Replace a container's children, keeping the keyboard focus on a control drawn again. */
    function redrawIn(container, ...children) {
      const active = document.activeElement;
      const had = active && active.id && container.contains(active) ? active.id : "";
      container.replaceChildren(...children.filter((child) => child));
      if (had) focusFirstOf(had);
    }

    function whyNoObservations() {
      if (!state.is_member) return gettext("Only members of the group add observations.");
      if (state.my_role === "model_teacher") {
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
      const section = state.plan.sections.find((s) => s.type === "grid");
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
                           text: interpolate(gettext("Tap a seat to fill: %(field)s"), {field: names[drafts.seatFor]})});
      const pick = (seat) => {
        const key = drafts.seatFor;
        (key === "target" ? drafts.observation : drafts.interaction)[key] = seat;
        const control = host.querySelector("#" + id(key === "target" ? "obs-target" : "int-" + key));
        if (control) control.value = seat;
        if (key === "from") drafts.seatFor = "to";
        hint.textContent = names[key] + ": " + seat + ". " +
          interpolate(gettext("Tap a seat to fill: %(field)s"), {field: names[drafts.seatFor]});
      };
      return h("section", {class: "ls-seats", "aria-labelledby": id("seats-heading")},
        h("h3", {id: id("seats-heading"), text: gettext("Seating chart")}), hint,
        seatChart(grid, seatCounts(entries), pick, undefined, gettext("Seating chart"), "seat-pick"));
    }

    /* The lesson clock: started by the observer when the lesson starts, kept in this browser. */

    let ticker = null;
    const clockKey = () => "clock:" + state.group.id + ":" + state.cycle.number;

    /** The lesson minute by the clock; none when it is not running, or was left running for hours. */
    function clockMinute() {
      const minute = Math.floor((Date.now() - Number(remember(clockKey()))) / 60000);
      return minute >= 0 && minute <= MAX_MINUTES ? minute : null;
    }

    /** The step the lesson should be in at a minute, by the planned durations (as the server's
     * suggested_step: the last step once the lesson runs over, none without durations). */
    function suggestedStep(minute) {
      const spans = (state.lesson && state.lesson.schedule) || [];
      if (minute === null || !(minute >= 0) || !spans.length) return "";
      return (spans.find((span) => span.start <= minute && minute < span.end) || spans[spans.length - 1]).id;
    }

    function planSteps() {
      const steps = (state.lesson && state.lesson.comparison && state.lesson.comparison.steps) || [];
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
      const draft = drafts.observation;
      const minute = state.group ? clockMinute() : null;
      if (minute !== null && !draft.minuteEdited) draft.minute = String(minute);
      if (!draft.stepEdited) draft.step = suggestedStep(/^\d+$/.test(String(draft.minute).trim()) ? Number(draft.minute) : null);
    }

    /** Minute, step and video time of an entry made now. */
    function moment() {
      syncClock();
      const minute = String(drafts.observation.minute).trim();
      return {minute: /^\d+$/.test(minute) ? Number(minute) : null, step_id: drafts.observation.step || null,
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
      if (minute && minute !== document.activeElement && minute.value !== drafts.observation.minute) minute.value = drafts.observation.minute;
      const step = host.querySelector("#" + id("obs-step"));
      if (step && step.value !== drafts.observation.step) step.value = drafts.observation.step;
      const video = host.querySelector("#" + id("video-note"));
      const seconds = videoTime();
      if (video) video.textContent = seconds === null ? "" : interpolate(gettext("Video time %(time)s is saved with this entry."), {time: hms(seconds)});
    }

    function lessonClock() {
      const running = clockMinute() !== null;
      return h("div", {class: "ls-clock"},
        h("p", {class: "ls-clock-now", id: id("clock-now"), text: clockText()}),
        button(running ? gettext("Stop lesson clock") : gettext("Start lesson clock"), () => {
          remember(clockKey(), running ? null : String(Date.now()));
          Object.assign(drafts.observation, {minuteEdited: false, stepEdited: false});
          if (running) drafts.observation.minute = "";
          render();
          focusFirstOf(id("clock"));
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
          queue.add("add_observation", Object.assign({client_id: randomId(20), kind: "mode", mode}, moment()));
          announce(interpolate(gettext("Lesson mode recorded: %(mode)s."), {mode: label}));
        }, {id: id("mode", mode)}))));
    }

    function interactionForm(drawList) {
      const draft = drafts.interaction;
      const region = statusRegion("interaction");
      const set = (name) => (value) => { draft[name] = value; };
      const seatFor = (name) => () => { drafts.seatFor = name; };
      const from = input("int-from", draft.from, {maxlength: 120, autocomplete: "off", list: id("seats"), onfocus: seatFor("from")}, set("from"));
      const to = input("int-to", draft.to, {maxlength: 120, autocomplete: "off", list: id("seats"), onfocus: seatFor("to")}, set("to"));
      const kind = select("int-kind", [["", gettext("Choose an interaction")]].concat(Object.entries(INTERACTION_LABELS)),
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
        enqueue("add_observation", Object.assign({client_id: draft.clientId, kind: "interaction", from: draft.from.trim(),
                                                  to: draft.to.trim(), interaction: draft.interaction}, moment()), "interaction");
        drafts.interaction = newInteractionDraft();
        drafts.seatFor = "target";
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
      const draft = drafts.observation;
      syncClock();
      const region = statusRegion("observation");
      const set = (name) => (value) => { draft[name] = value; };
      const categories = state.focus_categories || [];
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
                                                        onfocus: () => { drafts.seatFor = "target"; }}, set("target"));
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
        enqueue("add_observation", Object.assign(now, {
          client_id: draft.clientId, kind: "note", focus: draft.focus, evidence: draft.evidence.trim(),
          target: draft.target.trim(), interpretation: draft.interpretation.trim(), link: draft.link.trim(),
        }), "observation");
        remember("target", draft.target.trim());
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
      const draft = drafts.observation;
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
      state.observations = state.observations || [];
      if (!state.observations.some((o) => o.id === entry.id)) state.observations.push(entry);
    }

    /** An entry of the list; with the queue's items, what the queue says of it. */
    function entryItem(entry, items) {
      const url = httpUrl(entry.link);
      const kind = entry.kind || "note";
      let head = [h("strong", {text: focusLabel(entry.focus) || gettext("Observation")}), entry.target ? " · " + entry.target : ""];
      if (kind === "mode") head = [h("strong", {text: gettext("Lesson mode:")}), " " + (MODE_LABELS[entry.mode] || entry.mode)];
      if (kind === "interaction") {
        head = [h("strong", {text: gettext("Interaction:")}), " " + entry.from + " → " + entry.to + " · " +
                (INTERACTION_LABELS[entry.interaction] || entry.interaction)];
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
        entry.video_time != null && state.cycle.video_url ? button(
          interpolate(gettext("Play from %(time)s"), {time: hms(entry.video_time)}), () => seekVideo(entry.video_time)) : null,
        h("p", {class: "ls-meta"}, personName(entry.author), ", ", timeNode(entry.at)),
        items ? queueBadge(entry.client_id, items, edit) : null);
    }

    /** A refused entry back into its form, with the server's message at the field at fault. */
    function editRefused(item) {
      const body = item.body;
      let fieldId = "obs-" + (item.field === "step_id" ? "step" : item.field);
      if (body.kind === "interaction") {
        Object.assign(drafts.interaction, {from: body.from, to: body.to, interaction: body.interaction, clientId: item.id});
        fieldId = {from: "int-from", to: "int-to", interaction: "int-kind"}[item.field] || "int-from";
      } else {
        Object.assign(drafts.observation, {
          focus: body.focus, target: body.target, minute: body.minute == null ? "" : String(body.minute), step: body.step_id || "",
          evidence: body.evidence, interpretation: body.interpretation, link: body.link, clientId: item.id,
          minuteEdited: true, stepEdited: true,
        });
      }
      render();
      const control = host.querySelector("#" + id(fieldId)) || host.querySelector("#" + id("obs-evidence"));
      if (control) {
        setFieldError(control, item.error);
        control.focus();
      }
    }

    /* The lesson video ------------------------------------------------------------------- */

    let player = null;  // {url, node, time(), started(), seek(seconds)}: one per video, moved between tabs

    /** "12:34" or "1:02:03". */
    function hms(seconds) {
      const s = Math.floor(seconds);
      const mmss = String(Math.floor(s / 60) % 60).padStart(s >= 3600 ? 2 : 1, "0") + ":" + String(s % 60).padStart(2, "0");
      return s >= 3600 ? Math.floor(s / 3600) + ":" + mmss : mmss;
    }

    function videoPlayer() {
      const url = state.cycle && state.cycle.video_url;
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
          seek: (seconds) => {
            const go = () => {
              video.currentTime = seconds;
              const playing = video.play();
              if (playing && playing.catch) playing.catch(() => undefined);
            };
            if (video.readyState >= 1) go();
            else video.addEventListener("loadedmetadata", go, {once: true});
          }};
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

    // The See tab's timeline (lesson_charts.js) asks the page's player to play from a mark.
    root.addEventListener("lessonstudy:seek", (event) => {
      const seconds = Number(event.detail && event.detail.seconds);
      if (seconds >= 0 && seekVideo(seconds)) event.preventDefault();
    }, true);

    function videoForm() {
      const region = statusRegion("video");
      const url = input("video-url", state.cycle.video_url || "", {type: "url", inputmode: "url", maxlength: 1000,
                                                                   autocomplete: "off"}, () => undefined);
      const form = h("form", {class: "ls-panel ls-video-form", novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        const result = await submit(form, region, {url}, "set_lesson_video", withGroup({url: url.value.trim()}));
        if (result && result.ok) {
          state.cycle.video_url = result.data.cycle.video_url;
          render();
          focusFirstOf(id("video-url"));
          announce(state.cycle.video_url ? gettext("The lesson video is saved.") : gettext("The lesson video is removed."));
        }
      }},
        field(gettext("Lesson video"), url, {hint: gettext("For a recorded or online open class: a YouTube address or the https address of a video file. Leave it empty to remove the video.")}),
        h("div", {class: "ls-actions"}, h("button", {type: "submit", class: "ls-button", text: gettext("Save video")})),
        region);
      return form;
    }

    /* See -------------------------------------------------------------------------------- */

    function seePanel() {
      const postsHost = h("div", {class: "ls-posts"});
      const queueBox = h("div", {class: "ls-queue"});
      const drawPosts = () => {
        redrawIn(postsHost, ...postGroups());
        redrawIn(queueBox, ...queueLine("post_reflection", gettext("Posts waiting to send: %(count)s.")));
      };
      const formHost = h("div", {});
      const drawForm = (focusId) => {
        formHost.replaceChildren(postForm(drawPosts, drawForm));
        if (focusId) formHost.querySelector("#" + CSS.escape(focusId)).focus();
      };
      drawPosts();
      onQueueChange = drawPosts;
      postsHost.addEventListener("ls-reply", () => drawForm(id("post-text")));
      redrawPostForm = (perm().post || []).length ? () => drawForm(id("post-text")) : null;
      if (redrawPostForm) drawForm();
      return h("div", {class: "ls-see"},
        state.cycle.phase !== "see" ? note(gettext("Reflection posts are written in the See phase."), "info") : null,
        postsHost, formHost, queueBox, lessonCharts(), lessonsSection(), discussionObservations(), historySection());
    }

    let redrawPostForm = null;

    /** A refused post back into the form, with the server's message. */
    function editPost(item) {
      const body = item.body;
      Object.assign(drafts.post, {kind: body.kind, text: body.text, cites: body.cites || [], parentId: body.parent_id || null,
                                  clientId: item.id});
      if (!redrawPostForm) return;
      redrawPostForm();
      const text = host.querySelector("#" + id("post-text"));
      setFieldError(text, item.error);
    }

    /** Anticipated and observed: the comparison, timeline and interaction map (lesson_charts.js), in See. */
    function lessonCharts() {
      if (!window.LessonStudyCharts || !state.lesson || state.cycle.phase !== "see") return null;
      return window.LessonStudyCharts.section(h("section", {class: "ls-panel"}), state,
                                              {gettext, interpolate, language: init.language, element: block, id});
    }

    function postGroups() {
      const stored = (state.reflection && state.reflection.posts) || [];
      const items = queued("post_reflection");
      const have = new Set(stored.map((p) => p.client_id));
      const posts = stored.concat(items.filter((item) => !have.has(item.id) && (item.body.group_id || null) === viewGroupId)
        .map((item) => Object.assign({}, item.body, {id: item.id, client_id: item.id, at: item.at, waiting: true,
                                                     author: {id: state.user.id, name: state.user.name}})));
      const canReply = (perm().post || []).includes("reply");
      return POST_KINDS.map((kind) => {
        const ofKind = posts.filter((p) => p.kind === kind);
        let empty = null;
        if (!ofKind.length) {
          empty = note(kind === "impression" ? gettext("Awaiting the model teacher's impressions.") : gettext("No posts yet."));
        }
        return h("section", {class: "ls-post-group"},
          h("h3", {text: KIND_HEADINGS[kind]}),
          state.prompts && state.prompts[kind] ? h("p", {class: "ls-prompt", text: state.prompts[kind]}) : null,
          empty, ofKind.length ? h("ul", {class: "ls-post-list"}, ofKind.map((p) => postItem(p, posts, canReply && !p.waiting, items))) : null);
      });
    }

    function postItem(post, posts, canReply, items) {
      const parent = post.parent_id ? posts.find((p) => p.id === post.parent_id) : null;
      const cited = (post.cites || []).map((cid) => (state.observations || []).find((o) => o.id === cid) || {id: cid});
      return h("li", {class: "ls-post", id: id("post", post.id)},
        h("p", {class: "ls-meta"}, h("strong", {text: personName(post.author)}), ", ", timeNode(post.at)),
        post.opinion ? h("p", {class: "ls-opinion", text: gettext("Opinion: no evidence cited")}) : null,
        parent ? h("p", {class: "ls-reply-to"}, h("a", {href: "#" + id("post", parent.id),
          text: interpolate(gettext("In reply to %(name)s"), {name: personName(parent.author)})})) : null,
        h("div", {class: "ls-text", text: post.text}),
        cited.length ? h("div", {class: "ls-cites"},
          h("p", {class: "ls-label", text: gettext("Evidence cited:")}),
          h("ul", {}, cited.map((entry) => h("li", {text: entrySummary(entry)})))) : null,
        commentList(post.comments),
        items ? queueBadge(post.client_id, items, editPost) : null,
        canReply ? button(gettext("Reply"), (event) => {
          Object.assign(drafts.post, {kind: "reply", parentId: post.id});
          event.target.dispatchEvent(new CustomEvent("ls-reply", {bubbles: true}));
        }, {"aria-label": interpolate(gettext("Reply to %(name)s"), {name: personName(post.author)})}) : null);
    }

    function entrySummary(entry) {
      if (entry.kind === "interaction") {
        return [entry.from + " → " + entry.to, INTERACTION_LABELS[entry.interaction] || entry.interaction,
                entry.minute != null ? interpolate(gettext("minute %(minute)s"), {minute: entry.minute}) : ""].filter(Boolean).join(" · ");
      }
      if (!entry.evidence) return interpolate(gettext("Observation entry %(id)s"), {id: entry.id});
      const where = [focusLabel(entry.focus), entry.target,
                     entry.minute != null ? interpolate(gettext("minute %(minute)s"), {minute: entry.minute}) : ""];
      return where.filter(Boolean).join(" · ") + ": " + entry.evidence;
    }

    function postForm(drawPosts, drawForm) {
      const allowed = perm().post || [];
      const draft = drafts.post;
      if (!allowed.includes(draft.kind)) Object.assign(draft, {kind: allowed[0], parentId: null});
      if (draft.kind !== "reply") draft.parentId = null;
      const posts = (state.reflection && state.reflection.posts) || [];
      const parent = draft.parentId ? posts.find((p) => p.id === draft.parentId) : null;
      const region = statusRegion("post");
      const kind = select("post-kind", allowed.map((k) => [k, KIND_OPTIONS[k]]), draft.kind, (value) => {
        draft.kind = value;
        drawForm(id("post-kind"));
      });
      const text = textarea("post-text", draft.text, {rows: 5, maxlength: 8000}, (value) => { draft.text = value; });
      const form = h("form", {class: "ls-panel ls-post-form", novalidate: true, onsubmit: (event) => {
        event.preventDefault();
        clearFieldErrors(form);
        if (!draft.text.trim()) {
          setFieldError(text, gettext("Write your post first."));
          setStatus(region, gettext("Write your post first."), true);
          text.focus();
          return;
        }
        const body = withGroup({client_id: draft.clientId, kind: draft.kind, text: draft.text.trim(),
                                cites: draft.kind === "finding" ? draft.cites : [], parent_id: draft.parentId});
        drafts.post = Object.assign(newPostDraft(), {kind: draft.kind === "reply" ? allowed[0] : draft.kind});
        drawForm(id("post-text"));  // the old form, and the focus in it, is gone: keep writing here
        enqueue("post_reflection", body, "post");  // reported in the new form's status region
        drawPosts();
      }},
        h("h3", {text: gettext("Write a post")}),
        field(gettext("Kind of post"), kind),
        parent ? h("div", {class: "ls-replying"},
          h("p", {id: id("replying")}, interpolate(gettext("Replying to %(name)s:"), {name: personName(parent.author)}), " ",
            h("q", {text: parent.text.length > 140 ? parent.text.slice(0, 140) + "…" : parent.text})),
          button(gettext("Cancel"), () => {
            Object.assign(draft, {parentId: null, kind: allowed.find((k) => k !== "reply") || "reply"});
            drawForm(id("post-kind"));
          }, {"aria-describedby": id("replying")})) : null,
        field((state.prompts && state.prompts[draft.kind]) || KIND_OPTIONS[draft.kind], text),
        draft.kind === "finding" ? citeChecklist(draft) : null,
        h("div", {class: "ls-actions"}, h("button", {type: "submit", class: "ls-button ls-primary", text: gettext("Post reflection")})),
        region);
      return form;
    }

    function citeChecklist(draft) {
      const own = (state.observations || []).filter((o) => o.author && o.author.id === state.user.id && o.kind !== "mode");
      return h("fieldset", {class: "ls-cites-field"},
        h("legend", {text: gettext("Your observation entries to cite as evidence")}),
        own.length ? own.map((entry) => h("div", {class: "ls-check"},
          h("input", {type: "checkbox", id: id("cite", entry.id), checked: draft.cites.includes(entry.id), onchange: (e) => {
            draft.cites = e.target.checked ? draft.cites.concat(entry.id) : draft.cites.filter((x) => x !== entry.id);
          }}),
          h("label", {for: id("cite", entry.id), text: entrySummary(entry)})))
          : h("p", {text: gettext("You have no observation entries in this cycle. A finding without cited evidence is marked as opinion.")}));
    }

    function addPost(newPost) {
      const posts = state.reflection.posts;
      if (!posts.some((p) => p.id === newPost.id)) posts.push(newPost);
      posts.sort((a, b) => POST_KINDS.indexOf(a.kind) - POST_KINDS.indexOf(b.kind) || a.at - b.at || (a.id < b.id ? -1 : 1));
    }

    /* Lessons learned ------------------------------------------------------------------ */

    function lessonsDraft() {
      const saved = state.reflection.lessons_learned;
      if (!drafts.lessons) {
        drafts.lessons = {items: (saved.items || []).join("\n"), revisions: saved.revisions || "",
                          base: saved.revision, dirty: false, conflict: null};
      }
      return drafts.lessons;
    }

    function lessonsView(lessons) {
      if (!lessons || (!lessons.items.length && !lessons.revisions)) return h("p", {}, h("em", {text: gettext("None yet.")}));
      return h("div", {class: "ls-lessons-view"},
        lessons.items.length ? h("ul", {}, lessons.items.map((item) => h("li", {class: "ls-text", text: item}))) : null,
        lessons.revisions ? h("p", {class: "ls-text"},
          h("span", {class: "ls-label", text: gettext("Agreed revisions:") + " "}), lessons.revisions) : null);
    }

    function lessonsSection() {
      const saved = state.reflection.lessons_learned;
      const wrapper = h("section", {class: "ls-panel ls-lessons"}, h("h3", {text: gettext("Lessons learned")}));
      if (!perm().save_lessons) {
        wrapper.append(lessonsView(saved), h("p", {class: "ls-meta", text: savedBy(saved.author, saved.saved_at)}));
        return wrapper;
      }
      const draft = lessonsDraft();
      const region = statusRegion("lessons");
      const meta = h("p", {class: "ls-meta", text: savedBy(saved.author, saved.saved_at)});
      const conflicts = h("div", {class: "ls-conflicts"});
      const newer = h("div", {class: "ls-newer"});
      const items = textarea("lessons-items", draft.items, {rows: 6}, (value) => { draft.items = value; draft.dirty = true; });
      const revisions = textarea("lessons-revisions", draft.revisions, {rows: 4, maxlength: 8000},
                                 (value) => { draft.revisions = value; draft.dirty = true; });
      const fill = (lessons) => {
        draft.items = items.value = (lessons.items || []).join("\n");
        draft.revisions = revisions.value = lessons.revisions || "";
      };
      const drawNewer = () => newer.replaceChildren(...(draft.conflict ? [
        h("h4", {text: interpolate(gettext("Newer text by %(name)s, %(time)s"),
                                   {name: personName(draft.conflict.author), time: when(draft.conflict.saved_at)})}),
        lessonsView(draft.conflict),
        h("div", {class: "ls-actions"},
          button(gettext("Use the newer text"), () => {
            fill(draft.conflict);
            Object.assign(draft, {base: draft.conflict.revision, conflict: null, dirty: false});
            drawNewer();
            setStatus(region, gettext("The newer text is in the editor."));
            items.focus();
          }),
          button(gettext("Keep editing my text"), () => {
            Object.assign(draft, {base: draft.conflict.revision, conflict: null});
            drawNewer();
            setStatus(region, gettext("Your text is kept. Saving it now replaces the newer text."));
            items.focus();
          }))] : []));
      const drawConflicts = (lessons) => conflicts.replaceChildren(...((lessons.conflicts || []).length ? [
        note(gettext("Two people changed the same earlier text at the same moment. Both versions are kept: compare them and save the text the group agrees on."), "warning"),
        lessons.conflicts.map((version) => h("div", {class: "ls-version"},
          h("h4", {text: interpolate(gettext("Other version by %(name)s, %(time)s"),
                                     {name: personName(version.author), time: when(version.saved_at)})}),
          lessonsView(version),
          button(interpolate(gettext("Use the version by %(name)s"), {name: personName(version.author)}), () => {
            fill(version);
            draft.dirty = true;
          })))].flat() : []));
      const form = h("form", {class: "ls-lessons-form", novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        const sent = {items: draft.items.split("\n").map((x) => x.trim()).filter(Boolean), revisions: draft.revisions.trim()};
        const snapshot = draft.items + "\u0000" + draft.revisions;
        const result = await submit(form, region, {items, revisions}, "save_lessons_learned",
                                    withGroup(Object.assign({base_revision: draft.base}, sent)));
        if (!result) return;
        if (result.ok) {
          const lessons = result.data.lessons_learned;
          state.reflection.lessons_learned = lessons;
          Object.assign(draft, {base: lessons.revision, conflict: null,
                                dirty: draft.items + "\u0000" + draft.revisions !== snapshot});
          meta.textContent = savedBy(lessons.author, lessons.saved_at);
          drawConflicts(lessons);
          drawNewer();
        } else if (result.status === 409 && result.data.current) {
          draft.conflict = result.data.current;
          state.reflection.lessons_learned = result.data.current;
          meta.textContent = savedBy(draft.conflict.author, draft.conflict.saved_at);
          drawConflicts(draft.conflict);
          drawNewer();
          setStatus(region, result.data.error, true);
        }
      }},
        h("div", {class: "ls-compare"},
          h("div", {},
            field(gettext("Lessons learned"), items, {hint: gettext("One lesson per line.")}),
            field(gettext("Agreed revisions"), revisions, {hint: gettext("What the group will change in the plan for the next cycle.")})),
          newer),
        h("div", {class: "ls-actions"}, h("button", {type: "submit", class: "ls-button ls-primary", text: gettext("Save lessons learned")})),
        region);
      drawConflicts(saved);
      drawNewer();
      wrapper.append(meta, conflicts, form);
      return wrapper;
    }

    /** The group's entries to prepare the discussion: filters, sorting, and how many name each seat. */
    function discussionObservations() {
      const entries = (state.observations || []).filter((entry) => entry.kind !== "mode");
      if (!entries.length) return null;
      const f = drafts.filters;
      const grid = seating();
      const list = h("ul", {class: "ls-entries"});
      const shownCount = h("p", {class: "ls-meta", role: "status"});
      const mapHost = h("div", {});
      const order = (state.focus_categories || []).map((c) => c.id);
      const byMinute = (a, b) => (a.minute ?? Infinity) - (b.minute ?? Infinity) || a.at - b.at;
      const seatOf = (e) => e.target || e.from || "\uffff";
      const sorters = {
        time: byMinute,
        target: (a, b) => seatOf(a).localeCompare(seatOf(b), init.language, {numeric: true}) || byMinute(a, b),
        focus: (a, b) => order.indexOf(a.focus) - order.indexOf(b.focus) || byMinute(a, b),
        author: (a, b) => personName(a.author).localeCompare(personName(b.author), init.language) || byMinute(a, b),
      };
      const within = (minute, bound, inside) => !String(bound ?? "").trim() || (minute != null && inside(minute, Number(bound)));
      const matches = (e, bySeat) => (!bySeat || !f.seat || [e.target, e.from, e.to].map(norm).includes(f.seat)) &&
        (!f.focus || e.focus === f.focus) && (!f.author || (e.author && e.author.id === f.author)) &&
        within(e.minute, f.from, (m, b) => m >= b) && within(e.minute, f.to, (m, b) => m <= b);
      const seats = new Map();
      for (const label of (grid ? grid.labels.flat() : []).concat(entries.flatMap((e) => [e.target, e.from, e.to]))) {
        if (label && label.trim() && !seats.has(norm(label))) seats.set(norm(label), label.trim());
      }
      const people = new Map(entries.filter((e) => e.author).map((e) => [e.author.id, personName(e.author)]));
      const all = [["", gettext("All")]];
      const choose = (name) => (value) => { f[name] = value; draw(); };
      const seatSelect = select("filter-seat", all.concat([...seats].sort((a, b) =>
        a[1].localeCompare(b[1], init.language, {numeric: true}))), f.seat || "", choose("seat"));
      const minuteInput = (name) => input("filter-" + name, f[name] || "", {type: "number", min: 0, max: MAX_MINUTES,
                                                                            inputmode: "numeric", class: "ls-minutes"}, choose(name));
      const draw = () => {
        const shown = entries.filter((e) => matches(e, true)).sort(sorters[drafts.sortBy] || sorters.time);
        list.replaceChildren(...shown.map((entry) => entryItem(entry)));
        shownCount.textContent = interpolate(gettext("Showing %(shown)s of %(total)s entries."), {shown: shown.length, total: entries.length});
        if (grid) {
          redrawIn(mapHost, seatChart(grid, seatCounts(entries.filter((e) => matches(e, false))), (seat) => {
            f.seat = f.seat === norm(seat) ? "" : norm(seat);
            seatSelect.value = f.seat;
            draw();
          }, f.seat || "", gettext("Entries per seat"), "heat"));
        }
      };
      draw();
      return h("section", {class: "ls-panel ls-discussion"},
        h("h3", {text: gettext("Observations of the group")}),
        h("p", {class: "ls-hint", text: gettext("Filter and sort the entries to prepare the discussion.")}),
        h("div", {class: "ls-filters"},
          field(gettext("Student or seat"), seatSelect),
          field(gettext("Focus"), select("filter-focus", all.concat(order.map((c) => [c, focusLabel(c)])), f.focus || "", choose("focus"))),
          field(gettext("Observer"), select("filter-author", all.concat([...people]), f.author || "", choose("author"))),
          field(gettext("From minute"), minuteInput("from")),
          field(gettext("To minute"), minuteInput("to")),
          field(gettext("Sort observations by"), select("sort", [
            ["time", gettext("Lesson minute and time")], ["target", gettext("Student or group observed")],
            ["focus", gettext("Focus category")], ["author", gettext("Observer")]],
          drafts.sortBy, (value) => { drafts.sortBy = value; draw(); }))),
        grid ? h("section", {class: "ls-heat", "aria-labelledby": id("heat-heading")},
          h("h4", {id: id("heat-heading"), text: gettext("Entries per seat")}),
          h("p", {class: "ls-hint", text: gettext("The darker the seat, the more of the entries shown name it. Choose a seat to show only its entries.")}),
          mapHost) : null,
        videoPlayer(), shownCount, list);
    }

    function historySection() {
      const history = state.history || [];
      if (!history.length) return null;
      return h("section", {class: "ls-panel ls-history"},
        h("h3", {text: gettext("Lessons learned in earlier cycles")}),
        history.slice().reverse().map((entry) => h("div", {},
          h("h4", {text: interpolate(gettext("Cycle %(number)s"), {number: entry.cycle})}),
          lessonsView(entry.lessons_learned))));
    }

    load();
  }

  window.LessonStudyCycle = LessonStudyCycle;
}());
