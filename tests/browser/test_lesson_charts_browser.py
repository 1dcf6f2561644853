"""Anticipated vs. observed in the See tab: the comparison, the lesson timeline, the interaction map.

A group is set up through the handlers (a learning-steps table with planned minutes, the open
class with entries tied to steps, lesson modes, interactions and a lesson video, then See); a
member reads the three views in the See tab, in English and in Indonesian, at 1200 and 360 px.
The server is shared by the whole session: every name carries a random token.
"""

import re
import secrets
from types import SimpleNamespace

import pytest

from tests.browser.conftest import ARTIFACTS, axe_violations
from tests.browser.test_cycle_support import SCENARIO, CycleGroup, block, expect, facilitator_row, ready

PHONE = {"width": 360, "height": 800}
HIDE_WORKBENCH = "header.banner, section.debug { display: none !important; }"
STEPS = [  # id, activity, anticipated student responses, teacher support, planned minutes
    ("opening", "Recall halves with a paper strip", "They say 'half' but fold unevenly",
     "Ask why the parts must be equal", 10),
    ("core", "Fold strips into thirds and compare", "Uneven folds; some count the fold lines",
     "Show a strip folded in three", 30),
    ("closing", "Share and summarise", "One group explains thirds", "Write the summary on the board", 10),
]
VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


@pytest.fixture
def lesson(api):
    """A group in See with entries tied to steps, modes and interactions; returns what was set up."""
    token = secrets.token_hex(3)
    group = CycleGroup(api, name=f"Pecahan {token}", school=f"SMP Negeri 4 Malang {token}", story=token)
    teacher = group.join("guru", "model_teacher")
    ani = group.join("ani", "observer", focal="S05")
    budi = group.join("budi", "recorder")
    group.save_section(teacher, "steps", {"rows": [
        {"id": sid, "cells": [activity, anticipated, support, ""], "minutes": minutes}
        for sid, activity, anticipated, support, minutes in STEPS]})
    group.phase(teacher, "do")
    assert group.call(teacher, "set_lesson_video", {"url": VIDEO})[0] == 200
    notes = [  # observer, focus, target, minute, step, evidence, video time
        (budi, "learning_started", "S01", 3, "opening", f"S01 folds the strip at once {token}", 180),
        (ani, "misconception", "S05", 14, "core", f"S05 folds the strip in thirds unevenly {token}", 845),
        (budi, "student_talk", "S02", 16, "core", f"S02: 'three pieces, so one third' {token}", 960),
        (ani, "helping", "S07", 45, None,
         f"S07 helps the whole row <img src=x onerror=\"window.hacked=1\"> {token}", None),
    ]
    for observer, focus, target, minute, step, evidence, video_time in notes:
        fields = {"focus": focus, "target": target, "minute": minute, "evidence": evidence}
        if step:
            fields["step_id"] = step
        if video_time is not None:
            fields["video_time"] = video_time
        group.observe(observer, **fields)
    for minute, mode in ((0, "whole_class"), (12, "group_work"), (40, "whole_class")):
        group.observe(budi, kind="mode", mode=mode, minute=minute)
    interactions = [("S01", "S02", "helped", 18), ("S01", "S02", "helped", 20), ("S03", "S04", "asked", 22),
                    ("Group 9", "S02", "explained", 25)]
    for source, target, kind, minute in interactions:
        group.observe(ani, kind="interaction", interaction=kind, minute=minute, step_id="core",
                      **{"from": source, "to": target})
    group.phase(teacher, "see")
    return SimpleNamespace(group=group, token=token, teacher=teacher, ani=ani, budi=budi, notes=notes,
                           interactions=interactions)


def body_rows(table):
    return table.evaluate("t => [...t.tBodies[0].rows].map(r => [...r.cells].map(c => c.innerText.trim()))")


