"""An observer adds an observation on a 360×740 phone: no horizontal scrolling, and every
button and input of the Do tab is large enough to touch."""

import json

import pytest

from tests.browser.conftest import axe_violations
from tests.browser.test_cycle_support import (
    seat_button,
    SCENARIO, CycleGroup, assert_no_script_ran, block, cycle_line, expect, handler_response,
    is_focused, ready, wait_saved,
)

PHONE = {"width": 360, "height": 740}
TOUCH = 44  # px, WCAG 2.5.5 and the platforms' guidance

# The workbench prints its own debug table (the block's fields as one long line) under the
# block; the LMS has no such thing, so it is hidden to measure the page a learner gets.
HIDE_WORKBENCH_DEBUG = "section.debug { display: none !important; }"
#: The workbench's banner is fixed over the page's top; the LMS shows the unit without it.
WORKBENCH_CHROME = HIDE_WORKBENCH_DEBUG + " header.banner { display: none !important; }"


def page_width(page):
    """``(scrollWidth, innerWidth)`` of the whole document."""
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def assert_no_horizontal_scroll(page):
    scroll_width, inner_width = page_width(page)
    assert scroll_width <= inner_width, (scroll_width, inner_width, wide_elements(page))
    assert wide_elements(page) == []


def wide_elements(page):
    """Elements of the block reaching past the right edge, outside the boxes that scroll sideways
    on their own (tables, the strips of buttons)."""
    return page.evaluate("""() => Array.from(document.querySelectorAll(".lessonstudy-cycle *"))
        .filter(e => { for (let a = e.parentElement; a; a = a.parentElement) {
                         if (["auto", "scroll"].includes(getComputedStyle(a).overflowX)) return false; }
                       return true; })
        .filter(e => !e.closest(".ls-scroll") && e.getClientRects().length)
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))""")


def broken_tab_labels(page):
    """Tab labels laid out on more than one line (a one-word label broken mid-word)."""
    return page.evaluate("""() => Array.from(document.querySelectorAll(".lessonstudy-cycle [role=tab]"))
        .filter(tab => { const range = document.createRange(); range.selectNodeContents(tab);
                         return new Set(Array.from(range.getClientRects(), r => Math.round(r.top))).size > 1; })
        .map(tab => tab.textContent)""")


def small_targets(page, selector):
    """Visible buttons and form controls under ``selector`` lower than a touch target."""
    return page.evaluate("""([selector, minimum]) => Array.from(document.querySelectorAll(
          selector + " :is(button, input, select, textarea, summary, [role=tab])"))
        .filter(e => e.getClientRects().length && e.type !== "hidden")
        .map(e => [e.id || e.textContent.trim() || e.tagName, e.getBoundingClientRect().height])
        .filter(([name, height]) => height < minimum)""", [selector, TOUCH])


