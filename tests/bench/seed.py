"""Courses of any size for benchmarks, written straight into the workbench's store.

Seeding thousands of participants through handlers would take minutes; the
benchmarks measure requests made *on top of* a seeded course, so the course is
written directly in the blocks' own storage format (the journal records of
docs/storage.md and the compact group index), exactly what handlers would
have stored.
"""

import json

from workbench.models import XBlockState

from lessonstudy_workbench.services import anonymous_user_id, full_name
from lessonstudy_xblock.domain.groups import GroupIndex

BASE_MS = 1_795_600_000_000
ROLES = ["model_teacher", "moderator", "observer", "observer", "recorder", "observer"]


def record(record_type, n, group_id, author, **fields):
    data = {"id": f"{record_type[:3]}-{group_id}-{author}-{n}", "type": record_type, "group_id": group_id, "cycle": 1,
            "at": BASE_MS + n, "by": anonymous_id(author)}
    data.update(fields)
    return data


def anonymous_id(username):
    return anonymous_user_id(username)


def seed_cycle_course(usage_id, groups, members=6, prefix="bench", phase="do"):
    """``groups`` groups of ``members`` participants, each with a plan revision, entries and a
    phase record; returns ``[(group_id, [usernames])]``."""
    scenario, tag, _rest = usage_id.split(".", 2)
    index = GroupIndex()
    staff_journal, rows, layout = [], [], []
    for g in range(groups):
        group_id = f"g-{prefix}{g:04d}"
        created = record("group", g, None, "staff_bench", name=f"School {g}", school=f"SMP {g}",
                         join_code=f"{g:06d}"[-6:].translate(str.maketrans("01", "AB")),
                         owner="staff_bench", client_id=None)
        created["group_id"] = group_id
        staff_journal.append(created)
        index.ensure_group(created)
        usernames = [f"{prefix}{g:04d}_m{m}" for m in range(members)]
        layout.append((group_id, usernames))
        for m, username in enumerate(usernames):
            journal = [record("membership", 10, group_id, username, via="join"),
                       record("role", 11, group_id, username, role=ROLES[m % len(ROLES)], focal="")]
            if m == 0:
                journal.append(record("phase", 12, group_id, username, phase=phase))
            journal.append(record("plan", 13, group_id, username, section_id="objectives",
                                  content=f"Objectives by {username}", base=None, resolves=[]))
            if m not in (0,):
                journal += [record("observation", 20 + k, group_id, username, client_id=f"seed-{k}",
                                   kind="note", focus="helping", evidence=f"Seat S{k:02d} helps",
                                   target=f"S{k:02d}", minute=k, interpretation="", link="",
                                   video_time=None, step_id=None, **{"from": "", "to": ""},
                                   interaction="", mode="") for k in range(2)]
            index.apply_membership(username, group_id, BASE_MS + 10, ROLES[m % len(ROLES)], 1)
            rows.append(XBlockState(scope="usage", scope_id=usage_id, user_id=username, scenario=scenario,
                                    tag=tag, state=json.dumps({
                                        "journal": journal,
                                        "profile": {"id": anonymous_id(username), "name": full_name(username)}})))
    rows.append(XBlockState(scope="usage", scope_id=usage_id, user_id="staff_bench", scenario=scenario, tag=tag,
                            state=json.dumps({"journal": staff_journal,
                                              "profile": {"id": anonymous_id("staff_bench"), "name": "Staff Bench"}})))
    XBlockState.objects.filter(scope="usage", scope_id=usage_id).exclude(user_id=None).delete()
    XBlockState.objects.bulk_create(rows, batch_size=500)
    shared, _created = XBlockState.objects.get_or_create(scope="usage", scope_id=usage_id, user_id=None,
                                                         scenario=scenario, tag=tag)
    state = json.loads(shared.state or "{}")
    state["group_index"] = index.dumps()
    shared.state = json.dumps(state, indent=2, sort_keys=True)
    shared.save()
    return layout, len(index.dumps())
