"""An observer adds an observation on a 360×740 phone: no horizontal scrolling, and every
button and input of the Do tab is large enough to touch."""

import pytest

from tests.browser.test_cycle_support import (
    SCENARIO, CycleGroup, assert_no_script_ran, block, cycle_line, expect, handler_response,
    ready, wait_saved,
)

PHONE = {"width": 360, "height": 740}
TOUCH = 44  # px, WCAG 2.5.5 and the platforms' guidance

# The workbench prints its own debug table (the block's fields as one long line) under the
# block; the LMS has no such thing, so it is hidden to measure the page a learner gets.
HIDE_WORKBENCH_DEBUG = "section.debug { display: none !important; }"


def page_width(page):
    """``(scrollWidth, innerWidth)`` of the whole document."""
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def assert_no_horizontal_scroll(page):
    scroll_width, inner_width = page_width(page)
    assert scroll_width <= inner_width, (scroll_width, inner_width, wide_elements(page))
    assert wide_elements(page) == []


def wide_elements(page):
    """Elements of the block reaching past the right edge, outside the tables' own scroll boxes."""
    return page.evaluate("""() => Array.from(document.querySelectorAll(".lessonstudy-cycle *"))
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
