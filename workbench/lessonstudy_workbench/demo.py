"""Fill the workbench's demo cycle workspace, so a newcomer sees a living workspace.

Run it with ``python -m lessonstudy_workbench.demo`` (``make run`` does). It
speaks to the block only through its JSON handlers, as the browser does, as
several workbench users, over Django's test client in this process:

* ``staff_ana`` (a facilitator) creates two groups and assigns their members;
* the members set the research theme and save the plan sections;
* the group moves to Do and the observers record observations;
* the group moves to See and posts the reflection, citing observations;
* the recorder saves the lessons learned.

Running it again stores nothing twice: groups are found by name, members and
plan sections are skipped when already there, and observations and posts
carry fixed ``client_id`` values. All the demo content is in :data:`GROUPS`.
"""

import argparse
import json
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lessonstudy_workbench.settings")

BLOCK_TYPE = "lessonstudy_cycle"
STAFF = "staff_ana"
PHASES = ("plan", "do", "see")


def seat_code(number, columns=6):
    """The id of seat ``S<number>`` of the template's chart (row by row): ``r1c4`` for S04."""
    return f"r{(number - 1) // columns + 1}c{(number - 1) % columns + 1}"


def seat_entries(key, marks):
    """Demo entries tied to seats by id: ``(author, "quick", seat number, focus, minute)`` for a
    quick note, ``(author, interaction, (from, to), None, minute)`` for an interaction."""
    entries = []
    for author, kind, seat, focus, minute in marks:
        step = "opening" if minute < 10 else "core" if minute < 55 else "closing"
        if kind == "quick":
            entries.append((author, f"demo-{key}-seat-{seat}-{minute}",
                            {"kind": "quick", "focus": focus, "seat": seat_code(seat), "minute": minute,
                             "step_id": step}))
        else:
            entries.append((author, f"demo-{key}-pair-{seat[0]}-{seat[1]}-{minute}",
                            {"kind": "interaction", "interaction": kind, "from_seat": seat_code(seat[0]),
                             "to_seat": seat_code(seat[1]), "minute": minute, "step_id": step}))
    return entries


