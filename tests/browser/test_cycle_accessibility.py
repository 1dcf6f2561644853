"""axe-core on every view of the cycle workspace, in English and in Indonesian: no serious or
critical WCAG 2.1 A/AA violation.

Views: a participant in no group (the join form, also with its error shown); a member (with
the role, members and research theme editors open) on the Plan, Do and See tabs in each phase
where they differ (editors and a stale-save conflict in Plan; the observation form, its errors
and the entries in Do; posts, the reply form, the cite list and the lessons learned in See; the
lessons beside the plan and the history in cycle 2); the model teacher and the moderator where
their tabs differ; staff on the groups panel and reading a group. Controls are found by
structure here, not by English names, so the same steps run in both languages.
"""

import pytest

from tests.browser.conftest import axe_violations
from tests.browser.test_cycle_support import (
    facilitator_row,
    BLOCK, SCENARIO, CycleGroup, assert_no_script_ran, block, expect, handler_response, ok,
    ready, tag,
)

PLAN, DO, SEE = 0, 1, 2


class Scanner:
    """Runs axe on the block of a page for each named view; collects what it finds."""

    def __init__(self, language):
        self.language, self.found = language, {}

    def __call__(self, page, view):
        block(page).locator(".ls-root > *").first.wait_for()
        violations = axe_violations(page, BLOCK)
        if violations:
            self.found[f"{view} ({self.language})"] = violations

    def assert_clean(self):
        assert self.found == {}, "\n".join(f"{view}: {v}" for view, v in self.found.items())


def show_tab(page, index):
    tab = block(page).get_by_role("tab").nth(index)
    tab.click()
    expect(tab).to_have_attribute("aria-selected", "true")
    block(page).locator("[role=tabpanel]:not([hidden]) > *").first.wait_for()


def reload(page):
    page.reload()
    return ready(page)


def open_details(page):
    """Open "Change my role" and the members list, so their content is scanned too."""
    for summary in block(page).locator("details > summary").all():
        summary.click()


def submit(form):
    form.locator("button[type=submit]").click()


LANGUAGES = pytest.mark.parametrize("language", ["en", "id"])


@pytest.mark.browser
@LANGUAGES
def test_join_form_of_a_participant_in_no_group(people, language):
    scan = Scanner(language)
    page = ready(people.open(f"newcomer_{tag()}", SCENARIO, language=language))
    form = block(page).locator("form.ls-join")
    expect(form).to_be_visible()
    scan(page, "join form")
    submit(form)  # an empty code: the field shows its error
    expect(form.locator("input[aria-invalid=true]")).to_have_count(1)
    scan(page, "join form with an error")
    assert_no_script_ran(page)
    scan.assert_clean()


