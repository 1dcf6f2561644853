"""Plan history, comparison across cycles, and the lesson video."""

from tests.support.seeding import move, seed_group


def save(course, user, content, base):
    return course.ok(user, "save_plan_section", {"section_id": "objectives", "content": content,
                                                 "base_revision": base})["section"]


def test_every_revision_can_be_read_with_author_and_time(cycle_course):
    _group, users = seed_group(cycle_course)
    first = save(cycle_course, users[0], "One.", None)
    second = save(cycle_course, users[2], "One. Two.", first["revision"])
    history = cycle_course.ok(users[3], "plan_history", {"section_id": "objectives"})
    assert [r["revision"] for r in history["revisions"]] == [second["revision"], first["revision"]]
    assert history["revisions"][0]["author"]["name"] == "G1 M2" and history["revisions"][1]["saved_at"]


def test_any_two_revisions_can_be_compared(cycle_course):
    _group, users = seed_group(cycle_course)
    first = save(cycle_course, users[0], "Students fold strips. They compare.", None)
    second = save(cycle_course, users[0], "Students fold strips. They explain.", first["revision"])
    diff = cycle_course.ok(users[2], "compare_plan", {"section_id": "objectives", "from_revision": first["revision"],
                                                       "to_revision": second["revision"]})["diff"]
    assert {"op": "delete", "text": "They compare."} in diff and {"op": "insert", "text": "They explain."} in diff


def test_cycle_two_plan_compared_with_cycle_one_marks_inserted_and_deleted_sentences(cycle_course):
    _group, users = seed_group(cycle_course)
    save(cycle_course, users[0], "Students fold paper strips. They name the fractions. Pairs compare.", None)
    move(cycle_course, users[0], "do")
    move(cycle_course, users[0], "see")
    cycle_course.ok(users[0], "start_next_cycle", {"from_cycle": 1})
    save(cycle_course, users[0], "Students fold paper strips. Pairs compare. Each pair explains to the class.", None)
    answer = cycle_course.ok(users[3], "compare_plan", {"section_id": "objectives"})
    assert (answer["from"]["cycle"], answer["to"]["cycle"]) == (1, 2)
    assert {"op": "delete", "text": "They name the fractions."} in answer["diff"]
    assert {"op": "insert", "text": "Each pair explains to the class."} in answer["diff"]


def test_history_and_compare_bad_input_and_access(cycle_course):
    group, users = seed_group(cycle_course)
    _other, outsiders = seed_group(cycle_course, "B", "b", members=2)
    assert cycle_course.call(users[0], "plan_history", {"section_id": "nope"})[0] == 404
    assert cycle_course.call(users[0], "compare_plan", {"section_id": "objectives", "from_revision": "rev-x"})[0] == 404
    assert cycle_course.call(users[0], "compare_plan", {"section_id": "objectives", "from_cycle": 9})[0] == 400
    assert cycle_course.call(outsiders[0], "plan_history", {"section_id": "objectives",
                                                            "group_id": group["id"]})[0] == 403
    assert cycle_course.call("nobody", "plan_history", {"section_id": "objectives"})[0] == 403


def test_lesson_video_is_kept_per_cycle_and_checked(cycle_course):
    _group, users = seed_group(cycle_course)
    url = "https://www.youtube.com/watch?v=abcdefghijk"
    assert cycle_course.ok(users[1], "set_lesson_video", {"url": url})["cycle"]["video_url"] == url
    assert cycle_course.ok(users[3], "get_state")["cycle"]["video_url"] == url
    for bad in ("javascript:alert(1)", "https://example.com/page.html", "ftp://x/y.mp4"):
        status, answer = cycle_course.call(users[1], "set_lesson_video", {"url": bad})
        assert status == 400 and answer["field"] == "url", bad
    assert cycle_course.ok(users[1], "set_lesson_video", {"url": ""})["cycle"]["video_url"] == ""


def test_a_comparison_of_the_steps_reads_in_the_viewers_language(cycle_course):
    from django.utils import translation  # pylint: disable=import-outside-toplevel

    _group, users = seed_group(cycle_course)
    state = cycle_course.ok(users[0], "get_state")
    steps = next(s for s in state["plan"]["sections"] if s["id"] == "steps")
    rows = [dict(row, cells=[f"Kegiatan {n}"] + row["cells"][1:]) for n, row in enumerate(steps["content"]["rows"], 1)]
    first = cycle_course.ok(users[0], "save_plan_section", {"section_id": "steps", "base_revision": None,
                                                            "content": {"rows": rows}})["section"]
    rows[1] = dict(rows[1], minutes=(rows[1]["minutes"] or 0) + 10)
    second = cycle_course.ok(users[0], "save_plan_section", {"section_id": "steps", "content": {"rows": rows},
                                                             "base_revision": first["revision"]})["section"]
    with translation.override("id"):
        diff = cycle_course.ok(users[1], "compare_plan", {"section_id": "steps", "from_revision": first["revision"],
                                                          "to_revision": second["revision"]})["diff"]
    changes = [d["text"] for d in diff if d["op"] == "change"]
    assert changes == [f"Langkah 2 (Kegiatan 2): {rows[1]['minutes'] - 10} → {rows[1]['minutes']} menit"]
    assert not any(row["id"] in d["text"] or "None" in d["text"] for d in diff for row in rows)
