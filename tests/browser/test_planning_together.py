"""Two teachers plan together in two browsers: who else has the plan open, a colleague's saved
change arriving without a reload (beside one's own unsaved text when both changed it), a warning
before leaving unsaved text, and a steps table that wraps its text and counts the minutes.

The pages poll every 15 s while the Plan tab is visible; the stories move each page's clock
(Playwright's clock) instead of waiting."""

import re

import pytest

from tests.browser.test_cycle_support import CycleGroup, SCENARIO, assert_no_script_ran, block, expect, ready

LAPTOP = {"width": 1280, "height": 800}


def open_plan(people, username):
    page = people.open(username, SCENARIO, viewport=LAPTOP)
    page.clock.install()
    page.reload()
    return ready(page)


def poll(page):
    """Let 15 s pass on the page's clock: its next poll goes out and is answered."""
    with page.expect_response(lambda r: "/plan_changes/" in r.url):
        page.clock.run_for(15500)


def section(page, section_id):
    return block(page).locator(f"form.ls-section[data-section='{section_id}']")


@pytest.mark.browser
def test_two_teachers_see_each_other_and_each_others_saved_changes_without_reloading(people, api):
    group = CycleGroup(api, school="SMP Negeri 3 Malang")
    rina = group.join("rina", "model_teacher")
    sari = group.join("sari", "observer")
    first, second = open_plan(people, rina), open_plan(people, sari)

    # Rina types in the objectives: Sari sees that she is there, and where.
    objectives = section(first, "objectives").get_by_role("textbox")
    objectives.fill(f"Siswa membandingkan pecahan {group.tag}.")
    poll(first)
    poll(second)
    presence = block(second).locator(".ls-presence")
    expect(presence).to_contain_text("Also in the plan now:")
    # The workbench names a user by their username, title-cased ("Rina 3fa2c1" or "Rina F76807").
    expect(presence).to_contain_text(re.compile(rf"Rina {group.tag} \(editing Learning objectives\)", re.I))

    # Sari starts typing in the steps table; Rina saves the objectives: Sari's page shows them
    # at once (no reload), and keeps her own unsaved steps.
    steps = section(second, "steps")
    steps.get_by_role("textbox").first.fill("Apersepsi: lipat kertas menjadi dua bagian yang sama besar.")
    with first.expect_response(lambda r: "/save_plan_section/" in r.url):
        section(first, "objectives").get_by_role("button", name="Save section").click()
    poll(second)
    arrived = section(second, "objectives").get_by_role("textbox")
    expect(arrived).to_have_value(f"Siswa membandingkan pecahan {group.tag}.")
    expect(steps.get_by_role("textbox").first).to_have_value(
        "Apersepsi: lipat kertas menjadi dua bagian yang sama besar.")

    # Both change the same section: Rina's saved version arrives beside Sari's unsaved text.
    section(second, "objectives").get_by_role("textbox").fill("Sari's version of the objectives.")
    section(first, "objectives").get_by_role("textbox").fill("Rina's second version.")
    with first.expect_response(lambda r: "/save_plan_section/" in r.url):
        section(first, "objectives").get_by_role("button", name="Save section").click()
    poll(second)
    newer = section(second, "objectives").locator(".ls-newer")
    expect(newer).to_contain_text("Rina's second version.")
    expect(section(second, "objectives").get_by_role("textbox")).to_have_value("Sari's version of the objectives.")

    # Leaving with unsaved text asks first.
    asked = second.evaluate("""() => { const event = new Event("beforeunload", {cancelable: true});
        window.dispatchEvent(event); return event.defaultPrevented; }""")
    assert asked is True
    assert first.evaluate("""() => { const event = new Event("beforeunload", {cancelable: true});
        window.dispatchEvent(event); return event.defaultPrevented; }""") is False  # all saved
    assert_no_script_ran(first, second)


@pytest.mark.browser
def test_the_steps_table_wraps_its_text_and_counts_the_planned_minutes(people, api):
    group = CycleGroup(api, school="SMP Negeri 3 Malang")
    rina = group.join("rina", "model_teacher")
    page = open_plan(people, rina)
    identity = section(page, "identity")
    identity.get_by_label("Time allocation").fill("2 x 40 menit")
    steps = section(page, "steps")
    long_text = "Siswa melipat kertas menjadi tiga bagian yang sama besar lalu menamai setiap bagian. " * 4
    cell = steps.get_by_role("textbox").first
    cell.fill(long_text)
    assert cell.evaluate("e => e.scrollHeight <= e.clientHeight + 2"), "the cell grows to show all its text"
    minutes = steps.locator("input[type=number]")
    for index in range(minutes.count()):
        minutes.nth(index).fill("")
    minutes.nth(0).fill("10")
    minutes.nth(1).fill("55")
    expect(steps.locator(".ls-total")).to_have_text(
        "Planned: 65 minutes of the 80 in the time allocation (15 not planned yet).")
    clipped = steps.locator(".ls-row-buttons .ls-button").evaluate_all(
        "buttons => buttons.filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.textContent)")
    assert clipped == [], "row buttons show their whole label on a laptop"
    assert_no_script_ran(page)
