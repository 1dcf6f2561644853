"""Authoring a cycle workspace: the Studio editor's handlers, validate() and the studio view."""

import copy
import json

import pytest
from django.utils import translation

from tests.support.pages import loaded_text

from lessonstudy_xblock.domain import reflection
from lessonstudy_xblock.presets import plan_preset, plan_presets
from tests.support.seeding import move, seed_group
from tests.support.workbench_course import WorkbenchCourse

WORKSPACE = '<lessonstudy_cycle display_name="Fractions research lesson"/>'

NEW_TEMPLATE = [
    {"id": "identitas", "type": "fields", "title": "Identitas", "guidance": "<p>Siapa mengajar apa.</p>",
     "fields": [{"id": "sekolah", "label": "Sekolah"}, {"id": "kelas", "label": "Kelas"}]},
    {"id": "tujuan", "type": "text", "title": "Tujuan pembelajaran",
     "guidance": "<p>Apa yang <em>siswa</em> pelajari.</p><script>alert(1)</script>"},
    {"id": "langkah", "type": "table", "title": "Langkah pembelajaran", "guidance": "",
     "columns": [{"id": "kegiatan", "label": "Kegiatan"}, {"id": "respons", "label": "Respons siswa"}],
     "rows": [{"id": "pembuka", "cells": ["Pembukaan", ""], "minutes": 10},
              {"id": "inti", "cells": ["Kegiatan inti", "Siswa membandingkan 1/2 dan 1/3"], "minutes": 55},
              {"id": "penutup", "cells": ["Penutup", ""], "minutes": None}]},
    {"id": "denah", "type": "grid", "title": "Denah tempat duduk", "guidance": "", "grid": {"rows": 3, "columns": 5}},
]

NEW_SETTINGS = {
    "display_name": "Pecahan: pelajaran riset",
    "template": NEW_TEMPLATE,
    "template_preset": "rpp_2019",
    "template_language": "id",
    "focus_categories": [{"id": "learning_started", "label": "Mulai belajar"},
                         {"id": "bertanya", "label": "Siswa bertanya"}],
    "prompts": {"impression": "Bagaimana pelajaran tadi menurut Anda?", "finding": "Apa yang siswa lakukan?"},
    "phase_dates": {"plan": "2026-08-01", "do": "2026-08-15", "see": ""},
    "observations_visible_at_once": True,
    "teamset_id": "schools",
    "weight": 2.5,
}


#: The categories as read back: a shipped one keeps its quick-mark button unless the author says otherwise.
SAVED_CATEGORIES = [{"id": "learning_started", "label": "Mulai belajar", "quick": True},
                    {"id": "bertanya", "label": "Siswa bertanya", "quick": False}]


@pytest.fixture
def workspace(db):  # pylint: disable=unused-argument
    from django.core.cache import cache  # pylint: disable=import-outside-toplevel

    cache.clear()
    return WorkbenchCourse(WORKSPACE)


def settings_with(**changes):
    settings = copy.deepcopy(NEW_SETTINGS)
    settings.update(changes)
    return settings


def template_with(index, **changes):
    template = copy.deepcopy(NEW_TEMPLATE)
    template[index].update(changes)
    return template


def editable(state):
    """The settings part of an author_settings answer (what save_settings takes back)."""
    return {key: state[key] for key in NEW_SETTINGS}


# author_settings ----------------------------------------------------------------

def test_author_settings_gives_staff_every_setting_with_the_defaults_resolved(workspace):
    state = workspace.ok("staff_ana", "author_settings")
    assert state["display_name"] == "Fractions research lesson"
    assert [s["id"] for s in state["template"]] == [
        "identity", "objectives", "materials", "steps", "assessment", "observation_focus", "seating"]
    assert [c["id"] for c in state["focus_categories"]][:2] == ["learning_started", "learning_stalled"]
    assert set(state["prompts"]) == set(reflection.KINDS) and all(state["prompts"].values())
    assert state["phase_dates"] == {"plan": "", "do": "", "see": ""}
    assert (state["observations_visible_at_once"], state["teamset_id"], state["weight"]) == (False, "", 0.0)
    assert state["section_types"] == ["text", "fields", "table", "grid"]
    assert [kind["id"] for kind in state["post_kinds"]] == list(reflection.KINDS)
    assert all(kind["label"] for kind in state["post_kinds"])
    assert {(p["id"], p["language"], p["name"]) for p in state["presets"]} == set(plan_presets())
    assert state["warnings"] == []


