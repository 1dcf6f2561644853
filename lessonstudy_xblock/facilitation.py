"""What facilitators see of every group of a cycle workspace: the overview, the exports' tables and
document, and the program report's contents.

Plain Python over one staff request (:class:`~.context.CycleRequest`): it reads every group once
(each participant's row at most once, :meth:`Storage.read_others` keeps what it read) and
translates with the ``gettext`` it is given. The block's staff handlers
(:mod:`.facilitator`) only parse the request, build a :class:`Facilitation` and answer.
"""

from datetime import datetime, timezone
from functools import cached_property

from . import figures

from .domain import facilitator as rules
from .domain import followthrough, plan
from .domain.cycles import PHASE_LABELS
from .domain.groups import ROLE_LABELS
from .domain.observations import INTERACTION_LABELS, MODE_LABELS
from .domain.observations import KIND_LABELS as OBSERVATION_KINDS
from .domain.reflection import KIND_LABELS as POST_KINDS
from .handlers import require_staff

#: The fields of an entry the report's charts need (cycle/charts.js draws them in the page).
CHART_ENTRY_FIELDS = ("id", "kind", "focus", "evidence", "target", "minute", "video_time", "step_id",
                      "from", "to", "interaction", "mode")


#: Characters of a long text in the compact report (the full report prints it whole).
COMPACT_TEXT = 240


