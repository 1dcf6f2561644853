"""The facilitator overview reads the participants' figures from the shared cache, not their rows
(issue 18): a save refreshes the saver's entry; a missing entry is filled from the row; the
answer is the same either way."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from lessonstudy_xblock import figures
from tests.support.lms_double import LmsCourse, LmsDatabase

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]

LOCAL_CACHE = override_settings(
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                        "LOCATION": "lessonstudy-figures"}},
    LESSONSTUDY_LOCK_CACHE="default",
)


@pytest.fixture
def clear_cache():
    with LOCAL_CACHE:
        cache.clear()
        yield
        cache.clear()


def ok(course, username, handler, body=None):
    status, answer = course.call(username, handler, body or {})
    assert status == 200, answer
    return answer


def course_with_groups(groups, members=6):
    course = LmsCourse(LmsDatabase(race_window=0))
    for g in range(groups):
        code = ok(course, "staff_ana", "create_group", {"name": f"G{g}", "school": "SMP"})["group"]["join_code"]
        for m in range(members):
            ok(course, f"t{g}_{m}", "join_group", {"join_code": code})
        ok(course, f"t{g}_0", "set_role", {"role": "model_teacher"})
        ok(course, f"t{g}_0", "set_phase", {"phase": "do"})
        ok(course, f"t{g}_1", "add_observation", {"client_id": f"obs-{g}-0001", "focus": "helping",
                                                   "evidence": "S07 helps S08"})
    return course


def overview_reads(course):
    before = course.db.user_state_reads, course.db.statements
    answer = ok(course, "staff_ana", "facilitator_overview")
    return answer, course.db.user_state_reads - before[0], course.db.statements - before[1]


def test_a_warm_overview_reads_no_participant_row_and_its_statements_do_not_grow_with_them():
    small, large = course_with_groups(1), course_with_groups(4)
    for course in (small, large):
        _answer, reads, _statements = overview_reads(course)
        assert reads == 0  # every participant saved at least once: their entries are there
    statements = [overview_reads(course)[2] for course in (small, large)]
    assert statements[0] == statements[1], statements


def test_a_save_shows_in_the_next_overview_without_reading_rows():
    course = course_with_groups(2)
    first, _reads, _statements = overview_reads(course)
    ok(course, "t1_2", "add_observation", {"client_id": "obs-new-0001", "focus": "helping", "evidence": "S3 asks"})
    second, reads, _statements = overview_reads(course)
    assert reads == 0
    counts = {m["username"]: m["counts"]["observations"] for g in second["groups"] for m in g["members"]}
    assert counts["t1_2"] == 1 and counts["t1_1"] == 1
    assert first != second


def test_missing_entries_are_read_from_rows_and_filled_and_the_answer_is_the_same():
    course = course_with_groups(2)
    warm, _reads, _statements = overview_reads(course)
    cache.clear()  # evicted, or a cache that lost everything
    cold, reads, _statements = overview_reads(course)
    assert reads == 12 and cold == warm
    _again, reads, _statements = overview_reads(course)
    assert reads == 0


def test_an_entry_holds_figures_not_text():
    course = course_with_groups(1)
    entry = cache.get(figures.key(course.usage_id, "t0_1"))
    assert entry["groups"] and "S07 helps S08" not in repr(entry)
