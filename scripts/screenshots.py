"""The README's tour of the demo (``make screenshots``): the demo course served on a fresh database,
each view opened in Debian's Chromium as its user, a screenshot saved to ``docs/images/``.

Run it after a change to what a view shows; the README links the files it writes.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.support.server import REPO, server_env, sqlite_database, workbench_server

IMAGES = REPO / "docs" / "images"
CHROMIUM = "/usr/bin/chromium"
DESKTOP = {"width": 1200, "height": 860}
PHONE = {"width": 360, "height": 740}
CYCLE = "lessonstudy_cycle.0"
#: (file, user, scenario, language, viewport, tab to open or None, what it shows)
SHOTS = [
    ("plan-model-teacher.png", "guru_rina", CYCLE, "en", DESKTOP, "Plan", "the model teacher's plan"),
    ("do-observer-phone-id.png", "guru_gita", CYCLE, "id", PHONE, None, "an observer's phone in Do"),
    ("see-reflection.png", "guru_budi", CYCLE, "en", DESKTOP, "See", "the reflection in See"),
    ("facilitator.png", "staff_ana", CYCLE, "en", DESKTOP, "Facilitator", "the facilitator's overview"),
    ("workshop.png", "guru_rina", "lessonstudy_workshop.0", "en", DESKTOP, None, "a workshop module"),
]


def main():
    """Serve the demo and take every screenshot of :data:`SHOTS`."""
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        database = sqlite_database(Path(folder) / "demo.db")
        env = server_env(database)
        with workbench_server(database, workers=1) as base:
            subprocess.run([sys.executable, "-m", "lessonstudy_workbench.demo", "--base-url", base],
                           env=env, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True,
                    args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                          "--disable-background-networking", "--disable-component-update", "--disable-sync"])
                for name, user, scenario, language, viewport, tab, what in SHOTS:
                    shoot(browser, base, name, user, scenario, language, viewport, tab)
                    print(f"docs/images/{name}: {what}")
                browser.close()


# One row of SHOTS, spelled out.
def shoot(browser, base, name, user, scenario, language, viewport, tab):  # pylint: disable=too-many-arguments,too-many-positional-arguments
    """One screenshot of a block's view as ``user`` (with ``tab`` opened when given)."""
    context = browser.new_context(viewport=viewport, locale="id-ID" if language == "id" else "en-US",
                                  extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    page.goto(f"{base}/scenario/{scenario}/?student={user}&lang={language}")
    block = page.locator("[data-block-type^='lessonstudy_']").first
    block.locator(":scope :not([data-loading]) > *").first.wait_for()
    page.wait_for_load_state("networkidle")
    if tab:
        block.get_by_role("tab", name=tab).click()
        page.wait_for_load_state("networkidle")
    block.evaluate("node => node.scrollIntoView({block: 'start'})")
    page.evaluate("window.scrollBy(0, -60)")  # below the workbench's fixed title bar
    page.screenshot(path=str(IMAGES / name))
    context.close()


if __name__ == "__main__":
    main()
