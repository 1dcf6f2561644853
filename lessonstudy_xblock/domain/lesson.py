"""The research lesson as taught: anticipated vs. observed, the timeline, the interaction map.

The learning-steps table of the plan says, step by step, what students were
expected to do (``anticipated`` column) and how the teacher would support
them (``support``), with planned minutes. Observation entries carry the
lesson minute, the step they belong to, and for interactions a ``from`` and
a ``to``. These functions put the two side by side.
"""

STEPS_SECTION = "steps"


def steps_table(template, sections_by_id):
    """``(section, content)`` of the plan's learning-steps table (the ``steps`` section, else the
    first table), or ``(None, None)``."""
    tables = [s for s in template if s["type"] == "table"]
    section = next((s for s in tables if s["id"] == STEPS_SECTION), tables[0] if tables else None)
    if section is None:
        return None, None
    return section, sections_by_id[section["id"]]["content"]


def schedule(rows):
    """Planned ``[{"id", "start", "end"}]`` minutes of the rows that have a duration, in order."""
    spans, clock = [], 0
    for row in rows:
        minutes = row.get("minutes")
        if minutes:
            spans.append({"id": row["id"], "start": clock, "end": clock + minutes})
            clock += minutes
    return spans


def suggested_step(rows, minute):
    """The step the lesson should be in at ``minute``, per the planned durations.

    None before the lesson (a negative minute) and when no step has a
    duration; after the last planned minute, the last step (the lesson ran
    over). Steps without a duration are never suggested.
    """
    spans = schedule(rows)
    if minute is None or minute < 0 or not spans:
        return None
    for span in spans:
        if span["start"] <= minute < span["end"]:
            return span["id"]
    return spans[-1]["id"]


def _cell(section, row, column_id):
    ids = [column["id"] for column in section.get("columns", [])]
    if column_id in ids and ids.index(column_id) < len(row.get("cells", [])):
        return row["cells"][ids.index(column_id)]
    return ""


def comparison(section, content, entries, categories):
    """For every step: what was anticipated and planned, beside the entries tied to it, by focus.

    Returns ``{"steps": [...], "without_step": n}``; a step with no entry has
    ``no_evidence: True``.
    """
    labels = {category["id"]: category["label"] for category in categories}
    notes = [e for e in entries if e.get("kind", "note") != "mode"]
    steps = []
    for row in content.get("rows", []) if content else []:
        tied = [e for e in notes if e.get("step_id") == row["id"]]
        by_focus = {}
        for entry in tied:
            key = entry.get("focus") or ("interaction" if entry.get("kind") == "interaction" else "")
            by_focus.setdefault(key, []).append(entry["id"])
        steps.append({
            "id": row["id"], "activity": _cell(section, row, "activity") or (row.get("cells") or [""])[0],
            "anticipated": _cell(section, row, "anticipated"), "support": _cell(section, row, "support"),
            "minutes": row.get("minutes"),
            "focus": [{"id": key, "label": labels.get(key, key), "count": len(ids), "entries": ids}
                      for key, ids in sorted(by_focus.items(), key=lambda item: -len(item[1]))],
            "count": len(tied), "no_evidence": not tied,
        })
    step_ids = {step["id"] for step in steps}
    return {"steps": steps, "without_step": sum(1 for e in notes if e.get("step_id") not in step_ids)}


def interaction_pairs(entries):
    """``[{"from", "to", "interaction", "count", "from_seat", "to_seat"}]`` of interaction
    entries, most frequent first: by seat when both ends are seats of the chart, else by text."""
    counts, names = {}, {}
    for entry in entries:
        if entry.get("kind") == "interaction" and entry.get("from") and entry.get("to"):
            ends = tuple(entry.get(seat) or "text:" + entry[text].strip()
                         for seat, text in (("from_seat", "from"), ("to_seat", "to")))
            key = ends + (entry.get("interaction", ""),)
            counts[key] = counts.get(key, 0) + 1
            names.setdefault(key, (entry["from"], entry["to"], entry.get("from_seat"), entry.get("to_seat")))
    order = sorted(counts, key=lambda key: (-counts[key], names[key][0], names[key][1], key[2], key))
    return [{"from": names[key][0], "to": names[key][1], "interaction": key[2], "count": counts[key],
             "from_seat": names[key][2], "to_seat": names[key][3]} for key in order]


def _norm(text):
    return " ".join(str(text or "").split()).lower()


def seat_for_text(text, seats):
    """The seat an entry named by text means: the seat whose label is the text (any case and
    spacing), else the one whose label's first word is it (the text ``S04`` for the label
    ``S04 B``); None when no seat, or several, match."""
    wanted = _norm(text)
    if not wanted:
        return None
    exact = [seat_id for seat_id, label in seats.items() if _norm(label) == wanted]
    if len(exact) == 1:
        return exact[0]
    first_word = [seat_id for seat_id, label in seats.items() if _norm(label).split(" ")[0] == wanted]
    return first_word[0] if len(first_word) == 1 else None


def linked_seats(entry, seats):
    """``{"seat", "from_seat", "to_seat"}`` of an entry: recorded by id, or linked by its text."""
    linked = {}
    for seat_field, text_field in (("seat", "target"), ("from_seat", "from"), ("to_seat", "to")):
        linked[seat_field] = entry.get(seat_field) or seat_for_text(entry.get(text_field), seats)
    return linked


def seat_counts(entries):
    """``{seat id: number of entries naming it}`` (as target, from or to; once per entry)."""
    counts = {}
    for entry in entries:
        for seat_id in {entry.get("seat"), entry.get("from_seat"), entry.get("to_seat")} - {None}:
            counts[seat_id] = counts.get(seat_id, 0) + 1
    return counts


def off_chart(entries):
    """``[{"text", "count"}]``: students entries named by text that no seat of the chart has."""
    counts = {}
    for entry in entries:
        for seat_field, text_field in (("seat", "target"), ("from_seat", "from"), ("to_seat", "to")):
            text = (entry.get(text_field) or "").strip()
            if text and not entry.get(seat_field):
                counts[text] = counts.get(text, 0) + 1
    return [{"text": text, "count": n} for text, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def seats_never_observed(seats, entries):
    """Labels of the seats no entry names: the students nobody saw (``seats``: ``{id: label}``
    of the chart; entries with their seats linked)."""
    seen = set(seat_counts(entries))
    return [label for seat_id, label in seats.items() if seat_id not in seen]


def timeline(rows, entries):
    """Planned steps, recorded lesson modes and observation marks, in lesson minutes."""
    modes = sorted(({"minute": e.get("minute"), "mode": e.get("mode"), "id": e["id"]}
                    for e in entries if e.get("kind") == "mode" and e.get("minute") is not None),
                   key=lambda m: (m["minute"], m["id"]))
    marks = sorted(({"minute": e.get("minute"), "focus": e.get("focus"), "id": e["id"],
                     "step_id": e.get("step_id"), "video_time": e.get("video_time")}
                    for e in entries if e.get("kind", "note") != "mode" and e.get("minute") is not None),
                   key=lambda m: (m["minute"], m["id"]))
    planned = schedule(rows)
    end = max([s["end"] for s in planned] + [m["minute"] + 1 for m in marks + modes] + [1])
    return {"steps": planned, "modes": modes, "marks": marks, "length": end}
