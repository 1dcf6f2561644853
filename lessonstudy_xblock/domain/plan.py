"""The lesson plan: its template, the four section types, and section saves.

A template is a list of sections ``{"id", "title", "type", "guidance", ...}``
of four types, and a section's ``content`` has one shape per type:

* ``text``: plain text, line breaks kept (never HTML);
* ``fields``: ``{field_id: text}`` for the template's ``fields``;
* ``table``: ``{"columns": [labels], "rows": [{"id", "cells": [...], "minutes"}]}``
  for the template's ``columns``; each row keeps a stable id;
* ``grid``: ``{"rows", "columns", "labels": [[...]]}``, the seating chart.
"""

import json
import re

from . import validation as check
from .errors import Conflict, Forbidden, Invalid, NotFound, TooLarge, _
from .revisions import RevisionLog

SECTION_TYPES = ("text", "fields", "table", "grid")

MAX_TEXT = 20000          # characters of a text section or a table cell
MAX_FIELD = 2000          # characters of one named field
MAX_ROWS = 60             # rows of a table
MAX_MINUTES = 600         # planned minutes of one step
MAX_GRID = 20             # rows or columns of a seating chart
MAX_LABEL = 40            # characters of a seat label
MAX_SECTION_BYTES = 100_000  # a section's content, as JSON
ROW_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")

#: The default template: the research lesson plan in the shape of the
#: Indonesian RPP. Titles and guidance are English source strings, translated
#: when shown.
DEFAULT_TEMPLATE = [
    {
        "id": "identity", "type": "fields", "title": _("Identity"),
        "guidance": _("Who teaches what, where and when."),
        "fields": [
            {"id": "school", "label": _("School")},
            {"id": "subject", "label": _("Subject")},
            {"id": "class", "label": _("Class")},
            {"id": "topic", "label": _("Topic")},
            {"id": "date", "label": _("Date")},
            {"id": "time_allocation", "label": _("Time allocation")},
        ],
    },
    {
        "id": "objectives", "type": "text", "title": _("Learning objectives"),
        "guidance": _("What students should understand or be able to do by the end of the lesson."),
    },
    {
        "id": "materials", "type": "text", "title": _("Materials and learning tools (LKPD)"),
        "guidance": _("Student worksheets (LKPD), media and tools the lesson uses."),
    },
    {
        "id": "steps", "type": "table", "title": _("Learning steps"),
        "guidance": _("For each step, the activity and key questions, how students may respond, "
                      "how the teacher will support them, and what observers should watch."),
        "columns": [
            {"id": "activity", "label": _("Activity and key questions")},
            {"id": "anticipated", "label": _("Anticipated student responses")},
            {"id": "support", "label": _("Teacher support")},
            {"id": "observe", "label": _("What to observe")},
        ],
        "rows": [
            {"id": "opening", "cells": [_("Opening"), "", "", ""], "minutes": 10},
            {"id": "core", "cells": [_("Core activity"), "", "", ""], "minutes": 50},
            {"id": "closing", "cells": [_("Closing"), "", "", ""], "minutes": 10},
        ],
    },
    {
        "id": "assessment", "type": "text", "title": _("Assessment"),
        "guidance": _("How you will know what students learned."),
    },
    {
        "id": "observation_focus", "type": "text", "title": _("Observation focus for observers"),
        "guidance": _("Which students or groups each observer watches, and what to look for."),
    },
    {
        "id": "seating", "type": "grid", "title": _("Seating chart"),
        "guidance": _("Seats or student groups, with codes rather than children's names."),
        "grid": {"rows": 4, "columns": 6},
    },
]


def empty_content(section):
    """The content of a section nobody has saved yet."""
    kind = section["type"]
    if kind == "text":
        return ""
    if kind == "fields":
        return {field["id"]: "" for field in section.get("fields", [])}
    if kind == "table":
        columns = section.get("columns", [])
        return {
            "columns": [column["label"] for column in columns],
            "rows": [
                {"id": row["id"], "cells": _fit(row.get("cells", []), len(columns)),
                 "minutes": row.get("minutes")}
                for row in section.get("rows", [])
            ],
        }
    grid = section.get("grid", {})
    rows, columns = grid.get("rows", 4), grid.get("columns", 6)
    return {"rows": rows, "columns": columns, "labels": default_seat_labels(rows, columns),
            "ids": positional_seat_ids(rows, columns)}


def default_seat_labels(rows, columns):
    """Pseudonymous seat codes: S01, S02... row by row (codes, not children's names: see the
    README on personal data)."""
    return [[f"S{r * columns + c + 1:02d}" for c in range(columns)] for r in range(rows)]


