"""A cycle workspace's authored settings (Studio's editor, OLX import) are checked in the domain."""

import pytest

from lessonstudy_xblock.domain.errors import Invalid
from lessonstudy_xblock.domain.settings import DEFAULT_DISPLAY_NAME, clean_settings

EVERYTHING = {"display_name": "Fractions", "template": [{"id": "a", "type": "text", "title": "A"}],
              "template_preset": "rpp_2019", "template_language": "id",
              "focus_categories": [{"id": "helping", "label": "Helping"}],
              "prompts": {"finding": "What did students do?", "reply": ""},
              "phase_dates": {"plan": "2026-12-01", "do": ""}, "observations_visible_at_once": True,
              "teamset_id": "schools 2026", "weight": 3}


def test_every_setting_cleaned_into_field_values():
    cleaned = clean_settings(EVERYTHING)
    assert cleaned["display_name"] == "Fractions"
    assert cleaned["plan_template"][0]["id"] == "a"
    assert cleaned["reflection_prompts"] == {"finding": "What did students do?"}, "an empty prompt means the default"
    assert cleaned["phase_dates"] == {"plan": "2026-12-01"}
    assert cleaned["observations_visible_at_once"] is True
    assert (cleaned["teamset_id"], cleaned["weight"]) == ("schools 2026", 3.0)


def test_an_import_reads_only_the_settings_present_and_an_empty_name_is_the_default():
    assert clean_settings({"weight": 0}, partial=True) == {"weight": 0.0}
    assert clean_settings({"display_name": ""}, partial=True)["display_name"] == DEFAULT_DISPLAY_NAME


@pytest.mark.parametrize("change,field,message", [
    ({"template_language": "fr"}, "template_language", "template_language must be en or id."),
    ({"prompts": {"speech": "x"}}, "prompts", "prompts must name post kinds"),
    ({"prompts": {"finding": 5}}, "prompts", "finding must be text."),
    ({"phase_dates": {"later": "2026-01-01"}}, "phase_dates", "phase_dates must name phases"),
    ({"phase_dates": {"do": "05/12/2026"}}, "phase_dates", "Phase dates are written YYYY-MM-DD."),
    ({"phase_dates": {"do": "2026-02-30"}}, "phase_dates", "Phase dates are written YYYY-MM-DD."),
    ({"teamset_id": "schools/2026"}, "teamset_id", "A teamset id has letters"),
    ({"weight": 101}, "weight", "weight must be between 0 and 100."),
    ({"observations_visible_at_once": "maybe"}, "observations_visible_at_once", "must be true or false."),
])
def test_a_wrong_setting_is_refused_naming_it(change, field, message):
    with pytest.raises(Invalid) as raised:
        clean_settings(dict(EVERYTHING, **change))
    assert raised.value.field == field
    assert message in raised.value.render()
