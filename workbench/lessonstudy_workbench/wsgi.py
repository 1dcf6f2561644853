"""The WSGI application of the workbench (runserver and gunicorn).

Unlike the sdk's own module, it loads the scenarios at import: the sdk fills
its usage-id registry only when a process first serves the index or a
scenario page, so a fresh worker would answer handler requests with 404.

Loading writes the scenarios' content rows, and the sdk's table has no unique
key: workers loading at the same moment can create the same row twice, after
which every read of it fails. So processes on this machine load one at a time,
under a file lock in ``var/``.
"""

import fcntl
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lessonstudy_workbench.settings")

# pylint: disable=wrong-import-position
from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connections  # noqa: E402

application = get_wsgi_application()


def load_scenarios():
    """Fill this process's scenario registry, one process at a time."""
    from workbench.scenarios import get_scenarios  # pylint: disable=import-outside-toplevel

    with open(os.path.join(settings.VAR_DIR, "scenario-loading.lock"), "a", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            get_scenarios()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    # Do not hand an open connection to forked workers (gunicorn --preload).
    connections.close_all()


load_scenarios()
