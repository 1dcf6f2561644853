"""Authoring a workshop module: the Studio editor's handlers and the studio view."""

import copy

import pytest

from tests.support.pages import loaded_text

from tests.support.workbench_course import WorkbenchCourse

MODULE = """
<lessonstudy_workshop display_name="Observing students" preset="observing_open_class" language="en">
  <step id="intro" kind="text" title="Why students" required="true">
    <body><![CDATA[<p>Watch <strong>students</strong>.</p>]]></body>
  </step>
  <step id="quiz" kind="check" title="Who to watch" required="true">
    <option id="students" correct="true"><label>Students</label><feedback>Yes.</feedback></option>
    <option id="teacher"><label>The teacher</label><feedback>No: watch students.</feedback></option>
  </step>
</lessonstudy_workshop>
"""

NEW_SETTINGS = {
    "display_name": "Membuka kelas",
    "preset": "what_is_lesson_study",
    "language": "id",
    "steps": [
        {"id": "baca", "kind": "text", "title": "Bacaan", "required": True,
         "body": "<p>Amati <em>siswa</em>.</p><script>alert(1)</script>"},
        {"id": "video-kelas", "kind": "video", "title": "Video kelas terbuka", "required": False, "body": "",
         "video_url": "https://www.youtube.com/watch?v=abcdefghijk", "transcript": "Guru: Selamat pagi."},
        {"id": "catatan", "kind": "prompt", "title": "Catatan Anda", "required": True, "body": "<p>Tulis.</p>",
         "min_length": 30},
        {"id": "siap", "kind": "checklist", "title": "Siap", "required": True, "body": "",
         "items": [{"id": "kursi", "label": "Saya tahu tempat saya"}, {"id": "diam", "label": "Saya tidak mengajar"}]},
        {"id": "kuis", "kind": "check", "title": "Siapa yang diamati", "required": True, "body": "",
         "options": [{"id": "siswa", "label": "Siswa", "correct": True, "feedback": "Ya."},
                     {"id": "guru", "label": "Guru", "correct": False, "feedback": "Bukan: amati siswa."}]},
    ],
}


@pytest.fixture
def module(db):  # pylint: disable=unused-argument
    from django.core.cache import cache  # pylint: disable=import-outside-toplevel

    cache.clear()
    return WorkbenchCourse(MODULE)


def with_steps(*steps):
    settings = copy.deepcopy(NEW_SETTINGS)
    settings["steps"] = list(steps)
    return settings


# author_settings -------------------------------------------------------------

def test_author_settings_gives_staff_the_steps_with_correct_answers_and_feedback(module):
    settings = module.ok("staff_ana", "author_settings")
    assert settings["display_name"] == "Observing students"
    assert settings["preset"] == "observing_open_class" and settings["language"] == "en"
    assert [step["id"] for step in settings["steps"]] == ["intro", "quiz"]
    assert settings["steps"][1]["options"] == [
        {"id": "students", "label": "Students", "correct": True, "feedback": "Yes."},
        {"id": "teacher", "label": "The teacher", "correct": False, "feedback": "No: watch students."},
    ]
    assert settings["kinds"] == ["text", "video", "prompt", "checklist", "check"]
    offered = {(preset["id"], preset["language"]) for preset in settings["presets"]}
    assert ("what_is_lesson_study", "en") in offered and ("what_is_lesson_study", "id") in offered
    assert all(preset["name"] for preset in settings["presets"])


def test_author_settings_is_403_for_a_participant(module):
    status, answer = module.call("guru_rina", "author_settings")
    assert status == 403 and answer["error"]
    assert "correct" not in str(answer)


# save_settings ----------------------------------------------------------------

def test_save_settings_stores_every_field_and_participants_get_the_new_steps(module):
    saved = module.ok("staff_ana", "save_settings", NEW_SETTINGS)
    assert saved["display_name"] == "Membuka kelas" and saved["preset"] == "what_is_lesson_study"
    assert saved["language"] == "id"

    again = module.ok("staff_ana", "author_settings")
    assert [step["id"] for step in again["steps"]] == ["baca", "video-kelas", "catatan", "siap", "kuis"]
    video, prompt, checklist, check = again["steps"][1:]
    assert video["required"] is False and video["video_url"] == "https://www.youtube.com/watch?v=abcdefghijk"
    assert video["transcript"] == "Guru: Selamat pagi."
    assert prompt["min_length"] == 30
    assert checklist["items"] == NEW_SETTINGS["steps"][3]["items"]
    assert check["options"] == NEW_SETTINGS["steps"][4]["options"]
    assert (again["display_name"], again["preset"], again["language"]) == (
        "Membuka kelas", "what_is_lesson_study", "id")

    progress = module.ok("guru_rina", "get_progress")
    assert [step["id"] for step in progress["steps"]] == ["baca", "video-kelas", "catatan", "siap", "kuis"]
    assert progress["steps"][4]["options"] == [{"id": "siswa", "label": "Siswa"}, {"id": "guru", "label": "Guru"}]


