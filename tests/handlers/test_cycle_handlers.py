"""Every cycle workspace handler through the workbench runtime: success, bad input, access."""

import json

import pytest

from tests.support.seeding import move, seed_group

# ---------------------------------------------------------------------------
# Success paths


def test_get_state_of_a_participant_in_no_group_shows_nothing_of_any_group(cycle_course):
    seed_group(cycle_course)
    state = cycle_course.ok("stranger", "get_state")
    assert state["group"] is None and state["plan"] is None and state["observations"] == []
    assert "groups" not in state
    assert state["user"]["is_staff"] is False


def test_staff_create_group_answers_a_join_code_and_lists_it(cycle_course):
    group = cycle_course.ok("staff_ana", "create_group", {"name": "SD 3 Batu", "school": "SD Negeri 3"})["group"]
    assert len(group["join_code"]) == 6
    groups = cycle_course.ok("staff_ana", "get_state")["groups"]
    assert [g["id"] for g in groups] == [group["id"]]


def test_create_group_with_the_same_client_id_creates_one_group(cycle_course):
    body = {"name": "SD 3 Batu", "client_id": "create-once-1"}
    first = cycle_course.ok("staff_ana", "create_group", body)["group"]
    again = cycle_course.ok("staff_ana", "create_group", body)["group"]
    assert first == again
    assert len(cycle_course.ok("staff_ana", "get_state")["groups"]) == 1


def test_join_group_makes_the_participant_a_member(cycle_course):
    group = cycle_course.ok("staff_ana", "create_group", {"name": "G"})["group"]
    joined = cycle_course.ok("guru_rina", "join_group", {"join_code": group["join_code"].lower()})["group"]
    assert joined["id"] == group["id"]
    assert [m["name"] for m in joined["members"]] == ["Guru Rina"]


def test_assign_member_puts_a_participant_in_a_group_with_a_role(cycle_course):
    group = cycle_course.ok("staff_ana", "create_group", {"name": "G"})["group"]
    cycle_course.ok("staff_ana", "assign_member", {"group_id": group["id"], "user_id": "guru_budi",
                                                   "role": "moderator"})
    state = cycle_course.ok("guru_budi", "get_state")
    assert state["group"]["id"] == group["id"]
    assert state["my_role"] == "moderator"


def test_staff_moves_a_member_to_another_group_and_their_work_stays_in_the_first(cycle_course):
    group, users = seed_group(cycle_course)
    cycle_course.ok(users[2], "save_plan_section", {"section_id": "objectives", "content": "mine",
                                                    "base_revision": None})
    other = cycle_course.ok("staff_ana", "create_group", {"name": "Other"})["group"]
    cycle_course.ok("staff_ana", "assign_member", {"group_id": other["id"], "user_id": users[2]})
    assert cycle_course.ok(users[2], "get_state")["group"]["id"] == other["id"]
    first = cycle_course.ok(users[0], "get_state")
    assert users[2] not in [m["name"] for m in first["group"]["members"]]
    objectives = next(s for s in first["plan"]["sections"] if s["id"] == "objectives")
    assert objectives["content"] == "mine"


def test_set_role_and_its_409_naming_the_holder(cycle_course):
    _group, users = seed_group(cycle_course)
    status, answer = cycle_course.call(users[2], "set_role", {"role": "model_teacher"})
    assert status == 409 and "G1 M0" in answer["error"]
    group = cycle_course.ok(users[2], "set_role", {"role": "observer", "focal": "group 3"})["group"]
    me = next(m for m in group["members"] if m["name"] == "G1 M2")
    assert me["roles"] == ["observer"] and me["focal"] == "group 3"


def test_set_phase_moves_plan_do_see_and_locks_the_plan(cycle_course):
    _group, users = seed_group(cycle_course)
    assert move(cycle_course, users[0], "do")["cycle"] == {
        "number": 1, "phase": "do", "since": cycle_course.ok(users[0], "get_state")["cycle"]["since"],
        "locked": True}
    assert move(cycle_course, users[1], "see")["cycle"]["phase"] == "see"


