"""Journals merge without losing records (domain/journal.py)."""

import pytest

from lessonstudy_xblock.domain import journal
from lessonstudy_xblock.domain.errors import TooLarge


def test_merge_keeps_every_record_of_both_copies_once():
    a = [{"id": "1", "at": 1}, {"id": "2", "at": 2}]
    b = [{"id": "2", "at": 2}, {"id": "3", "at": 3}]
    assert [r["id"] for r in journal.merge(a, b)] == ["1", "2", "3"]


def test_merge_ignores_garbage_in_a_damaged_row():
    assert journal.merge([None, "x", {"no": "id"}, {"id": "1", "at": 1}]) == [{"id": "1", "at": 1}]


def test_a_full_journal_refuses_more_with_413():
    full = [{"id": str(n)} for n in range(journal.MAX_RECORDS)]
    with pytest.raises(TooLarge):
        journal.append(full, {"id": "x"})


def test_client_id_finds_the_record_already_sent():
    records = [{"id": "o1", "type": "observation", "client_id": "abc12345"}]
    assert journal.find_client_id(records, "observation", "abc12345")["id"] == "o1"
    assert journal.find_client_id(records, "post", "abc12345") is None
