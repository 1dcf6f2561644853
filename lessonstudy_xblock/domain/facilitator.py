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


# A member's figures ----------------------------------------------------------------
#
# What the overview shows of a member (counts per kind, last activity, contributions per cycle
# and phase, focus counts) and what it needs to know of their group (phase and role records,
# the newest theme, that posts or lessons learned exist in a cycle) is derived from their
# journal in one pass, per group. The figures are small (no text of any contribution), so the
# block can keep them in the site's shared cache (figures.py) and the overview reads no row.

#: Record types a group's digest keeps whole (they are small and decide state and roles).
DIGEST_TYPES = frozenset({"phase", "role"})
#: Record types the digest keeps one short marker of per cycle (the flags ask only "is there any").
MARKER_FIELDS = {"post": ("kind",), "lessons": ("base", "resolves")}
BASE_FIELDS = ("id", "type", "group_id", "cycle", "at", "by")


def empty_figures():
    """The figures of someone who did nothing in a group."""
    return {"counts": {name: 0 for name in COUNTED.values()}, "last": None, "phases": {}, "focus": {},
            "digest": []}


def figures_by_group(journal):
    """``{group_id: figures}`` of a member's journal: one pass over it."""
    result, markers, themes = {}, set(), {}
    for record in journal:
        group_id = record.get("group_id")
        if not group_id:
            continue
        figures = result.get(group_id)
        if figures is None:
            figures = result[group_id] = empty_figures()
        at = record.get("at") or 0
        figures["last"] = max(figures["last"] or 0, at)
        kind = record.get("type")
        if kind in COUNTED:
            figures["counts"][COUNTED[kind]] += 1
            key = f"{record.get('cycle')}:{PHASE_OF[kind]}"
            figures["phases"][key] = figures["phases"].get(key, 0) + 1
            if kind == "observation" and record.get("focus"):
                figures["focus"][record["focus"]] = figures["focus"].get(record["focus"], 0) + 1
        if kind in DIGEST_TYPES:
            figures["digest"].append(record)
        elif kind == "theme":
            newest = themes.get(group_id)
            if newest is None or (at, record["id"]) > (newest.get("at") or 0, newest["id"]):
                themes[group_id] = record
        elif kind in MARKER_FIELDS and (group_id, kind, record.get("cycle")) not in markers:
            markers.add((group_id, kind, record.get("cycle")))
            figures["digest"].append({key: record[key] for key in BASE_FIELDS + MARKER_FIELDS[kind]
                                      if key in record})
    for group_id, record in themes.items():
        result[group_id]["digest"].append(record)
    return result


def member_rows(workspace, figures=None):
    """Per active member: roles, counts of contributions (all cycles) and last activity.

    ``figures`` (``{username: figures of this group}``) are used where given; otherwise they
    are derived from the members' journals."""
    figures = figures if figures is not None else journal_figures(workspace)
    rows = []
    now = f"{workspace.cycle}:{workspace.state['phase']}"
    for member in workspace.active_members():
        found = figures.get(member.username) or empty_figures()
        role, _focal = workspace.role(member)
        rows.append({"id": member.id, "name": member.name, "username": member.username,
                     "roles": [role], "counts": dict(found["counts"]), "last_activity": found["last"],
                     "contributed_in_phase": found["phases"].get(now, 0) > 0})
    return rows


def journal_figures(workspace):
    """``{username: figures of the workspace's group}`` from the journals the workspace read."""
    return {member.username: figures_by_group(member.journal).get(workspace.group_id) or empty_figures()
            for member in workspace.members}


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


def participation_by_phase(figures):
    """Contributions of a group per phase (all cycles): ``{"plan": n, "do": n, "see": n}``."""
    totals = {phase: 0 for phase in PHASES}
    for found in figures.values():
        for key, count in found["phases"].items():
            totals[key.split(":", 1)[1]] += count
    return totals


def focus_counts(figures):
    """Observation entries per focus category (all cycles) in a group."""
    counts = {}
    for found in figures.values():
        for focus, count in found["focus"].items():
            counts[focus] = counts.get(focus, 0) + count
    return counts


def group_summary(workspace, phase_dates, today=None, figures=None):
    """One row of the facilitator's overview. ``figures``: ``{username: figures of this group}``
    (the workspace may then hold only the members' digests); derived from the journals when
    not given."""
    figures = figures if figures is not None else journal_figures(workspace)
    members = member_rows(workspace, figures)
    return {
        "id": workspace.group_id, "name": workspace.entry.name,
        "school": workspace.entry.school, "join_code": workspace.entry.join_code,
        "theme": workspace.theme(),
        "cycle": {"number": workspace.cycle, "phase": workspace.state["phase"],
                  "since": workspace.state["since"]},
        "members": members, "flags": flags(workspace, members, phase_dates, today),
        "participation": participation_by_phase(figures),
        "focus_counts": focus_counts(figures),
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
