"""A plan section's history: its revisions, and what changed between two of them.

Differences are computed with Python's ``difflib`` on sentences for text and
on labelled lines for the other section types (a field, a table cell, a row
of seats), so a teacher sees which sentences were added or removed.
"""

import difflib
import re

SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")


def revisions(records):
    """Every revision of a section (any cycle), newest first, for reading the history."""
    ordered = sorted(records, key=lambda r: (r["at"], r["id"]), reverse=True)
    return [{"revision": r["id"], "cycle": r["cycle"], "author": r.get("by"), "saved_at": r["at"],
             "base": r.get("base"), "content": r["content"]} for r in ordered]


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


def compare(before, after, section):
    """``[{"op": "equal"|"insert"|"delete", "text"}]`` turning ``before`` into ``after``."""
    old, new = units(before, section), units(after, section)
    result = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            result += [{"op": "equal", "text": text} for text in old[i1:i2]]
            continue
        result += [{"op": "delete", "text": text} for text in old[i1:i2]]
        result += [{"op": "insert", "text": text} for text in new[j1:j2]]
    return result
