"""Rows as the LMS stores them, written through the blocks' handlers, kept as fixtures.

``tests/fixtures/rows-<version>.json`` holds the ``StudentModule.state`` texts and summary rows
of one cycle block and one workshop block (a group of three through Plan, Do and See, long plan
texts saved several times, a workshop with long answers), written by the code of that version
with :func:`write`. Tests load them into the LMS double and read them with today's code, so a
change of record format never leaves earlier rows unreadable.

    python -c "from tests.support.record_fixtures import write; write('tests/fixtures/rows-X.json')"
"""

import json

from lessonstudy_xblock.workshop import WorkshopBlock
from tests.support.lms_double import LmsCourse, LmsDatabase

WORKSHOP_USAGE = "block-v1:Demo+LS+2026+type@lessonstudy_workshop+block@ws"
PARAGRAPH = ("Siswa melipat kertas menjadi beberapa bagian yang sama 😀. Mereka menamai setiap bagian "
             "dengan pecahan. Pasangan membandingkan hasil lipatan dan menjelaskan alasannya.\n")


def _ok(course, username, handler, body):
    status, answer = course.call(username, handler, body)
    if status != 200:
        raise RuntimeError(f"{handler} answered {status}: {answer}")
    return answer


def fill(db):
    """Fill ``db`` (an :class:`LmsDatabase`) through the handlers; returns what was written."""
    cycle = LmsCourse(db)
    group = _ok(cycle, "staff_ana", "create_group", {"name": "SMP 1", "school": "SMP 1"})["group"]
    for username in ("rina", "budi", "sari"):
        _ok(cycle, username, "join_group", {"join_code": group["join_code"]})
    _ok(cycle, "rina", "set_role", {"role": "model_teacher"})
    _ok(cycle, "budi", "set_role", {"role": "moderator"})
    base = None
    for number in range(4):
        text = PARAGRAPH * (8 + number)
        base = _ok(cycle, ["rina", "sari"][number % 2], "save_plan_section",
                   {"section_id": "objectives", "content": text, "base_revision": base})["section"]["revision"]
    steps = {"rows": [{"id": f"row-{n}", "cells": [PARAGRAPH, PARAGRAPH, "Tanya: 1/2 atau 2/4?", "S04, S07"],
                       "minutes": 10} for n in range(3)]}
    _ok(cycle, "rina", "save_plan_section", {"section_id": "steps", "content": steps, "base_revision": None})
    _ok(cycle, "budi", "set_phase", {"phase": "do"})
    for number in range(3):
        _ok(cycle, "sari", "add_observation", {"client_id": f"fixture-obs-{number}", "focus": "misconception",
                                                "evidence": PARAGRAPH, "target": "S04", "minute": 5 + number})
    # Since seats have ids (the seats fixture): a note and a quick note on seats, evidence added later.
    _ok(cycle, "sari", "add_observation", {"client_id": "fixture-seat-1", "focus": "helping", "evidence": PARAGRAPH,
                                            "seat": "r2c1", "minute": 9})
    quick = _ok(cycle, "sari", "add_observation", {"client_id": "fixture-quick-1", "kind": "quick",
                                                    "focus": "learning_stalled", "seat": "r1c3", "minute": 11})
    _ok(cycle, "sari", "amend_observation", {"client_id": "fixture-amend-1", "entry_id": quick["observation"]["id"],
                                              "evidence": "S03 berhenti setelah lipatan pertama."})
    _ok(cycle, "sari", "add_observation", {"client_id": "fixture-pair-1", "kind": "interaction",
                                            "interaction": "helped", "from_seat": "r2c1", "to_seat": "r1c3",
                                            "minute": 12})
    _ok(cycle, "budi", "set_phase", {"phase": "see"})
    _ok(cycle, "budi", "save_lessons_learned", {"items": ["Pasangan menjelaskan lebih baik. " * 20],
                                                "revisions": "Langkah 2 diberi waktu lebih.",
                                                "base_revision": None})
    workshop = LmsCourse(db, usage_id=WORKSHOP_USAGE, block_class=WorkshopBlock, block_type="lessonstudy_workshop")
    steps = _ok(workshop, "rina", "get_progress", {})["steps"]
    prompt = next(step for step in steps if step["kind"] == "prompt")
    _ok(workshop, "rina", "complete_step", {"step_id": prompt["id"], "response": PARAGRAPH * 30})
    return db


def write(path):
    """Write the fixture file at ``path`` with the code as it is now."""
    from lessonstudy_xblock import __version__  # pylint: disable=import-outside-toplevel

    db = fill(LmsDatabase(race_window=0))
    rows = {"version": __version__,
            "student_module": [[username, usage, text]
                               for (username, usage), text in sorted(db.student_module.items())],
            "summary": [[usage, field, text] for (usage, field), text in sorted(db.summary.items())]}
    with open(path, "w", encoding="utf-8") as out:
        json.dump(rows, out, indent=1, ensure_ascii=False)
        out.write("\n")


def load(path):
    """An :class:`LmsDatabase` holding the rows of a fixture file."""
    with open(path, encoding="utf-8") as source:
        rows = json.load(source)
    db = LmsDatabase(race_window=0)
    db.student_module = {(username, usage): text for username, usage, text in rows["student_module"]}
    db.summary = {(usage, field): text for usage, field, text in rows["summary"]}
    return db