def test_saved_body_is_sanitised_for_authors_and_participants(module):
    module.ok("staff_ana", "save_settings", NEW_SETTINGS)
    for user, handler in (("staff_ana", "author_settings"), ("guru_rina", "get_progress")):
        body = module.ok(user, handler)["steps"][0]["body"]
        assert "<script>" not in body and "alert(1)" not in body
        assert "<em>siswa</em>" in body


def test_saved_module_completes_with_the_new_steps(module):
    module.ok("staff_ana", "save_settings", NEW_SETTINGS)
    module.ok("guru_rina", "complete_step", {"step_id": "baca"})
    module.ok("guru_rina", "complete_step", {"step_id": "catatan", "response": "Siswa di kelompok 2 berdiskusi lama."})
    module.ok("guru_rina", "complete_step", {"step_id": "siap", "checked": ["kursi", "diam"]})
    assert module.ok("guru_rina", "complete_step", {"step_id": "kuis", "choice": "siswa"})["complete"] is True


def _bad(step_changes=None, **settings_changes):
    settings = copy.deepcopy(NEW_SETTINGS)
    settings.update(settings_changes)
    if step_changes:
        index, changes = step_changes
        settings["steps"][index].update(changes)
    return settings


BAD_SETTINGS = {
    "steps not a list": (_bad(steps={"id": "baca"}), 400, "steps"),
    "steps missing": ({key: v for key, v in NEW_SETTINGS.items() if key != "steps"}, 400, "steps"),
    "unknown kind": (_bad((0, {"kind": "quiz"})), 400, "steps"),
    "duplicate ids": (_bad((1, {"id": "baca"})), 400, "steps"),
    "bad step id": (_bad((1, {"id": "Video Kelas!"})), 400, "steps"),
    "options not a list": (_bad((4, {"options": {"siswa": "Siswa"}})), 400, "steps"),
    "javascript video url": (_bad((1, {"video_url": "javascript:alert(1)"})), 400, "steps"),
    "negative minimum length": (_bad((2, {"min_length": -1})), 400, "steps"),
    "required not a flag": (_bad((0, {"required": "yes"})), 400, "steps"),
    "language fr": (_bad(language="fr"), 400, "language"),
    "huge title": (_bad((0, {"title": "T" * 20000})), 400, "steps"),
    "huge display name": (_bad(display_name="N" * 5000), 413, "display_name"),
    "display name not text": (_bad(display_name=["x"]), 400, "display_name"),
    "self-check with one answer": (_bad((4, {"options": [{"id": "a", "label": "A", "correct": True}]})),
                                   400, "steps"),
    "self-check without a correct answer": (_bad((4, {"options": [{"id": "a", "label": "A"},
                                                                   {"id": "b", "label": "B"}]})), 400, "steps"),
    "video without an address": (_bad((1, {"video_url": ""})), 400, "steps"),
}


def test_a_step_with_blank_controls_is_refused_naming_the_step(module):
    status, answer = module.call("staff_ana", "save_settings", _bad((4, {"options": [
        {"id": "a", "label": "A"}, {"id": "b", "label": "B"}]})))
    assert status == 400 and answer["step"] == 5
    assert answer["error"].startswith("Step 5 (") and "exactly one correct answer" in answer["error"]


@pytest.mark.parametrize("name", sorted(BAD_SETTINGS))
def test_bad_save_settings_is_4xx_json_naming_the_field_and_changes_nothing(module, name):
    payload, status, field = BAD_SETTINGS[name]
    before = module.ok("staff_ana", "author_settings")
    answer_status, answer = module.call("staff_ana", "save_settings", payload)
    assert answer_status == status and answer["error"] and answer["field"] == field
    assert module.ok("staff_ana", "author_settings") == before


def test_too_many_steps_is_refused(module):
    steps = [{"id": f"s{n}", "kind": "text", "title": f"Step {n}", "body": ""} for n in range(41)]
    status, answer = module.call("staff_ana", "save_settings", with_steps(*steps))
    assert status == 400 and answer["field"] == "steps"


def test_malformed_save_settings_body_is_400(module):
    status, answer, _response = module.raw("staff_ana", "save_settings", b"{not json")
    assert status == 400 and answer["error"]


