"""Follow-through in a real browser: in cycle 2's Plan a lesson learned of cycle 1 is linked to the
change it causes; cycle 2's See asks whether it worked and keeps the answer."""

import pytest

from tests.browser.test_cycle_support import (
    CycleGroup, SCENARIO, assert_no_script_ran, block, expect, handler_response, ok, open_tab, ready,
)


@pytest.mark.browser
def test_a_lesson_learned_is_followed_into_the_next_cycle_and_asked_about(people, api):
    group = CycleGroup(api, school="SMP Negeri 5 Kupang")
    teacher = group.join("yanti", "model_teacher")
    moderator = group.join("ferry", "moderator")
    observer = group.join("kornelis", "observer")
    group.phase(teacher, "do")
    group.phase(teacher, "see")
    lesson = f"Groups need time to talk before they write {group.tag}"
    ok(group.call(moderator, "save_lessons_learned", {"items": [lesson], "revisions": "", "base_revision": None}))
    ok(group.call(teacher, "start_next_cycle", {"from_cycle": 1}))

    page = ready(people.open(teacher, SCENARIO))
    follow = block(page).locator(".ls-follow")
    expect(follow).to_contain_text(lesson)
    follow.get_by_text("Link to a change in this plan").click()
    follow.get_by_label("Changed section").select_option("steps")
    follow.get_by_label("Observation focus that will show it").select_option("helping")
    with handler_response(page, "link_lesson"):
        follow.get_by_role("button", name="Link to this change").click()
    expect(block(page).locator(".ls-follow")).to_contain_text("→ Learning steps · observation focus: Helping")

    group.phase(teacher, "do")
    group.phase(teacher, "see")
    see = ready(people.open(observer, SCENARIO))
    open_tab(see, "See")
    asked = block(see).locator(".ls-did-it-work")
    expect(asked).to_contain_text(lesson)
    expect(asked).to_contain_text("Not answered yet.")
    asked.get_by_text("Answer: did it work?").click()
    asked.get_by_label("Partly").check()
    asked.get_by_label("Evidence from the open class").fill("Three of five groups talked before writing.")
    with handler_response(see, "review_change"):
        asked.get_by_role("button", name="Save answer").click()
    expect(block(see).locator(".ls-did-it-work")).to_contain_text("Partly: Three of five groups talked before writing.")
    assert_no_script_ran(page, see)
