"""The demo course `make run` serves: filled through the real handlers, idempotent, alive."""

import json

from workbench.runtime_util import reset_global_state

from lessonstudy_workbench.demo import DemoLoader, Workbench, find_usage_id


def test_demo_fills_a_living_workspace_and_a_second_run_adds_nothing(db):  # pylint: disable=unused-argument
    reset_global_state()
    _scenario, usage_id = find_usage_id()
    workbench = Workbench(usage_id)
    DemoLoader(workbench, log=lambda *a: None).run()
    _status, rina = workbench.call("guru_rina", "get_state", {})
    assert rina["group"]["name"] and len(rina["group"]["members"]) == 5
    assert {m["roles"][0] for m in rina["group"]["members"]} >= {"model_teacher", "moderator", "recorder", "observer"}
    assert rina["cycle"]["phase"] == "see"
    assert sum(1 for s in rina["plan"]["sections"] if s["revision"]) >= 5
    assert len(rina["observations"]) >= 5 and rina["lesson"]["interactions"]
    # The chart carries the entries: most seats observed, lines between seats on the map.
    lesson = rina["lesson"]
    assert len(lesson["seat_counts"]) >= 20 and len(lesson["unobserved_seats"]) <= 4
    assert sum(1 for pair in lesson["interactions"] if pair["from_seat"] and pair["to_seat"]) >= 6
    assert any(entry["additions"] for entry in rina["observations"] if entry["kind"] == "quick")
    assert [p["kind"] for p in rina["reflection"]["posts"]][0] == "impression"
    assert rina["reflection"]["lessons_learned"]["items"]
    # Cycle 2 follows cycle 1 through: its See asks whether the linked changes worked.
    _status, yanti = workbench.call("guru_yanti", "get_state", {})
    assert (yanti["cycle"]["number"], yanti["cycle"]["phase"]) == (2, "see")
    links = yanti["follow_through"]
    assert len(links) == 2 and [len(link["reviews"]) for link in links] == [1, 0]
    assert links[0]["reviews"][0]["verdict"] == "worked" and links[0]["reviews"][0]["cites"]
    staff = workbench.call("staff_ana", "get_state", {})[1]
    assert len(staff["groups"]) >= 3
    before = json.dumps(workbench.call("staff_ana", "facilitator_overview", {})[1]["groups"], sort_keys=True)
    DemoLoader(workbench, log=lambda *a: None).run()
    after = json.dumps(workbench.call("staff_ana", "facilitator_overview", {})[1]["groups"], sort_keys=True)
    assert before == after


def test_the_demo_has_a_group_planning_with_the_2025_plan_in_indonesian(db):  # pylint: disable=unused-argument
    from lessonstudy_workbench.demo import PLAN_2025_GROUPS, PLAN_2025_SCENARIO  # pylint: disable=import-outside-toplevel

    reset_global_state()
    _scenario, usage_id = find_usage_id(PLAN_2025_SCENARIO)
    workbench = Workbench(usage_id)
    DemoLoader(workbench, log=lambda *a: None).run(PLAN_2025_GROUPS)
    _status, lina = workbench.call("guru_lina", "get_state", {}, language="id")
    sections = {s["id"]: s for s in lina["plan"]["sections"]}
    assert [s["title"] for s in lina["plan"]["sections"]][:3] == ["Identitas", "Identifikasi", "Desain Pembelajaran"]
    assert sections["identity"]["content"]["document"] == "Modul Ajar"
    assert sections["steps"]["title"] == "Pengalaman Belajar" and sections["steps"]["revision"]
    assert sections["assessment"]["content"]["final"].startswith("Menandai struktur")
    assert lina["cycle"]["phase"] == "plan" and len(lina["group"]["members"]) == 4
    # The preset's sections follow the reader's language; the group's text stays as written.
    _status, in_english = workbench.call("guru_lina", "get_state", {}, language="en")
    assert [s["title"] for s in in_english["plan"]["sections"]][:3] == ["Identity", "Identification", "Learning design"]
    assert in_english["plan"]["sections"][0]["content"]["document"] == "Modul Ajar"
