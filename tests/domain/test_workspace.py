"""A group's workspace merged from its members' journals, the facilitator's figures and the tracking
events, on hand-built journals (no runtime, no storage)."""

import datetime

from lessonstudy_xblock.domain import events
from lessonstudy_xblock.domain import facilitator as figures
from lessonstudy_xblock.domain.groups import ACTIVE, CONTRIBUTOR, LEFT, GroupEntry, RosterEntry
from lessonstudy_xblock.domain.observations import DEFAULT_FOCUS_CATEGORIES
from lessonstudy_xblock.domain.plan import DEFAULT_TEMPLATE
from lessonstudy_xblock.domain.workspace import Workspace, roster_members

G = "g1"
CONFIG = {"template": DEFAULT_TEMPLATE, "focus_categories": DEFAULT_FOCUS_CATEGORIES,
          "visible_at_once": False, "prompts": {}}


class Journals:
    """Journals of a group's people, written record by record with increasing times."""

    def __init__(self, *usernames):
        self.journals = {name: [] for name in usernames}
        self.clock = 1000

    def add(self, username, record_type, cycle=1, **fields):
        self.clock += 1000
        record = {"id": f"{record_type}-{self.clock}", "type": record_type, "group_id": G, "cycle": cycle,
                  "at": self.clock, "by": "id-" + username}
        record.update(fields)
        self.journals[username].append(record)
        return record

    def workspace(self, roster=None, caller=("nobody", False), config=CONFIG):
        roster = roster if roster is not None else {name: RosterEntry(1, "", 0, ACTIVE) for name in self.journals}
        states = {name: {"profile": {"id": "id-" + name, "name": name.title()}, "journal": journal}
                  for name, journal in self.journals.items()}
        members = roster_members(roster, states, caller)
        return Workspace(G, GroupEntry("SMPN 1", "Malang", "ABC234", "staff_ana", 1), members, config)


def lesson_group():
    """A model teacher, a moderator and two observers through a whole cycle and into cycle 2."""
    j = Journals("rina", "sari", "budi", "dewi")
    j.add("rina", "role", role="model_teacher", focal="")
    j.add("sari", "role", role="moderator", focal="")
    j.add("budi", "role", role="observer", focal="S07")
    j.add("rina", "plan", section_id="objectives", section_type="text", content="Compare fractions.",
          base=None)
    j.add("rina", "phase", phase="do")
    j.add("budi", "observation", kind="note", focus="helping", evidence="S07 helps S08", target="S07",
          minute=12, step_id="core")
    j.add("dewi", "observation", kind="note", focus="misconception", evidence="S03 counts folds",
          target="S03", minute=20, step_id="core")
    j.add("budi", "observation", kind="interaction", **{"from": "S07", "to": "S08"}, interaction="helped",
          minute=14)
    j.add("budi", "video", url="https://example.org/lesson.mp4")
    j.add("sari", "phase", phase="see")
    j.add("rina", "post", kind="impression", text="It went well.", cites=[], cites_steps=[])
    j.add("budi", "post", kind="finding", text="S07 explained.", cites=["observation-7000"], cites_steps=[])
    j.add("dewi", "post", kind="finding", text="I think it was too fast.", cites=[], cites_steps=[])
    j.add("sari", "lessons", content={"items": ["Fold first"], "revisions": "Add strips"}, base=None)
    j.add("sari", "theme", theme="Students who explain their thinking.")
    return j


def test_roles_holders_and_a_role_taken_twice_at_once():
    j = Journals("rina", "sari")
    j.add("rina", "role", role="model_teacher", focal="")
    j.add("sari", "role", role="model_teacher", focal="")
    workspace = j.workspace()
    assert workspace.holders()["model_teacher"] == ["id-rina"]  # the earlier claim keeps it
    assert workspace.role(workspace.member_by_id("id-sari")) == ("observer", "")
    assert workspace.role_warnings() == [{"role": "model_teacher", "holders": ["id-rina", "id-sari"],
                                          "kept_by": "id-rina"}]


def test_former_members_and_staff_contributors_are_read_but_not_members():
    j = Journals("rina", "budi", "staff_ana")
    roster = {"rina": RosterEntry(1, "", 0, ACTIVE), "budi": RosterEntry(5, "", 0, LEFT),
              "staff_ana": RosterEntry(6, "", 0, CONTRIBUTOR)}
    j.add("budi", "theme", theme="Kept after budi moved")
    workspace = j.workspace(roster)
    assert [m.username for m in workspace.active_members()] == ["rina"]
    assert workspace.theme() == "Kept after budi moved"
    assert workspace.member_by_id("id-budi") is None


