"""When a participant has completed the cycle workspace (PRODUCT.md §4), by role.

In any cycle: the model teacher when they have saved a plan section and
posted the impression; an observer when they have added an observation and
posted a finding; the moderator or recorder when the lessons learned are
saved (by them); the knowledgeable other when they have posted the closing.
"""

from .groups import KNOWLEDGEABLE_OTHER, MODEL_TEACHER, MODERATOR, OBSERVER, RECORDER


def _has(journal, group_id, cycle, record_type, kind=None):
    return any(r.get("type") == record_type and r.get("group_id") == group_id and r.get("cycle") == cycle
               and (kind is None or r.get("kind") == kind) for r in journal)


def reached(role, journal, group_id, cycle):
    """Whether the caller's own records of one cycle meet their role's rule."""
    if role == MODEL_TEACHER:
        return _has(journal, group_id, cycle, "plan") and _has(journal, group_id, cycle, "post", "impression")
    if role == OBSERVER:
        return _has(journal, group_id, cycle, "observation") and _has(journal, group_id, cycle, "post", "finding")
    if role in (MODERATOR, RECORDER):
        return _has(journal, group_id, cycle, "lessons")
    if role == KNOWLEDGEABLE_OTHER:
        return _has(journal, group_id, cycle, "post", "closing")
    return False


def already_completed(journal):
    """Whether completion was published for this participant before."""
    return any(r.get("type") == "completed" for r in journal)
