"""Cycles and their phases: Plan, Do, See, then the next cycle.

Phase moves are ``phase`` records (``cycle``, ``phase``) in the journal of
whoever moved it; the group's current cycle and phase is the newest record of
the highest cycle. Starting cycle n+1 is a ``phase`` record of cycle n+1 in
phase ``plan``, so a repeated request changes nothing.
"""

from .errors import Conflict, Forbidden, Invalid, _
from .groups import MODEL_TEACHER, MODERATOR

PLAN, DO, SEE = "plan", "do", "see"
PHASES = (PLAN, DO, SEE)
PHASE_LABELS = {PLAN: _("Plan"), DO: _("Do"), SEE: _("See")}
#: Roles that move a group on (staff may too).
LEADERS = frozenset({MODEL_TEACHER, MODERATOR})
MAX_CYCLES = 50


def current(phase_records):
    """``{"number", "phase", "since"}`` of a group from all its ``phase`` records."""
    if not phase_records:
        return {"number": 1, "phase": PLAN, "since": None}
    latest = max(phase_records, key=lambda r: (r["cycle"], r["at"], r["id"]))
    return {"number": latest["cycle"], "phase": latest["phase"], "since": latest["at"]}


def check_can_move(role, is_staff):
    """The model teacher, the moderator and staff move a group between phases."""
    if not is_staff and role not in LEADERS:
        raise Forbidden(_("Only the model teacher, the moderator or a facilitator moves the "
                          "group to another phase."))


def check_phase_move(state, target, role, is_staff):
    """Whether the caller may move the group from ``state`` to ``target``.

    Returns False when the group is already there (nothing to record).
    """
    if target not in PHASES:
        raise Invalid(_("phase must be one of: plan, do, see."), field="phase")
    check_can_move(role, is_staff)
    here, there = PHASES.index(state["phase"]), PHASES.index(target)
    if there == here:
        return False
    if there < here and not is_staff:
        raise Forbidden(_("Only a facilitator can move the group back to an earlier phase."))
    if there > here + 1 and not is_staff:
        raise Conflict(_("Move one phase at a time: the group is in %(phase)s now."),
                       params={"phase": state["phase"]})
    return True


def check_next_cycle(state, from_cycle, role, is_staff):
    """Whether to start cycle ``from_cycle + 1``; False for a repeated request."""
    if not is_staff and role not in LEADERS:
        raise Forbidden(_("Only the model teacher, the moderator or a facilitator starts the "
                          "next cycle."))
    if from_cycle < state["number"]:
        return False
    if from_cycle > state["number"]:
        raise Conflict(_("The group is in cycle %(number)s, not cycle %(asked)s."),
                       field="from_cycle", params={"number": state["number"], "asked": from_cycle})
    if state["phase"] != SEE:
        raise Conflict(_("The next cycle starts after the reflection: move the group to See first."))
    if state["number"] >= MAX_CYCLES:
        raise Conflict(_("A group can run at most %(max)s cycles."), params={"max": MAX_CYCLES})
    return True


def plan_locked(state, lock_records):
    """Whether the plan of the current cycle is locked.

    Moving to Do or See locks it and moving back to Plan unlocks it; an
    explicit lock or unlock made after the last phase move wins.
    """
    locked = state["phase"] != PLAN
    since = state["since"] or 0
    explicit = [r for r in lock_records if r["cycle"] == state["number"] and r["at"] >= since]
    if explicit:
        locked = max(explicit, key=lambda r: (r["at"], r["id"]))["locked"]
    return locked


def check_set_lock(role, is_staff, locked):
    """Locking is open to leaders; unlocking to the model teacher or staff."""
    if is_staff:
        return
    if not locked and role != MODEL_TEACHER:
        raise Forbidden(_("Only the model teacher or a facilitator can unlock the plan."))
    if locked and role not in LEADERS:
        raise Forbidden(_("Only the model teacher, the moderator or a facilitator can lock the plan."))