#: The demo groups, their members (workbench user id -> role) and what they write.
#: ``plan`` maps a section id to the user who saves it and the content;
#: ``observations``, ``posts`` and ``lessons`` are added in that order.
GROUPS = [
    {
        "key": "malang",
        "name": "SMP Negeri 1 Malang: mathematics",
        "school": "SMP Negeri 1 Malang",
        "members": {
            "guru_rina": "model_teacher",
            "guru_budi": "observer",
            "guru_sari": "moderator",
            "guru_dewi": "observer",
            "guru_eko": "recorder",
        },
        "theme": ("Students who reason about their answers and listen to each other's "
                  "ideas, not only to the teacher."),
        "plan": {
            "identity": ("guru_rina", {
                "school": "SMP Negeri 1 Malang",
                "subject": "Mathematics",
                "class": "VII B (32 students)",
                "topic": "Comparing fractions with different denominators",
                "date": "2026-09-14",
                "time_allocation": "2 x 40 minutes",
            }),
            "objectives": ("guru_rina", (
                "Students can compare two fractions with different denominators and explain "
                "why one is larger, using a picture, a number line or equivalent fractions.\n"
                "Students listen to a classmate's method and say how it differs from their own."
            )),
            "materials": ("guru_sari", (
                "LKPD 1: 'Which share is larger?' (chocolate bar problem), one per group of four.\n"
                "Paper strips for folding, number line posters, markers."
            )),
            "steps": ("guru_rina", {
                "opening": (["Chocolate bar story: Ani eats 2/3 of a bar, Budi 3/4 of the same bar. "
                             "Who ate more? Students guess and say why.",
                             "Most guess 3/4 'because 4 is bigger'; some say they are equal.",
                             "Ask for reasons, do not confirm any answer yet.",
                             "Who gives a reason, who only guesses?"], 10),
                "core": (["Groups of four solve LKPD 1 with strips or drawings, then two groups "
                          "present different methods.",
                          "Folding strips; drawing bars of unequal length; cross-multiplying "
                          "without knowing why.",
                          "Ask a stalled group to fold a strip in three and in four; ask 'how "
                          "do you know the bars are the same size?'",
                          "Which students start working, which wait; how groups share the strips; "
                          "misconceptions about the size of the whole."], 55),
                "closing": (["Students write in their own words how to compare two fractions; "
                             "two read theirs aloud.",
                             "'Make the denominators the same'; 'draw them the same size'.",
                             "Connect the methods the groups presented.",
                             "Whether the quieter students write a method of their own."], 15),
            }),
            "assessment": ("guru_budi", (
                "Exit ticket: compare 3/5 and 2/3 and explain why. Scored for the explanation, "
                "not only the answer.\nObservation notes of the group work."
            )),
            "observation_focus": ("guru_dewi", (
                "Pak Budi watches group B (seats S03, S04, S09, S10), Bu Dewi group E (S15, S16, "
                "S21, S22). Focus on when learning starts or stalls, how students help each other "
                "and what misconceptions appear. Watch the students, not the teacher."
            )),
            "seating": ("guru_eko", None),  # the template's seat codes, grouped by fours
        },
        "phase": "see",
        "observations": [
            ("guru_budi", "demo-malang-obs-budi-1", {
                "focus": "learning_stalled", "target": "Group B", "minute": 14, "step_id": "core",
                "evidence": "S04 held the strips but did not fold them for five minutes; "
                            "S03 and S09 were already comparing.",
                "interpretation": "S04 may not know how to make thirds on a strip."}),
            ("guru_budi", "demo-malang-obs-budi-2", {
                "focus": "helping", "target": "S09 and S04", "minute": 21, "step_id": "core",
                "evidence": "S09 folded a strip in three with S04 and said 'make it the same length "
                            "first, then fold'. After that S04 folded the quarters alone."}),
            ("guru_dewi", "demo-malang-obs-dewi-1", {
                "focus": "misconception", "target": "Group E", "minute": 18, "step_id": "core",
                "evidence": "S16 drew the 3/4 bar longer than the 2/3 bar and said "
                            "'three quarters is bigger because the bar is bigger'.",
                "interpretation": "The whole was not kept the same size."}),
            ("guru_dewi", "demo-malang-obs-dewi-2", {
                "focus": "student_talk", "target": "S21", "minute": 62, "step_id": "closing",
                "evidence": "\"If the chocolate is the same, I cut both into twelve pieces, "
                            "then I can count.\""}),
            ("guru_sari", "demo-malang-obs-sari-1", {
                "focus": "learning_started", "target": "Whole class", "minute": 4,
                "step_id": "opening",
                "evidence": "Almost every student raised a hand to guess; several argued with "
                            "their neighbour about 2/3 and 3/4."}),
            ("guru_eko", "demo-malang-mode-1", {"kind": "mode", "mode": "whole_class", "minute": 0,
                                                "step_id": "opening"}),
            ("guru_eko", "demo-malang-mode-2", {"kind": "mode", "mode": "group_work", "minute": 10,
                                                "step_id": "core"}),
            ("guru_eko", "demo-malang-mode-3", {"kind": "mode", "mode": "presentation", "minute": 55,
                                                "step_id": "closing"}),
            ("guru_budi", "demo-malang-int-1", {"kind": "interaction", "interaction": "helped",
                                                "from": "S09", "to": "S04", "minute": 21, "step_id": "core"}),
            ("guru_budi", "demo-malang-int-2", {"kind": "interaction", "interaction": "explained",
                                                "from": "S09", "to": "S04", "minute": 24, "step_id": "core"}),
            ("guru_dewi", "demo-malang-int-3", {"kind": "interaction", "interaction": "disagreed",
                                                "from": "S15", "to": "S16", "minute": 19, "step_id": "core"}),
        ] + seat_entries("malang", [
            # One-tap quick notes on seats (kind "quick": a focus, a seat, the minute), then
            # interactions drawn by tapping two seats: most of the class was seen by someone.
            ("guru_sari", "quick", 1, "learning_started", 6), ("guru_sari", "quick", 2, "learning_started", 6),
            ("guru_budi", "quick", 3, "learning_started", 12), ("guru_sari", "quick", 5, "learning_stalled", 16),
            ("guru_sari", "quick", 6, "helping", 22), ("guru_sari", "quick", 7, "learning_started", 13),
            ("guru_sari", "quick", 8, "learning_stalled", 15), ("guru_budi", "quick", 10, "learning_stalled", 17),
            ("guru_sari", "quick", 11, "helping", 25), ("guru_sari", "quick", 12, "learning_started", 27),
            ("guru_sari", "quick", 13, "learning_stalled", 30), ("guru_sari", "quick", 14, "helping", 31),
            ("guru_dewi", "quick", 15, "helping", 20), ("guru_sari", "quick", 17, "learning_started", 33),
            ("guru_sari", "quick", 18, "learning_stalled", 35), ("guru_sari", "quick", 20, "helping", 38),
            ("guru_dewi", "quick", 22, "learning_stalled", 23), ("guru_sari", "quick", 23, "learning_started", 40),
            ("guru_budi", "helped", (2, 1), None, 9), ("guru_budi", "asked", (10, 9), None, 26),
            ("guru_dewi", "explained", (22, 21), None, 41), ("guru_dewi", "helped", (15, 22), None, 28),
            ("guru_sari", "asked", (13, 14), None, 32), ("guru_sari", "explained", (14, 13), None, 33),
        ]),
        # Evidence an observer added to their own quick note afterwards (amend_observation).
        "amendments": [
            ("guru_budi", "demo-malang-amend-10", "demo-malang-seat-10-17",
             "S10 stopped after the first fold and watched S09; she only started again when S09 asked her."),
            ("guru_dewi", "demo-malang-amend-22", "demo-malang-seat-22-23",
             "S22 erased the 2/3 bar three times; the whole bars were not the same length."),
        ],
        "posts": [
            ("guru_rina", "demo-malang-post-impression", {
                "kind": "impression",
                "text": "I planned 55 minutes for the group work and needed all of it. I was "
                        "worried about group E; I did not see what they drew."}),
            ("guru_budi", "demo-malang-post-finding-budi", {
                "kind": "finding", "cites": ["demo-malang-obs-budi-1", "demo-malang-obs-budi-2"],
                "cites_steps": ["core"],
                "text": "In group B learning stalled for S04 until a classmate showed how to fold "
                        "thirds. After that S04 worked alone."}),
            ("guru_dewi", "demo-malang-post-finding-dewi", {
                "kind": "finding", "cites": ["demo-malang-obs-dewi-1", "demo-malang-obs-dewi-2"],
                "text": "Group E compared bars of different lengths. By the closing S21 had found "
                        "the common denominator through the picture."}),
            ("guru_rina", "demo-malang-post-reply-rina", {
                "kind": "reply", "parent": "demo-malang-post-finding-dewi",
                "text": "Thank you: next time I will give each group strips of the same length."}),
            (STAFF, "demo-malang-post-closing", {
                "kind": "closing",
                "text": "The evidence shows that students learned from each other when the "
                        "material made the whole visible. Plan for that, not for more teacher "
                        "explanation."}),
            ("guru_sari", "demo-malang-post-summary", {
                "kind": "summary",
                "text": "Same-size strips for every group; a question that asks for the reason; "
                        "observers keep their focus groups."}),
        ],
        "lessons": ("guru_eko", {
            "items": [
                "When the whole is kept the same size, students can see which fraction is larger.",
                "Students learn from a classmate's method: give time for pairs to explain.",
                "Quieter students wrote their own method when asked to write before speaking.",
            ],
            "revisions": "Give every group strips of the same length. Add a question 'How do you "
                         "know the bars are the same size?' to LKPD 1.",
        }),
    },
    {
        "key": "batu",
        "name": "SD Negeri 3 Batu: IPA",
        "school": "SD Negeri 3 Batu",
        "members": {
            "guru_fajar": "model_teacher",
            "guru_gita": "observer",
            "guru_hadi": "moderator",
        },
        "theme": "Siswa yang berani bertanya dan mencari jawaban bersama temannya.",
        "plan": {
            "identity": ("guru_fajar", {
                "school": "SD Negeri 3 Batu",
                "subject": "IPA",
                "class": "V A (28 siswa)",
                "topic": "Siklus air",
                "date": "2026-09-21",
                "time_allocation": "2 x 35 menit",
            }),
            "objectives": ("guru_fajar", (
                "Siswa dapat menjelaskan penguapan dan pengembunan dari percobaan sederhana.\n"
                "Siswa bertanya dan menjawab pertanyaan teman dalam kelompok."
            )),
            "observation_focus": ("guru_hadi", (
                "Bu Gita mengamati kelompok 2: kapan siswa mulai belajar, kapan berhenti, dan "
                "bagaimana mereka saling membantu."
            )),
        },
        "phase": "do",
        "observations": [
            ("guru_gita", "demo-batu-obs-gita-1", {
                "focus": "learning_started", "target": "Kelompok 2", "minute": 8,
                "evidence": "S05 bertanya 'kenapa plastiknya basah di dalam?' dan kelompok mulai "
                            "berdiskusi."}),
            ("guru_gita", "demo-batu-obs-gita-2", {
                "focus": "body_language", "target": "S07", "minute": 15,
                "evidence": "S07 menunduk dan tidak menyentuh gelas selama percobaan."}),
        ],
        "posts": [],
        "lessons": None,
    },
    {
        # A second cycle: its plan follows cycle 1's lessons learned, and its See asks whether
        # the changes worked (one answered, one waiting).
        "key": "kupang",
        "name": "SMP Negeri 5 Kupang: Pecahan",
        "school": "SMP Negeri 5 Kupang",
        "members": {"guru_yanti": "model_teacher", "guru_ferry": "moderator", "guru_maria": "recorder",
                    "guru_kornelis": "observer"},
        "theme": "Setiap siswa menjelaskan cara berpikirnya",
        "plan": {},
        "phase": "see",
        "observations": [
            ("guru_kornelis", "demo-kupang-obs-1", {
                "focus": "learning_stalled", "target": "S04", "minute": 20,
                "evidence": "S04 menunggu temannya menulis dan tidak menjelaskan apa pun."}),
        ],
        "posts": [],
        "lessons": ("guru_maria", {
            "items": ["Siswa yang pendiam menulis caranya sendiri bila diminta menulis sebelum bicara.",
                      "Kelompok perlu waktu bicara sebelum menulis jawaban."],
            "revisions": "Tambahkan waktu menulis sendiri 3 menit sebelum diskusi kelompok.",
        }),
        "next_cycle": {
            "links": [
                ("guru_yanti", "demo-kupang-link-1", {"cycle": 1, "item": 0, "section_id": "steps",
                                                      "step_id": "core", "focus": "learning_started"}),
                ("guru_ferry", "demo-kupang-link-2", {"cycle": 1, "item": 1, "section_id": "steps",
                                                      "focus": "helping"}),
            ],
            "observations": [
                ("guru_kornelis", "demo-kupang-c2-obs-1", {
                    "focus": "learning_started", "target": "S04", "minute": 18, "step_id": "core",
                    "evidence": "S04 menulis dua kalimat sendiri lalu membacakannya kepada kelompok."}),
            ],
            "reviews": [
                ("guru_kornelis", "demo-kupang-review-1", "demo-kupang-link-1", {
                    "verdict": "worked", "cites": ["demo-kupang-c2-obs-1"],
                    "evidence": "S04, yang di siklus 1 diam, menulis caranya sendiri dan menjelaskannya."}),
            ],
        },
    },
]


