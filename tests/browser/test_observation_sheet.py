"""The LSLC observation sheet in a real browser: the author chooses it in the Studio editor, and
an observer of the 2025 workspace (whose sheet it is) sees its guiding questions and categories
in the Do tab, in the reader's language."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_cycle_support import CycleGroup, block, ready

#: The 2025 practice workspace: the deep-learning plan and the LSLC sheet.
SCENARIO = "lessonstudy_cycle.2"


@pytest.mark.browser
@pytest.mark.parametrize("language,summary,first_category", [
    ("id", "Pertanyaan lembar observasi", "Belajar sedang terjadi"),
    ("en", "Questions of the observation sheet", "Learning happening"),
])
def test_an_observer_reads_the_sheets_guiding_questions_in_the_do_tab(people, api, language, summary,
                                                                        first_category):
    group = CycleGroup(api, school="SMP Negeri 2 Batu", scenario=SCENARIO)
    teacher = group.join("lina", "model_teacher")
    observer = group.join("oki", "observer")
    group.phase(teacher, "do")
    page = ready(people.open(observer, SCENARIO, language=language))
    block(page).get_by_role("tab").nth(1).click()  # Do, in either language
    questions = block(page).locator("details.ls-questions")
    expect(questions.locator("summary")).to_have_text(summary)
    expect(questions.locator("li")).to_have_count(6)
    expect(questions.locator("li").first).not_to_be_visible()  # folded: one line above the form
    questions.locator("summary").click()
    expect(questions.locator("li").first).to_be_visible()
    expect(block(page).locator(".ls-focus-select option").nth(1)).to_have_text(first_category)
    assert page.script_errors == []


@pytest.mark.browser
def test_the_author_chooses_the_lslc_sheet_and_sees_its_categories_and_questions(people, api):
    author = "staff_sheet_author"
    client = api(SCENARIO, author)
    status, before, _seconds, _headers = client.call("author_settings", {})
    assert status == 200, before
    page = people.open(author, SCENARIO, view="studio_view")
    page.locator(".lessonstudy-cycle-studio .lss-form:not([hidden])").wait_for()
    sheet = page.get_by_label("Observation sheet", exact=True)
    expect(sheet).to_have_value("lslc")
    expect(page.locator(".lsc-question-list li")).to_have_count(6)
    sheet.select_option("lesson_study")
    expect(page.locator(".lsc-questions")).to_be_hidden()
    expect(page.get_by_label("Category label").first).to_have_value("Learning started")
    sheet.select_option("lslc")
    expect(page.get_by_label("Category label").first).to_have_value("Learning happening")
    expect(page.get_by_label("Category label")).to_have_count(6)
    assert page.script_errors == []