@pytest.mark.parametrize("handler,payload", [
    ("author_settings", {}),
    ("save_settings", NEW_SETTINGS),
    ("load_template_preset", {"preset": "rpp_2019", "language": "en"}),
])
def test_authoring_handlers_are_403_for_a_participant(workspace, handler, payload):
    before = workspace.ok("staff_ana", "author_settings")
    status, answer = workspace.call("guru_rina", handler, payload)
    assert status == 403 and answer["error"]
    assert workspace.ok("staff_ana", "author_settings") == before


# save_settings --------------------------------------------------------------------

def test_save_settings_stores_every_setting(workspace):
    saved = workspace.ok("staff_ana", "save_settings", NEW_SETTINGS)
    again = workspace.ok("staff_ana", "author_settings")
    assert saved == again
    assert again["display_name"] == "Pecahan: pelajaran riset"
    assert (again["template_preset"], again["template_language"]) == ("rpp_2019", "id")
    assert [s["id"] for s in again["template"]] == ["identitas", "tujuan", "langkah", "denah"]
    fields, text, table, grid = again["template"]
    assert fields["fields"] == NEW_TEMPLATE[0]["fields"]
    assert table["columns"] == NEW_TEMPLATE[2]["columns"] and table["rows"] == NEW_TEMPLATE[2]["rows"]
    assert grid["grid"] == {"rows": 3, "columns": 5}
    assert "<script>" not in text["guidance"] and "alert(1)" not in text["guidance"]
    assert "<em>siswa</em>" in text["guidance"]
    assert again["focus_categories"] == SAVED_CATEGORIES
    assert again["prompts"]["impression"] == "Bagaimana pelajaran tadi menurut Anda?"
    assert again["prompts"]["finding"] == "Apa yang siswa lakukan?"
    assert again["prompts"]["summary"], "a prompt not given keeps its default"
    assert again["phase_dates"] == {"plan": "2026-08-01", "do": "2026-08-15", "see": ""}
    assert (again["observations_visible_at_once"], again["teamset_id"], again["weight"]) == (True, "schools", 2.5)


def test_participants_get_the_saved_template_categories_and_prompts(workspace):
    _group, users = seed_group(workspace)
    workspace.ok("staff_ana", "save_settings", settings_with(teamset_id=""))
    state = workspace.ok("g1_m2", "get_state")
    sections = state["plan"]["sections"]
    assert [(s["id"], s["type"], s["title"]) for s in sections] == [
        (s["id"], s["type"], s["title"]) for s in NEW_TEMPLATE]
    assert sections[2]["content"]["columns"] == ["Kegiatan", "Respons siswa"]
    assert [row["id"] for row in sections[2]["content"]["rows"]] == ["pembuka", "inti", "penutup"]
    assert sections[3]["content"]["rows"] == 3 and sections[3]["content"]["columns"] == 5
    assert state["focus_categories"] == SAVED_CATEGORIES
    assert state["prompts"]["impression"] == "Bagaimana pelajaran tadi menurut Anda?"
    move(workspace, users[0], "do")
    observation = workspace.ok("g1_m2", "add_observation", {
        "client_id": "authoring-obs-1", "focus": "bertanya", "evidence": "S07 asked why 1/2 > 1/3."})
    assert observation["observation"]["focus"] == "bertanya"


