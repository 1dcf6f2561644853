"""Groups, membership and roles: the rules of domain/groups.py."""

import pytest

from lessonstudy_xblock.domain.errors import Conflict, Invalid, NotFound
from lessonstudy_xblock.domain.groups import (
    ACTIVE, CONTRIBUTOR, LEFT, MODEL_TEACHER, MODERATOR, OBSERVER, GroupIndex, RosterEntry, check_can_join,
    check_role_free, normalise_join_code, resolve_membership, role_of,
)


def group_record(group_id="g1", code="ABC234", at=100):
    return {"id": f"grp-{group_id}", "type": "group", "group_id": group_id, "name": "SMPN 1",
            "school": "Malang", "join_code": code, "owner": "staff_ana", "at": at}


def membership(group_id, at, rid=None):
    return {"id": rid or f"mem-{at}", "type": "membership", "group_id": group_id, "at": at}


def index_with_groups(*group_ids):
    index = GroupIndex()
    for n, group_id in enumerate(group_ids):
        index.ensure_group(group_record(group_id, code=f"ABCD{n + 2}{n + 2}"))
    return index


def test_index_round_trips_through_its_compact_text():
    index = index_with_groups("g1")
    index.apply_membership("rina", "g1", 200, MODEL_TEACHER, 1)
    again = GroupIndex.loads(index.dumps())
    assert again.roster("g1") == {"rina": (200, MODEL_TEACHER, 1, ACTIVE)}
    assert again.dumps() == index.dumps()


def test_damaged_index_text_starts_empty_instead_of_failing():
    assert len(GroupIndex.loads("{not json").groups) == 0
    assert len(GroupIndex.loads('["a list"]').groups) == 0
    assert len(GroupIndex.loads("").groups) == 0
    assert len(GroupIndex.loads("lessonstudy-index 2\nbroken line\n").groups) == 0


def test_the_json_index_of_earlier_versions_reads_and_is_written_as_lines():
    old = ('{"g":{"g-0123456789ab":{"c":"ABC234","m":"rina:1764079402123:mt:1:0","n":"SMPN 1",'
           '"o":"staff_ana","s":"Malang","t":1764079400000}}}')
    index = GroupIndex.loads(old)
    assert index.group("g-0123456789ab").name == "SMPN 1"
    assert index.latest_membership("rina")[0] == "g-0123456789ab"
    text = index.dumps()
    assert text.splitlines()[0] == "lessonstudy-index 2"
    again = GroupIndex.loads(text)
    assert again.group("g-0123456789ab") == index.group("g-0123456789ab")
    assert again.roster("g-0123456789ab") == index.roster("g-0123456789ab")
    assert again.dumps() == text


def test_a_request_decodes_only_the_groups_it_looks_at():
    index = index_with_groups(*[f"g-{n:012x}" for n in range(50)])
    index.apply_membership("rina", "g-000000000007", 1764079402123, OBSERVER, 1)
    text = index.dumps()
    # Damage every other group's entry: reading rina's group, and finding a code, never touch them.
    lines = text.split("\n")
    damaged = [line if "g-000000000007" in line or n == 0 else line.replace('"n":', '"n" ')
               for n, line in enumerate(lines)]
    read = GroupIndex.loads("\n".join(damaged))
    assert read.latest_membership("rina")[0] == "g-000000000007"
    assert read.group("g-000000000007").name
    assert read.group_by_code(index.group("g-000000000007").join_code) == "g-000000000007"
    assert len(read.groups._decoded) == 1  # the 49 others were never decoded


def test_roster_entry_costs_under_64_bytes_per_member():
    index = index_with_groups("g-0123456789ab")
    before = len(index.dumps())
    for n in range(6):
        index.apply_membership(f"teacher_{n:04d}", "g-0123456789ab", 1764079402123 + n, OBSERVER, 1)
    assert (len(index.dumps()) - before) / 6 <= 64


def test_newer_membership_moves_a_member_and_keeps_the_old_group_as_former():
    index = index_with_groups("g1", "g2")
    index.apply_membership("budi", "g1", 100)
    index.apply_membership("budi", "g2", 200)
    assert index.roster("g1")["budi"].state == LEFT
    assert index.roster("g2")["budi"].state == ACTIVE
    assert index.latest_membership("budi")[0] == "g2"


def test_older_membership_never_overwrites_a_newer_one():
    index = index_with_groups("g1", "g2")
    index.apply_membership("budi", "g2", 200)
    assert index.apply_membership("budi", "g1", 100) is False
    assert index.latest_membership("budi")[0] == "g2"


