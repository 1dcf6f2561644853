"""A throw-away MariaDB server for tests: started by the test itself, on loopback only.

Uses the binaries of Debian's ``mariadb-server`` (``.ci/run`` installs it), never
the system service: ``mariadb-install-db`` makes a fresh data directory in a
temporary folder, ``mariadbd`` serves it on 127.0.0.1 at a free port (and a
socket in the same folder), and everything is stopped and removed afterwards.

    with mariadb_server() as server:
        settings = server.django_database()   # a DATABASES["default"] dict

``MariaDBMissing`` says how to install the server when its binaries are not
found; tests turn it into a skip, or a failure under ``CI=true`` (CI installs
the server, so its absence there is a broken set-up, not a reason to skip).
"""

import getpass
import os
import shutil
import signal
import subprocess
import tempfile
import time
from contextlib import contextmanager

from tests.support.server import free_port

#: Where Debian puts the server (``/usr/sbin`` is not always on a user's PATH).
SEARCH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/local/sbin",
                               "/usr/local/mysql/bin", "/usr/libexec"])
DATABASE = "lessonstudy"
USER = "lessonstudy"
PASSWORD = "lessonstudy-load-test"


class MariaDBMissing(RuntimeError):
    """The MariaDB server binaries are not installed."""


def _which(*names):
    for name in names:
        found = shutil.which(name, path=SEARCH_PATH)
        if found:
            return found
    return None


def binaries():
    """``(server, install_db)`` paths; raises :class:`MariaDBMissing` with how to install them."""
    server = _which("mariadbd", "mysqld")
    install_db = _which("mariadb-install-db", "mysql_install_db")
    if not server or not install_db:
        raise MariaDBMissing(
            "MariaDB is not installed (no mariadbd and mariadb-install-db found on PATH or in "
            "/usr/sbin): install Debian's package with `apt-get install mariadb-server` "
            "(.ci/run does this in CI); the test starts its own server on loopback, the system "
            "service is not needed.")
    return server, install_db


def require_mariadb():
    """For tests: skip when MariaDB is missing, but fail under CI (which installs it)."""
    import pytest  # pylint: disable=import-outside-toplevel

    try:
        return binaries()
    except MariaDBMissing as missing:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"CI=true, and {missing}")
        pytest.skip(str(missing))
    return None  # not reached


class MariaDBServer:
    """A running server: where it listens, and how Django connects to it."""

    def __init__(self, directory, port, process):
        self.directory, self.port, self.process = directory, port, process
        self.socket = os.path.join(directory, "sock")
        self.error_log = os.path.join(directory, "error.log")

    def connect(self, user="root", password="", database=None):
        """A PyMySQL connection over TCP on 127.0.0.1."""
        import pymysql  # pylint: disable=import-outside-toplevel

        return pymysql.connect(host="127.0.0.1", port=self.port, user=user, password=password,
                               database=database, charset="utf8mb4", connect_timeout=5,
                               autocommit=True)

    def django_database(self):
        """A ``DATABASES`` entry for this server's utf8mb4 database, over TCP on loopback."""
        return {
            "ENGINE": "django.db.backends.mysql",
            "NAME": DATABASE, "USER": USER, "PASSWORD": PASSWORD,
            "HOST": "127.0.0.1", "PORT": str(self.port),
            "OPTIONS": {"charset": "utf8mb4"},
        }

    def log_tail(self, lines=30):
        """The end of the server's error log, for failure messages."""
        try:
            with open(self.error_log, encoding="utf-8", errors="replace") as log:
                return "".join(log.readlines()[-lines:])
        except OSError:
            return "(no error log)"


def _run(command, what):
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=180)
    if result.returncode != 0:
        raise RuntimeError(f"{what} failed ({result.returncode}): {' '.join(command)}\n"
                           f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")


@contextmanager
def mariadb_server(startup_seconds=60):
    """Start a MariaDB server with a fresh data directory; yields a :class:`MariaDBServer`.

    It listens on 127.0.0.1 only, at a free port, and has the database
    ``lessonstudy`` (utf8mb4) with its own user. Stopped, and its directory
    removed, on exit.
    """
    server_binary, install_db = binaries()
    directory = tempfile.mkdtemp(prefix="lessonstudy-mariadb-")  # short: a socket path has a limit
    datadir = os.path.join(directory, "data")
    user = getpass.getuser()  # root must say --user=root; anyone else runs as themselves
    process = None
    try:
        _run([install_db, "--no-defaults", f"--datadir={datadir}", f"--user={user}",
              "--auth-root-authentication-method=normal", "--skip-test-db",
              "--skip-name-resolve"], "mariadb-install-db")
        port = free_port()
        server = MariaDBServer(directory, port, None)
        process = subprocess.Popen(  # pylint: disable=consider-using-with
            [server_binary, "--no-defaults", f"--datadir={datadir}", f"--socket={server.socket}",
             f"--port={port}", "--bind-address=127.0.0.1", "--skip-networking=0",
             "--skip-name-resolve", f"--user={user}", f"--pid-file={directory}/mariadbd.pid",
             f"--log-error={server.error_log}", f"--tmpdir={directory}",
             "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
             "--max-connections=300", "--innodb-buffer-pool-size=128M"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        server.process = process
        _wait_for_connections(server, startup_seconds)
        with server.connect() as connection, connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {DATABASE} CHARACTER SET utf8mb4 "
                           "COLLATE utf8mb4_unicode_ci")
            for host in ("127.0.0.1", "localhost"):
                cursor.execute(f"CREATE USER '{USER}'@'{host}' IDENTIFIED BY '{PASSWORD}'")
                cursor.execute(f"GRANT ALL PRIVILEGES ON {DATABASE}.* TO '{USER}'@'{host}'")
        yield server
    finally:
        if process is not None:
            _stop(process)
        shutil.rmtree(directory, ignore_errors=True)


def _wait_for_connections(server, seconds):
    """Until the server answers a query over TCP on loopback."""
    deadline = time.monotonic() + seconds
    error = None
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"mariadbd exited with {server.process.returncode}:\n{server.log_tail()}")
        try:
            with server.connect() as connection, connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                return
        except Exception as failure:  # pylint: disable=broad-except
            error = failure
            time.sleep(0.2)
    raise RuntimeError(f"mariadbd did not accept connections within {seconds} s ({error}):\n"
                       f"{server.log_tail()}")


def _stop(process):
    """SIGTERM (a clean shutdown), then SIGKILL if it takes too long."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
