"""A real workbench server for tests: its own database, served by gunicorn workers.

Used by the concurrency tests (several worker processes on one database, as
the LMS runs) and the browser tests.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import django

REPO = Path(__file__).resolve().parents[2]


def free_port():
    """A TCP port on loopback nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(database=None):
    """Environment for a workbench process: settings, import path and database."""
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "lessonstudy_workbench.settings"
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "workbench"), str(REPO)] +
                                        [p for p in [env.get("PYTHONPATH")] if p])
    env.pop("LESSONSTUDY_CACHE", None)
    if database is not None:
        env["WORKBENCH_DATABASES"] = json.dumps({"default": database})
    return env


def sqlite_database(path):
    """A SQLite database that several processes can write: wait for locks, take them early."""
    options = {"timeout": 60}
    if django.VERSION >= (5, 1):  # older Django has no transaction_mode
        options["transaction_mode"] = "IMMEDIATE"
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path), "OPTIONS": options}


def prepare_database(env):
    """Create the tables and the cache table the write locks use."""
    for command in (["migrate", "--noinput"], ["createcachetable"]):
        subprocess.run([sys.executable, "-m", "django", *command, "-v", "0"], env=env, cwd=REPO,
                       check=True)


@contextmanager
def workbench_server(database, workers=3, port=None):
    """Serve the workbench with gunicorn on loopback; yields the base URL."""
    env = server_env(database)
    prepare_database(env)
    port = port or free_port()
    process = subprocess.Popen(
        # --preload: the scenarios are loaded once, before the workers fork. Loaded in each worker,
        # a worker starting late wrote the scenarios' OLX settings again over an author's save.
        [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}",
         "--no-control-socket", "--timeout", "120", "--log-level", "warning", "--preload",
         "lessonstudy_workbench.wsgi:application"],
        env=env, cwd=REPO, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def wait_until_up(base, process, seconds=90):
    """Poll the index until it answers."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the workbench server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(base + "/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the workbench server did not start")


def usage_id(base, scenario_id):
    """The usage id of the block rendered by a scenario page."""
    with urllib.request.urlopen(f"{base}/scenario/{scenario_id}/", timeout=30) as response:
        html = response.read().decode("utf-8")
    match = re.search(r"data-usage=['\"]([^'\"]+)['\"]", html)
    if not match:
        raise RuntimeError(f"no block found in scenario {scenario_id}")
    return match.group(1)


class HandlerClient:
    """JSON handler requests over HTTP as one workbench user, with the CSRF cookie and header."""

    TOKEN = "lessonstudyloadtestcsrftoken0001"

    def __init__(self, base, block_id, student):
        self.base, self.block_id, self.student = base, block_id, student
        self.busy_answers = 0  # 429s answered (and sent again)

    def call(self, handler, payload, timeout=60):
        """``(status, JSON or None, seconds, headers)``."""
        url = f"{self.base}/handler/{self.block_id}/{handler}/?student={self.student}"
        request = urllib.request.Request(url, data=json.dumps(payload).encode("utf-8"), method="POST",
                                         headers={"Content-Type": "application/json",
                                                  "X-CSRFToken": self.TOKEN,
                                                  "Cookie": f"csrftoken={self.TOKEN}",
                                                  "Referer": self.base + "/"})
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status, body, headers = response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            status, body, headers = error.code, error.read(), error.headers
        elapsed = time.perf_counter() - started
        try:
            data = json.loads(body)
        except ValueError:
            data = None
        return status, data, elapsed, headers

    def call_until_stored(self, handler, payload, attempts=100):
        """Send like the browser: after a 429, wait ``Retry-After`` and send the same body again."""
        for _attempt in range(attempts):
            status, data, elapsed, headers = self.call(handler, payload)
            if status != 429:
                return status, data, elapsed
            self.busy_answers += 1
            time.sleep(min(float(headers.get("Retry-After", "1")), 1.0) * 0.2)
        return status, data, elapsed
