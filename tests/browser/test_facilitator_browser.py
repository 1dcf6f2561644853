"""A facilitator follows every group from the Facilitator tab of the cycle workspace.

Two groups are set up through the handlers with known work; a staff user then
reads them in the Facilitator tab (table, filters, sorting, charts and their
data tables), moves a phase, drills into a group, comments on a plan section
and a reflection post, and opens the printable report. The group's members see
the comments; the other group's members do not. The server is shared by the
whole test session, so every name carries a random token and the assertions
about the course-wide list only compare these two groups with each other.
"""

import re
import secrets
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from lessonstudy_xblock.domain.observations import DEFAULT_FOCUS_CATEGORIES
from tests.browser.conftest import ARTIFACTS, axe_violations

SCENARIO = "lessonstudy_cycle.0"
FOCUS_LABELS = {c["id"]: c["label"] for c in DEFAULT_FOCUS_CATEGORIES}
PHONE = {"width": 360, "height": 800}


def display_name(username):
    """The name the workbench's user service gives a username (``fa_x_a0`` -> ``Fa X A0``)."""
    return " ".join(word.capitalize() for word in username.replace("_", " ").split())


@pytest.fixture
def course(api):
    """Alpha (in See: 2 plan revisions, 3 observations, 2 posts) and Beta (in Plan: 1 revision)."""
    token = secrets.token_hex(3)

    def call(user, handler, payload):
        status, data, _elapsed = api(SCENARIO, user).call_until_stored(handler, payload)
        assert status == 200, (user, handler, status, data)
        return data

    staff = f"staff_{token}"
    alpha = call(staff, "create_group", {"name": f"Alpha {token}", "school": f"SMPN Alpha {token}"})["group"]
    beta = call(staff, "create_group", {"name": f"Beta {token}", "school": f"SD Beta {token}"})["group"]
    a = [f"fa_{token}_a{n}" for n in range(3)]  # model teacher, moderator, observer
    b = [f"fa_{token}_b{n}" for n in range(2)]  # model teacher, observer
    for user in a:
        call(user, "join_group", {"join_code": alpha["join_code"]})
    for user in b:
        call(user, "join_group", {"join_code": beta["join_code"]})
    call(a[0], "set_role", {"role": "model_teacher"})
    call(a[1], "set_role", {"role": "moderator"})
    call(b[0], "set_role", {"role": "model_teacher"})
    first = call(a[0], "save_plan_section", {"section_id": "objectives", "content": "Compare fractions",
                                             "base_revision": None})
    call(a[1], "save_plan_section", {"section_id": "objectives", "content": "Compare and order fractions",
                                     "base_revision": first["section"]["revision"]})
    call(a[0], "set_phase", {"phase": "do"})
    focuses = ["helping", "helping", "misconception"]
    for n, focus in enumerate(focuses):
        call(a[2], "add_observation", {"client_id": f"obs-{token}-{n}", "focus": focus,
                                       "evidence": f"S0{n} explains to a friend", "target": f"S0{n}"})
    call(a[0], "set_phase", {"phase": "see"})
    call(a[0], "post_reflection", {"client_id": f"imp-{token}", "kind": "impression",
                                   "text": "The students talked more than I expected."})
    call(a[2], "post_reflection", {"client_id": f"fin-{token}", "kind": "finding", "text": "S01 helped S02."})
    call(b[0], "save_plan_section", {"section_id": "assessment", "content": "Exit ticket", "base_revision": None})
    return SimpleNamespace(
        token=token, staff=staff, alpha=alpha, beta=beta, a=a, b=b,
        counts={  # per member: plan revisions, observations, reflection posts
            a[0]: ("1", "0", "1"), a[1]: ("1", "0", "0"), a[2]: ("0", "3", "1"),
            b[0]: ("1", "0", "0"), b[1]: ("0", "0", "0")},
        participation={alpha["name"]: ["2", "3", "2", "7"], beta["name"]: ["1", "0", "0", "1"]},
        focus={FOCUS_LABELS[f]: focuses.count(f) for f in FOCUS_LABELS},
    )


