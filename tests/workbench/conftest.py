"""Fixtures for tests that run the blocks in the xblock-sdk workbench."""

from importlib.metadata import entry_points

import pytest
from workbench.runtime_util import reset_global_state

DISTRIBUTION = "lessonstudy-xblock"


def our_entry_points():
    """The ``xblock.v1`` entry points of this distribution."""
    return sorted(
        (ep for ep in entry_points(group="xblock.v1")
         if ep.dist is not None and ep.dist.name.lower().replace("_", "-") == DISTRIBUTION),
        key=lambda ep: ep.name,
    )


def our_scenario_ids():
    """``<entry point>.<index>`` of every workbench scenario our blocks declare."""
    ids = []
    for ep in our_entry_points():
        block_class = ep.load()
        scenarios = getattr(block_class, "workbench_scenarios", None)
        for index, _scenario in enumerate(scenarios() if scenarios else []):
            ids.append(f"{ep.name}.{index}")
    return ids


@pytest.fixture
def workbench(db):  # pylint: disable=unused-argument,redefined-outer-name
    """A workbench with freshly loaded scenarios in the test database.

    The sdk's scenario registry lives in process memory and would outlive the
    test database's rollback (a later test would render empty containers),
    so every test starts from ``reset_global_state()``.
    """
    reset_global_state()
