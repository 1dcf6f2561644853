"""The printable program report carries each cycle's anticipated vs. observed.

Per cycle: the comparison as a table (each step's anticipated student responses and teacher
support beside the entries tied to it, by focus, with counts), the data tables of the lesson
timeline and the interaction map rendered on the server (paper shows them without JavaScript),
and the data cycle/charts.js draws the two charts from, embedded with ``json_script``.
"""

import json

import pytest
import webob
from django.utils import translation
from lxml import html

from lessonstudy_xblock.domain.observations import DEFAULT_FOCUS_CATEGORIES
from tests.support.seeding import move, seed_group

FOCUS = {c["id"]: c["label"] for c in DEFAULT_FOCUS_CATEGORIES}
STEPS = [
    {"id": "opening", "cells": ["Recall halves", "They say 'half'", "Ask why the parts are equal", ""], "minutes": 10},
    {"id": "core", "cells": ["Fold strips into thirds", "Uneven folds", "Show a strip folded in three", ""],
     "minutes": 30},
    {"id": "closing", "cells": ["Summarise", "One group explains thirds", "Write the summary", ""], "minutes": 10},
]
HOSTILE = '</script><script>alert("x")</script><b>bold</b>'


def report(course, user="staff_ana", detail="full"):
    block = course.block(user)
    response = block.runtime.handle(block, "program_report",
                                    webob.Request.blank("/?detail=full" if detail == "full" else "/"))
    assert response.status_code == 200
    return response.body.decode("utf-8")


def rows(table):
    """The text of each body row's cells (header cell first)."""
    return [[" ".join(cell.text_content().split()) for cell in row.xpath("./th|./td")]
            for row in table.xpath("./tbody/tr")]


def table_captioned(tree, caption):
    found = tree.xpath(f'.//table[caption[normalize-space()="{caption}"]]')
    assert len(found) == 1, caption
    return found[0]


@pytest.fixture
def lesson_course(cycle_course):
    """A group in See: steps with minutes, entries tied to steps, modes, interactions, one entry with no step."""
    course = cycle_course
    group, users = seed_group(course, "SMPN 5 Malang", "r")
    course.ok(users[0], "save_plan_section", {"section_id": "steps", "base_revision": None, "content": {"rows": STEPS}})
    move(course, users[0], "do")
    add = lambda user, client_id, **fields: course.ok(user, "add_observation", dict(fields, client_id=client_id))  # noqa: E731
    add(users[4], "mode-whole-1", kind="mode", mode="whole_class", minute=0)
    add(users[4], "mode-group-1", kind="mode", mode="group_work", minute=12)
    add(users[2], "note-open-01", focus="learning_started", evidence="S01 folds at once", target="S01", minute=3,
        step_id="opening")
    add(users[2], "note-core-01", focus="misconception", evidence="S05 folds in thirds unevenly", target="S05",
        minute=14, step_id="core", video_time=845)
    add(users[3], "note-core-02", focus="misconception", evidence=HOSTILE, target="S06", minute=15, step_id="core")
    add(users[3], "note-none-01", focus="helping", evidence="S07 helps the row", target="S07", minute=45)
    for n, (source, target, kind) in enumerate([("S01", "S02", "helped"), ("S01", "S02", "helped"),
                                                ("Group 9", "S02", "explained")]):
        add(users[3], f"int-core-{n:02d}", kind="interaction", interaction=kind, minute=20 + n, step_id="core",
            **{"from": source, "to": target})
    move(course, users[0], "see")
    return course, group, users