def body_rows(table):
    """The text of each body cell, row by row, of a table locator."""
    return table.evaluate("t => [...t.tBodies[0].rows].map(r => [...r.cells].map(c => c.innerText.trim()))")


def group_names_in_order(panel):
    return panel.locator(".lsf-groups > tbody > tr > th .lsf-name").all_inner_texts()


def open_facilitator_tab(page):
    tab = page.get_by_role("tab", name="Facilitator")
    tab.click()
    expect(tab).to_have_attribute("aria-selected", "true")
    panel = page.get_by_role("tabpanel", name="Facilitator")
    expect(panel.get_by_role("table", name="Groups, their members")).to_be_visible()
    return panel


def chart_data(panel, title):
    expect(panel.get_by_role("img", name=title)).to_be_visible()
    return body_rows(panel.get_by_role("table", name=f"{title}: data"))


@pytest.mark.browser
def test_facilitator_follows_groups_comments_and_prints_the_report(people, course):
    alpha, beta = course.alpha["name"], course.beta["name"]
    page = people.open(course.staff, SCENARIO)
    panel = open_facilitator_tab(page)
    panel.get_by_label("Search groups").fill(course.token)  # this story's groups, whatever others added
    table_box = panel.locator(".lsf-table-box")
    assert table_box.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), "the groups table scrolls sideways at 1200 px"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "facilitator-overview-1200.png"), full_page=True)
    assert axe_violations(page, ".lessonstudy-cycle") == []

    # One row per group, with members, roles and per-member counts.
    groups = panel.locator(".lsf-groups > tbody > tr")
    for group, members in ((course.alpha, course.a), (course.beta, course.b)):
        row = groups.filter(has=page.get_by_role("rowheader", name=group["name"]))
        expect(row).to_have_count(1)
        expect(row).to_contain_text(group["school"])
        expect(row).to_contain_text(group["join_code"])
        cells = body_rows(row.get_by_role("table", name=f"Members of {group['name']}"))
        assert len(cells) == len(members)
        for member in members:
            line = next(c for c in cells if c[0].startswith(display_name(member)))
            assert tuple(line[1:4]) == course.counts[member], member
            assert line[4] != "No activity yet"
    alpha_row = groups.filter(has=page.get_by_role("rowheader", name=alpha))
    expect(alpha_row).to_contain_text("Cycle 1")
    expect(alpha_row.locator(".lsf-members-cell")).to_contain_text("model teacher")
    expect(alpha_row.locator(".lsf-flags")).to_contain_text("Reflection without lessons learned")
    expect(alpha_row.locator(".lsf-flags")).to_contain_text(
        "A member has not contributed in this phase: " + display_name(course.a[1]))

    # Filter by school: one group, and the charts count only it.
    panel.get_by_label("Filter by school").select_option(label=course.alpha["school"])
    assert group_names_in_order(panel) == [alpha]
    expect(panel.get_by_role("status").filter(has_text="Showing 1 of")).to_be_visible()
    assert chart_data(panel, "Participation per phase per group") == [[alpha] + course.participation[alpha]]
    focus = {row[0]: int(row[1]) for row in chart_data(panel, "Observation focus categories")}
    assert focus == course.focus
    panel.get_by_label("Filter by school").select_option(label=course.beta["school"])
    assert group_names_in_order(panel) == [beta]
    assert chart_data(panel, "Participation per phase per group") == [[beta] + course.participation[beta]]
    assert {int(row[1]) for row in chart_data(panel, "Observation focus categories")} == {0}

    # Sorting and the other filters (other stories' groups may be listed too: compare ours).
    panel.get_by_label("Filter by school").select_option(label="All schools")
    ours = lambda: [name for name in group_names_in_order(panel) if name in (alpha, beta)]  # noqa: E731
    for sort, expected in (("Group name", [alpha, beta]), ("School", [beta, alpha]),
                           ("Phase", [beta, alpha]), ("Flags (most first)", [alpha, beta])):
        panel.get_by_label("Sort by").select_option(label=sort)
        assert ours() == expected, sort
    panel.get_by_label("Filter by phase").select_option(label="See")
    assert ours() == [alpha]
    panel.get_by_label("Filter by phase").select_option(label="All phases")
    panel.get_by_label("Filter by flag").select_option(label="Reflection without lessons learned")
    assert ours() == [alpha]
    panel.get_by_label("Filter by flag").select_option(label="All groups")
    panel.get_by_label("Filter by school").select_option(label=course.beta["school"])

    # Move Beta's phase on, then back, from its actions menu: every move asks first.
    beta_row = groups.filter(has=page.get_by_role("rowheader", name=beta))
    beta_row.locator("summary", has_text="Actions").click()
    beta_row.get_by_role("button", name=f"Move to Do: {beta}").click()
    expect(beta_row.get_by_role("button", name="Yes, move on")).to_be_focused()
    expect(beta_row.locator(".lsf-confirm")).to_contain_text(f"Move {beta} on to Do?")
    beta_row.get_by_role("button", name="Yes, move on").click()
    expect(beta_row.locator("td.lsf-cycle")).to_contain_text("Do")
    expect(beta_row.get_by_role("button", name=f"View {beta}, read-only")).to_be_focused()
    beta_row.locator("summary", has_text="Actions").click()
    beta_row.get_by_role("button", name=f"Move back to Plan: {beta}").click()
    expect(beta_row.get_by_role("button", name="Yes, move back")).to_be_focused()
    beta_row.get_by_role("button", name="Yes, move back").click()
    expect(beta_row.locator("td.lsf-cycle")).to_contain_text("Plan")

    # Search: by a member's username and by name, by join code; nothing found says so. (Every word
    # must match: "Fa <token> B0" would also find Alpha when the token holds "b0".)
    panel.get_by_label("Filter by school").select_option(label="All schools")
    panel.get_by_label("Search groups").fill(course.b[0])
    assert ours() == [beta]
    panel.get_by_label("Search groups").fill(f"{display_name(course.b[1])} {beta}")
    assert ours() == [beta]
    panel.get_by_label("Search groups").fill(course.alpha["join_code"].lower())
    assert ours() == [alpha]
    panel.get_by_label("Search groups").fill("no such group anywhere")
    expect(panel.get_by_text("No group matches these filters.")).to_be_visible()
    panel.get_by_label("Search groups").fill(course.token)
    panel.get_by_label("Filter by school").select_option(label=course.alpha["school"])

    # Drill into Alpha, read it, comment on a plan section and on the model teacher's impression.
    alpha_row.get_by_role("button", name=f"View {alpha}, read-only").click()
    heading = panel.get_by_role("heading", name=f"{alpha} (read-only)")
    expect(heading).to_be_focused()
    expect(panel.get_by_text("Compare and order fractions")).to_be_visible()
    expect(panel.get_by_text("S01 explains to a friend")).to_be_visible()
    expect(panel.get_by_text("The students talked more than I expected.")).to_be_visible()
    section_note = f"Facilitator note {course.token}: name the fractions students will compare."
    post_note = f"Facilitator reply {course.token}: what did S03 say?"
    for target, text in (("Learning objectives", section_note),
                         (f"the post by {display_name(course.a[0])}", post_note)):
        label = f"Comment on {target}"
        panel.locator("summary").filter(has_text=f"Add a comment: {target}").click()
        box = panel.get_by_label(label)
        box.fill(text)
        form = panel.locator("form").filter(has=page.get_by_label(label))
        with page.expect_response(lambda r: "/add_comment/" in r.url and r.status == 200):
            form.get_by_role("button", name="Add comment").click()
        expect(form.get_by_role("status")).to_have_text("Saved")
        expect(panel.locator(".ls-comment", has_text=text)).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "facilitator-drill-1200.png"), full_page=True)
    assert axe_violations(page, ".lessonstudy-cycle") == []
    panel.get_by_role("button", name="Back to all groups").click()
    expect(alpha_row.get_by_role("button", name=f"View {alpha}, read-only")).to_be_focused()

    # Exports and the printable report.
    for name, query in (("Export CSV: participation", "what=participation&format=csv"),
                        ("Export CSV: observations", "what=observations&format=csv"),
                        ("Export CSV: reflections", "what=reflections&format=csv"),
                        ("Export JSON: everything", "what=all&format=json")):
        expect(panel.get_by_role("link", name=name)).to_have_attribute(
            "href", re.compile(r"/export/\?.*" + re.escape(query)))
    with page.context.expect_page() as opened:
        panel.get_by_role("link", name="Printable report").click()
    report = opened.value
    report.wait_for_load_state()
    expect(report.get_by_role("heading", name="Lesson study program report")).to_be_visible()
    expect(report.get_by_role("heading", name="Program summary")).to_be_visible()
    expect(report.get_by_role("table", name="Groups by phase")).to_be_visible()
    expect(report.get_by_role("link", name="Full detail of every cycle")).to_be_visible()
    # Printed on A4: the summary first, then each group in at most two pages (15 mm margins leave
    # 267 mm, 1,009 CSS pixels, a page); Chromium prints it as a PDF.
    report.emulate_media(media="print")
    heights = dict(report.evaluate(
        "() => [...document.querySelectorAll('section.summary, section.group')]"
        ".map(s => [s.querySelector('h2').textContent, s.getBoundingClientRect().height])"))
    assert list(heights)[0] == "Program summary"
    for name in (alpha, beta):
        assert heights[name] <= 2 * 1009, (name, heights[name])
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", report.pdf(format="A4"))) > 1
    assert page.script_errors == []

    # The group sees the facilitator's comments; the other group does not.
    member = people.open(course.a[2], SCENARIO)
    member.get_by_role("tab", name="Plan").click()
    objectives = member.locator("form.ls-section", has=member.get_by_role("heading", name="Learning objectives"))
    expect(objectives.locator(".ls-comment")).to_contain_text(section_note)
    expect(objectives.locator(".ls-comment")).to_contain_text(display_name(course.staff))
    member.get_by_role("tab", name="See").click()
    expect(member.locator(".ls-post .ls-comment", has_text=post_note)).to_be_visible()
    assert member.script_errors == []
    outsider = people.open(course.b[1], SCENARIO)
    outsider.get_by_role("tab", name="Plan").click()
    expect(outsider.get_by_role("heading", name="Learning objectives")).to_be_visible()
    expect(outsider.get_by_text(section_note)).to_have_count(0)
    expect(outsider.get_by_text(post_note)).to_have_count(0)