def test_save_plan_section_records_author_and_revision(cycle_course):
    _group, users = seed_group(cycle_course)
    section = cycle_course.ok(users[0], "save_plan_section", {
        "section_id": "steps", "base_revision": None,
        "content": {"rows": [{"id": "opening", "cells": ["Apersepsi", "", "", ""], "minutes": 10}]}})["section"]
    assert section["revision"] and section["author"]["name"] == "G1 M0"
    assert section["content"]["rows"][0]["cells"][0] == "Apersepsi"


def test_stale_plan_save_returns_conflict_with_current_text(cycle_course):
    _group, users = seed_group(cycle_course)
    cycle_course.ok(users[0], "save_plan_section", {"section_id": "objectives", "content": "first",
                                                    "base_revision": None})
    status, answer = cycle_course.call(users[2], "save_plan_section", {
        "section_id": "objectives", "content": "mine", "base_revision": None})
    assert status == 409
    assert "changed since you opened it" in answer["error"]
    assert answer["current"]["content"] == "first"


def test_set_theme_is_shown_to_the_group(cycle_course):
    _group, users = seed_group(cycle_course)
    cycle_course.ok(users[3], "set_theme", {"theme": "Students who ask why"})
    assert cycle_course.ok(users[0], "get_state")["theme"] == "Students who ask why"


def test_add_observation_is_stored_once_per_client_id(cycle_course):
    _group, users = seed_group(cycle_course)
    move(cycle_course, users[0], "do")
    body = {"client_id": "entry-0001", "focus": "misconception", "evidence": "S5 adds denominators",
            "target": "S05", "minute": 14, "link": "https://example.com/work.jpg"}
    first = cycle_course.ok(users[2], "add_observation", body)["observation"]
    again = cycle_course.ok(users[2], "add_observation", body)["observation"]
    assert first == again and first["focus"] == "misconception" and first["cycle"] == 1
    assert len(cycle_course.ok(users[2], "get_state")["observations"]) == 1


def test_observers_see_only_their_own_entries_until_see(cycle_course):
    _group, users = seed_group(cycle_course)
    move(cycle_course, users[0], "do")
    cycle_course.ok(users[2], "add_observation", {"client_id": "entry-a-01", "focus": "helping", "evidence": "a"})
    cycle_course.ok(users[3], "add_observation", {"client_id": "entry-b-01", "focus": "helping", "evidence": "b"})
    during = cycle_course.ok(users[2], "get_state")
    assert [o["evidence"] for o in during["observations"]] == ["a"] and during["observations_hidden"] == 1
    move(cycle_course, users[0], "see")
    assert len(cycle_course.ok(users[2], "get_state")["observations"]) == 2


def test_post_reflection_in_protocol_order_with_citations(cycle_course):
    _group, users = seed_group(cycle_course)
    move(cycle_course, users[0], "do")
    entry = cycle_course.ok(users[2], "add_observation", {"client_id": "entry-0001", "focus": "helping",
                                                          "evidence": "S3 helps S4"})["observation"]
    move(cycle_course, users[0], "see")
    finding = cycle_course.ok(users[2], "post_reflection", {
        "client_id": "post-0001", "kind": "finding", "text": "Pairs helped", "cites": [entry["id"]],
        "cites_steps": ["core"]})["post"]
    cycle_course.ok(users[0], "post_reflection", {"client_id": "post-0002", "kind": "impression", "text": "Hmm"})
    cycle_course.ok(users[3], "post_reflection", {"client_id": "post-0003", "kind": "finding", "text": "no evidence"})
    cycle_course.ok(users[5], "post_reflection", {"client_id": "post-0004", "kind": "reply", "text": "Yes",
                                                  "parent_id": finding["id"]})
    posts = cycle_course.ok(users[1], "get_state")["reflection"]["posts"]
    assert [p["kind"] for p in posts] == ["impression", "finding", "finding", "reply"]
    assert [p["opinion"] for p in posts if p["kind"] == "finding"] == [False, True]


