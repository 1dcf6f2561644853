"""Hypothesis-generated requests against every handler of both blocks, through a runtime.

Wrong types, missing and extra fields, huge and odd Unicode strings and
nested structures: no answer is a 5xx, every 4xx body is JSON with an
``error`` sentence, and afterwards the stored state is still readable by
``get_state`` / ``get_progress``. The runtime is the LMS storage double
(tests/support/lms_double.py), so each request runs the real handler with the
LMS's storage semantics, and many examples run in a few seconds.
"""

import os

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonstudy_xblock.workshop import WorkshopBlock
from tests.support.lms_double import LmsCourse

EXAMPLES = int(os.environ.get("LESSONSTUDY_FUZZ_EXAMPLES", "150"))
def locks():
    """A per-process lock cache: these tests run in one process."""
    return override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                                 "LOCATION": "fuzz"}})

odd_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(categories=["Cs", "Co", "Cc", "Zs", "Mn", "So"]), max_size=20),
    st.sampled_from(["", " ", "\x00", "\ud800", "<script>alert(1)</script>", "javascript:alert(1)",
                     "=1+1", "null", "NaN", "é" * 3000, "x" * 300_000, "ABCDEF", "opening", "helping"]),
)
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-2**70, max_value=2**70),
              st.floats(allow_nan=True, allow_infinity=True), odd_text),
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(odd_text, inner, max_size=5)),
    max_leaves=12,
)

CYCLE_GOOD = {
    "get_state": {}, "create_group": {"name": "G", "school": "S"}, "join_group": {"join_code": "ABCDEF"},
    "assign_member": {"group_id": "g-x", "user_id": "someone", "role": "observer"},
    "set_role": {"role": "observer", "focal": "S1"}, "set_phase": {"phase": "see"},
    "save_plan_section": {"section_id": "objectives", "content": "x", "base_revision": None},
    "set_theme": {"theme": "t"},
    "add_observation": {"client_id": "fuzz-obs-1", "kind": "note", "focus": "helping", "evidence": "e",
                        "target": "S1", "minute": 3, "interpretation": "", "link": "https://example.com",
                        "video_time": 1.5, "step_id": "core", "from": "S1", "to": "S2", "interaction": "helped",
                        "mode": "pairs"},
    "post_reflection": {"client_id": "fuzz-post-1", "kind": "finding", "text": "t", "cites": [],
                        "cites_steps": [], "parent_id": None},
    "save_lessons_learned": {"items": ["a"], "revisions": "r", "base_revision": None},
    "start_next_cycle": {"from_cycle": 1}, "set_plan_lock": {"locked": False},
    "add_comment": {"client_id": "fuzz-cmt-1", "target_type": "section", "target_id": "objectives", "text": "c"},
    "plan_history": {"section_id": "objectives"}, "compare_plan": {"section_id": "objectives"},
    "set_lesson_video": {"url": "https://www.youtube.com/watch?v=abcdefghijk"},
    "facilitator_overview": {}, "author_settings": {},
    "load_template_preset": {"preset": "rpp_2016", "language": "id"},
    "save_settings": {"display_name": "x", "template": [], "focus_categories": [{"id": "a", "label": "A"}]},
}
WORKSHOP_GOOD = {
    "get_progress": {}, "visit_step": {"step_id": "intro"},
    "complete_step": {"step_id": "notes", "response": "a long enough answer here", "choice": "r",
                      "checked": ["a"]},
    "staff_report": {}, "author_settings": {}, "load_preset": {"preset": "what_is_lesson_study", "language": "en"},
    "save_settings": {"display_name": "x", "language": "en", "steps": [{"id": "a", "kind": "text"}]},
}
WORKSHOP_STEPS = [
    {"id": "intro", "kind": "text", "title": "Intro", "required": True, "body": ""},
    {"id": "notes", "kind": "prompt", "title": "Notes", "required": True, "body": "", "min_length": 5},
    {"id": "ready", "kind": "checklist", "title": "Ready", "required": True, "body": "",
     "items": [{"id": "a", "label": "A"}]},
    {"id": "quiz", "kind": "check", "title": "Quiz", "required": True, "body": "",
     "options": [{"id": "r", "label": "R", "correct": True, "feedback": "y"},
                 {"id": "w", "label": "W", "correct": False, "feedback": "n"}]},
]
USERS = ["fz_m0", "fz_m2", "staff_fz", "fz_outsider"]


def mutated(good):
    """A request built from a good one: fields replaced, removed or added, or anything at all."""
    def apply(parts):
        base, replaced, removed, extra = parts
        body = {k: v for k, v in base.items() if k not in removed}
        body.update(replaced)
        body.update(extra)
        return body

    keys = st.sampled_from(sorted(good) or ["x"])
    return st.one_of(
        st.tuples(st.just(good), st.dictionaries(keys, json_values, max_size=3),
                  st.sets(keys, max_size=2), st.dictionaries(odd_text, json_values, max_size=2)).map(apply),
        json_values,
    )


def check_answer(status, body):
    assert status < 500, body
    if 400 <= status < 500:
        assert isinstance(body, dict) and isinstance(body.get("error"), str) and body["error"], body


@pytest.fixture(scope="module")
def cycle_course():
    with locks():
        course = LmsCourse()
        group = course.call("staff_fz", "create_group", {"name": "Fuzz school"})[1]["group"]
        for user in ("fz_m0", "fz_m2"):
            course.call(user, "join_group", {"join_code": group["join_code"]})
        course.call("fz_m0", "set_role", {"role": "model_teacher"})
        course.call("fz_m0", "set_phase", {"phase": "do"})
        CYCLE_GOOD["assign_member"]["group_id"] = group["id"]
        yield course


@pytest.fixture(scope="module")
def workshop_course():
    with locks():
        yield LmsCourse(block_class=WorkshopBlock, block_type="lessonstudy_workshop",
                        usage_id="block-v1:Demo+LS+2026+type@lessonstudy_workshop+block@fuzz",
                        authored={"steps": WORKSHOP_STEPS})


def request_strategy(good):
    return st.tuples(st.sampled_from(sorted(good)), st.sampled_from(USERS), st.data())


FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(request_strategy(CYCLE_GOOD))
def test_cycle_handlers_never_answer_5xx(cycle_course, case):  # pylint: disable=redefined-outer-name
    handler, user, data = case
    body = data.draw(mutated(CYCLE_GOOD[handler]))
    check_answer(*cycle_course.call_raw(user, handler, body))


@FUZZ
@given(request_strategy(WORKSHOP_GOOD))
def test_workshop_handlers_never_answer_5xx(workshop_course, case):  # pylint: disable=redefined-outer-name
    handler, user, data = case
    body = data.draw(mutated(WORKSHOP_GOOD[handler]))
    check_answer(*workshop_course.call_raw(user, handler, body))


@FUZZ
@given(st.sampled_from(sorted(CYCLE_GOOD)), st.binary(max_size=200))
def test_undecodable_bodies_are_400(cycle_course, handler, raw):  # pylint: disable=redefined-outer-name
    check_answer(*cycle_course.call_bytes("fz_m2", handler, raw))


def test_state_stays_readable_after_the_fuzzing(cycle_course, workshop_course):  # pylint: disable=redefined-outer-name
    for user in USERS:
        status, state = cycle_course.call(user, "get_state", {})
        assert status == 200 and "cycle" in state
        status, progress = workshop_course.call(user, "get_progress", {})
        assert status == 200 and len(progress["steps"]) >= 1