def test_a_saved_settings_answer_can_be_saved_again_unchanged(workspace):
    first = workspace.ok("staff_ana", "save_settings", NEW_SETTINGS)
    assert workspace.ok("staff_ana", "save_settings", editable(first)) == first


def test_empty_prompts_and_dates_fall_back_to_the_defaults(workspace):
    default_prompts = workspace.ok("staff_ana", "author_settings")["prompts"]
    saved = workspace.ok("staff_ana", "save_settings", settings_with(
        prompts={kind: "" for kind in reflection.KINDS}, phase_dates={"plan": "", "do": "", "see": ""}))
    assert saved["prompts"] == default_prompts
    assert saved["phase_dates"] == {"plan": "", "do": "", "see": ""}


BAD_SETTINGS = {
    "template not a list": (settings_with(template={"id": "tujuan"}), 400, "template"),
    "section of unknown type": (settings_with(template=template_with(1, type="video")), 400, "template"),
    "table with no column": (settings_with(template=template_with(2, columns=[])), 400, "template"),
    "duplicate section ids": (settings_with(template=template_with(3, id="tujuan")), 400, "template"),
    "section with no title": (settings_with(template=template_with(1, title="  ")), 400, "template"),
    "minutes not a number": (settings_with(template=template_with(
        2, rows=[{"id": "pembuka", "cells": ["Pembukaan", ""], "minutes": "ten"}])), 400, "template"),
    "seating chart too big": (settings_with(template=template_with(3, grid={"rows": 30, "columns": 5})),
                              400, "template"),
    "category with empty label": (settings_with(focus_categories=[{"id": "bertanya", "label": " "}]),
                                  400, "focus_categories"),
    "prompt of an unknown kind": (settings_with(prompts={"question": "Why?"}), 400, "prompts"),
    "date written 31/12/2026": (settings_with(phase_dates={"plan": "31/12/2026"}), 400, "phase_dates"),
    "date of an unknown phase": (settings_with(phase_dates={"later": "2026-12-31"}), 400, "phase_dates"),
    "weight -1": (settings_with(weight=-1), 400, "weight"),
    "weight x": (settings_with(weight="x"), 400, "weight"),
    "teamset id with bad characters": (settings_with(teamset_id="schools/<b>"), 400, "teamset_id"),
    "visibility not a flag": (settings_with(observations_visible_at_once="yes"), 400,
                              "observations_visible_at_once"),
    "display name not text": (settings_with(display_name=["x"]), 400, "display_name"),
    "template language fr": (settings_with(template_language="fr"), 400, "template_language"),
}


@pytest.mark.parametrize("name", sorted(BAD_SETTINGS))
def test_bad_save_settings_is_4xx_json_naming_the_field_and_changes_nothing(workspace, name):
    payload, status, field = BAD_SETTINGS[name]
    before = workspace.ok("staff_ana", "author_settings")
    answer_status, answer = workspace.call("staff_ana", "save_settings", payload)
    assert answer_status == status and answer["error"] and answer["field"] == field, answer
    assert workspace.ok("staff_ana", "author_settings") == before


@pytest.mark.parametrize("index,changes", [
    (1, {"type": "video"}), (2, {"columns": []}), (3, {"id": "tujuan"}),
])
def test_a_refused_section_is_named_by_its_number(workspace, index, changes):
    status, answer = workspace.call("staff_ana", "save_settings",
                                    settings_with(template=template_with(index, **changes)))
    assert status == 400 and answer["section"] == index + 1


def test_malformed_save_settings_body_is_400(workspace):
    status, answer, _response = workspace.raw("staff_ana", "save_settings", b"{not json")
    assert status == 400 and answer["error"]


# load_template_preset -------------------------------------------------------------

@pytest.mark.parametrize("preset,language,name", plan_presets())
def test_load_template_preset_gives_each_preset_in_each_language_without_saving_it(workspace, preset,
                                                                                   language, name):
    answer = workspace.ok("staff_ana", "load_template_preset", {"preset": preset, "language": language})
    assert (answer["preset"], answer["language"], answer["name"]) == (preset, language, name)
    assert answer["template"] == plan_preset(preset, language)[1]
    assert {"text", "table"} <= {section["type"] for section in answer["template"]}
    stored = workspace.ok("staff_ana", "author_settings")
    assert stored["template"][0]["id"] == "identity" and stored["template_language"] == ""