def test_save_lessons_learned_and_start_next_cycle_carry_the_plan_over(cycle_course):
    _group, users = seed_group(cycle_course)
    cycle_course.ok(users[0], "save_plan_section", {"section_id": "objectives", "content": "cycle 1 plan",
                                                    "base_revision": None})
    move(cycle_course, users[0], "do")
    move(cycle_course, users[0], "see")
    lessons = cycle_course.ok(users[4], "save_lessons_learned", {
        "items": ["Give groups time to talk"], "revisions": "Longer core activity", "base_revision": None})
    assert lessons["lessons_learned"]["items"] == ["Give groups time to talk"]
    cycle = cycle_course.ok(users[1], "start_next_cycle", {"from_cycle": 1})["cycle"]
    assert (cycle["number"], cycle["phase"]) == (2, "plan")
    again = cycle_course.ok(users[0], "start_next_cycle", {"from_cycle": 1})["cycle"]
    assert again["number"] == 2
    state = cycle_course.ok(users[2], "get_state")
    objectives = next(s for s in state["plan"]["sections"] if s["id"] == "objectives")
    assert objectives["content"] == "cycle 1 plan" and objectives["revision"] is None
    assert state["history"][0]["lessons_learned"]["items"] == ["Give groups time to talk"]


def test_set_plan_lock_refuses_saves_until_the_model_teacher_unlocks(cycle_course):
    _group, users = seed_group(cycle_course)
    cycle_course.ok(users[1], "set_plan_lock", {"locked": True})
    status, answer = cycle_course.call(users[2], "save_plan_section", {
        "section_id": "objectives", "content": "x", "base_revision": None})
    assert status == 409 and "locked" in answer["error"]
    assert cycle_course.call(users[1], "set_plan_lock", {"locked": False})[0] == 403
    cycle_course.ok(users[0], "set_plan_lock", {"locked": False})
    cycle_course.ok(users[2], "save_plan_section", {"section_id": "objectives", "content": "x",
                                                    "base_revision": None})


def test_staff_reads_and_moves_any_group_by_group_id(cycle_course):
    group, users = seed_group(cycle_course)
    state = cycle_course.ok("staff_budi", "get_state", {"group_id": group["id"]})
    assert state["group"]["id"] == group["id"] and state["is_member"] is False
    cycle = cycle_course.ok("staff_budi", "set_phase", {"phase": "see", "group_id": group["id"]})["cycle"]
    assert cycle["phase"] == "see"
    assert cycle_course.ok(users[2], "get_state")["cycle"]["phase"] == "see"
    cycle_course.ok("staff_budi", "post_reflection", {"client_id": "closing-01", "kind": "closing",
                                                      "text": "Well observed", "group_id": group["id"]})
    posts = cycle_course.ok(users[3], "get_state")["reflection"]["posts"]
    assert [p["kind"] for p in posts] == ["closing"]


# ---------------------------------------------------------------------------
# Bad input: every handler answers 4xx JSON naming the problem, never 500

GOOD = {
    "get_state": {},
    "create_group": {"name": "G2"},
    "join_group": {"join_code": "ABCDEF"},
    "assign_member": {"group_id": "GROUP", "user_id": "guru_x", "role": "observer"},
    "set_role": {"role": "observer"},
    "set_phase": {"phase": "do"},
    "save_plan_section": {"section_id": "objectives", "content": "x", "base_revision": None},
    "set_theme": {"theme": "t"},
    "add_observation": {"client_id": "entry-bad-1", "focus": "helping", "evidence": "e"},
    "post_reflection": {"client_id": "post-bad-1", "kind": "finding", "text": "t"},
    "save_lessons_learned": {"items": ["a"], "revisions": "", "base_revision": None},
    "start_next_cycle": {"from_cycle": 1},
    "set_plan_lock": {"locked": True},
}
CALLER = {"create_group": "staff_ana", "assign_member": "staff_ana", "save_lessons_learned": "g1_m1",
          "join_group": "newcomer", "start_next_cycle": "g1_m1"}

