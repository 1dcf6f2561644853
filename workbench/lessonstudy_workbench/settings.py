"""Django settings for the xblock-sdk workbench with the Lesson Study blocks.

Starts from the sdk's own settings and changes what does not suit a project:
the sdk's paths are relative to the current directory, it logs every SQL
statement to a file, and it lacks the ``user_state`` service, a per-user
``user`` service with the LMS's attributes, a shared cache and a language
switch.

Environment:

* ``WORKBENCH_DATABASES``: a JSON value for ``DATABASES`` (e.g. MySQL for load
  tests); without it, SQLite in ``var/workbench.db`` at the repository root.
* ``WORKBENCH_DEBUG=1``: Django's ``DEBUG`` (off by default, so an error shows
  a plain error page); static files are served by WhiteNoise either way.
* ``WORKBENCH_ALLOWED_HOSTS``: host names the server answers, comma-separated
  (default: loopback), e.g. a machine's address to try the demo on a phone.
* ``LESSONSTUDY_CACHE=locmem``: use a per-process memory cache instead of the
  database cache. Faster, but ``cache.add`` is then atomic only inside one
  process, so the blocks' per-learner write locks no longer hold across
  worker processes. Use it only for single-process runs.
"""

import importlib.util
import json
import os
from importlib.metadata import entry_points
from pathlib import Path

from workbench.settings import *  # noqa: F401,F403  pylint: disable=wildcard-import,unused-wildcard-import
from workbench.settings import MIDDLEWARE as SDK_MIDDLEWARE

#: The repository root (this file is ``workbench/lessonstudy_workbench/settings.py``).
REPO_DIR = Path(__file__).resolve().parents[2]
#: Everything the workbench writes: database, file storage.
VAR_DIR = REPO_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

# Off unless a developer asks: Django's debug page prints the local variables of every frame,
# which in a handler include the block's fields (a group's join code, say).
DEBUG = os.environ.get("WORKBENCH_DEBUG", "").lower() in ("1", "true", "yes")
TEMPLATES[0]["OPTIONS"]["debug"] = DEBUG  # noqa: F405  (the sdk set it from its own DEBUG)
# Even with DEBUG on, error pages leave out frame variables and request data.
DEFAULT_EXCEPTION_REPORTER_FILTER = "lessonstudy_workbench.middleware.NoFieldDataReporterFilter"
# testserver: Django's test Client.
ALLOWED_HOSTS = [host.strip() for host in os.environ.get(
    "WORKBENCH_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if host.strip()]

if "WORKBENCH_DATABASES" in os.environ:
    DATABASES = json.loads(os.environ["WORKBENCH_DATABASES"])
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "workbench.db"),
        }
    }

# A MySQL or MariaDB database (the load test) through PyMySQL, a pure-Python
# driver, when mysqlclient (the MySQLdb module Django imports) is not installed.
if any(db.get("ENGINE") == "django.db.backends.mysql" for db in DATABASES.values()):
    try:
        import MySQLdb  # noqa: F401  pylint: disable=unused-import
    except ImportError:
        import pymysql

        pymysql.install_as_MySQLdb()

# The blocks take a short per-learner lock with ``cache.add``. The database
# cache makes that atomic across worker processes (the table's unique key);
# the sdk's default local-memory cache is per process. Create the table with
# ``python -m django createcachetable`` (``make run`` does; tests do it
# themselves).
if os.environ.get("LESSONSTUDY_CACHE", "").lower() == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                          "LOCATION": "lessonstudy"}}
else:
    # Django culls a database cache past MAX_ENTRIES (300 by default), deleting entries at
    # random: write locks among them. The participants' figures (one entry each) need room.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                          "LOCATION": "lessonstudy_cache", "OPTIONS": {"MAX_ENTRIES": 1_000_000}}}

DJFS = {
    "type": "osfs",
    "directory_root": str(VAR_DIR / "djpyfs"),
    "url_root": "/static/djpyfs",
}

# Console only, warnings and errors; no SQL statements.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "level": "WARNING"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

TIME_ZONE = "UTC"
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("id", "Bahasa Indonesia")]
USE_I18N = True

