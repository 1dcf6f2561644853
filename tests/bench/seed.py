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


def course_states(groups, members=6, prefix="bench", phase="do"):
    """The rows of a course of ``groups`` groups of ``members`` participants, each with a plan
    revision, entries and a phase record: ``(layout, {username: state}, index text)`` where
    ``layout`` is ``[(group_id, [usernames])]``."""
    index = GroupIndex()
    staff_journal, states, layout = [], {}, []
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
            states[username] = {"journal": journal,
                                "profile": {"id": anonymous_id(username), "name": full_name(username)}}
    states["staff_bench"] = {"journal": staff_journal,
                             "profile": {"id": anonymous_id("staff_bench"), "name": "Staff Bench"}}
    return layout, states, index.dumps()


def seed_cycle_course(usage_id, groups, members=6, prefix="bench", phase="do"):
    """Write :func:`course_states` into the workbench's store; returns ``(layout, index bytes)``."""
    layout, states, index_text = course_states(groups, members, prefix, phase)
    scenario, tag, _rest = usage_id.split(".", 2)
    rows = [XBlockState(scope="usage", scope_id=usage_id, user_id=username, scenario=scenario, tag=tag,
                        state=json.dumps(state)) for username, state in states.items()]
    XBlockState.objects.filter(scope="usage", scope_id=usage_id).exclude(user_id=None).delete()
    XBlockState.objects.bulk_create(rows, batch_size=500)
    shared, _created = XBlockState.objects.get_or_create(scope="usage", scope_id=usage_id, user_id=None,
                                                         scenario=scenario, tag=tag)
    state = json.loads(shared.state or "{}")
    state["group_index"] = index_text
    shared.state = json.dumps(state, indent=2, sort_keys=True)
    shared.save()
    return layout, len(index_text)


def seed_lms_double(db, usage_id, groups, members=6, prefix="bench"):
    """Write :func:`course_states` into the LMS double's tables (``tests/support/lms_double.py``)."""
    layout, states, index_text = course_states(groups, members, prefix)
    for username, state in states.items():
        db.student_module[(username, usage_id)] = json.dumps(state)
    db.summary[(usage_id, "group_index")] = json.dumps(index_text)
    return layout


WORDS = ("siswa guru melipat kertas pecahan bagian sama membandingkan menjelaskan alasan kelompok "
         "bertanya menjawab menulis papan tulis lembar kerja diskusi pasangan gambar garis bilangan "
         "setengah sepertiga seperempat lebih besar kecil benar salah mencoba lagi").split()


def sentences(rng, characters):
    """Plain text of about ``characters`` characters, in sentences of 6-14 words."""
    parts, length = [], 0
    while length < characters:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))).capitalize() + ". "
        parts.append(sentence)
        length += len(sentence)
    return "".join(parts)[:characters]


def seed_group_at_budget(usage_id, kind, members=6, prefix="budget"):
    """One group of ``members`` in See whose every member's row is just under the byte budget:
    ``kind`` ``"entries"`` (as many observation entries as fit) or ``"revisions"`` (a chain of
    20,000-character plan revisions, stored packed). Returns ``(group_id, usernames)``."""
    import random  # pylint: disable=import-outside-toplevel

    from lessonstudy_xblock.domain import journal as journals  # pylint: disable=import-outside-toplevel

    rng = random.Random(14)
    scenario, tag, _rest = usage_id.split(".", 2)
    index = GroupIndex()
    group_id = f"g-{prefix}-{kind}"
    created = record("group", 0, None, "staff_bench", name="Budget", school="SMP", join_code="BUDGET",
                     owner="staff_bench", client_id=None)
    created["group_id"] = group_id
    index.ensure_group(created)
    usernames = [f"{prefix}{kind[:3]}_m{m}" for m in range(members)]
    rows, base, n = [], None, 100
    for m, username in enumerate(usernames):
        journal = [record("membership", 10, group_id, username, via="join"),
                   record("role", 11, group_id, username, role=ROLES[m % len(ROLES)], focal="")]
        if m == 0:
            journal += [record("phase", 12, group_id, username, phase="do"),
                        record("phase", 13, group_id, username, phase="see")]
        while True:
            n += 1
            if kind == "entries":
                new = record("observation", n, group_id, username, client_id=f"b-{n}", kind="note",
                             focus="helping", evidence=sentences(rng, 120), target=f"S{n % 24:02d}",
                             minute=n % 80, interpretation="", link="", video_time=None, step_id=None,
                             **{"from": "", "to": ""}, interaction="", mode="")
            else:
                new = record("plan", n, group_id, username, section_id="objectives", section_type="text",
                             section_title="Objectives", content=sentences(rng, 20_000), base=base, resolves=[])
                base = new["id"]
            candidate = journal + [journals.pack(new)]
            if (journals.stored_size(candidate) > journals.MAX_JOURNAL_BYTES - 2_000
                    or len(candidate) >= journals.MAX_RECORDS):
                break
            journal = candidate
        # Up to 300 bytes under the budget: a record no rule reads (a later version's, say).
        room = journals.MAX_JOURNAL_BYTES - 300 - journals.stored_size(journal)
        if room > 200:
            journal.append(record("padding", n, group_id, username, text="x" * (room - 150)))
        index.apply_membership(username, group_id, BASE_MS + 10, ROLES[m % len(ROLES)], 1)
        rows.append(XBlockState(scope="usage", scope_id=usage_id, user_id=username, scenario=scenario, tag=tag,
                                state=json.dumps({"journal": journal, "profile": {
                                    "id": anonymous_id(username), "name": full_name(username)}})))
    rows.append(XBlockState(scope="usage", scope_id=usage_id, user_id="staff_bench", scenario=scenario, tag=tag,
                            state=json.dumps({"journal": [created], "profile": {
                                "id": anonymous_id("staff_bench"), "name": "Staff Bench"}})))
    XBlockState.objects.bulk_create(rows, batch_size=100)
    shared, _created = XBlockState.objects.get_or_create(scope="usage", scope_id=usage_id, user_id=None,
                                                         scenario=scenario, tag=tag)
    state = json.loads(shared.state or "{}")
    state["group_index"] = index.dumps()
    shared.state = json.dumps(state)
    shared.save()
    return group_id, usernames
