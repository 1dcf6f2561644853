"""Planning together through the handlers: changes since a revision, presence in the shared cache."""

import pytest

from tests.support.seeding import seed_group


@pytest.fixture
def planning(cycle_course):
    from django.core.cache import cache  # pylint: disable=import-outside-toplevel

    cache.clear()
    group, users = seed_group(cycle_course)
    return cycle_course, group, users


def test_a_poll_answers_only_the_sections_saved_since_the_last_one(planning):
    course, _group, users = planning
    first = course.ok(users[1], "plan_changes", {})
    assert first["sections"] == [] and first["now"] > 0
    saved = course.ok(users[0], "save_plan_section", {"section_id": "objectives", "base_revision": None,
                                                       "content": "Siswa membandingkan 1/2 dan 1/3."})["section"]
    second = course.ok(users[1], "plan_changes", {"since": first["now"]})
    assert [(s["id"], s["revision"], s["content"]) for s in second["sections"]] == [
        ("objectives", saved["revision"], "Siswa membandingkan 1/2 dan 1/3.")]
    assert second["sections"][0]["author"]["id"]
    assert course.ok(users[1], "plan_changes", {"since": second["now"]})["sections"] == []


def test_who_else_has_the_plan_open_and_what_they_type_in(planning):
    course, _group, users = planning
    course.ok(users[0], "plan_changes", {"editing": "steps"})
    course.ok(users[2], "plan_changes", {})
    seen = course.ok(users[1], "plan_changes", {})["present"]
    assert sorted((p["editing"] or "") for p in seen) == ["", "steps"] and len(seen) == 2
    assert users[1] not in [p["name"] for p in seen]
    mine = next(p["id"] for p in seen if p["editing"] == "steps")
    others = course.ok(users[0], "plan_changes", {"editing": "steps"})["present"]
    assert len(others) == 2 and mine not in {p["id"] for p in others}  # never oneself


def test_a_poll_writes_no_journal(planning):
    course, _group, users = planning
    before = course.block(users[1]).journal
    for _ in range(3):
        course.ok(users[1], "plan_changes", {"editing": "objectives"})
    assert course.block(users[1]).journal == before


@pytest.mark.parametrize("payload,field", [({"since": -1}, "since"), ({"since": "yesterday"}, "since"),
                                           ({"editing": "no such id!"}, "editing")])
def test_bad_polls_are_refused_by_name(planning, payload, field):
    course, _group, users = planning
    status, error = course.call(users[1], "plan_changes", payload)
    assert status == 400 and error["field"] == field


def test_someone_without_a_group_is_told_to_join(cycle_course):
    status, error = cycle_course.call("nobody_here", "plan_changes", {})
    assert status == 403 and "join code" in error["error"]


def test_a_mark_lasts_only_its_time(planning, monkeypatch):
    import time  # pylint: disable=import-outside-toplevel

    from lessonstudy_xblock import presence  # pylint: disable=import-outside-toplevel

    course, _group, users = planning
    monkeypatch.setattr(presence, "TTL", 1)
    course.ok(users[0], "plan_changes", {})
    assert len(course.ok(users[1], "plan_changes", {})["present"]) == 1
    time.sleep(2.1)  # both marks (users[0]'s and the one users[1]'s poll made) are gone
    assert course.ok(users[2], "plan_changes", {})["present"] == []


def test_a_save_whose_stamp_comes_after_the_poll_is_still_answered_by_the_next(planning, monkeypatch):
    """A save's record is timed inside its write, its stamp after the row is stored: a poll in
    between must not make the next poll skip it."""
    from lessonstudy_xblock import presence  # pylint: disable=import-outside-toplevel

    course, _group, users = planning
    stamp = presence.plan_saved
    # The row stored (and stamped) 10 ms after the record's time, as a slow database would.
    monkeypatch.setattr(presence, "plan_saved", lambda usage, group, now: stamp(usage, group, now + 10))
    saved = course.ok(users[0], "save_plan_section", {"section_id": "objectives", "base_revision": None,
                                                       "content": "Teks."})["section"]
    later = saved["saved_at"] + 5  # a poll answered after the record's time, before its stamp
    changes = course.ok(users[1], "plan_changes", {"since": later})["sections"]
    assert [s["revision"] for s in changes] == [saved["revision"]]


def test_a_poll_with_nothing_new_reads_no_member_row(planning, monkeypatch):
    from lessonstudy_xblock.context import CycleRequest  # pylint: disable=import-outside-toplevel

    course, _group, users = planning
    course.ok(users[0], "save_plan_section", {"section_id": "objectives", "base_revision": None, "content": "Teks."})
    since = course.ok(users[1], "plan_changes", {})["now"]
    reads = []
    original = CycleRequest.workspace
    monkeypatch.setattr(CycleRequest, "workspace", lambda self, *a, **k: reads.append(a) or original(self, *a, **k))
    assert course.ok(users[1], "plan_changes", {"since": since})["sections"] == []
    assert reads == []
    row = {"id": "a", "cells": ["Buka", "", "", ""], "minutes": 5}
    course.ok(users[0], "save_plan_section", {"section_id": "steps", "base_revision": None,
                                              "content": {"rows": [row]}})
    reads.clear()  # the save's own reads
    # Read again: the steps (and sections saved within the minute of slack, which the page skips
    # when it has their revision).
    assert "steps" in [s["id"] for s in course.ok(users[1], "plan_changes", {"since": since})["sections"]]
    assert len(reads) == 1
