"""The facilitator's handlers of the cycle workspace: overview, exports, program report.

Every handler here is for course staff (decided by the runtime's ``user`` service): it parses
the request and answers from a :class:`~.facilitation.Facilitation`, which reads every group.
The block provides ``cycle_request()``, ``labels()``, ``gettext`` and its settings.
"""

import json
from datetime import date
from urllib.parse import urlencode

from webob import Response
from xblock.utils.resources import ResourceLoader

from .domain import facilitator as rules
from .domain import journal as journals
from .domain.errors import Invalid, _
from .facilitation import Facilitation
from .handlers import download_handler, json_api
from .spreadsheet import csv_download, file_slug

loader = ResourceLoader(__name__)

EXPORTS = ("participation", "observations", "reflections", "all")


class FacilitatorMixin:
    """Staff handlers of :class:`~.cycle.CycleBlock`."""

    def facilitation(self):
        """Every group as facilitators see it, for this request (staff only)."""
        _storage, request = self.cycle_request()
        return Facilitation(request, gettext=self.gettext, phase_dates=self.phase_dates,
                            display_name=self.display_name, block_id=str(self.scope_ids.usage_id),
                            labels=self.labels())

    @json_api
    def facilitator_overview(self, payload):  # pylint: disable=unused-argument
        """Staff: every group with its cycle, phase, members, counts, flags and chart data."""
        return self.facilitation().overview()

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
        part = _part(request.GET)
        facilitation = self.facilitation()
        facilitation.part = part
        basename = f"lessonstudy-{what}-{file_slug(self.scope_ids.usage_id)}"
        if fmt == "json":
            document = facilitation.export_document(what)
            if part is not None:
                document.update(offset=part[0], total_groups=len(facilitation.request.groups()))
            body = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
            response = Response(body=body, content_type="application/json", charset="utf-8")
            response.headers["Content-Disposition"] = (
                f'attachment; filename="{basename}-{date.today().isoformat()}.json"')
            return response
        header, rows = getattr(facilitation, f"{what}_table")()
        # A later part of an export in parts carries rows only (the first has the header).
        return csv_download(header, rows, basename, header_row=part is None or part[0] == 0)

    @download_handler
    def program_report(self, request):
        """Staff: a printable report of every group and cycle (HTML laid out for paper)."""
        full = request.GET.get("detail") == "full"
        facilitation = self.facilitation()
        groups = facilitation.report_groups(full=full)
        html = loader.render_django_template(
            "templates/report.html",
            {"title": self.display_name, "groups": groups, "today": self.strftime(date.today(), "LONG_DATE"),
             "full": full, "summary": facilitation.program_summary(groups),
             # The other form of the report, keeping the rest of the query (the workbench names
             # its user there).
             "other_form": "?" + urlencode([(k, v) for k, v in request.GET.items() if k != "detail"]
                                           + ([] if full else [("detail", "full")])),
             "language": self.ui_language(), "catalog": self.js_catalog(),
             # Our own static files, inlined so the report draws its charts with the same code.
             "charts_js": "\n".join(loader.load_unicode(path) for path in (
                 "static/js/core/dom.js", "static/js/core/video.js", "static/js/cycle/charts.js",
                 "static/js/cycle/timeline.js", "static/js/cycle/interaction_map.js")),
             "charts_css": loader.load_unicode("static/css/lesson_charts.css")},
            i18n_service=self.i18n_service())
        return Response(body=html.encode("utf-8"), content_type="text/html", charset="utf-8")

    def generate_report_data(self, user_state_iterator, limit_responses=None):
        """Rows for the instructor dashboard's response report: each observation and post.

        The iterator yields each learner's stored state of this block; the
        report lists what they wrote (their own journal only).
        """
        count = 0
        for user_state in user_state_iterator:
            for record in journals.readable((user_state.state or {}).get("journal") or []):
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


#: Groups one part of an export in parts holds at most (the browser asks part by part).
MAX_EXPORT_PART = 50


def _part(query):
    """``(offset, limit)`` of an export in parts (``offset`` and ``limit`` in the query), or None
    for the whole export; refuses values that are not whole numbers in range."""
    if "offset" not in query and "limit" not in query:
        return None
    found = {}
    for name, low, high in (("offset", 0, 10**6), ("limit", 1, MAX_EXPORT_PART)):
        text = query.get(name, "")
        if not text.isdigit() or not low <= int(text) <= high:
            raise Invalid(_("%(field)s must be between %(min)s and %(max)s."), field=name,
                          params={"field": name, "min": low, "max": high})
        found[name] = int(text)
    return found["offset"], found["limit"]
