"""Workshop steps: when a step is done, progress, completion, authoring checks."""

import pytest

from lessonstudy_xblock.domain import workshop
from lessonstudy_xblock.domain.errors import Invalid, NotFound, TooLarge

STEPS = [
    {"id": "intro", "kind": "text", "title": "Intro", "required": True, "body": "<p>Hi</p>"},
    {"id": "film", "kind": "video", "title": "Film", "required": False,
     "video_url": "https://www.youtube.com/watch?v=abcdefghijk"},
    {"id": "think", "kind": "prompt", "title": "Think", "required": True, "min_length": 20},
    {"id": "ready", "kind": "checklist", "title": "Ready", "required": True,
     "items": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]},
    {"id": "quiz", "kind": "check", "title": "Quiz", "required": True,
     "options": [{"id": "right", "label": "R", "correct": True, "feedback": "Yes"},
                 {"id": "wrong", "label": "W", "correct": False, "feedback": "No, because"}]},
]


def step(step_id):
    return workshop.find_step(STEPS, step_id)


def done(step_id, at, answer=None):
    return {"id": f"d-{step_id}-{at}", "type": "step_done", "step_id": step_id, "at": at,
            "answer": answer or {}}


def test_public_step_hides_the_correct_option_and_feedback():
    view = workshop.public_step(step("quiz"))
    assert view["options"] == [{"id": "right", "label": "R"}, {"id": "wrong", "label": "W"}]
    assert "correct" not in str(view) and "feedback" not in str(view)


def test_text_and_video_are_done_when_marked():
    assert workshop.judge(step("intro"), {})[0] is True
    assert workshop.judge(step("film"), {})[0] is True


def test_prompt_needs_its_minimum_length():
    with pytest.raises(Invalid) as refused:
        workshop.judge(step("think"), {"response": "too short"})
    assert "20" in refused.value.render() and refused.value.field == "response"
    assert workshop.judge(step("think"), {"response": "  long enough answer here  "})[1] == {
        "response": "long enough answer here"}
    with pytest.raises(Invalid):
        workshop.judge(step("think"), {"response": 5})
    with pytest.raises(TooLarge):
        workshop.judge(step("think"), {"response": "x" * 20000})


def test_prompt_without_minimum_still_needs_an_answer():
    with pytest.raises(Invalid):
        workshop.judge({"id": "p", "kind": "prompt", "min_length": 0}, {"response": "   "})


def test_checklist_needs_every_item():
    with pytest.raises(Invalid) as refused:
        workshop.judge(step("ready"), {"checked": ["a"]})
    assert "1 of 2" in refused.value.render()
    with pytest.raises(Invalid):
        workshop.judge(step("ready"), {"checked": ["a", "zzz"]})
    assert workshop.judge(step("ready"), {"checked": ["b", "a"]})[0] is True


def test_check_wrong_choice_gives_its_feedback_and_is_not_done():
    assert workshop.judge(step("quiz"), {"choice": "wrong"}) == (False, {"choice": "wrong"}, "No, because", False)
    assert workshop.judge(step("quiz"), {"choice": "right"})[0] is True
    with pytest.raises(Invalid):
        workshop.judge(step("quiz"), {"choice": "maybe"})


def test_unknown_step_is_404():
    with pytest.raises(NotFound):
        workshop.find_step(STEPS, "nope")


def test_progress_resumes_at_the_last_visited_step_and_counts_done_steps():
    journal = [done("intro", 1), {"id": "v", "type": "step_visit", "step_id": "think", "at": 2}]
    progress = workshop.progress(STEPS, journal)
    assert progress["done"] == ["intro"] and progress["current_step"] == "think"
    assert progress["complete"] is False and progress["last_activity"] == 2


def test_complete_when_every_required_step_is_done_optional_ones_aside():
    journal = [done(s, n) for n, s in enumerate(["intro", "think", "ready"])]
    assert workshop.progress(STEPS, journal)["complete"] is False
    journal.append(done("quiz", 9))
    assert workshop.progress(STEPS, journal)["complete"] is True


def test_records_of_steps_no_longer_in_the_module_are_ignored():
    assert workshop.progress(STEPS, [done("removed", 1)])["done"] == []


def test_problems_name_what_learners_could_not_complete():
    assert workshop.problems(STEPS) == []
    messages = [m % p for m, p in workshop.problems([
        {"id": "v", "kind": "video", "title": "V"},
        {"id": "c", "kind": "check", "title": "C", "options": [{"id": "a", "label": "a"}]},
        {"id": "l", "kind": "checklist", "title": "L", "items": []},
    ])]
    assert any("no video URL" in m for m in messages)
    assert any("exactly one correct option" in m for m in messages)
    assert any("at least two options" in m for m in messages)
    assert any("no items" in m for m in messages)
    assert workshop.problems([]) == [("The module has no steps.", {})]


def test_clean_steps_normalises_and_refuses_bad_steps():
    cleaned = workshop.clean_steps([{"id": "p", "kind": "prompt", "required": "false", "min_length": "30"}])
    assert cleaned[0]["required"] is False and cleaned[0]["min_length"] == 30
    for bad in ([{"id": "Bad Id", "kind": "text"}], [{"id": "a", "kind": "poem"}],
                [{"id": "a", "kind": "text"}, {"id": "a", "kind": "text"}],
                [{"id": "v", "kind": "video", "video_url": "javascript:alert(1)"}], "steps"):
        with pytest.raises(Invalid):
            workshop.clean_steps(bad)


def test_feedback_is_that_of_the_chosen_option_and_only_once_chosen():
    from lessonstudy_xblock.domain.workshop import feedback  # pylint: disable=import-outside-toplevel

    steps = [{"id": "q", "kind": "check", "options": [
        {"id": "a", "label": "A", "feedback": "Yes: students.", "correct": True},
        {"id": "b", "label": "B", "feedback": "Look at the students."}]}]
    assert feedback(steps, "q", {"choice": "b"}) == {"text": "Look at the students.", "correct": False}
    assert feedback(steps, "q", {"choice": "a"}) == {"text": "Yes: students.", "correct": True}
    assert feedback(steps, "q", {}) is None
    assert feedback(steps, "other", {"choice": "a"}) is None


def test_completion_is_due_once_when_every_required_step_is_done():
    from lessonstudy_xblock.domain.workshop import completion_due  # pylint: disable=import-outside-toplevel

    assert completion_due({"complete": True}, [{"type": "step_done"}]) is True
    assert completion_due({"complete": True}, [{"type": "completed"}]) is False
    assert completion_due({"complete": False}, []) is False