#: A group planning with the 2025 plan (Rencana Pembelajaran Mendalam) in Indonesian, in the
#: demo's third workspace (``PLAN_2025_SCENARIO``), whose template is that preset.
PLAN_2025_SCENARIO = "lessonstudy_cycle.2"
PLAN_2025_GROUPS = [
    {
        "key": "batu-2025",
        "name": "SMP Negeri 2 Batu: Bahasa Indonesia",
        "school": "SMP Negeri 2 Batu",
        "members": {
            "guru_lina": "model_teacher",
            "guru_made": "moderator",
            "guru_nia": "observer",
            "guru_oki": "observer",
        },
        "theme": "Siswa yang berani menyampaikan pendapat dan menanggapi pendapat temannya.",
        "plan": {
            "identity": ("guru_lina", {
                "document": "Modul Ajar",
                "school": "SMP Negeri 2 Batu",
                "subject": "Bahasa Indonesia",
                "class": "Fase D / VIII C / Ganjil",
                "time_allocation": "2 x 40 menit",
            }),
            "identification": ("guru_made", {
                "students": ("32 siswa; sebagian besar lancar membaca, lima siswa masih ragu "
                             "berbicara di depan kelas; senang bekerja berkelompok."),
                "subject_matter": "Teks eksplanasi tentang banjir di kota: struktur dan kata penghubung sebab-akibat.",
                "profile_dimensions": "Penalaran kritis, komunikasi, kolaborasi.",
            }),
            "design": ("guru_lina", {
                "outcomes": "Peserta didik menganalisis struktur dan kebahasaan teks eksplanasi.",
                "cross_disciplinary": "IPS: lingkungan dan permukiman; IPA: siklus air.",
                "topic": "Mengapa kota kita banjir?",
                "pedagogy": "Pembelajaran berbasis masalah; diskusi kelompok berempat.",
                "partnerships": "Petugas BPBD kota memberi data banjir; orang tua bercerita pengalaman.",
                "environment": "Kelas ditata berkelompok; pojok baca berisi berita banjir.",
                "digital": "Video berita singkat; peta banjir daring.",
            }),
            "objectives": ("guru_lina", (
                "Peserta didik dapat menunjukkan struktur teks eksplanasi (pernyataan umum, deretan "
                "penjelas, interpretasi) pada teks tentang banjir.\n"
                "Peserta didik dapat menjelaskan hubungan sebab-akibat dengan kata penghubung yang tepat."
            )),
            "steps": ("guru_lina", {
                "opening": (["Menonton video berita banjir; bertanya: apa yang menyebabkan banjir?",
                             "Siswa menyebut hujan; sedikit yang menyebut sampah atau saluran air.",
                             "Meminta alasan, mencatat semua jawaban di papan.",
                             "Siapa yang menjawab, siapa diam saja?"], 10),
                "core": (["Kelompok membaca teks dan menandai bagian-bagiannya.",
                          "Bagian interpretasi sering tertukar dengan penjelas.",
                          "Kartu petunjuk berisi ciri tiap bagian.",
                          "Bagaimana kelompok berbagi tugas membaca?"], 20),
                "apply": (["Kelompok menulis dua kalimat sebab-akibat tentang banjir di kota mereka.",
                           "Kata 'karena' dan 'sehingga' tertukar.",
                           "Contoh kalimat dari teks sebagai model.",
                           "Siswa yang ragu berbicara: apakah ikut menulis?"], 25),
            }),
            "assessment": ("guru_made", {
                "initial": "Tanya jawab tentang penyebab banjir (kesiapan).",
                "process": "Pengamatan diskusi dan umpan balik pada kartu kelompok.",
                "final": "Menandai struktur pada teks baru secara mandiri; 3 kalimat sebab-akibat.",
            }),
        },
        "phase": "plan",
        "observations": [],
        "posts": [],
        "lessons": None,
    },
]


