/* The cycle workspace of a lesson study group: a header, then the tabs Plan, Do and See (and the
 * Facilitator tab for staff). LessonStudyCycle is the block's init function.
 *
 * Built on the core (core/dom.js, i18n.js, http.js, queue.js, video.js) and the view's parts:
 * context.js (`ui`: nodes, translations, requests, messages, form controls), store.js (what the
 * view knows), sync.js (the offline queue), plan.js, do.js, see.js, and facilitator.js for staff.
 * Here: loading and drawing, joining a group, the group header, the tabs.
 */
(function (LS) {
  "use strict";

  LS.cycle = LS.cycle || {};

  function LessonStudyCycle(runtime, element, init) {
    const ui = LS.cycle.context(runtime, element, init || {}, LS.cycle.store());
    const {store} = ui;
    const {h} = LS.dom;
    const {
      PHASE_LABELS, PHASES, announce, announceError, block, button, field, gettext, globalStatus, host, id,
      input, interpolate, note, perm, refuseEmpty, roleLabel, select, send, setStatus, statusRegion,
      submit, textarea, withGroup
    } = ui;
    for (const install of [LS.cycle.sync, LS.cycle.plan, LS.cycle.do, LS.cycle.see]) install(ui);

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
      const result = await ui.readState();
      block.removeAttribute("data-loading");
      if (!result.ok) {
        announceError(result.data.error || gettext("The workspace could not be loaded."));
        if (!store.state) host.replaceChildren(button(gettext("Try again"), () => load(tab), {class: "ls-button ls-primary"}));
        return false;
      }
      store.state = result.data;
      ui.useLabels(store.state.labels);
      globalStatus.textContent = "";
      globalStatus.classList.remove("ls-status-error");
      store.syncDrafts();
      ui.openQueue();
      ui.confirmQueue(result.started);
      if (tab) store.activeTab = tab;
      if (!store.activeTab && store.state.cycle) store.activeTab = store.state.cycle.phase;
      render();
      landAtTheObservePanel();
      return true;
    }

    /** On a phone while the open class runs, someone who observes: the group header folds to one
     * line and the page opens at the observe panel (once; they scroll where they like after). */
    function observingOnPhone() {
      return Boolean(store.state && store.state.group && store.state.cycle && store.state.cycle.phase === "do" &&
        perm().add_observation && window.matchMedia && window.matchMedia("(max-width: 40rem)").matches);
    }

    function landAtTheObservePanel() {
      if (store.landed || !observingOnPhone() || store.activeTab !== "do") return;
      const panel = host.querySelector("#" + id("observe"));
      if (!panel) return;
      store.landed = true;
      panel.scrollIntoView({block: "start"});
    }


    function render() {
      const focused = document.activeElement && host.contains(document.activeElement) ? document.activeElement.id : "";
      const parts = [];
      if (hasFacilitator() && store.viewGroupId) parts.push(h("div", {class: "ls-actions"}, button(gettext("Close this workspace"), () => openGroup(null))));
      if (store.state.group) parts.push(groupHeader(), tabs());
      else if (hasFacilitator()) parts.push(tabs());
      else if (store.state.user.is_staff) parts.push(note(gettext("Open a group's workspace from the list to read and work in it.")));
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
        if (refuseEmpty(form, code, code.value, gettext("Type the join code your facilitator gave you."))) return;
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
    async function openGroup(groupId) {
      store.viewGroupId = groupId;
      store.activeTab = null;
      if (await load()) {
        focusFirstOf(id("group-heading"), id("open", groupId || ""));
        announce(store.state.group ? interpolate(gettext("Workspace of %(name)s opened."), {name: store.state.group.name})
          : gettext("Workspace closed."));
      }
    }

    /* Group header ---------------------------------------------------------------------- */

    function groupHeader() {
      const group = store.state.group;
      const name = h("h3", {class: "ls-group-name", id: id("group-heading"), tabindex: "-1", text: group.name});
      if (observingOnPhone()) {
        return h("section", {class: "ls-panel ls-header ls-compact"},
          h("details", {class: "ls-header-line", open: Boolean(store.drafts.headerOpen),
                        ontoggle: (e) => { store.drafts.headerOpen = e.target.open; }},
            h("summary", {}, name, h("span", {class: "ls-meta", text: [
              interpolate(gettext("Cycle %(number)s"), {number: store.state.cycle.number}),
              PHASE_LABELS[store.state.cycle.phase], roleLabel(store.state.my_role)].filter(Boolean).join(" · ")})),
            headerBody()));
      }
      return h("section", {class: "ls-panel ls-header"}, name, headerBody());
    }

    function headerBody() {
      const group = store.state.group;
      return [
        group.school ? h("p", {class: "ls-school", text: group.school}) : null,
        !store.state.is_member ? note(gettext("You are viewing this group as a facilitator."), "info") : null,
        themeBlock(),
        h("p", {class: "ls-cycle", id: id("cycle-line")},
          interpolate(gettext("Cycle %(number)s, phase: %(phase)s"),
                      {number: store.state.cycle.number, phase: PHASE_LABELS[store.state.cycle.phase]})),
        store.state.is_member ? roleForm() : null,
        membersList(),
        groupControls()];
    }

    function themeBlock() {
      const canEdit = store.state.is_member || store.state.user.is_staff;
      if (store.drafts.theme === null) {
        return h("div", {class: "ls-theme"},
          h("p", {}, h("strong", {text: gettext("Research theme:") + " "}),
            store.state.theme ? h("span", {class: "ls-text", text: store.state.theme}) : h("em", {text: gettext("not set yet")})),
          canEdit ? button(gettext("Edit research theme"), () => {
            store.drafts.theme = store.state.theme || "";
            render();
            host.querySelector("#" + id("theme")).focus();
          }, {id: id("theme-edit")}) : null);
      }
      const region = statusRegion("theme");
      const text = textarea("theme", store.drafts.theme, {rows: 3, maxlength: 1000}, (value) => { store.drafts.theme = value; });
      const form = h("form", {class: "ls-theme", novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        const result = await submit(form, region, {theme: text}, "set_theme", withGroup({theme: store.drafts.theme.trim()}));
        if (result && result.ok) {
          store.state.theme = result.data.theme;
          store.drafts.theme = null;
          render();
          host.querySelector("#" + id("theme-edit")).focus();
          announce(gettext("Research theme updated."));
        }
      }},
        field(gettext("Research theme"), text, {hint: gettext("The kind of learners your group hopes to develop, over many cycles.")}),
        h("div", {class: "ls-actions"},
          h("button", {type: "submit", class: "ls-button ls-primary", text: gettext("Save research theme")}),
          button(gettext("Cancel"), () => {
            store.drafts.theme = null;
            render();
            host.querySelector("#" + id("theme-edit")).focus();
          })),
        region);
      return form;
    }

    function roleForm() {
      const me = store.state.group.members.find((m) => m.id === store.state.user.id) || {focal: ""};
      const region = statusRegion("role");
      const role = select("role", store.state.roles.map((r) => [r.id, r.label]), store.state.my_role, () => undefined);
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
        h("p", {}, h("strong", {text: gettext("Your role:") + " "}), roleLabel(store.state.my_role),
          me.focal ? " · " + interpolate(gettext("watches %(focal)s"), {focal: me.focal}) : ""),
        h("details", {id: id("role-details"), open: store.drafts.roleOpen, ontoggle: (e) => { store.drafts.roleOpen = e.target.open; }},
          h("summary", {text: gettext("Change my role")}), form));
    }

    function membersList() {
      const group = store.state.group;
      const names = Object.fromEntries(group.members.map((m) => [m.id, m.name]));
      const details = h("details", {class: "ls-members", open: store.drafts.membersOpen,
                           ontoggle: (e) => { store.drafts.membersOpen = e.target.open; }},
        h("summary", {text: interpolate(gettext("Members (%(count)s)"), {count: group.members.length})}),
        h("ul", {}, group.members.map((member) => h("li", {},
          h("span", {class: "ls-member-name", text: member.name}),
          member.id === store.state.user.id ? " " + gettext("(you)") : "",
          ": ", (member.roles || []).map(roleLabel).join(", "),
          member.focal ? " · " + interpolate(gettext("watches %(focal)s"), {focal: member.focal}) : ""))));
      // Claims of a one-person role that met: the earlier claim keeps it (decided on the server).
      const warnings = (group.role_warnings || []).map((warning) => {
        const keeper = warning.kept_by || warning.holders[0];
        const later = warning.holders.filter((x) => x !== keeper);
        const values = {keeper: names[keeper] || keeper, role: roleLabel(warning.role),
                        names: later.map((x) => names[x] || x).join(", ")};
        return note(later.includes(store.state.user.id)
          ? interpolate(gettext("%(keeper)s chose the role %(role)s a moment before you and holds it. You are an observer now: choose another role if you need one."), values)
          : interpolate(gettext("%(keeper)s holds the role %(role)s: %(names)s chose it a moment later and are observers now."), values),
        "warning");
      });
      return [details, warnings];
    }

    function groupControls() {
      const p = perm();
      const buttons = [];
      if (p.move_phase) {
        const here = PHASES.indexOf(store.state.cycle.phase);
        PHASES.forEach((phase, index) => {
          if (index === here + 1 || (store.state.user.is_staff && index !== here)) {
            buttons.push(button(interpolate(gettext("Move to %(phase)s"), {phase: PHASE_LABELS[phase]}),
                                () => movePhase(phase), {id: id("move", phase)}));
          }
        });
      }
      if (p.lock_plan && !store.state.plan.locked) buttons.push(button(gettext("Lock plan"), () => setLock(true), {id: id("lock")}));
      if (p.unlock_plan && store.state.plan.locked) buttons.push(button(gettext("Unlock plan"), () => setLock(false), {id: id("unlock")}));
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
      return groupAction("start_next_cycle", {from_cycle: store.state.cycle.number}, async (data) => {
        await load("plan");
        focusFirstOf(id("tab", "plan"));
        announce(interpolate(gettext("Cycle %(number)s started. The plan was carried over; the lessons learned are beside it."),
                             {number: data.cycle.number}));
      });
    }

    /* Tabs ------------------------------------------------------------------------------ */

    /** The tabs shown: Plan, Do, See in a group; Facilitator for staff when facilitator.js is loaded. */
    function tabNames() {
      return (store.state.group ? PHASES : []).concat(hasFacilitator() ? ["facilitator"] : []);
    }

    function tabs() {
      const names = tabNames();
      const current = store.state.cycle && store.state.cycle.phase;
      if (!names.includes(store.activeTab)) store.activeTab = current || names[0];
      const list = h("div", {class: "ls-tablist", role: "tablist", "aria-label": gettext("Cycle phases")},
        names.map((phase) => h("button", {
          type: "button", role: "tab", id: id("tab", phase), "aria-controls": id("panel", phase),
          "aria-selected": String(phase === store.activeTab), tabindex: phase === store.activeTab ? "0" : "-1",
          "aria-describedby": phase === current ? id("cycle-line") : null,
          class: "ls-tab" + (phase === current ? " ls-tab-current" : ""),
          text: PHASE_LABELS[phase] || gettext("Facilitator"), onclick: () => selectTab(phase), onkeydown: tabKey,
        })));
      const panels = names.map((phase) => h("div", {
        role: "tabpanel", id: id("panel", phase), "aria-labelledby": id("tab", phase), tabindex: "0",
        class: "ls-tabpanel", hidden: phase !== store.activeTab,
      }, phase === store.activeTab ? panelContent(phase) : null));
      return h("div", {class: "ls-tabs"}, list, panels);
    }

    function panelContent(phase) {
      store.onQueueChange = null;  // the Do and See panels set their own
      if (phase === "facilitator") return facilitatorPanel();
      if (phase === "plan") return ui.planPanel();
      if (phase === "do") return ui.doPanel();
      return ui.seePanel();
    }

    function tabKey(event) {
      const names = tabNames();
      const index = names.indexOf(store.activeTab);
      const moves = {ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: names.length - 1};
      if (!(event.key in moves)) return;
      event.preventDefault();
      const target = names[(moves[event.key] + names.length) % names.length];
      selectTab(target);
      host.querySelector("#" + id("tab", target)).focus();
    }

    /** Show another tab; only the open panel is in the page (its drafts are kept). */
    function selectTab(phase) {
      if (phase === store.activeTab) return;
      store.activeTab = phase;
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

    /* Staff: the Facilitator tab, drawn by facilitator.js -------------------------------
     * Sent to staff only, and loaded when the tab first opens (init.facilitator_assets names
     * its stylesheet, catalog and script), so the workspace itself downloads less. */

    let facilitator = null;
    let loadingFacilitator = null;

    function hasFacilitator() {
      return Boolean(store.state && store.state.user.is_staff
                     && (typeof LS.cycle.facilitator === "function" || (init && init.facilitator_assets)));
    }

    function loadFacilitator() {
      const assets = (init || {}).facilitator_assets || {};
      const add = (tag, attributes) => new Promise((resolve, reject) => {
        const element = Object.assign(document.createElement(tag), attributes, {onload: resolve, onerror: reject});
        document.head.append(element);
      });
      loadingFacilitator = loadingFacilitator || (async () => {
        await Promise.all((assets.css || []).map((href) => add("link", {rel: "stylesheet", href})));
        for (const src of assets.js || []) await add("script", {src, async: false});
      })().catch((error) => { loadingFacilitator = null; throw error; });
      return loadingFacilitator;
    }

    function facilitatorPanel() {
      if (typeof LS.cycle.facilitator !== "function") {
        const box = h("div", {class: "ls-facilitator-loading", "aria-busy": "true"},
                      note(gettext("Loading the facilitator's tools...")));
        loadFacilitator().then(() => {
          if (box.isConnected) box.replaceWith(facilitatorPanel());
        }, () => {
          box.removeAttribute("aria-busy");
          box.replaceChildren(
            note(gettext("The facilitator's tools could not be loaded. Check the connection and try again."), "warning"),
            button(gettext("Try again"), () => box.replaceWith(facilitatorPanel())));
        });
        return box;
      }
      facilitator = facilitator || LS.cycle.facilitator(Object.assign({}, ui, {state: () => store.state}));
      return facilitator.panel();
    }

    Object.assign(ui, {load, render, tabs, focusFirstOf, openGroup});
    load();
  }

  LS.cycle.view = LessonStudyCycle;
  window.LessonStudyCycle = LessonStudyCycle;
})(window.LessonStudy = window.LessonStudy || {});
