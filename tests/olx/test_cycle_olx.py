"""Cycle workspace OLX: every template preset and an edited block round-trip byte for byte."""

import pytest
from lxml import etree

from lessonstudy_xblock import olx
from lessonstudy_xblock.cycle import CycleBlock
from lessonstudy_xblock.domain.plan import DEFAULT_TEMPLATE
from lessonstudy_xblock.presets import plan_preset, plan_presets
from tests.olx.test_workshop_olx import BILLION_LAUGHS, EXTERNAL_ENTITY
from tests.support.olx import export, import_text as import_olx


def import_text(text):
    return import_olx(CycleBlock, "lessonstudy_cycle", text)


def with_template(preset, language):
    _name, sections = plan_preset(preset, language)
    node = etree.Element("lessonstudy_cycle", display_name=f"{preset} {language}")
    olx.template_to_xml(node, sections).set("preset", preset)
    return olx.to_text(node), sections


@pytest.mark.parametrize("preset,language,_name", plan_presets())
def test_every_template_preset_round_trips_byte_for_byte(preset, language, _name):
    text, sections = with_template(preset, language)
    block = import_text(text)
    assert block.plan_template == sections
    first = export(block)
    second = export(import_text(first))
    assert first == second


def test_the_english_research_lesson_preset_is_the_default_template():
    _name, sections = plan_preset("research_lesson", "en")
    strip = [dict(s, guidance=s["guidance"].removeprefix("<p>").removesuffix("</p>")) for s in sections]
    default = [{k: v for k, v in s.items()} for s in DEFAULT_TEMPLATE]
    for section in default:
        section.setdefault("guidance", "")
        if section["type"] == "table":
            section["rows"] = [dict(r) for r in section["rows"]]
    assert strip == default


def test_rpp_2016_has_its_13_components_and_rpp_2019_its_three():
    for language in ("en", "id"):
        ids = [s["id"] for s in plan_preset("rpp_2016", language)[1]]
        assert {"identity", "objectives", "competencies", "subject_matter", "methods", "media", "sources",
                "steps", "assessment"} <= set(ids)
        identity = plan_preset("rpp_2016", language)[1][0]
        assert len(identity["fields"]) == 5  # components 1-5
        ids_2019 = [s["id"] for s in plan_preset("rpp_2019", language)[1]]
        assert {"objectives", "steps", "assessment"} <= set(ids_2019)


EDITED = """<lessonstudy_cycle display_name="Siklus 1: pecahan" observations_visible_at_once="true"
    teamset_id="schools" weight="2.5">
  <template preset="rpp_2019" language="id">
    <section id="identity" type="fields" title="Identitas">
      <guidance><![CDATA[<p>Isi <strong>identitas</strong>.</p>]]></guidance>
      <field id="school">Sekolah</field>
    </section>
    <section id="notes" type="text" title="Catatan &amp; &lt;ide&gt;"/>
    <section id="steps" type="table" title="Langkah">
      <column id="activity">Kegiatan</column>
      <column id="anticipated">Antisipasi respons siswa</column>
      <row id="opening" minutes="10"><cell>Apersepsi</cell><cell>Siswa menjawab "setengah"</cell></row>
      <row id="core"><cell>Diskusi</cell><cell/></row>
    </section>
    <section id="seating" type="grid" title="Denah" rows="3" columns="5"/>
  </template>
  <focus_categories>
    <category id="learning_started">Mulai belajar</category>
    <category id="custom-1">Bertanya kepada teman</category>
  </focus_categories>
  <prompts>
    <prompt kind="finding">Apa yang Anda lihat?</prompt>
    <prompt kind="summary">Ringkasan</prompt>
  </prompts>
  <phase_dates>
    <phase id="do" until="2026-12-10"/>
    <phase id="plan" until="2026-12-01"/>
  </phase_dates>
</lessonstudy_cycle>"""