def positional_seat_ids(rows, columns):
    """The ids of the seats of a chart saved before seats had ids: ``r1c1``, ``r1c2``..."""
    return [[f"r{r + 1}c{c + 1}" for c in range(columns)] for r in range(rows)]


def with_seat_ids(content):
    """A seating chart's content with ``ids`` (a chart saved before seats had ids gets their
    positional ids, which its next save keeps)."""
    if not isinstance(content, dict) or not isinstance(content.get("labels"), list) or content.get("ids"):
        return content
    labels = content["labels"]
    columns = max((len(line) for line in labels), default=0)
    return dict(content, ids=positional_seat_ids(len(labels), columns))


def seats(content):
    """``{seat id: label}`` of a seating chart's content (labelled seats only)."""
    content = with_seat_ids(content)
    if not isinstance(content, dict) or "labels" not in content:
        return {}
    return {seat_id: label for id_line, label_line in zip(content["ids"], content["labels"])
            for seat_id, label in zip(id_line, label_line) if label.strip()}


def _fit(cells, width):
    cells = list(cells)[:width]
    return cells + [""] * (width - len(cells))


def validate_content(section, content):
    """Check ``content`` against the section's type; returns the cleaned content."""
    kind = section["type"]
    if kind == "text":
        content = _text(content, MAX_TEXT)
    elif kind == "fields":
        content = _fields(section, content)
    elif kind == "table":
        content = _table(section, content)
    else:
        content = _grid(content)
    if len(json.dumps(content, ensure_ascii=False).encode("utf-8")) > MAX_SECTION_BYTES:
        raise TooLarge(_("This section is too long to save (at most %(limit)s kB)."),
                       field="content", params={"limit": MAX_SECTION_BYTES // 1000})
    return content


def _text(value, limit, field="content"):
    """Plain text of at most ``limit`` characters (never HTML)."""
    if not isinstance(value, str):
        raise Invalid(_("The section text must be text."), field=field)
    if not check.storable(value):
        raise Invalid(_("The text contains a character that cannot be stored."), field=field)
    if len(value) > limit:
        raise TooLarge(_("The text is too long: at most %(limit)s characters."),
                       field=field, params={"limit": limit})
    return value.replace("\r\n", "\n")


def _fields(section, content):
    """The named values of a ``fields`` section."""
    if not isinstance(content, dict):
        raise Invalid(_("This section needs its named fields."), field="content")
    known = [field["id"] for field in section.get("fields", [])]
    unknown = sorted(set(content) - set(known))
    if unknown:
        raise Invalid(_("This section has no field named %(name)s."), field="content",
                      params={"name": unknown[0]})
    return {name: _text(content.get(name, ""), MAX_FIELD) for name in known}


def _table(section, content):
    """The rows of a ``table`` section, each with a stable id, its cells and planned minutes."""
    if not isinstance(content, dict) or not isinstance(content.get("rows"), list):
        raise Invalid(_("A table needs its rows."), field="content")
    width = len(section.get("columns", []))
    rows = content["rows"]
    if len(rows) > MAX_ROWS:
        raise TooLarge(_("A table has at most %(limit)s rows."), field="content",
                       params={"limit": MAX_ROWS})
    cleaned, seen = [], set()
    for row in rows:
        if not isinstance(row, dict):
            raise Invalid(_("Each table row must be an object with an id and cells."), field="content")
        row_id = row.get("id")
        if not isinstance(row_id, str) or not ROW_ID.fullmatch(row_id) or row_id in seen:
            raise Invalid(_("Each table row needs its own id."), field="content")
        seen.add(row_id)
        cells = row.get("cells")
        if not isinstance(cells, list) or len(cells) != width:
            raise Invalid(_("Each row needs %(count)s cells."), field="content",
                          params={"count": width})
        minutes = row.get("minutes")
        if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int)
                                    or not 0 <= minutes <= MAX_MINUTES):
            raise Invalid(_("Planned minutes must be a whole number from 0 to %(max)s."),
                          field="content", params={"max": MAX_MINUTES})
        cleaned.append({"id": row_id, "cells": [_text(c, MAX_TEXT) for c in cells],
                        "minutes": minutes})
    return {"columns": [column["label"] for column in section.get("columns", [])], "rows": cleaned}


def _grid(content):
    """A seating chart: its size and the label of each seat."""
    if not isinstance(content, dict):
        raise Invalid(_("A seating chart needs rows, columns and labels."), field="content")
    rows, columns, labels = content.get("rows"), content.get("columns"), content.get("labels")
    for value in (rows, columns):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_GRID:
            raise Invalid(_("A seating chart has 1 to %(max)s rows and columns."),
                          field="content", params={"max": MAX_GRID})
    if (not isinstance(labels, list) or len(labels) != rows
            or any(not isinstance(line, list) or len(line) != columns for line in labels)):
        raise Invalid(_("The seat labels must fill the chart's rows and columns."), field="content")
    return {"rows": rows, "columns": columns,
            "labels": [[_text(label, MAX_LABEL) for label in line] for line in labels],
            "ids": _seat_ids(content.get("ids"), rows, columns)}


