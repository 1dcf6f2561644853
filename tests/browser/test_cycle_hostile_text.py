"""Stored text from every field a user can fill, written as script by one group's members,
is shown to another user in the browser as text on every tab: no dialog, no script, no
markup, and links only for http(s) addresses."""

import secrets

import pytest

from tests.browser.test_cycle_support import (
    facilitator_row,
    SCENARIO, CycleGroup, assert_no_script_ran, block, cycle_line, expect, handler_response, ok,
    open_tab, ready, wait_saved,
)

#: Classic payloads (a dialog would show in ``page.script_errors``) and probes that set
#: ``window.__pwned`` if they ever ran.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "<svg onload=alert(1)>",
    '"><b>x</b>',
    "<img src=x onerror=__pwned=1>",
    "<svg/onload=__pwned=1>",
    "</textarea><script>__pwned=1</script>",
    "'><iframe src=javascript:__pwned=1>",
]
#: Elements none of this block's own markup uses (SVG only in the facilitator's charts, .lsf):
#: any of them, or any inline event handler attribute, would come from a payload.
INJECTED_JS = """root => Array.from(root.querySelectorAll("*")).filter(node =>
    ["SCRIPT", "IMG", "IFRAME", "B", "OBJECT", "EMBED"].includes(node.tagName.toUpperCase())
    || (node.tagName.toLowerCase() === "svg" && !node.closest(".lsf, .lsc"))  // the charts
    || Array.from(node.attributes).some(a => a.name.toLowerCase().startsWith("on"))
  ).map(node => node.outerHTML.slice(0, 200))"""
SAFE_LINK = "https://example.org/work?q=javascript:alert(1)&x=%3Cscript%3E"


class Hostile:
    """A hostile text per field, each with its own marker so each field can be found."""

    def __init__(self):
        self.count = 0

    def __call__(self, marker, limit=None):
        while True:
            text = f"{marker} {PAYLOADS[self.count % len(PAYLOADS)]}"
            self.count += 1
            if limit is None or len(text) <= limit:
                return text


def visible_as_text(page, *texts):
    for text in texts:
        expect(block(page).get_by_text(text).filter(visible=True).first).to_be_visible()


def editor_values(page):
    return page.evaluate(
        "sel => Array.from(document.querySelectorAll(sel + ' input, ' + sel + ' textarea'), e => e.value)",
        ".lessonstudy-cycle")


def assert_inert(page):
    """Nothing ran, nothing was parsed as markup, and every link leads to an http(s) address."""
    assert_no_script_ran(page)
    assert block(page).evaluate(INJECTED_JS) == []
    for href in block(page).locator("a[href]").evaluate_all("links => links.map(a => a.href)"):
        assert href.startswith(("https://", "http://")), href  # resolved: no javascript: or data:


