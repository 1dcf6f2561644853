"""The workbench's ``user`` and ``user_state`` services behave like the LMS's."""

import json
import re

import pytest
from django.utils import translation
from workbench.models import XBlockState
from workbench.runtime import WorkbenchRuntime

from lessonstudy_workbench.services import (
    WorkbenchUserService, WorkbenchUserStateService, anonymous_user_id,
)

BLOCK_ID = "lesson-study-cycle-demo-workspace.lessonstudy_cycle.d0.u0"


def user_service(username):
    """The ``user`` service as the workbench builds it for a request by ``username``."""
    return WorkbenchRuntime(username)._services["user"]  # pylint: disable=protected-access


def test_workbench_runtime_uses_the_project_services():
    runtime = WorkbenchRuntime("guru_rina")
    services = runtime._services  # pylint: disable=protected-access
    assert isinstance(services["user"], WorkbenchUserService)
    assert isinstance(services["user_state"], WorkbenchUserStateService)
    assert {"settings", "fs", "i18n", "field-data"} <= set(services)


def test_current_user_has_the_lms_attributes():
    user = user_service("guru_rina").get_current_user()

    assert user.is_current_user
    assert user.full_name == "Guru Rina"
    assert user.emails == ["guru_rina@example.com"]
    attrs = user.opt_attrs
    assert attrs["edx-platform.username"] == "guru_rina"
    assert isinstance(attrs["edx-platform.user_id"], int)
    assert re.fullmatch(r"[0-9a-f]{32}", attrs["edx-platform.anonymous_user_id"])
    assert attrs["edx-platform.user_is_staff"] is False
    assert attrs["edx-platform.user_is_global_staff"] is False
    assert attrs["edx-platform.user_role"] == "student"
    assert attrs["edx-platform.is_authenticated"] is True


def test_ids_starting_with_staff_are_course_staff():
    attrs = user_service("staff_ana").get_current_user().opt_attrs

    assert attrs["edx-platform.user_is_staff"] is True
    assert attrs["edx-platform.user_role"] == "staff"
    assert user_service("staff_ana").get_current_user().full_name == "Staff Ana"


def test_ids_are_stable_across_requests_and_differ_between_users():
    first = user_service("guru_budi").get_current_user().opt_attrs
    again = user_service("guru_budi").get_current_user().opt_attrs
    other = user_service("guru_dewi").get_current_user().opt_attrs

    assert first["edx-platform.anonymous_user_id"] == again["edx-platform.anonymous_user_id"]
    assert first["edx-platform.user_id"] == again["edx-platform.user_id"]
    assert first["edx-platform.anonymous_user_id"] != other["edx-platform.anonymous_user_id"]
    assert first["edx-platform.user_id"] != other["edx-platform.user_id"]


def test_preferred_language_is_the_active_language():
    with translation.override("id"):
        attrs = user_service("guru_rina").get_current_user().opt_attrs
    assert attrs["edx-platform.user_preferences"] == {"pref-lang": "id"}


def test_only_staff_may_look_up_another_users_anonymous_id():
    assert user_service("staff_ana").get_anonymous_user_id("guru_rina", "course-v1:x+y+z") == \
        anonymous_user_id("guru_rina")
    assert user_service("guru_budi").get_anonymous_user_id("guru_rina", "course-v1:x+y+z") is None


@pytest.mark.django_db
def test_user_by_anonymous_id_finds_users_with_stored_state():
    XBlockState.objects.create(scope="usage", scope_id=BLOCK_ID, user_id="guru_sari", state="{}")
    service = user_service("staff_ana")

    found = service.get_user_by_anonymous_id(anonymous_user_id("guru_sari"))

    assert found.username == "guru_sari"
    assert isinstance(found.id, int)
    assert service.get_user_by_anonymous_id(anonymous_user_id("nobody")) is None
    assert service.get_user_by_anonymous_id().username == "staff_ana"


@pytest.mark.django_db
def test_user_state_returns_another_users_state_of_the_block():
    XBlockState.objects.create(scope="usage", scope_id=BLOCK_ID, user_id="guru_rina",
                               state=json.dumps({"journal": [{"id": "a"}], "profile": {}}))
    XBlockState.objects.create(scope="usage", scope_id=BLOCK_ID, user_id=None,
                               state=json.dumps({"group_index": "summary"}))
    service = WorkbenchUserStateService()

    assert service.get_state_as_dict("guru_rina", BLOCK_ID) == {"journal": [{"id": "a"}], "profile": {}}
    assert service.get_state_as_dict("guru_rina@example.com", BLOCK_ID)["journal"] == [{"id": "a"}]


@pytest.mark.django_db
def test_user_state_is_empty_for_a_user_or_block_without_state():
    XBlockState.objects.create(scope="usage", scope_id=BLOCK_ID, user_id="guru_rina",
                               state=json.dumps({"journal": []}))
    service = WorkbenchUserStateService()

    assert service.get_state_as_dict("guru_budi", BLOCK_ID) == {}
    assert service.get_state_as_dict("guru_rina", "other-scenario.lessonstudy_cycle.d0.u0") == {}


@pytest.mark.django_db
def test_user_state_reads_the_database_afresh_on_every_call():
    row = XBlockState.objects.create(scope="usage", scope_id=BLOCK_ID, user_id="guru_rina",
                                     state=json.dumps({"journal": []}))
    service = WorkbenchUserStateService()
    assert service.get_state_as_dict("guru_rina", BLOCK_ID) == {"journal": []}

    row.state = json.dumps({"journal": [{"id": "new"}]})
    row.save()

    assert service.get_state_as_dict("guru_rina", BLOCK_ID) == {"journal": [{"id": "new"}]}


@pytest.mark.django_db
def test_user_state_sees_what_the_workbench_field_storage_wrote():
    from workbench.runtime import WORKBENCH_KVS  # pylint: disable=import-outside-toplevel
    from xblock.fields import Scope  # pylint: disable=import-outside-toplevel
    from xblock.runtime import KeyValueStore  # pylint: disable=import-outside-toplevel

    key = KeyValueStore.Key(scope=Scope.user_state, user_id="guru_eko", block_scope_id=BLOCK_ID,
                            field_name="journal")
    WORKBENCH_KVS.set(key, [{"id": "x"}])

    assert WorkbenchUserStateService().get_state_as_dict("guru_eko", BLOCK_ID) == {"journal": [{"id": "x"}]}
