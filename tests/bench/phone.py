"""The observer's phone, measured: taps, manual scrolls and time to a confirmation in view.

A real workbench server (gunicorn, SQLite), Debian's Chromium driven by Playwright as a
360×740 phone with touch, its CPU slowed 4× (Chrome DevTools' ``Emulation.setCPUThrottlingRate``).
An observer of a group in Do records, each flow starting from the Do tab as the previous one
left it:

(a) a note on a seat with a focus and evidence   target: at most 4 taps plus typing, 0 scrolls
(b) a quick note                                  target: at most 2 taps (seat, mark)
(c) an interaction between two seats             target: at most 4 taps (seat, seat, kind, add)
(d) a change of lesson mode                      target: 1 tap
and, for each, the time from the last tap to "Saved" in view under the form (target: 1 s).

A tap is one pointer-down (counted in the page), including focusing a field and choosing a
seat; a manual scroll is counted whenever what the next tap needs is not wholly in the window
(it is then scrolled into view, as a thumb would). The page is shown as the LMS shows a unit:
without the workbench's own fixed banner.

Usage: ``python -m tests.bench.phone [--runs N]`` (also part of ``make bench``).
"""

import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

from tests.support.server import HandlerClient, sqlite_database, usage_id, workbench_server

CHROMIUM = os.environ.get("LESSONSTUDY_CHROMIUM", "/usr/bin/chromium")
SCENARIO = "lessonstudy_cycle.0"
PHONE = {"width": 360, "height": 740}
CPU_SLOWDOWN = 4
TARGETS = {"a": (4, 0), "b": (2, 0), "c": (4, 0), "d": (1, 0)}
CONFIRMATION_TARGET = 1.0  # seconds
WORKBENCH_CHROME = "section.debug, header.banner { display: none !important; }"

#: In the page: pointer-downs counted, and the time from the last one to the status saying
#: "Saved" while wholly in the window.
PROBE = """
window.lsTaps = 0; window.lsLastTap = 0; window.lsConfirmed = null;
document.addEventListener("pointerdown", () => { window.lsTaps += 1; window.lsLastTap = performance.now();
                                                 window.lsConfirmed = null; }, true);
document.addEventListener("DOMContentLoaded", () => {
  const style = document.createElement("style");
  style.textContent = %s;
  document.head.append(style);
  new MutationObserver(() => {
    const status = document.querySelector(".ls-observe-status");
    if (!status || window.lsConfirmed !== null || !/^Saved:/.test(status.textContent)) return;
    const r = status.getBoundingClientRect();
    if (r.top >= 0 && r.bottom <= window.innerHeight) window.lsConfirmed = performance.now() - window.lsLastTap;
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
});
""" % json.dumps(WORKBENCH_CHROME)


class Observer:
    """One phone, counting what a flow costs."""

    def __init__(self, page):
        self.page = page
        self.scrolls = 0

    def start(self):
        self.page.evaluate("window.lsTaps = 0")
        self.scrolls = 0

    def tap(self, locator):
        in_view = locator.evaluate("""e => { const r = e.getBoundingClientRect();
            return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth; }""")
        if not in_view:
            self.scrolls += 1
            locator.scroll_into_view_if_needed()
        locator.tap()

    def seat(self, label):
        return self.page.locator(".ls-observe-panel .ls-seat-button").filter(
            has=self.page.locator(".ls-seat-text", has_text=label))

    def finish(self):
        """``(taps, scrolls, seconds to the confirmation in view)`` of the flow just done."""
        self.page.wait_for_function("window.lsConfirmed !== null", timeout=30000)
        taps, confirmed = self.page.evaluate("[window.lsTaps, window.lsConfirmed]")
        return taps, self.scrolls, confirmed / 1000


def flows(observer):
    """The four flows; yields ``(name, (taps, scrolls, seconds))``."""
    panel = observer.page.locator(".ls-observe-panel")
    observer.start()
    observer.tap(observer.seat("S07"))
    observer.tap(panel.locator(".ls-toggle", has_text="Helping and collaboration"))
    observer.tap(panel.get_by_label("Evidence"))
    observer.page.keyboard.type("S07 showed S08 how to fold the strip in four.")
    observer.tap(panel.get_by_role("button", name="Add observation"))
    yield "a", observer.finish()
    observer.start()
    observer.tap(observer.seat("S12"))
    observer.tap(panel.get_by_role("button", name="Learning stalled or not learning"))
    yield "b", observer.finish()
    observer.start()
    observer.tap(observer.seat("S03"))
    observer.tap(observer.seat("S04"))
    observer.tap(panel.get_by_role("button", name="helped", exact=True))
    observer.tap(panel.get_by_role("button", name="Add interaction"))
    yield "c", observer.finish()
    observer.start()
    observer.tap(panel.get_by_role("button", name="Group work"))
    yield "d", observer.finish()


def run(runs):
    """Print the figures of ``runs`` runs (fresh group and phone each), the median time."""
    from playwright.sync_api import sync_playwright  # pylint: disable=import-outside-toplevel

    database = sqlite_database(Path(tempfile.mkdtemp(prefix="lessonstudy-phone-")) / "db.sqlite3")
    results = {}
    with workbench_server(database, workers=2) as base, sync_playwright() as playwright:
        block = usage_id(base, SCENARIO)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        for number in range(runs):
            staff, teacher, observer = (f"{who}_phone{number}" for who in ("staff", "rina", "budi"))
            created = HandlerClient(base, block, staff).call("create_group", {"name": f"Phone {number}"})[1]
            code = created["group"]["join_code"]
            for user, role in ((teacher, "model_teacher"), (observer, "observer")):
                HandlerClient(base, block, user).call("join_group", {"join_code": code})
                HandlerClient(base, block, user).call("set_role", {"role": role})
            HandlerClient(base, block, teacher).call("set_phase", {"phase": "do"})
            context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2)
            page = context.new_page()
            page.add_init_script(PROBE)
            session = context.new_cdp_session(page)
            session.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
            page.goto(f"{base}/scenario/{SCENARIO}/?student={observer}")
            page.locator(".ls-observe-panel").wait_for()
            for name, figures in flows(Observer(page)):
                results.setdefault(name, []).append(figures)
            context.close()
        browser.close()
    report(results)


def report(results):
    names = {"a": "a note on a seat (focus, evidence)", "b": "a quick note", "c": "an interaction, two seats",
             "d": "a lesson-mode change"}
    print(f"Observer's phone (360x740, touch, CPU {CPU_SLOWDOWN}x slower; median of {len(results['a'])} runs)")
    for name, figures in results.items():
        taps = max(f[0] for f in figures)
        scrolls = max(f[1] for f in figures)
        seconds = statistics.median(f[2] for f in figures)
        worst = max(f[2] for f in figures)
        tap_target, scroll_target = TARGETS[name]
        verdicts = ["meets" if taps <= tap_target and scrolls <= scroll_target else "MISSES",
                    "meets" if seconds <= CONFIRMATION_TARGET else "MISSES"]
        print(f"  ({name}) {names[name]:<36} {taps} taps (target {tap_target}), {scrolls} scrolls "
              f"(target {scroll_target}): {verdicts[0]}; 'Saved' in view {seconds:.2f} s after the last tap, "
              f"worst {worst:.2f} s (target {CONFIRMATION_TARGET:.0f} s, ratio {seconds / CONFIRMATION_TARGET:.2f}): "
              f"{verdicts[1]}")


def main():
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    run(runs)


if __name__ == "__main__":
    main()
