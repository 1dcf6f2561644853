"""Plan history and comparisons (domain/history.py)."""

from lessonstudy_xblock.domain import history
from lessonstudy_xblock.domain.plan import DEFAULT_TEMPLATE

TEXT = {"id": "objectives", "type": "text"}
STEPS = next(s for s in DEFAULT_TEMPLATE if s["id"] == "steps")


def test_an_inserted_and_a_deleted_sentence_are_marked():
    before = "Students compare fractions. They use paper strips. They explain their answer."
    after = "Students compare fractions. They explain their answer. They check with a partner."
    diff = history.compare(before, after, TEXT)
    assert {"op": "delete", "text": "They use paper strips."} in diff
    assert {"op": "insert", "text": "They check with a partner."} in diff
    assert {"op": "equal", "text": "Students compare fractions."} in diff


def test_table_cells_are_compared_by_row_and_column():
    row = {"id": "core", "cells": ["Fold strips.", "", "", ""], "minutes": 50}
    changed = dict(row, cells=["Fold strips. Compare in pairs.", "", "", ""], minutes=40)
    diff = history.compare({"rows": [row]}, {"rows": [changed]}, STEPS)
    inserted = [d["text"] for d in diff if d["op"] == "insert"]
    assert "Step 1 (Fold strips. Compare in pairs.) · Activity and key questions: Compare in pairs." in inserted
    assert {"op": "change", "text": "Step 1 (Fold strips. Compare in pairs.): 50 → 40 minutes"} in diff
    assert not any("minutes" in d["text"] for d in diff if d["op"] in ("insert", "delete"))
    assert all(set(d) == {"op", "text"} and "core" not in d["text"] and "None" not in d["text"] for d in diff)


def test_comparisons_read_in_the_viewers_words():
    row = {"id": "row-zON0Bv1Ss8", "cells": ["Kegiatan inti", "", "", ""], "minutes": 55}
    later = {"rows": [{"id": "row-open", "cells": ["Pembukaan", "", "", ""], "minutes": 10},
                      dict(row, minutes=65)]}
    words = {"step": "Langkah %(n)s", "step_named": "Langkah %(n)s (%(activity)s)",
             "minutes": "%(minutes)s menit", "minutes_changed": "%(before)s → %(after)s menit"}
    diff = history.compare({"rows": [row]}, later, STEPS, words)
    assert {"op": "change", "text": "Langkah 2 (Kegiatan inti): 55 → 65 menit"} in diff
    assert {"op": "insert", "text": "Langkah 1 (Pembukaan): 10 menit"} in diff
    assert not any("row-" in d["text"] for d in diff)


def test_identical_texts_have_only_equal_parts():
    assert all(d["op"] == "equal" for d in history.compare("A. B.", "A. B.", TEXT))


def test_revisions_are_listed_newest_first():
    records = [{"id": "r1", "cycle": 1, "at": 1, "content": "a"}, {"id": "r2", "cycle": 2, "at": 5, "content": "b"}]
    assert [r["revision"] for r in history.revisions(records)] == ["r2", "r1"]
