"""The workshop module's handlers through the workbench runtime."""

import csv
import io

import pytest

from tests.support.workbench_course import WorkbenchCourse

MODULE = """
<lessonstudy_workshop display_name="Observing students" language="en">
  <step id="intro" kind="text" title="Why students" required="true">
    <body><![CDATA[<p>Watch <strong>students</strong>.</p><script>alert(1)</script>]]></body>
  </step>
  <step id="film" kind="video" title="Film" required="false" video_url="https://www.youtube.com/watch?v=abcdefghijk">
    <transcript>Teacher: ...</transcript>
  </step>
  <step id="notes" kind="prompt" title="Your notes" required="true" min_length="20">
    <body><![CDATA[<p>What did you see?</p>]]></body>
  </step>
  <step id="ready" kind="checklist" title="Ready" required="true">
    <item id="seat">I know my seat</item>
    <item id="quiet">I will not talk to students</item>
  </step>
  <step id="quiz" kind="check" title="Who to watch" required="true">
    <option id="students" correct="true"><label>Students</label><feedback>Yes.</feedback></option>
    <option id="teacher"><label>The teacher</label><feedback>No: watch students.</feedback></option>
  </step>
</lessonstudy_workshop>
"""


@pytest.fixture
def module(db):  # pylint: disable=unused-argument
    from django.core.cache import cache  # pylint: disable=import-outside-toplevel

    cache.clear()
    return WorkbenchCourse(MODULE)


def finish_all(module, user):
    module.ok(user, "complete_step", {"step_id": "intro"})
    module.ok(user, "complete_step", {"step_id": "notes", "response": "The students in group 3 argued."})
    module.ok(user, "complete_step", {"step_id": "ready", "checked": ["seat", "quiet"]})
    return module.ok(user, "complete_step", {"step_id": "quiz", "choice": "students"})


def test_get_progress_sends_steps_without_answers_and_sanitised_bodies(module):
    progress = module.ok("guru_rina", "get_progress")
    assert [s["id"] for s in progress["steps"]] == ["intro", "film", "notes", "ready", "quiz"]
    assert progress["done"] == [] and progress["current_step"] == "intro" and progress["complete"] is False
    body = progress["steps"][0]["body"]
    assert "<script>" not in body and "<strong>students</strong>" in body
    quiz = progress["steps"][4]
    assert quiz["options"] == [{"id": "students", "label": "Students"}, {"id": "teacher", "label": "The teacher"}]


def test_visit_step_is_where_the_participant_resumes(module):
    assert module.ok("guru_rina", "visit_step", {"step_id": "ready"}) == {"current_step": "ready"}
    assert module.ok("guru_rina", "get_progress")["current_step"] == "ready"
    assert module.ok("guru_budi", "get_progress")["current_step"] == "intro"


def test_answers_are_kept_and_restored_on_return(module):
    module.ok("guru_rina", "complete_step", {"step_id": "notes", "response": "The students in group 3 argued."})
    module.ok("guru_rina", "complete_step", {"step_id": "quiz", "choice": "teacher"})
    progress = module.ok("guru_rina", "get_progress")
    assert progress["responses"]["notes"] == {"response": "The students in group 3 argued."}
    assert progress["responses"]["quiz"] == {"choice": "teacher"}
    assert progress["feedback"]["quiz"] == {"text": "No: watch students.", "correct": False}
    assert progress["done"] == ["notes"]


def test_short_prompt_is_400_with_the_reason(module):
    status, answer = module.call("guru_rina", "complete_step", {"step_id": "notes", "response": "short"})
    assert status == 400 and "at least 20 characters" in answer["error"] and answer["field"] == "response"


def test_unticked_checklist_is_400(module):
    status, answer = module.call("guru_rina", "complete_step", {"step_id": "ready", "checked": ["seat"]})
    assert status == 400 and answer["field"] == "checked"


def test_wrong_check_answer_shows_its_feedback_and_may_be_tried_again(module):
    wrong = module.ok("guru_rina", "complete_step", {"step_id": "quiz", "choice": "teacher"})
    assert wrong["correct"] is False and wrong["feedback"] == "No: watch students." and wrong["done"] == []
    right = module.ok("guru_rina", "complete_step", {"step_id": "quiz", "choice": "students"})
    assert right["correct"] is True and right["done"] == ["quiz"]


