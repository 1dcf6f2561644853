"""Bounded work per request (issue 14): the caps exist and apply. Timings at the limits are in
``make bench`` (tests/bench/run.py, "limits")."""

import difflib

import pytest

from lessonstudy_xblock.domain import history
from tests.support.seeding import seed_group

TEXT = {"id": "objectives", "type": "text"}


@pytest.fixture
def compared_sizes(monkeypatch):
    """The sizes of every list ``difflib`` is asked to compare."""
    sizes = []
    real = difflib.SequenceMatcher

    def recording(*args, **kwargs):
        sizes.append((len(kwargs.get("a", ())), len(kwargs.get("b", ()))))
        return real(*args, **kwargs)

    monkeypatch.setattr(history.difflib, "SequenceMatcher", recording)
    return sizes


def test_one_changed_sentence_in_ten_thousand_is_found_without_comparing_them_all(compared_sizes):
    before = "a. " * 10_000
    after = before + "b."
    diff, granularity = history.compare_bounded(before, after, TEXT)
    assert granularity == "sentence" and diff[-1] == {"op": "insert", "text": "b."}
    assert max(a * b for a, b in compared_sizes) <= 1


@pytest.mark.parametrize("before,after", [
    ("a. b. " * 5000, "a. " * 10_000),               # repetitive: difflib's worst case
    ("a. b. " * 5000, "b. a. " * 5000),
    ("a.\nb.\n" * 3000, "b.\na.\n" * 3000),          # one sentence per line: too many paragraphs too
])
def test_a_comparison_never_asks_difflib_for_more_than_the_cap(compared_sizes, before, after):
    diff, granularity = history.compare_bounded(before, after, TEXT)
    assert granularity in ("paragraph", "whole")
    assert all(a * b <= history.MAX_DIFF_PAIRS for a, b in compared_sizes)
    assert diff and history.GRANULARITY_NOTES[granularity]


def test_the_handler_says_when_a_comparison_is_coarser(cycle_course):
    _group, users = seed_group(cycle_course)
    first = cycle_course.ok(users[0], "save_plan_section", {"section_id": "objectives", "base_revision": None,
                                                            "content": "a. b. " * 3000})["section"]
    second = cycle_course.ok(users[0], "save_plan_section", {"section_id": "objectives",
                                                             "base_revision": first["revision"],
                                                             "content": "b. a. " * 3000})["section"]
    answer = cycle_course.ok(users[1], "compare_plan", {"section_id": "objectives", "from_revision": first["revision"],
                                                         "to_revision": second["revision"]})
    assert answer["granularity"] == "paragraph" and "too many" in answer["note"]
    small = cycle_course.ok(users[1], "compare_plan", {"section_id": "objectives"})
    assert small["granularity"] == "sentence" and small["note"] is None


def test_history_is_paged(cycle_course):
    _group, users = seed_group(cycle_course)
    base = None
    for number in range(25):
        base = cycle_course.ok(users[0], "save_plan_section", {"section_id": "objectives", "base_revision": base,
                                                               "content": f"Version {number}."})["section"]["revision"]
    first = cycle_course.ok(users[1], "plan_history", {"section_id": "objectives"})
    assert len(first["revisions"]) == history.HISTORY_PAGE and first["more"] is True
    assert first["revisions"][0]["content"] == "Version 24."
    rest = cycle_course.ok(users[1], "plan_history", {"section_id": "objectives",
                                                      "before": first["revisions"][-1]["revision"]})
    assert [r["content"] for r in rest["revisions"]] == [f"Version {n}." for n in range(4, -1, -1)]
    assert rest["more"] is False
    assert cycle_course.call(users[1], "plan_history", {"section_id": "objectives", "limit": 101})[0] == 400
    assert cycle_course.call(users[1], "plan_history", {"section_id": "objectives", "before": "rev-nope"})[0] == 404
