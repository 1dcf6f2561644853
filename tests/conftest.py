"""Shared fixtures: the workbench database with its cache table, and courses to call."""

import pytest
from django.core.management import call_command

from tests.support.workbench_course import WorkbenchCourse


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # pylint: disable=redefined-outer-name
    """The test database also gets the cache table the blocks' write locks use."""
    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)


@pytest.fixture
def cycle_course(db):  # pylint: disable=unused-argument
    """A cycle workspace block in the workbench, with no groups yet."""
    from django.core.cache import cache  # pylint: disable=import-outside-toplevel

    cache.clear()
    return WorkbenchCourse("<lessonstudy_cycle/>")


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts and ends in English: a request in another language must not leak."""
    from django.utils import translation  # pylint: disable=import-outside-toplevel

    translation.activate("en")
    yield
    translation.activate("en")
