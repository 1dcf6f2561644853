"""Follow-through across two cycles: a lesson learned in cycle 1 linked to the change it causes in
cycle 2's plan, and cycle 2's See asking whether it worked, with the evidence."""

import json

import pytest

from tests.support.seeding import move, seed_group

LESSONS = ["Give groups time to talk before they write", "Ask S04 to explain first"]


@pytest.fixture
def cycle_two(cycle_course):
    group, users = seed_group(cycle_course)
    move(cycle_course, users[0], "do")
    move(cycle_course, users[0], "see")
    cycle_course.ok(users[4], "save_lessons_learned", {"items": LESSONS, "revisions": "Longer core activity",
                                                       "base_revision": None})
    cycle_course.ok(users[1], "start_next_cycle", {"from_cycle": 1})
    return cycle_course, group, users


def link(course, user, **fields):
    body = {"client_id": fields.pop("client_id", "link-000001"), "cycle": 1, "item": 0, "section_id": "steps"}
    body.update(fields)
    return course.ok(user, "link_lesson", body)["follow_through"]


def answered(course, users, verdict, evidence):
    """Cycle 2 with a link to the core step, taught, and in See the link answered."""
    link_id = link(course, users[0], step_id="core")[0]["id"]
    move(course, users[0], "do")
    move(course, users[0], "see")
    course.ok(users[2], "review_change", {"client_id": "review-ans-1", "link_id": link_id, "verdict": verdict,
                                          "evidence": evidence})


def test_a_lesson_learned_is_linked_to_the_change_it_causes_in_the_next_plan(cycle_two):
    course, _group, users = cycle_two
    links = link(course, users[0], step_id="core", focus="helping")
    again = link(course, users[0], step_id="core", focus="helping")  # a queue re-sending
    assert links == again and len(links) == 1
    linked = links[0]
    assert (linked["lesson_cycle"], linked["item"], linked["lesson"]) == (1, 0, LESSONS[0])
    assert (linked["section_id"], linked["step_id"], linked["focus"]) == ("steps", "core", "helping")
    assert linked["section_title"] == "Learning steps" and linked["reviews"] == []
    state = course.ok(users[3], "get_state")
    assert [(f["lesson"], f["section_id"]) for f in state["follow_through"]] == [(LESSONS[0], "steps")]


@pytest.mark.parametrize("fields,status,field", [
    ({"cycle": 2}, 400, "cycle"), ({"item": 5}, 400, "item"), ({"section_id": "nowhere"}, 400, "section_id"),
    ({"step_id": "no-step"}, 404, "step_id"), ({"focus": "nonsense"}, 400, "focus"),
])
def test_a_link_names_a_real_lesson_section_step_and_focus(cycle_two, fields, status, field):
    course, _group, users = cycle_two
    body = {"client_id": "bad-link-01", "cycle": 1, "item": 0, "section_id": "steps"}
    body.update(fields)
    answer_status, error = course.call(users[0], "link_lesson", body)
    assert answer_status == status and error["field"] == field


def test_cycle_one_has_nothing_earlier_to_follow(cycle_course):
    _group, users = seed_group(cycle_course)
    status, error = cycle_course.call(users[0], "link_lesson", {"client_id": "early-link-1", "cycle": 1, "item": 0,
                                                               "section_id": "steps"})
    assert status == 409 and "cycle 2" in error["error"]


def test_the_next_see_asks_whether_it_worked_with_the_evidence(cycle_two):
    course, _group, users = cycle_two
    link_id = link(course, users[0], step_id="core")[0]["id"]
    status, error = course.call(users[2], "review_change", {"client_id": "review-001", "link_id": link_id,
                                                            "verdict": "worked", "evidence": "x"})
    assert status == 409  # still planning: asked after the open class
    move(course, users[0], "do")
    entry = course.ok(users[2], "add_observation", {"client_id": "ft-obs-001", "focus": "helping", "target": "S04",
                                                    "evidence": "S04 explained first; his group then wrote."})
    move(course, users[0], "see")
    reviews = course.ok(users[2], "review_change", {
        "client_id": "review-002", "link_id": link_id, "verdict": "partly",
        "evidence": "Groups talked longer; two of five still wrote at once.",
        "cites": [entry["observation"]["id"]]})["follow_through"][0]["reviews"]
    assert [(r["verdict"], r["cites"]) for r in reviews] == [("partly", [entry["observation"]["id"]])]
    for body, field in (({"verdict": "great"}, "verdict"), ({"evidence": ""}, "evidence"),
                        ({"link_id": "fol-none"}, "link_id"), ({"cites": ["obs-none"]}, "cites")):
        payload = {"client_id": "review-bad-1", "link_id": link_id, "verdict": "worked", "evidence": "e"}
        payload.update(body)
        status, error = course.call(users[3], "review_change", payload)
        assert status in (400, 404) and error["field"] == field


def test_the_json_export_carries_the_links_and_the_answers(cycle_two):
    course, group, users = cycle_two
    answered(course, users, "worked", "All groups talked before writing.")
    status, _answer, response = course.raw("staff_ana", "export", b"", method="GET")  # format json: every group
    assert status == 200
    document = json.loads(response.body)
    cycles = next(g for g in document["groups"] if g["id"] == group["id"])["cycles"]
    second = next(c for c in cycles if c["number"] == 2)
    assert second["follow_through"][0]["reviews"][0]["verdict"] == "worked"


def test_the_printable_report_shows_what_changed_and_whether_it_worked(cycle_two):
    course, _group, users = cycle_two
    answered(course, users, "partly", "Three of five groups talked first.")
    status, _answer, response = course.raw("staff_ana", "program_report", b"", method="GET")
    assert status == 200
    page = response.body.decode("utf-8")
    assert "Lessons learned → what changed" in page and LESSONS[0] in page
    assert "Partly" in page and "Three of five groups talked first." in page
