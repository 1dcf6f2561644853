"""Anticipated vs. observed: steps from the lesson clock, grouping, interactions, unseen seats."""

import pytest

from lessonstudy_xblock.domain import lesson
from lessonstudy_xblock.domain.plan import DEFAULT_TEMPLATE

ROWS = [{"id": "opening", "cells": ["Open", "They recall halves", "Ask", ""], "minutes": 10},
        {"id": "untimed", "cells": ["Transition", "", "", ""], "minutes": None},
        {"id": "core", "cells": ["Fold strips", "Some fold unevenly", "Show a folded strip", ""], "minutes": 50},
        {"id": "closing", "cells": ["Share", "", "", ""], "minutes": 10}]
STEPS = next(s for s in DEFAULT_TEMPLATE if s["id"] == "steps")


@pytest.mark.parametrize("minute,expected", [
    (-1, None), (None, None), (0, "opening"), (9, "opening"), (10, "core"), (59, "core"), (60, "closing"),
    (69, "closing"), (70, "closing"), (200, "closing"),
])
def test_step_suggested_by_the_lesson_clock(minute, expected):
    assert lesson.suggested_step(ROWS, minute) == expected


def test_steps_without_durations_are_never_suggested_and_none_when_nothing_is_timed():
    assert "untimed" not in {s["id"] for s in lesson.schedule(ROWS)}
    assert lesson.suggested_step([dict(r, minutes=None) for r in ROWS], 5) is None


def test_entries_are_grouped_per_step_and_focus_and_steps_without_evidence_marked():
    entries = [{"id": "e1", "kind": "note", "focus": "misconception", "step_id": "core"},
               {"id": "e2", "kind": "note", "focus": "misconception", "step_id": "core"},
               {"id": "e3", "kind": "note", "focus": "helping", "step_id": "core"},
               {"id": "e4", "kind": "note", "focus": "helping", "step_id": None},
               {"id": "m1", "kind": "mode", "mode": "group_work", "step_id": "core"}]
    result = lesson.comparison(STEPS, {"rows": ROWS}, entries, [{"id": "helping", "label": "Helping"}])
    core = next(s for s in result["steps"] if s["id"] == "core")
    assert core["anticipated"] == "Some fold unevenly" and core["support"] == "Show a folded strip"
    assert [(f["id"], f["count"]) for f in core["focus"]] == [("misconception", 2), ("helping", 1)]
    assert core["count"] == 3 and core["no_evidence"] is False
    assert next(s for s in result["steps"] if s["id"] == "opening")["no_evidence"] is True
    assert result["without_step"] == 1


def test_interaction_pairs_are_counted_by_direction_and_kind():
    entries = [{"kind": "interaction", "from": "S1", "to": "S2", "interaction": "helped"}] * 3 + [
        {"kind": "interaction", "from": "S2", "to": "S1", "interaction": "asked"},
        {"kind": "note", "target": "S1"}]
    assert lesson.interaction_pairs(entries) == [
        {"from": "S1", "to": "S2", "interaction": "helped", "count": 3},
        {"from": "S2", "to": "S1", "interaction": "asked", "count": 1}]


def test_seats_never_observed_are_those_no_entry_names():
    labels = [["S01", "S02"], ["S03", ""]]
    entries = [{"target": "s01"}, {"kind": "interaction", "from": "S02", "to": "Group B"}]
    assert lesson.seats_never_observed(labels, entries) == ["S03"]


def test_timeline_holds_planned_steps_modes_and_marks():
    entries = [{"id": "a", "kind": "note", "focus": "helping", "minute": 12},
               {"id": "m", "kind": "mode", "mode": "pairs", "minute": 15},
               {"id": "b", "kind": "note", "focus": "helping", "minute": None}]
    result = lesson.timeline(ROWS, entries)
    assert [s["id"] for s in result["steps"]] == ["opening", "core", "closing"]
    assert result["modes"] == [{"minute": 15, "mode": "pairs", "id": "m"}]
    assert [m["id"] for m in result["marks"]] == ["a"] and result["length"] == 70
