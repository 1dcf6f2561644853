"""A group's whole cycle in real browsers, one context per person: set up by a facilitator,
planned together (with a stale save), observed, reflected on, and revised into cycle 2.
Then the same story once more by keyboard alone."""

import re

import pytest

from tests.browser.test_cycle_support import (
    SCENARIO, CycleGroup, assert_no_script_ran, block, cycle_line, expect, handler_response,
    is_focused, open_tab, ready, refresh, section_form, tab_to, tag, wait_saved,
)

CONFLICT = "changed since you opened it"


def post_form(page):
    return block(page).locator("form.ls-post-form")


@pytest.mark.browser
def test_a_group_runs_a_whole_cycle_and_revises_its_plan_for_cycle_2(people, api):
    story = tag()
    staff_name, group_name = f"staff_{story}", f"SMPN 4 Malang {story}"

    # A facilitator creates the group; the announcement gives its join code.
    staff = ready(people.open(staff_name, SCENARIO))
    block(staff).get_by_label("Group name").fill(group_name)
    block(staff).get_by_label("School", exact=True).fill("SMP Negeri 4 Malang")
    with handler_response(staff, "create_group"):
        block(staff).get_by_role("button", name="Create group").click()
    created = block(staff).get_by_role("status").filter(has_text=re.compile(r"Its join code is [A-Z2-9]{6}\."))
    join_code = re.search(r"Its join code is ([A-Z2-9]{6})\.", created.inner_text()).group(1)
    expect(block(staff).get_by_text(group_name, exact=True).filter(visible=True).first).to_be_visible()

    # The model teacher and the first observer join in the browser, the others through the API.
    def join_in_browser(username):
        page = ready(people.open(username, SCENARIO))
        block(page).get_by_label("Join code").fill(join_code.lower())
        with handler_response(page, "join_group"):
            block(page).get_by_role("button", name="Join group").click()
        expect(block(page).get_by_role("heading", name=group_name, exact=True)).to_be_visible()
        return page

    teacher = join_in_browser(f"rina_{story}")
    observer = join_in_browser(f"budi_{story}")
    group = CycleGroup(api, staff=staff_name, story=story, join_code=join_code)
    second = group.join("sari", "observer")
    moderator = group.join("dewi", "moderator")

    # The model teacher takes the role in the browser.
    block(teacher).get_by_text("Change my role").click()
    block(teacher).get_by_label("My role").select_option("model_teacher")
    with handler_response(teacher, "set_role"):
        block(teacher).get_by_role("button", name="Save my role").click()
    expect(block(teacher).get_by_text("Your role is now model teacher.")).to_be_visible()

    # Both open the Plan: the model teacher saves first, the observer's copy is stale.
    refresh(observer)
    objectives_by_teacher = "Students compare fractions with unlike denominators using strips."
    objectives_by_observer = "Students explain why 1/3 < 1/2 to a partner."
    for page in (teacher, observer):
        expect(block(page).get_by_role("tab", name="Plan", exact=True)).to_have_attribute("aria-selected", "true")
    section_t = section_form(teacher, "Learning objectives")
    section_t.get_by_label("Learning objectives").fill(objectives_by_teacher)
    with handler_response(teacher, "save_plan_section"):
        section_t.get_by_role("button", name="Save section").click()
    wait_saved(section_t)

    section_o = section_form(observer, "Learning objectives")
    editor_o = section_o.get_by_label("Learning objectives")
    editor_o.fill(objectives_by_observer)
    with handler_response(observer, "save_plan_section") as answer:
        section_o.get_by_role("button", name="Save section").click()
    assert answer.value.status == 409
    expect(section_o.get_by_role("status")).to_contain_text(CONFLICT)
    expect(editor_o).to_have_value(objectives_by_observer)  # their own text is kept...
    expect(section_o.locator(".ls-newer")).to_contain_text(objectives_by_teacher)  # ...beside the newer one
    expect(section_o.locator(".ls-newer")).to_contain_text(re.compile(f"Newer text by Rina {story}", re.I))

    # The observer keeps their text, merges both and saves from the newest revision.
    section_o.get_by_role("button", name="Keep editing my text").click()
    merged = objectives_by_teacher + "\n" + objectives_by_observer
    editor_o.fill(merged)
    with handler_response(observer, "save_plan_section"):
        section_o.get_by_role("button", name="Save section").click()
    wait_saved(section_o)
    expect(section_o.locator(".ls-newer")).to_be_empty()
    refresh(teacher)
    expect(section_form(teacher, "Learning objectives").get_by_label("Learning objectives")).to_have_value(merged)

    # The model teacher moves the group to Do; the plan is locked for the open class.
    with handler_response(teacher, "set_phase"):
        block(teacher).get_by_role("button", name="Move to Do").click()
    cycle_line(teacher, 1, "Do")
    expect(block(teacher).get_by_role("tab", name="Do", exact=True)).to_have_attribute("aria-selected", "true")

    # Two observers add observations during the open class: one refreshes and opens the Do tab,
    # the other opens the page now (it opens on the group's phase).
    refresh(observer)
    open_tab(observer, "Do")
    other = ready(people.open(second, SCENARIO))
    entries = {
        observer: ("learning_started", "S07", "12",
                   "S07 folded the strip into three and said: now I see, one third is smaller."),
        other: ("misconception", "Group 2", "25", "Group 2 said 1/4 > 1/3 because 4 is bigger than 3."),
    }
    for page, (focus, target, minute, evidence) in entries.items():
        cycle_line(page, 1, "Do")
        form = block(page).locator("form.ls-observe")
        form.get_by_label("Focus").select_option(focus)
        form.get_by_label("Student or group").fill(target)
        form.get_by_label("Lesson minute").fill(minute)
        form.get_by_label("Evidence").fill(evidence)
        form.get_by_label("Interpretation").fill("Worth discussing in the reflection.")
        with handler_response(page, "add_observation"):
            form.get_by_role("button", name="Add observation").click()
        wait_saved(form)
        expect(form.get_by_label("Evidence")).to_have_value("")
        entry = block(page).locator(".ls-entry").filter(has_text=evidence)
        expect(entry).to_contain_text(f"{target} · minute {minute}")

    # The moderator moves the group to See.
    mod = ready(people.open(moderator, SCENARIO))
    with handler_response(mod, "set_phase"):
        block(mod).get_by_role("button", name="Move to See").click()
    cycle_line(mod, 1, "See")

    # The model teacher speaks first.
    teacher.reload()
    ready(teacher)
    impression = "The strips helped most groups; I talked too long in the opening."
    expect(post_form(teacher).get_by_label("Kind of post")).to_have_value("impression")
    post_form(teacher).get_by_role("textbox").fill(impression)
    with handler_response(teacher, "post_reflection"):
        post_form(teacher).get_by_role("button", name="Post reflection").click()
    wait_saved(post_form(teacher))
    expect(block(teacher).locator(".ls-post").filter(has_text=impression)).to_be_visible()

    # Each observer posts a finding citing their own observation.
    for page, (_focus, _target, _minute, evidence) in entries.items():
        page.reload()
        ready(page)
        form = post_form(page)
        expect(form.get_by_label("Kind of post")).to_have_value("finding")
        form.get_by_role("checkbox", name=evidence).check()
        finding = f"Finding from {evidence[:10]}: the strips made the size of the parts visible."
        form.get_by_role("textbox").fill(finding)
        with handler_response(page, "post_reflection"):
            form.get_by_role("button", name="Post reflection").click()
        wait_saved(post_form(page))
        post = block(page).locator(".ls-post").filter(has_text=finding)
        expect(post.locator(".ls-cites")).to_contain_text(evidence)
        expect(post.locator(".ls-opinion")).to_have_count(0)

    # The moderator records the lessons learned, then starts cycle 2.
    mod.reload()
    ready(mod)
    findings = block(mod).locator(".ls-post-group").filter(has=mod.get_by_role("heading", name="Findings"))
    expect(findings.locator(".ls-post")).to_have_count(2)
    lesson = "Give students manipulatives before asking them to compare."
    lessons = block(mod).locator("form.ls-lessons-form")
    lessons.get_by_label("Lessons learned").fill(lesson + "\nKeep the opening under five minutes.")
    lessons.get_by_label("Agreed revisions").fill("Shorten the opening; add a strip task for every group.")
    with handler_response(mod, "save_lessons_learned"):
        lessons.get_by_role("button", name="Save lessons learned").click()
    wait_saved(lessons)
    with handler_response(mod, "start_next_cycle"):
        block(mod).get_by_role("button", name="Revise for next cycle").click()
    cycle_line(mod, 2, "Plan")
    expect(block(mod).get_by_role("tab", name="Plan", exact=True)).to_have_attribute("aria-selected", "true")
    expect(section_form(mod, "Learning objectives").get_by_label("Learning objectives")).to_have_value(merged)
    expect(block(mod).locator(".ls-aside")).to_contain_text(lesson)

    # Every member sees cycle 2 with the plan carried over.
    teacher.reload()
    ready(teacher)
    cycle_line(teacher, 2, "Plan")
    expect(section_form(teacher, "Learning objectives").get_by_label("Learning objectives")).to_have_value(merged)
    assert_no_script_ran(staff, teacher, observer, other, mod)


