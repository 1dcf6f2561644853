"""The facilitator's side: overview, comments, exports, program report, response report."""

import csv
import io
import json
from types import SimpleNamespace

import pytest
import webob

from tests.support.seeding import move, seed_group


def get(course, user, handler, query=""):
    block = course.block(user)
    return block.runtime.handle(block, handler, webob.Request.blank("/?" + query))


@pytest.fixture
def seeded_course(cycle_course):
    """Two groups with known work: A in See with posts and no lessons; B in Plan with a quiet member."""
    course = cycle_course
    group_a, a = seed_group(course, "SMPN 1 Malang", "a")
    group_b, b = seed_group(course, "SD 3 Batu", "b", members=3)
    course.ok(a[2], "save_plan_section", {"section_id": "objectives", "content": "Fractions", "base_revision": None})
    course.ok(b[1], "save_plan_section", {"section_id": "objectives", "content": "Pecahan", "base_revision": None})
    move(course, a[0], "do")
    focuses = ["helping", "helping", "misconception", "student_talk"]
    for n, focus in enumerate(focuses):
        course.ok(a[2 + n % 2], "add_observation", {"client_id": f"seed-obs-{n:03d}", "focus": focus,
                                                    "evidence": f"evidence {n}, \"quoted\", siswa"})
    move(course, a[0], "see")
    course.ok(a[0], "post_reflection", {"client_id": "seed-post-01", "kind": "impression", "text": "=1+1 kesan"})
    course.ok(a[2], "post_reflection", {"client_id": "seed-post-02", "kind": "finding", "text": "Temuan"})
    return course, (group_a, a), (group_b, b), focuses


STAFF_HANDLERS = ["facilitator_overview", "create_group", "assign_member"]


@pytest.mark.parametrize("user", ["a_m2", "outsider"])
def test_every_staff_handler_answers_403_to_participants_and_outsiders(seeded_course, user):
    course, (group_a, _a), _b, _f = seeded_course
    for handler in STAFF_HANDLERS:
        status, answer = course.call(user, handler, {"group_id": group_a["id"], "user_id": "x", "name": "n"})
        assert status == 403 and answer["error"], handler
    for handler, query in [("export", "what=all&format=json"), ("export", "what=observations&format=csv"),
                           ("program_report", "")]:
        response = get(course, user, handler, query)
        assert response.status_code == 403 and json.loads(response.body)["error"]


def test_overview_counts_flags_and_charts_equal_what_the_course_holds(seeded_course):
    course, (group_a, a), (group_b, b), focuses = seeded_course
    overview = course.ok("staff_ana", "facilitator_overview")
    groups = {g["id"]: g for g in overview["groups"]}
    ga, gb = groups[group_a["id"]], groups[group_b["id"]]
    assert (ga["cycle"]["number"], ga["cycle"]["phase"]) == (1, "see")
    members = {m["username"]: m for m in ga["members"]}
    assert members["a_m2"]["counts"] == {"plan_revisions": 1, "observations": 2, "reflection_posts": 1,
                                         "lessons_learned": 0}
    assert members["a_m3"]["counts"]["observations"] == 2
    assert members["a_m0"]["roles"] == ["model_teacher"] and members["a_m0"]["counts"]["reflection_posts"] == 1
    assert {f["id"] for f in ga["flags"]} == {"no_contribution", "no_lessons_learned"}
    quiet = next(f for f in ga["flags"] if f["id"] == "no_contribution")["detail"]
    assert set(quiet.split(", ")) == {"A M1", "A M3", "A M4", "A M5"}
    assert {f["id"] for f in gb["flags"]} == {"no_contribution"}
    assert ga["participation"] == {"plan": 1, "do": 4, "see": 2}
    assert gb["participation"] == {"plan": 1, "do": 0, "see": 0}
    expected = {focus: focuses.count(focus) for focus in set(focuses)}
    assert {c["id"]: c["count"] for c in overview["charts"]["focus"]} == expected
    assert {row["group_id"]: row["see"] for row in overview["charts"]["participation"]} == {
        group_a["id"]: 2, group_b["id"]: 0}