@pytest.mark.browser
def test_an_observer_adds_an_observation_on_a_phone_without_scrolling_sideways(people, api):
    group = CycleGroup(api, school="SMP Negeri 1 Ende")
    teacher = group.join("rina", "model_teacher")
    observer = group.join("budi", "observer", focal="Group 3")
    group.phase(teacher, "do")
    earlier = "Group 3 counted the pieces aloud: one, two, three, so each piece is one third."
    group.observe(observer, focus="student_talk", target="Group 3", minute=5, evidence=earlier,
                  link="https://example.org/photos/worksheet-group-3-page-1-with-a-long-name.jpg")

    page = people.open(observer, SCENARIO, viewport=PHONE)
    page.add_style_tag(content=HIDE_WORKBENCH_DEBUG)
    ready(page)
    header = block(page).locator(".ls-header-line")
    expect(header.locator("> summary")).to_contain_text("Cycle 1 · Do · observer")  # folded to one line
    header.locator("> summary").click()
    cycle_line(page, 1, "Do")
    do_tab = block(page).get_by_role("tab", name="Do", exact=True)
    expect(do_tab).to_have_attribute("aria-selected", "true")
    expect(block(page).locator(".ls-entry").filter(has_text=earlier)).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert small_targets(page, ".lessonstudy-cycle [role=tabpanel]:not([hidden])") == []
    assert small_targets(page, ".lessonstudy-cycle [role=tablist]") == []
    assert broken_tab_labels(page) == []

    form = block(page).locator("form.ls-observe")
    form.get_by_label("Focus").select_option("helping")
    form.get_by_text("More: student by name or group").click()  # folded on a phone
    form.get_by_label("Student or group").fill("S14")
    form.get_by_label("Lesson minute").fill("31")
    evidence = ("S14 showed S15 how to fold the strip into four equal parts and said "
                "\"sama besar\" (the same size) twice; S15 then folded the next strip alone. "
                "Worksheet_page_2_question_3_answered_after_the_fold_without_help_from_the_teacher")
    form.get_by_label("Evidence").fill(evidence)
    form.get_by_label("Interpretation").fill("Peer help started S15's learning.")
    form.get_by_label("Link").fill("https://example.org/photos/s15-strip.jpg")
    assert_no_horizontal_scroll(page)
    with handler_response(page, "add_observation"):
        form.get_by_role("button", name="Add observation").click()
    wait_saved(form)
    entry = block(page).locator(".ls-entry").filter(has_text="S14")
    expect(entry).to_contain_text("Helping and collaboration · S14 · minute 31")
    assert_no_horizontal_scroll(page)
    assert small_targets(page, ".lessonstudy-cycle [role=tabpanel]:not([hidden])") == []

    # Scrolled to the end of the Do tab, nothing sticks out either.
    block(page).locator(".ls-entries").scroll_into_view_if_needed()
    page.mouse.wheel(0, 10000)
    assert page.evaluate("window.scrollX") == 0
    assert_no_horizontal_scroll(page)
    assert_no_script_ran(page)


@pytest.mark.browser
def test_the_do_tab_fits_a_phone_in_indonesian_too(people, api):
    """Indonesian labels are longer (Perencanaan, Pelaksanaan, Refleksi): they still fit."""
    group = CycleGroup(api, school="SMP Negeri 1 Ende")
    teacher = group.join("rina", "model_teacher")
    observer = group.join("budi", "observer")
    group.phase(teacher, "do")
    group.observe(observer, focus="learning_stalled", target="Kelompok 4", minute=20,
                  evidence="Kelompok 4 menunggu guru dan tidak mencoba melipat kertas.")
    page = people.open(observer, SCENARIO, language="id", viewport=PHONE)
    page.add_style_tag(content=HIDE_WORKBENCH_DEBUG)
    ready(page)
    expect(block(page).get_by_role("tab").nth(1)).to_have_attribute("aria-selected", "true")
    expect(block(page).locator(".ls-entry")).to_have_count(1)
    assert_no_horizontal_scroll(page)
    assert small_targets(page, ".lessonstudy-cycle [role=tabpanel]:not([hidden])") == []
    assert small_targets(page, ".lessonstudy-cycle [role=tablist]") == []
    assert broken_tab_labels(page) == []
    form = block(page).locator("form.ls-observe")
    form.locator("button[type=submit]").click()  # empty: the errors shown must fit too
    expect(form.locator("[aria-invalid=true]")).to_have_count(2)
    assert_no_horizontal_scroll(page)
    assert_no_script_ran(page)


def open_as_the_lms_would_show_it(people, student, language="en"):
    """The scenario page on a phone, without the workbench's own chrome, from its first paint
    (the page lands at the observe panel when it is drawn)."""
    page = people.open(student, SCENARIO, language=language, viewport=PHONE)
    page.add_init_script("""document.addEventListener("DOMContentLoaded", () => {
        const style = document.createElement("style");
        style.textContent = %s;
        document.head.append(style); });""" % json.dumps(WORKBENCH_CHROME))
    page.reload()
    return ready(page)


def in_view(locator):
    """Whether the element lies wholly in the window (a tap on it needs no scrolling)."""
    return locator.evaluate("""e => { const r = e.getBoundingClientRect();
        return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth; }""")