def open_see(people, username, language="en", viewport=None):
    page = people.open(username, SCENARIO, language=language, viewport=viewport)
    ready(page)
    see = block(page).get_by_role("tab", name="Refleksi" if language == "id" else "See", exact=True)
    see.click()
    expect(see).to_have_attribute("aria-selected", "true")
    expect(block(page).locator(".lsc-section")).to_be_visible()
    return page


def assert_no_page_scroll(page):
    page.add_style_tag(content=HIDE_WORKBENCH)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    wide = page.evaluate("""() => [...document.querySelectorAll(".lessonstudy-cycle *")]
        .filter(e => !e.closest(".ls-scroll") && e.getClientRects().length)
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map(e => e.tagName + "." + e.className)""")
    assert wide == []


@pytest.mark.browser
def test_see_tab_compares_steps_and_draws_the_timeline_and_the_map(people, lesson):
    page = open_see(people, lesson.ani)
    charts = block(page).locator(".lsc-section")
    expect(charts.get_by_role("heading", name="Anticipated and observed")).to_be_visible()

    # The comparison: each step's plan beside the entries tied to it, by focus.
    for sid, activity, anticipated, support, _minutes in STEPS:
        step = charts.locator(f".lsc-step[data-step-id='{sid}']")
        expect(step).to_contain_text(activity)
        expect(step).to_contain_text(anticipated)
        expect(step).to_contain_text(support)
    for _observer, _focus, target, minute, step_id, evidence, _video in lesson.notes:
        if step_id:
            entry = charts.locator(f".lsc-step[data-step-id='{step_id}'] .lsc-entry", has_text=evidence)
            expect(entry).to_have_count(1)
            expect(entry).to_contain_text(f"{target} · minute {minute}")
        else:
            expect(charts.locator(".lsc-step .lsc-entry", has_text=evidence)).to_have_count(0)
    core = charts.locator(".lsc-step[data-step-id='core']")
    expect(core.locator(".lsc-focus[data-focus='interaction'] .lsc-count")).to_have_text("(4)")
    expect(core.locator(".lsc-focus[data-focus='misconception']")).to_contain_text("Misconception or difficulty (1)")
    expect(core).to_contain_text("Entries observed: 6")
    expect(charts.locator(".lsc-step[data-step-id='closing'] .lsc-none")).to_have_text(
        "○ No evidence recorded for this step")
    expect(charts.locator(".lsc-unlinked")).to_have_text("Entries tied to no step: 1")

    # The timeline: a mark per entry with a minute; its data table lists the same.
    expect(charts.get_by_role("group", name="Lesson timeline")).to_be_visible()
    marks = charts.locator(".lsc-mark")
    expect(marks).to_have_count(len(lesson.notes) + len(lesson.interactions))
    rows = body_rows(charts.get_by_role("table", name="Lesson timeline: data"))
    expected = sorted([[str(minute), step, focus, f"{target}: {evidence}"]
                       for _o, focus, target, minute, step, evidence, _v
                       in lesson.notes] + [[str(minute), "core", "interaction", f"{a} to {b}: {kind.capitalize()}"]
                                           for a, b, kind, minute in lesson.interactions], key=lambda r: int(r[0]))
    assert [row[0] for row in rows] == [row[0] for row in expected]
    assert [row[4] for row in rows] == [row[3] for row in expected]
    minute14 = next(row for row in rows if row[0] == "14")
    assert minute14[1] == "Step 2: Fold strips into thirds and compare"
    assert minute14[2:4] == ["Group work", "Misconception or difficulty"]
    assert next(row for row in rows if row[0] == "45")[1:3] == ["–", "Whole class"]
    expect(charts.locator(".lsc-timeline figcaption")).to_contain_text(
        "Lesson modes: Whole class from minute 0; Group work from minute 12; Whole class from minute 40.")

    # A mark is focusable, named after its entry, and shows it; the arrow keys move between marks.
    mark = charts.get_by_role("button", name=re.compile(r"^Minute 14: Misconception or difficulty, S05: S05 folds"))
    expect(mark).to_have_count(1)
    mark.focus()
    expect(mark).to_be_focused()
    detail = charts.locator(".lsc-detail")
    expect(detail).to_contain_text(lesson.notes[1][5])
    expect(detail).to_contain_text("Minute 14 · Misconception or difficulty · S05")
    page.keyboard.press("ArrowRight")
    expect(charts.get_by_role("button", name=re.compile(r"^Minute 16: Student talk"))).to_be_focused()
    expect(detail).to_contain_text(lesson.notes[2][5])
    charts.get_by_role("button", name=re.compile(r"^Minute 3: ")).hover()
    expect(detail).to_contain_text(lesson.notes[0][5])

    # Activating a mark asks the page's video player to play from the entry's video time
    # (the "lessonstudy:seek" event on the block, which a player takes with preventDefault()).
    page.evaluate("""() => document.querySelector(".lessonstudy-cycle").addEventListener("lessonstudy:seek",
        (event) => { window.seekAsked = event.detail; event.preventDefault(); })""")
    mark.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("window.seekAsked.seconds") == 845
    # With no player in the page, the timeline plays the video itself from there.
    page.route(re.compile(r"youtube-nocookie\.com"),
               lambda route: route.fulfill(body="<p>video</p>", content_type="text/html"))
    page.reload()
    ready(page)
    block(page).get_by_role("tab", name="See", exact=True).click()
    page.evaluate("""() => document.querySelectorAll(".lessonstudy-cycle iframe, .lessonstudy-cycle video")
        .forEach((player) => player.remove())""")
    block(page).get_by_role("button", name=re.compile(r"^Minute 16: ")).click()
    frame = block(page).locator(".lsc-player iframe")
    expect(frame).to_have_attribute("src", re.compile(r"^https://www\.youtube-nocookie\.com/embed/dQw4w9WgXcQ\?.*start=960"))
    expect(frame).to_have_attribute("title", "Lesson video")
    frame.evaluate("node => node.remove()")

    # The interaction map: the seating chart with a line per pair; its data table lists them.
    charts = block(page).locator(".lsc-section")
    expect(charts.get_by_role("img", name="Interaction map")).to_be_visible()
    assert body_rows(charts.get_by_role("table", name="Interaction map: data")) == [
        ["S01", "S02", "Helped", "2", "Yes"], ["Group 9", "S02", "Explained", "1", "No"],
        ["S03", "S04", "Asked", "1", "Yes"]]
    assert charts.locator(".lsc-map svg path[marker-end]").count() == 2
    unobserved = charts.locator(".lsc-unobserved")
    expect(unobserved).to_contain_text("Nobody recorded anything about: S06, S08")
    for seen in ("S01", "S02", "S03", "S04", "S05", "S07"):
        expect(unobserved).not_to_contain_text(re.compile(rf"\b{seen}\b"))
    expect(charts.locator(".lsc-map")).to_contain_text("Not on the seating chart, so in the table only: Group 9")

    ARTIFACTS.mkdir(exist_ok=True)
    page.add_style_tag(content=HIDE_WORKBENCH)
    charts.screenshot(path=str(ARTIFACTS / "lesson-charts-1200.png"))
    assert axe_violations(page, ".lessonstudy-cycle") == []
    assert page.evaluate("window.hacked") is None, "stored text is shown as text, never run"
    assert page.script_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "id"])
