"""Fixtures for the translation tests that render the blocks in the workbench."""

import pytest
from workbench.runtime_util import reset_global_state


@pytest.fixture
def workbench(db):  # pylint: disable=unused-argument
    """Freshly loaded workbench scenarios in the test database (see tests/workbench/conftest.py)."""
    reset_global_state()