def test_a_member_missing_from_the_roster_still_sees_their_own_work():
    j = Journals("rina")
    j.add("rina", "theme", theme="Mine")
    workspace = j.workspace(roster={}, caller=("rina", True))
    assert [m.username for m in workspace.active_members()] == ["rina"]
    assert workspace.theme() == "Mine"


def test_the_view_of_a_group_in_see_with_its_plan_posts_lessons_and_lesson_analysis():
    workspace = lesson_group().workspace()
    view = workspace.view("id-budi", is_staff=False)
    assert view["cycle"]["phase"] == "see" and view["cycle"]["video_url"] == "https://example.org/lesson.mp4"
    assert view["plan"]["locked"] is True
    objectives = next(s for s in view["plan"]["sections"] if s["id"] == "objectives")
    assert objectives["content"] == "Compare fractions." and objectives["author"]["name"] == "Rina"
    assert len(view["observations"]) == 3 and view["observations_hidden"] == 0
    posts = view["reflection"]["posts"]
    assert [p["kind"] for p in posts] == ["impression", "finding", "finding"]
    assert [p["opinion"] for p in posts] == [False, False, True], "a finding citing nothing is an opinion"
    assert view["reflection"]["lessons_learned"]["items"] == ["Fold first"]
    assert view["theme"] == "Students who explain their thinking."
    group = view["group"]
    assert [m["roles"][0] for m in group["members"]][:2] == ["model_teacher", "moderator"]
    assert group["join_code"] == "ABC234"
    lesson = view["lesson"]
    assert lesson["steps_section"] == "steps"
    assert lesson["interactions"][0]["from"] == "S07"
    core = next(step for step in lesson["comparison"]["steps"] if step["id"] == "core")
    assert core["count"] == 2 and [focus["id"] for focus in core["focus"]] == ["helping", "misconception"]


def test_observers_see_only_their_own_entries_during_do():
    j = lesson_group()
    j.journals = {name: [r for r in journal if r["at"] <= 9000] for name, journal in j.journals.items()}
    workspace = j.workspace()
    assert workspace.state["phase"] == "do"
    view = workspace.view("id-dewi", is_staff=False)
    assert [entry["evidence"] for entry in view["observations"]] == ["S03 counts folds"]
    assert view["observations_hidden"] == 2
    assert len(workspace.view("id-staff", is_staff=True)["observations"]) == 3


def test_a_template_change_keeps_saved_text_as_a_retired_section():
    j = Journals("rina")
    j.add("rina", "plan", section_id="old_section", section_type="text", section_title="Old section",
          content="Text that must stay", base=None)
    retired = j.workspace().retired_sections()
    assert [(s["id"], s["title"], s["content"], s["retired"]) for s in retired] == [
        ("old_section", "Old section", "Text that must stay", True)]


def test_comments_and_the_lessons_learned_conflicts():
    j = Journals("sari", "eko")
    j.add("sari", "phase", phase="see")
    j.add("sari", "lessons", content={"items": ["A"], "revisions": ""}, base=None)
    j.add("eko", "lessons", content={"items": ["B"], "revisions": ""}, base=None)
    j.add("eko", "comment", target_type="section", target_id="objectives", text="Clearer, please.")
    workspace = j.workspace()
    lessons = workspace.lessons_view()
    assert lessons["items"] == ["B"] and [c["items"] for c in lessons["conflicts"]] == [["A"]]
    assert [c["text"] for c in workspace.comments("section", "objectives")] == ["Clearer, please."]
    assert workspace.lessons_view(cycle=2)["revision"] is None


def test_history_lists_the_lessons_learned_of_earlier_cycles():
    j = lesson_group()
    j.add("rina", "phase", cycle=2, phase="plan", starts_cycle=True)
    view = j.workspace().view("id-rina", is_staff=False)
    assert view["cycle"]["number"] == 2
    assert view["history"] == [{"cycle": 1, "lessons_learned": view["history"][0]["lessons_learned"]}]
    assert view["history"][0]["lessons_learned"]["items"] == ["Fold first"]
    assert view["reflection"]["posts"] == []