def test_report_prints_the_comparison_and_the_data_tables_of_the_timeline_and_the_map(lesson_course):
    course, group, _users = lesson_course
    tree = html.fromstring(report(course))
    section = tree.xpath(f'//section[@class="group"][h2[normalize-space()="{group["name"]}"]]')[0]

    comparison = rows(table_captioned(section, "Planned and observed, step by step"))
    assert [row[0] for row in comparison] == ["Step 1: Recall halves", "Step 2: Fold strips into thirds",
                                              "Step 3: Summarise"]
    opening, core, closing = comparison
    assert opening[1:4] == ["They say 'half'", "Ask why the parts are equal", "10 minutes, minute 0 to 10"]
    assert "Learning started (1)" in opening[4] and "S01 folds at once (S01 · minute 3 · R M2)" in opening[4]
    assert opening[5] == "1"
    assert core[1:4] == ["Uneven folds", "Show a strip folded in three", "30 minutes, minute 10 to 40"]
    assert "Misconception or difficulty (2)" in core[4] and "Interaction (3)" in core[4]
    assert "S05 folds in thirds unevenly (S05 · minute 14 · R M2)" in core[4]
    assert "S01 to S02: Helped (minute 20 · R M3)" in core[4]
    assert core[5] == "5"
    assert closing[4] == "No evidence recorded for this step" and closing[5] == "0"
    assert "Entries tied to no step: 1" in section.text_content()

    timeline = rows(table_captioned(section, "Lesson timeline: data"))
    step2 = "Step 2: Fold strips into thirds"
    assert timeline == [
        ["3", "Step 1: Recall halves", "Whole class", FOCUS["learning_started"], "S01: S01 folds at once"],
        ["14", step2, "Group work", FOCUS["misconception"], "S05: S05 folds in thirds unevenly"],
        ["15", step2, "Group work", FOCUS["misconception"], "S06: " + " ".join(HOSTILE.split())],
        ["20", step2, "Group work", "Interaction", "S01 to S02: Helped"],
        ["21", step2, "Group work", "Interaction", "S01 to S02: Helped"],
        ["22", step2, "Group work", "Interaction", "Group 9 to S02: Explained"],
        ["45", "–", "Group work", FOCUS["helping"], "S07: S07 helps the row"],
    ]
    assert rows(table_captioned(section, "Interaction map: data")) == [
        ["S01", "S02", "Helped", "2", "Yes"], ["Group 9", "S02", "Explained", "1", "No"]]
    unobserved = next(p.text_content() for p in section.xpath(".//p") if "Nobody recorded anything" in p.text_content())
    assert unobserved.startswith("Nobody recorded anything about: S03, S04, S08, S09")
    assert "S05" not in unobserved and "S06" not in unobserved

    # The charts are drawn in the page by cycle/charts.js from the data embedded beside them.
    boxes = section.xpath('.//div[@data-lesson-chart]')
    assert [box.get("data-lesson-chart") for box in boxes] == ["timeline", "map"]
    data = json.loads(tree.xpath(f'//script[@id="{boxes[0].get("data-source")}"]')[0].text)
    assert data["lesson"]["interactions"][0] == {"from": "S01", "to": "S02", "interaction": "helped", "count": 2,
                                                 "from_seat": "r1c1", "to_seat": "r1c2"}
    assert [s["id"] for s in data["lesson"]["comparison"]["steps"]] == ["opening", "core", "closing"]
    assert data["sections"][0]["id"] == "seating" and data["sections"][0]["content"]["labels"][0][0] == "S01"
    assert {e["evidence"] for e in data["observations"]} >= {"S05 folds in thirds unevenly", HOSTILE}
    assert next(e for e in data["observations"] if e["minute"] == 14)["video_time"] == 845
    assert all(set(e) <= {"id", "kind", "focus", "evidence", "target", "minute", "video_time", "step_id", "from", "to",
                          "interaction", "mode", "author"} for e in data["observations"])
    scripts = [s.text or "" for s in tree.xpath("//script[not(@type)]")]
    assert any("window.LessonStudyCharts =" in s for s in scripts)
    assert any("LessonStudyCharts.interactionMap" in s for s in scripts)
    assert tree.xpath('//script[@id="lesson-catalog"]')


def test_stored_text_never_leaves_the_embedded_data_or_a_table_cell_as_markup(lesson_course):
    course, _group, _users = lesson_course
    body = report(course)
    assert "<script>alert" not in body and "<b>bold" not in body
    assert body.count("</script>") == len(html.fromstring(body).xpath("//script"))
    tree = html.fromstring(body)
    assert not tree.xpath("//b")


def test_the_inlined_chart_script_cannot_end_its_script_element_early():
    from lessonstudy_xblock.facilitator import loader  # pylint: disable=import-outside-toplevel

    source = "".join(loader.load_unicode(path) for path in (
        "static/js/core/dom.js", "static/js/core/video.js", "static/js/cycle/charts.js",
        "static/js/cycle/timeline.js", "static/js/cycle/interaction_map.js"))
    assert "</" not in source and "<!--" not in source
    assert "</" not in loader.load_unicode("static/css/lesson_charts.css")


