/* The cycle workspace of a lesson study group: a header, then the tabs Plan, Do and See.
 *
 * Plain JavaScript, no framework, no build step. Rules this file keeps:
 * - Server data reaches the page only through textContent and createElement (the h() helper),
 *   never as HTML; links are made only for http(s) addresses.
 * - Every request goes through send(): one at a time per block, across browser tabs too
 *   (Web Locks), retried with the same body after a 429. An offline queue belongs there.
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
    const gettext = (s) => (init.catalog && init.catalog[s]) || s;
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

    let state = null;          // the last get_state answer
    let viewGroupId = null;    // staff: the group opened from the Groups panel
    let activeTab = null;
    let draftsKey = null;      // group and cycle the drafts belong to
    const drafts = {
      plan: {}, lessons: null, theme: null, observation: newObservationDraft(), post: newPostDraft(),
      sortBy: "time",
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

    /* Requests ------------------------------------------------------------------------- */

    let chain = Promise.resolve();

    /** POST a handler; answers {ok, status, data}. The one way this block talks to the server. */
    function send(handler, body) {
      const task = () => withLock(() => post(handler, body));
      const result = chain.then(task, task);
      chain = result.catch(() => undefined);
      return result;
    }

    function withLock(task) {
      if (navigator.locks && navigator.locks.request) return navigator.locks.request(lockName, task);
      return task();
    }

    async function post(handler, body) {
      const url = runtime.handlerUrl(element, handler);
      const payload = JSON.stringify(body);
      for (let attempt = 0; ; attempt += 1) {
        let response;
        try {
          response = await fetch(url, {
            method: "POST", credentials: "same-origin", body: payload,
            headers: {"Content-Type": "application/json", "Accept": "application/json",
                      "X-CSRFToken": cookie("csrftoken")},
          });
        } catch (error) {
          return failure(0, gettext("The connection failed. What you wrote is kept here: try again when you are online."));
        }
        if (response.status === 429 && attempt < MAX_RETRIES) {
          const seconds = parseInt(response.headers.get("Retry-After"), 10);
          await sleep(1000 * Math.min(MAX_RETRY_WAIT, seconds > 0 ? seconds : 1));
          continue;
        }
        let data = null;
        try {
          data = await response.json();
        } catch (error) {
          data = null;
        }
        if (response.status >= 500 || !data || typeof data !== "object") {
          return failure(response.status, gettext("The server could not answer. What you wrote is kept here: try again in a moment."));
        }
        return {ok: response.ok, status: response.status, data};
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
      const result = await send("get_state", viewGroupId ? {group_id: viewGroupId} : {});
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
      if (tab) activeTab = tab;
      if (!activeTab && state.cycle) activeTab = state.cycle.phase;
      render();
      return true;
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
        h("div", {class: "ls-actions"}, button(gettext("Print plan"), () => window.print())),
        state.plan.sections.map(planSection));
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
      return wrapper;
    }

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
      const entries = (state.observations || []).slice().sort((a, b) => b.at - a.at);
      const list = h("ul", {class: "ls-entries", id: id("entries")});
      const drawList = () => list.replaceChildren(...(state.observations || []).slice()
        .sort((a, b) => b.at - a.at).map(entryItem));
      drawList();
      return h("div", {class: "ls-do"},
        p.add_observation ? observationForm(drawList) : note(whyNoObservations(), "info"),
        h("h3", {text: gettext("Observation entries")}),
        state.observations_hidden ? note(interpolate(
          gettext("%(count)s entries of other observers are shown after the open class."),
          {count: state.observations_hidden}), "info") : null,
        entries.length ? null : h("p", {text: gettext("No observation entries yet.")}),
        list);
    }

    function whyNoObservations() {
      if (!state.is_member) return gettext("Only members of the group add observations.");
      if (state.my_role === "model_teacher") {
        return gettext("The model teacher teaches the open class; observers record observations.");
      }
      return gettext("Observations are added during the open class (Do) and after it (See).");
    }

    function seatLabels() {
      const grid = state.plan.sections.find((s) => s.type === "grid");
      return grid && grid.content && grid.content.labels ? grid.content.labels.flat().filter(Boolean) : [];
    }

    function observationForm(drawList) {
      const draft = drafts.observation;
      const region = statusRegion("observation");
      const set = (name) => (value) => { draft[name] = value; };
      const focus = select("obs-focus", [["", gettext("Choose a focus")]].concat(
        state.focus_categories.map((c) => [c.id, c.label])), draft.focus, set("focus"));
      const target = input("obs-target", draft.target, {maxlength: 120, list: id("seats"), autocomplete: "off"}, set("target"));
      const minute = input("obs-minute", draft.minute, {type: "number", min: 0, max: MAX_MINUTES, step: 1,
                                                        inputmode: "numeric", class: "ls-minutes"}, set("minute"));
      const evidence = textarea("obs-evidence", draft.evidence, {maxlength: 4000}, set("evidence"));
      const interpretation = textarea("obs-interpretation", draft.interpretation, {rows: 3, maxlength: 4000}, set("interpretation"));
      const link = input("obs-link", draft.link, {type: "url", maxlength: 1000, inputmode: "url", autocomplete: "off"}, set("link"));
      const fields = {focus, target, minute, evidence, interpretation, link};
      const form = h("form", {class: "ls-panel ls-observe", novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        if (!checkObservation(form, fields, region)) return;
        const minuteValue = draft.minute === "" ? null : Number(draft.minute);
        const result = await submit(form, region, fields, "add_observation", {
          client_id: draft.clientId, kind: "note", focus: draft.focus, evidence: draft.evidence.trim(),
          target: draft.target.trim(), minute: minuteValue, interpretation: draft.interpretation.trim(),
          link: draft.link.trim(),
        });
        if (result && result.ok) {
          addObservation(result.data.observation);
          Object.assign(draft, {evidence: "", interpretation: "", link: "", clientId: randomId(20)});
          evidence.value = interpretation.value = link.value = "";
          drawList();
          evidence.focus();
        }
      }},
        h("h3", {text: gettext("New observation entry")}),
        h("p", {class: "ls-hint", text: gettext("Watch the students, not the teacher: what they do, say and write.")}),
        field(gettext("Focus"), focus, {required: true}),
        h("div", {class: "ls-row"},
          field(gettext("Student or group"), target, {hint: gettext("A seat code or group, not a child's name.")}),
          field(gettext("Lesson minute"), minute)),
        h("datalist", {id: id("seats")}, seatLabels().map((label) => h("option", {value: label}))),
        field(gettext("Evidence"), evidence, {required: true, hint: gettext("What you saw or heard, as exactly as you can.")}),
        field(gettext("Interpretation"), interpretation),
        field(gettext("Link"), link, {hint: gettext("A photo of student work, for example. Do not show children's faces without consent.")}),
        h("div", {class: "ls-actions"}, h("button", {type: "submit", class: "ls-button ls-primary", text: gettext("Add observation")})),
        region);
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

    function entryItem(entry) {
      const url = httpUrl(entry.link);
      return h("li", {class: "ls-entry", id: id("entry", entry.id)},
        h("p", {class: "ls-entry-head"},
          h("strong", {text: focusLabel(entry.focus) || gettext("Observation")}),
          entry.target ? " · " + entry.target : "",
          entry.minute != null ? " · " + interpolate(gettext("minute %(minute)s"), {minute: entry.minute}) : ""),
        h("p", {class: "ls-text"}, h("span", {class: "ls-label", text: gettext("Evidence:") + " "}), entry.evidence || ""),
        entry.interpretation ? h("p", {class: "ls-text"},
          h("span", {class: "ls-label", text: gettext("Interpretation:") + " "}), entry.interpretation) : null,
        entry.link ? h("p", {class: "ls-link"}, h("span", {class: "ls-label", text: gettext("Link:") + " "}),
          url ? h("a", {href: url, rel: "noopener noreferrer", target: "_blank"}, entry.link,
            h("span", {class: "ls-visually-hidden", text: " " + gettext("(opens in a new tab)")})) : entry.link) : null,
        h("p", {class: "ls-meta"}, personName(entry.author), ", ", timeNode(entry.at)));
    }

    /* See -------------------------------------------------------------------------------- */

    function seePanel() {
      const postsHost = h("div", {class: "ls-posts"});
      const drawPosts = () => postsHost.replaceChildren(...postGroups());
      const formHost = h("div", {});
      const drawForm = (focusId) => {
        formHost.replaceChildren(postForm(drawPosts, drawForm));
        if (focusId) formHost.querySelector("#" + CSS.escape(focusId)).focus();
      };
      drawPosts();
      postsHost.addEventListener("ls-reply", () => drawForm(id("post-text")));
      if ((perm().post || []).length) drawForm();
      return h("div", {class: "ls-see"},
        state.cycle.phase !== "see" ? note(gettext("Reflection posts are written in the See phase."), "info") : null,
        postsHost, formHost, lessonsSection(), discussionObservations(), historySection());
    }

    function postGroups() {
      const posts = (state.reflection && state.reflection.posts) || [];
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
          empty, ofKind.length ? h("ul", {class: "ls-post-list"}, ofKind.map((p) => postItem(p, posts, canReply))) : null);
      });
    }

    function postItem(post, posts, canReply) {
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
        canReply ? button(gettext("Reply"), (event) => {
          Object.assign(drafts.post, {kind: "reply", parentId: post.id});
          event.target.dispatchEvent(new CustomEvent("ls-reply", {bubbles: true}));
        }, {"aria-label": interpolate(gettext("Reply to %(name)s"), {name: personName(post.author)})}) : null);
    }

    function entrySummary(entry) {
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
      const fields = {kind, text};
      const form = h("form", {class: "ls-panel ls-post-form", novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        if (!draft.text.trim()) {
          clearFieldErrors(form);
          setFieldError(text, gettext("Write your post first."));
          setStatus(region, gettext("Write your post first."), true);
          text.focus();
          return;
        }
        const result = await submit(form, region, fields, "post_reflection", withGroup({
          client_id: draft.clientId, kind: draft.kind, text: draft.text.trim(),
          cites: draft.kind === "finding" ? draft.cites : [], parent_id: draft.parentId,
        }));
        if (result && result.ok) {
          addPost(result.data.post);
          drafts.post = Object.assign(newPostDraft(), {kind: draft.kind === "reply" ? allowed[0] : draft.kind});
          drawPosts();
          drawForm(id("post-text"));  // the old form, and the focus in it, is gone: keep writing here
          const fresh = formRegion();
          if (fresh) setStatus(fresh, gettext("Saved"));
        }
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

    function formRegion() {
      return host.querySelector("#" + id("status", "post"));
    }

    function citeChecklist(draft) {
      const own = (state.observations || []).filter((o) => o.author && o.author.id === state.user.id);
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

    function discussionObservations() {
      const entries = state.observations || [];
      if (!entries.length) return null;
      const list = h("ul", {class: "ls-entries"});
      const order = (state.focus_categories || []).map((c) => c.id);
      const sorters = {
        time: (a, b) => (a.minute ?? Infinity) - (b.minute ?? Infinity) || a.at - b.at,
        target: (a, b) => (a.target || "\uffff").localeCompare(b.target || "\uffff", init.language, {numeric: true}) || a.at - b.at,
        focus: (a, b) => order.indexOf(a.focus) - order.indexOf(b.focus) || a.at - b.at,
      };
      const draw = () => list.replaceChildren(...entries.slice().sort(sorters[drafts.sortBy] || sorters.time).map(entryItem));
      draw();
      return h("section", {class: "ls-panel ls-discussion"},
        h("h3", {text: gettext("Observations of the group")}),
        h("p", {class: "ls-hint", text: gettext("Sort the entries to prepare the discussion.")}),
        field(gettext("Sort observations by"), select("sort", [
          ["time", gettext("Lesson minute and time")], ["target", gettext("Student or group observed")],
          ["focus", gettext("Focus category")]], drafts.sortBy, (value) => { drafts.sortBy = value; draw(); })),
        list);
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