@pytest.mark.browser
def test_the_cycle_can_be_run_by_keyboard_alone(people, api):
    story = tag()

    def press_on(page, target, key="Enter", backwards=False):
        tab_to(page, target, backwards=backwards)
        page.keyboard.press(key)

    # A facilitator creates the group: Tab to the fields, type, Enter on Create group.
    staff = ready(people.open(f"staff_{story}", SCENARIO))
    tab_to(staff, block(staff).get_by_label("Group name"))
    staff.keyboard.type(f"SD Negeri 2 Kupang {story}")
    staff.keyboard.press("Tab")
    expect(block(staff).get_by_label("School", exact=True)).to_be_focused()
    staff.keyboard.type("SD Negeri 2 Kupang")
    with handler_response(staff, "create_group"):
        press_on(staff, block(staff).get_by_role("button", name="Create group"))
    created = block(staff).get_by_role("status").filter(has_text=re.compile(r"Its join code is [A-Z2-9]{6}\."))
    join_code = re.search(r"Its join code is ([A-Z2-9]{6})\.", created.inner_text()).group(1)
    group = CycleGroup(api, staff=f"staff_{story}", story=story, join_code=join_code)
    moderator = group.join("dewi", "moderator")

    def join_by_keyboard(short):
        page = ready(people.open(group.user(short), SCENARIO))
        tab_to(page, block(page).get_by_label("Join code"))
        page.keyboard.type(group.join_code)
        with handler_response(page, "join_group"):
            press_on(page, block(page).get_by_role("button", name="Join group"))
        heading = block(page).get_by_role("heading", name=group.name, exact=True)
        expect(heading).to_be_focused()
        return page

    teacher = join_by_keyboard("rina")
    observer = join_by_keyboard("budi")

    # The model teacher opens "Change my role", picks the role with the arrow keys and saves.
    press_on(teacher, block(teacher).get_by_text("Change my role"))
    role = block(teacher).get_by_label("My role")
    tab_to(teacher, role)
    teacher.keyboard.press("Home")
    expect(role).to_have_value("model_teacher")
    with handler_response(teacher, "set_role"):
        press_on(teacher, block(teacher).get_by_role("button", name="Save my role"))
    expect(block(teacher).get_by_text("Your role is now model teacher.")).to_be_visible()

    # Plan: type the objectives and save with Space on the section's button.
    objectives = "Students order unit fractions and explain their order with a drawing."
    section = section_form(teacher, "Learning objectives")
    tab_to(teacher, section.get_by_label("Learning objectives"))
    teacher.keyboard.type(objectives)
    with handler_response(teacher, "save_plan_section"):
        press_on(teacher, section.get_by_role("button", name="Save section"), key="Space")
    wait_saved(section)
    assert is_focused(section.get_by_role("button", name="Save section"))

    # Back up with Shift+Tab to "Move to Do"; focus lands on the Do tab.
    with handler_response(teacher, "set_phase"):
        press_on(teacher, block(teacher).get_by_role("button", name="Move to Do"), backwards=True)
    cycle_line(teacher, 1, "Do")
    expect(block(teacher).get_by_role("tab", name="Do", exact=True)).to_be_focused()

    # The observer refreshes, moves from the Plan tab to Do with an arrow key, and observes.
    press_on(observer, block(observer).get_by_role("button", name="Refresh workspace"))
    cycle_line(observer, 1, "Do")
    tab_to(observer, block(observer).get_by_role("tab", name="Plan", exact=True))
    observer.keyboard.press("ArrowRight")
    expect(block(observer).get_by_role("tab", name="Do", exact=True)).to_be_focused()
    form = block(observer).locator("form.ls-observe")
    tab_to(observer, form.get_by_label("Focus"))
    observer.keyboard.press("ArrowDown")  # the first category
    expect(form.get_by_label("Focus")).to_have_value("learning_started")
    observer.keyboard.press("Tab")
    expect(form.get_by_label("Evidence")).to_be_focused()
    evidence = "S12 drew three equal bars and shaded one: one third."
    observer.keyboard.type(evidence)
    tab_to(observer, form.get_by_label("Student or group"))  # a student typed, not tapped on the chart
    observer.keyboard.type("S12")
    tab_to(observer, form.get_by_label("Lesson minute"), backwards=True)
    observer.keyboard.type("18")
    with handler_response(observer, "add_observation"):
        press_on(observer, form.get_by_role("button", name="Add observation"))
    wait_saved(form)
    # The app does not put the focus back into a text field (a phone's keyboard would open).
    expect(form.get_by_role("button", name="Add observation")).to_be_focused()
    expect(block(observer).locator(".ls-entry")).to_contain_text(evidence)

    # The model teacher moves to See and posts the impressions.
    with handler_response(teacher, "set_phase"):
        press_on(teacher, block(teacher).get_by_role("button", name="Move to See"), backwards=True)
    cycle_line(teacher, 1, "See")
    tab_to(teacher, post_form(teacher).get_by_role("textbox"))
    teacher.keyboard.type("The drawings worked; the closing was rushed.")
    with handler_response(teacher, "post_reflection"):
        press_on(teacher, post_form(teacher).get_by_role("button", name="Post reflection"))
    wait_saved(post_form(teacher))
    expect(post_form(teacher).get_by_role("textbox")).to_be_focused()  # not lost with the old form

    # The observer posts a finding citing the entry: Space ticks the checkbox.
    press_on(observer, block(observer).get_by_role("button", name="Refresh workspace"), backwards=True)
    cycle_line(observer, 1, "See")
    tab_to(observer, block(observer).get_by_role("tab", name="Do", exact=True))
    observer.keyboard.press("ArrowRight")
    expect(block(observer).get_by_role("tab", name="See", exact=True)).to_be_focused()
    tab_to(observer, post_form(observer).get_by_role("textbox"))
    observer.keyboard.type("S12 understood thirds once the bars were equal.")
    cite = post_form(observer).get_by_role("checkbox", name=evidence)
    press_on(observer, cite, key="Space")
    expect(cite).to_be_checked()
    with handler_response(observer, "post_reflection"):
        press_on(observer, post_form(observer).get_by_role("button", name="Post reflection"))
    wait_saved(post_form(observer))
    expect(block(observer).locator(".ls-post .ls-cites")).to_contain_text(evidence)

    # The moderator saves the lessons learned and starts cycle 2, all by keyboard.
    mod = ready(people.open(moderator, SCENARIO))
    lessons = block(mod).locator("form.ls-lessons-form")
    tab_to(mod, lessons.get_by_label("Lessons learned"))
    mod.keyboard.type("Equal parts first, then names of fractions.")
    mod.keyboard.press("Tab")
    mod.keyboard.type("Start with folding paper strips.")
    with handler_response(mod, "save_lessons_learned"):
        press_on(mod, lessons.get_by_role("button", name="Save lessons learned"))
    wait_saved(lessons)
    with handler_response(mod, "start_next_cycle"):
        press_on(mod, block(mod).get_by_role("button", name="Revise for next cycle"), backwards=True)
    cycle_line(mod, 2, "Plan")
    expect(block(mod).get_by_role("tab", name="Plan", exact=True)).to_be_focused()
    tab_to(mod, section_form(mod, "Learning objectives").get_by_label("Learning objectives"))
    expect(section_form(mod, "Learning objectives").get_by_label("Learning objectives")).to_have_value(objectives)
    assert_no_script_ran(staff, teacher, observer, mod)