def test_a_group_with_no_steps_modes_or_interactions_reads_as_empty(cycle_course):
    seed_group(cycle_course, "SD 1 Batu", "e", members=2)
    tree = html.fromstring(report(cycle_course))
    comparison = rows(table_captioned(tree, "Planned and observed, step by step"))
    assert [row[4] for row in comparison] == ["No evidence recorded for this step"] * 3
    assert rows(table_captioned(tree, "Lesson timeline: data")) == [["No observation entry has a lesson minute."]]
    assert rows(table_captioned(tree, "Interaction map: data")) == [["No interactions recorded."]]


def test_report_in_indonesian(lesson_course):
    course, group, _users = lesson_course
    translation.activate("id")
    tree = html.fromstring(report(course))
    assert tree.get("lang") == "id"
    section = tree.xpath(f'//section[@class="group"][h2[normalize-space()="{group["name"]}"]]')[0]
    text = " ".join(section.text_content().split())
    assert "Antisipasi dan hasil observasi" in text
    assert "Tidak ada bukti yang tercatat untuk langkah ini" in text
    timeline = rows(table_captioned(section, "Data Linimasa pelajaran"))
    assert timeline[1][:3] == ["14", "Langkah 2: Fold strips into thirds", "Kerja kelompok"]
    assert rows(table_captioned(section, "Data Peta interaksi"))[0] == ["S01", "S02", "Membantu", "2", "Ya"]
    catalog = json.loads(tree.xpath('//script[@id="lesson-catalog"]')[0].text)
    assert catalog["Lesson timeline"] == "Linimasa pelajaran"


def test_the_default_report_opens_with_a_program_summary_and_keeps_each_group_short(lesson_course):
    course, group, users = lesson_course
    seed_group(course, "SD 2 Batu", "q", members=2)
    for n in range(6):  # more entries on one step than the compact report lists
        course.ok(users[2], "add_observation", {
            "client_id": f"note-many-{n:02d}", "focus": "misconception", "evidence": f"Seat S1{n} folds unevenly",
            "minute": 16, "step_id": "core"})
    course.ok(users[1], "save_lessons_learned", {"items": ["Fold before naming"], "revisions": "",
                                                 "base_revision": None})
    tree = html.fromstring(report(course, detail="compact"))
    summary = tree.xpath('//section[@class="summary"]')[0]
    assert summary.xpath("h2")[0].text_content() == "Program summary"
    phases = {row[0]: row[1:] for row in rows(table_captioned(summary, "Groups by phase"))}
    assert phases["See"][0] == "1" and phases["Plan"][0] == "1"
    flags = rows(table_captioned(summary, "What needs attention"))
    assert any(row[0] == "A member has not contributed in this phase" and "SD 2 Batu" in row[2]
               for row in flags), flags
    newest = table_captioned(summary, "Lessons learned per group (the newest saved)")
    lessons = {row[0]: row[1:] for row in rows(newest)}
    assert lessons[group["name"]] == ["1", "Fold before naming"] and lessons["SD 2 Batu"][1] == "Not saved yet."
    section = tree.xpath(f'//section[@class="group"][h2[normalize-space()="{group["name"]}"]]')[0]
    core = rows(table_captioned(section, "Planned and observed, step by step"))[1]
    assert "Entries not listed here: 5" in core[4], core[4]
    assert core[5] == "11"
    assert not section.xpath('.//div[@data-lesson-chart]') and "Lesson plan (RPP)" not in section.text_content()
    assert tree.xpath('//a[@href="?detail=full"]')
    full = html.fromstring(report(course))
    assert len(full.xpath('//div[@data-lesson-chart]')) == 4 and full.xpath('//a[@href="?"]')
    block = course.block("staff_ana")  # the rest of the query stays (the workbench names its user there)
    page = block.runtime.handle(block, "program_report", webob.Request.blank("/?student=staff_ana&detail=full"))
    assert html.fromstring(page.body.decode("utf-8")).xpath('//a[@href="?student=staff_ana"]')
