"""Browser tests: Debian's Chromium driven by Playwright against a real workbench server.

One server (2 gunicorn workers on a temporary SQLite database, with the
database cache the blocks' locks need) serves the whole session. Each story
uses its own users and groups, so stories do not see each other's work. A
screenshot of each story's last page is saved in ``test-artifacts/``.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.support.server import HandlerClient, REPO, sqlite_database, usage_id, workbench_server

CHROMIUM = os.environ.get("LESSONSTUDY_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
AXE_BLOCKING = ("serious", "critical")


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The base URL of the workbench served for the browser tests."""
    with workbench_server(sqlite_database(tmp_path_factory.mktemp("browser") / "db.sqlite3"),
                          workers=2) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium (installed by .ci/run and the test set-up)."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is needed for the browser tests and was not found at {CHROMIUM}: "
                    "install Debian's chromium package (bash .ci/run does).")
    from playwright.sync_api import sync_playwright  # pylint: disable=import-outside-toplevel

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield instance
        instance.close()


class People:
    """Browser contexts of several users, one per person, each with its own page."""

    def __init__(self, browser, server, request):  # pylint: disable=redefined-outer-name
        self.browser, self.server, self.request = browser, server, request
        self.contexts, self.last_page = [], None

    def open(self, student, scenario, language="en", viewport=None, offline=False, view=None):
        """A new browser context for ``student`` on a scenario page (or one ``view`` of its block,
        such as ``studio_view``); returns the page."""
        context = self.browser.new_context(
            locale="id-ID" if language == "id" else "en-US",
            extra_http_headers={"Accept-Language": language},
            viewport=viewport or {"width": 1200, "height": 900})
        self.contexts.append(context)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        # "Leave with unsaved text?" is the page asking as it should when a story navigates away
        # from text it typed: the story leaves. Any other dialog is an error.
        page.on("dialog", lambda dialog: dialog.accept() if dialog.type == "beforeunload" else (
            errors.append("dialog: " + dialog.message), dialog.dismiss()))
        page.script_errors = errors
        page.goto(f"{self.server}/scenario/{scenario}/{view + '/' if view else ''}?student={student}")
        context.set_offline(offline)
        self.last_page = page
        return page

    def close(self):
        if self.last_page is not None:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "-", self.request.node.name)
            try:
                self.last_page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            except Exception:  # pylint: disable=broad-except
                pass
        for context in self.contexts:
            context.close()


@pytest.fixture
def people(browser, server, request):  # pylint: disable=redefined-outer-name
    """Open pages as several users; the last page is saved as the story's artefact."""
    crowd = People(browser, server, request)
    yield crowd
    crowd.close()


@pytest.fixture(scope="session")
def api(server):  # pylint: disable=redefined-outer-name
    """``api(scenario, student)``: a JSON handler client to set a story up."""
    blocks = {}

    def client(scenario, student):
        if scenario not in blocks:
            blocks[scenario] = usage_id(server, scenario)
        return HandlerClient(server, blocks[scenario], student)

    return client


def axe_violations(page, selector):
    """Serious and critical axe-core violations inside ``selector`` (WCAG 2.1 A and AA rules, and
    ``label-content-name-mismatch``, WCAG 2.5.3 Label in Name, which axe keeps experimental)."""
    import axe_playwright_python  # pylint: disable=import-outside-toplevel

    script = Path(axe_playwright_python.__file__).with_name("axe.min.js")
    page.add_script_tag(path=str(script))
    result = page.evaluate(
        """async (selector) => {
            const r = await axe.run(document.querySelector(selector),
              {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
               rules: {"label-content-name-mismatch": {enabled: true}}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
        }""", selector)
    return [violation for violation in result if violation["impact"] in AXE_BLOCKING]