def test_no_model_teacher_and_overdue_phase_are_flagged(cycle_course):
    group = cycle_course.ok("staff_ana", "create_group", {"name": "Lonely"})["group"]
    cycle_course.ok("solo", "join_group", {"join_code": group["join_code"]})
    block = cycle_course.block("staff_ana")
    block.phase_dates = {"plan": "2000-01-01"}
    block.save()
    flags = {f["id"] for g in cycle_course.ok("staff_ana", "facilitator_overview")["groups"] for f in g["flags"]}
    assert {"no_model_teacher", "phase_overdue", "no_contribution"} <= flags


def test_facilitator_comment_is_seen_by_its_group_and_no_other(seeded_course):
    course, (group_a, a), (_group_b, b), _f = seeded_course
    posts = course.ok(a[1], "get_state")["reflection"]["posts"]
    course.ok("staff_ana", "add_comment", {"client_id": "comment-0001", "group_id": group_a["id"],
                                           "target_type": "post", "target_id": posts[0]["id"],
                                           "text": "Catatan fasilitator: bagus"})
    course.ok("staff_ana", "add_comment", {"client_id": "comment-0002", "group_id": group_a["id"],
                                           "target_type": "section", "target_id": "objectives",
                                           "text": "Consider the LKPD"})
    state_a = course.ok(a[3], "get_state")
    assert state_a["reflection"]["posts"][0]["comments"][0]["text"] == "Catatan fasilitator: bagus"
    objectives = next(s for s in state_a["plan"]["sections"] if s["id"] == "objectives")
    assert [c["text"] for c in objectives["comments"]] == ["Consider the LKPD"]
    state_b = json.dumps(course.ok(b[0], "get_state"))
    assert "Catatan fasilitator" not in state_b and "Consider the LKPD" not in state_b


def test_comment_bad_input_and_access(seeded_course):
    course, (group_a, a), (_group_b, b), _f = seeded_course
    base = {"client_id": "comment-bad1", "target_type": "section", "target_id": "objectives", "text": "x"}
    assert course.call(a[2], "add_comment", dict(base, target_type="post", target_id="pst-x"))[0] == 403
    assert course.call(a[2], "add_comment", dict(base, target_id="nope"))[0] == 404
    assert course.call(a[2], "add_comment", dict(base, text=""))[0] == 400
    assert course.call(a[2], "add_comment", dict(base, text="x" * 5000))[0] == 413
    assert course.call(b[0], "add_comment", dict(base, group_id=group_a["id"]))[0] == 403
    assert course.call("outsider", "add_comment", base)[0] == 403


def test_csv_exports_neutralise_formulas_and_round_trip_through_the_csv_reader(seeded_course):
    course, _a, _b, _f = seeded_course
    for what, needle in [("observations", 'evidence 0, "quoted", siswa'), ("reflections", "'=1+1 kesan"),
                         ("participation", "A M2")]:
        response = get(course, "staff_ana", "export", f"what={what}&format=csv")
        assert response.status_code == 200
        disposition = response.headers["Content-Disposition"]
        assert f"lessonstudy-{what}-" in disposition and disposition.endswith('.csv"')
        text = response.body.decode("utf-8")
        assert text.startswith("\ufeff")
        rows = list(csv.reader(io.StringIO(text[1:])))
        assert any(needle in cell for row in rows for cell in row), what
        for row in rows:
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_json_export_holds_everything_of_every_group(seeded_course):
    course, (group_a, _a), (group_b, _b), focuses = seeded_course
    response = get(course, "staff_ana", "export", "what=all&format=json")
    document = json.loads(response.body)
    groups = {g["id"]: g for g in document["groups"]}
    assert set(groups) >= {group_a["id"], group_b["id"]}
    cycle = groups[group_a["id"]]["cycles"][0]
    assert len(cycle["observations"]) == len(focuses) and len(cycle["posts"]) == 2
    assert next(s for s in cycle["plan"] if s["id"] == "objectives")["content"] == "Fractions"


