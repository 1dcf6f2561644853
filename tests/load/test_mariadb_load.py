"""The short load test on a real database: 20 users in 4 groups for about 10 s on MariaDB.

The workbench is served by 4 gunicorn worker processes on a MariaDB server the
test starts itself on loopback (its lock cache, ``lessonstudy_cache``, is a
table there too), and participants save plan sections, observations and
reflection posts at once (``tests/load/mariadb_load.py`` says how). Every
acknowledged item must be found afterwards, no answer may be a 5xx, and no
answer may be a 4xx other than a 409 for a stale plan copy or a 429 that was
sent again. xblock-poll's lost votes in the same run are printed, not judged.

``make loadtest`` runs the long version (60 users, 10 groups, 60 s). Without
MariaDB installed this test is skipped, except under ``CI=true``, where
``.ci/run`` installs it and its absence fails the test.
"""

import pytest

from tests.load.mariadb_load import ARTIFACTS, run_load
from tests.support.mariadb import require_mariadb

USERS, GROUPS, SECONDS = 20, 4, 10


@pytest.mark.load
def test_twenty_users_in_four_groups_lose_nothing_on_mariadb():
    require_mariadb()
    run = run_load(USERS, GROUPS, SECONDS, workers=4,
                   server_log=ARTIFACTS / "workbench-mariadb-short.log")
    (ARTIFACTS / "mariadb-short.txt").write_text(run.text + "\n", encoding="utf-8")

    counts = run.counts()
    assert run.server_errors == 0, run.text
    assert run.unanswered == 0, run.text
    assert not run.recorder.unexpected, run.text
    assert run.lost == 0, run.text
    # Each kind of item was really exercised.
    assert all(acknowledged > 0 for acknowledged, _found, _lost in counts.values()), run.text
    assert run.votes["sent"] == USERS, run.text
