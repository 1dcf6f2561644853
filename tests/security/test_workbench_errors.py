"""The demo server (the workbench) leaks nothing when something goes wrong (issue 14): DEBUG is off
unless a developer asks, error pages never show field data, unknown handlers answer 404, and the
static files are served without DEBUG."""

import importlib
import json
import re

import pytest
from django.test import Client
from xblock.core import XBlock

from lessonstudy_xblock.cycle import CycleBlock

SCENARIO = "lessonstudy_cycle.0"


@pytest.fixture
def workbench(db):  # pylint: disable=unused-argument
    from workbench.runtime_util import reset_global_state  # pylint: disable=import-outside-toplevel

    reset_global_state()


def usage_of(client, scenario=SCENARIO):
    page = client.get(f"/scenario/{scenario}/", {"student": "staff_ana"}).content.decode("utf-8")
    return re.search(r"data-usage=['\"]([^'\"]+)['\"]", page).group(1)


def post(client, usage, handler, payload, student="staff_ana"):
    return client.post(f"/handler/{usage}/{handler}/?student={student}", json.dumps(payload),
                       content_type="application/json")


def test_debug_is_off_unless_a_developer_asks(monkeypatch):
    settings_module = importlib.import_module("lessonstudy_workbench.settings")
    try:
        monkeypatch.delenv("WORKBENCH_DEBUG", raising=False)
        assert importlib.reload(settings_module).DEBUG is False
        monkeypatch.setenv("WORKBENCH_DEBUG", "1")
        assert importlib.reload(settings_module).DEBUG is True
    finally:
        monkeypatch.delenv("WORKBENCH_DEBUG", raising=False)
        importlib.reload(settings_module)


@pytest.mark.parametrize("debug", [False, True])
def test_an_error_page_never_shows_field_data(workbench, settings, monkeypatch, debug):  # pylint: disable=unused-argument,redefined-outer-name
    """A handler that fails while holding the group index (with a join code) in a local variable:
    neither the plain error page nor the developer's debug page shows it."""
    settings.DEBUG = debug
    client = Client(raise_request_exception=False)
    usage = usage_of(client)
    group_name = "-".join(["Kelompok", "Rahasia", "7"])  # not spelled out in this file's source lines
    created = post(client, usage, "create_group", {"name": group_name, "school": "SMP 1"})
    join_code = created.json()["group"]["join_code"]

    def explode(self, request, suffix=""):  # pylint: disable=unused-argument
        index_text = self.group_index  # noqa: F841  pylint: disable=unused-variable
        raise RuntimeError("a failure inside a handler")

    monkeypatch.setattr(CycleBlock, "explode", XBlock.handler(explode), raising=False)
    answer = client.post(f"/handler/{usage}/explode/?student=staff_ana", "{}",
                         content_type="application/json", HTTP_ACCEPT="text/html")
    assert answer.status_code == 500
    page = answer.content.decode("utf-8")
    assert join_code not in page and group_name not in page
    assert ("Traceback" in page or "RuntimeError" in page) == debug


def test_an_unknown_handler_answers_404(workbench):  # pylint: disable=unused-argument,redefined-outer-name
    client = Client(raise_request_exception=False)
    answer = post(client, usage_of(client), "no_such_handler", {})
    assert answer.status_code == 404
    assert answer.json() == {"error": "This block has no such handler."}


def test_the_sdk_static_files_are_served_without_debug(workbench, settings):  # pylint: disable=unused-argument,redefined-outer-name
    settings.DEBUG = False
    client = Client()
    page = client.get(f"/scenario/{SCENARIO}/", {"student": "guru_rina"}).content.decode("utf-8")
    static = re.findall(r"""src=["'](/static/[^"']+\.js)""", page)
    assert static, "the workbench page loads the sdk's scripts from /static/"
    for url in static:
        answer = client.get(url)
        assert answer.status_code == 200, url
        assert b"".join(answer.streaming_content if answer.streaming else [answer.content])


def test_a_scenario_page_shows_no_learner_or_group_data(workbench):  # pylint: disable=unused-argument,redefined-outer-name
    """The sdk's page prints the block (its debug section): only the authored fields show."""
    client = Client()
    usage = usage_of(client)
    join_code = post(client, usage, "create_group", {"name": "SMP 9", "school": "Batu"}).json()["group"]["join_code"]
    post(client, usage, "join_group", {"join_code": join_code}, student="guru_rina")
    for student in ("guru_dodi", "guru_rina", "staff_ana"):
        page = client.get(f"/scenario/{SCENARIO}/", {"student": student}).content.decode("utf-8")
        assert join_code not in page and "group_index" not in page and "journal" not in page, student
        assert "display_name=" in page  # the authored fields still show, as the sdk meant