def test_bad_export_requests_are_400_json(seeded_course):
    course, _a, _b, _f = seeded_course
    for query in ("what=secrets", "what=observations&format=xlsx", "what=all&format=csv"):
        response = get(course, "staff_ana", "export", query)
        assert response.status_code == 400 and json.loads(response.body)["error"]


def test_program_report_renders_for_a_full_group_and_an_empty_one(seeded_course):
    course, _a, _b, _f = seeded_course
    course.ok("staff_ana", "create_group", {"name": "Empty school"})
    response = get(course, "staff_ana", "program_report", "detail=full")
    assert response.status_code == 200
    html = response.body.decode("utf-8")
    assert "SMPN 1 Malang" in html and "Empty school" in html and "@media print" in html
    assert "Fractions" in html and "No members yet." in html
    compact = get(course, "staff_ana", "program_report").body.decode("utf-8")
    assert "Program summary" in compact and "Empty school" in compact and "Fractions" not in compact


def test_generate_report_data_lists_what_each_learner_wrote(seeded_course):
    course, _a, _b, _f = seeded_course
    block = course.block("staff_ana")
    from lessonstudy_workbench.services import WorkbenchUserStateService  # pylint: disable=import-outside-toplevel

    states = [SimpleNamespace(username=u, state=WorkbenchUserStateService().get_state_as_dict(u, course.usage_id))
              for u in ("a_m0", "a_m2")]
    rows = list(block.generate_report_data(iter(states)))
    assert {u for u, _row in rows} == {"a_m0", "a_m2"}
    assert any(row["Answer"] == "=1+1 kesan" and row["Kind"] == "impression" for _u, row in rows)
    assert len(list(block.generate_report_data(iter(states), limit_responses=2))) == 2


@pytest.mark.parametrize("what", ["participation", "observations", "reflections"])
def test_an_export_in_parts_joins_into_the_whole_export(seeded_course, what):
    course, _a, _b, _f = seeded_course
    whole = get(course, "staff_ana", "export", f"what={what}&format=csv").body
    parts = [get(course, "staff_ana", "export", f"what={what}&format=csv&offset={n}&limit=1").body
             for n in range(3)]
    assert parts[0].startswith("\ufeff".encode("utf-8")) and not parts[1].startswith("\ufeff".encode("utf-8"))
    assert b"".join(parts) == whole
    assert parts[2] == b""  # past the last group: nothing


def test_a_json_export_in_parts_names_its_offset_and_the_total(seeded_course):
    course, _a, _b, _f = seeded_course
    whole = json.loads(get(course, "staff_ana", "export", "what=all&format=json").body)
    parts = [json.loads(get(course, "staff_ana", "export", f"what=all&format=json&offset={n}&limit=1").body)
             for n in range(2)]
    assert [p["offset"] for p in parts] == [0, 1] and {p["total_groups"] for p in parts} == {2}
    assert [g["id"] for p in parts for g in p["groups"]] == [g["id"] for g in whole["groups"]]
    for query in ("offset=-1&limit=5", "offset=0&limit=0", "offset=0&limit=51", "offset=x&limit=5", "offset=0"):
        response = get(course, "staff_ana", "export", "what=all&format=json&" + query)
        assert response.status_code == 400 and json.loads(response.body)["field"] in ("offset", "limit"), query


def test_csv_cells_are_in_the_exporters_language_not_codes(seeded_course):
    import csv  # pylint: disable=import-outside-toplevel
    import io  # pylint: disable=import-outside-toplevel

    from django.utils import translation  # pylint: disable=import-outside-toplevel

    course, _a, _b, _f = seeded_course
    with translation.override("id"):
        observations = get(course, "staff_ana", "export", "what=observations&format=csv").body.decode("utf-8-sig")
        participation = get(course, "staff_ana", "export", "what=participation&format=csv").body.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(observations)))
    kinds = {row[rows[0].index("Jenis")] for row in rows[1:]}
    assert kinds and kinds <= {"Catatan", "Interaksi", "Mode pelajaran"}, kinds
    phases = {row[3] for row in list(csv.reader(io.StringIO(participation)))[1:]}
    assert phases and phases <= {"Perencanaan", "Pelaksanaan", "Refleksi"}, phases
