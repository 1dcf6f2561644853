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


#: The words a comparison is written in (the handler passes them translated).
WORDS = {
    "step": _("Step %(n)s"),
    "step_named": _("Step %(n)s (%(activity)s)"),
    "minutes": _("%(minutes)s minutes"),
    "minutes_changed": _("%(before)s → %(after)s minutes"),
    "seats": _("Row %(n)s of seats"),
}


def units(content, section, words=None, labels=None):
    """The pieces of a content that a diff compares: ``[(key, text)]``. The key is stable (row
    and column ids) so that a reworded label never looks like a change; the text names what the
    viewer reads (step number and activity, column and field labels)."""
    words = {**WORDS, **(words or {})}
    kind = section["type"]
    if kind == "text":
        return [(piece.strip(), piece.strip()) for piece in SENTENCE.findall(content or "") if piece.strip()]
    if kind == "fields":
        names = {field["id"]: field["label"] for field in section.get("fields", [])}
        return [(f"{key}\x1f{value}", f"{names.get(key, key)}: {value}")
                for key, value in (content or {}).items() if value]
    if kind == "table":
        columns = section.get("columns", [])
        labels = labels or row_labels(content, content, words)
        lines = []
        for row in (content or {}).get("rows", []):
            label = labels.get(row["id"], row["id"])
            for column, cell in zip(columns, row.get("cells", [])):
                for sentence in SENTENCE.findall(cell or ""):
                    if sentence.strip():
                        lines.append((f"{row['id']}\x1f{column['id']}\x1f{sentence.strip()}",
                                      f"{label} · {column['label']}: {sentence.strip()}"))
            if row.get("minutes") is not None:
                lines.append((f"{row['id']}\x1fminutes\x1f{row['minutes']}",
                              f"{label}: " + words["minutes"] % {"minutes": row["minutes"]}))
        return lines
    return [(" | ".join(line), (words["seats"] % {"n": n}) + ": " + " | ".join(line))
            for n, line in enumerate((content or {}).get("labels", []), start=1)]


def row_labels(before, after, words):
    """``{row id: "Step 2 (Fold strips)"}``: numbered as in the later content (rows only in the
    earlier one as there), with the start of the row's activity (its first cell)."""
    labels = {}
    for content in (after, before):
        for n, row in enumerate((content or {}).get("rows", []), start=1):
            if row["id"] in labels:
                continue
            activity = ((row.get("cells") or [""])[0] or "").strip().split("\n")[0]
            activity = activity if len(activity) <= 40 else activity[:39].rstrip() + "…"
            labels[row["id"]] = (words["step_named"] % {"n": n, "activity": activity} if activity
                                 else words["step"] % {"n": n})
    return labels


def paragraphs(content, section, words=None, labels=None):
    """Coarser pieces: a line of text, a whole table row, a field, a row of seats."""
    words = {**WORDS, **(words or {})}
    kind = section["type"]
    if kind == "text":
        return [(line.strip(), line.strip()) for line in (content or "").split("\n") if line.strip()]
    if kind == "table":
        columns = section.get("columns", [])
        labels = labels or row_labels(content, content, words)
        pieces = []
        for row in (content or {}).get("rows", []):
            text = "; ".join(f"{column['label']}: {cell}" for column, cell in zip(columns, row.get("cells", []))
                             if cell)
            pieces.append((f"{row['id']}\x1f{text}", f"{labels.get(row['id'], row['id'])} · {text}"))
        return pieces
    return units(content, section, words)


def compare(before, after, section, words=None):
    """``[{"op": "equal"|"insert"|"delete"|"change", "text"}]`` turning ``before`` into ``after``."""
    return compare_bounded(before, after, section, words)[0]


def compare_bounded(before, after, section, words=None):
    """``(diff, granularity)``: the diff by sentence when that fits :data:`MAX_DIFF_PAIRS`, else
    by paragraph, else as a whole; ``granularity`` names which (see :data:`GRANULARITY_NOTES`).
    A step's planned minutes that changed read as one ``change``: "Step 2: 55 → 65 minutes"."""
    words = {**WORDS, **(words or {})}
    labels = row_labels(before, after, words) if section["type"] == "table" else None
    for granularity, pieces in (("sentence", units), ("paragraph", paragraphs)):
        diff = _diff(pieces(before, section, words, labels), pieces(after, section, words, labels))
        if diff is not None:
            return _minutes_changed(diff, labels, words), granularity
    old = [text for _key, text in paragraphs(before, section, words, labels)]
    new = [text for _key, text in paragraphs(after, section, words, labels)]
    return ([{"op": "delete", "text": "\n".join(old)}] if old else []) + \
        ([{"op": "insert", "text": "\n".join(new)}] if new else []), "whole"


def _minutes_changed(diff, labels, words):
    """A removed and an added planned duration of the same step, as one change (and every part
    without the keys it was compared by)."""
    if not labels:
        return [{"op": part["op"], "text": part["text"]} for part in diff]

    def minutes(part):  # ``(row id, minutes)`` of a planned duration's piece, else None
        fields = part["key"].split("\x1f")
        return (fields[0], fields[2]) if len(fields) == 3 and fields[1] == "minutes" else None

    removed = {minutes(part)[0]: minutes(part)[1] for part in diff if part["op"] == "delete" and minutes(part)}
    result = []
    for part in diff:
        found = minutes(part)
        if found and found[0] in removed and part["op"] in ("delete", "insert"):
            if part["op"] == "delete":
                continue
            result.append({"op": "change", "text": f"{labels.get(found[0], found[0])}: " + words[
                "minutes_changed"] % {"before": removed[found[0]], "after": found[1]}})
            continue
        result.append({"op": part["op"], "text": part["text"]})
    return result


def _diff(old, new):
    """The diff of two lists of ``(key, text)`` pieces (compared by key), or None when their
    differing middle is too large."""
    old_keys, new_keys = [key for key, _text in old], [key for key, _text in new]
    head = 0
    while head < min(len(old), len(new)) and old_keys[head] == new_keys[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old_keys[-1 - tail] == new_keys[-1 - tail]:
        tail += 1
    middle_old, middle_new = old[head:len(old) - tail], new[head:len(new) - tail]
    if len(middle_old) * len(middle_new) > MAX_DIFF_PAIRS:
        return None

    def part(op, piece):
        return {"op": op, "text": piece[1], "key": piece[0]}

    result = [part("equal", piece) for piece in new[:head]]
    matcher = difflib.SequenceMatcher(a=[key for key, _text in middle_old], b=[key for key, _text in middle_new],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            result += [part("equal", piece) for piece in middle_new[j1:j2]]
            continue
        result += [part("delete", piece) for piece in middle_old[i1:i2]]
        result += [part("insert", piece) for piece in middle_new[j1:j2]]
    return result + [part("equal", piece) for piece in new[len(new) - tail:]]
