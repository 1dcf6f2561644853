"""The cycle workspace as a citizen of Open edX: completion, score, tracking events, mobile data,
and rendering where Studio and content libraries offer few services."""

import json

import pytest
from xblock.fields import ScopeIds
from xblock.runtime import DictKeyValueStore, KvsFieldData
from xblock.test.tools import TestRuntime

from lessonstudy_xblock.cycle import CycleBlock
from tests.support.seeding import move, seed_group

EVENT_FIELDS = {"group_id", "cycle"}


def events_named(course, name):
    return course.published.of_type(name)


def test_completion_is_published_once_when_the_model_teachers_rule_is_first_met(cycle_course):
    _group, users = seed_group(cycle_course)
    teacher = users[0]
    cycle_course.ok(teacher, "save_plan_section", {"section_id": "objectives", "content": "x", "base_revision": None})
    move(cycle_course, teacher, "do")
    move(cycle_course, teacher, "see")
    assert events_named(cycle_course, "completion") == []
    cycle_course.ok(teacher, "post_reflection", {"client_id": "impression-1", "kind": "impression", "text": "ok"})
    assert events_named(cycle_course, "completion") == [{"completion": 1.0}]
    cycle_course.ok(teacher, "post_reflection", {"client_id": "reply-0001", "kind": "reply", "text": "again"})
    cycle_course.ok(teacher, "start_next_cycle", {"from_cycle": 1})
    assert len(events_named(cycle_course, "completion")) == 1


def test_observer_completes_with_an_observation_and_a_finding(cycle_course):
    _group, users = seed_group(cycle_course)
    move(cycle_course, users[0], "do")
    cycle_course.ok(users[2], "add_observation", {"client_id": "obs-done-1", "focus": "helping", "evidence": "e"})
    move(cycle_course, users[0], "see")
    assert events_named(cycle_course, "completion") == []
    cycle_course.ok(users[2], "post_reflection", {"client_id": "find-done-1", "kind": "finding", "text": "f"})
    assert events_named(cycle_course, "completion") == [{"completion": 1.0}]


def test_no_score_event_without_a_weight(cycle_course):
    _group, users = seed_group(cycle_course)
    move(cycle_course, users[0], "do")
    move(cycle_course, users[0], "see")
    cycle_course.ok(users[5], "post_reflection", {"client_id": "closing-001", "kind": "closing", "text": "c"})
    assert events_named(cycle_course, "completion") and not events_named(cycle_course, "grade")


def test_every_meaningful_action_emits_its_event_with_group_and_cycle_and_no_free_text(cycle_course):
    group, users = seed_group(cycle_course)
    cycle_course.ok(users[0], "save_plan_section", {"section_id": "objectives", "content": "SECRET PLAN",
                                                    "base_revision": None})
    assert cycle_course.call(users[2], "save_plan_section", {"section_id": "objectives", "content": "x",
                                                             "base_revision": None})[0] == 409
    move(cycle_course, users[0], "do")
    entry = cycle_course.ok(users[2], "add_observation", {"client_id": "obs-evt-01", "focus": "helping",
                                                          "evidence": "SECRET CHILD"})["observation"]
    move(cycle_course, users[0], "see")
    cycle_course.ok(users[2], "post_reflection", {"client_id": "post-evt-1", "kind": "finding",
                                                  "text": "SECRET TEXT", "cites": [entry["id"]]})
    cycle_course.ok(users[1], "save_lessons_learned", {"items": ["SECRET LESSON"], "base_revision": None})
    cycle_course.ok(users[1], "start_next_cycle", {"from_cycle": 1})
    expected = {
        "edx.lessonstudy.group.created": set(), "edx.lessonstudy.group.joined": {"via"},
        "edx.lessonstudy.role.set": {"role"}, "edx.lessonstudy.plan_section.saved": {"section_id", "revision"},
        "edx.lessonstudy.plan_section.conflict_shown": {"section_id"},
        "edx.lessonstudy.observation.added": {"observation_id", "kind", "focus"},
        "edx.lessonstudy.phase.changed": {"phase"},
        "edx.lessonstudy.reflection.posted": {"post_id", "kind", "cited_observations"},
        "edx.lessonstudy.lessons_learned.saved": {"revision", "items"},
        "edx.lessonstudy.cycle.started": set(),
    }
    for name, fields in expected.items():
        found = events_named(cycle_course, name)
        assert found, name
        assert EVENT_FIELDS | fields <= set(found[-1]), (name, found[-1])
        if name != "edx.lessonstudy.group.created":
            assert found[-1]["group_id"] == group["id"]
    assert events_named(cycle_course, "edx.lessonstudy.cycle.started")[0]["cycle"] == 2
    assert "SECRET" not in json.dumps(cycle_course.published.events)


def test_student_view_data_carries_authored_settings_and_no_user_data(cycle_course):
    _group, users = seed_group(cycle_course)
    cycle_course.ok(users[0], "set_theme", {"theme": "PRIVATE THEME"})
    cycle_course.ok(users[0], "save_plan_section", {"section_id": "objectives", "content": "PRIVATE PLAN",
                                                    "base_revision": None})
    data = cycle_course.block(users[0]).student_view_data()
    text = json.dumps(data)
    assert "PRIVATE" not in text and users[0] not in text and "join_code" not in text
    assert [s["id"] for s in data["template"]][:2] == ["identity", "objectives"]
    assert {c["id"] for c in data["focus_categories"]} >= {"learning_started", "helping"}
    assert set(data["prompts"]) == {"impression", "finding", "reply", "closing", "summary"}
    assert data["teams_mode"] is False


class BareRuntime(TestRuntime):
    """A runtime like Studio preview or a content library: no teams, user_state or settings."""

    def handler_url(self, block, handler_name, suffix="", query="", thirdparty=False):
        return f"/handler/{handler_name}"

    def local_resource_url(self, block, uri):
        return f"/resource/{uri}"


@pytest.mark.parametrize("view", ["student_view", "author_view"])
def test_views_render_without_teams_user_state_or_settings(view):
    runtime = BareRuntime(services={"field-data": KvsFieldData(DictKeyValueStore())})
    block = runtime.construct_xblock_from_class(
        CycleBlock, ScopeIds(None, "lessonstudy_cycle", "def-bare", "usage-bare"))
    block.teamset_id = "schools"
    fragment = runtime.render(block, view)
    assert "lessonstudy" in fragment.content
    if view == "author_view":
        assert "Learning steps" in fragment.content and "Learning started" in fragment.content