class DemoError(RuntimeError):
    """A handler refused a demo request: the message says which and why."""


class Workbench:
    """Calls the block's JSON handlers as workbench users, in this process."""

    def __init__(self, usage_id):
        from django.test import Client  # pylint: disable=import-outside-toplevel

        self.client = Client()
        self.usage_id = usage_id

    def call(self, user, handler, payload=None, allowed=(200,), language=None):
        """POST ``payload`` to ``handler`` as ``user`` (reading ``language``, as a browser's
        ``Accept-Language`` says); returns ``(status, answer)``."""
        headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
        url = f"/handler/{self.usage_id}/{handler}/?student={user}"
        for _attempt in range(5):
            response = self.client.post(url, data=json.dumps(payload or {}),
                                        content_type="application/json", **headers)
            if response.status_code != 429:
                break
            time.sleep(float(response.headers.get("Retry-After", "1")))
        try:
            answer = json.loads(response.content.decode("utf-8"))
        except ValueError:
            answer = {"error": response.content.decode("utf-8", "replace")[:500]}
        if response.status_code not in allowed:
            raise DemoError(f"{handler} as {user}: HTTP {response.status_code}: "
                            f"{answer.get('error', answer) if isinstance(answer, dict) else answer}")
        return response.status_code, answer


def find_usage_id(scenario_id=None):
    """The usage id of the demo cycle workspace (the first ``lessonstudy_cycle`` scenario)."""
    from workbench.runtime import WorkbenchRuntime  # pylint: disable=import-outside-toplevel
    from workbench.scenarios import get_scenarios  # pylint: disable=import-outside-toplevel

    scenarios = get_scenarios()
    if scenario_id is None:
        ours = sorted(key for key in scenarios if key.split(".")[0] == BLOCK_TYPE)
        if not ours:
            raise DemoError(f"No {BLOCK_TYPE} scenario is installed: is the package installed "
                            "(pip install -e .)?")
        scenario_id = ours[0]
    elif scenario_id not in scenarios:
        raise DemoError(f"No scenario {scenario_id}.")
    runtime = WorkbenchRuntime(STAFF)
    pending = [scenarios[scenario_id].usage_id]
    while pending:  # the block itself, or the first one inside a container
        usage_id = pending.pop(0)
        block = runtime.get_block(usage_id)
        if block.scope_ids.block_type == BLOCK_TYPE:
            return scenario_id, usage_id
        pending.extend(getattr(block, "children", []))
    raise DemoError(f"Scenario {scenario_id} holds no {BLOCK_TYPE} block.")


