"""Workshop OLX: every preset and an authored module round-trip byte for byte; hostile XML is refused."""

import pytest
from lxml import etree

from lessonstudy_xblock import olx
from lessonstudy_xblock.presets import workshop_preset, workshop_presets
from lessonstudy_xblock.workshop import WorkshopBlock
from tests.handlers.test_workshop_handlers import MODULE
from tests.support.olx import export, import_text as import_olx


def import_text(text):
    return import_olx(WorkshopBlock, "lessonstudy_workshop", text)


def round_trip(text):
    first = export(import_text(text))
    second = export(import_text(first))
    return first, second


@pytest.mark.parametrize("preset,language", workshop_presets())
def test_every_preset_round_trips_without_loss(preset, language):
    display_name, steps = workshop_preset(preset, language)
    block = import_text(f'<lessonstudy_workshop preset="{preset}" language="{language}"/>')
    assert block.authored_steps() == steps
    first, second = round_trip(export(block))
    assert first == second
    assert import_text(first).authored_steps() == steps
    assert 5 <= len(steps) <= 9, "a preset has 5 to 9 steps"
    kinds = {step["kind"] for step in steps}
    assert "prompt" in kinds and "check" in kinds
    assert display_name


def test_an_authored_module_with_every_step_kind_round_trips_without_loss():
    block = import_text(MODULE)
    assert {step["kind"] for step in block.authored_steps()} == {"text", "video", "prompt", "checklist", "check"}
    first, second = round_trip(MODULE)
    assert first == second
    again = import_text(first)
    assert again.authored_steps() == block.authored_steps()
    assert again.display_name == "Observing students"


def test_export_is_readable_xml_with_one_element_per_step_and_rich_text_as_text():
    text = export(import_text(MODULE))
    root = etree.fromstring(text.encode())
    assert [step.get("id") for step in root.iter("step")] == ["intro", "film", "notes", "ready", "quiz"]
    assert "<![CDATA[<p>Watch <strong>students</strong>.</p>]]>" in text
    assert "{" not in root.get("display_name") and "[" not in text.split("<step")[0]


def test_script_in_rich_text_is_removed_on_import():
    assert "<script>" not in export(import_text(MODULE))


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<lessonstudy_workshop display_name="&lol3;"/>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<lessonstudy_workshop display_name="x"><step id="a" kind="text" title="&secret;"/></lessonstudy_workshop>"""


@pytest.mark.parametrize("hostile", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_hostile_xml_is_refused_with_a_clear_error(hostile):
    with pytest.raises(olx.OlxError) as refused:
        olx.parse_text(hostile)
    assert "DTD or entities" in str(refused.value)


def test_entity_left_in_a_platform_parsed_tree_is_refused():
    parser = etree.XMLParser(resolve_entities=False)
    node = etree.fromstring(EXTERNAL_ENTITY.replace('title="&secret;"/>', '>&secret;</step>').encode(), parser)
    with pytest.raises(olx.OlxError):
        olx.steps_from_xml(node)


def test_broken_xml_is_refused_with_a_clear_error():
    with pytest.raises(olx.OlxError):
        olx.parse_text("<lessonstudy_workshop>")


@pytest.mark.parametrize("bad,field,message", [
    ('<lessonstudy_workshop><step id="a" kind="poem"/></lessonstudy_workshop>', "steps", "unknown kind"),
    (f'<lessonstudy_workshop display_name="{"x" * 300}"/>', "display_name",
     "display_name is too long: at most 200 characters"),
    ('<lessonstudy_workshop language="zz"/>', "language", "language must be one of: en, id"),
    (f'<lessonstudy_workshop preset="{"p" * 100_000}"/>', "preset", "at most 80 characters"),
])
def test_an_invalid_setting_in_olx_keeps_its_default_and_validate_says_why(bad, field, message):
    """The same cleaning as the Studio editor's; a course import never fails for one setting."""
    other = "preset" if field == "language" else "language"
    value = {"preset": "mentor_training", "language": "id"}[other]
    block = import_text(bad.replace("<lessonstudy_workshop", f'<lessonstudy_workshop {other}="{value}"', 1))
    assert getattr(block, field) == WorkshopBlock.fields[field].default
    assert getattr(block, other) == value  # the block's other settings are imported
    warnings = [m.text for m in block.validate().messages]
    assert any(message in w and "was not used" in w for w in warnings), warnings
    assert not any("%(" in w for w in warnings)
    assert "olx_problems" not in export(block)
