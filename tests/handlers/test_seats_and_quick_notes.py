"""Seats are identities, quick notes take one tap, and an observer adds evidence to their own
entries later, through the handlers."""

import pytest

from tests.support.seeding import move, seed_group

CHART = {"rows": 2, "columns": 3, "labels": [["S01 A", "S02 B", "S03"], ["S04 B", "", "S06"]],
         "ids": [["kiri-1", "kiri-2", "kiri-3"], ["kanan-1", "kanan-2", "kanan-3"]]}


@pytest.fixture
def in_do(cycle_course):
    group, users = seed_group(cycle_course)
    cycle_course.ok(users[0], "save_plan_section", {"section_id": "seating", "base_revision": None, "content": CHART})
    move(cycle_course, users[0], "do")
    return cycle_course, group, users


def test_an_entry_names_a_seat_by_id_and_carries_its_label(in_do):
    course, _group, users = in_do
    entry = course.ok(users[1], "add_observation", {"client_id": "seat-note-1", "focus": "helping",
                                                    "evidence": "Explains folding to her neighbour", "seat": "kiri-2"})
    entry = entry["observation"]
    assert (entry["seat"], entry["target"]) == ("kiri-2", "S02 B")
    status, error = course.call(users[1], "add_observation", {"client_id": "seat-note-2", "focus": "helping",
                                                              "evidence": "x", "seat": "nowhere"})
    assert status == 404 and error["field"] == "seat"


def test_an_interaction_between_two_seats_needs_no_typing(in_do):
    course, _group, users = in_do
    entry = course.ok(users[1], "add_observation", {"client_id": "seat-int-01", "kind": "interaction",
                                                    "interaction": "asked", "from_seat": "kiri-1",
                                                    "to_seat": "kanan-1", "minute": 7})["observation"]
    assert (entry["from"], entry["to"]) == ("S01 A", "S04 B")
    lesson = course.ok(users[1], "get_state")["lesson"]
    assert lesson["interactions"] == [{"from": "S01 A", "to": "S04 B", "interaction": "asked", "count": 1,
                                       "from_seat": "kiri-1", "to_seat": "kanan-1"}]
    assert lesson["seat_counts"] == {"kiri-1": 1, "kanan-1": 1}


def test_the_heat_map_counts_by_seat_so_typed_codes_and_labels_never_disagree(in_do):
    """The chart says "S04 B", an observer typed "S04": the same seat (the demo's old mismatch)."""
    course, _group, users = in_do
    course.ok(users[1], "add_observation", {"client_id": "typed-0001", "focus": "helping", "evidence": "e",
                                            "target": "S04"})
    course.ok(users[2], "add_observation", {"client_id": "typed-0002", "focus": "helping", "evidence": "e",
                                            "target": "Group 3"})
    move(course, users[0], "see")
    state = course.ok(users[1], "get_state")
    assert state["lesson"]["seat_counts"] == {"kanan-1": 1}
    assert "S04 B" not in state["lesson"]["unobserved_seats"] and "S03" in state["lesson"]["unobserved_seats"]
    assert state["lesson"]["off_chart"] == [{"text": "Group 3", "count": 1}]
    assert {e["target"]: e["seat"] for e in state["observations"]} == {"S04": "kanan-1", "Group 3": None}


def test_entries_keep_their_seat_when_the_chart_is_relabelled_and_resized(in_do):
    course, _group, users = in_do
    course.ok(users[1], "add_observation", {"client_id": "before-0001", "focus": "helping", "evidence": "e",
                                            "seat": "kanan-3"})
    course.ok(users[0], "set_plan_lock", {"locked": False})  # the model teacher
    sections = course.ok(users[0], "get_state")["plan"]["sections"]
    seating = next(s for s in sections if s["id"] == "seating")
    bigger = {"rows": 3, "columns": 3,
              "labels": [["A1", "A2", "A3"], ["B1", "B2", "Budi's seat"], ["C1", "C2", "C3"]],
              "ids": CHART["ids"] + [[None, None, None]]}
    course.ok(users[0], "save_plan_section", {"section_id": "seating", "base_revision": seating["revision"],
                                              "content": bigger})
    state = course.ok(users[1], "get_state")
    assert state["lesson"]["seat_counts"] == {"kanan-3": 1}
    assert "Budi's seat" not in state["lesson"]["unobserved_seats"]


def test_a_quick_note_is_one_tap_and_its_observer_adds_evidence_once_per_client_id(in_do):
    course, _group, users = in_do
    quick = course.ok(users[1], "add_observation", {"client_id": "quick-0001", "kind": "quick",
                                                    "focus": "learning_stalled", "seat": "kiri-3",
                                                    "minute": 12})["observation"]
    assert (quick["kind"], quick["evidence"], quick["target"], quick["additions"]) == ("quick", "", "S03", [])
    body = {"client_id": "amend-0001", "entry_id": quick["id"], "evidence": "Stopped after the first fold"}
    first = course.ok(users[1], "amend_observation", body)["observation"]
    again = course.ok(users[1], "amend_observation", body)["observation"]  # a queue re-sending
    assert first["additions"] == again["additions"] and len(first["additions"]) == 1
    assert first["additions"][0]["evidence"] == "Stopped after the first fold"
    assert first["evidence"] == "" and first["minute"] == 12  # what was first recorded stays
    status, error = course.call(users[2], "amend_observation", dict(body, client_id="amend-0002"))
    assert status == 403 and error["field"] == "entry_id"
    status, error = course.call(users[1], "amend_observation", dict(body, client_id="amend-0003", evidence=""))
    assert status == 400 and error["field"] == "evidence"
    status, error = course.call(users[1], "amend_observation", dict(body, client_id="amend-0004", entry_id="obs-nope"))
    assert status == 404
    move(course, users[0], "see")
    seen = course.ok(users[3], "get_state")["observations"]
    assert [e["additions"][0]["evidence"] for e in seen if e["id"] == quick["id"]] == ["Stopped after the first fold"]


def test_a_quick_note_needs_a_focus_but_no_evidence(in_do):
    course, _group, users = in_do
    status, error = course.call(users[1], "add_observation", {"client_id": "quick-0002", "kind": "quick"})
    assert status == 400 and error["field"] == "focus"
