"""A byte budget per participant and block, long texts stored compactly, and the workshop's
record cap (issue 14). Rows are measured as the LMS stores them (``json.dumps`` of the state)."""

import json
import random

import pytest

from lessonstudy_xblock.domain import journal as journals
from lessonstudy_xblock.workshop import WorkshopBlock
from tests.support.lms_double import LmsCourse
from tests.support.record_fixtures import WORKSHOP_USAGE

pytestmark = pytest.mark.django_db


def ok(course, username, handler, body):
    status, answer = course.call(username, handler, body)
    assert status == 200, answer
    return answer


def group_of_two(course):
    code = ok(course, "staff_ana", "create_group", {"name": "SMP 2", "school": "SMP 2"})["group"]["join_code"]
    for username in ("rina", "sari"):
        ok(course, username, "join_group", {"join_code": code})


def row(course, username):
    return course.db.student_module[(username, course.usage_id)]


def fill_row(course, username, records):
    state = json.loads(row(course, username))
    state["journal"] += records
    course.db.student_module[(username, course.usage_id)] = json.dumps(state)


def test_twenty_thousand_emoji_are_stored_in_far_less_than_their_escaped_size():
    course = LmsCourse()
    group_of_two(course)
    text = "".join(random.Random(7).choice([chr(0x1F600 + n) for n in range(80)]) for _ in range(20_000))
    before = len(row(course, "rina"))
    ok(course, "rina", "save_plan_section", {"section_id": "objectives", "content": text, "base_revision": None})
    grown = len(row(course, "rina")) - before
    escaped = len(json.dumps(text))  # 12 bytes per emoji: 240 kB
    assert grown < escaped / 5, (grown, escaped)
    assert ok(course, "sari", "plan_history", {"section_id": "objectives"})["revisions"][0]["content"] == text


def test_a_save_over_the_byte_budget_answers_413_and_stores_nothing():
    course = LmsCourse()
    group_of_two(course)
    filler = random.Random(3)
    records = [{"id": f"old-{n:05d}", "type": "filler", "at": n,
                "text": "".join(filler.choice("abcdefghij") for _ in range(990))} for n in range(945)]
    fill_row(course, "rina", records)
    assert journals.MAX_JOURNAL_BYTES - 10_000 < len(row(course, "rina")) < journals.MAX_JOURNAL_BYTES
    stored = row(course, "rina")
    text = "".join(filler.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(19_000))  # packs to ~15 kB
    status, answer = course.call("rina", "save_plan_section", {"section_id": "objectives", "content": text,
                                                               "base_revision": None})
    assert status == 413 and "1 MB" in answer["error"]
    assert row(course, "rina") == stored
    # Reading still works, and a member under the budget still saves.
    ok(course, "rina", "get_state", {})
    ok(course, "sari", "save_plan_section", {"section_id": "objectives", "content": "Tujuan.", "base_revision": None})


def test_the_workshop_refuses_records_past_its_cap():
    course = LmsCourse(usage_id=WORKSHOP_USAGE, block_class=WorkshopBlock, block_type="lessonstudy_workshop")
    steps = ok(course, "rina", "get_progress", {})["steps"]
    ok(course, "rina", "visit_step", {"step_id": steps[1]["id"]})
    fill_row(course, "rina", [{"id": f"stp-{n:05d}", "type": "step_visit", "step_id": steps[0]["id"], "at": n}
                              for n in range(journals.MAX_RECORDS - 2)])
    status, _answer = course.call("rina", "visit_step", {"step_id": steps[0]["id"]})  # the 4,000th record
    assert status == 200
    status, answer = course.call("rina", "visit_step", {"step_id": steps[1]["id"]})
    assert status == 413 and "4000" in answer["error"]
    assert len(json.loads(row(course, "rina"))["journal"]) == journals.MAX_RECORDS
