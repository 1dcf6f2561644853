"""A course author sets up a cycle workspace in its Studio editor, in a real browser.

The stories use the Teams-mode scenario, which no other browser story uses, and put its
settings back as they found them (the server is shared by the whole session).
"""

import pytest

from tests.browser.conftest import axe_violations

SCENARIO = "lessonstudy_cycle.1"
AUTHOR = "staff_studio_author"
SETTINGS = ("display_name", "template", "template_preset", "template_language", "focus_categories",
            "prompts", "phase_dates", "observations_visible_at_once", "teamset_id", "weight")


@pytest.fixture
def original_settings(api):
    """The scenario's settings before the story, saved again after it."""
    client = api(SCENARIO, AUTHOR)
    status, state, _seconds, _headers = client.call("author_settings", {})
    assert status == 200, state
    original = {key: state[key] for key in SETTINGS}
    yield original
    status, answer, _seconds, _headers = client.call("save_settings", original)
    assert status == 200, answer


def open_editor(people, **options):
    page = people.open(AUTHOR, SCENARIO, view="studio_view", **options)
    page.locator(".lessonstudy-cycle-studio .lss-form:not([hidden])").wait_for()
    return page


def focused_label(page):
    """The text of the label of the focused control."""
    return page.evaluate("""() => { const e = document.activeElement;
        return e && e.labels && e.labels.length ? e.labels[0].textContent.trim() : ""; }""")


def save(page):
    with page.expect_response(lambda r: "/save_settings/" in r.url) as response:
        page.get_by_role("button", name="Save", exact=True).click()
    assert response.value.status == 200, response.value.text()
    page.get_by_role("status").filter(has_text="Saved").wait_for()


@pytest.mark.browser
def test_author_adds_a_section_renames_a_category_sets_a_prompt_and_finds_them_after_reload(
        people, original_settings):  # pylint: disable=redefined-outer-name
    page = open_editor(people)
    sections_before = len(original_settings["template"])

    # A new table section, built with the keyboard-reachable controls only.
    page.get_by_label("Type of the new section").select_option("table")
    page.get_by_role("button", name="Add section").click()
    assert focused_label(page) == "Section title", "the focus goes to the new section"
    page.keyboard.type("Board work")
    new = sections_before + 1
    page.get_by_label("Column label").last.fill("What students write")
    page.get_by_role("button", name=f"Add column to section {new}", exact=True).click()
    assert focused_label(page) == "Column label"
    page.keyboard.type("What it shows")
    page.get_by_role("button", name=f"Move column 2 of section {new} up", exact=True).click()
    assert page.evaluate("document.activeElement.textContent").endswith(f"Move column 1 of section {new} up")
    page.get_by_role("button", name=f"Add row to section {new}", exact=True).click()
    assert focused_label(page) == "What it shows", "a row's cells follow the columns' order"
    page.keyboard.type("A misconception")
    page.get_by_label("Planned minutes").last.fill("5")

    page.get_by_label("Category label").nth(2).fill("Helping one another")
    page.get_by_label("Findings").fill("What did students do? Cite your entries.")
    page.get_by_label("Do ends").fill("2026-10-20")
    save(page)
    assert page.locator(".lss-error").is_hidden()

    page.reload()
    page.locator(".lessonstudy-cycle-studio .lss-form:not([hidden])").wait_for()
    legends = page.locator(".lsc-sections .lse-record.lse-collapsible > .lse-legend").all_inner_texts()
    assert legends[-1] == f"Section {new}: Board work"
    page.get_by_role("button", name=f"Edit section {new}", exact=True).click()
    section = page.locator(".lsc-sections .lse-record.lse-collapsible").last
    assert section.get_by_label("Section type").input_value() == "table"
    columns = section.get_by_label("Column label")
    assert [columns.nth(0).input_value(), columns.nth(1).input_value()] == ["What it shows", "What students write"]
    assert section.get_by_label("What it shows").input_value() == "A misconception"
    assert section.get_by_label("Planned minutes").input_value() == "5"
    assert page.get_by_label("Category label").nth(2).input_value() == "Helping one another"
    assert page.get_by_label("Findings").input_value() == "What did students do? Cite your entries."
    assert page.get_by_label("Do ends").input_value() == "2026-10-20"
    assert page.get_by_label("Teamset id").input_value() == original_settings["teamset_id"]
    assert page.script_errors == []


@pytest.mark.browser
def test_a_refused_save_names_the_section_and_changes_nothing(people, original_settings):  # pylint: disable=redefined-outer-name
    page = open_editor(people)
    page.get_by_role("button", name="Edit section 1", exact=True).click()
    page.get_by_label("Section title").first.fill("")
    with page.expect_response(lambda r: "/save_settings/" in r.url) as response:
        page.get_by_role("button", name="Save", exact=True).click()
    assert response.value.status == 400
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "Section 1" in alert.inner_text()
    alert.get_by_role("button", name="Go to section 1", exact=True).click()
    assert focused_label(page) == "Section title"
    page.reload()
    page.locator(".lessonstudy-cycle-studio .lss-form:not([hidden])").wait_for()
    assert page.locator(".lsc-sections .lse-legend").first.inner_text() == (
        f"Section 1: {original_settings['template'][0]['title']}")
    assert page.script_errors == []


@pytest.mark.browser
def test_loading_a_template_preset_replaces_the_sections_only_in_the_editor(people, original_settings):  # pylint: disable=redefined-outer-name
    page = open_editor(people)
    page.evaluate("window.confirm = () => true")
    page.get_by_label("Start from a template preset").select_option(label="RPP 2016 (13 components) (English)")
    page.get_by_role("button", name="Load template").click()
    page.get_by_role("status").filter(has_text="Loaded").wait_for()
    assert page.locator(".lsc-sections .lse-record.lse-collapsible").count() == 11
    page.reload()
    page.locator(".lessonstudy-cycle-studio .lss-form:not([hidden])").wait_for()
    assert page.locator(".lsc-sections .lse-record.lse-collapsible").count() == len(original_settings["template"])
    assert page.script_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [1000, 390])
def test_cycle_studio_has_no_serious_accessibility_violation(people, width):
    page = open_editor(people, viewport={"width": width, "height": 900})
    # Open a table section and a seating chart, so every kind of control is on the page.
    legends = page.locator(".lsc-sections .lse-collapsible > .lse-legend").all_inner_texts()
    for title in ("Learning steps", "Seating chart"):
        number = next(n for n, legend in enumerate(legends, start=1) if legend.endswith(": " + title))
        page.get_by_role("button", name=f"Edit section {number}", exact=True).click()
    assert axe_violations(page, ".lessonstudy-studio") == []
    assert page.script_errors == []
