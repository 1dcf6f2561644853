"""A guided reflection session in real browsers: the moderator starts it with a quiet review,
everyone sees whose turn it is, the recorder's minutes link the entries they name."""

import re

import pytest

from tests.browser.test_cycle_support import (
    CycleGroup, SCENARIO, assert_no_script_ran, block, expect, handler_response, open_tab, ready,
)


@pytest.mark.browser
def test_the_moderator_leads_a_session_that_every_member_follows(people, api):
    group = CycleGroup(api, school="SMP Negeri 4 Ende")
    teacher = group.join("rina", "model_teacher")
    moderator = group.join("made", "moderator")
    recorder = group.join("nia", "recorder")
    observer = group.join("oki", "observer")
    group.phase(teacher, "do")
    group.observe(observer, focus="helping", target="S07", minute=12, evidence="S07 explained thirds to S08.")
    group.phase(teacher, "see")

    lead = ready(people.open(moderator, SCENARIO))
    open_tab(lead, "See")
    session = block(lead).locator(".ls-session")
    session.get_by_label("Minutes of quiet review").fill("5")
    with handler_response(lead, "reflection_session"):
        session.get_by_role("button", name="Start the reflection session").click()
    expect(session.locator(".ls-turn-now")).to_contain_text("Turn 1 of 6: Quiet review of the notes")
    expect(session.get_by_role("timer")).to_contain_text("Quiet review: 4:5")
    with handler_response(lead, "reflection_session"):
        session.get_by_role("button", name="Next turn").click()
    expect(session.locator(".ls-turn-now")).to_contain_text("Turn 2 of 6: The model teacher speaks first")

    # Every member sees whose turn it is (the model teacher, by name).
    follower = ready(people.open(observer, SCENARIO))
    open_tab(follower, "See")
    now = block(follower).locator(".ls-session .ls-turn-now")
    expect(now).to_contain_text("The model teacher speaks first")
    expect(now).to_contain_text(re.compile(f"Rina {group.tag}", re.I))  # the workbench title-cases names
    expect(block(follower).get_by_role("button", name="Next turn")).to_have_count(0)  # the moderator leads

    # The recorder's minutes: apart from the posts, the entry about S07 linked.
    notes = ready(people.open(recorder, SCENARIO))
    open_tab(notes, "See")
    minutes = block(notes).locator(".ls-minutes-log")
    minutes.get_by_label("Add to the minutes").fill("Rina: S07 explained thirds; the closing was rushed.")
    with handler_response(notes, "add_minute"):
        minutes.get_by_role("button", name="Add to the minutes").click()
    expect(minutes.locator("li")).to_contain_text("Evidence named: S07 (Helping and collaboration)")
    assert_no_script_ran(lead, follower, notes)
