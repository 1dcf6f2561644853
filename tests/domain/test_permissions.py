"""What the interface offers each person follows PRODUCT.md's table of who may do what, and is
built from the same checks the handlers run (``domain/permissions.py``)."""

import pytest

from lessonstudy_xblock.domain import permissions
from lessonstudy_xblock.domain.cycles import MAX_CYCLES

ROLES = ("model_teacher", "moderator", "recorder", "knowledgeable_other", "observer")


def offered(role, phase, member=True, staff=False, locked=None, number=1):
    locked = phase != "plan" if locked is None else locked
    return permissions.for_caller(role if member else None, member, staff, {"number": number, "phase": phase},
                                  locked)


@pytest.mark.parametrize("role", ROLES)
def test_any_member_edits_the_plan_until_it_is_locked(role):
    assert offered(role, "plan")["edit_plan"] is True
    assert offered(role, "plan", locked=True)["edit_plan"] is False
    assert offered(role, "do")["edit_plan"] is False
    assert offered(None, "plan", member=False, staff=True)["edit_plan"] is False


@pytest.mark.parametrize("phase,expected", [("plan", False), ("do", True), ("see", True)])
def test_everyone_but_the_model_teacher_observes_in_do_and_see(phase, expected):
    assert offered("observer", phase)["add_observation"] is expected
    assert offered("moderator", phase)["add_observation"] is expected
    assert offered("model_teacher", phase)["add_observation"] is False


@pytest.mark.parametrize("role,kinds", [
    ("model_teacher", ["impression", "reply"]),
    ("observer", ["finding", "reply"]),
    ("moderator", ["finding", "reply", "summary"]),
    ("recorder", ["finding", "reply", "summary"]),
    ("knowledgeable_other", ["finding", "reply", "closing"]),
])
def test_posts_follow_the_protocol_roles_in_see(role, kinds):
    assert offered(role, "see")["post"] == kinds
    assert offered(role, "do")["post"] == []


def test_staff_reply_close_and_summarise_in_any_group():
    assert offered(None, "see", member=False, staff=True)["post"] == ["reply", "closing", "summary"]
    assert offered(None, "see", member=False, staff=True)["save_lessons"] is True


@pytest.mark.parametrize("role,expected", [("moderator", True), ("recorder", True), ("observer", False),
                                           ("model_teacher", False)])
def test_lessons_learned_are_saved_by_the_moderator_or_recorder_in_see(role, expected):
    assert offered(role, "see")["save_lessons"] is expected
    assert offered(role, "do")["save_lessons"] is False


@pytest.mark.parametrize("role,expected", [("model_teacher", True), ("moderator", True), ("observer", False),
                                           ("recorder", False), ("knowledgeable_other", False)])
def test_leaders_move_phases_and_start_the_next_cycle_from_see(role, expected):
    assert offered(role, "plan")["move_phase"] is expected
    assert offered(role, "see")["start_next_cycle"] is expected
    assert offered(role, "do")["start_next_cycle"] is False


def test_no_next_cycle_after_the_last():
    assert offered("model_teacher", "see", number=MAX_CYCLES)["start_next_cycle"] is False


@pytest.mark.parametrize("role,lock,unlock", [("model_teacher", True, True), ("moderator", True, False),
                                              ("observer", False, False)])
def test_leaders_lock_the_plan_and_only_the_model_teacher_or_staff_unlock_it(role, lock, unlock):
    assert (offered(role, "do")["lock_plan"], offered(role, "do")["unlock_plan"]) == (lock, unlock)
    staff = offered(None, "do", member=False, staff=True)
    assert (staff["lock_plan"], staff["unlock_plan"]) == (True, True)