def test_membership_in_unknown_group_is_refused():
    with pytest.raises(NotFound):
        GroupIndex().apply_membership("budi", "nope", 1)


def test_member_missing_from_index_is_put_back_from_their_journal():
    index = index_with_groups("g1")
    group_id, adopt, repaired = resolve_membership([membership("g1", 150)], index, "sari")
    assert (group_id, adopt, repaired) == ("g1", None, True)
    assert index.roster("g1")["sari"].since == 150


def test_assignment_known_only_to_the_index_is_adopted():
    index = index_with_groups("g1")
    index.apply_membership("dewi", "g1", 300, MODERATOR, 1)
    group_id, adopt, _repaired = resolve_membership([], index, "dewi")
    assert group_id == "g1"
    assert adopt == ("g1", 300, MODERATOR, 1)


def test_journal_newer_than_index_wins():
    index = index_with_groups("g1", "g2")
    index.apply_membership("eko", "g1", 100)
    group_id, adopt, repaired = resolve_membership([membership("g2", 200)], index, "eko")
    assert (group_id, adopt, repaired) == ("g2", None, True)
    assert index.latest_membership("eko")[0] == "g2"


def test_contributor_entry_is_added_once_and_not_counted_as_member():
    index = index_with_groups("g1")
    assert index.ensure_contributor("g1", "staff_ana", 5) is True
    assert index.ensure_contributor("g1", "staff_ana", 6) is False
    assert index.roster("g1")["staff_ana"].state == CONTRIBUTOR
    assert index.latest_membership("staff_ana") is None
    assert index.summaries()[0]["member_count"] == 0


def test_ensure_group_restores_a_group_dropped_by_a_race():
    index = GroupIndex()
    assert index.ensure_group(group_record()) is True
    assert index.ensure_group(group_record()) is False
    assert index.group_by_code("ABC234") == "g1"


def test_role_carries_over_to_later_cycles_until_changed():
    records = [{"id": "r1", "type": "role", "role": MODEL_TEACHER, "cycle": 1, "at": 10}]
    assert role_of(records, None, 2)[0] == MODEL_TEACHER
    records.append({"id": "r2", "type": "role", "role": OBSERVER, "cycle": 2, "at": 20})
    assert role_of(records, None, 2)[0] == OBSERVER
    assert role_of(records, None, 1)[0] == MODEL_TEACHER


def test_member_without_role_is_an_observer():
    assert role_of([], None, 1)[0] == OBSERVER


def test_facilitator_assignment_in_index_counts_until_member_changes_role():
    entry = RosterEntry(since=100, role=MODERATOR, cycle=1, state=ACTIVE)
    assert role_of([], entry, 1)[0] == MODERATOR
    later = [{"id": "r", "type": "role", "role": OBSERVER, "cycle": 1, "at": 200}]
    assert role_of(later, entry, 1)[0] == OBSERVER


def test_one_person_role_held_by_someone_else_is_refused_naming_them():
    with pytest.raises(Conflict) as refused:
        check_role_free(MODEL_TEACHER, {MODEL_TEACHER: ["u1"]}, "u2", {"u1": "Rina"})
    assert "Rina" in refused.value.render()


def test_observer_role_is_never_exclusive():
    check_role_free(OBSERVER, {OBSERVER: ["u1"]}, "u2", {})


def test_join_needs_no_current_group_and_a_known_code():
    index = index_with_groups("g1")
    assert check_can_join(None, "ABCD22", index) == "g1"
    with pytest.raises(Conflict):
        check_can_join("g1", "ABCD22", index)
    with pytest.raises(NotFound):
        check_can_join(None, "ZZZZ99", index)
    with pytest.raises(Invalid):
        check_can_join(None, "x", index)


def test_join_codes_are_forgiving_about_case_and_spaces():
    assert normalise_join_code(" abc-234 ") == "ABC234"


def test_usernames_with_separator_characters_survive_the_compact_roster():
    index = index_with_groups("g1")
    for odd in ("a,b", "c:d", "e%2Cf"):
        index.apply_membership(odd, "g1", 100)
    again = GroupIndex.loads(index.dumps())
    assert set(again.roster("g1")) == {"a,b", "c:d", "e%2Cf"}
    assert again.latest_membership("a,b")[0] == "g1" and again.latest_membership("a") is None


def test_a_damaged_roster_entry_is_skipped_not_fatal():
    index = GroupIndex.loads('{"g": {"g1": {"n": "x", "m": "ok:1:mt:1:0,broken,also:bad:x:y:z"}}}')
    assert index.roster("g1") == {"ok": RosterEntry(since=1, role="model_teacher", cycle=1, state=ACTIVE)}
