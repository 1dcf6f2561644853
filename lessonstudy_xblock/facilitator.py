"""The facilitator's side of the cycle workspace: overview, exports, program report.

Every handler here is for course staff (decided by the runtime's ``user``
service). Each reads every group of the block, and each participant's row at
most once per request (:meth:`Storage.read_others` keeps what it read).
"""

import json
from datetime import date, datetime, timezone

from webob import Response
from xblock.utils.resources import ResourceLoader

from .domain import facilitator as rules
from .domain import plan
from .domain.errors import Invalid, _
from .domain.cycles import PHASE_LABELS
from .domain.groups import ROLE_LABELS
from .domain.observations import INTERACTION_LABELS, MODE_LABELS
from .handlers import download_handler, json_api, require_staff
from .spreadsheet import csv_download, file_slug

loader = ResourceLoader(__name__)

EXPORTS = ("participation", "observations", "reflections", "all")

# The report's words for lesson modes and interaction kinds (cycle/charts.js uses the same).
#: The fields of an entry the report's charts need (cycle/charts.js draws them in the page).
CHART_ENTRY_FIELDS = ("id", "kind", "focus", "evidence", "target", "minute", "video_time", "step_id",
                      "from", "to", "interaction", "mode")


class FacilitatorMixin:
    """Staff handlers of :class:`~.cycle.CycleBlock`."""

    def _all_workspaces(self):
        """``(storage, request, [workspace])`` of every group, for a staff request."""
        storage, request = self._request()
        require_staff(storage.user)
        journal = storage.own_journal()
        request.resolve(journal)
        workspaces = [request.workspace(group["id"], journal) for group in request.groups()]
        return storage, request, workspaces

    @json_api
    def facilitator_overview(self, payload):  # pylint: disable=unused-argument
        """Staff: every group with its cycle, phase, members, counts, flags and chart data."""
        _storage, request, workspaces = self._all_workspaces()
        summaries = [rules.group_summary(w, self.phase_dates or {}) for w in workspaces]
        labels = {c["id"]: c["label"] for c in request.config["focus_categories"]}
        for summary in summaries:
            for flag in summary["flags"]:
                flag["label"] = self.gettext(rules.FLAG_LABELS[flag["id"]])
        return {
            "groups": sorted(summaries, key=lambda s: (s["school"].lower(), s["name"].lower())),
            "focus_categories": request.config["focus_categories"],
            "charts": {
                "participation": [{"group_id": s["id"], "group": s["name"], **s["participation"]}
                                  for s in summaries],
                "focus": [{"id": focus, "label": labels.get(focus, focus), "count": count}
                          for focus, count in sorted(rules.course_focus_counts(summaries).items(),
                                                     key=lambda item: -item[1])],
            },
            "flag_labels": {key: self.gettext(label) for key, label in rules.FLAG_LABELS.items()},
        }

    @download_handler
    def export(self, request):
        """Staff: CSV of participation, observations or reflections, or everything as JSON."""
        what = request.GET.get("what", "all")
        fmt = request.GET.get("format", "json" if what == "all" else "csv")
        if what not in EXPORTS:
            raise Invalid(_("what must be one of: participation, observations, reflections, all."),
                          field="what")
        if fmt not in ("csv", "json") or (what == "all" and fmt == "csv"):
            raise Invalid(_("format must be csv (for one table) or json."), field="format")
        _storage, cycle_request, workspaces = self._all_workspaces()
        basename = f"lessonstudy-{what}-{file_slug(self.scope_ids.usage_id)}"
        if fmt == "json":
            document = self._export_document(cycle_request, workspaces, what)
            body = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
            response = Response(body=body, content_type="application/json", charset="utf-8")
            response.headers["Content-Disposition"] = (
                f'attachment; filename="{basename}-{date.today().isoformat()}.json"')
            return response
        header, rows = getattr(self, f"_{what}_table")(cycle_request, workspaces)
        return csv_download(header, rows, basename)

    def _participation_table(self, _request, workspaces):
        header = [self.gettext(t) for t in (
            "Group", "School", "Cycle", "Phase", "Participant", "Username", "Role", "Plan revisions",
            "Observations", "Reflection posts", "Lessons learned saves", "Last activity (UTC)")]
        rows = []
        for workspace in workspaces:
            for member in rules.member_rows(workspace):
                counts = member["counts"]
                rows.append([workspace.entry.name, workspace.entry.school, workspace.cycle,
                             workspace.state["phase"], member["name"], member["username"],
                             self._role_labels(member["roles"]), counts["plan_revisions"], counts["observations"],
                             counts["reflection_posts"], counts["lessons_learned"],
                             rules.iso_time(member["last_activity"])])
        return header, rows

    def _observations_table(self, request, workspaces):
        labels = {c["id"]: c["label"] for c in request.config["focus_categories"]}
        header = [self.gettext(t) for t in (
            "Group", "School", "Cycle", "Time (UTC)", "Lesson minute", "Observer", "Kind", "Focus",
            "Student or group", "Evidence", "Interpretation", "Link", "Plan step", "From", "To",
            "Interaction", "Lesson mode", "Video time (s)", "Entry id")]
        rows = []
        for workspace in workspaces:
            for cycle in range(1, workspace.cycle + 1):
                for entry in workspace.observations(cycle):
                    rows.append([workspace.entry.name, workspace.entry.school, cycle,
                                 rules.iso_time(entry["at"]), entry.get("minute"),
                                 workspace.names.get(entry.get("by"), ""), entry.get("kind"),
                                 labels.get(entry.get("focus"), entry.get("focus")), entry.get("target"),
                                 entry.get("evidence"), entry.get("interpretation"), entry.get("link"),
                                 entry.get("step_id"), entry.get("from"), entry.get("to"),
                                 entry.get("interaction"), entry.get("mode"), entry.get("video_time"),
                                 entry["id"]])
        return header, rows

    def _reflections_table(self, _request, workspaces):
        header = [self.gettext(t) for t in (
            "Group", "School", "Cycle", "Time (UTC)", "Author", "Kind", "Text", "Cited observations",
            "Cited plan steps", "In reply to", "Post id")]
        rows = []
        for workspace in workspaces:
            for cycle in range(1, workspace.cycle + 1):
                for post in workspace.posts(cycle):
                    rows.append([workspace.entry.name, workspace.entry.school, cycle,
                                 rules.iso_time(post["at"]), workspace.names.get(post.get("by"), ""),
                                 post["kind"], post["text"], " ".join(post.get("cites", [])),
                                 " ".join(post.get("cites_steps", [])), post.get("parent_id") or "",
                                 post["id"]])
                lessons = workspace.lessons_view(cycle)
                if lessons["revision"]:
                    rows.append([workspace.entry.name, workspace.entry.school, cycle,
                                 rules.iso_time(lessons["saved_at"]), lessons["author"]["name"],
                                 "lessons_learned", "\n".join(lessons["items"]) + (
                                     "\n\n" + lessons["revisions"] if lessons["revisions"] else ""),
                                 "", "", "", lessons["revision"]])
        return header, rows

    def _export_document(self, request, workspaces, what):
        """Everything of every group, cycle by cycle (the JSON export)."""
        groups = []
        for workspace in workspaces:
            summary = rules.group_summary(workspace, self.phase_dates or {})
            summary["cycles"] = [self._cycle_document(request, workspace, cycle)
                                 for cycle in range(1, workspace.cycle + 1)]
            groups.append(summary)
        return {"block": str(self.scope_ids.usage_id), "display_name": self.display_name,
                "exported": datetime.now(timezone.utc).isoformat(timespec="seconds"), "what": what,
                "focus_categories": request.config["focus_categories"], "groups": groups}

    @staticmethod
    def _cycle_document(request, workspace, cycle):
        revisions = workspace.plan_revisions()
        sections = []
        for section in request.config["template"]:
            view = plan.section_view(section, revisions.get(section["id"], {}), cycle)
            view["author"] = workspace.person(view["author"])
            view["comments"] = workspace.comments("section", section["id"], cycle)
            sections.append(view)
        entries = workspace.observations(cycle)
        return {
            "number": cycle, "plan": sections,
            "lesson": workspace.lesson_view(sections, entries),
            "video_url": workspace.video_url(cycle),
            "observations": [workspace.entry_view(e) for e in entries],
            "posts": [workspace.post_view(p) for p in workspace.posts(cycle)],
            "lessons_learned": workspace.lessons_view(cycle),
        }

    @download_handler
    def program_report(self, request):  # pylint: disable=unused-argument
        """Staff: a printable report of every group and cycle (HTML laid out for paper)."""
        _storage, cycle_request, workspaces = self._all_workspaces()
        categories = cycle_request.config["focus_categories"]
        labels = {c["id"]: c["label"] for c in categories}
        groups = []
        for number, workspace in enumerate(workspaces, start=1):
            summary = rules.group_summary(workspace, self.phase_dates or {})
            for member in summary["members"]:
                member["role_labels"] = self._role_labels(member["roles"])
            summary["phase_label"] = self.gettext(PHASE_LABELS[summary["cycle"]["phase"]])
            cycles = []
            for cycle in range(1, workspace.cycle + 1):
                document = self._cycle_document(cycle_request, workspace, cycle)
                counts = {}
                for entry in document["observations"]:
                    if entry.get("focus"):
                        counts[entry["focus"]] = counts.get(entry["focus"], 0) + 1
                document["focus_counts"] = [(labels.get(k, k), v) for k, v in sorted(counts.items())]
                document["lesson_report"] = self._lesson_report(document, labels)
                document["lesson_chart_id"] = f"lesson-data-{number}-{cycle}"
                document["lesson_chart_data"] = self._lesson_chart_data(document, categories)
                cycles.append(document)
            groups.append({"summary": summary, "cycles": cycles})
        printed = self.strftime(date.today(), "LONG_DATE")
        html = loader.render_django_template(
            "templates/report.html",
            {"title": self.display_name, "groups": groups, "today": printed,
             "language": self.ui_language(), "catalog": self.js_catalog(),
             # Our own static files, inlined so the report draws its charts with the same code.
             "charts_js": "\n".join(loader.load_unicode(path) for path in (
                 "static/js/core/dom.js", "static/js/core/video.js", "static/js/cycle/charts.js")),
             "charts_css": loader.load_unicode("static/css/lesson_charts.css")},
            i18n_service=self.i18n_service())
        return Response(body=html.encode("utf-8"), content_type="text/html", charset="utf-8")

    def _lesson_report(self, document, labels):
        """Anticipated vs. observed of one cycle as the report prints it: the comparison table, and
        the rows of the timeline's and the interaction map's data tables, in the reader's words."""
        gettext, lesson = self.gettext, document["lesson"]
        entries = {entry["id"]: entry for entry in document["observations"]}
        steps = lesson["comparison"]["steps"]
        titles = {}
        for n, step in enumerate(steps, start=1):
            activity = step["activity"] or ""
            activity = activity if len(activity) <= 60 else activity[:59] + "…"
            titles[step["id"]] = (gettext("Step %(n)s: %(activity)s") % {"n": n, "activity": activity}
                                  if activity else gettext("Step %(n)s") % {"n": n})
        schedule = {span["id"]: span for span in lesson["schedule"]}

        def focus_label(key):
            if key in labels:
                return labels[key]
            return gettext("Interaction") if key == "interaction" else key or gettext("No focus given")

        def kind_label(kind):
            return gettext(INTERACTION_LABELS[kind]) if kind in INTERACTION_LABELS else kind or ""

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
            return gettext(MODE_LABELS[mode]) if mode in MODE_LABELS else mode or "–"

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
                "anticipated": step["anticipated"], "support": step["support"], "minutes": minutes,
                "count": step["count"], "no_evidence": step["no_evidence"],
                "focus": [{"label": focus_label(group["id"]), "count": group["count"],
                           "entries": [{"what": what(entries[i]) if i in entries else line(None, i),
                                        "meta": meta(entries[i]) if i in entries else ""}
                                       for i in group["entries"]]}
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

    def _lesson_chart_data(self, document, categories):
        """What cycle/charts.js needs to draw a cycle's timeline and map in the report."""
        seating = [{"id": s["id"], "type": s["type"], "content": s["content"]}
                   for s in document["plan"] if s["id"] == document["lesson"]["seating_section"]]
        entries = [dict({key: entry.get(key) for key in CHART_ENTRY_FIELDS},
                        author={"name": (entry.get("author") or {}).get("name", "")})
                   for entry in document["observations"]]
        return {"lesson": document["lesson"], "observations": entries, "focus_categories": categories,
                "sections": seating, "video_url": document["video_url"], "labels": self.labels()}

    def _role_labels(self, roles):
        """Role ids as the reader's words (``guru model, pengamat`` in Indonesian)."""
        return ", ".join(self.gettext(ROLE_LABELS.get(role, role)) for role in roles)

    def generate_report_data(self, user_state_iterator, limit_responses=None):
        """Rows for the instructor dashboard's response report: each observation and post.

        The iterator yields each learner's stored state of this block; the
        report lists what they wrote (their own journal only).
        """
        count = 0
        for user_state in user_state_iterator:
            for record in (user_state.state or {}).get("journal", []):
                if record.get("type") not in ("observation", "post", "lessons"):
                    continue
                if limit_responses is not None and count >= limit_responses:
                    return
                count += 1
                if record["type"] == "observation":
                    answer = record.get("evidence") or ""
                elif record["type"] == "post":
                    answer = record.get("text") or ""
                else:
                    answer = "\n".join(record.get("content", {}).get("items", []))
                yield user_state.username, {
                    "Question": self.display_name, "Kind": record.get("kind") or record["type"],
                    "Group": record.get("group_id"), "Cycle": record.get("cycle"),
                    "Answer": answer, "Time": rules.iso_time(record.get("at")),
                }

