"""Revisions and conflicts of shared texts (domain/revisions.py)."""

import pytest

from lessonstudy_xblock.domain.errors import Conflict
from lessonstudy_xblock.domain.revisions import RevisionLog


def rev(rid, base, at, by="u1", content="x", resolves=()):
    return {"id": rid, "base": base, "at": at, "by": by, "content": content, "resolves": list(resolves)}


def test_first_save_is_made_from_no_revision():
    assert RevisionLog([]).check_save(None, "text", "u1") is None


def test_stale_plan_save_returns_conflict():
    log = RevisionLog([rev("r1", None, 1)])
    with pytest.raises(Conflict) as refused:
        log.check_save(None, "mine", "u2")
    assert "changed since you opened it" in refused.value.render()


def test_two_saves_from_the_same_base_are_both_kept_as_a_conflict():
    log = RevisionLog([rev("r1", None, 1), rev("a", "r1", 5, "u1", "A"), rev("b", "r1", 6, "u2", "B")])
    assert log.head()["id"] == "b"
    assert [r["id"] for r in log.conflicts()] == ["a"]


def test_save_from_the_newest_revision_resolves_the_conflicts_it_was_shown():
    records = [rev("r1", None, 1), rev("a", "r1", 5), rev("b", "r1", 6)]
    fields = RevisionLog(records).revision_fields("b")
    assert fields == {"base": "b", "resolves": ["a"]}
    records.append(rev("c", "b", 9, resolves=fields["resolves"]))
    log = RevisionLog(records)
    assert log.head()["id"] == "c" and log.conflicts() == []


def test_same_save_sent_twice_is_answered_with_the_stored_revision():
    log = RevisionLog([rev("r1", None, 1, "u1", "hello")])
    assert log.check_save(None, "hello", "u1")["id"] == "r1"


def test_order_does_not_depend_on_the_order_journals_were_read():
    records = [rev("b", "r1", 6), rev("r1", None, 1), rev("a", "r1", 6)]
    assert RevisionLog(records).head()["id"] == RevisionLog(list(reversed(records))).head()["id"]
