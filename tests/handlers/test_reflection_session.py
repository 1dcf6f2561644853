"""The guided reflection session through the handlers: the moderator leads, everyone sees the
turn, posting stays open, the recorder's minutes link the entries they name, findings without
facts about students are marked."""

import pytest

from lessonstudy_xblock.domain import session
from tests.support.seeding import move, seed_group


@pytest.fixture
def in_see(cycle_course):
    group, users = seed_group(cycle_course)
    move(cycle_course, users[0], "do")
    cycle_course.ok(users[2], "add_observation", {"client_id": "sess-obs-1", "focus": "helping", "target": "S07",
                                                  "evidence": "S07 explained thirds to S08."})
    cycle_course.ok(users[3], "add_observation", {"client_id": "sess-obs-2", "focus": "learning_stalled",
                                                  "target": "Group 3", "evidence": "Group 3 waited."})
    move(cycle_course, users[0], "see")
    return cycle_course, group, users


def session_of(course, user):
    return course.ok(user, "get_state")["reflection"]["session"]


def test_the_moderator_starts_with_quiet_review_and_everyone_sees_whose_turn_it_is(in_see):
    course, _group, users = in_see
    assert session_of(course, users[2])["active"] is False
    started = course.ok(users[1], "reflection_session", {"action": "start", "quiet_minutes": 10})["session"]
    assert started["active"] and started["turn"] == 0 and 0 < started["quiet_left"] <= 600000
    observer_view = session_of(course, users[3])
    assert [t["id"] for t in observer_view["turns"]] == list(session.TURNS)
    turns = {t["id"]: t["people"] for t in observer_view["turns"]}
    assert len(turns["observers"]) == 2 and len(turns["model_teacher"]) == 1 and len(turns["moderator_recorder"]) == 2
    course.ok(users[1], "reflection_session", {"action": "turn", "turn": 2})
    assert session_of(course, users[5])["turn"] == 2
    labels = course.ok(users[5], "get_state")["labels"]["turns"]
    assert labels["observers"] == "Observers share facts about students"
    course.ok(users[1], "reflection_session", {"action": "end"})
    assert session_of(course, users[0])["active"] is False


def test_only_the_moderator_or_a_facilitator_leads_and_posting_stays_open_to_all(in_see):
    course, _group, users = in_see
    status, error = course.call(users[2], "reflection_session", {"action": "start"})
    assert status == 403 and "moderator" in error["error"]
    course.ok("staff_ana", "reflection_session", {"action": "start", "group_id": _group["id"]})
    course.ok(users[1], "reflection_session", {"action": "turn", "turn": 1})  # the model teacher's turn
    # An observer posts a finding during the model teacher's turn: never refused for the order.
    course.ok(users[2], "post_reflection", {"client_id": "sess-post-1", "kind": "finding",
                                             "text": "S07 explained thirds to S08 with the strips."})


@pytest.mark.parametrize("payload,field", [({"action": "pause"}, "action"), ({"action": "turn"}, "turn"),
                                           ({"action": "turn", "turn": 9}, "turn"),
                                           ({"action": "start", "quiet_minutes": 90}, "quiet_minutes")])
def test_bad_session_actions_are_refused_by_name(in_see, payload, field):
    course, _group, users = in_see
    status, error = course.call(users[1], "reflection_session", payload)
    assert status == 400 and error["field"] == field


def test_the_session_is_held_in_see(cycle_course):
    _group, users = seed_group(cycle_course)
    status, error = cycle_course.call(users[1], "reflection_session", {"action": "start"})
    assert status == 409 and "See" in error["error"]


def test_the_recorders_minutes_are_apart_from_the_summary_and_link_the_entries_they_name(in_see):
    course, _group, users = in_see
    course.ok(users[1], "reflection_session", {"action": "start", "quiet_minutes": 0})
    course.ok(users[1], "reflection_session", {"action": "turn", "turn": 2})
    body = {"client_id": "sess-min-01", "text": "Budi: S07 explained thirds; group 3 waited for the teacher."}
    minutes = course.ok(users[4], "add_minute", body)["minutes"]
    again = course.ok(users[4], "add_minute", body)["minutes"]  # a queue re-sending
    assert minutes == again and len(minutes) == 1 and minutes[0]["turn"] == "observers"
    entries = {e["target"]: e["id"] for e in course.ok(users[4], "get_state")["observations"]}
    assert sorted(minutes[0]["links"]) == sorted([entries["S07"], entries["Group 3"]])
    status, error = course.call(users[2], "add_minute", {"client_id": "sess-min-02", "text": "x"})
    assert status == 403
    status, error = course.call(users[4], "add_minute", {"client_id": "sess-min-03", "text": ""})
    assert status == 400 and error["field"] == "text"
    state = course.ok(users[0], "get_state")["reflection"]
    assert state["minutes"][0]["text"].startswith("Budi: S07") and state["posts"] == []


def test_a_finding_that_names_no_student_seat_or_entry_is_marked(in_see):
    course, _group, users = in_see
    course.ok(users[2], "post_reflection", {"client_id": "fact-post-1", "kind": "finding",
                                             "text": "The lesson was too fast and the teacher talked a lot."})
    course.ok(users[3], "post_reflection", {"client_id": "fact-post-2", "kind": "finding",
                                             "text": "S12 stopped after the first fold."})
    posts = {p["client_id"]: p for p in course.ok(users[0], "get_state")["reflection"]["posts"]}
    assert posts["fact-post-1"]["no_student_facts"] is True
    assert posts["fact-post-2"]["no_student_facts"] is False