@pytest.mark.browser
def test_hostile_text_in_every_field_is_shown_to_others_as_text(people, api):
    hostile = Hostile()
    group = CycleGroup(api, name=hostile("Group"), school=hostile("School"))
    teacher = group.join("rina", "model_teacher")
    focal = hostile("Focal")
    writer = group.join("eko", "observer", focal=focal)
    reader = group.join("sari", "observer")

    # The plan through the API: every field, cell (and an added row) and seat label of every
    # section type, and a comment on a section. The theme and the observation are typed below.
    sections = {s["id"]: s for s in group.state(writer)["plan"]["sections"]}
    plan = {
        "identity": {name: hostile(f"Identity-{name}") for name in sections["identity"]["content"]},
        "steps": {"columns": sections["steps"]["content"]["columns"], "rows": [
            {"id": row_id, "cells": [hostile(f"Step-{row_id}-{c}") for c in range(4)], "minutes": 10}
            for row_id in ("opening", "core", "closing", "extra")]},
        "seating": {"rows": 2, "columns": 3,
                    "labels": [[hostile(f"S{r}{c}", limit=40) for c in range(3)] for r in range(2)]},
    }
    for section_id, section in sections.items():
        if section["type"] == "text":
            plan[section_id] = hostile(f"Text-{section_id}") + "\n" + hostile("second line")
    for section_id, content in plan.items():
        group.save_section(writer, section_id, content)
    plan_texts = list(plan["identity"].values())
    plan_texts += [cell for row in plan["steps"]["rows"] for cell in row["cells"]]
    plan_texts += [label for line in plan["seating"]["labels"] for label in line]
    plan_texts += [line for section_id, content in plan.items() if isinstance(content, str)
                   for line in content.split("\n")]
    section_comment = hostile("Section comment")
    ok(group.call(writer, "add_comment", {"client_id": "cmt" + secrets.token_hex(8), "target_type": "section",
                                          "target_id": "steps", "text": section_comment}))

    # The writer's own page: a theme typed in the browser.
    page = ready(people.open(writer, SCENARIO))
    theme = hostile("Theme")
    block(page).get_by_role("button", name="Edit research theme").click()
    block(page).get_by_label("Research theme").fill(theme)
    with handler_response(page, "set_theme"):
        block(page).get_by_role("button", name="Save research theme").click()
    visible_as_text(page, theme)

    # Another member reads the plan in the Plan phase: the editors hold the text as values.
    other = ready(people.open(reader, SCENARIO))
    visible_as_text(other, group.name, group.school, theme, section_comment)
    block(other).get_by_text("Members (").click()
    visible_as_text(other, focal)
    values = editor_values(other)
    for text in plan_texts:
        assert any(text in value for value in values), text
    for tab in ("Do", "See", "Plan"):
        open_tab(other, tab)
        assert_inert(other)

    # The open class: the writer observes in the browser; a javascript: link is refused there
    # and by the server, an http(s) one is kept.
    group.phase(teacher, "do")
    page.reload()
    ready(page)
    cycle_line(page, 1, "Do")
    form = block(page).locator("form.ls-observe")
    observation = {"target": hostile("Target"), "evidence": hostile("Evidence"),
                   "interpretation": hostile("Interpretation")}
    form.get_by_label("Focus").select_option("misconception")
    form.get_by_label("Student or group").fill(observation["target"])
    form.get_by_label("Lesson minute").fill("7")
    form.get_by_label("Evidence").fill(observation["evidence"])
    form.get_by_label("Interpretation").fill(observation["interpretation"])
    form.get_by_label("Link").fill("javascript:alert(1)")
    form.get_by_role("button", name="Add observation").click()
    expect(form.get_by_label("Link")).to_have_attribute("aria-invalid", "true")
    expect(form.get_by_role("status")).to_contain_text("http://")
    for bad in ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>",
                "https://example.org/\"><script>alert(1)</script>"):
        status, answer, _elapsed = group.call(writer, "add_observation", {
            "client_id": "bad" + secrets.token_hex(8), "focus": "helping", "evidence": "x", "link": bad})
        assert status == 400 and answer["field"] == "link", (bad, status, answer)
    form.get_by_label("Link").fill(SAFE_LINK)
    with handler_response(page, "add_observation"):
        form.get_by_role("button", name="Add observation").click()
    wait_saved(form)
    entry = next(o for o in group.state(writer)["observations"] if o["evidence"] == observation["evidence"])
    assert entry["link"] == SAFE_LINK

    # The reflection: every kind of post, then the lessons learned.
    group.phase(teacher, "see")
    impression = group.post(teacher, "impression", hostile("Impression"))
    finding = group.post(writer, "finding", hostile("Finding"), cites=[entry["id"]])
    reply = group.post(writer, "reply", hostile("Reply"), parent_id=finding["id"])
    closing = group.post(group.staff, "closing", hostile("Closing"))
    summary = group.post(group.staff, "summary", hostile("Summary"))
    lessons = {"items": [hostile("Lesson-1"), hostile("Lesson-2"), hostile("Lesson-3")],
               "revisions": hostile("Revisions")}
    ok(group.call(group.staff, "save_lessons_learned", dict(lessons, group_id=group.id, base_revision=None)))
    post_comment = hostile("Post comment")
    ok(group.call(group.staff, "add_comment", {"client_id": "cmt" + secrets.token_hex(8), "group_id": group.id,
                                               "target_type": "post", "target_id": finding["id"],
                                               "text": post_comment}))
    posts = [impression["text"], finding["text"], reply["text"], closing["text"], summary["text"], post_comment]

    # The other member reads every tab in See: the plan is locked, so shown as text.
    other.reload()
    ready(other)
    cycle_line(other, 1, "See")
    visible_as_text(other, *posts, *lessons["items"], lessons["revisions"])
    visible_as_text(other, observation["evidence"], observation["target"], observation["interpretation"])
    block(other).get_by_role("button", name="Reply").first.click()
    expect(block(other).locator(".ls-replying q")).to_be_visible()
    assert_inert(other)
    open_tab(other, "Do")
    visible_as_text(other, *observation.values(), SAFE_LINK)
    link = block(other).get_by_role("link", name=SAFE_LINK)
    expect(link).to_have_attribute("href", "https://example.org/work?q=javascript:alert(1)&x=%3Cscript%3E")
    assert_inert(other)
    open_tab(other, "Plan")
    visible_as_text(other, *plan_texts, section_comment)
    assert_inert(other)

    # A facilitator opens the group from the groups panel and reads it too.
    staff = ready(people.open(f"staff_reader_{group.tag}", SCENARIO))
    facilitator_row(staff, group.name)
    visible_as_text(staff, group.name, group.school, theme)  # the Facilitator tab's table
    assert_inert(staff)
    with handler_response(staff, "get_state"):
        block(staff).get_by_role("button", name=f"Open workspace of {group.name}").click()
    expect(block(staff).get_by_role("heading", name=group.name, exact=True)).to_be_visible()
    visible_as_text(staff, theme, *posts)
    assert lessons["revisions"] in editor_values(staff)  # staff may edit the lessons learned
    open_tab(staff, "Plan")
    visible_as_text(staff, *plan_texts)
    open_tab(staff, "Do")
    visible_as_text(staff, *observation.values())
    assert_inert(staff)

    # Cycle 2: the lessons learned beside the carried-over plan, and in the history.
    ok(group.call(group.staff, "start_next_cycle", {"from_cycle": 1, "group_id": group.id}))
    other.reload()
    ready(other)
    cycle_line(other, 2, "Plan")
    expect(block(other).locator(".ls-aside")).to_contain_text(lessons["items"][0])
    visible_as_text(other, *lessons["items"], lessons["revisions"])
    values = editor_values(other)
    for text in plan_texts:
        assert any(text in value for value in values), text
    open_tab(other, "See")
    expect(block(other).locator(".ls-history")).to_contain_text(lessons["revisions"])
    assert_inert(other)
    assert_no_script_ran(page, other, staff)