@pytest.mark.parametrize("body,status,field", [
    ({}, 400, "step_id"), ({"step_id": 5}, 400, "step_id"), ({"step_id": "nope"}, 404, "step_id"),
    ({"step_id": "notes"}, 400, "response"), ({"step_id": "notes", "response": ["x"]}, 400, "response"),
    ({"step_id": "notes", "response": "x" * 20000}, 413, "response"),
    ({"step_id": "ready", "checked": "seat"}, 400, "checked"), ({"step_id": "quiz"}, 400, "choice"),
    ({"step_id": "quiz", "choice": {"id": "students"}}, 400, "choice"),
])
def test_bad_complete_step_requests_are_4xx_json(module, body, status, field):
    answer_status, answer = module.call("guru_rina", "complete_step", body)
    assert answer_status == status and answer["error"] and answer["field"] == field


def test_bad_visit_step_and_malformed_json_are_4xx(module):
    assert module.call("guru_rina", "visit_step", {"step_id": "nope"})[0] == 404
    assert module.call("guru_rina", "visit_step", {})[0] == 400
    for handler in ("get_progress", "visit_step", "complete_step", "staff_report"):
        status, answer, _response = module.raw("guru_rina", handler, b"{oops")
        assert status == 400 and answer["error"]


def test_completion_is_published_once_when_the_last_required_step_is_done(module):
    module.ok("guru_rina", "complete_step", {"step_id": "intro"})
    module.ok("guru_rina", "complete_step", {"step_id": "notes", "response": "The students in group 3 argued."})
    module.ok("guru_rina", "complete_step", {"step_id": "ready", "checked": ["seat", "quiet"]})
    module.ok("guru_rina", "complete_step", {"step_id": "quiz", "choice": "teacher"})
    assert module.published.of_type("completion") == []
    last = module.ok("guru_rina", "complete_step", {"step_id": "quiz", "choice": "students"})
    assert last["complete"] is True
    assert module.published.of_type("completion") == [{"completion": 1.0}]
    module.ok("guru_rina", "complete_step", {"step_id": "film"})
    module.ok("guru_rina", "complete_step", {"step_id": "quiz", "choice": "students"})
    assert len(module.published.of_type("completion")) == 1


def test_a_tracking_event_per_step_done(module):
    finish_all(module, "guru_rina")
    events = module.published.of_type("edx.lessonstudy.workshop.step.completed")
    assert [e["step_id"] for e in events] == ["intro", "notes", "ready", "quiz"]


def test_staff_report_lists_participants_with_their_progress(module):
    finish_all(module, "guru_rina")
    module.ok("guru_budi", "complete_step", {"step_id": "intro"})
    report = module.ok("staff_ana", "staff_report")
    rows = {row["username"]: row for row in report["participants"]}
    assert rows["guru_rina"]["steps_done"] == 4 and rows["guru_rina"]["complete"] is True
    assert rows["guru_rina"]["responses"] == {"notes": "The students in group 3 argued."}
    assert rows["guru_budi"]["steps_done"] == 1 and rows["guru_budi"]["last_activity"]


def test_staff_handlers_are_403_for_participants(module):
    assert module.call("guru_rina", "staff_report")[0] == 403
    status, answer, _response = module.raw("guru_rina", "export", b"", method="GET")
    assert status == 403 and answer["error"]


