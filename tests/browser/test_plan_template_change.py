"""A template change never hides a group's work: sections the template no longer has are shown in
the Plan tab, read-only, under "No longer in the template" (in English and Indonesian)."""

import secrets

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.browser.test_cycle_support import block, ready

#: The workspace whose template is the 2025 plan (no other story uses it).
SCENARIO = "lessonstudy_cycle.2"
SETTINGS = ("display_name", "template", "template_preset", "template_language", "focus_categories",
            "prompts", "phase_dates", "observations_visible_at_once", "teamset_id", "weight")


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "id"])
def test_a_section_dropped_from_the_template_stays_visible_read_only(people, api, language):
    token = secrets.token_hex(3)
    staff, member = f"staff_tpl_{token}", f"tpl_{token}"

    def call(user, handler, payload):
        status, data, _seconds, _headers = api(SCENARIO, user).call(handler, payload)
        assert status == 200, (handler, data)
        return data

    code = call(staff, "create_group", {"name": f"Templat {token}", "school": "SMP 7"})["group"]["join_code"]
    call(member, "join_group", {"join_code": code})
    text = f"Siswa membandingkan pecahan {token}."
    call(member, "save_plan_section", {"section_id": "observation_focus", "content": text, "base_revision": None})
    settings = call(staff, "author_settings", {})
    original = {key: settings[key] for key in SETTINGS}
    changed = dict(original, template=[s for s in settings["template"] if s["id"] != "observation_focus"])
    call(staff, "save_settings", changed)
    try:
        page = ready(people.open(member, SCENARIO, language=language))
        block(page).get_by_role("tab", name="Plan" if language == "en" else "Rencana").click()
        heading = "No longer in the template" if language == "en" else "Tidak lagi ada di templat"
        retired = block(page).get_by_role("region", name=heading)
        expect(retired).to_be_visible()
        expect(retired).to_contain_text(text)
        expect(retired.locator("textarea, input")).to_have_count(0)  # read-only
        assert axe_violations(page, ".lessonstudy-cycle") == []
        assert page.script_errors == []
    finally:
        call(staff, "save_settings", original)