def test_lesson_charts_on_a_phone_have_no_page_level_horizontal_scroll(people, lesson, language):
    page = open_see(people, lesson.budi, language=language, viewport=PHONE)
    charts = block(page).locator(".lsc-section")
    heading = "Antisipasi dan hasil observasi" if language == "id" else "Anticipated and observed"
    expect(charts.get_by_role("heading", name=heading)).to_be_visible()
    expect(charts.locator(".lsc-mark")).to_have_count(len(lesson.notes) + len(lesson.interactions))
    assert_no_page_scroll(page)
    box = charts.locator(".lsc-timeline .lsc-chart-box")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth"), "the timeline scrolls inside its own box"
    last = charts.locator(".lsc-mark").last
    last.focus()
    expect(last).to_be_focused()
    assert_no_page_scroll(page)
    ARTIFACTS.mkdir(exist_ok=True)
    for view in ("comparison", "timeline", "map"):
        charts.locator(f".lsc-view-{view}").screenshot(path=str(ARTIFACTS / f"lesson-charts-360-{language}-{view}.png"))
    assert axe_violations(page, ".lessonstudy-cycle") == []
    assert page.script_errors == []


@pytest.mark.browser
def test_lesson_charts_in_indonesian_and_in_the_facilitators_read_only_view(people, lesson):
    page = open_see(people, lesson.ani, language="id")
    charts = block(page).locator(".lsc-section")
    expect(charts.locator(".lsc-step[data-step-id='closing'] .lsc-none")).to_contain_text(
        "Tidak ada bukti yang tercatat untuk langkah ini")
    expect(charts.get_by_role("group", name="Linimasa pelajaran")).to_be_visible()
    expect(charts.get_by_role("img", name="Peta interaksi")).to_be_visible()
    expect(charts.get_by_role("button", name=re.compile(r"^Menit 14: "))).to_have_count(1)
    page.add_style_tag(content=HIDE_WORKBENCH)
    charts.screenshot(path=str(ARTIFACTS / "lesson-charts-1200-id.png"))
    assert page.script_errors == []

    staff = people.open(lesson.group.staff, SCENARIO)
    ready(staff)
    block(staff).get_by_role("tab", name="Facilitator").click()
    panel = staff.get_by_role("tabpanel", name="Facilitator")
    panel.get_by_label("Filter by school").select_option(label=lesson.group.school)
    facilitator_row(staff, lesson.group.name, open_menu=False).get_by_role(
        "button", name=f"View {lesson.group.name}, read-only").click()
    expect(panel.get_by_role("heading", name=f"{lesson.group.name} (read-only)")).to_be_focused()
    drill = panel.locator(".lsc-section")
    expect(drill.get_by_role("heading", name="Anticipated and observed")).to_be_visible()
    expect(drill.locator(".lsc-step[data-step-id='core'] .lsc-entry")).to_have_count(6)
    expect(drill.get_by_role("table", name="Lesson timeline: data").locator("tbody tr")).to_have_count(8)
    expect(drill.get_by_role("table", name="Interaction map: data").locator("tbody tr")).to_have_count(3)
    staff.add_style_tag(content=HIDE_WORKBENCH)
    drill.screenshot(path=str(ARTIFACTS / "lesson-charts-drill-1200.png"))
    assert axe_violations(staff, ".lessonstudy-cycle") == []
    assert staff.script_errors == []

    # The printable report draws the same timeline and map beside its printed tables.
    with staff.context.expect_page() as opened:
        panel.get_by_role("button", name="Back to all groups").click()
        panel.get_by_role("link", name="Printable report").click()
    report = opened.value
    errors = []
    report.on("pageerror", lambda error: errors.append(str(error)))
    report.wait_for_load_state()
    report.get_by_role("link", name="Full detail of every cycle").click()  # the charts are in the full report
    report.wait_for_load_state()
    heading = report.get_by_role("heading", name=lesson.group.name, exact=True)
    group = report.locator("section.group").filter(has=heading)
    expect(group.get_by_role("group", name="Lesson timeline")).to_be_visible()
    expect(group.get_by_role("img", name="Interaction map")).to_be_visible()
    expect(group.locator(".lsc-mark")).to_have_count(len(lesson.notes) + len(lesson.interactions))
    expect(group.get_by_role("table", name="Planned and observed, step by step")).to_contain_text(STEPS[1][2])
    assert len(body_rows(group.get_by_role("table", name="Lesson timeline: data"))) == 8
    assert len(body_rows(group.get_by_role("table", name="Interaction map: data"))) == 3
    report.emulate_media(media="print")
    group.screenshot(path=str(ARTIFACTS / "lesson-charts-report-print.png"))
    assert axe_violations(report, "main") == []
    assert errors == []
