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
        {"from": "S1", "to": "S2", "interaction": "helped", "count": 3, "from_seat": None, "to_seat": None},
        {"from": "S2", "to": "S1", "interaction": "asked", "count": 1, "from_seat": None, "to_seat": None}]


def test_interaction_pairs_count_by_seat_whatever_the_label_said():
    entries = [{"kind": "interaction", "from": "S04", "to": "S05", "from_seat": "a", "to_seat": "b",
                "interaction": "helped"},
               {"kind": "interaction", "from": "S04 B", "to": "S05 A", "from_seat": "a", "to_seat": "b",
                "interaction": "helped"}]
    assert lesson.interaction_pairs(entries) == [
        {"from": "S04", "to": "S05", "interaction": "helped", "count": 2, "from_seat": "a", "to_seat": "b"}]


SEATS = {"r1c1": "S01", "r1c2": "S02", "r2c1": "S03", "r2c2": "S04 B"}


def test_seats_never_observed_are_those_no_entry_names():
    entries = [dict(e, **lesson.linked_seats(e, SEATS)) for e in (
        {"target": "s01"}, {"kind": "interaction", "from": "S02", "to": "Group B"})]
    assert lesson.seats_never_observed(SEATS, entries) == ["S03", "S04 B"]


@pytest.mark.parametrize("text,seat", [
    ("S01", "r1c1"), (" s01 ", "r1c1"), ("S04", "r2c2"), ("s04 b", "r2c2"), ("S4", None), ("Group B", None),
    ("", None),
])
def test_a_student_named_by_text_is_linked_to_the_seat_whose_label_matches(text, seat):
    assert lesson.seat_for_text(text, SEATS) == seat


def test_an_ambiguous_first_word_links_to_no_seat():
    assert lesson.seat_for_text("S04", {"a": "S04 A", "b": "S04 B"}) is None


def test_seat_counts_and_the_students_off_the_chart():
    entries = [{"seat": "r1c1", "target": "S01"}, {"seat": None, "target": "Group B"},
               {"kind": "interaction", "from": "S01", "to": "S02", "from_seat": "r1c1", "to_seat": "r1c2"}]
    assert lesson.seat_counts(entries) == {"r1c1": 2, "r1c2": 1}
    assert lesson.off_chart(entries) == [{"text": "Group B", "count": 1}]


def test_timeline_holds_planned_steps_modes_and_marks():
    entries = [{"id": "a", "kind": "note", "focus": "helping", "minute": 12},
               {"id": "m", "kind": "mode", "mode": "pairs", "minute": 15},
               {"id": "b", "kind": "note", "focus": "helping", "minute": None}]
    result = lesson.timeline(ROWS, entries)
    assert [s["id"] for s in result["steps"]] == ["opening", "core", "closing"]
    assert result["modes"] == [{"minute": 15, "mode": "pairs", "id": "m"}]
    assert [m["id"] for m in result["marks"]] == ["a"] and result["length"] == 70
