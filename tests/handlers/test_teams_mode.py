"""Teams mode: with a teamset and the `teams` service, groups are the course's teams."""

import json

import pytest
from django.test import override_settings

from tests.support.lms_double import LmsCourse
from tests.support.workbench_course import WorkbenchCourse

TEAMSETS = {"schools": {"name": "Schools", "teams": {
    "alpha": {"name": "SMP Alpha", "members": ["t_ana", "t_bima", "t_cici"]},
    "beta": {"name": "SD Beta", "members": ["t_dani", "t_euis"]},
}}}


@pytest.fixture
def teams_course(db):  # pylint: disable=unused-argument
    from django.core.cache import cache  # pylint: disable=import-outside-toplevel

    cache.clear()
    with override_settings(LESSONSTUDY_WORKBENCH_TEAMSETS=TEAMSETS):
        yield WorkbenchCourse('<lessonstudy_cycle teamset_id="schools"/>')


def test_a_learners_group_is_their_team_with_the_teams_members(teams_course):
    for member in ("t_bima", "t_cici"):  # names are known once each member has opened the workspace
        teams_course.ok(member, "get_state")
    state = teams_course.ok("t_ana", "get_state")
    assert state["teams_mode"] is True
    assert state["group"]["id"] == "team-alpha" and state["group"]["name"] == "SMP Alpha"
    assert sorted(m["name"] for m in state["group"]["members"]) == ["T Ana", "T Bima", "T Cici"]


def test_two_teams_never_see_each_others_data(teams_course):
    teams_course.ok("t_ana", "set_role", {"role": "model_teacher"})
    teams_course.ok("t_ana", "save_plan_section", {"section_id": "objectives", "content": "Alpha secret",
                                                   "base_revision": None})
    teams_course.ok("t_ana", "set_phase", {"phase": "do"})
    teams_course.ok("t_bima", "add_observation", {"client_id": "team-obs-01", "focus": "helping",
                                                  "evidence": "Alpha evidence"})
    beta = json.dumps(teams_course.ok("t_dani", "get_state"))
    assert "Alpha secret" not in beta and "Alpha evidence" not in beta
    assert teams_course.call("t_dani", "get_state", {"group_id": "team-alpha"})[0] == 403
    alpha = teams_course.ok("t_cici", "get_state")
    assert next(s for s in alpha["plan"]["sections"] if s["id"] == "objectives")["content"] == "Alpha secret"


def test_a_learner_in_no_team_sees_how_to_join_one_and_cannot_join_by_code(teams_course):
    state = teams_course.ok("t_nobody", "get_state")
    assert state["group"] is None and state["teams_mode"] is True
    status, answer = teams_course.call("t_nobody", "join_group", {"join_code": "ABCDEF"})
    assert status == 409 and "Teams tab" in answer["error"]
    assert teams_course.call("staff_ana", "create_group", {"name": "x"})[0] == 409
    assert teams_course.call("staff_ana", "assign_member", {"group_id": "team-alpha", "user_id": "x"})[0] == 409


def test_staff_see_the_teams_as_groups_and_read_any_of_them(teams_course):
    teams_course.ok("t_dani", "set_theme", {"theme": "Beta theme"})
    state = teams_course.ok("staff_ana", "get_state")
    assert [g["id"] for g in state["groups"]] == ["team-beta", "team-alpha"]
    beta = teams_course.ok("staff_ana", "get_state", {"group_id": "team-beta"})
    assert beta["theme"] == "Beta theme"
    assert teams_course.call("staff_ana", "get_state", {"group_id": "team-nope"})[0] == 404
    overview = teams_course.ok("staff_ana", "facilitator_overview")
    assert {g["id"] for g in overview["groups"]} == {"team-alpha", "team-beta"}


def test_staff_closing_comment_in_a_team_is_read_by_the_team(teams_course):
    teams_course.ok("t_dani", "set_role", {"role": "moderator"})
    teams_course.ok("staff_ana", "set_phase", {"phase": "see", "group_id": "team-beta"})
    teams_course.ok("staff_ana", "post_reflection", {"client_id": "closing-beta", "kind": "closing",
                                                     "text": "Closing words", "group_id": "team-beta"})
    posts = teams_course.ok("t_euis", "get_state")["reflection"]["posts"]
    assert [p["text"] for p in posts] == ["Closing words"]


def test_switching_modes_loses_no_stored_contribution(db):  # pylint: disable=unused-argument
    with override_settings(LESSONSTUDY_WORKBENCH_TEAMSETS=TEAMSETS):
        course = WorkbenchCourse("<lessonstudy_cycle/>")
        group = course.ok("staff_ana", "create_group", {"name": "Own group"})["group"]
        course.ok("t_ana", "join_group", {"join_code": group["join_code"]})
        course.ok("t_ana", "set_theme", {"theme": "Made in block groups"})
        block = course.block("staff_ana")
        block.teamset_id = "schools"
        block.save()
        course.ok("t_ana", "set_theme", {"theme": "Made in teams"})
        assert course.ok("t_ana", "get_state")["theme"] == "Made in teams"
        block = course.block("staff_ana")
        block.teamset_id = ""
        block.save()
        assert course.ok("t_ana", "get_state")["theme"] == "Made in block groups"
        block = course.block("staff_ana")
        block.teamset_id = "schools"
        block.save()
        assert course.ok("t_ana", "get_state")["theme"] == "Made in teams"


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                               "LOCATION": "teams-fallback"}})
def test_without_the_teams_service_the_block_manages_its_own_groups_and_says_so_to_staff():
    course = LmsCourse(authored={"teamset_id": "schools"})
    state = course.call("staff_ana", "get_state", {})[1]
    assert state["teams_mode"] is False and state["teams_unavailable"] is True
    status, answer = course.call("staff_ana", "create_group", {"name": "Fallback"})
    assert status == 200
    assert course.call("guru", "join_group", {"join_code": answer["group"]["join_code"]})[0] == 200


def test_a_teamset_in_a_course_with_teams_turned_off_leaves_the_block_managing_its_groups(settings, db):  # pylint: disable=unused-argument
    settings.LESSONSTUDY_WORKBENCH_TEAMS_ENABLED = False
    course = WorkbenchCourse('<lessonstudy_cycle teamset_id="schools"/>')
    state = course.ok("staff_ana", "get_state")
    assert state["teams_mode"] is False and state["teams_unavailable"] is True
    group = course.ok("staff_ana", "create_group", {"name": "SMPN 5", "school": ""})["group"]
    assert course.ok("tim_ani", "join_group", {"join_code": group["join_code"]})["group"]["id"] == group["id"]
    warnings = [message.text for message in course.block("staff_ana").validate().messages]
    assert any("Teams turned off" in text for text in warnings)


def test_a_team_of_another_course_is_no_group_here(settings, db):  # pylint: disable=unused-argument
    # Team ids are unique on the site: a team of the same teamset id in another course.
    settings.LESSONSTUDY_WORKBENCH_TEAMSETS = {"schools": {
        "name": "Schools", "course_id": "course-v1:Other+X+2026",
        "teams": {"far": {"name": "Far away", "members": ["tim_ani"]}}}}
    course = WorkbenchCourse('<lessonstudy_cycle teamset_id="schools"/>')
    status, answer = course.call("staff_ana", "get_state", {"group_id": "team-far"})
    assert status == 404, answer
