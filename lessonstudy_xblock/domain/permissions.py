"""What a caller may do now in a group's workspace: the hint the interface gets with ``get_state``.

Built from the very checks the handlers run (one truth for what the interface offers and what the
server allows): each permission is whether that check passes for the caller now. The handlers
still decide every request again.
"""

from . import cycles, observations, plan, reflection
from .errors import DomainError


def passes(check, *args):
    """Whether ``check(*args)`` lets the caller through."""
    try:
        check(*args)
    except DomainError:
        return False
    return True


def for_caller(role, is_member, is_staff, state, locked):
    """``{"edit_plan", "add_observation", "post": [kinds], "save_lessons", "move_phase",
    "start_next_cycle", "unlock_plan", "lock_plan"}`` for the caller in a group whose cycle is
    ``state`` (``{"number", "phase"}``) and whose plan is ``locked`` or not."""
    phase = state["phase"]
    return {
        "edit_plan": passes(plan.check_can_edit, is_member, locked),
        "add_observation": passes(observations.check_can_add, role, is_member, phase),
        "post": [kind for kind in reflection.KINDS
                 if passes(reflection.check_can_post, kind, role, is_member, is_staff, phase)],
        "save_lessons": passes(reflection.check_can_save_lessons, role, is_member, is_staff, phase),
        "move_phase": passes(cycles.check_can_move, role, is_staff),
        "start_next_cycle": passes(cycles.check_next_cycle, state, state["number"], role, is_staff),
        "unlock_plan": passes(cycles.check_set_lock, role, is_staff, False),
        "lock_plan": passes(cycles.check_set_lock, role, is_staff, True),
    }
