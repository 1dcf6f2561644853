"""Load on a real database: participants in groups over HTTP, gunicorn workers on MariaDB.

Starts a MariaDB server of its own on loopback (``tests/support/mariadb.py``),
serves the workbench with gunicorn worker processes on it (the database cache
that holds the blocks' per-learner locks, ``lessonstudy_cache``, is a table on
the same server), and drives every group of participants through a cycle for a
bounded time:

* a facilitator (``staff_…``) creates the groups; the members join with the
  join codes, all at once, and take their roles (a model teacher, a moderator,
  observers);
* each participant then works without pause (a closed loop: the next request
  leaves as soon as the previous one is answered; ``--think`` adds a pause):
  in the Plan phase everyone saves the plan's text sections (mostly their own,
  which one or two others share, now and then another) from the revision they
  last saw (a 409 for a stale copy is an expected answer: the copy is
  refreshed from its newer text and saved again from it); in Do the observers add
  observations; in See the model teacher posts impressions, the others post
  findings citing their own observations, replies and more observations; every
  fifth action is a ``get_state``, as a browser reloading the workspace;
* one member of each group works in two tabs at once (two concurrent request
  streams of the same learner: the case the per-learner lock exists for);
* the model teacher moves the group on (Plan → Do → See) on a schedule that is
  staggered between groups, so plan saves, observations and posts run at the
  same time across the workbench; while a group's phase moves, its members
  hold their next request (a browser would only show the new phase after it);
* a third of the way in, the same number of users vote at once, each once,
  in xblock-poll's ``vote`` handler of the same workbench.

Every request answered 429 is sent again with the same body after its
``Retry-After`` (shortened, as in ``tests/support/server.py``). Afterwards
each group's state is read as a member (``get_state``, all groups being in See
so every observation is visible, and ``plan_history`` for each text section),
and every acknowledged item is looked for. The report gives requests, answers
by status class, acknowledged items, items found afterwards, lost items (must
be 0), 5xx (must be 0), latency percentiles per handler, and xblock-poll's
lost votes (votes answered with success minus the tally it shows afterwards).

Run: ``make loadtest`` (60 users, 10 groups, 60 s), or
``python -m tests.load.mariadb_load --users 20 --groups 4 --seconds 10``.
The short version runs in ``make test``: ``tests/load/test_mariadb_load.py``.
"""

import argparse
import math
import os
import random
import sys
import threading
import time
import urllib.error
from collections import Counter, defaultdict
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.concurrency import run_at_once
from tests.support.mariadb import mariadb_server
from tests.support.server import HandlerClient, usage_id, workbench_server

CYCLE_SCENARIO = "lessonstudy_cycle.0"
POLL_SCENARIO = "poll.0"
POLL_CHOICE = "R"
#: The default template's text sections (the plan saves go to these).
TEXT_SECTIONS = ("objectives", "materials", "assessment", "observation_focus")
FOCUS = ("learning_started", "learning_stalled", "helping", "misconception", "body_language",
         "student_talk", "teacher_support")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "load"
MAX_ATTEMPTS = 200  # 429s in a row before a request counts as unanswered
READ_EVERY = 5  # every fifth action of a participant is a get_state


def percentile(ordered, q):
    """Nearest-rank percentile of an ascending list."""
    if not ordered:
        return float("nan")
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


class Recorder:
    """Every HTTP request and every final answer, from every thread."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests = Counter()  # status class ("2xx", "4xx", "5xx", "none") of each HTTP request
        self.latency = defaultdict(list)  # handler -> seconds of each HTTP request that was answered
        self.busy = 0  # 429s sent again
        self.expected_conflicts = 0  # 409 with the current text, to a save from a stale copy
        self.unexpected = []  # (handler, status, error) of final 4xx answers that should not happen

    def request(self, handler, status, seconds):
        with self.lock:
            self.requests["none" if status == 0 else f"{status // 100}xx"] += 1
            if status:
                self.latency[handler].append(seconds)
            if status == 429:
                self.busy += 1

    def answer(self, handler, status, data, stale_copy_expected=False):
        """Sort a final 4xx answer: a stale copy's 409 (with the current text) is expected."""
        if not 400 <= status < 500:
            return  # 2xx; 5xx and no answer are counted by request
        with self.lock:
            if stale_copy_expected and status == 409 and isinstance(data, dict) and data.get("current"):
                self.expected_conflicts += 1
            else:
                error = data.get("error") if isinstance(data, dict) else data
                self.unexpected.append((handler, status, error))