def test_template_presets_differ_between_languages(workspace):
    english = workspace.ok("staff_ana", "load_template_preset", {"preset": "rpp_2016", "language": "en"})
    indonesian = workspace.ok("staff_ana", "load_template_preset", {"preset": "rpp_2016", "language": "id"})
    assert [s["id"] for s in english["template"]] == [s["id"] for s in indonesian["template"]]
    assert [s["title"] for s in english["template"]] != [s["title"] for s in indonesian["template"]]


def test_a_loaded_preset_saves_as_it_came_and_follows_each_readers_language(workspace):
    loaded = workspace.ok("staff_ana", "load_template_preset", {"preset": "rpp_2016", "language": "id"})
    saved = workspace.ok("staff_ana", "save_settings", settings_with(
        template=loaded["template"], template_preset="rpp_2016", template_language="id"))
    with translation.override("id"):
        assert workspace.ok("staff_ana", "author_settings")["template"] == loaded["template"]
    # Unchanged sections are the preset's, so an English reader sees the English preset.
    assert saved["template"] == plan_preset("rpp_2016", "en")[1]
    assert workspace.block("staff_ana").plan_template == loaded["template"]


@pytest.mark.parametrize("payload,status,field", [
    ({"preset": "no_such_preset", "language": "en"}, 404, "preset"),
    ({"preset": "../rpp_2019", "language": "en"}, 404, "preset"),
    ({"preset": "rpp_2019", "language": "fr"}, 400, "language"),
    ({"language": "en"}, 400, "preset"),
])
def test_bad_load_template_preset_is_4xx_json(workspace, payload, status, field):
    answer_status, answer = workspace.call("staff_ana", "load_template_preset", payload)
    assert answer_status == status and answer["error"] and answer["field"] == field


# validate() -------------------------------------------------------------------------

def warnings_of(workspace, **fields):
    block = workspace.block("staff_ana")
    for name, value in fields.items():
        setattr(block, name, value)
    return [message.text for message in block.validate().messages]


TABLE_WITHOUT_COLUMNS = [{"id": "steps", "type": "table", "title": "Learning steps", "guidance": "",
                          "columns": [], "rows": []}]


def test_validate_has_no_warning_for_a_good_block(workspace):
    workspace.ok("staff_ana", "save_settings", NEW_SETTINGS)
    assert warnings_of(workspace) == []
    assert workspace.ok("staff_ana", "author_settings")["warnings"] == []


def test_validate_warns_about_a_table_with_no_column(workspace):
    assert warnings_of(workspace, plan_template=TABLE_WITHOUT_COLUMNS) == [
        'The table "Learning steps" has no column.']


def test_validate_warns_about_a_teamset_the_course_lacks(workspace):
    assert warnings_of(workspace, teamset_id="schools") == []
    assert warnings_of(workspace, teamset_id="villages") == ["The course has no teamset with the id villages."]


def test_validate_warns_about_phase_dates_out_of_order_and_the_editor_shows_it(workspace):
    expected = ["The phase dates are out of order: Plan, Do and See must end in that order."]
    assert warnings_of(workspace, phase_dates={"plan": "2026-08-15", "do": "2026-08-01"}) == expected
    assert warnings_of(workspace, phase_dates={"plan": "2026-08-01", "see": "2026-07-01"}) == expected
    assert warnings_of(workspace, phase_dates={"do": "2026-08-01", "see": "2026-08-01"}) == []
    saved = workspace.ok("staff_ana", "save_settings", settings_with(
        phase_dates={"plan": "2026-09-01", "do": "2026-08-01", "see": ""}))
    assert saved["warnings"] == expected


