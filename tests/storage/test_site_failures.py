"""What goes wrong on a real site, and what the blocks do about it (on the LMS storage double).

Each test names the failure: a lock cache that cannot be used, the first write of the shared
index racing into an ``IntegrityError``, a group entry lost from the index, a course with Teams
turned off or a team of another course, and assigning someone who is not enrolled.
"""

import json

import pytest
from django.core import checks
from django.test import override_settings

from lessonstudy_xblock import storage
from lessonstudy_xblock.workshop import WorkshopBlock
from tests.support.concurrency import run_at_once
from tests.support.lms_double import LmsCourse, LmsDatabase

LOCAL_LOCKS = override_settings(
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                        "LOCATION": "lessonstudy-site-failures"}},
    LESSONSTUDY_LOCK_CACHE="default",
)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def local_locks():
    with LOCAL_LOCKS:
        from django.core.cache import cache  # pylint: disable=import-outside-toplevel

        cache.clear()
        yield


# The lock cache --------------------------------------------------------------------------
@override_settings(LESSONSTUDY_LOCK_CACHE="lesson-locks")
def test_a_misspelt_lock_cache_refuses_writes_clearly_instead_of_saving_without_a_lock():
    course = LmsCourse()
    status, answer = course.call("staff_ana", "create_group", {"name": "SMPN 1", "school": "SMPN 1"})
    assert status == 503
    assert "lock cache" in answer["error"]
    assert course.db.read_summary(course.usage_id) == {}, "nothing was saved without the lock"


@override_settings(LESSONSTUDY_LOCK_CACHE="lesson-locks")
def test_a_misspelt_lock_cache_is_a_system_check_error_and_a_studio_warning():
    errors = storage.check_lock_cache()
    assert [error.id for error in errors] == ["lessonstudy.E001"]
    assert "LESSONSTUDY_LOCK_CACHE = 'lesson-locks'" in errors[0].msg
    assert isinstance(errors[0], checks.Error)
    course = LmsCourse()
    _runtime, block = course._bound("staff_ana")  # pylint: disable=protected-access
    assert any("lock cache" in message.text for message in block.validate().messages)
    workshop = LmsCourse(block_class=WorkshopBlock, block_type="lessonstudy_workshop")
    _runtime, block = workshop._bound("staff_ana")  # pylint: disable=protected-access
    assert any("lock cache" in message.text for message in block.validate().messages)


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
def test_a_dummy_cache_is_no_lock_either():
    assert [error.id for error in storage.check_lock_cache()] == ["lessonstudy.E001"]
    assert LmsCourse().call("staff_ana", "create_group", {"name": "SMPN 1", "school": ""})[0] == 503


def test_a_per_process_cache_is_a_warning_and_a_shared_one_passes():
    assert [warning.id for warning in storage.check_lock_cache()] == ["lessonstudy.W001"]
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                                               "LOCATION": "lessonstudy_cache",
                                               "OPTIONS": {"MAX_ENTRIES": 1_000_000}}}):
        assert not storage.check_lock_cache()


def test_a_database_cache_that_culls_early_is_a_warning():
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                                               "LOCATION": "lessonstudy_cache"}}):
        assert [warning.id for warning in storage.check_lock_cache()] == ["lessonstudy.W002"]


def test_the_check_is_registered_with_django():
    assert storage.check_lock_cache in checks.registry.registry.get_checks()


# The first write of the shared index -----------------------------------------------------
def test_racing_first_writes_of_the_index_never_answer_500_and_lose_no_group():
    course = LmsCourse(db=LmsDatabase(race_window=0.02))
    staff = [f"staff_{n}" for n in range(4)]
    answers = run_at_once([lambda name=name: course.call(name, "create_group", {"name": name, "school": ""})
                           for name in staff])
    assert [status for status, _answer in answers] == [200] * 4
    # The index kept one writer's group; each facilitator's next request puts theirs back.
    for name in staff:
        assert course.call(name, "get_state", {})[0] == 200
    state = course.call("staff_0", "get_state", {})[1]
    assert sorted(group["name"] for group in state["groups"]) == staff


# A group entry lost from the index --------------------------------------------------------
def _course_with_a_group():
    course = LmsCourse()
    group = course.call("staff_ana", "create_group", {"name": "SMPN 4", "school": "Malang"})[1]["group"]
    for name in ("guru_rina", "guru_budi"):
        assert course.call(name, "join_group", {"join_code": group["join_code"]})[0] == 200
    return course, group


def _drop_group_from_index(course, group_id):
    text = json.loads(course.db.summary[(course.usage_id, "group_index")])
    kept = [line for line in text.split("\n") if not line.startswith(group_id + "\t")]
    assert len(kept) == len(text.split("\n")) - 1
    course.db.summary[(course.usage_id, "group_index")] = json.dumps("\n".join(kept))


def test_any_members_request_restores_their_groups_entry():
    course, group = _course_with_a_group()
    _drop_group_from_index(course, group["id"])
    status, state = course.call("guru_budi", "get_state", {})
    assert status == 200 and state["group"]["id"] == group["id"]
    assert {m["name"] for m in state["group"]["members"]} >= {"Guru Budi"}
    # The join code works again before the facilitator who made the group comes back.
    status, answer = course.call("guru_sari", "join_group", {"join_code": group["join_code"]})
    assert status == 200 and answer["group"]["name"] == "SMPN 4"
    assert answer["group"]["school"] == "Malang"


def test_members_of_an_earlier_version_get_a_copy_of_their_groups_entry_on_their_next_visit():
    course, group = _course_with_a_group()
    state = course.db.read_state("guru_rina", course.usage_id)
    for record in state["journal"]:
        record.pop("group", None)  # memberships as an earlier version wrote them
    course.db.student_module[("guru_rina", course.usage_id)] = json.dumps(state)
    assert course.call("guru_rina", "get_state", {})[0] == 200
    kept = [r for r in course.db.read_state("guru_rina", course.usage_id)["journal"] if r["type"] == "group_copy"]
    assert [r["group"]["join_code"] for r in kept] == [group["join_code"]]
    _drop_group_from_index(course, group["id"])
    course.call("guru_rina", "get_state", {})
    assert course.call("guru_sari", "join_group", {"join_code": group["join_code"]})[0] == 200


# Enrollment -------------------------------------------------------------------------------
def test_assign_member_refuses_someone_not_enrolled_when_the_runtime_can_tell():
    course, group = _course_with_a_group()
    course.db.enrolled = {"guru_rina", "guru_budi", "guru_dewi"}
    status, answer = course.call("staff_ana", "assign_member", {"group_id": group["id"], "user_id": "guru_tamu"})
    assert status == 409 and answer["field"] == "user_id"
    assert "guru_tamu is not enrolled in this course" in answer["error"]
    assert ("guru_tamu", course.usage_id) not in course.db.student_module
    status, _answer = course.call("staff_ana", "assign_member", {"group_id": group["id"], "user_id": "guru_dewi"})
    assert status == 200