class DemoLoader:
    """Plays the demo groups' story through the handlers; each step skips what is done."""

    def __init__(self, workbench, log=print):
        self.wb = workbench
        self.log = log

    def run(self, groups=None):
        """Fill every group (the demo's by default); returns ``{group key: group id}``."""
        groups = GROUPS if groups is None else groups
        ids = {}
        for group in groups:
            group_id = self.ensure_group(group)
            ids[group["key"]] = group_id
            self.ensure_members(group, group_id)
            self.ensure_theme(group)
            self.ensure_plan(group)
            observation_ids = {}
            if PHASES.index(group["phase"]) >= PHASES.index("do"):
                self.move_to(group, "do", group_id)
                observation_ids = self.add_observations(group)
                self.add_amendments(group, observation_ids)
            if PHASES.index(group["phase"]) >= PHASES.index("see"):
                self.move_to(group, "see", group_id)
                self.post_reflection(group, group_id, observation_ids)
                self.save_lessons(group, group_id)
            if group.get("next_cycle"):
                self.play_next_cycle(group, group_id)
        return ids

    def play_next_cycle(self, group, group_id):
        """Cycle 2: its plan linked to cycle 1's lessons learned, the open class, and in See the
        question whether the changes worked (each step once, by ``client_id``)."""
        story = group["next_cycle"]
        self.wb.call(self.lead(group), "start_next_cycle", {"from_cycle": 1})
        for author, client_id, fields in story["links"]:
            self.wb.call(author, "link_lesson", dict(fields, client_id=client_id))
        self.move_to(group, "do", group_id)
        entries = self.add_observations({"observations": story["observations"]})
        self.move_to(group, "see", group_id)
        _status, state = self.wb.call(STAFF, "get_state", {"group_id": group_id})
        links = {link["client_id"]: link["id"] for link in state.get("follow_through") or []}
        for author, client_id, link, fields in story["reviews"]:
            payload = dict(fields, client_id=client_id, link_id=links[link],
                           cites=[entries[c] for c in fields.get("cites", [])])
            self.wb.call(author, "review_change", payload)
        self.log("  cycle 2: lessons learned linked to the plan; asked whether the changes worked")

    # Steps ------------------------------------------------------------------
    def ensure_group(self, group):
        """Create the group unless a group of that name exists; returns its id."""
        _status, state = self.wb.call(STAFF, "get_state")
        for summary in state.get("groups") or []:
            if summary.get("name") == group["name"]:
                return summary["id"]
        _status, answer = self.wb.call(STAFF, "create_group", {
            "name": group["name"], "school": group["school"],
            "client_id": f"demo-group-{group['key']}"})
        self.log(f"created group {group['name']!r}")
        return answer["group"]["id"]

    def ensure_members(self, group, group_id):
        """Assign each member with their role, unless they already hold it."""
        from .services import anonymous_user_id  # pylint: disable=import-outside-toplevel

        _status, state = self.wb.call(STAFF, "get_state", {"group_id": group_id})
        current = {m["id"]: m.get("roles", []) for m in (state.get("group") or {}).get("members", [])}
        for username, role in group["members"].items():
            if role in current.get(anonymous_user_id(username), []):
                continue
            self.wb.call(STAFF, "assign_member",
                         {"group_id": group_id, "user_id": username, "role": role})
            self.log(f"  {username}: {role}")

    def ensure_theme(self, group):
        """The research theme, set by the model teacher."""
        self.wb.call(self.lead(group), "set_theme", {"theme": group["theme"]})

    def ensure_plan(self, group):
        """Save each demo section that has no saved revision yet, as its author."""
        for section_id, (author, content) in group["plan"].items():
            _status, state = self.wb.call(author, "get_state")
            section = _section(state, section_id)
            if section is None:
                self.log(f"  plan: no section {section_id!r} in the template; skipped")
                continue
            if section.get("revision") is not None:
                continue
            payload = {"section_id": section_id, "base_revision": None,
                       "content": fit_content(section, content)}
            self.wb.call(author, "save_plan_section", payload)
            self.log(f"  plan: {section_id} saved by {author}")

    def move_to(self, group, phase, group_id):
        """Move the group on to ``phase`` unless it is there or further."""
        _status, state = self.wb.call(STAFF, "get_state", {"group_id": group_id})
        now = (state.get("cycle") or {}).get("phase", "plan")
        if PHASES.index(now) < PHASES.index(phase):
            self.wb.call(self.lead(group), "set_phase", {"phase": phase})
            self.log(f"  phase: {phase}")

    def add_observations(self, group):
        """Each observation once (by ``client_id``); returns ``{client_id: stored id}``."""
        ids = {}
        for author, client_id, fields in group["observations"]:
            payload = dict(fields, client_id=client_id, kind=fields.get("kind", "note"))
            _status, answer = self.wb.call(author, "add_observation", payload)
            ids[client_id] = answer["observation"]["id"]
        if ids:
            self.log(f"  observations: {len(ids)}")
        return ids

    def add_amendments(self, group, observation_ids):
        """Evidence added to quick notes, each once (by ``client_id``)."""
        for author, client_id, entry, evidence in group.get("amendments", []):
            self.wb.call(author, "amend_observation", {"client_id": client_id, "entry_id": observation_ids[entry],
                                                       "evidence": evidence})
        if group.get("amendments"):
            self.log(f"  evidence added later: {len(group['amendments'])}")

    def post_reflection(self, group, group_id, observation_ids):
        """Each post once (by ``client_id``), citing the stored observation ids."""
        post_ids = {}
        for author, client_id, fields in group["posts"]:
            payload = {key: value for key, value in fields.items() if key != "parent"}
            payload["client_id"] = client_id
            payload["cites"] = [observation_ids[c] for c in fields.get("cites", [])]
            if fields.get("parent"):
                payload["parent_id"] = post_ids[fields["parent"]]
            if author.startswith("staff"):
                payload["group_id"] = group_id
            _status, answer = self.wb.call(author, "post_reflection", payload)
            post_ids[client_id] = answer["post"]["id"]
        if post_ids:
            self.log(f"  reflection posts: {len(post_ids)}")

    def save_lessons(self, group, group_id):
        """The lessons learned, unless saved already."""
        if not group.get("lessons"):
            return
        author, content = group["lessons"]
        _status, state = self.wb.call(STAFF, "get_state", {"group_id": group_id})
        if (state.get("cycle") or {}).get("number", 1) != 1:
            return  # the group is in a later cycle: cycle 1's lessons were saved then
        current = ((state.get("reflection") or {}).get("lessons_learned") or {})
        if current.get("revision") is not None:
            return
        self.wb.call(author, "save_lessons_learned", dict(content, base_revision=None))
        self.log(f"  lessons learned saved by {author}")

    @staticmethod
    def lead(group):
        """The member who moves the group on: the model teacher."""
        return next(user for user, role in group["members"].items() if role == "model_teacher")