BAD = [
    # handler, change to the good body, expected status, field named
    ("create_group", {"name": None}, 400, "name"),
    ("create_group", {"name": 5}, 400, "name"),
    ("create_group", {"name": "x" * 500}, 413, "name"),
    ("join_group", {"join_code": None}, 400, "join_code"),
    ("join_group", {"join_code": ["A"]}, 400, "join_code"),
    ("join_group", {"join_code": "ZZZZZZ"}, 404, "join_code"),
    ("assign_member", {"group_id": None}, 400, "group_id"),
    ("assign_member", {"group_id": "no-such-group"}, 404, "group_id"),
    ("assign_member", {"role": "king"}, 400, "role"),
    ("assign_member", {"user_id": {"a": 1}}, 400, "user_id"),
    ("set_role", {"role": None}, 400, "role"),
    ("set_role", {"role": 3}, 400, "role"),
    ("set_role", {"focal": "x" * 500}, 413, "focal"),
    ("set_phase", {"phase": None}, 400, "phase"),
    ("set_phase", {"phase": "later"}, 400, "phase"),
    ("set_phase", {"group_id": "no-such-group"}, 403, "group_id"),
    ("save_plan_section", {"section_id": None}, 400, "section_id"),
    ("save_plan_section", {"section_id": "nope"}, 404, "section_id"),
    ("save_plan_section", {"content": 12}, 400, "content"),
    ("save_plan_section", {"content": "x" * 30000}, 413, "content"),
    ("save_plan_section", {"base_revision": ["r"]}, 400, "base_revision"),
    ("save_plan_section", {"base_revision": "rev-unknown"}, 409, "base_revision"),
    ("set_theme", {"theme": 1}, 400, "theme"),
    ("set_theme", {"theme": "x" * 5000}, 413, "theme"),
    ("add_observation", {"client_id": None}, 400, "client_id"),
    ("add_observation", {"evidence": None}, 400, "evidence"),
    ("add_observation", {"minute": "ten"}, 400, "minute"),
    ("add_observation", {"evidence": "x" * 9000}, 413, "evidence"),
    ("add_observation", {"focus": "dreaming"}, 400, "focus"),
    ("add_observation", {"step_id": "no-such-step"}, 404, "step_id"),
    ("post_reflection", {"kind": None}, 400, "kind"),
    ("post_reflection", {"text": 5}, 400, "text"),
    ("post_reflection", {"text": "x" * 9000}, 413, "text"),
    ("post_reflection", {"cites": ["obs-unknown"]}, 404, "cites"),
    ("post_reflection", {"cites": "obs"}, 400, "cites"),
    ("save_lessons_learned", {"items": None}, 400, "items"),
    ("save_lessons_learned", {"items": [{"x": 1}]}, 400, "items"),
    ("save_lessons_learned", {"revisions": "x" * 9000}, 413, "revisions"),
    ("start_next_cycle", {"from_cycle": None}, 400, "from_cycle"),
    ("start_next_cycle", {"from_cycle": "1"}, 400, "from_cycle"),
    ("start_next_cycle", {"from_cycle": 7}, 409, "from_cycle"),
    ("set_plan_lock", {"locked": "yes"}, 400, "locked"),
    ("get_state", {"group_id": "no-such-group"}, 403, "group_id"),
]


@pytest.fixture
def seeded(cycle_course):
    group, users = seed_group(cycle_course)
    return cycle_course, group, users


def _body(handler, change, group):
    body = dict(GOOD[handler], **change)
    if body.get("group_id") == "GROUP":
        body["group_id"] = group["id"]
    return body


@pytest.mark.parametrize("handler,change,status,field", BAD,
                         ids=[f"{h}-{f}-{s}" for h, _c, s, f in BAD])
def test_bad_input_is_answered_4xx_json_naming_the_field(seeded, handler, change, status, field):
    course, group, _users = seeded
    if handler in ("post_reflection", "save_lessons_learned", "start_next_cycle"):
        move(course, "g1_m0", "do")
        move(course, "g1_m0", "see")
    if handler == "add_observation":
        move(course, "g1_m0", "do")
    answer_status, answer = course.call(CALLER.get(handler, "g1_m2"), handler, _body(handler, change, group))
    assert answer_status == status, answer
    assert isinstance(answer["error"], str) and answer["error"]
    assert answer.get("field") == field


@pytest.mark.parametrize("handler", sorted(GOOD))
def test_malformed_json_is_400_json(cycle_course, handler):
    for body in (b"{not json", b"\xff\xfe", b"[1, 2]", b'"text"'):
        status, answer, _response = cycle_course.raw("g1_m2", handler, body)
        assert status == 400 and answer["error"], (handler, body)


@pytest.mark.parametrize("handler", sorted(GOOD))
def test_get_is_405_json(cycle_course, handler):
    status, answer, response = cycle_course.raw("g1_m2", handler, b"", method="GET")
    assert status == 405 and answer["error"] and response.headers["Allow"] == "POST"


