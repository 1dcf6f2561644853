"""What facilitators need to follow every group: counts, flags and chart data.

Computed from the groups' :class:`~.workspace.Workspace` objects, which the
caller builds once per request, reading each participant's journal once.
"""

from datetime import date, datetime, timezone

from .cycles import DO, PHASES, PLAN, SEE
from .errors import _
from .groups import MODEL_TEACHER

#: Contribution record types counted per member, and the phase each belongs to.
COUNTED = {"plan": "plan_revisions", "observation": "observations", "post": "reflection_posts",
           "lessons": "lessons_learned"}
PHASE_OF = {"plan": PLAN, "observation": DO, "post": SEE, "lessons": SEE}

FLAG_LABELS = {
    "no_model_teacher": _("No model teacher"),
    "no_contribution": _("A member has not contributed in this phase"),
    "phase_overdue": _("Phase past its date"),
    "no_lessons_learned": _("Reflection without lessons learned"),
}


def member_rows(workspace):
    """Per active member: roles, counts of contributions (all cycles) and last activity."""
    rows = []
    current = workspace.cycle
    for member in workspace.active_members():
        counts = {name: 0 for name in COUNTED.values()}
        in_phase, last = 0, None
        for record in member.journal:
            if record.get("group_id") != workspace.group_id:
                continue
            last = max(last or 0, record.get("at") or 0)
            kind = record.get("type")
            if kind in COUNTED:
                counts[COUNTED[kind]] += 1
                if record.get("cycle") == current and PHASE_OF[kind] == workspace.state["phase"]:
                    in_phase += 1
        role, _focal = workspace.role(member)
        rows.append({"id": member.id, "name": member.name, "username": member.username,
                     "roles": [role], "counts": counts, "last_activity": last,
                     "contributed_in_phase": in_phase > 0})
    return rows


def flags(workspace, members, phase_dates, today=None):
    """What needs a facilitator's attention in a group, as ``{"id", "label", "detail"}``."""
    found = []
    if not workspace.holders().get(MODEL_TEACHER):
        found.append({"id": "no_model_teacher", "detail": ""})
    phase = workspace.state["phase"]
    quiet = [m["name"] for m in members if not m["contributed_in_phase"]
             and not (phase == DO and MODEL_TEACHER in m["roles"])]
    if members and quiet:
        found.append({"id": "no_contribution", "detail": ", ".join(sorted(quiet))})
    due = phase_dates.get(phase)
    if due and (today or date.today()).isoformat() > due:
        found.append({"id": "phase_overdue", "detail": due})
    for cycle in range(1, workspace.cycle + 1):
        reflected = workspace.posts(cycle) and (cycle < workspace.cycle or phase == SEE)
        if reflected and workspace.lessons_log(cycle).head() is None:
            found.append({"id": "no_lessons_learned", "detail": str(cycle)})
            break
    return found


def participation_by_phase(workspace):
    """Contributions of a group per phase (all cycles): ``{"plan": n, "do": n, "see": n}``."""
    totals = {phase: 0 for phase in PHASES}
    for _member, record in workspace.records:
        kind = record.get("type")
        if kind in PHASE_OF:
            totals[PHASE_OF[kind]] += 1
    return totals


def focus_counts(workspace):
    """Observation entries per focus category (all cycles) in a group."""
    counts = {}
    for _member, record in workspace.records:
        if record.get("type") == "observation" and record.get("focus"):
            counts[record["focus"]] = counts.get(record["focus"], 0) + 1
    return counts


def group_summary(workspace, phase_dates, today=None):
    """One row of the facilitator's overview."""
    members = member_rows(workspace)
    return {
        "id": workspace.group_id, "name": workspace.entry.name,
        "school": workspace.entry.school, "join_code": workspace.entry.join_code,
        "theme": workspace.theme(),
        "cycle": {"number": workspace.cycle, "phase": workspace.state["phase"],
                  "since": workspace.state["since"]},
        "members": members, "flags": flags(workspace, members, phase_dates, today),
        "participation": participation_by_phase(workspace),
        "focus_counts": focus_counts(workspace),
        "lessons_learned_saved": workspace.lessons_log().head() is not None,
    }


def course_focus_counts(summaries):
    """Observation entries per focus category across every group."""
    totals = {}
    for summary in summaries:
        for focus, count in summary["focus_counts"].items():
            totals[focus] = totals.get(focus, 0) + count
    return totals


def iso_time(ms):
    """Milliseconds since the epoch as ``YYYY-MM-DD HH:MM`` UTC (for exports)."""
    if not ms:
        return ""
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc).strftime("%Y-%m-%d %H:%M")