def test_the_facilitators_figures_of_a_group():
    workspace = lesson_group().workspace()
    summary = figures.group_summary(workspace, {"see": "2026-01-01"}, today=datetime.date(2026, 12, 5))
    rows = {m["username"]: m for m in summary["members"]}
    assert rows["budi"]["counts"] == {"plan_revisions": 0, "observations": 2, "reflection_posts": 1,
                                      "lessons_learned": 0}
    assert rows["rina"]["contributed_in_phase"] is True
    flags = {flag["id"]: flag["detail"] for flag in summary["flags"]}
    assert flags["phase_overdue"] == "2026-01-01"
    assert "no_model_teacher" not in flags
    assert summary["participation"] == {"plan": 1, "do": 3, "see": 4}
    assert summary["focus_counts"] == {"helping": 1, "misconception": 1}
    assert summary["lessons_learned_saved"] is True
    assert figures.course_focus_counts([summary, summary])["helping"] == 2
    assert figures.iso_time(0) == "" and figures.iso_time(86_400_000) == "1970-01-02 00:00"


def digest_workspace(journals):
    """The workspace the overview builds from the members' cached figures (their digests)."""
    per_member = {name: figures.figures_by_group(journal).get(G) or figures.empty_figures()
                  for name, journal in journals.journals.items()}
    roster = {name: RosterEntry(1, "", 0, ACTIVE) for name in journals.journals}
    states = {name: {"profile": {"id": "id-" + name, "name": name.title()}, "journal": found["digest"]}
              for name, found in per_member.items()}
    members = roster_members(roster, states, ("nobody", False))
    return Workspace(G, GroupEntry("SMPN 1", "Malang", "ABC234", "staff_ana", 1), members, CONFIG), per_member


def test_the_overview_from_figures_equals_the_overview_from_whole_journals():
    j = lesson_group()
    j.add("sari", "role", role="model_teacher", focal="")  # a later claim: rina keeps the role
    j.add("rina", "theme", theme="Students who explain, again.")
    for cycle_two in (False, True):
        if cycle_two:
            j.add("rina", "phase", cycle=2, phase="plan", starts_cycle=True)
            j.add("budi", "plan", cycle=2, section_id="objectives", section_type="text", content="v2", base=None)
        whole = figures.group_summary(j.workspace(), {"do": "2026-01-01"}, today=datetime.date(2026, 12, 5))
        workspace, per_member = digest_workspace(j)
        digest = figures.group_summary(workspace, {"do": "2026-01-01"}, today=datetime.date(2026, 12, 5),
                                       figures=per_member)
        assert digest == whole
        assert sum(len(found["digest"]) for found in per_member.values()) < 20  # no text of any entry


def test_a_group_without_a_model_teacher_or_lessons_learned_is_flagged():
    j = Journals("budi")
    j.add("budi", "phase", phase="see")
    j.add("budi", "post", kind="finding", text="f", cites=[], cites_steps=[])
    flags = {flag["id"] for flag in figures.flags(j.workspace(), figures.member_rows(j.workspace()), {})}
    assert {"no_model_teacher", "no_lessons_learned"} <= flags


def test_every_record_kind_has_its_tracking_event_without_free_text():
    j = lesson_group()
    records = [r for journal in j.journals.values() for r in journal]
    records += [{"type": "membership", "group_id": G, "cycle": 0, "via": "join"},
                {"type": "group", "group_id": G, "cycle": 0},
                {"type": "assignment", "group_id": G, "cycle": 1, "role": ""},
                {"type": "comment", "group_id": G, "cycle": 1, "target_type": "post", "target_id": "p"},
                {"type": "lock", "group_id": G, "cycle": 1, "locked": False},
                {"type": "phase", "group_id": G, "cycle": 2, "phase": "plan", "starts_cycle": True}]
    names = set()
    for record in records:
        for name, data in events.for_record(record):
            names.add(name)
            assert {"group_id", "cycle"} <= set(data)
            assert not any(isinstance(v, str) and len(v) > 40 for v in data.values()), "no free text"
    assert {"edx.lessonstudy.role.set", "edx.lessonstudy.plan_section.saved", "edx.lessonstudy.observation.added",
            "edx.lessonstudy.phase.changed", "edx.lessonstudy.cycle.started", "edx.lessonstudy.reflection.posted",
            "edx.lessonstudy.lessons_learned.saved", "edx.lessonstudy.group.created", "edx.lessonstudy.group.joined",
            "edx.lessonstudy.member.assigned", "edx.lessonstudy.comment.added", "edx.lessonstudy.theme.set",
            "edx.lessonstudy.lesson_video.set", "edx.lessonstudy.plan.unlocked"} <= names
    assert events.for_record({"type": "group_copy"}) == []
    assert events.conflict_shown(G, 1, "objectives")[0] == "edx.lessonstudy.plan_section.conflict_shown"