def test_validate_warns_about_no_focus_category_and_the_editor_shows_it(workspace):
    expected = ["There is no observation focus category."]
    assert warnings_of(workspace, focus_categories=[]) == expected
    saved = workspace.ok("staff_ana", "save_settings", settings_with(focus_categories=[]))
    assert saved["focus_categories"] == [] and saved["warnings"] == expected


def test_validate_warns_about_a_template_with_no_section_and_the_editor_shows_it(workspace):
    expected = ["The plan template has no section."]
    assert warnings_of(workspace, plan_template=[]) == expected
    saved = workspace.ok("staff_ana", "save_settings", settings_with(template=[]))
    assert saved["template"] == [] and saved["warnings"] == expected


# A template change keeps what groups wrote ------------------------------------------------

def test_a_section_removed_from_the_template_keeps_the_groups_text_as_retired(workspace):
    _group, users = seed_group(workspace)
    workspace.ok(users[0], "save_plan_section", {"section_id": "objectives", "content": "Compare 1/2 and 1/3.",
                                                 "base_revision": None})
    template = [s for s in workspace.ok("staff_ana", "author_settings")["template"] if s["id"] != "objectives"]
    workspace.ok("staff_ana", "save_settings", settings_with(template=template, teamset_id=""))

    state = workspace.ok(users[2], "get_state")
    assert "objectives" not in [s["id"] for s in state["plan"]["sections"]]
    retired = {s["id"]: s for s in state["retired_sections"]}
    assert retired["objectives"]["content"] == "Compare 1/2 and 1/3."
    assert retired["objectives"]["retired"] is True and retired["objectives"]["type"] == "text"
    # The report and the JSON export carry it too.
    import webob  # pylint: disable=import-outside-toplevel

    block = workspace.block("staff_ana")
    report = block.runtime.handle(block, "program_report", webob.Request.blank("/")).body.decode("utf-8")
    assert "No longer in the template" in report and "Compare 1/2 and 1/3." in report
    block = workspace.block("staff_ana")
    document = json.loads(block.runtime.handle(block, "export", webob.Request.blank("/?what=all&format=json")).body)
    assert [s["content"] for g in document["groups"] for s in g["retired_sections"]] == ["Compare 1/2 and 1/3."]


def test_a_section_whose_type_changes_keeps_the_groups_text_as_retired(workspace):
    _group, users = seed_group(workspace)
    workspace.ok(users[1], "save_plan_section", {"section_id": "assessment", "content": "Exit ticket: 3 items.",
                                                 "base_revision": None})
    template = workspace.ok("staff_ana", "author_settings")["template"]
    assessment = next(s for s in template if s["id"] == "assessment")
    assessment.update(type="fields", fields=[{"id": "instrument", "label": "Instrument"}])
    workspace.ok("staff_ana", "save_settings", settings_with(template=template, teamset_id=""))

    state = workspace.ok(users[2], "get_state")
    section = next(s for s in state["plan"]["sections"] if s["id"] == "assessment")
    assert section["type"] == "fields" and section["content"] == {"instrument": ""}
    retired = {s["id"]: s for s in state["retired_sections"]}
    assert retired["assessment"]["content"] == "Exit ticket: 3 items."
    assert retired["assessment"]["type"] == "text"


def test_a_section_brought_back_shows_the_groups_text_again(workspace):
    _group, users = seed_group(workspace)
    workspace.ok(users[0], "save_plan_section", {"section_id": "objectives", "content": "Compare fractions.",
                                                 "base_revision": None})
    full = workspace.ok("staff_ana", "author_settings")["template"]
    workspace.ok("staff_ana", "save_settings", settings_with(
        template=[s for s in full if s["id"] != "objectives"], teamset_id=""))
    workspace.ok("staff_ana", "save_settings", settings_with(template=full, teamset_id=""))
    state = workspace.ok(users[2], "get_state")
    objectives = next(s for s in state["plan"]["sections"] if s["id"] == "objectives")
    assert objectives["content"] == "Compare fractions."
    assert "objectives" not in [s["id"] for s in state["retired_sections"]]