# LocaleMiddleware picks the language from the language cookie or
# Accept-Language: after SessionMiddleware, before CommonMiddleware. Then
# ``?lang=id`` (or ``?lang=en``) overrides both and sets the cookie
# (lessonstudy_workbench.middleware; docs/translations.md).
_COMMON = "django.middleware.common.CommonMiddleware"
_SESSION = "django.contrib.sessions.middleware.SessionMiddleware"
_LOCALE = "django.middleware.locale.LocaleMiddleware"
_LANGUAGE_QUERY = "lessonstudy_workbench.middleware.LanguageQueryMiddleware"
MIDDLEWARE = [m for m in SDK_MIDDLEWARE if m not in (_COMMON, _SESSION, _LOCALE, _LANGUAGE_QUERY)]
MIDDLEWARE[0:0] = [_SESSION, _LOCALE, _LANGUAGE_QUERY, _COMMON]
# Unknown handlers answer 404 (JSON), as the LMS answers them, not 500.
MIDDLEWARE.insert(0, "lessonstudy_workbench.middleware.HandlerNotFoundMiddleware")
# The sdk's static files (jQuery, its JS runtime) without DEBUG: WhiteNoise serves them from
# the apps' static folders (no collectstatic), with or without DEBUG.
MIDDLEWARE.insert(0, "whitenoise.middleware.WhiteNoiseMiddleware")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# The blocks' static files (``/resource/...``) are cached by browsers, as the LMS's are.
MIDDLEWARE.insert(0, "lessonstudy_workbench.middleware.ResourceCachingMiddleware")
# Pages carry a viewport meta tag, so a real phone shows the demo at its own width.
MIDDLEWARE.insert(0, "lessonstudy_workbench.middleware.ViewportMiddleware")

WSGI_APPLICATION = "lessonstudy_workbench.wsgi.application"

# This package is also a Django app for one migration: an index on the sdk's state table
# (see lessonstudy_workbench/migrations/).
INSTALLED_APPS = [*INSTALLED_APPS, "lessonstudy_workbench"]  # noqa: F405
# The platform's completion app (edx-completion, a test requirement), when installed: the
# platform-conformance tests ask its CompletionService what the LMS would do with a block.
if importlib.util.find_spec("completion") is not None:
    INSTALLED_APPS.append("completion")

# The index lists only this project's scenarios and other installed blocks
# (xblock-poll), not the sdk's samples. Their pages still work by URL.
EXCLUDED_XBLOCKS = {
    ep.name for ep in entry_points(group="xblock.v1")
    if ep.dist is not None and ep.dist.name.lower().replace("_", "-") == "xblock-sdk"
}

WORKBENCH = {
    "reset_state_on_restart": False,
    # Each class is instantiated for every runtime (one per request); the
    # runtime then sets its ``runtime`` attribute. These replace or add to
    # the sdk's built-in services.
    "services": {
        "field-data": "lessonstudy_workbench.field_data.RequestFieldData",
        # The blocks' own translations (translations/<lang>/LC_MESSAGES/text.mo), as in the LMS.
        "i18n": "lessonstudy_workbench.services.WorkbenchI18nService",
        "user": "lessonstudy_workbench.services.WorkbenchUserService",
        "user_state": "lessonstudy_workbench.services.WorkbenchUserStateService",
        "teams": "lessonstudy_workbench.teams.WorkbenchTeamsService",
        "studio_user_permissions": "lessonstudy_workbench.services.WorkbenchStudioPermissionsService",
        "teams_configuration": "lessonstudy_workbench.teams.WorkbenchTeamsConfigurationService",
        "settings": "workbench.services.SettingsService",
        "fs": "xblock.reference.plugins.FSService",
    },
}

XBLOCK_SETTINGS = {}

# The teamsets the workbench's `teams` service knows (see lessonstudy_workbench/teams.py).
# The demo's Teams-mode workspace uses "schools".
LESSONSTUDY_WORKBENCH_TEAMSETS = {
    "schools": {"name": "Schools", "teams": {
        "smpn5": {"name": "SMP Negeri 5 Malang", "members": ["tim_ani", "tim_bayu", "tim_citra"]},
        "sdn2": {"name": "SD Negeri 2 Batu", "members": ["tim_dodi", "tim_eka"]},
    }},
}