def _section(state, section_id):
    for section in ((state.get("plan") or {}).get("sections") or []):
        if section.get("id") == section_id:
            return section
    return None


def fit_content(section, demo):
    """The demo content in the shape of the section as ``get_state`` shows it.

    ``text``: the text. ``fields``: the demo value of each field the section
    has. ``table``: the section's rows and columns, with the demo's cells and
    minutes for the rows it knows (by row id). ``grid``: the section's chart,
    each seat code followed by its group letter (seats in fours).
    """
    kind = section.get("type")
    current = section.get("content")
    if kind == "text":
        return demo if isinstance(demo, str) else ""
    if kind == "fields":
        names = [f["id"] for f in section.get("fields") or []] or list(current or {})
        return {name: (demo or {}).get(name, (current or {}).get(name, "")) for name in names}
    if kind == "table":
        columns = current.get("columns", [])
        rows = []
        for row in current.get("rows", []):
            cells, minutes = (demo or {}).get(row["id"], (row.get("cells"), row.get("minutes")))
            cells = (list(cells) + [""] * len(columns))[:len(columns)]
            rows.append({"id": row["id"], "cells": cells, "minutes": minutes})
        return {"columns": columns, "rows": rows}
    if kind == "grid":
        labels = [[f"{label} {chr(65 + (r // 2) * ((current['columns'] + 1) // 2) + c // 2)}"
                   for c, label in enumerate(line)]
                  for r, line in enumerate(current["labels"])]
        return {"rows": current["rows"], "columns": current["columns"], "labels": labels,
                "ids": current.get("ids")}
    return current


