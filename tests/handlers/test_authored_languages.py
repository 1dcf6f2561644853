"""Authored settings keep following each reader's language: shipped focus categories, prompts
and preset sections are stored by id and translated when shown unless the author changed that
item's text; a Studio save in one language never freezes the others (lessonstudy_xblock/localized.py)."""

import pytest
from django.utils import translation

from lessonstudy_xblock.domain import observations, reflection
from lessonstudy_xblock.i18n import translations
from tests.support.olx import export
from tests.support.workbench_course import WorkbenchCourse

WORKSPACE = '<lessonstudy_cycle display_name="Pecahan"/>'
INDONESIAN = translations("id").gettext


@pytest.fixture
def workspace(db):  # pylint: disable=unused-argument
    from django.core.cache import cache  # pylint: disable=import-outside-toplevel

    cache.clear()
    return WorkbenchCourse(WORKSPACE)


def editor(workspace, language="en"):
    with translation.override(language):
        return workspace.ok("staff_ana", "author_settings")


def save(workspace, language="en", **changes):
    """Save the editor's settings as shown in ``language``, with ``changes``."""
    settings = editor(workspace, language)
    body = {key: settings[key] for key in ("display_name", "template", "template_preset", "template_language",
                                           "observation_preset", "focus_categories", "prompts", "phase_dates",
                                           "observations_visible_at_once", "teamset_id", "weight")}
    body.update(changes)
    with translation.override(language):
        return workspace.ok("staff_ana", "save_settings", body)


def labels_read_in(workspace, language):
    with translation.override(language):
        return [c["label"] for c in workspace.ok("staff_ana", "get_state")["focus_categories"]]


def test_adding_a_category_in_english_leaves_the_shipped_ones_following_each_language(workspace):
    shown = editor(workspace)["focus_categories"]
    save(workspace, focus_categories=shown + [{"label": "Seat work", "id": "seat_work"}])
    stored = workspace.block("staff_ana").focus_categories
    assert stored[:7] == [{"id": c["id"]} for c in observations.DEFAULT_FOCUS_CATEGORIES]
    assert stored[7] == {"id": "seat_work", "label": "Seat work", "labels": {"en": "Seat work"}}
    indonesian = labels_read_in(workspace, "id")
    assert indonesian[:7] == [INDONESIAN(c["label"]) for c in observations.DEFAULT_FOCUS_CATEGORIES]
    assert indonesian[0] != observations.DEFAULT_FOCUS_CATEGORIES[0]["label"]
    assert indonesian[7] == "Seat work"  # no Indonesian text yet: the author's own


def test_a_custom_category_gets_a_label_per_language_by_saving_in_each(workspace):
    shown = editor(workspace)["focus_categories"]
    save(workspace, focus_categories=shown + [{"id": "seat_work", "label": "Seat work"}])
    in_indonesian = editor(workspace, "id")["focus_categories"]
    in_indonesian[-1]["label"] = "Kerja di bangku"
    save(workspace, "id", focus_categories=in_indonesian)
    assert labels_read_in(workspace, "en")[-1] == "Seat work"
    assert labels_read_in(workspace, "id")[-1] == "Kerja di bangku"
    # Fixing the English text later changes English (and the default), not Indonesian.
    in_english = editor(workspace)["focus_categories"]
    in_english[-1]["label"] = "Seatwork"
    save(workspace, focus_categories=in_english)
    assert (labels_read_in(workspace, "en")[-1], labels_read_in(workspace, "id")[-1]) == ("Seatwork", "Kerja di bangku")


def test_renaming_a_shipped_category_in_one_language_keeps_the_translation_in_the_other(workspace):
    shown = editor(workspace)["focus_categories"]
    shown[1]["label"] = "Stuck"
    save(workspace, focus_categories=shown)
    assert workspace.block("staff_ana").focus_categories[1] == {"id": "learning_stalled", "label": "Stuck",
                                                                "labels": {"en": "Stuck"}}
    assert labels_read_in(workspace, "en")[1] == "Stuck"
    assert labels_read_in(workspace, "id")[1] == INDONESIAN(observations.DEFAULT_FOCUS_CATEGORIES[1]["label"])


def test_a_list_saved_unchanged_is_not_stored_at_all(workspace):
    save(workspace, "id")
    save(workspace, "en")
    assert workspace.block("staff_ana").focus_categories is None
    assert workspace.block("staff_ana").reflection_prompts == {}


def test_categories_frozen_in_english_by_earlier_versions_read_translated(workspace):
    """What an earlier version stored when an English author added one category: every shipped
    label copied in English."""
    block = workspace.block("staff_ana")
    block.focus_categories = [dict(c) for c in observations.DEFAULT_FOCUS_CATEGORIES] + [
        {"id": "seat_work", "label": "Seat work"}]
    block.save()
    indonesian = labels_read_in(workspace, "id")
    assert indonesian[:7] == [INDONESIAN(c["label"]) for c in observations.DEFAULT_FOCUS_CATEGORIES]
    assert indonesian[7] == "Seat work"