def tap(page, locator, scrolls):
    """Tap ``locator`` as a thumb would: if it is out of the window, count the scroll it needs."""
    if not in_view(locator):
        scrolls.append(locator.evaluate("e => e.id || e.textContent.trim().slice(0, 40)"))
    locator.click()


@pytest.mark.browser
def test_an_observer_records_four_kinds_of_entry_on_a_phone_without_scrolling(people, api):
    """The issue's flows: a note on a seat, a quick note, an interaction between two seats, a mode
    change; each starts from the Do tab as the previous one left it, and needs no scroll."""
    group = CycleGroup(api, school="SMP Negeri 1 Ende")
    teacher = group.join("rina", "model_teacher")
    observer = group.join("budi", "observer")
    group.phase(teacher, "do")
    page = open_as_the_lms_would_show_it(people, observer)
    panel = block(page).locator(".ls-observe-panel")
    expect(panel).to_be_visible()
    # The landing: the observe panel at the top of the window, the header folded to one line.
    assert abs(panel.evaluate("e => e.getBoundingClientRect().top")) < 40
    expect(block(page).locator(".ls-header-line > summary")).to_contain_text("Cycle 1 · Do · observer")
    status = panel.locator(".ls-observe-status")
    scrolls = []

    # (a) a note on a seat: seat, focus, evidence, add.
    tap(page, seat_button(panel, "S07"), scrolls)
    tap(page, panel.locator(".ls-toggle", has_text="Helping and collaboration"), scrolls)
    evidence = panel.get_by_label("Evidence")
    tap(page, evidence, scrolls)
    page.keyboard.type("S07 showed S08 how to fold the strip in four.")
    with handler_response(page, "add_observation"):
        tap(page, panel.get_by_role("button", name="Add observation"), scrolls)
    expect(status).to_contain_text("Saved: Helping and collaboration · S07")
    assert in_view(status)
    assert not is_focused(evidence), "the app does not reopen the keyboard"
    expect(seat_button(panel, "S07")).to_contain_text("1")

    # (b) a quick note: seat, mark.
    tap(page, seat_button(panel, "S12"), scrolls)
    with handler_response(page, "add_observation"):
        tap(page, panel.get_by_role("button", name="Learning stalled or not learning"), scrolls)
    expect(status).to_contain_text("Saved: quick note: Learning stalled or not learning · S12")
    assert in_view(status)

    # (c) an interaction: seat, seat, kind, add.
    tap(page, seat_button(panel, "S03"), scrolls)
    tap(page, seat_button(panel, "S04"), scrolls)
    tap(page, panel.get_by_role("button", name="helped", exact=True), scrolls)
    with handler_response(page, "add_observation"):
        tap(page, panel.get_by_role("button", name="Add interaction"), scrolls)
    expect(status).to_contain_text("Saved: S03 helped S04")
    assert in_view(status)

    # (d) a change of lesson mode: one tap.
    with handler_response(page, "add_observation"):
        tap(page, panel.get_by_role("button", name="Group work"), scrolls)
    expect(status).to_contain_text("Saved: lesson mode Group work")
    assert in_view(status)
    assert scrolls == []
    assert_no_horizontal_scroll(page)
    assert small_targets(page, ".lessonstudy-cycle .ls-observe-panel") == []
    # The seat buttons' names contain their visible text (WCAG 2.5.3; an aria-label did not).
    assert axe_violations(page, ".lessonstudy-cycle .ls-observe-panel") == []

    entries = {e["kind"]: e for e in group.state(observer)["observations"]}
    assert (entries["note"]["seat"], entries["note"]["target"]) == ("r2c1", "S07")
    assert (entries["quick"]["seat"], entries["quick"]["evidence"]) == ("r2c6", "")
    assert (entries["interaction"]["from_seat"], entries["interaction"]["to_seat"]) == ("r1c3", "r1c4")
    assert entries["mode"]["mode"] == "group_work"
    assert_no_script_ran(page)
