"""Rows written by earlier versions keep reading (``tests/fixtures/rows-*.json``, written by the
code of the version they name with ``tests/support/record_fixtures.py``)."""

import json
from pathlib import Path

import pytest

from lessonstudy_xblock.workshop import WorkshopBlock
from tests.support.lms_double import LmsCourse
from tests.support.record_fixtures import PARAGRAPH, WORKSHOP_USAGE, load

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
#: 0.2.0 before long fields were packed: plan texts and answers stored plain.
UNPACKED = FIXTURES / "rows-0.2.0-unpacked.json"
#: 0.2.0 since seats have ids: entries on seats, a quick note with evidence added later.
SEATS = FIXTURES / "rows-0.2.0-seats.json"

pytestmark = pytest.mark.django_db


def ok(course, username, handler, body):
    status, answer = course.call(username, handler, body)
    assert status == 200, answer
    return answer


def journal_of(db, username, usage="block-v1:Demo+LS+2026+type@lessonstudy_cycle+block@ws"):
    return json.loads(db.student_module[(username, usage)])["journal"]


def test_unpacked_rows_of_0_2_read_as_they_were_written():
    db = load(UNPACKED)
    assert not any("packed" in record for record in journal_of(db, "rina"))  # the old format
    cycle = LmsCourse(db)
    state = ok(cycle, "sari", "get_state", {})
    sections = {section["id"]: section for section in state["plan"]["sections"]}
    assert sections["objectives"]["content"] == PARAGRAPH * 11
    assert sections["steps"]["content"]["rows"][0]["cells"][0] == PARAGRAPH
    history = ok(cycle, "budi", "plan_history", {"section_id": "objectives"})["revisions"]
    assert [r["content"] for r in history] == [PARAGRAPH * n for n in (11, 10, 9, 8)]
    assert ok(cycle, "budi", "compare_plan", {"section_id": "objectives", "from_revision": history[1]["revision"],
                                              "to_revision": history[0]["revision"]})["granularity"] == "sentence"
    assert state["reflection"]["lessons_learned"]["items"] == [("Pasangan menjelaskan lebih baik. " * 20).strip()]
    # Entries written before seats had ids name the seat by text: linked to the chart's seat.
    assert {entry["seat"] for entry in state["observations"]} == {"r1c4"}
    assert state["lesson"]["seat_counts"] == {"r1c4": 3}
    workshop = LmsCourse(db, usage_id=WORKSHOP_USAGE, block_class=WorkshopBlock, block_type="lessonstudy_workshop")
    report = ok(workshop, "staff_ana", "staff_report", {})
    assert list(report["participants"][0]["responses"].values()) == [(PARAGRAPH * 30).strip()]


def test_an_author_s_next_save_packs_their_earlier_long_records_and_everything_still_reads():
    db = load(UNPACKED)
    size_before = len(db.student_module[("rina", LmsCourse(db).usage_id)])
    cycle = LmsCourse(db)
    ok(cycle, "rina", "set_plan_lock", {"locked": False})
    head = next(section for section in ok(cycle, "rina", "get_state", {})["plan"]["sections"]
                if section["id"] == "objectives")
    ok(cycle, "rina", "save_plan_section", {"section_id": head["id"], "content": head["content"] + "Baru.",
                                            "base_revision": head["revision"]})
    stored = journal_of(db, "rina")
    revisions = [record for record in stored if record["type"] == "plan"]
    assert revisions and all("packed" in record and "content" not in record for record in revisions)
    assert len(db.student_module[("rina", cycle.usage_id)]) < size_before
    history = ok(cycle, "sari", "plan_history", {"section_id": "objectives"})["revisions"]
    assert history[0]["content"] == PARAGRAPH * 11 + "Baru." and len(history) == 5


def test_rows_with_seats_quick_notes_and_added_evidence_read_as_they_were_written():
    db = load(SEATS)
    state = ok(LmsCourse(db), "budi", "get_state", {})
    entries = {entry["client_id"]: entry for entry in state["observations"]}
    assert (entries["fixture-seat-1"]["seat"], entries["fixture-seat-1"]["target"]) == ("r2c1", "S07")
    quick = entries["fixture-quick-1"]
    assert (quick["kind"], quick["evidence"], quick["seat"]) == ("quick", "", "r1c3")
    assert [added["evidence"] for added in quick["additions"]] == ["S03 berhenti setelah lipatan pertama."]
    pair = entries["fixture-pair-1"]
    assert (pair["from_seat"], pair["to_seat"], pair["from"], pair["to"]) == ("r2c1", "r1c3", "S07", "S03")
    assert state["lesson"]["seat_counts"] == {"r1c4": 3, "r2c1": 2, "r1c3": 2}
