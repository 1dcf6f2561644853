"""Observations tied to plan steps, lesson modes and interactions through the handlers."""

import json

import pytest

from tests.support.seeding import move, seed_group


@pytest.fixture
def lesson_group(cycle_course):
    group, users = seed_group(cycle_course)
    cycle_course.ok(users[0], "save_plan_section", {"section_id": "steps", "base_revision": None, "content": {
        "rows": [{"id": "opening", "cells": ["Recall halves", "They say 'half'", "Ask why", ""], "minutes": 10},
                 {"id": "core", "cells": ["Fold strips", "Uneven folds", "Show a strip", ""], "minutes": 40}]}})
    move(cycle_course, users[0], "do")
    return cycle_course, group, users


def test_entries_tied_to_steps_modes_and_interactions_show_in_see(lesson_group):
    course, _group, users = lesson_group
    course.ok(users[1], "add_observation", {"client_id": "mode-00001", "kind": "mode", "mode": "group_work",
                                            "minute": 11})
    course.ok(users[2], "add_observation", {"client_id": "note-00001", "focus": "misconception",
                                            "evidence": "S5 folds in thirds unevenly", "minute": 14,
                                            "step_id": "core", "target": "S05"})
    for n in range(2):
        course.ok(users[3], "add_observation", {"client_id": f"int-0000{n}", "kind": "interaction",
                                                "interaction": "helped", "from": "S01", "to": "S02",
                                                "minute": 20 + n, "step_id": "core"})
    course.ok(users[3], "add_observation", {"client_id": "legacy-001", "focus": "helping", "evidence": "no step"})
    move(course, users[0], "see")
    view = course.ok(users[4], "get_state")["lesson"]
    core = next(s for s in view["comparison"]["steps"] if s["id"] == "core")
    assert core["anticipated"] == "Uneven folds" and core["support"] == "Show a strip"
    assert {(f["id"], f["count"]) for f in core["focus"]} == {("misconception", 1), ("interaction", 2)}
    assert next(s for s in view["comparison"]["steps"] if s["id"] == "opening")["no_evidence"] is True
    assert view["comparison"]["without_step"] == 1
    # Typed as text, matching the chart's labels: linked to the seats (positional ids of a chart
    # saved before seats had ids).
    assert view["interactions"] == [{"from": "S01", "to": "S02", "interaction": "helped", "count": 2,
                                     "from_seat": "r1c1", "to_seat": "r1c2"}]
    assert view["timeline"]["modes"][0]["mode"] == "group_work"
    assert [s["id"] for s in view["schedule"]] == ["opening", "core"]
    assert "S05" not in view["unobserved_seats"] and "S01" not in view["unobserved_seats"]
    assert "S03" in view["unobserved_seats"]


def test_a_finding_can_cite_a_plan_step(lesson_group):
    course, _group, users = lesson_group
    move(course, users[0], "see")
    post = course.ok(users[2], "post_reflection", {"client_id": "cite-step-1", "kind": "finding",
                                                   "text": "At the core step...", "cites_steps": ["core"]})["post"]
    assert post["cites_steps"] == ["core"] and post["opinion"] is False
    assert course.call(users[2], "post_reflection", {"client_id": "cite-step-2", "kind": "finding",
                                                     "text": "x", "cites_steps": ["nope"]})[0] == 404


@pytest.mark.parametrize("body,status,field", [
    ({"kind": "interaction", "interaction": "helped", "from": "S1"}, 400, "to"),
    ({"kind": "interaction", "interaction": "kissed", "from": "S1", "to": "S2"}, 400, "interaction"),
    ({"kind": "interaction", "interaction": "helped", "from": ["S1"], "to": "S2"}, 400, "from"),
    ({"kind": "interaction", "interaction": "helped", "from": "S" * 500, "to": "S2"}, 413, "from"),
    ({"kind": "mode"}, 400, "mode"),
    ({"kind": "mode", "mode": "sleeping"}, 400, "mode"),
    ({"kind": "note", "focus": "helping", "evidence": "e", "step_id": "nope"}, 404, "step_id"),
    ({"kind": "note", "focus": "helping", "evidence": "e", "step_id": 7}, 400, "step_id"),
    ({"kind": "note", "focus": "helping", "evidence": "e", "video_time": -3}, 400, "video_time"),
])
def test_bad_input_to_the_new_fields_is_4xx_json(lesson_group, body, status, field):
    course, _group, users = lesson_group
    answer_status, answer = course.call(users[2], "add_observation", dict(body, client_id="bad-field-01"))
    assert answer_status == status and answer["field"] == field and answer["error"]


def test_a_group_never_sees_another_groups_steps_modes_or_interactions(lesson_group):
    course, _group, users = lesson_group
    course.ok(users[1], "add_observation", {"client_id": "secret-mode", "kind": "mode", "mode": "pairs", "minute": 3})
    course.ok(users[2], "add_observation", {"client_id": "secret-int", "kind": "interaction", "interaction": "asked",
                                            "from": "Secret Seat", "to": "S02", "step_id": "core"})
    _other, others = seed_group(course, "Other", "o")
    move(course, others[0], "do")
    move(course, others[0], "see")
    state = course.ok(others[2], "get_state")
    text = json.dumps(state)
    assert "Secret Seat" not in text and "secret-mode" not in text and "Uneven folds" not in text
    assert state["lesson"]["interactions"] == [] and state["lesson"]["timeline"]["modes"] == []


def test_json_export_includes_the_comparison_timeline_and_map(lesson_group):
    import webob  # pylint: disable=import-outside-toplevel

    course, group, users = lesson_group
    course.ok(users[3], "add_observation", {"client_id": "int-export", "kind": "interaction",
                                            "interaction": "asked", "from": "S07", "to": "S08", "minute": 30})
    block = course.block("staff_ana")
    response = block.runtime.handle(block, "export", webob.Request.blank("/?what=all&format=json"))
    document = json.loads(response.body)
    cycle = next(g for g in document["groups"] if g["id"] == group["id"])["cycles"][0]
    assert cycle["lesson"]["interactions"] == [{"from": "S07", "to": "S08", "interaction": "asked", "count": 1,
                                                "from_seat": "r2c1", "to_seat": "r2c2"}]
    assert [s["id"] for s in cycle["lesson"]["comparison"]["steps"]] == ["opening", "core"]
    assert cycle["lesson"]["timeline"]["steps"][1] == {"id": "core", "start": 10, "end": 50}
