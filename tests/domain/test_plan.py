"""Plan sections: the four content types, their limits, carrying a plan to the next cycle."""

import pytest

from lessonstudy_xblock.domain import plan
from lessonstudy_xblock.domain.errors import Invalid, NotFound, TooLarge

TEMPLATE = plan.DEFAULT_TEMPLATE


def section(section_id):
    return plan.find_section(TEMPLATE, section_id)


def test_default_template_is_the_research_lesson_rpp_with_a_learning_steps_table():
    ids = [s["id"] for s in TEMPLATE]
    assert ids == ["identity", "objectives", "materials", "steps", "assessment",
                   "observation_focus", "seating"]
    steps = section("steps")
    assert steps["type"] == "table"
    assert [c["id"] for c in steps["columns"]] == ["activity", "anticipated", "support", "observe"]
    assert [r["id"] for r in steps["rows"]] == ["opening", "core", "closing"]


def test_text_keeps_line_breaks_and_is_never_html():
    assert plan.validate_content(section("objectives"), "a\r\nb <b>") == "a\nb <b>"


def test_fields_section_refuses_unknown_field_names():
    with pytest.raises(Invalid):
        plan.validate_content(section("identity"), {"school": "x", "hack": "y"})
    cleaned = plan.validate_content(section("identity"), {"school": "SMPN 1"})
    assert cleaned["school"] == "SMPN 1" and cleaned["topic"] == ""


@pytest.mark.parametrize("content", [
    "text", {"rows": "x"}, {"rows": [{"id": "a", "cells": ["1"]}]},
    {"rows": [{"id": "a", "cells": ["", "", "", ""]}, {"id": "a", "cells": ["", "", "", ""]}]},
    {"rows": [{"id": "bad id!", "cells": ["", "", "", ""]}]},
    {"rows": [{"id": "a", "cells": ["", "", "", ""], "minutes": -1}]},
    {"rows": [{"id": "a", "cells": ["", "", "", ""], "minutes": True}]},
])
def test_table_refuses_malformed_rows(content):
    with pytest.raises(Invalid):
        plan.validate_content(section("steps"), content)


def test_table_keeps_row_ids_and_planned_minutes():
    content = {"rows": [{"id": "r-1", "cells": ["Open", "", "", ""], "minutes": 5}]}
    cleaned = plan.validate_content(section("steps"), content)
    assert cleaned["rows"] == [{"id": "r-1", "cells": ["Open", "", "", ""], "minutes": 5}]
    assert len(cleaned["columns"]) == 4


def test_grid_labels_must_fill_the_chart():
    good = {"rows": 2, "columns": 2, "labels": [["A", "B"], ["C", "D"]]}
    assert plan.validate_content(section("seating"), good) == dict(good, ids=[["r1c1", "r1c2"], ["r2c1", "r2c2"]])
    with pytest.raises(Invalid):
        plan.validate_content(section("seating"), {"rows": 2, "columns": 2, "labels": [["A"]]})
    with pytest.raises(Invalid):
        plan.validate_content(section("seating"), {"rows": 99, "columns": 2, "labels": []})


def test_oversized_section_is_refused_with_413():
    with pytest.raises(TooLarge):
        plan.validate_content(section("objectives"), "x" * (plan.MAX_TEXT + 1))


def test_unknown_section_is_404():
    with pytest.raises(NotFound):
        plan.find_section(TEMPLATE, "nope")


def test_empty_seating_chart_uses_pseudonymous_codes():
    content = plan.empty_content(section("seating"))
    assert content["labels"][0][:2] == ["S01", "S02"]


def test_next_cycle_starts_from_the_previous_cycles_text():
    revisions = {1: [{"id": "r1", "base": None, "at": 1, "content": "cycle one text", "by": "u"}]}
    view = plan.section_view(section("objectives"), revisions, 2)
    assert view["content"] == "cycle one text" and view["revision"] is None


def test_a_seat_keeps_its_id_and_new_seats_get_free_ones():
    content = {"rows": 2, "columns": 2, "labels": [["A", "B"], ["C", "D"]], "ids": [["r1c2", "x7"], ["r2c1"]]}
    assert plan.validate_content(section("seating"), content)["ids"] == [["r1c2", "x7"], ["r2c1", "r2c2"]]
    clash = {"rows": 1, "columns": 3, "labels": [["A", "B", "C"]], "ids": [["r1c2", None, None]]}
    assert plan.validate_content(section("seating"), clash)["ids"] == [["r1c2", "r1c2-2", "r1c3"]]


@pytest.mark.parametrize("ids", [[["a", "a"]], [["bad id!", "b"]], [[7, "b"]]])
def test_seat_ids_are_unique_words(ids):
    with pytest.raises(Invalid):
        plan.validate_content(section("seating"), {"rows": 1, "columns": 2, "labels": [["A", "B"]], "ids": ids})


def test_seats_of_a_chart_saved_before_seats_had_ids_are_positional():
    assert plan.seats({"rows": 1, "columns": 3, "labels": [["S01", "", "S03"]]}) == {"r1c1": "S01", "r1c3": "S03"}