# The studio view ---------------------------------------------------------------------

@pytest.fixture
def workbench(db):  # pylint: disable=unused-argument
    """Freshly loaded scenarios (the sdk keeps them in process memory)."""
    from workbench.runtime_util import reset_global_state  # pylint: disable=import-outside-toplevel

    reset_global_state()


@pytest.mark.parametrize("scenario", ["lessonstudy_cycle.0", "lessonstudy_cycle.1"])
def test_studio_view_renders_the_editor(client, workbench, scenario):  # pylint: disable=redefined-outer-name,unused-argument
    response = client.get(f"/scenario/{scenario}/studio_view/", {"student": "staff_ana"})
    assert response.status_code == 200
    page = loaded_text(client, response.content.decode("utf-8"))
    assert "LessonStudyCycleStudio" in page and "LessonStudyEditor" in page
    for text in ("Display name", "Start from a template preset", "Load template", "Plan sections",
                 "Observation focus categories", "Reflection prompts", "Plan ends", "Do ends", "See ends",
                 "Observations visible to the group at once", "Teamset id", "Participation score weight",
                 "no longer in the template", "xblock-actions", "action-primary", "Cancel"):
        assert text in page, text
    for marker in ("Traceback", "TemplateSyntaxError", "Exception Value"):
        assert marker not in page


def test_studio_view_renders_in_indonesian(client, workbench):  # pylint: disable=redefined-outer-name,unused-argument
    response = client.get("/scenario/lessonstudy_cycle.0/studio_view/", {"student": "staff_ana"},
                          HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 200
    page = response.content.decode("utf-8")
    assert "LessonStudyCycleStudio" in loaded_text(client, page)
    assert "/resource/lessonstudy_cycle/static/dist/i18n/id/cycle_studio.js" in page


def test_saving_the_defaults_as_shown_keeps_them_following_the_learners_language(db):  # pylint: disable=unused-argument

    from tests.support.workbench_course import WorkbenchCourse  # pylint: disable=import-outside-toplevel

    course = WorkbenchCourse("<lessonstudy_cycle/>")
    settings = course.ok("staff_ana", "author_settings")
    course.ok("staff_ana", "save_settings", {key: settings[key] for key in (
        "display_name", "template", "focus_categories", "prompts", "phase_dates",
        "observations_visible_at_once", "teamset_id", "weight")})
    block = course.block("staff_ana")
    assert block.plan_template is None and block.focus_categories is None and block.reflection_prompts == {}
    translation.activate("id")
    titles = [s["title"] for s in course.ok("staff_ana", "author_settings")["template"]]
    translation.activate("en")
    assert "Identitas" in titles


def test_an_imported_value_that_was_not_used_is_reported_until_the_editor_saves(db):  # pylint: disable=unused-argument
    course = WorkbenchCourse('<lessonstudy_cycle weight="heavy" observations_visible_at_once="maybe"/>')
    warnings = course.ok("staff_ana", "author_settings")["warnings"]
    assert sorted(w.split(" (")[0] for w in warnings) == [
        "The imported value of observations_visible_at_once was not used",
        "The imported value of weight was not used"]
    course.ok("staff_ana", "save_settings", NEW_SETTINGS)
    assert course.ok("staff_ana", "author_settings")["warnings"] == []


def test_the_editor_proposes_the_2025_plan_only_for_a_template_never_chosen(workspace):
    state = workspace.ok("staff_ana", "author_settings")
    assert state["proposed_preset"] == "rpp_mendalam" and state["presets"][0]["id"] == "rpp_mendalam"
    assert [s["id"] for s in state["template"]][:2] == ["identity", "objectives"]  # still the built-in one
    workspace.ok("staff_ana", "save_settings", NEW_SETTINGS)
    assert workspace.ok("staff_ana", "author_settings")["proposed_preset"] is None
