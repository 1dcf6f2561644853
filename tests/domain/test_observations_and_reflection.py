"""Observation entries and the reflection protocol."""

import pytest

from lessonstudy_xblock.domain import observations, reflection
from lessonstudy_xblock.domain.errors import Conflict, Forbidden, Invalid, NotFound, TooLarge

FOCUS = [c["id"] for c in observations.DEFAULT_FOCUS_CATEGORIES]


def test_default_focus_categories_have_the_stable_ids():
    assert FOCUS == ["learning_started", "learning_stalled", "helping", "misconception",
                     "body_language", "student_talk", "teacher_support"]


def test_note_needs_focus_and_evidence():
    with pytest.raises(Invalid) as refused:
        observations.validate({"focus": "helping", "evidence": "  "}, FOCUS, set())
    assert refused.value.field == "evidence"
    with pytest.raises(Invalid):
        observations.validate({"evidence": "x"}, FOCUS, set())
    entry = observations.validate({"focus": "helping", "evidence": "S3 helps S4", "minute": 12},
                                  FOCUS, set())
    assert entry["kind"] == "note" and entry["minute"] == 12


@pytest.mark.parametrize("payload,field", [
    ({"minute": "12"}, "minute"), ({"minute": 601}, "minute"), ({"link": "javascript:alert(1)"}, "link"),
    ({"video_time": "x"}, "video_time"), ({"target": ["a"]}, "target"), ({"kind": "poem"}, "kind"),
])
def test_wrongly_typed_fields_are_named(payload, field):
    with pytest.raises(Invalid) as refused:
        observations.validate(dict({"focus": "helping", "evidence": "e"}, **payload), FOCUS, set())
    assert refused.value.field == field


def test_oversized_evidence_is_413():
    with pytest.raises(TooLarge):
        observations.validate({"focus": "helping", "evidence": "x" * 5000}, FOCUS, set())


def test_entry_tied_to_unknown_step_is_404():
    with pytest.raises(NotFound):
        observations.validate({"focus": "helping", "evidence": "e", "step_id": "nope"}, FOCUS, {"core"})
    entry = observations.validate({"focus": "helping", "evidence": "e", "step_id": "core"}, FOCUS, {"core"})
    assert entry["step_id"] == "core"


def test_interaction_needs_from_and_to():
    with pytest.raises(Invalid):
        observations.validate({"kind": "interaction", "interaction": "helped", "from": "S1"}, FOCUS, set())
    entry = observations.validate({"kind": "interaction", "interaction": "helped", "from": "S1",
                                   "to": "S2"}, FOCUS, set())
    assert entry["from"] == "S1"


def test_model_teacher_and_planning_phase_cannot_add_observations():
    with pytest.raises(Forbidden):
        observations.check_can_add("model_teacher", True, "do")
    with pytest.raises(Conflict):
        observations.check_can_add("observer", True, "plan")
    observations.check_can_add("observer", True, "see")


def test_observers_see_only_their_own_entries_during_do():
    entries = [{"id": "1", "by": "a"}, {"id": "2", "by": "b"}]
    assert observations.visible(entries, "a", "do", False, False) == [entries[0]]
    assert observations.visible(entries, "a", "see", False, False) == entries
    assert observations.visible(entries, "a", "do", True, False) == entries
    assert observations.visible(entries, "a", "do", False, True) == entries


@pytest.mark.parametrize("kind,role,member,staff,allowed", [
    ("impression", "model_teacher", True, False, True),
    ("impression", "observer", True, False, False),
    ("finding", "observer", True, False, True),
    ("finding", "model_teacher", True, False, False),
    ("reply", "model_teacher", True, False, True),
    ("reply", None, False, True, True),
    ("reply", None, False, False, False),
    ("closing", "knowledgeable_other", True, False, True),
    ("closing", "observer", True, False, False),
    ("closing", None, False, True, True),
    ("summary", "recorder", True, False, True),
    ("summary", "moderator", True, False, True),
    ("summary", "observer", True, False, False),
])
def test_who_may_post_which_kind(kind, role, member, staff, allowed):
    if allowed:
        reflection.check_can_post(kind, role, member, staff, "see")
    else:
        with pytest.raises(Forbidden):
            reflection.check_can_post(kind, role, member, staff, "see")


def test_posts_only_in_see():
    with pytest.raises(Conflict):
        reflection.check_can_post("finding", "observer", True, False, "do")


def test_a_finding_cites_the_observers_own_entries():
    obs = [{"id": "o1", "by": "a"}, {"id": "o2", "by": "b"}]
    post = {"kind": "finding", "cites": ["o2"], "cites_steps": [], "parent_id": None}
    with pytest.raises(Invalid):
        reflection.check_citations(post, "a", obs, set(), [])
    post["cites"] = ["o1"]
    reflection.check_citations(post, "a", obs, set(), [])
    post["cites"] = ["o9"]
    with pytest.raises(NotFound):
        reflection.check_citations(post, "a", obs, set(), [])


def test_posts_are_shown_in_protocol_order_whenever_written():
    posts = [{"id": "s", "kind": "summary", "at": 1}, {"id": "f", "kind": "finding", "at": 2},
             {"id": "i", "kind": "impression", "at": 3}]
    assert [p["id"] for p in reflection.in_protocol_order(posts)] == ["i", "f", "s"]


def test_lessons_learned_are_saved_by_moderator_recorder_or_staff_in_see():
    reflection.check_can_save_lessons("recorder", True, False, "see")
    with pytest.raises(Forbidden):
        reflection.check_can_save_lessons("observer", True, False, "see")
    with pytest.raises(Conflict):
        reflection.check_can_save_lessons("moderator", True, False, "do")


def test_lessons_items_must_be_a_list_of_texts():
    with pytest.raises(Invalid):
        reflection.validate_lessons({"items": "one"})
    with pytest.raises(Invalid):
        reflection.validate_lessons({"items": [1]})
    assert reflection.validate_lessons({"items": [" a ", ""], "revisions": "r"}) == {
        "items": ["a"], "revisions": "r"}