def demo_users(groups=None):
    """``[(user id, description)]`` of everyone in the demo."""
    groups = GROUPS if groups is None else groups
    users = [(STAFF, "facilitator (course staff)")]
    for group in groups:
        for username, role in group["members"].items():
            users.append((username, f"{role.replace('_', ' ')}, {group['school']}"))
    return users


def main(argv=None):
    """Prepare the database, fill the demo workspace and print the links to open."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--scenario", help="the scenario id (default: the first lessonstudy_cycle one)")
    parser.add_argument("--base-url", default="http://127.0.0.1:8000",
                        help="where the workbench is served, for the printed links")
    args = parser.parse_args(argv)

    import django  # pylint: disable=import-outside-toplevel
    from django.core.management import call_command  # pylint: disable=import-outside-toplevel

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    try:
        plan_2025 = None if args.scenario else find_usage_id(PLAN_2025_SCENARIO)
        if plan_2025 is not None:  # the 2025 plan first: the demo leads with it
            print(f"Filling the Rencana Pembelajaran Mendalam workspace {plan_2025[1]} ...")
            DemoLoader(Workbench(plan_2025[1])).run(PLAN_2025_GROUPS)
        scenario_id, usage_id = find_usage_id(args.scenario)
        print(f"Filling the demo workspace {usage_id} ...")
        DemoLoader(Workbench(usage_id)).run()
    except DemoError as error:
        print(f"demo: {error}", file=sys.stderr)
        return 1
    if plan_2025 is not None:
        print("A group planning with the 2025 plan (Rencana Pembelajaran Mendalam), in Indonesian:")
        for username, description in demo_users(PLAN_2025_GROUPS)[1:]:
            print(f"  {username:<11} {description:<45} "
                  f"{args.base_url}/scenario/{plan_2025[0]}/?student={username}&lang=id")
    print("Demo users (open the workspace as each):")
    for username, description in demo_users():
        print(f"  {username:<11} {description:<45} "
              f"{args.base_url}/scenario/{scenario_id}/?student={username}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
