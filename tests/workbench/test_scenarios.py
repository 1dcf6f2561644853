"""Every workbench scenario of this package renders, and the index lists them."""

import re

import pytest
from workbench.scenarios import get_scenarios

from .conftest import our_entry_points, our_scenario_ids

SCENARIO_IDS = our_scenario_ids()
ERROR_MARKERS = ("Traceback", "NoSuchServiceError", "PluginMissingError", "Exception Value")


def test_package_registers_its_blocks_as_xblock_entry_points():
    assert "lessonstudy_cycle" in {ep.name for ep in our_entry_points()}


def test_package_declares_workbench_scenarios():
    assert SCENARIO_IDS


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_scenario_page_renders_the_block_without_errors(client, workbench, scenario_id):
    assert scenario_id in get_scenarios()

    response = client.get(f"/scenario/{scenario_id}/")

    assert response.status_code == 200
    page = response.content.decode("utf-8")
    block_type = scenario_id.split(".")[0]
    assert re.search(rf"data-block-type=['\"]{re.escape(block_type)}['\"]", page)
    for marker in ERROR_MARKERS:
        assert marker not in page


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_scenario_page_renders_for_staff_and_participants(client, workbench, scenario_id):
    for student in ("staff_ana", "guru_rina"):
        response = client.get(f"/scenario/{scenario_id}/", {"student": student})
        assert response.status_code == 200, student


def test_index_lists_every_scenario_of_the_package(client, workbench):
    response = client.get("/")

    assert response.status_code == 200
    page = response.content.decode("utf-8")
    scenarios = get_scenarios()
    for scenario_id in SCENARIO_IDS:
        assert f"/scenario/{scenario_id}/" in page
        assert scenarios[scenario_id].description in page


def test_index_leaves_out_the_sdk_samples(client, workbench):
    page = client.get("/").content.decode("utf-8")

    assert "/scenario/thumbs.0/" not in page
    assert "/scenario/allscopes_demo.0/" not in page