def test_an_edited_block_with_every_kind_of_setting_round_trips_without_loss():
    block = import_text(EDITED)
    assert block.display_name == "Siklus 1: pecahan" and block.observations_visible_at_once is True
    assert block.teamset_id == "schools" and block.weight == 2.5
    assert [s["type"] for s in block.plan_template] == ["fields", "text", "table", "grid"]
    assert block.plan_template[1]["title"] == "Catatan & <ide>"
    assert block.plan_template[2]["rows"][1] == {"id": "core", "cells": ["Diskusi", ""], "minutes": None}
    assert block.focus_categories[1] == {"id": "custom-1", "label": "Bertanya kepada teman"}
    assert block.reflection_prompts == {"finding": "Apa yang Anda lihat?", "summary": "Ringkasan"}
    assert block.phase_dates == {"plan": "2026-12-01", "do": "2026-12-10"}
    first = export(block)
    again = import_text(first)
    assert export(again) == first
    for name in ("plan_template", "focus_categories", "reflection_prompts", "phase_dates", "template_preset",
                 "template_language", "teamset_id", "weight", "observations_visible_at_once", "display_name"):
        assert getattr(again, name) == getattr(block, name), name
    assert '{"' not in first and "[{" not in first and '["' not in first, "no JSON in the OLX"


def test_export_of_a_default_block_is_stable():
    first = export(import_text("<lessonstudy_cycle/>"))
    assert export(import_text(first)) == first


@pytest.mark.parametrize("hostile", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_hostile_xml_is_refused(hostile):
    with pytest.raises(olx.OlxError):
        olx.parse_text(hostile.replace("lessonstudy_workshop", "lessonstudy_cycle"))


@pytest.mark.parametrize("bad,field,message", [
    ('<lessonstudy_cycle><template><section id="a" type="poem" title="x"/></template></lessonstudy_cycle>',
     "plan_template", "unknown type"),
    ('<lessonstudy_cycle><template><section id="t" type="table" title="x"/></template></lessonstudy_cycle>',
     "plan_template", "column"),
    ('<lessonstudy_cycle weight="heavy"/>', "weight", "weight must be a number"),
    ('<lessonstudy_cycle observations_visible_at_once="maybe"/>', "observations_visible_at_once",
     "observations_visible_at_once must be true or false"),
    ('<lessonstudy_cycle><phase_dates><phase id="do" until="tomorrow"/></phase_dates></lessonstudy_cycle>',
     "phase_dates", "YYYY-MM-DD"),
    (f'<lessonstudy_cycle display_name="{"x" * 300}"/>', "display_name", "at most 200 characters"),
])
def test_an_invalid_setting_in_olx_keeps_its_default_and_validate_says_why(bad, field, message):
    """The same cleaning as the Studio editor's; a course import never fails for one setting."""
    block = import_text(bad.replace("<lessonstudy_cycle", '<lessonstudy_cycle teamset_id="schools"', 1))
    assert getattr(block, field) == CycleBlock.fields[field].default
    assert block.teamset_id == "schools"  # the block's other settings are imported
    warnings = [m.text for m in block.validate().messages]
    assert any(message in w and "was not used" in w for w in warnings), warnings
    assert not any("%(" in w for w in warnings)
    assert "olx_problems" not in export(block)


def test_the_2025_deep_learning_plan_has_its_four_parts_and_the_lesson_study_fields():
    """Permendikdasmen 13/2025: Identifikasi, Desain Pembelajaran, Pengalaman Belajar, Asesmen; the
    three core components of a one-page RPP; anticipated responses, support and what to observe
    per step; case students; the seating chart."""
    english, indonesian = plan_preset("rpp_mendalam", "en"), plan_preset("rpp_mendalam", "id")
    for name, sections in (english, indonesian):
        ids = [s["id"] for s in sections]
        assert ids == ["identity", "identification", "design", "objectives", "steps", "assessment",
                       "observation_focus", "seating"], name
        by_id = {s["id"]: s for s in sections}
        assert [f["id"] for f in by_id["identification"]["fields"]] == ["students", "subject_matter",
                                                                         "profile_dimensions"]
        assert len(by_id["design"]["fields"]) == 7
        steps = by_id["steps"]
        assert [c["id"] for c in steps["columns"]] == ["activity", "anticipated", "support", "observe"]
        assert [r["id"] for r in steps["rows"]] == ["opening", "core", "apply", "reflect", "closing"]
        assert [f["id"] for f in by_id["assessment"]["fields"]] == ["initial", "process", "final"]
        assert "document" in [f["id"] for f in by_id["identity"]["fields"]]  # RPP or Modul Ajar
    assert indonesian[0] == "Rencana Pembelajaran Mendalam (RPP / Modul Ajar)"
    assert "Pengalaman Belajar" in [s["title"] for s in indonesian[1]]
