"""A plan section's history: its revisions, and what changed between two of them.

Differences are computed with Python's ``difflib`` on sentences for text and
on labelled lines for the other section types (a field, a table cell, a row
of seats), so a teacher sees which sentences were added or removed.

The cost is bounded: the common beginning and end are set aside in linear
time, and ``difflib`` (quadratic, worse on repetitive text) compares at most
:data:`MAX_DIFF_PAIRS` pairs of pieces. A change too large for that is
compared by paragraph (a line of text, a table row), and when even that is
too large, as a whole (everything removed, everything added), with a note.
"""

import difflib
import re

from .errors import NotFound, _

SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")

#: Pieces compared pairwise at most (sentences before x sentences after, once the common
#: beginning and end are set aside): about 0.2 s of CPU for the worst input on a 2-core server.
MAX_DIFF_PAIRS = 250 * 250
#: Revisions one ``plan_history`` answer lists at most (the page size without ``limit``).
HISTORY_PAGE = 20
MAX_HISTORY_PAGE = 100

#: How a comparison was made, and the note shown when it is coarser than sentences.
GRANULARITY_NOTES = {
    "sentence": None,
    "paragraph": _("The changes are too many to compare sentence by sentence: they are shown by "
                   "paragraph."),
    "whole": _("The changes are too many to compare in parts: the whole earlier text and the whole "
               "later text are shown."),
}


def revisions(records):
    """Every revision of a section (any cycle), newest first, for reading the history."""
    ordered = sorted(records, key=lambda r: (r["at"], r["id"]), reverse=True)
    return [{"revision": r["id"], "cycle": r["cycle"], "author": r.get("by"), "saved_at": r["at"],
             "base": r.get("base"), "content": r["content"]} for r in ordered]


def page(listed, before=None, limit=HISTORY_PAGE):
    """A page of ``listed`` (newest first): up to ``limit`` revisions older than the revision
    ``before`` (from the newest without it); ``(page, more)``."""
    start = 0
    if before is not None:
        start = next((i for i, r in enumerate(listed) if r["revision"] == before), None)
        if start is None:
            raise NotFound(_("This section has no revision %(id)s."), field="before", params={"id": before})
        start += 1
    return listed[start:start + limit], len(listed) > start + limit


def units(content, section):
    """The pieces of a content that a diff compares, as strings."""
    kind = section["type"]
    if kind == "text":
        return [piece.strip() for piece in SENTENCE.findall(content or "") if piece.strip()]
    if kind == "fields":
        labels = {field["id"]: field["label"] for field in section.get("fields", [])}
        return [f"{labels.get(key, key)}: {value}" for key, value in (content or {}).items() if value]
    if kind == "table":
        columns = [column["label"] for column in section.get("columns", [])]
        lines = []
        for row in (content or {}).get("rows", []):
            for column, cell in zip(columns, row.get("cells", [])):
                for sentence in SENTENCE.findall(cell or ""):
                    if sentence.strip():
                        lines.append(f"{row['id']} · {column}: {sentence.strip()}")
            if row.get("minutes") is not None:
                lines.append(f"{row['id']} · minutes: {row['minutes']}")
        return lines
    return [" | ".join(line) for line in (content or {}).get("labels", [])]


def paragraphs(content, section):
    """Coarser pieces: a line of text, a whole table row, a field, a row of seats."""
    kind = section["type"]
    if kind == "text":
        return [line.strip() for line in (content or "").split("\n") if line.strip()]
    if kind == "table":
        columns = [column["label"] for column in section.get("columns", [])]
        return [f"{row['id']} · " + "; ".join(f"{column}: {cell}" for column, cell
                                              in zip(columns, row.get("cells", [])) if cell)
                for row in (content or {}).get("rows", [])]
    return units(content, section)


def compare(before, after, section):
    """``[{"op": "equal"|"insert"|"delete", "text"}]`` turning ``before`` into ``after``."""
    return compare_bounded(before, after, section)[0]


def compare_bounded(before, after, section):
    """``(diff, granularity)``: the diff by sentence when that fits :data:`MAX_DIFF_PAIRS`, else
    by paragraph, else as a whole; ``granularity`` names which (see :data:`GRANULARITY_NOTES`)."""
    for granularity, pieces in (("sentence", units), ("paragraph", paragraphs)):
        diff = _diff(pieces(before, section), pieces(after, section))
        if diff is not None:
            return diff, granularity
    old, new = paragraphs(before, section), paragraphs(after, section)
    return ([{"op": "delete", "text": "\n".join(old)}] if old else []) + \
        ([{"op": "insert", "text": "\n".join(new)}] if new else []), "whole"


def _diff(old, new):
    """The diff of two lists of pieces, or None when their differing middle is too large."""
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    middle_old, middle_new = old[head:len(old) - tail], new[head:len(new) - tail]
    if len(middle_old) * len(middle_new) > MAX_DIFF_PAIRS:
        return None
    result = [{"op": "equal", "text": text} for text in old[:head]]
    matcher = difflib.SequenceMatcher(a=middle_old, b=middle_new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            result += [{"op": "equal", "text": text} for text in middle_old[i1:i2]]
            continue
        result += [{"op": "delete", "text": text} for text in middle_old[i1:i2]]
        result += [{"op": "insert", "text": text} for text in middle_new[j1:j2]]
    return result + [{"op": "equal", "text": text} for text in old[len(old) - tail:]]