def test_a_prompt_changed_in_english_leaves_indonesian_readers_the_translated_default(workspace):
    save(workspace, prompts={"finding": "What did students do? Name the seat."})
    with translation.override("id"):
        prompts = workspace.ok("staff_ana", "get_state")["prompts"]
    assert prompts["finding"] == INDONESIAN(reflection.DEFAULT_PROMPTS["finding"])
    assert workspace.ok("staff_ana", "get_state")["prompts"]["finding"] == "What did students do? Name the seat."
    save(workspace, "id", prompts={"finding": "Apa yang dilakukan siswa? Sebutkan kursinya."})
    assert workspace.block("staff_ana").reflection_prompts == {"finding": {
        "en": "What did students do? Name the seat.", "id": "Apa yang dilakukan siswa? Sebutkan kursinya."}}


def test_a_prompt_of_earlier_versions_applies_to_every_language_unless_it_is_a_default(workspace):
    block = workspace.block("staff_ana")
    block.reflection_prompts = {"finding": "Our own question", "impression": reflection.DEFAULT_PROMPTS["impression"]}
    block.save()
    with translation.override("id"):
        prompts = workspace.ok("staff_ana", "get_state")["prompts"]
    assert prompts["finding"] == "Our own question"
    assert prompts["impression"] == INDONESIAN(reflection.DEFAULT_PROMPTS["impression"])


def test_the_lslc_sheet_gives_its_categories_and_guiding_questions_in_the_readers_language(workspace):
    presets = {p["id"]: p for p in editor(workspace, "id")["observation_presets"]}
    assert [c["id"] for c in presets["lslc"]["categories"]] == [c["id"] for c in observations.LSLC_FOCUS_CATEGORIES]
    save(workspace, "id", observation_preset="lslc", focus_categories=presets["lslc"]["categories"])
    assert workspace.block("staff_ana").focus_categories is None  # the sheet's, unchanged
    with translation.override("id"):
        state = workspace.ok("staff_ana", "get_state")
    assert [c["label"] for c in state["focus_categories"]][:2] == ["Belajar sedang terjadi",
                                                                    "Tidak belajar atau tertinggal"]
    assert len(state["observation_questions"]) == 6
    assert state["observation_questions"][0]["text"].startswith("Apakah setiap siswa")
    english = workspace.ok("staff_ana", "get_state")
    assert english["observation_questions"][1]["text"].startswith("Which students were not learning")


def test_the_default_sheet_has_no_guiding_questions(workspace):
    assert workspace.ok("staff_ana", "get_state")["observation_questions"] == []


def test_student_view_data_carries_every_item_in_every_shipped_language(workspace):
    shown = editor(workspace)["focus_categories"]
    save(workspace, observation_preset="lslc", focus_categories=shown[:1] + [{"id": "seat_work", "label": "Seat work"}])
    data = workspace.block("staff_ana").student_view_data()
    assert data["focus_categories"][0]["labels"] == {"en": "Learning started", "id": INDONESIAN("Learning started")}
    assert data["focus_categories"][1]["labels"] == {"en": "Seat work", "id": "Seat work"}
    assert data["prompts_by_language"]["finding"]["id"] == INDONESIAN(reflection.DEFAULT_PROMPTS["finding"])
    assert data["template"][0]["titles"] == {"en": "Identity", "id": INDONESIAN("Identity")}
    assert data["observation_questions"][0]["texts"]["id"].startswith("Apakah setiap siswa")


def test_categories_and_prompts_by_language_survive_olx_export_and_import(workspace):
    shown = editor(workspace)["focus_categories"]
    shown[0]["label"] = "Started"
    save(workspace, observation_preset="lslc", focus_categories=shown + [{"id": "seat_work", "label": "Seat work"}],
         prompts={"finding": "What did students do?"})
    in_indonesian = editor(workspace, "id")["focus_categories"]
    in_indonesian[-1]["label"] = "Kerja di bangku"
    save(workspace, "id", focus_categories=in_indonesian, prompts={"finding": "Apa yang dilakukan siswa?"})
    block = workspace.block("staff_ana")
    exported = export(block)
    assert 'label_id="Kerja di bangku"' in exported and 'language="id"' in exported
    copy = WorkbenchCourse(exported)
    imported = copy.block("staff_ana")
    for name in ("focus_categories", "reflection_prompts", "observation_preset"):
        assert getattr(imported, name) == getattr(block, name), name


def test_the_author_chooses_which_categories_are_quick_marks(workspace):
    shown = editor(workspace)["focus_categories"]
    assert [c["id"] for c in shown if c["quick"]] == ["learning_started", "learning_stalled", "helping"]
    shown[2]["quick"] = False
    shown[3]["quick"] = True
    save(workspace, focus_categories=shown + [{"id": "question", "label": "Question", "quick": True}])
    stored = workspace.block("staff_ana").focus_categories
    assert stored[2] == {"id": "helping", "quick": False} and stored[3] == {"id": "misconception", "quick": True}
    assert stored[0] == {"id": "learning_started"}  # as shipped: nothing stored but the id
    quick = [c["id"] for c in workspace.ok("staff_ana", "get_state")["focus_categories"] if c["quick"]]
    assert quick == ["learning_started", "learning_stalled", "misconception", "question"]
    status, error = workspace.call("staff_ana", "save_settings", dict(
        {k: editor(workspace)[k] for k in ("display_name", "template", "template_preset", "template_language",
                                           "prompts", "phase_dates", "observations_visible_at_once",
                                           "teamset_id", "weight")},
        focus_categories=[{"id": "helping", "quick": "yes"}]))
    assert status == 400 and error["field"] == "focus_categories"