SEAT_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


def _seat_ids(ids, rows, columns):
    """Each seat's stable id (entries point at seats by id, so a seat keeps its entries when the
    chart is resized or relabelled): the ids given, the positional one for a seat without."""
    given = ids if isinstance(ids, list) else []
    taken, result = set(), []
    for r in range(rows):
        line = given[r] if r < len(given) and isinstance(given[r], list) else []
        result.append([])
        for c in range(columns):
            seat_id = line[c] if c < len(line) else None
            if seat_id is not None and (not isinstance(seat_id, str) or not SEAT_ID.fullmatch(seat_id)):
                raise Invalid(_("A seat id has letters, digits, '-' and '_' (at most 40)."), field="content")
            if seat_id in taken:
                raise Invalid(_("Two seats of the chart have the id %(id)s."), field="content", params={"id": seat_id})
            result[r].append(seat_id)
            if seat_id:
                taken.add(seat_id)
    for r, line in enumerate(result):
        for c, seat_id in enumerate(line):
            if not seat_id:
                candidate, n = f"r{r + 1}c{c + 1}", 1
                while candidate in taken:
                    n += 1
                    candidate = f"r{r + 1}c{c + 1}-{n}"
                line[c] = candidate
                taken.add(candidate)
    return result


def find_section(template, section_id):
    """The template section with this id (404 when there is none)."""
    for section in template:
        if section["id"] == section_id:
            return section
    raise NotFound(_("This plan has no section %(id)s."), field="section_id",
                   params={"id": section_id})


def section_view(section, revisions_by_cycle, cycle):
    """One section as the browser sees it, for ``cycle``.

    ``revisions_by_cycle`` maps a cycle number to that cycle's revision
    records of this section. A cycle with no save yet starts from the newest
    text of an earlier cycle (the plan is carried over), with revision None.
    """
    log = RevisionLog(revisions_by_cycle.get(cycle, []))
    head = log.head()
    view = {key: section.get(key) for key in ("id", "title", "type", "guidance")}
    for key in ("fields", "columns", "grid"):
        if key in section:
            view[key] = section[key]
    if head is None:
        view.update(content=with_seat_ids(carried_content(section, revisions_by_cycle, cycle)),
                    revision=None, author=None, saved_at=None, conflicts=[])
    else:
        view.update(content=with_seat_ids(head["content"]), revision=head["id"], author=head.get("by"),
                    saved_at=head["at"],
                    conflicts=[{"revision": r["id"], "content": r["content"], "author": r.get("by"),
                                "saved_at": r["at"]} for r in log.conflicts()])
    return view


def carried_content(section, revisions_by_cycle, cycle):
    """The newest text of an earlier cycle, or the template's empty content."""
    for earlier in range(cycle - 1, 0, -1):
        head = RevisionLog(revisions_by_cycle.get(earlier, [])).head()
        if head is not None:
            return head["content"]
    return empty_content(section)


def table_row_ids(template, revisions_by_section, cycle):
    """Ids of every row of every table section in ``cycle`` (for citing steps)."""
    ids = set()
    for section in template:
        if section["type"] == "table":
            view = section_view(section, revisions_by_section.get(section["id"], {}), cycle)
            ids.update(row["id"] for row in view["content"].get("rows", []))
    return ids


SECTION_ID = re.compile(r"^[a-z0-9_-]{1,40}$")
MAX_SECTIONS = 30
MAX_TITLE = 200
MAX_GUIDANCE = 10000
MAX_COLUMNS = 8
MAX_FIELDS = 20


def clean_template(raw):
    """An authored template (from Studio or OLX) checked and normalised; raises :class:`Invalid`.

    Guidance is returned as given: the block sanitises rich text.
    """
    if not isinstance(raw, list):
        raise Invalid(_("The template must be a list of sections."), field="template")
    if len(raw) > MAX_SECTIONS:
        raise Invalid(_("A template has at most %(limit)s sections."), field="template",
                      params={"limit": MAX_SECTIONS})
    sections, seen = [], set()
    for number, item in enumerate(raw, start=1):
        try:
            sections.append(_clean_section(item, number, seen))
        except Invalid as error:
            error.extra.setdefault("section", number)
            raise
    return sections