def shorten(text, limit):
    """``text`` cut at a word before ``limit`` characters, with an ellipsis."""
    text = text or ""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[limit // 2:] else cut).rstrip() + "…"


def view_text(view):
    """A section's content as plain text (retired sections in the report)."""
    content, kind = view.get("content"), view.get("type")
    if kind == "fields":
        return "\n".join(f"{key}: {value}" for key, value in (content or {}).items() if value)
    if kind == "table":
        return "\n".join(" | ".join(cell for cell in row.get("cells", []) if cell)
                         for row in (content or {}).get("rows", []))
    if kind == "grid":
        return "\n".join(" ".join(line) for line in (content or {}).get("labels", []))
    return content if isinstance(content, str) else ""


class Facilitation:
    """Every group of the block, for one request of course staff (refused for anyone else)."""

    def __init__(self, request, *, gettext, phase_dates, display_name, block_id, labels):
        """``request``: the :class:`~.context.CycleRequest`; ``labels``: the interface's words
        (``CycleBlock.labels()``), which the report's charts use."""
        require_staff(request.user)
        self.request, self.gettext = request, gettext
        self.phase_dates, self.display_name, self.block_id, self.labels = (
            phase_dates or {}, display_name, block_id, labels)
        self.journal = request.storage.own_journal()
        request.resolve(self.journal)

    #: ``(offset, limit)``: the exports then cover only those groups (an export in parts).
    part = None

    def groups(self):
        """The groups the exports and the report cover: all, or the part asked for."""
        groups = self.request.groups()
        if self.part is not None:
            offset, limit = self.part
            groups = groups[offset:offset + limit]
        return groups

    @cached_property
    def workspaces(self):
        """The groups read whole (each participant's row once): for the exports and the report."""
        return [self.request.workspace(group["id"], self.journal) for group in self.groups()]

    def summaries(self, groups=None):
        """Every group's overview row (or those of ``groups``), from the participants' figures
        (figures.py): no row is read unless its figures are missing from the cache."""
        groups = self.request.groups() if groups is None else groups
        rosters = {group["id"]: self.request.roster(group["id"]) for group in groups}
        entries = figures.read(self.request.storage,
                               [name for roster, _entry in rosters.values() for name in roster])
        me = self.request.user.username
        summaries = []
        for group in groups:
            group_id = group["id"]
            found = {name: (entries[name]["groups"].get(group_id) or rules.empty_figures())
                     for name in [*rosters[group_id][0], me] if name in entries}
            states = {name: {"profile": entries[name]["profile"], "journal": found[name]["digest"]}
                      for name in found}
            workspace = self.request.workspace(group_id, found[me]["digest"], states, rosters[group_id])
            summaries.append(rules.group_summary(workspace, self.phase_dates, figures=found))
        return summaries

    def overview(self):
        """Every group with its cycle, phase, members, counts, flags and chart data."""
        summaries = self.summaries()
        labels = {c["id"]: c["label"] for c in self.request.config["focus_categories"]}
        for summary in summaries:
            for flag in summary["flags"]:
                flag["label"] = self.gettext(rules.FLAG_LABELS[flag["id"]])
        return {
            "groups": sorted(summaries, key=lambda s: (s["school"].lower(), s["name"].lower())),
            "focus_categories": self.request.config["focus_categories"],
            "charts": {
                "participation": [{"group_id": s["id"], "group": s["name"], **s["participation"]}
                                  for s in summaries],
                "focus": [{"id": focus, "label": labels.get(focus, focus), "count": count}
                          for focus, count in sorted(rules.course_focus_counts(summaries).items(),
                                                     key=lambda item: -item[1])],
            },
            "flag_labels": {key: self.gettext(label) for key, label in rules.FLAG_LABELS.items()},
        }

    # Exports ------------------------------------------------------------------------
    def participation_table(self):
        """``(header, rows)``: a row per member of every group, with their counts and last activity."""
        header = [self.gettext(t) for t in (
            "Group", "School", "Cycle", "Phase", "Participant", "Username", "Role", "Plan revisions",
            "Observations", "Reflection posts", "Lessons learned saves", "Last activity (UTC)")]
        rows = []
        for summary in self.summaries(self.groups()):  # the figures: no participant's row is read
            for member in summary["members"]:
                counts = member["counts"]
                rows.append([summary["name"], summary["school"], summary["cycle"]["number"],
                             self.label(PHASE_LABELS, summary["cycle"]["phase"]), member["name"], member["username"],
                             self.role_labels(member["roles"]), counts["plan_revisions"], counts["observations"],
                             counts["reflection_posts"], counts["lessons_learned"],
                             rules.iso_time(member["last_activity"])])
        return header, rows

    def observations_table(self):
        """``(header, rows)``: every observation entry of every group and cycle."""
        labels = {c["id"]: c["label"] for c in self.request.config["focus_categories"]}
        header = [self.gettext(t) for t in (
            "Group", "School", "Cycle", "Time (UTC)", "Lesson minute", "Observer", "Kind", "Focus",
            "Student or group", "Evidence", "Interpretation", "Link", "Plan step", "From", "To",
            "Interaction", "Lesson mode", "Video time (s)", "Entry id")]
        rows = []
        for workspace in self.workspaces:
            steps = self.step_names(workspace)
            for cycle in range(1, workspace.cycle + 1):
                for entry in workspace.observations(cycle):
                    rows.append([workspace.entry.name, workspace.entry.school, cycle,
                                 rules.iso_time(entry["at"]), entry.get("minute"),
                                 workspace.names.get(entry.get("by"), ""),
                                 self.label(OBSERVATION_KINDS, entry.get("kind")),
                                 labels.get(entry.get("focus"), entry.get("focus")), entry.get("target"),
                                 entry.get("evidence"), entry.get("interpretation"), entry.get("link"),
                                 steps.get(entry.get("step_id"), entry.get("step_id")), entry.get("from"),
                                 entry.get("to"), self.label(INTERACTION_LABELS, entry.get("interaction")),
                                 self.label(MODE_LABELS, entry.get("mode")), entry.get("video_time"),
                                 entry["id"]])
        return header, rows

    def reflections_table(self):
        """``(header, rows)``: every reflection post and lessons learned of every group and cycle."""
        header = [self.gettext(t) for t in (
            "Group", "School", "Cycle", "Time (UTC)", "Author", "Kind", "Text", "Cited observations",
            "Cited plan steps", "In reply to", "Post id")]
        rows = []
        for workspace in self.workspaces:
            for cycle in range(1, workspace.cycle + 1):
                for post in workspace.posts(cycle):
                    rows.append([workspace.entry.name, workspace.entry.school, cycle,
                                 rules.iso_time(post["at"]), workspace.names.get(post.get("by"), ""),
                                 self.label(POST_KINDS, post["kind"]), post["text"], " ".join(post.get("cites", [])),
                                 " ".join(post.get("cites_steps", [])), post.get("parent_id") or "",
                                 post["id"]])
                lessons = workspace.lessons_view(cycle)
                if lessons["revision"]:
                    rows.append([workspace.entry.name, workspace.entry.school, cycle,
                                 rules.iso_time(lessons["saved_at"]), lessons["author"]["name"],
                                 self.gettext("Lessons learned"), "\n".join(lessons["items"]) + (
                                     "\n\n" + lessons["revisions"] if lessons["revisions"] else ""),
                                 "", "", "", lessons["revision"]])
        return header, rows

    def export_document(self, what):
        """Everything of every group, cycle by cycle (the JSON export)."""
        groups = []
        for workspace in self.workspaces:
            summary = rules.group_summary(workspace, self.phase_dates)
            summary["cycles"] = [self.cycle_document(workspace, cycle)
                                 for cycle in range(1, workspace.cycle + 1)]
            summary["retired_sections"] = workspace.retired_sections()
            groups.append(summary)
        return {"block": self.block_id, "display_name": self.display_name,
                "exported": datetime.now(timezone.utc).isoformat(timespec="seconds"), "what": what,
                "focus_categories": self.request.config["focus_categories"], "groups": groups}

    def cycle_document(self, workspace, cycle):
        """One cycle of a group: plan, lesson analysis, video, observations, posts, lessons."""
        revisions = workspace.plan_revisions()
        sections = []
        for section in self.request.config["template"]:
            view = plan.section_view(section, revisions.get(section["id"], {}), cycle)
            view["author"] = workspace.person(view["author"])
            view["comments"] = workspace.comments("section", section["id"], cycle)
            sections.append(view)
        seats = workspace.seats(sections)
        entries = workspace.entry_views(workspace.observations(cycle), seats, cycle)
        return {
            "number": cycle, "plan": sections,
            "lesson": workspace.lesson_view(sections, entries, seats),
            "video_url": workspace.video_url(cycle),
            "observations": entries,
            "posts": [workspace.post_view(p) for p in workspace.posts(cycle)],
            "lessons_learned": workspace.lessons_view(cycle),
            "follow_through": workspace.follow_through(cycle),
        }

    # The printable report ------------------------------------------------------------
    #: Entries listed per focus and step in the compact report (the rest are counted).
    COMPACT_ENTRIES = 3

    def report_groups(self, full=False):
        """Every group and cycle as the printable report lays them out. By default a group gets a
        compact account (about two A4 pages): members, flags, the current cycle's anticipated and
        observed (three entries per focus and step) and every cycle's lessons learned; ``full``
        adds every cycle's plan, timeline and interaction map."""
        categories = self.request.config["focus_categories"]
        labels = {c["id"]: c["label"] for c in categories}
        groups = []
        for number, workspace in enumerate(self.workspaces, start=1):
            summary = rules.group_summary(workspace, self.phase_dates)
            for member in summary["members"]:
                member["role_labels"] = self.role_labels(member["roles"])
            for flag in summary["flags"]:
                flag["label"] = self.gettext(rules.FLAG_LABELS[flag["id"]])
            summary["phase_label"] = self.gettext(PHASE_LABELS[summary["cycle"]["phase"]])
            cycles = []
            for cycle in range(1, workspace.cycle + 1):
                if not full and cycle != workspace.cycle:
                    lessons = workspace.lessons_view(cycle)
                    lessons["items"] = [shorten(item, COMPACT_TEXT) for item in lessons["items"]]
                    cycles.append({"number": cycle, "detailed": False, "lessons_learned": lessons})
                    continue
                document = self.cycle_document(workspace, cycle)
                document["detailed"] = True
                for link in document["follow_through"]:
                    for review in link["reviews"]:
                        review["verdict_label"] = self.label(followthrough.VERDICT_LABELS, review["verdict"])
                counts = {}
                for entry in document["observations"]:
                    if entry.get("focus"):
                        counts[entry["focus"]] = counts.get(entry["focus"], 0) + 1
                document["focus_counts"] = [(labels.get(k, k), v) for k, v in sorted(counts.items())]
                document["lesson_report"] = self.lesson_report(
                    document, labels, limit=None if full else self.COMPACT_ENTRIES)
                document["lesson_chart_id"] = f"lesson-data-{number}-{cycle}"
                document["lesson_chart_data"] = self.lesson_chart_data(document, categories) if full else None
                cycles.append(document)
            retired = [dict(view, text=view_text(view) if full else shorten(view_text(view), COMPACT_TEXT * 2))
                       for view in workspace.retired_sections()]
            groups.append({"summary": summary, "cycles": cycles, "retired": retired})
        return groups

    def program_summary(self, groups):
        """The report's first page: groups by phase, participation, flags and each group's newest
        lessons learned (``groups`` as :meth:`report_groups` gives them)."""
        summaries = [group["summary"] for group in groups]
        by_phase = {phase: 0 for phase in PHASE_LABELS}
        contributions = {phase: 0 for phase in PHASE_LABELS}
        flags, members, quiet = {}, 0, 0
        for summary in summaries:
            by_phase[summary["cycle"]["phase"]] += 1
            for phase, count in summary["participation"].items():
                contributions[phase] += count
            members += len(summary["members"])
            quiet += sum(1 for member in summary["members"] if not member["contributed_in_phase"])
            for flag in summary["flags"]:
                flags.setdefault(flag["id"], []).append(summary["name"])
        lessons = []
        for group in groups:
            saved = [c for c in group["cycles"] if c["lessons_learned"]["revision"]]
            newest = saved[-1] if saved else None
            lessons.append({"group": group["summary"]["name"], "cycle": newest["number"] if newest else None,
                            "items": newest["lessons_learned"]["items"] if newest else []})
        return {
            "groups": len(summaries), "members": members, "quiet": quiet,
            "by_phase": [(self.gettext(label), by_phase[phase]) for phase, label in PHASE_LABELS.items()],
            "contributions": [(self.gettext(label), contributions[phase]) for phase, label in PHASE_LABELS.items()],
            "flags": [(self.gettext(rules.FLAG_LABELS[key]), len(names), ", ".join(sorted(names)))
                      for key, names in flags.items()],
            "lessons": lessons,
        }

    def lesson_report(self, document, labels, limit=None):
        """Anticipated vs. observed of one cycle as the report prints it: the comparison table, and
        the rows of the timeline's and the interaction map's data tables, in the reader's words.
        ``limit``: entries listed per focus and step (the others are counted as ``more``), and long
        texts shortened (the compact report)."""

        def clip(text):
            return shorten(text, COMPACT_TEXT) if limit is not None else text

        gettext, lesson = self.gettext, document["lesson"]
        entries = {entry["id"]: entry for entry in document["observations"]}
        steps = lesson["comparison"]["steps"]
        titles = {step["id"]: self.step_title(n, step["activity"]) for n, step in enumerate(steps, start=1)}
        schedule = {span["id"]: span for span in lesson["schedule"]}

        def focus_label(key):
            if key in labels:
                return labels[key]
            return gettext("Interaction") if key == "interaction" else key or gettext("No focus given")

        def kind_label(kind):
            # The labels are marked with _() where they are defined (domain/observations.py).
            return gettext(INTERACTION_LABELS[kind]) if kind in INTERACTION_LABELS else kind or ""  # pylint: disable=translation-of-non-string

        def what(entry):
            parts = []
            if entry.get("kind") == "interaction":
                parts.append(gettext("%(from)s to %(to)s: %(kind)s") % {
                    "from": entry.get("from"), "to": entry.get("to"), "kind": kind_label(entry.get("interaction"))})
            if entry.get("evidence"):
                parts.append(entry["evidence"])
            return " · ".join(parts)

        def line(entry, entry_id):
            if not entry or not what(entry):
                return gettext("Observation entry %(id)s") % {"id": entry_id}
            target = entry.get("target") if entry.get("kind") != "interaction" else ""
            return f"{target}: {what(entry)}" if target else what(entry)

        def meta(entry):
            found = [entry.get("target")] if entry.get("kind") != "interaction" else []
            if entry.get("minute") is not None:
                found.append(gettext("minute %(minute)s") % {"minute": entry["minute"]})
            found.append((entry.get("author") or {}).get("name") or gettext("Someone"))
            return " · ".join(part for part in found if part)

        def mode_label(mode):
            return gettext(MODE_LABELS[mode]) if mode in MODE_LABELS else mode or "–"  # pylint: disable=translation-of-non-string

        comparison = []
        for step in steps:
            span = schedule.get(step["id"])
            if span:
                minutes = gettext("%(minutes)s minutes, minute %(start)s to %(end)s") % {
                    "minutes": step["minutes"], "start": span["start"], "end": span["end"]}
            elif step["minutes"] is not None:
                minutes = gettext("%(minutes)s minutes") % {"minutes": step["minutes"]}
            else:
                minutes = "–"
            comparison.append({
                "id": step["id"], "title": titles[step["id"]], "activity": step["activity"],
                "anticipated": clip(step["anticipated"]), "support": clip(step["support"]), "minutes": minutes,
                "count": step["count"], "no_evidence": step["no_evidence"],
                "focus": [{"label": focus_label(group["id"]), "count": group["count"],
                           "entries": [{"what": clip(what(entries[i]) if i in entries else line(None, i)),
                                        "meta": meta(entries[i]) if i in entries else ""}
                                       for i in group["entries"][:limit]],
                           "more": max(0, len(group["entries"]) - limit) if limit is not None else 0}
                          for group in step["focus"]],
            })
        modes = lesson["timeline"]["modes"]
        timeline = []
        for mark in lesson["timeline"]["marks"]:
            entry = entries.get(mark["id"])
            current = [m for m in modes if m["minute"] <= mark["minute"]]
            key = mark.get("focus") or ("interaction" if entry and entry.get("kind") == "interaction" else "")
            timeline.append({
                "minute": mark["minute"],
                "step": titles.get(mark["step_id"], mark["step_id"]) if mark["step_id"] else "–",
                "mode": mode_label(current[-1]["mode"]) if current else "–",
                "focus": focus_label(key), "entry": line(entry, mark["id"]),
            })
        seating = next((s for s in document["plan"] if s["id"] == lesson["seating_section"]), None)
        on_chart = {label.strip().lower() for row in ((seating or {}).get("content") or {}).get("labels", [])
                    for label in row if label and label.strip()}
        interactions = [{"from": pair["from"], "to": pair["to"], "kind": kind_label(pair["interaction"]),
                         "count": pair["count"],
                         "on_chart": gettext("Yes") if {pair["from"].strip().lower(), pair["to"].strip().lower()}
                         <= on_chart else gettext("No")}
                        for pair in lesson["interactions"]]
        return {"steps": comparison, "without_step": lesson["comparison"]["without_step"],
                "timeline": timeline, "interactions": interactions,
                "unobserved": ", ".join(lesson["unobserved_seats"]), "has_seating": bool(on_chart)}

    def lesson_chart_data(self, document, categories):
        """What cycle/charts.js needs to draw a cycle's timeline and map in the report."""
        seating = [{"id": s["id"], "type": s["type"], "content": s["content"]}
                   for s in document["plan"] if s["id"] == document["lesson"]["seating_section"]]
        entries = [dict({key: entry.get(key) for key in CHART_ENTRY_FIELDS},
                        author={"name": (entry.get("author") or {}).get("name", "")})
                   for entry in document["observations"]]
        return {"lesson": document["lesson"], "observations": entries, "focus_categories": categories,
                "sections": seating, "video_url": document["video_url"], "labels": self.labels}

    def label(self, labels, key):
        """A stored code (a phase, a kind, a mode) in the reader's words; unknown codes as they are."""
        # The labels are marked with _() where they are defined (domain/).
        return self.gettext(labels[key]) if key in labels else (key or "")

    def step_title(self, n, activity):
        """"Step 2: Fold strips into thirds" (the activity's first 60 characters), or "Step 2"."""
        activity = (activity or "").strip()
        activity = activity if len(activity) <= 60 else activity[:59] + "…"
        return (self.gettext("Step %(n)s: %(activity)s") % {"n": n, "activity": activity} if activity
                else self.gettext("Step %(n)s") % {"n": n})

    def step_names(self, workspace):
        """``{step id: "Step 2: activity"}`` of a group's plan (every cycle's steps, newest first)."""
        names, revisions = {}, workspace.plan_revisions()
        for section in self.request.config["template"]:
            if section["type"] != "table":
                continue
            for cycle in range(workspace.cycle, 0, -1):
                view = plan.section_view(section, revisions.get(section["id"], {}), cycle)
                for n, row in enumerate((view["content"] or {}).get("rows", []), start=1):
                    first_line = ((row.get("cells") or [""])[0] or "").split("\n")[0]
                    names.setdefault(row["id"], self.step_title(n, first_line))
        return names

    def role_labels(self, roles):
        """Role ids as the reader's words (``guru model, pengamat`` in Indonesian)."""
        return ", ".join(self.gettext(ROLE_LABELS.get(role, role)) for role in roles)