class LoadClient(HandlerClient):
    """A participant's browser tab: each request retried after 429 with the same body."""

    def __init__(self, base, block_id, student, recorder):
        super().__init__(base, block_id, student)
        self.recorder = recorder

    def send(self, handler, payload, stale_copy_expected=False):
        """``(status, data)`` of the final answer; status 0 when no answer came."""
        status, data = 0, None
        for _attempt in range(MAX_ATTEMPTS):
            started = time.perf_counter()
            try:
                status, data, elapsed, headers = self.call(handler, payload)
            except (urllib.error.URLError, OSError) as failure:  # reset, refused, timed out
                status, data, elapsed, headers = 0, str(failure), time.perf_counter() - started, {}
            self.recorder.request(handler, status, elapsed)
            if status != 429:
                break
            self.busy_answers += 1
            time.sleep(min(float(headers.get("Retry-After", "1")), 1.0) * 0.2)
        self.recorder.answer(handler, status, data, stale_copy_expected)
        return status, data


class Group:
    """One group as the driver knows it, and the gate its phase moves go through."""

    def __init__(self, index, info, members, seconds):
        self.index, self.id, self.join_code = index, info["id"], info["join_code"]
        self.members = members  # usernames; [0] model teacher, [1] moderator, the rest observers
        self.phase = "plan"
        # Staggered: groups move to Do at 15, 22.5 or 30 % of the time and to See 30 % later.
        stagger = (index % 3) / 2
        self.to_do = seconds * (0.15 + 0.15 * stagger)
        self.to_see = seconds * (0.45 + 0.15 * stagger)
        self.post_ids = []  # acknowledged posts (replies answer one of them)
        self._cond = threading.Condition()
        self._active = 0
        self._moving = False

    @contextmanager
    def acting(self):
        """One member request; waits while the phase moves. Yields the phase it acts in."""
        with self._cond:
            while self._moving:
                self._cond.wait()
            self._active += 1
            phase = self.phase
        try:
            yield phase
        finally:
            with self._cond:
                self._active -= 1
                self._cond.notify_all()

    def move(self, client, phase):
        """The model teacher moves the group on, once the members' requests in flight are answered."""
        with self._cond:
            self._moving = True
            while self._active:
                self._cond.wait()
        try:
            status, data = client.send("set_phase", {"phase": phase})
            if status == 200:
                self.phase = data["cycle"]["phase"]
            return status
        finally:
            with self._cond:
                self._moving = False
                self._cond.notify_all()