def test_oversized_body_is_413_json(cycle_course):
    body = json.dumps({"theme": "x" * 400_000}).encode()
    status, answer, _response = cycle_course.raw("g1_m2", "set_theme", body)
    assert status == 413 and answer["error"]


# ---------------------------------------------------------------------------
# Access


def test_a_participant_cannot_read_or_write_another_groups_work_whatever_ids_it_sends(cycle_course):
    group_a, users_a = seed_group(cycle_course, "A", "a")
    group_b, users_b = seed_group(cycle_course, "B", "b")
    cycle_course.ok(users_a[2], "save_plan_section", {"section_id": "objectives", "content": "secret A",
                                                      "base_revision": None})
    for handler, body in [
        ("get_state", {"group_id": group_a["id"]}),
        ("set_phase", {"phase": "do", "group_id": group_a["id"]}),
        ("set_theme", {"theme": "x", "group_id": group_a["id"]}),
        ("post_reflection", {"client_id": "post-x-0001", "kind": "reply", "text": "x", "group_id": group_a["id"]}),
        ("save_lessons_learned", {"items": [], "group_id": group_a["id"]}),
        ("start_next_cycle", {"from_cycle": 1, "group_id": group_a["id"]}),
        ("set_plan_lock", {"locked": True, "group_id": group_a["id"]}),
    ]:
        status, answer = cycle_course.call(users_b[0], handler, body)
        assert status == 403, (handler, status, answer)
    state_b = cycle_course.ok(users_b[2], "get_state")
    assert "secret A" not in json.dumps(state_b)
    assert state_b["group"]["id"] == group_b["id"]


def test_citing_another_groups_observation_is_refused(cycle_course):
    _ga, users_a = seed_group(cycle_course, "A", "a")
    _gb, users_b = seed_group(cycle_course, "B", "b")
    for users in (users_a, users_b):
        move(cycle_course, users[0], "do")
    entry = cycle_course.ok(users_a[2], "add_observation", {"client_id": "entry-a-0001", "focus": "helping",
                                                            "evidence": "A's"})["observation"]
    move(cycle_course, users_b[0], "see")
    status, _answer = cycle_course.call(users_b[2], "post_reflection", {
        "client_id": "post-b-0001", "kind": "finding", "text": "x", "cites": [entry["id"]]})
    assert status == 404


def test_non_staff_gets_403_from_staff_handlers(cycle_course):
    group, _users = seed_group(cycle_course)
    assert cycle_course.call("guru_x", "create_group", {"name": "Mine"})[0] == 403
    assert cycle_course.call("g1_m0", "assign_member", {"group_id": group["id"], "user_id": "guru_x"})[0] == 403
    assert "groups" not in cycle_course.ok("g1_m0", "get_state")


def test_a_participant_outside_any_group_sees_no_group_data(cycle_course):
    _group, users = seed_group(cycle_course)
    cycle_course.ok(users[0], "set_theme", {"theme": "Our theme"})
    state = cycle_course.ok("outsider", "get_state")
    assert state["group"] is None and state["theme"] == "" and state["history"] == []
    assert "Our theme" not in json.dumps(state)
    for handler in ("add_observation", "save_plan_section", "set_role", "set_phase"):
        status, _answer = cycle_course.call("outsider", handler, GOOD[handler])
        assert status == 403, handler


def test_model_teacher_cannot_add_observations_and_observer_cannot_post_impression(cycle_course):
    _group, users = seed_group(cycle_course)
    move(cycle_course, users[0], "do")
    status, answer = cycle_course.call(users[0], "add_observation", GOOD["add_observation"])
    assert status == 403 and answer["error"]
    move(cycle_course, users[0], "see")
    status, _answer = cycle_course.call(users[2], "post_reflection", {
        "client_id": "post-imp-1", "kind": "impression", "text": "x"})
    assert status == 403


def test_staff_identity_comes_from_the_runtime_not_the_request(cycle_course):
    status, _answer = cycle_course.call("guru_x", "create_group", {"name": "x", "is_staff": True,
                                                                   "user": {"is_staff": True}})
    assert status == 403
