"""A participant works through a workshop module in a real browser, leaves, returns, completes it."""

import secrets

import pytest

from lessonstudy_xblock.presets import workshop_preset, workshop_presets
from tests.browser.conftest import axe_violations

PRESET = ("observing_open_class", "en")


def scenario_of(preset, language):
    return f"lessonstudy_workshop.{workshop_presets().index((preset, language))}"


def do_step(page, step):
    """Complete the step on screen as a participant would."""
    if step["kind"] == "prompt":
        page.get_by_label("Your answer").fill(
            "Students in group 2 compared their answers and S07 explained why 1/2 is bigger than 1/3. " * 2)
    elif step["kind"] == "checklist":
        for item in step["items"]:
            page.get_by_label(item["label"]).check()
    elif step["kind"] == "check":
        wrong = next(o for o in step["options"] if not o.get("correct"))
        right = next(o for o in step["options"] if o.get("correct"))
        page.get_by_label(wrong["label"], exact=True).check()
        page.get_by_role("button", name="Mark step done").click()
        page.locator(".lsw-feedback.is-wrong").wait_for()
        assert page.locator(".lsw-feedback").inner_text().strip() == wrong["feedback"].strip()
        page.get_by_label(right["label"], exact=True).check()
    with page.expect_response(lambda r: "/complete_step/" in r.url and r.status == 200):
        page.get_by_role("button", name="Mark step done").click()
    page.get_by_role("status").filter(has_text="Saved").wait_for()


@pytest.mark.browser
def test_participant_works_through_a_module_leaves_returns_to_the_same_step_and_completes_it(people):
    _name, steps = workshop_preset(*PRESET)
    student = f"ws_{secrets.token_hex(3)}"
    page = people.open(student, scenario_of(*PRESET))
    title = page.locator(".lsw-step-title")
    title.wait_for()
    assert title.inner_text() == steps[0]["title"]
    for number, step in enumerate(steps[:2]):
        do_step(page, step)
        following = steps[number + 1]["id"]
        with page.expect_response(lambda r, following=following: "/visit_step/" in r.url and r.status == 200
                                  and following in (r.request.post_data or "")):
            page.get_by_role("button", name="Next step").click()
    assert title.inner_text() == steps[2]["title"]
    required = sum(1 for step in steps if step.get("required", True))
    optional = len(steps) - required
    assert page.locator(".lsw-progress-text").inner_text() == (
        f"2 of {required} required steps done · optional: 0 of {optional}" if optional
        else f"2 of {required} steps done")
    page.context.close()

    page = people.open(student, scenario_of(*PRESET))
    title = page.locator(".lsw-step-title")
    title.wait_for()
    page.wait_for_function("document.querySelector('.lsw-step-title').textContent.length > 0")
    assert title.inner_text() == steps[2]["title"], "the participant resumes where they left off"
    for number, step in enumerate(steps[2:], start=2):
        if step.get("required", True):
            do_step(page, step)
        if number < len(steps) - 1:
            page.get_by_role("button", name="Next step").click()
    page.get_by_text("You have completed this module.").first.wait_for()
    assert page.script_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("student", ["ws_axe_learner", "staff_axe"])
def test_workshop_view_has_no_serious_accessibility_violation(people, language, student):
    page = people.open(student, scenario_of("what_is_lesson_study", language), language=language)
    page.locator(".lsw-step-title").wait_for()
    if student.startswith("staff"):
        page.locator(".lsw-report").wait_for()
    assert axe_violations(page, ".lessonstudy-workshop") == []


@pytest.mark.browser
def test_an_author_previews_a_step_body_as_learners_will_see_it(people):
    page = people.open("staff_preview_author", scenario_of("what_is_lesson_study", "id"), view="studio_view")
    page.locator(".lessonstudy-studio .lss-form:not([hidden])").wait_for()
    body = page.get_by_label("Body").first
    body.fill('<p>Amati <strong>siswa</strong>.</p><script>window.previewRan = true</script>'
              '<img src=x onerror="window.previewRan = true">')
    page.get_by_role("button", name="Preview").first.click()
    preview = page.get_by_role("region", name="Preview").first
    preview.locator("strong").wait_for()
    assert preview.inner_text().strip() == "Amati siswa."
    assert preview.locator("script, img").count() == 0
    assert page.evaluate("window.previewRan === undefined")
    assert page.script_errors == []