def test_save_settings_is_403_for_a_participant_and_changes_nothing(module):
    before = module.ok("staff_ana", "author_settings")
    status, answer = module.call("guru_rina", "save_settings", NEW_SETTINGS)
    assert status == 403 and answer["error"]
    assert module.ok("staff_ana", "author_settings") == before
    assert [step["id"] for step in module.ok("guru_rina", "get_progress")["steps"]] == ["intro", "quiz"]


# load_preset --------------------------------------------------------------------

@pytest.mark.parametrize("language,name", [("en", "What is Lesson Study"), ("id", "Apa itu Lesson Study")])
def test_load_preset_gives_the_preset_in_each_language_without_saving_it(module, language, name):
    answer = module.ok("staff_ana", "load_preset", {"preset": "what_is_lesson_study", "language": language})
    assert answer["display_name"] == name
    assert answer["preset"] == "what_is_lesson_study" and answer["language"] == language
    assert len(answer["steps"]) >= 5
    assert {"text", "check"} <= {step["kind"] for step in answer["steps"]}
    checks = [step for step in answer["steps"] if step["kind"] == "check"]
    assert all(sum(option["correct"] for option in step["options"]) == 1 for step in checks)
    assert [step["id"] for step in module.ok("staff_ana", "author_settings")["steps"]] == ["intro", "quiz"]


def test_load_preset_titles_differ_between_languages(module):
    english = module.ok("staff_ana", "load_preset", {"preset": "what_is_lesson_study", "language": "en"})
    indonesian = module.ok("staff_ana", "load_preset", {"preset": "what_is_lesson_study", "language": "id"})
    assert [s["title"] for s in english["steps"]] != [s["title"] for s in indonesian["steps"]]


@pytest.mark.parametrize("payload,status,field", [
    ({"preset": "no_such_preset", "language": "en"}, 404, "preset"),
    ({"preset": "what_is_lesson_study", "language": "fr"}, 400, "language"),
    ({"language": "en"}, 400, "preset"),
])
def test_bad_load_preset_is_4xx_json(module, payload, status, field):
    answer_status, answer = module.call("staff_ana", "load_preset", payload)
    assert answer_status == status and answer["error"] and answer["field"] == field


def test_load_preset_is_403_for_a_participant(module):
    status, answer = module.call("guru_rina", "load_preset", {"preset": "what_is_lesson_study", "language": "en"})
    assert status == 403 and answer["error"]


# studio view ----------------------------------------------------------------------

@pytest.fixture
def workbench(db):  # pylint: disable=unused-argument
    """Freshly loaded scenarios (the sdk keeps them in process memory)."""
    from workbench.runtime_util import reset_global_state  # pylint: disable=import-outside-toplevel

    reset_global_state()


def test_studio_view_renders_the_editor(client, workbench):  # pylint: disable=redefined-outer-name,unused-argument
    response = client.get("/scenario/lessonstudy_workshop.0/studio_view/", {"student": "staff_ana"})
    assert response.status_code == 200
    page = loaded_text(client, response.content.decode("utf-8"))
    assert "LessonStudyWorkshopStudio" in page and "LessonStudyEditor" in page
    for text in ("Display name", "Content language", "Start from a preset", "Load preset", "xblock-actions",
                 "action-primary", "Cancel"):
        assert text in page, text
    for marker in ("Traceback", "TemplateSyntaxError", "Exception Value"):
        assert marker not in page


def test_studio_view_renders_in_indonesian(client, workbench):  # pylint: disable=redefined-outer-name,unused-argument
    response = client.get("/scenario/lessonstudy_workshop.0/studio_view/", {"student": "staff_ana"},
                          HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 200
    page = response.content.decode("utf-8")
    assert "LessonStudyWorkshopStudio" in loaded_text(client, page)
    assert "/resource/lessonstudy_workshop/static/dist/i18n/id/workshop_studio.js" in page


def test_preview_body_sanitises_as_saving_does_and_saves_nothing(module):
    before = module.ok("staff_ana", "author_settings")
    answer = module.ok("staff_ana", "preview_body",
                       {"body": "<p>Watch <strong>students</strong></p><script>x()</script>"})
    assert answer == {"body": "<p>Watch <strong>students</strong></p>"}
    assert module.ok("staff_ana", "author_settings") == before
    assert module.call("guru_rina", "preview_body", {"body": "<p>x</p>"})[0] == 403
    status, error = module.call("staff_ana", "preview_body", {"body": "x" * 50001})
    assert status in (400, 413) and error["field"] == "body"
