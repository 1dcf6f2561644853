"""One-person roles without a race (issue 14): claims of a group's role are serialised, and when
two claims still meet, the earlier keeps the role on every read and the later claimant is told."""

import pytest
from django.test import override_settings

from tests.domain.test_workspace import Journals
from tests.support.concurrency import run_at_once
from tests.support.lms_double import LmsCourse, LmsDatabase

LOCAL_LOCKS = override_settings(
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                        "LOCATION": "lessonstudy-role-race"}},
    LESSONSTUDY_LOCK_CACHE="default",
)


@pytest.mark.django_db
@LOCAL_LOCKS
@pytest.mark.parametrize("attempt", range(6))
def test_two_people_claiming_the_model_teacher_role_at_once_get_one_yes_and_one_409(attempt):
    course = LmsCourse(LmsDatabase(race_window=0.01))
    code = course.call("staff_ana", "create_group", {"name": "SMP 3", "school": "SMP 3"})[1]["group"]["join_code"]
    people = [f"r{attempt}_{n}" for n in range(3)]
    for person in people:
        assert course.call(person, "join_group", {"join_code": code})[0] == 200
    answers = run_at_once([lambda person=person: course.call_until_stored(person, "set_role",
                                                                          {"role": "model_teacher"})
                           for person in people])
    assert sorted(status for status, _answer in answers) == [200, 409, 409], answers
    group = course.call(people[0], "get_state", {})[1]["group"]
    assert len(group["roles"]["model_teacher"]) == 1 and group["role_warnings"] == []


def test_claims_that_still_meet_are_decided_the_same_way_whoever_reads():
    journals = Journals("rina", "sari", "budi")
    journals.add("sari", "role", role="moderator", focal="")
    journals.add("rina", "role", role="moderator", focal="")
    first = journals.workspace()
    journals.journals = dict(reversed(journals.journals.items()))  # members read in another order
    for workspace in (first, journals.workspace()):
        assert workspace.holders()["moderator"] == ["id-sari"]
        assert [m["roles"] for m in workspace.group_view()["members"] if m["id"] == "id-rina"] == [["observer"]]
        assert workspace.group_view()["role_warnings"] == [
            {"role": "moderator", "holders": ["id-sari", "id-rina"], "kept_by": "id-sari"}]
    journals.add("rina", "role", role="recorder", focal="")
    assert journals.workspace().role_warnings() == []