@pytest.mark.browser
def test_facilitator_tab_joins_the_tablist_of_an_open_workspace_and_works_by_keyboard(people, course):
    page = people.open(course.staff, SCENARIO)
    panel = open_facilitator_tab(page)
    panel.get_by_label("Search groups").fill(course.alpha["name"])
    row = panel.locator(".lsf-groups > tbody > tr").filter(has=page.get_by_role("rowheader", name=course.alpha["name"]))
    row.locator("summary", has_text="Actions").focus()  # the actions menu opens by keyboard
    page.keyboard.press("Enter")
    row.get_by_role("button", name=f"Open workspace of {course.alpha['name']}").click()
    see = page.get_by_role("tab", name="See")
    expect(see).to_have_attribute("aria-selected", "true")
    assert page.get_by_role("tab").all_inner_texts() == ["Plan", "Do", "See", "Facilitator"]
    see.focus()
    page.keyboard.press("ArrowRight")
    facilitator = page.get_by_role("tab", name="Facilitator")
    expect(facilitator).to_be_focused()
    expect(facilitator).to_have_attribute("aria-selected", "true")
    panel = page.get_by_role("tabpanel", name="Facilitator")
    expect(panel.get_by_role("table", name="Groups, their members")).to_be_visible()
    page.keyboard.press("Home")
    expect(page.get_by_role("tab", name="Plan")).to_be_focused()
    page.get_by_role("button", name="Close this workspace").click()
    expect(page.get_by_role("tab")).to_have_count(1)
    assert page.script_errors == []