@dataclass
class Acknowledged:
    """Items answered with success, by kind; each a hashable key that the final read can find."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    observations: set = field(default_factory=set)  # (group_id, observation id)
    posts: set = field(default_factory=set)  # (group_id, post id)
    plan: set = field(default_factory=set)  # (group_id, section_id, content): each content is unique

    def add(self, kind, key):
        with self.lock:
            getattr(self, kind).add(key)


class Participant:
    """One tab of one participant: a thread that works until the deadline."""

    # pylint: disable=too-many-instance-attributes
    def __init__(self, run, group, member, tab):
        self.run, self.group, self.member, self.tab = run, group, member, tab
        self.user = group.members[member]
        self.client = run.client(self.user)
        self.rng = random.Random(f"{self.user}-{tab}")
        self.bases = {section: None for section in TEXT_SECTIONS}  # the revision this tab last saw
        self.redo = None  # a section whose save met a newer text: saved again from that one next
        self.own_observations = []
        self.actions = 0

    @property
    def is_model_teacher(self):
        return self.member == 0

    def work(self, start, deadline):
        while time.monotonic() < deadline:
            now = time.monotonic() - start
            if self.is_model_teacher and self.tab == 0:
                if self.group.phase == "plan" and now >= self.group.to_do:
                    self.group.move(self.client, "do")
                    continue
                if self.group.phase == "do" and now >= self.group.to_see:
                    self.group.move(self.client, "see")
                    continue
            with self.group.acting() as phase:
                self.act(phase)
            self.actions += 1
            if self.run.think:
                time.sleep(self.rng.uniform(0, 2 * self.run.think))

    def act(self, phase):
        n = self.actions
        if n % READ_EVERY == READ_EVERY - 1:
            self.read_state()
        elif phase == "plan":
            self.save_plan(self.plan_section(n))
        elif self.is_model_teacher:
            if phase == "see":
                self.post("impression")
            else:
                self.read_state()  # the model teacher teaches; their workspace refreshes
        elif phase == "do" or n % 3 == 0:
            self.observe()
        elif n % 3 == 1 or not self.group.post_ids:
            self.post("finding")
        else:
            self.post("reply")

    def read_state(self):
        status, data = self.client.send("get_state", {})
        if status == 200 and data.get("plan"):
            for section in data["plan"]["sections"]:
                if section["id"] in self.bases:
                    self.bases[section["id"]] = section["revision"]

    def plan_section(self, n):
        """Mostly the member's own section (shared with another member or two), now and then another."""
        if self.redo:
            return self.redo
        own = self.member % len(TEXT_SECTIONS)
        return TEXT_SECTIONS[own if n % 4 else (own + n // 4) % len(TEXT_SECTIONS)]

    def save_plan(self, section):
        content = (f"{self.user} (tab {self.tab}) saved {section}, change {self.actions}: "
                   f"the learners compare fractions with strips {self.rng.randrange(10**6)}.")
        status, data = self.client.send(
            "save_plan_section", {"section_id": section, "content": content,
                                  "base_revision": self.bases[section]}, stale_copy_expected=True)
        self.redo = None
        if status == 200:
            self.run.acknowledged.add("plan", (self.group.id, section, content))
            self.bases[section] = data["section"]["revision"]
        elif status == 409 and isinstance(data, dict) and data.get("current"):
            # The editor is shown the newer text; the teacher merges and saves again from it.
            self.bases[section] = data["current"]["revision"]
            self.redo = section

    def observe(self):
        payload = {"client_id": f"obs-{self.user}-{self.tab}-{self.actions}",
                   "focus": FOCUS[self.actions % len(FOCUS)],
                   "evidence": f"{self.user} saw group {self.actions % 6} share strips (tab {self.tab})",
                   "target": f"S{self.rng.randrange(1, 30):02d}", "minute": self.actions % 90}
        status, data = self.client.send("add_observation", payload)
        if status == 200:
            entry = data["observation"]
            self.run.acknowledged.add("observations", (entry["group_id"], entry["id"]))
            self.own_observations.append(entry["id"])

    def post(self, kind):
        payload = {"client_id": f"post-{self.user}-{self.tab}-{self.actions}", "kind": kind,
                   "text": f"{kind} {self.actions} of {self.user} (tab {self.tab})"}
        if kind == "finding" and self.own_observations:
            payload["cites"] = self.rng.sample(self.own_observations,
                                               min(2, len(self.own_observations)))
        if kind == "reply":
            with self.run.acknowledged.lock:
                payload["parent_id"] = self.rng.choice(self.group.post_ids)
        status, data = self.client.send("post_reflection", payload)
        if status == 200:
            entry = data["post"]
            self.run.acknowledged.add("posts", (entry["group_id"], entry["id"]))
            with self.run.acknowledged.lock:
                self.group.post_ids.append(entry["id"])


class LoadRun:
    """One run: set-up, the timed load, the poll's votes, the final read and the report."""

    # pylint: disable=too-many-instance-attributes
    def __init__(self, base, users, groups, seconds, think=0.0):
        if users % groups or users // groups < 3:
            raise ValueError("users must be a multiple of groups, with at least 3 per group")
        self.base, self.users, self.group_count, self.seconds, self.think = (
            base, users, groups, seconds, think)
        self.size = users // groups
        self.recorder = Recorder()
        self.acknowledged = Acknowledged()
        self.block = usage_id(base, CYCLE_SCENARIO)
        self.poll_block = usage_id(base, POLL_SCENARIO)
        self.clients = {}
        self.groups = []
        self.found = {"observations": set(), "posts": set(), "plan": set()}
        self.votes = Counter()
        self.tally = None
        self.elapsed, self.threads, self.text = 0.0, 0, ""
        self.same_base = 0  # plan revisions saved from a base another revision was saved from too
        self.set_up_seconds = (0.0, 0.0)  # MariaDB up; the workbench migrated and serving
        self.rows = (0, 0)  # workbench_xblockstate rows and their bytes of state afterwards
        self.load_average = (0.0, 0.0)  # of the machine, when the load starts and ends

    def client(self, user, block=None):
        key = (user, block or self.block)
        if key not in self.clients:
            self.clients[key] = LoadClient(self.base, key[1], user, self.recorder)
        return self.clients[key]

    # Set-up ------------------------------------------------------------------
    def set_up(self):
        staff = self.client("staff_loadtest")
        for g in range(self.group_count):
            status, data = staff.send("create_group", {"name": f"Load school {g}",
                                                       "school": f"SMP Negeri {g + 1}",
                                                       "client_id": f"load-group-{g:04d}"})
            if status != 200:
                raise RuntimeError(f"create_group answered {status}: {data}")
            members = [f"load{g}_{m}" for m in range(self.size)]
            self.groups.append(Group(g, data["group"], members, self.seconds))
        everyone = [(group, m) for group in self.groups for m in range(self.size)]
        # Clients are made here, in this thread (default arguments), and used in the threads.
        joined = run_at_once([lambda c=self.client(group.members[m]), code=group.join_code: c.send(
            "join_group", {"join_code": code}) for group, m in everyone])
        refused = [answer for answer in joined if answer[0] != 200]
        if refused:
            raise RuntimeError(f"{len(refused)} of {len(joined)} joins were refused, e.g. {refused[:3]}")
        run_at_once([lambda c=self.client(group.members[m]): c.send("get_state", {})
                     for group, m in everyone])
        roles = ["model_teacher", "moderator"] + ["observer"] * (self.size - 2)
        run_at_once([lambda c=self.client(group.members[m]), role=roles[m]: c.send(
            "set_role", {"role": role}) for group, m in everyone])

    # The timed load ----------------------------------------------------------------
    def drive(self):
        participants = [Participant(self, group, m, tab) for group in self.groups
                        for m in range(self.size) for tab in ((0, 1) if m == 2 else (0,))]
        run_at_once([participant.read_state for participant in participants])
        load_at_start = os.getloadavg()[0]
        start = time.monotonic()
        deadline = start + self.seconds
        threads = [threading.Thread(target=p.work, args=(start, deadline), daemon=True)
                   for p in participants]
        poll = threading.Thread(target=self.vote_in_poll, args=(start + self.seconds / 3,), daemon=True)
        for thread in threads + [poll]:
            thread.start()
        for thread in threads + [poll]:
            thread.join()
        self.elapsed = time.monotonic() - start
        self.load_average = (load_at_start, os.getloadavg()[0])
        self.threads = len(participants)

    def vote_in_poll(self, at):
        """The same users vote once each, all at once, in xblock-poll's ``vote`` handler."""
        time.sleep(max(0.0, at - time.monotonic()))
        voters = [self.client(member, self.poll_block) for group in self.groups
                  for member in group.members]

        def vote(client):
            status, data = client.send("vote", {"choice": POLL_CHOICE})
            with self.recorder.lock:
                self.votes["sent"] += 1
                self.votes["success" if status == 200 and data.get("success") else "refused"] += 1

        run_at_once([lambda c=client: vote(c) for client in voters])

    # Afterwards --------------------------------------------------------------
    def read_back(self):
        """Every group in See; read each group as a member: state, and each section's history."""
        for group in self.groups:
            teacher = self.client(group.members[0])
            for phase in ("do", "see")[("plan", "do", "see").index(group.phase):]:
                if group.move(teacher, phase) != 200:
                    raise RuntimeError(f"group {group.index} could not move to {phase}")
            reader = self.client(group.members[1])
            status, state = reader.send("get_state", {})
            if status != 200:
                raise RuntimeError(f"get_state answered {status}: {state}")
            self.found["observations"] |= {(o["group_id"], o["id"]) for o in state["observations"]}
            self.found["posts"] |= {(p["group_id"], p["id"]) for p in state["reflection"]["posts"]}
            for section in TEXT_SECTIONS:
                status, history = reader.send("plan_history", {"section_id": section})
                if status != 200:
                    raise RuntimeError(f"plan_history answered {status}: {history}")
                self.found["plan"] |= {(group.id, section, r["content"]) for r in history["revisions"]}
                bases = Counter(r["base"] for r in history["revisions"])
                self.same_base += sum(count - 1 for count in bases.values())
        status, results = self.client("staff_loadtest", self.poll_block).send("get_results", {})
        if status != 200:
            raise RuntimeError(f"xblock-poll get_results answered {status}: {results}")
        self.tally = sum(int(answer["count"]) for answer in results["tally"])

    # Results -----------------------------------------------------------------
    def counts(self):
        """``{kind: (acknowledged, found afterwards, lost)}``."""
        result = {}
        for kind in ("observations", "posts", "plan"):
            acknowledged = getattr(self.acknowledged, kind)
            found = self.found[kind] & acknowledged
            result[kind] = (len(acknowledged), len(found), len(acknowledged - found))
        return result

    @property
    def lost(self):
        return sum(lost for _a, _f, lost in self.counts().values())

    @property
    def server_errors(self):
        return self.recorder.requests["5xx"]

    @property
    def unanswered(self):
        return self.recorder.requests["none"]

    @property
    def poll_lost(self):
        return self.votes["success"] - self.tally

    def report(self, workers, database):
        recorder = self.recorder
        lines = [
            f"Load on {database}: the workbench served by gunicorn with {workers} worker processes, "
            f"the lock cache (lessonstudy_cache) on the same server",
            f"the machine: {os.cpu_count()} cores, load average {self.load_average[0]:.1f} at the start "
            f"and {self.load_average[1]:.1f} at the end of the load (other processes included)",
            f"{self.users} participants in {self.group_count} groups of {self.size} (one member per "
            f"group in two tabs: {self.threads} request streams) + 1 facilitator, "
            f"{self.elapsed:.1f} s of load" + (f", think time ~{self.think} s" if self.think else
                                                 ", no think time") +
            f" (set-up: MariaDB up in {self.set_up_seconds[0]:.1f} s, the workbench migrated and "
            f"serving in {self.set_up_seconds[1]:.1f} s)",
            f"requests {sum(recorder.requests.values())}: 2xx {recorder.requests['2xx']}, "
            f"4xx {recorder.requests['4xx']} (429 busy, sent again: {recorder.busy}; "
            f"409 stale plan copy: {recorder.expected_conflicts}; other: {len(recorder.unexpected)}), "
            f"5xx {self.server_errors}, no answer {self.unanswered}",
            f"{'':18}{'acknowledged':>13}{'found after':>13}{'lost':>6}",
        ]
        names = {"observations": "observations", "posts": "reflection posts",
                 "plan": "plan revisions"}
        totals = [0, 0, 0]
        for kind, values in self.counts().items():
            lines.append(f"{names[kind]:18}{values[0]:>13}{values[1]:>13}{values[2]:>6}" + (
                f"   ({self.same_base} saved from the same base as another at the same moment: "
                "both kept)" if kind == "plan" else ""))
            totals = [t + v for t, v in zip(totals, values)]
        lines.append(f"{'all items':18}{totals[0]:>13}{totals[1]:>13}{totals[2]:>6}   "
                     f"(stored: {self.rows[0]} workbench_xblockstate rows, {self.rows[1]} bytes of state)")
        lines.append(f"latency of each HTTP request, ms:  {'handler':22}{'n':>6}{'p50':>8}"
                     f"{'p95':>8}{'p99':>8}{'max':>8}")
        for handler in sorted(recorder.latency):
            ordered = sorted(recorder.latency[handler])
            lines.append(f"{'':35}{handler:22}{len(ordered):>6}" + "".join(
                f"{percentile(ordered, q) * 1000:>8.0f}" for q in (50, 95, 99, 100)))
        lines.append(
            f"xblock-poll vote (same workbench, {self.votes['sent']} users voting once, all at once): "
            f"answered success {self.votes['success']}, tally afterwards {self.tally}, "
            f"lost votes {self.poll_lost} | lessonstudy lost items {self.lost}")
        if recorder.unexpected:
            shown = Counter(recorder.unexpected).most_common(10)
            lines.append("unexpected answers: " + "; ".join(
                f"{handler} {status} {error!r} x{count}" for (handler, status, error), count in shown))
        return "\n".join(lines)


@contextmanager
def stderr_to(path):
    """Send this process's standard error (fd 2, which child processes inherit) to a file."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "ab") as log:
        os.dup2(log.fileno(), 2)
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


def errors_in_log(path, limit=60):
    """The lines from the server log's first traceback on (for a report with 5xx)."""
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    start = next((n for n, line in enumerate(lines) if line.startswith("Traceback")), None)
    return [] if start is None else lines[start:start + limit]


def run_load(users, groups, seconds, workers=4, think=0.0, server_log=None, out=print):
    """Start MariaDB and the workbench, drive the load, read back; returns the finished run.

    The workbench's own output (its 4xx warnings, any traceback) goes to
    ``server_log`` rather than the terminal.
    """
    server_log = Path(server_log or ARTIFACTS / f"workbench-mariadb-{users}-users.log")
    server_log.parent.mkdir(parents=True, exist_ok=True)
    server_log.write_text("", encoding="utf-8")
    started = time.monotonic()
    with mariadb_server() as server, ExitStack() as stack:
        with server.connect() as connection, connection.cursor() as cursor:
            cursor.execute("SELECT VERSION()")
            database = f"MariaDB {cursor.fetchone()[0].split('-')[0]} on 127.0.0.1:{server.port}"
        database_up = time.monotonic() - started
        with stderr_to(server_log):  # migrate, createcachetable, gunicorn and its workers
            base = stack.enter_context(workbench_server(server.django_database(), workers=workers))
        run = LoadRun(base, users, groups, seconds, think)
        run.set_up_seconds = (database_up, time.monotonic() - started - database_up)
        run.set_up()
        run.drive()
        run.read_back()
        with server.connect(database="lessonstudy") as connection, connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                           "'lessonstudy' AND table_name = 'lessonstudy_cache'")
            if cursor.fetchone()[0] != 1:
                raise RuntimeError("the lock cache table lessonstudy_cache is not on MariaDB")
            cursor.execute("SELECT COUNT(*), COALESCE(SUM(LENGTH(state)), 0) FROM workbench_xblockstate")
            run.rows = cursor.fetchone()
    run.text = run.report(workers, database)
    run.text += f"\nserver log: {server_log}"
    if run.server_errors:
        run.text += "\n" + "\n".join(errors_in_log(server_log))
    out(run.text)
    return run


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--users", type=int, default=60)
    parser.add_argument("--groups", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean pause in seconds between a participant's requests (default none)")
    parser.add_argument("--report", type=Path, help="also write the report to this file "
                        "(default: test-artifacts/load/mariadb-<users>-users.txt)")
    args = parser.parse_args(argv)
    run = run_load(args.users, args.groups, args.seconds, args.workers, args.think)
    report = args.report or ARTIFACTS / f"mariadb-{args.users}-users.txt"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(run.text + "\n", encoding="utf-8")
    failures = []
    if run.lost:
        failures.append(f"{run.lost} acknowledged items lost")
    if run.server_errors:
        failures.append(f"{run.server_errors} answers 5xx")
    if run.unanswered:
        failures.append(f"{run.unanswered} requests without an answer")
    if run.recorder.unexpected:
        failures.append(f"{len(run.recorder.unexpected)} unexpected 4xx answers")
    if failures:
        print("FAILED: " + "; ".join(failures), file=sys.stderr)
        return 1
    print("OK: nothing acknowledged was lost, no 5xx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
