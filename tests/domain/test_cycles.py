"""Phases and cycles (domain/cycles.py)."""

import pytest

from lessonstudy_xblock.domain import cycles
from lessonstudy_xblock.domain.errors import Conflict, Forbidden, Invalid


def phase(cycle, name, at, rid=None):
    return {"id": rid or f"p{at}", "cycle": cycle, "phase": name, "at": at}


def test_a_new_group_is_in_cycle_one_planning():
    assert cycles.current([]) == {"number": 1, "phase": "plan", "since": None}


def test_newest_record_of_the_highest_cycle_is_the_state():
    state = cycles.current([phase(1, "do", 5), phase(1, "see", 9), phase(2, "plan", 12)])
    assert (state["number"], state["phase"]) == (2, "plan")


def test_leaders_move_forward_one_phase_at_a_time():
    state = {"number": 1, "phase": "plan", "since": None}
    assert cycles.check_phase_move(state, "do", "model_teacher", False) is True
    with pytest.raises(Conflict):
        cycles.check_phase_move(state, "see", "moderator", False)
    assert cycles.check_phase_move(state, "plan", "moderator", False) is False


def test_observers_cannot_move_the_phase():
    with pytest.raises(Forbidden):
        cycles.check_phase_move({"number": 1, "phase": "plan"}, "do", "observer", False)


def test_only_staff_move_back():
    state = {"number": 1, "phase": "see"}
    with pytest.raises(Forbidden):
        cycles.check_phase_move(state, "do", "model_teacher", False)
    assert cycles.check_phase_move(state, "plan", None, True) is True


def test_unknown_phase_is_invalid():
    with pytest.raises(Invalid):
        cycles.check_phase_move({"number": 1, "phase": "plan"}, "later", None, True)


def test_next_cycle_only_from_see_and_repeat_is_harmless():
    see = {"number": 1, "phase": "see"}
    assert cycles.check_next_cycle(see, 1, "moderator", False) is True
    assert cycles.check_next_cycle({"number": 2, "phase": "plan"}, 1, "moderator", False) is False
    with pytest.raises(Conflict):
        cycles.check_next_cycle({"number": 1, "phase": "do"}, 1, "moderator", False)
    with pytest.raises(Conflict):
        cycles.check_next_cycle(see, 3, "moderator", False)
    with pytest.raises(Forbidden):
        cycles.check_next_cycle(see, 1, "observer", False)


def test_moving_to_do_locks_the_plan_and_an_unlock_after_it_opens_it():
    state = {"number": 1, "phase": "do", "since": 10}
    assert cycles.plan_locked(state, []) is True
    unlock = {"id": "l", "cycle": 1, "at": 12, "locked": False}
    assert cycles.plan_locked(state, [unlock]) is False
    later = {"number": 1, "phase": "see", "since": 20}
    assert cycles.plan_locked(later, [unlock]) is True


def test_only_model_teacher_or_staff_unlock():
    with pytest.raises(Forbidden):
        cycles.check_set_lock("moderator", False, False)
    cycles.check_set_lock("model_teacher", False, False)
    cycles.check_set_lock(None, True, False)


from lessonstudy_xblock.domain import completion  # noqa: E402


def rec(record_type, kind=None, cycle=1, group="g"):
    return {"type": record_type, "kind": kind, "cycle": cycle, "group_id": group}


@pytest.mark.parametrize("role,records,expected", [
    ("model_teacher", [rec("plan")], False),
    ("model_teacher", [rec("plan"), rec("post", "impression")], True),
    ("model_teacher", [rec("plan", cycle=1), rec("post", "impression", cycle=2)], False),
    ("observer", [rec("observation"), rec("post", "finding")], True),
    ("observer", [rec("observation"), rec("post", "reply")], False),
    ("moderator", [rec("lessons")], True),
    ("recorder", [rec("post", "summary")], False),
    ("knowledgeable_other", [rec("post", "closing")], True),
    ("observer", [rec("observation", group="other"), rec("post", "finding")], False),
])
def test_completion_rule_per_role_within_one_cycle(role, records, expected):
    assert any(completion.reached(role, records, "g", cycle) for cycle in (1, 2)) is expected