@pytest.mark.browser
@LANGUAGES
def test_member_views_through_a_whole_cycle(people, api, language):
    scan = Scanner(language)
    group = CycleGroup(api, school="SMP Negeri 3 Kupang")
    teacher = group.join("rina", "model_teacher")
    observer = group.join("budi", "observer", focal="S07")
    moderator = group.join("dewi", "moderator")
    group.save_section(teacher, "objectives", "Students compare unit fractions.")
    ok(group.call(teacher, "set_theme", {"theme": "Students who explain their thinking."}))

    # Plan phase: editors, the header's details open, then a stale save's conflict.
    page = ready(people.open(observer, SCENARIO, language=language))
    open_details(page)
    block(page).locator(".ls-theme .ls-button").click()  # Edit research theme
    block(page).locator("form.ls-theme textarea").wait_for()
    scan(page, "Plan tab, Plan phase, role, members and theme editor open")
    objectives = block(page).locator("form.ls-section").nth(1)
    group.save_section(teacher, "objectives", "Students compare and order unit fractions.")
    objectives.locator("textarea").fill("Students explain why 1/3 < 1/2.")
    with handler_response(page, "save_plan_section"):
        submit(objectives)
    objectives.locator(".ls-newer > *").first.wait_for()
    scan(page, "Plan tab, conflict after a stale save")
    show_tab(page, DO)
    scan(page, "Do tab, Plan phase")
    show_tab(page, SEE)
    scan(page, "See tab, Plan phase")

    # Do phase: the observation form (empty, then with its errors) and the entries.
    group.phase(teacher, "do")
    group.observe(observer, focus="learning_started", target="S07", minute=12,
                  evidence="S07 folded the strip in three.", link="https://example.org/s07.jpg")
    reload(page)
    scan(page, "Do tab, Do phase")
    form = block(page).locator("form.ls-observe")
    submit(form)
    expect(form.locator("[aria-invalid=true]")).to_have_count(2)
    scan(page, "Do tab, observation form with errors")
    show_tab(page, PLAN)
    scan(page, "Plan tab, locked plan")
    mt_page = ready(people.open(teacher, SCENARIO, language=language))
    scan(mt_page, "Do tab, model teacher")

    # See phase: posts in protocol order, the finding form with its cite list, a reply form.
    group.phase(teacher, "see")
    entry = group.state(observer)["observations"][0]
    impression = group.post(teacher, "impression", "The strips worked; the opening was long.")
    group.post(observer, "finding", "S07 understood thirds.", cites=[entry["id"]])
    group.post(observer, "reply", "Agreed.", parent_id=impression["id"])
    reload(page)
    scan(page, "See tab, See phase, posts and cite list")
    show_tab(page, DO)
    scan(page, "Do tab, See phase")
    show_tab(page, SEE)
    block(page).locator(".ls-post > .ls-button").first.click()  # Reply
    block(page).locator(".ls-replying").wait_for()
    scan(page, "See tab, replying to a post")

    # The moderator's See tab: the lessons learned form, then saved.
    mod_page = ready(people.open(moderator, SCENARIO, language=language))
    lessons = block(mod_page).locator("form.ls-lessons-form")
    scan(mod_page, "See tab, moderator")
    lessons.locator("textarea").first.fill("Manipulatives first.\nShorter opening.")
    with handler_response(mod_page, "save_lessons_learned"):
        submit(lessons)
    reload(page)
    scan(page, "See tab, lessons learned saved")

    # Cycle 2: the lessons learned beside the carried-over plan, and the history.
    ok(group.call(moderator, "start_next_cycle", {"from_cycle": 1}))
    reload(page)
    block(page).locator(".ls-aside").wait_for()
    scan(page, "Plan tab, cycle 2 with lessons learned of cycle 1")
    show_tab(page, SEE)
    block(page).locator(".ls-history").wait_for()
    scan(page, "See tab, cycle 2 with history")
    assert_no_script_ran(page, mt_page, mod_page)
    scan.assert_clean()


@pytest.mark.browser
@LANGUAGES
def test_staff_views_of_the_groups_and_of_one_group(people, api, language):
    scan = Scanner(language)
    group = CycleGroup(api, school="SD Negeri 1 Sleman")
    teacher = group.join("rina", "model_teacher")
    observer = group.join("budi", "observer")
    group.save_section(teacher, "objectives", "Students name fractions of a whole.")
    group.phase(teacher, "do")
    group.observe(observer, focus="helping", target="Group 1", evidence="Group 1 shared strips.")
    group.phase(teacher, "see")
    group.post(observer, "finding", "Sharing helped.")

    page = ready(people.open(group.staff, SCENARIO, language=language))
    opener = facilitator_row(page, group.name).locator(f"button[aria-label$='{group.name}']").first
    expect(opener).to_be_visible()
    scan(page, "staff groups panel")
    with handler_response(page, "get_state"):
        opener.click()
    expect(block(page).locator(".ls-group-name")).to_have_text(group.name)
    for index, view in ((SEE, "See"), (PLAN, "Plan"), (DO, "Do")):
        show_tab(page, index)
        scan(page, f"staff reading a group, {view} tab")
    assert_no_script_ran(page)
    scan.assert_clean()
