"""Tracking events: one per meaningful action, named ``edx.lessonstudy.<object>.<verb>``.

Each carries the group id and cycle number and ids or counts, never free
text (observations describe children).
"""

PREFIX = "edx.lessonstudy."


def for_record(record):
    """``[(event name, data)]`` for a record just stored."""
    base = {"group_id": record.get("group_id"), "cycle": record.get("cycle")}
    kind = record.get("type")
    if kind == "membership" and record.get("group_id"):
        return [(PREFIX + "group.joined", dict(base, via=record.get("via")))]
    if kind == "role":
        return [(PREFIX + "role.set", dict(base, role=record["role"]))]
    if kind == "plan":
        return [(PREFIX + "plan_section.saved", dict(base, section_id=record["section_id"],
                                                    revision=record["id"], resolved=len(record.get("resolves", []))))]
    if kind == "observation":
        return [(PREFIX + "observation.added", dict(base, observation_id=record["id"], kind=record.get("kind"),
                                                   focus=record.get("focus"), step_id=record.get("step_id")))]
    if kind == "phase":
        events = [(PREFIX + "phase.changed", dict(base, phase=record["phase"]))]
        if record.get("starts_cycle"):
            events.append((PREFIX + "cycle.started", dict(base)))
        return events
    if kind == "post":
        return [(PREFIX + "reflection.posted", dict(base, post_id=record["id"], kind=record["kind"],
                                                   cited_observations=len(record.get("cites", [])),
                                                   cited_steps=len(record.get("cites_steps", []))))]
    if kind == "lessons":
        return [(PREFIX + "lessons_learned.saved", dict(base, revision=record["id"],
                                                       items=len(record["content"]["items"])))]
    if kind == "group":
        return [(PREFIX + "group.created", dict(base))]
    if kind == "assignment":
        return [(PREFIX + "member.assigned", dict(base, role=record.get("role") or None))]
    if kind == "comment":
        return [(PREFIX + "comment.added", dict(base, target_type=record["target_type"],
                                               target_id=record["target_id"]))]
    if kind == "theme":
        return [(PREFIX + "theme.set", dict(base))]
    if kind == "video":
        return [(PREFIX + "lesson_video.set", dict(base, has_video=bool(record.get("url"))))]
    if kind == "lock":
        return [(PREFIX + ("plan.locked" if record["locked"] else "plan.unlocked"), dict(base))]
    return []


def conflict_shown(group_id, cycle, what):
    """The event of a stale save answered with the newer text."""
    return PREFIX + "plan_section.conflict_shown", {"group_id": group_id, "cycle": cycle, "section_id": what}