@pytest.mark.browser
def test_facilitator_tab_on_a_phone_has_no_page_level_horizontal_scroll(people, course):
    page = people.open(course.staff, SCENARIO, viewport=PHONE)
    panel = open_facilitator_tab(page)
    panel.get_by_label("Filter by school").select_option(label=course.alpha["school"])
    expect(panel.get_by_role("img", name="Observation focus categories")).to_be_visible()
    # The workbench's own banner and debug section overflow a phone with or without the block.
    page.add_style_tag(content="header.banner, section.debug { display: none !important; }")
    overflow = "document.documentElement.scrollWidth - window.innerWidth"
    assert page.evaluate(overflow) <= 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "facilitator-overview-360.png"), full_page=True)
    assert axe_violations(page, ".lessonstudy-cycle") == []
    panel.get_by_role("button", name=f"View {course.alpha['name']}, read-only").click()
    panel.locator("summary").filter(has_text="Add a comment: Learning objectives").click()
    expect(panel.get_by_label("Comment on Learning objectives")).to_be_visible()
    assert page.evaluate(overflow) <= 0
    page.screenshot(path=str(ARTIFACTS / "facilitator-drill-360.png"), full_page=True)
    assert page.script_errors == []


@pytest.mark.browser
def test_a_program_of_many_groups_pages_and_its_actions_fit_a_laptop(people, api):
    """27 groups of one school: a page of 20, then the rest; the table with an open actions menu
    and a confirmation fits a 1280-px laptop screen and a phone without cutting anything off."""
    token = secrets.token_hex(3)
    staff, school = f"staff_{token}", f"SMP Program {token}"
    client = api(SCENARIO, staff)
    for n in range(27):
        status, data, _elapsed = client.call_until_stored("create_group", {"name": f"Kelompok {n:02d} {token}",
                                                                           "school": school})
        assert status == 200, data
    for viewport in ({"width": 1280, "height": 800}, PHONE):
        page = people.open(staff, SCENARIO, viewport=viewport)
        panel = open_facilitator_tab(page)
        panel.get_by_label("Filter by school").select_option(label=school)
        expect(panel.get_by_role("status").filter(has_text="Showing 1 to 20 of 27 matching groups")).to_be_visible()
        assert len(group_names_in_order(panel)) == 20
        panel.get_by_role("button", name="Next page").click()
        expect(panel.get_by_text("Page 2 of 2")).to_be_visible()
        assert group_names_in_order(panel) == [f"Kelompok {n:02d} {token}" for n in range(20, 27)]
        expect(panel.get_by_role("button", name="Previous page")).to_be_focused()
        row = panel.locator(".lsf-groups > tbody > tr").first
        row.locator("summary", has_text="Actions").click()
        row.get_by_role("button", name=re.compile("^Move to Do: ")).click()
        expect(row.get_by_role("button", name="Yes, move on")).to_be_focused()
        box = panel.locator(".lsf-table-box")
        if viewport["width"] >= 1280:  # the whole table, open menu and question included, fits the screen
            assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), "the groups table scrolls sideways"
        for name in ("Yes, move on", "Cancel"):
            target = row.get_by_role("button", name=name)
            target.scroll_into_view_if_needed()
            area = target.bounding_box()
            assert area and area["x"] >= 0 and area["x"] + area["width"] <= viewport["width"] + 1, (name, viewport)
        row.get_by_role("button", name="Cancel").click()
        expect(row.locator("td.lsf-cycle")).to_contain_text("Plan")  # nothing moved without a yes
        page.screenshot(path=str(ARTIFACTS / f"facilitator-pages-{viewport['width']}.png"), full_page=True)
        assert axe_violations(page, ".lessonstudy-cycle") == []
    # More than 25 groups: the participation export is prepared in parts, with its progress shown,
    # and saved as one file with one header.
    link = panel.get_by_role("link", name="Export CSV: participation")
    with page.expect_download() as saved:
        link.click()
    expect(panel.locator(".lsf-export-progress")).to_contain_text("The export is ready")
    text = Path(saved.value.path()).read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("Group,School,Cycle") and sum(line.startswith("Group,") for line in lines) == 1
    assert saved.value.suggested_filename.startswith("lessonstudy-participation-")
    whole = api(SCENARIO, staff).call("facilitator_overview", {})[1]["groups"]
    assert len(whole) > 25 and {f"Kelompok {n:02d} {token}" for n in range(27)} <= {g["name"] for g in whole}
