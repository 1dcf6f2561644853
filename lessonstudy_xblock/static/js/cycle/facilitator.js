/* The Facilitator tab of the cycle workspace (course staff only, PRODUCT.md §2.2).
 *
 * Sent to staff only, after the cycle view (cycle/main.js), which calls
 * LessonStudy.cycle.facilitator(ui) once per block and then panel() each time the tab is drawn.
 * `ui` is the view's context (cycle/context.js): its one send() (core/http.js: CSRF, one write at
 * a time, 429 retries), gettext, h(), labelled fields, submit(). The same rules as the cycle view: server data reaches the page only as text (textContent, attributes);
 * no framework and no chart library: the charts are SVG drawn here, each with a title, a
 * description and its numbers in a table right after it.
 */
(function (LS) {
  "use strict";

  const PHASES = ["plan", "do", "see"];
  const POST_KINDS = ["impression", "finding", "reply", "closing", "summary"];
  const FONT = 14;

  const {svg, shorten} = LS.dom;

  function LessonStudyFacilitator(ui) {
    const {h, id, gettext, interpolate, button, field, select, PHASE_LABELS, KIND_HEADINGS} = ui;
    const SERIES = [
      {key: "plan", label: PHASE_LABELS.plan, fill: "#0b5394"},
      {key: "do", label: PHASE_LABELS.do, fill: "url(#" + id("fac-hatch") + ")", stroke: "#8a5a00"},
      {key: "see", label: PHASE_LABELS.see, fill: "url(#" + id("fac-dots") + ")", stroke: "#1d6b3a"},
    ];
    const numbers = new Intl.NumberFormat(undefined, {style: "percent", maximumFractionDigits: 0});
    const shortTime = (() => {
      const options = {month: "short", day: "numeric", hour: "numeric", minute: "2-digit"};
      try {
        return new Intl.DateTimeFormat(document.documentElement.lang || undefined, options);
      } catch (error) {
        return new Intl.DateTimeFormat(undefined, options);
      }
    })();
    const time = (ms) => h("time", {datetime: new Date(ms).toISOString(), title: ui.when(ms), text: shortTime.format(new Date(ms))});

    let overview = null;      // the last facilitator_overview answer
    let loadedAt = 0;
    let failed = "";          // why it could not be loaded
    let inFlight = null;
    let container = null;     // the panel now in the page (the view draws an open tab afresh)
    let drill = null;         // the read-only view of one group: {id, name, state, error}
    let results = null;       // the filtered table and charts, redrawn when a filter changes
    let counter = null;
    const view = {school: "", phase: "", flag: "", sort: "school", search: "", page: 0, perPage: 20};
    const PAGE_SIZES = [20, 50, 100];
    let openMenu = "";        // the group whose actions menu is open
    const forms = {name: "", school: "", username: "", group: "", role: ""};
    const commentDrafts = {};
    const confirming = {};    // group id -> the phase a facilitator asked to move it to (asked first)

    const status = () => container && container.querySelector("#" + CSS.escape(id("status", "fac")));
    const phaseOf = (group) => (group.cycle && group.cycle.phase) || "plan";
    const schoolKey = (school) => "s:" + (school || "");
    const schoolName = (school) => school || gettext("No school given");
    const bySchool = (a, b) => a.school.localeCompare(b.school) || a.name.localeCompare(b.name);
    const SORTS = {
      school: bySchool,
      group: (a, b) => a.name.localeCompare(b.name) || a.school.localeCompare(b.school),
      phase: (a, b) => PHASES.indexOf(phaseOf(a)) - PHASES.indexOf(phaseOf(b)) || bySchool(a, b),
      flags: (a, b) => (b.flags || []).length - (a.flags || []).length || bySchool(a, b),
    };

    /* Loading and drawing ---------------------------------------------------------------- */

    function panel() {
      container = h("div", {class: "lsf"});
      draw();
      if (!inFlight && Date.now() - loadedAt > 60000) refresh();  // first time, or stale
      return container;
    }

    async function refresh(message) {
      inFlight = ui.send("facilitator_overview", {});
      const result = await inFlight;
      inFlight = null;
      if (result.ok) {
        overview = result.data;
        loadedAt = Date.now();
        failed = "";
      } else {
        failed = result.data.error || gettext("The overview could not be loaded.");
      }
      if (!drill) draw();
      if (message) ui.announce(message);
      else if (!result.ok) ui.announce(failed);
      return result.ok;
    }

    /** Focus the first of these controls that is in the panel. */
    function focusFirst(...ids) {
      for (const key of ids) {
        const node = container && container.querySelector("#" + CSS.escape(key));
        if (node) return node.focus();
      }
      return null;
    }

    /** Draw the panel again, keeping the focus on the control that had it. */
    function draw(focusId) {
      if (!container) return;
      const active = document.activeElement;
      const focused = focusId || (active && container.contains(active) ? active.id : "");
      container.replaceChildren(...(drill ? drillView() : overviewView()).flat().filter(Boolean));
      if (focused && container.isConnected) {
        const again = container.querySelector("#" + CSS.escape(focused));
        if (again) again.focus();
      }
    }

    function overviewView() {
      const top = h("div", {class: "lsf-top"},
        h("h3", {id: id("fac-heading"), tabindex: "-1", text: gettext("All groups")}),
        button(gettext("Refresh overview"), async () => {
          if (await refresh()) ui.announce(gettext("The overview is up to date."));
        }, {id: id("fac-refresh")}));
      if (!overview) {
        return [top, ui.note(failed || gettext("Loading the overview..."), failed ? "warning" : "info"),
                ui.statusRegion("fac")];
      }
      const groups = overview.groups || [];
      results = h("div", {class: "lsf-results"});
      counter = h("p", {class: "lsf-count", role: "status", id: id("fac-count")});
      const parts = [top, ui.statusRegion("fac"), filters(groups), counter, results,
                     manageSection(groups), exportsSection()];
      drawResults();
      return parts;
    }

    /* Filters and the groups table --------------------------------------------------------- */

    /** Whether a group matches the search words (name, school, join code, theme, members). */
    function matches(group, words) {
      if (!words.length) return true;
      const text = [group.name, group.school, group.join_code, group.theme]
        .concat((group.members || []).flatMap((m) => [m.name, m.username])).join(" ").toLowerCase();
      return words.every((word) => text.includes(word));
    }

    function shownGroups() {
      const words = view.search.toLowerCase().split(/\s+/).filter(Boolean);
      const groups = (overview.groups || []).filter((group) =>
        matches(group, words) &&
        (!view.school || schoolKey(group.school) === view.school) &&
        (!view.phase || phaseOf(group) === view.phase) &&
        (!view.flag || (view.flag === "any" ? group.flags.length > 0 : view.flag === "none"
          ? group.flags.length === 0 : group.flags.some((flag) => flag.id === view.flag))));
      return groups.sort(SORTS[view.sort] || bySchool);
    }

    /** The table shows a page of the matching groups; the charts count all of them. */
    function drawResults() {
      if (!results) return;
      const groups = shownGroups();
      const total = (overview.groups || []).length;
      const pages = Math.max(1, Math.ceil(groups.length / view.perPage));
      view.page = Math.min(view.page, pages - 1);
      const first = view.page * view.perPage;
      const page = groups.slice(first, first + view.perPage);
      counter.textContent = pages === 1
        ? interpolate(gettext("Showing %(shown)s of %(total)s groups."), {shown: groups.length, total})
        : interpolate(gettext("Showing %(from)s to %(to)s of %(shown)s matching groups (%(total)s in all)."),
                      {from: first + 1, to: first + page.length, shown: groups.length, total});
      results.replaceChildren(
        groups.length ? groupsTable(page) : ui.note(total ? gettext("No group matches these filters.")
          : gettext("No groups yet. Create the first one below.")),
        pages > 1 ? pager(pages) : null,
        groups.length ? chartsSection(groups) : null);
    }

    function pager(pages) {
      // Focus stays on the button pressed, or moves to the other one at the first or last page.
      const go = (page, focusKey) => {
        view.page = page;
        drawResults();
        const other = focusKey === "next" ? "previous" : "next";
        const usable = [focusKey, other].map((key) => results.querySelector("#" + CSS.escape(id("fac-page", key))))
          .find((node) => node && !node.disabled);
        if (usable) usable.focus();
      };
      return h("nav", {class: "lsf-pager", "aria-label": gettext("Pages of groups")},
        button(gettext("Previous page"), () => go(view.page - 1, "previous"),
               {id: id("fac-page", "previous"), disabled: view.page === 0}),
        h("span", {text: interpolate(gettext("Page %(page)s of %(pages)s"), {page: view.page + 1, pages})}),
        button(gettext("Next page"), () => go(view.page + 1, "next"),
               {id: id("fac-page", "next"), disabled: view.page >= pages - 1}));
    }

    function filters(groups) {
      const schools = [...new Set(groups.map((g) => g.school || ""))].sort((a, b) => a.localeCompare(b));
      const labels = overview.flag_labels || {};
      if (!schools.some((school) => schoolKey(school) === view.school)) view.school = "";  // gone since
      if (!["any", "none"].concat(Object.keys(labels)).includes(view.flag)) view.flag = "";
      const choose = (name) => (value) => {
        view[name] = name === "perPage" ? Number(value) : value;
        view.page = 0;
        drawResults();
      };
      return h("fieldset", {class: "lsf-filters"},
        h("legend", {text: gettext("Filter and sort the groups")}),
        h("div", {class: "ls-row"},
          field(gettext("Search groups"), ui.input("fac-search", view.search, {
            type: "search", autocomplete: "off", placeholder: gettext("Group, school, member or join code")},
          choose("search")))),
        h("div", {class: "ls-row"},
          field(gettext("Filter by school"), select("fac-school",
            [["", gettext("All schools")]].concat(schools.map((s) => [schoolKey(s), schoolName(s)])),
            view.school, choose("school"))),
          field(gettext("Filter by phase"), select("fac-phase",
            [["", gettext("All phases")]].concat(PHASES.map((p) => [p, PHASE_LABELS[p]])), view.phase, choose("phase"))),
          field(gettext("Filter by flag"), select("fac-flag",
            [["", gettext("All groups")], ["any", gettext("Any flag")], ["none", gettext("No flags")]]
              .concat(Object.entries(labels)), view.flag, choose("flag"))),
          field(gettext("Sort by"), select("fac-sort", [
            ["school", gettext("School")], ["group", gettext("Group name")], ["phase", gettext("Phase")],
            ["flags", gettext("Flags (most first)")]], view.sort, choose("sort"))),
          field(gettext("Groups per page"), select("fac-per-page", PAGE_SIZES.map((n) => [String(n), String(n)]),
            String(view.perPage), choose("perPage")))));
    }

    function groupsTable(groups) {
      return h("div", {class: "ls-scroll lsf-table-box", role: "region", tabindex: "0",
                       "aria-labelledby": id("fac-caption")},
        h("table", {class: "ls-table lsf-groups"},
          h("caption", {id: id("fac-caption"), text: gettext("Groups, their members and what needs attention")}),
          h("thead", {}, h("tr", {}, [gettext("Group"), gettext("Cycle and phase"), gettext("Members"),
            gettext("Flags"), gettext("Actions")]
            .map((text) => h("th", {scope: "col", text})))),
          h("tbody", {}, groups.map(groupRow))));
    }

    function groupRow(group) {
      const headId = id("fac-row", group.id);
      // School, join code and research theme under the group's name: the table fits a laptop.
      return h("tr", {},
        h("th", {scope: "row", id: headId},
          h("span", {class: "lsf-name", text: group.name}),
          h("span", {class: "lsf-school", text: schoolName(group.school)}),
          group.join_code ? h("span", {class: "lsf-code"}, gettext("Join code:") + " ",
            h("span", {class: "ls-code", text: group.join_code})) : null,
          h("span", {class: "ls-text lsf-theme"}, gettext("Research theme") + ": ",
            group.theme ? group.theme : h("em", {text: gettext("not set yet")}))),
        h("td", {class: "lsf-cycle"}, interpolate(gettext("Cycle %(number)s"), {number: group.cycle.number}), h("br"),
          h("strong", {text: PHASE_LABELS[phaseOf(group)]}),
          group.cycle.since ? h("span", {class: "ls-meta"}, h("br"), gettext("since") + " ", time(group.cycle.since)) : null),
        h("td", {class: "lsf-members-cell"}, membersTable(group)),
        h("td", {}, flagList(group.flags)),
        h("td", {class: "lsf-actions"}, groupActions(group)));
    }

    function membersTable(group) {
      const members = group.members || [];
      if (!members.length) return h("p", {text: gettext("No members yet.")});
      return h("table", {class: "ls-table lsf-members"},
        h("caption", {class: "ls-visually-hidden", text: interpolate(gettext("Members of %(name)s"), {name: group.name})}),
        h("thead", {}, h("tr", {}, [gettext("Member"), gettext("Plan revisions"), gettext("Observations"),
          gettext("Reflection posts"), gettext("Last activity")].map((text) => h("th", {scope: "col", text})))),
        h("tbody", {}, members.map((member) => h("tr", {},
          h("th", {scope: "row"}, h("span", {class: "lsf-name", text: member.name}), h("br"),
            h("span", {class: "lsf-role", text: (member.roles || []).map(ui.roleLabel).join(", ")}),
            member.contributed_in_phase ? null : h("span", {class: "lsf-badge lsf-quiet"},
              h("span", {"aria-hidden": "true", text: "○ "}), gettext("Nothing yet in this phase"))),
          ["plan_revisions", "observations", "reflection_posts"].map((key) =>
            h("td", {class: "ls-num", text: String((member.counts || {})[key] || 0)})),
          h("td", {}, member.last_activity ? time(member.last_activity) : gettext("No activity yet"))))));
    }

    function flagList(flags) {
      if (!flags || !flags.length) return h("span", {class: "lsf-none", text: gettext("None")});
      return h("ul", {class: "lsf-flags"}, flags.map((flag) => {
        let detail = flag.detail || "";
        if (flag.id === "no_lessons_learned" && detail) detail = interpolate(gettext("cycle %(number)s"), {number: detail});
        if (flag.id === "phase_overdue" && detail) detail = interpolate(gettext("due %(date)s"), {date: detail});
        return h("li", {class: "lsf-badge"}, h("span", {"aria-hidden": "true", text: "⚑ "}),
          h("strong", {text: flag.label || (overview.flag_labels || {})[flag.id] || flag.id}),
          detail ? ": " + detail : "");
      }));
    }

    /** "View" and a menu of the other actions (open the workspace, move to another phase); every
     * phase move is confirmed first, in the menu. */
    function groupActions(group) {
      const here = PHASES.indexOf(phaseOf(group));
      const asked = confirming[group.id];
      const items = [
        button(gettext("Open workspace"), () => ui.openGroup(group.id), {id: id("fac-open", group.id),
          "aria-label": interpolate(gettext("Open workspace of %(name)s"), {name: group.name})}),
      ];
      PHASES.forEach((phase, index) => {
        if (index === here) return;
        const text = index > here ? interpolate(gettext("Move to %(phase)s"), {phase: PHASE_LABELS[phase]})
          : interpolate(gettext("Move back to %(phase)s"), {phase: PHASE_LABELS[phase]});
        items.push(button(text, () => {
          confirming[group.id] = phase;
          openMenu = group.id;
          draw(id("fac-yes", group.id));
        }, {id: id("fac-move", group.id, phase), "aria-label": text + ": " + group.name}));
      });
      if (asked) {
        const question = id("fac-ask", group.id);
        const back = PHASES.indexOf(asked) < here;
        items.push(h("div", {class: "lsf-confirm", role: "group", "aria-labelledby": question},
          h("p", {id: question, text: back
            ? interpolate(gettext("Move %(name)s back to %(phase)s? Nothing the group wrote is lost."),
                          {name: group.name, phase: PHASE_LABELS[asked]})
            : interpolate(gettext("Move %(name)s on to %(phase)s? Its members see the new phase at once."),
                          {name: group.name, phase: PHASE_LABELS[asked]})}),
          button(back ? gettext("Yes, move back") : gettext("Yes, move on"), () => {
            delete confirming[group.id];
            openMenu = "";
            movePhase(group, asked);
          }, {id: id("fac-yes", group.id), class: "ls-button ls-primary"}),
          button(gettext("Cancel"), () => {
            delete confirming[group.id];
            draw(id("fac-move", group.id, asked));
          }, {id: id("fac-no", group.id)})));
      }
      return h("div", {class: "lsf-buttons"},
        button(gettext("View"), () => openDrill(group), {id: id("fac-view", group.id),
          "aria-label": interpolate(gettext("View %(name)s, read-only"), {name: group.name})}),
        h("details", {class: "lsf-menu", open: openMenu === group.id,
                      ontoggle: (event) => { openMenu = event.target.open ? group.id : (openMenu === group.id ? "" : openMenu); }},
          h("summary", {id: id("fac-menu", group.id), class: "ls-button",
                        "aria-label": interpolate(gettext("Actions for %(name)s"), {name: group.name})},
            gettext("Actions")),
          h("div", {class: "lsf-menu-items"}, items)));
    }

    async function movePhase(group, phase) {
      const result = await ui.send("set_phase", {phase, group_id: group.id});
      if (!result.ok) {
        draw();
        const region = status();
        if (region) ui.setStatus(region, result.data.error, true);
        return;
      }
      await refresh(interpolate(gettext("%(name)s is now in the %(phase)s phase."),
                                {name: group.name, phase: PHASE_LABELS[result.data.cycle.phase]}));
      focusFirst(id("fac-view", group.id), id("fac-heading"));
    }

    /* Charts ------------------------------------------------------------------------------- */

    function chartsSection(groups) {
      return h("section", {class: "lsf-charts", "aria-labelledby": id("fac-charts")},
        h("h3", {id: id("fac-charts"), text: gettext("Charts")}),
        h("p", {class: "ls-hint", text: gettext("The charts count the groups shown above: change the filters to compare.")}),
        participationChart(groups), focusChart(groups));
    }

    /** A chart: heading, SVG (role img, title and description) in a scroll box, then its data table. */
    function chart(key, title, description, drawing, table) {
      const titleId = id(key, "title");
      const descId = id(key, "desc");
      drawing.setAttribute("role", "img");
      drawing.setAttribute("aria-labelledby", titleId);
      drawing.setAttribute("aria-describedby", descId);
      drawing.prepend(svg("title", {id: titleId}, title), svg("desc", {id: descId}, description));
      return h("figure", {class: "lsf-chart"},
        h("h4", {text: title}),
        h("div", {class: "ls-scroll lsf-chart-box", role: "region", tabindex: "0", "aria-labelledby": titleId}, drawing),
        h("figcaption", {class: "ls-hint", text: description}),
        h("div", {class: "ls-scroll lsf-chart-data", role: "region", tabindex: "0", "aria-label": interpolate(gettext("%(title)s: data"), {title})}, table));
    }

    function dataTable(caption, columns, rows) {
      return h("table", {class: "ls-table lsf-data"},
        h("caption", {text: caption}),
        h("thead", {}, h("tr", {}, columns.map((text) => h("th", {scope: "col", text})))),
        h("tbody", {}, rows.map(([head, ...cells]) => h("tr", {},
          h("th", {scope: "row", text: head}), cells.map((cell) => h("td", {class: "ls-num", text: String(cell)}))))));
    }

    /** Horizontal bars: rows of {label, values: [...]} drawn with series of {fill, stroke}. */
    /** Horizontal bars, each row's label above its bars, drawn 1:1 at the width the block has now
     * (so the text stays readable on a phone). rows: [{label, values}]; series: [{label, fill, stroke}]. */
    function bars(rows, series, legend) {
      const root = ui.element && ui.element.jquery ? ui.element[0] : ui.element;
      const width = Math.max(260, Math.min(560, ((root && root.clientWidth) || 560) - 40));
      const barHeight = 16;
      const left = 8;
      const named = series.length > 1;  // each bar's value is labelled with its series' name too
      const barSpace = width - left - 16 - 8 * (5 + (named ? Math.max(...series.map((s) => s.label.length)) : 0));
      const band = 22 + series.length * (barHeight + 3) + 10;
      const keys = [];  // the legend's swatches, wrapped into lines that fit
      let x = left;
      let y = 6;
      for (const s of legend ? series : []) {
        const step = 40 + 8 * s.label.length;
        if (x > left && x + step > width) [x, y] = [left, y + 26];
        keys.push(svg("rect", {x, y, width: 18, height: 18, fill: s.fill, stroke: s.stroke || s.fill}),
                  svg("text", {x: x + 24, y: y + 14, fill: "#1f2328"}, s.label));
        x += step;
      }
      const top = legend ? y + 28 : 4;
      const height = top + rows.length * band;
      const max = Math.max(1, ...rows.flatMap((row) => row.values));
      const drawing = svg("svg", {viewBox: "0 0 " + width + " " + height, width, height, class: "lsf-svg", "font-size": FONT},
        legend ? svg("defs", {},
          svg("pattern", {id: id("fac-hatch"), width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)"},
            svg("rect", {width: 6, height: 6, fill: "#fff"}), svg("rect", {width: 3, height: 6, fill: "#8a5a00"})),
          svg("pattern", {id: id("fac-dots"), width: 6, height: 6, patternUnits: "userSpaceOnUse"},
            svg("rect", {width: 6, height: 6, fill: "#1d6b3a"}), svg("circle", {cx: 3, cy: 3, r: 1.4, fill: "#fff"}))) : null);
      drawing.append(...keys);
      const chars = Math.floor((width - left) / 8.4);  // bold 14px: about 8 px a character
      rows.forEach((row, r) => {
        const y = top + r * band;
        drawing.append(svg("text", {x: left, y: y + 16, fill: "#1f2328", "font-weight": 600}, shorten(row.label, chars)));
        row.values.forEach((value, index) => {
          const s = series[index];
          const by = y + 22 + index * (barHeight + 3);
          const length = Math.round((value / max) * barSpace);
          if (length > 0) {
            drawing.append(svg("rect", {x: left, y: by, width: length, height: barHeight, fill: s.fill, stroke: s.stroke || s.fill}));
          }
          drawing.append(svg("text", {x: left + length + 6, y: by + barHeight - 3, fill: "#1f2328"},
                               (named ? s.label + " " : "") + value));
        });
        drawing.append(svg("line", {x1: left, x2: left, y1: y + 20, y2: y + band - 8, stroke: "#505a64", "stroke-width": 2}));
      });
      return drawing;
    }

    function participationChart(groups) {
      const rows = groups.map((g) => ({label: g.name, values: PHASES.map((p) => (g.participation || {})[p] || 0)}));
      const title = gettext("Participation per phase per group");
      const description = gettext("Contributions of each group in all its cycles: plan revisions (Plan), observation entries (Do), reflection posts and lessons learned (See). Its data table holds the same numbers.");
      return chart("fac-participation", title, description, bars(rows, SERIES, true),
        dataTable(interpolate(gettext("%(title)s: data"), {title}),
          [gettext("Group"), PHASE_LABELS.plan, PHASE_LABELS.do, PHASE_LABELS.see, gettext("Total")],
          rows.map((row) => [row.label, ...row.values, row.values.reduce((a, b) => a + b, 0)])));
    }

    function focusChart(groups) {
      const counts = {};
      for (const group of groups) {
        for (const [focus, count] of Object.entries(group.focus_counts || {})) counts[focus] = (counts[focus] || 0) + count;
      }
      const categories = (overview.focus_categories || []).slice();
      for (const focus of Object.keys(counts)) {
        if (!categories.some((c) => c.id === focus)) categories.push({id: focus, label: focus});
      }
      const order = categories.map((c) => c.id);
      const rows = categories.map((c) => ({label: c.label, id: c.id, values: [counts[c.id] || 0]}))
        .sort((a, b) => b.values[0] - a.values[0] || order.indexOf(a.id) - order.indexOf(b.id));
      const total = rows.reduce((sum, row) => sum + row.values[0], 0);
      const title = gettext("Observation focus categories");
      const description = interpolate(gettext("Observation entries per focus category, %(total)s in all, in the groups shown. Its data table holds the same numbers."), {total});
      return chart("fac-focus", title, description, bars(rows, [{fill: "#0b5394"}], false),
        dataTable(interpolate(gettext("%(title)s: data"), {title}),
          [gettext("Focus category"), gettext("Observations"), gettext("Share")],
          rows.map((row) => [row.label, row.values[0], total ? numbers.format(row.values[0] / total) : "–"])));
    }

    /* Creating groups and assigning members --------------------------------------------------- */

    function manageSection(groups) {
      return h("section", {class: "ls-panel lsf-manage", "aria-labelledby": id("fac-manage")},
        h("h3", {id: id("fac-manage"), text: gettext("Groups and members")}),
        ui.state().teams_mode ? ui.note(gettext("The groups are the teams of the course's teamset: manage them in the course's Teams."), "info")
          : h("div", {class: "ls-staff-forms"}, createForm(), groups.length ? assignForm(groups) : null));
    }

    function createForm() {
      const region = ui.statusRegion("fac-create");
      const name = ui.input("fac-group-name", forms.name, {maxlength: 120, autocomplete: "off"}, (v) => { forms.name = v; });
      const school = ui.input("fac-group-school", forms.school, {maxlength: 160, autocomplete: "off"}, (v) => { forms.school = v; });
      const form = h("form", {class: "ls-subpanel", novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        const result = await ui.submit(form, region, {name, school}, "create_group", {name: forms.name, school: forms.school});
        if (result && result.ok) {
          const group = result.data.group;
          forms.name = forms.school = "";
          await refresh(interpolate(gettext("Group %(name)s created. Its join code is %(code)s."),
                                    {name: group.name, code: group.join_code}));
          draw(id("fac-group-name"));
        }
      }},
        h("h4", {text: gettext("New group")}),
        field(gettext("Group name"), name, {required: true}),
        field(gettext("School"), school),
        h("div", {class: "ls-actions"}, h("button", {type: "submit", class: "ls-button", text: gettext("Create group")})),
        region);
      return form;
    }

    function assignForm(groups) {
      const region = ui.statusRegion("fac-assign");
      const sorted = groups.slice().sort(bySchool);
      if (!sorted.some((g) => g.id === forms.group)) forms.group = sorted[0].id;
      const username = ui.input("fac-assign-user", forms.username, {autocomplete: "off", autocapitalize: "none",
        spellcheck: "false", maxlength: 150}, (v) => { forms.username = v; });
      const group = select("fac-assign-group", sorted.map((g) => [g.id, g.school ? g.name + " (" + g.school + ")" : g.name]),
                           forms.group, (v) => { forms.group = v; });
      const roles = (ui.state().roles || []).map((r) => [r.id, r.label]);
      const role = select("fac-assign-role", [["", gettext("Keep their role")]].concat(roles), forms.role, (v) => { forms.role = v; });
      const form = h("form", {class: "ls-subpanel", novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        const user = forms.username.trim();
        const result = await ui.submit(form, region, {user_id: username, group_id: group, role}, "assign_member",
                                       {group_id: forms.group, user_id: user, role: forms.role});
        if (result && result.ok) {
          forms.username = "";
          await refresh(interpolate(gettext("%(user)s is now in %(group)s."), {user, group: result.data.group.name}));
          draw(id("fac-assign-user"));
        }
      }},
        h("h4", {text: gettext("Assign a participant")}),
        field(gettext("Username"), username, {required: true}),
        field(gettext("Group"), group),
        field(gettext("Role"), role),
        h("div", {class: "ls-actions"}, h("button", {type: "submit", class: "ls-button", text: gettext("Assign to group")})),
        region);
      return form;
    }

    /* Exports and the report ---------------------------------------------------------------- */

    /* Exports: one download, or for a large course several requests of EXPORT_PART groups each
     * (every request stays short; the handler cannot stream), joined in the browser with the
     * progress shown. */
    const EXPORT_PART = 25;
    let exporting = false;

    function exportsSection() {
      const url = (what, format) => ui.runtime.handlerUrl(ui.element, "export", "", "what=" + what + "&format=" + format);
      const link = (href, text, attrs) => h("a", Object.assign({class: "ls-button lsf-link", href}, attrs || {}), text);
      const progress = h("div", {class: "lsf-export-progress", role: "status", id: id("fac-export-status")});
      const exportLink = (what, format, text) => {
        const href = url(what, format);
        return link(href, text, {download: "", onclick: (event) => {
          const total = (overview.groups || []).length;
          if (total <= EXPORT_PART) return;  // one request: the browser downloads it itself
          event.preventDefault();
          if (!exporting) exportInParts(href, format, total, progress);
        }});
      };
      return h("section", {class: "ls-panel lsf-exports", "aria-labelledby": id("fac-exports")},
        h("h3", {id: id("fac-exports"), text: gettext("Exports and report")}),
        h("p", {class: "ls-hint", text: gettext("Every group of this workspace, whatever the filters. CSV files open in spreadsheet programs.")}),
        h("p", {class: "ls-hint", text: gettext("For a whole course with many groups, the instructor dashboard's response report (Data Download) lists every observation, post and lessons learned of this workspace, prepared in the background.")}),
        h("div", {class: "ls-actions"},
          exportLink("participation", "csv", gettext("Export CSV: participation")),
          exportLink("observations", "csv", gettext("Export CSV: observations")),
          exportLink("reflections", "csv", gettext("Export CSV: reflections")),
          exportLink("all", "json", gettext("Export JSON: everything")),
          link(ui.runtime.handlerUrl(ui.element, "program_report"), gettext("Printable report"),
               {target: "_blank", rel: "noopener"})),
        progress);
    }

    async function exportInParts(href, format, total, box) {
      exporting = true;
      const bar = h("progress", {max: String(total), value: "0"});
      const line = h("span");
      box.replaceChildren(line, " ", bar);
      const show = (done) => {
        bar.value = done;
        line.textContent = interpolate(gettext("Preparing the export: %(done)s of %(total)s groups..."), {done, total});
      };
      const parts = [];
      let merged = null;
      let filename = "";
      try {
        for (let offset = 0; offset < total; offset += EXPORT_PART) {
          show(offset);
          const response = await fetch(href + "&offset=" + offset + "&limit=" + EXPORT_PART, {credentials: "same-origin"});
          if (!response.ok) throw new Error(String(response.status));
          const named = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
          filename = filename || (named ? named[1] : "lessonstudy-export." + format);
          if (format === "json") {
            const part = await response.json();
            if (merged) merged.groups.push(...part.groups);
            else merged = part;
          } else {
            parts.push(await response.arrayBuffer());
          }
        }
        if (merged) {
          delete merged.offset;
          delete merged.total_groups;
        }
        const blob = merged ? new Blob([JSON.stringify(merged, null, 1)], {type: "application/json"})
          : new Blob(parts, {type: "text/csv"});
        const save = h("a", {href: URL.createObjectURL(blob), download: filename, hidden: true});
        document.body.append(save);
        save.click();
        save.remove();
        setTimeout(() => URL.revokeObjectURL(save.href), 60000);
        show(total);
        line.textContent = interpolate(gettext("The export is ready: %(name)s"), {name: filename});
      } catch (error) {
        box.replaceChildren(ui.note(gettext("The export could not be prepared. Check the connection and try again."), "warning"));
      } finally {
        exporting = false;
      }
    }

    /* The read-only view of one group --------------------------------------------------------- */

    async function openDrill(group) {
      drill = {id: group.id, name: group.name, state: null, error: ""};
      draw(id("fac-drill-heading"));
      const result = await ui.send("get_state", {group_id: group.id});
      if (!drill || drill.id !== group.id) return;
      if (result.ok) drill.state = result.data;
      else drill.error = result.data.error || gettext("The workspace could not be loaded.");
      draw(id("fac-drill-heading"));
      ui.announce(result.ok ? interpolate(gettext("Read-only view of %(name)s opened."), {name: group.name}) : drill.error);
    }

    function closeDrill() {
      const groupId = drill.id;
      drill = null;
      draw();
      focusFirst(id("fac-view", groupId), id("fac-heading"));
    }

    function drillView() {
      const s = drill.state;
      const head = [
        h("div", {class: "ls-actions"},
          button(gettext("Back to all groups"), closeDrill, {id: id("fac-back")}),
          s ? button(gettext("Refresh"), () => openDrill(drill), {id: id("fac-drill-refresh")}) : null),
        h("h3", {id: id("fac-drill-heading"), tabindex: "-1",
                 text: interpolate(gettext("%(name)s (read-only)"), {name: drill.name})}),
      ];
      if (!s) return head.concat(ui.note(drill.error || gettext("Loading the workspace..."), drill.error ? "warning" : "info"));
      const group = s.group || {members: []};
      const jump = (key, text) => h("li", {}, h("a", {href: "#" + id("fac-drill", key), text}));
      return head.concat(
        h("div", {class: "lsf-drill-head"},
          group.school ? h("p", {class: "ls-school", text: group.school}) : null,
          h("p", {}, interpolate(gettext("Cycle %(number)s, phase: %(phase)s"), {number: s.cycle.number, phase: PHASE_LABELS[s.cycle.phase]})),
          h("p", {}, h("strong", {text: gettext("Research theme:") + " "}),
            s.theme ? h("span", {class: "ls-text", text: s.theme}) : h("em", {text: gettext("not set yet")})),
          h("p", {}, h("strong", {text: gettext("Members:") + " "}),
            group.members.map((m) => m.name + " (" + (m.roles || []).map(ui.roleLabel).join(", ") + ")").join("; ") || "–"),
          h("p", {class: "ls-hint", text: gettext("Your comments are shown to the group under the section or post. To write in the workspace itself, use Open workspace.")})),
        h("nav", {class: "lsf-jump", "aria-label": gettext("Parts of the workspace")},
          h("ul", {}, jump("plan", PHASE_LABELS.plan), jump("do", PHASE_LABELS.do), jump("see", PHASE_LABELS.see))),
        drillPart("plan", PHASE_LABELS.plan, s.plan.sections.map((section) => h("section", {class: "lsf-item"},
          h("h5", {text: section.title}),
          ui.contentView(section, section.content, s.plan.sections),
          h("p", {class: "ls-meta", text: section.saved_at
            ? interpolate(gettext("Last change by %(name)s, %(time)s"), {name: ui.personName(section.author), time: ui.when(section.saved_at)})
            : gettext("No changes yet in this cycle.")}),
          comments("section", section, section.title)))),
        drillPart("do", PHASE_LABELS.do, (s.observations || []).length
          ? h("ul", {class: "ls-entries"}, s.observations.slice().sort((a, b) => a.at - b.at).map(entry))
          : h("p", {text: gettext("No observation entries yet.")})),
        drillPart("see", PHASE_LABELS.see, [
          lessonCharts(s),
          POST_KINDS.map((kind) => {
            const posts = s.reflection.posts.filter((p) => p.kind === kind);
            return h("section", {class: "lsf-item"}, h("h5", {text: KIND_HEADINGS[kind]}),
              posts.length ? h("ul", {class: "ls-post-list"}, posts.map(post))
                : h("p", {text: kind === "impression" ? gettext("Awaiting the model teacher's impressions.") : gettext("No posts yet.")}));
          }),
          h("section", {class: "lsf-item"}, h("h5", {text: gettext("Lessons learned")}), lessons(s.reflection.lessons_learned)),
          (s.history || []).map((past) => h("section", {class: "lsf-item"},
            h("h5", {text: interpolate(gettext("Lessons learned in cycle %(number)s"), {number: past.cycle})}),
            lessons(past.lessons_learned)))]));
    }

    /** Anticipated and observed (cycle/charts.js): the comparison, timeline and interaction map. */
    function lessonCharts(s) {
      if (!window.LessonStudyCharts || !s.lesson) return null;
      return window.LessonStudyCharts.section(h("section", {class: "lsf-item"}), s, {
        gettext, interpolate, language: document.documentElement.lang, element: ui.element,
        id: (...parts) => id("fac", ...parts), level: 5});
    }

    function drillPart(key, title, content) {
      return h("section", {class: "ls-panel lsf-part", id: id("fac-drill", key), "aria-labelledby": id("fac-drill", key, "h")},
        h("h4", {id: id("fac-drill", key, "h"), text: title}), content);
    }

    function entry(item) {
      const focus = ui.focusLabel(item.focus);
      return h("li", {class: "ls-entry"},
        h("p", {class: "ls-entry-head"}, h("strong", {text: focus || gettext("Observation")}),
          item.target ? " · " + item.target : "",
          item.minute != null ? " · " + interpolate(gettext("minute %(minute)s"), {minute: item.minute}) : ""),
        item.evidence ? h("p", {class: "ls-text"}, h("span", {class: "ls-label", text: gettext("Evidence:") + " "}), item.evidence) : null,
        item.interpretation ? h("p", {class: "ls-text"},
          h("span", {class: "ls-label", text: gettext("Interpretation:") + " "}), item.interpretation) : null,
        item.link ? h("p", {class: "ls-text"}, h("span", {class: "ls-label", text: gettext("Link:") + " "}), item.link) : null,
        h("p", {class: "ls-meta"}, ui.personName(item.author), ", ", ui.timeNode(item.at)));
    }

    function post(item) {
      return h("li", {class: "ls-post"},
        h("p", {class: "ls-meta"}, h("strong", {text: ui.personName(item.author)}), ", ", ui.timeNode(item.at)),
        item.opinion ? h("p", {class: "ls-opinion", text: gettext("Opinion: no evidence cited")}) : null,
        h("div", {class: "ls-text", text: item.text}),
        comments("post", item, interpolate(gettext("the post by %(name)s"), {name: ui.personName(item.author)})));
    }

    function lessons(saved) {
      if (!saved || (!saved.items.length && !saved.revisions)) return h("p", {}, h("em", {text: gettext("None yet.")}));
      return h("div", {},
        saved.items.length ? h("ul", {}, saved.items.map((text) => h("li", {class: "ls-text", text}))) : null,
        saved.revisions ? h("p", {class: "ls-text"}, h("span", {class: "ls-label", text: gettext("Agreed revisions:") + " "}), saved.revisions) : null);
    }

    /** Existing comments on a section or post, and a form to add one. */
    function comments(type, target, title) {
      const key = type + "-" + target.id;
      const draft = commentDrafts[key] || (commentDrafts[key] = {text: "", clientId: ui.randomId(20)});
      const list = h("ul", {class: "ls-comments-list"}, (target.comments || []).map(comment));
      const region = ui.statusRegion("fac-" + key);
      const text = ui.textarea("fac-comment-" + key, draft.text, {rows: 2, maxlength: 4000}, (v) => { draft.text = v; });
      const groupId = drill.id;
      const form = h("form", {class: "lsf-comment-form", novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        if (!draft.text.trim()) {
          ui.setStatus(region, gettext("Write your comment first."), true);
          text.focus();
          return;
        }
        const result = await ui.submit(form, region, {text}, "add_comment", {
          client_id: draft.clientId, target_type: type, target_id: target.id, text: draft.text.trim(), group_id: groupId});
        if (result && result.ok) {
          const added = result.data.comment;
          const me = ui.state().user;
          if (added.author && added.author.id === me.id) added.author.name = me.name;
          target.comments = (target.comments || []).filter((c) => c.id !== added.id).concat(added);
          list.replaceChildren(...target.comments.map(comment));
          label.hidden = false;
          commentDrafts[key] = {text: "", clientId: ui.randomId(20), open: true};
          text.value = "";
        }
      }},
        field(interpolate(gettext("Comment on %(title)s"), {title}), text),
        h("div", {class: "ls-actions"}, h("button", {type: "submit", class: "ls-button", text: gettext("Add comment")})),
        region);
      const label = h("p", {class: "ls-label", text: gettext("Comments"), hidden: !(target.comments || []).length});
      return h("div", {class: "ls-comments"}, label, list,
        h("details", {class: "lsf-add-comment", open: draft.open, ontoggle: (event) => { draft.open = event.target.open; }},
          h("summary", {}, gettext("Add a comment"), h("span", {class: "ls-visually-hidden", text: ": " + title})),
          form));
    }

    function comment(item) {
      return h("li", {class: "ls-comment"},
        h("p", {class: "ls-meta"}, h("strong", {text: ui.personName(item.author)}), ", ", ui.timeNode(item.at)),
        h("p", {class: "ls-text", text: item.text}));
    }

    return {panel, refresh};
  }

  LS.cycle = LS.cycle || {};
  LS.cycle.facilitator = LessonStudyFacilitator;
  window.LessonStudyFacilitator = LessonStudyFacilitator;
})(window.LessonStudy = window.LessonStudy || {});