def test_export_csv_neutralises_formulas_and_keeps_indonesian_text(module):
    module.ok("guru_rina", "complete_step",
              {"step_id": "notes", "response": "=HYPERLINK(\"x\") siswa, \"kelompok\"\nbaris"})
    module.ok("guru_budi", "complete_step", {"step_id": "notes", "response": "@SUM(A1) jawaban panjang sekali"})
    module.ok("guru_sari", "complete_step", {"step_id": "notes", "response": "-1+1 Peserta didik berdiskusi"})
    module.ok("guru_dewi", "complete_step", {"step_id": "notes", "response": "+62 guru model menjelaskan"})
    block = module.block("staff_ana")
    import webob  # pylint: disable=import-outside-toplevel
    response = block.runtime.handle(block, "export", webob.Request.blank("/?format=csv"))
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"] and ".csv" in response.headers["Content-Disposition"]
    text = response.body.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    answers = {row[1]: row[-1] for row in rows[1:]}
    assert answers["guru_rina"] == "'=HYPERLINK(\"x\") siswa, \"kelompok\"\nbaris"
    assert answers["guru_budi"].startswith("'@") and answers["guru_sari"].startswith("'-")
    assert answers["guru_dewi"].startswith("'+")
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_student_view_data_carries_the_authored_steps_without_answers_or_user_data(module):
    module.ok("guru_rina", "complete_step", {"step_id": "notes", "response": "The students in group 3 argued."})
    data = module.block("guru_rina").student_view_data()
    assert [s["id"] for s in data["steps"]] == ["intro", "film", "notes", "ready", "quiz"]
    text = str(data)
    assert "group 3 argued" not in text and "correct" not in text and "feedback" not in text
    assert data["display_name"] == "Observing students" and data["language"] == "en"


def test_validate_warns_about_modules_learners_could_not_complete(db):  # pylint: disable=unused-argument
    good = WorkbenchCourse(MODULE).block("staff_author").validate()
    assert good.empty
    broken = WorkbenchCourse(
        '<lessonstudy_workshop><step id="v" kind="video" title="V"/>'
        '<step id="c" kind="check" title="C"><option id="a"><label>A</label><feedback>f</feedback></option>'
        '<option id="b"><label>B</label><feedback>f</feedback></option></step></lessonstudy_workshop>'
    ).block("staff_author").validate()
    texts = [message.text for message in broken.messages]
    # Imported OLX goes through the editor's checks: the steps are refused and the author told why.
    assert any("steps was not used" in t and "a video step needs the address of its video" in t for t in texts)
    # Steps stored by an earlier version (no such check then) are still warned about.
    block = WorkbenchCourse(MODULE).block("staff_author")
    block.steps = [{"id": "v", "kind": "video", "title": "V", "required": True, "body": "", "video_url": ""},
                   {"id": "c", "kind": "check", "title": "C", "required": True, "body": "",
                    "options": [{"id": "a", "label": "A", "feedback": "f", "correct": False},
                                {"id": "b", "label": "B", "feedback": "f", "correct": False}]}]
    texts = [message.text for message in block.validate().messages]
    assert any("no video URL" in t for t in texts) and any("exactly one correct option" in t for t in texts)


def test_an_optional_step_added_later_does_not_lower_a_finished_participants_progress(module):
    finish_all(module, "guru_rina")
    before = module.ok("guru_rina", "get_progress")
    assert (before["required_done"], before["required_total"], before["optional_total"]) == (4, 4, 1)
    settings = module.ok("staff_ana", "author_settings")
    steps = settings["steps"] + [{"id": "extra", "kind": "text", "title": "More reading", "required": False,
                                  "body": "<p>Read on.</p>"}]
    module.ok("staff_ana", "save_settings", {**{k: settings[k] for k in ("display_name", "language")}, "steps": steps})
    after = module.ok("guru_rina", "get_progress")
    assert after["complete"] is True
    assert (after["required_done"], after["required_total"]) == (4, 4)
    assert (after["optional_done"], after["optional_total"]) == (0, 2)
    row = next(r for r in module.ok("staff_ana", "staff_report")["participants"] if r["username"] == "guru_rina")
    assert (row["required_done"], row["required_total"], row["complete"]) == (4, 4, True)
    # A new required step is another matter: the participant has one more to do, and is told so.
    steps.append({"id": "more", "kind": "text", "title": "Must read", "required": True, "body": "<p>Read.</p>"})
    module.ok("staff_ana", "save_settings", {**{k: settings[k] for k in ("display_name", "language")}, "steps": steps})
    again = module.ok("guru_rina", "get_progress")
    assert (again["required_done"], again["required_total"], again["complete"]) == (4, 5, False)