def _clean_section(item, number, seen):
    """One section of an authored template, checked and normalised."""
    def fail(message, **params):
        raise Invalid(message, field="template", params=dict(params, n=number))

    if not isinstance(item, dict):
        fail(_("Section %(n)s is not a section."))
    section_id = item.get("id")
    if not isinstance(section_id, str) or not SECTION_ID.fullmatch(section_id) or section_id in seen:
        fail(_("Section %(n)s needs its own id of letters a-z, digits, '-' or '_'."))
    seen.add(section_id)
    kind = item.get("type")
    if kind not in SECTION_TYPES:
        fail(_("Section %(n)s has an unknown type."))
    title, guidance = item.get("title", ""), item.get("guidance", "") or ""
    if not isinstance(title, str) or not title.strip() or len(title) > MAX_TITLE:
        fail(_("Section %(n)s needs a title of at most %(limit)s characters."), limit=MAX_TITLE)
    if not isinstance(guidance, str) or len(guidance) > MAX_GUIDANCE:
        fail(_("Section %(n)s: the guidance is too long."))
    section = {"id": section_id, "type": kind, "title": title.strip(), "guidance": guidance}
    if kind == "fields":
        section["fields"] = _labelled(
            item.get("fields"), MAX_FIELDS, number,
            _("Section %(n)s needs 1 to %(limit)s fields."),
            _("Section %(n)s: every field needs its own id and a label."))
    if kind == "table":
        section["columns"] = _labelled(
            item.get("columns"), MAX_COLUMNS, number,
            _("Section %(n)s needs 1 to %(limit)s columns."),
            _("Section %(n)s: every column needs its own id and a label."))
        rows = item.get("rows") or []
        if not isinstance(rows, list) or len(rows) > MAX_ROWS:
            fail(_("Section %(n)s has too many starting rows."))
        section["rows"] = []
        row_ids = set()
        for row in rows:
            if not isinstance(row, dict) or not isinstance(row.get("id"), str) \
                    or not ROW_ID.fullmatch(row["id"]) or row["id"] in row_ids:
                fail(_("Section %(n)s: every starting row needs its own id."))
            row_ids.add(row["id"])
            cells = row.get("cells") or []
            if not isinstance(cells, list) or len(cells) > len(section["columns"]) \
                    or not all(isinstance(c, str) and len(c) <= MAX_TEXT for c in cells):
                fail(_("Section %(n)s: a starting row has more cells than columns."))
            minutes = row.get("minutes")
            if isinstance(minutes, str) and minutes.isdigit():
                minutes = int(minutes)
            if minutes in ("", None):
                minutes = None
            elif isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 <= minutes <= MAX_MINUTES:
                fail(_("Section %(n)s: planned minutes must be a whole number from 0 to %(max)s."),
                     max=MAX_MINUTES)
            section["rows"].append({"id": row["id"], "cells": _fit(cells, len(section["columns"])),
                                    "minutes": minutes})
    if kind == "grid":
        grid = item.get("grid") or {}
        size = []
        for key in ("rows", "columns"):
            value = grid.get(key) if isinstance(grid, dict) else None
            if isinstance(value, str) and value.isdigit():
                value = int(value)
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_GRID:
                fail(_("Section %(n)s: a seating chart has 1 to %(max)s rows and columns."), max=MAX_GRID)
            size.append(value)
        section["grid"] = {"rows": size[0], "columns": size[1]}
    return section


def _is_labelled_item(item, seen):
    """An ``{"id", "label"}`` with a new id of the allowed letters and a label of allowed length."""
    if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not SECTION_ID.fullmatch(item["id"]):
        return False
    label = item.get("label")
    return item["id"] not in seen and isinstance(label, str) and bool(label.strip()) and len(label) <= MAX_TITLE


def _labelled(items, limit, number, count_message, item_message):
    """``[{"id", "label"}]`` with unique ids (fields of a fields section, columns of a table)."""
    if not isinstance(items, list) or not items or len(items) > limit:
        raise Invalid(count_message, field="template", params={"n": number, "limit": limit})
    cleaned, seen = [], set()
    for item in items:
        if not _is_labelled_item(item, seen):
            raise Invalid(item_message, field="template", params={"n": number})
        seen.add(item["id"])
        cleaned.append({"id": item["id"], "label": item["label"].strip()})
    return cleaned


def template_problems(template):
    """What would break for learners, for ``validate()`` (English source strings)."""
    found = []
    if not template:
        found.append((_("The plan template has no section."), {}))
    for section in template:
        if section.get("type") == "table" and not section.get("columns"):
            found.append((_("The table \"%(title)s\" has no column."), {"title": section.get("title")}))
    return found


def check_can_edit(is_member, locked):
    """Any member edits the plan while it is not locked (moving to Do locks it)."""
    if not is_member:
        raise Forbidden(_("Only members of the group edit the plan."))
    if locked:
        raise Conflict(_("The plan is locked for the open class. The model teacher or a "
                         "facilitator can unlock it."))
