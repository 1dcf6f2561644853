"""XBlock services that make the workbench behave like the LMS for these blocks.

The workbench picks the current user from the ``?student=`` query value and
knows nothing else about them. These services give that id what the LMS's
``user`` service gives (``edx-platform.*`` attributes, anonymous ids, staff
status) and add the LMS's ``user_state`` service, which reads another
learner's state of a block. In the workbench, ids that start with ``staff``
are course staff; every other id is a participant.

The ``i18n`` service translates like the LMS's ``XBlockI18nService``: with
the package's own ``translations/<lang>/LC_MESSAGES/text.mo`` for the active
language, which the sdk's ``WorkbenchI18NService`` never reads.
"""

import functools
import gettext as gettext_module
import hashlib
import importlib.util
import json
import os
import re
import warnings
from types import SimpleNamespace

from django.conf import settings
from django.utils import dates, formats, translation
from xblock.reference.user_service import UserService, XBlockUser
from xblock.runtime import UserIdDeprecationWarning

#: Mixed into anonymous ids so they do not reveal the username at a glance.
ANONYMOUS_ID_SALT = "lessonstudy-workbench"
STAFF_PREFIX = "staff"
EMAIL_DOMAIN = "example.com"


def is_staff(username):
    """Whether a workbench user id counts as course staff."""
    return str(username).startswith(STAFF_PREFIX)


def anonymous_user_id(username):
    """A stable 32-hex anonymous id for a username, like the LMS's."""
    digest = hashlib.sha256(f"{ANONYMOUS_ID_SALT}:{username}".encode("utf-8")).hexdigest()
    return digest[:32]


def numeric_user_id(username):
    """A stable positive integer standing in for the LMS's user id."""
    return int(hashlib.sha256(str(username).encode("utf-8")).hexdigest()[:8], 16)


def full_name(username):
    """A readable name from a workbench id: ``staff_ana`` -> ``Staff Ana``."""
    words = str(username).replace("-", " ").replace("_", " ").replace(".", " ").split()
    return " ".join(word.capitalize() for word in words) or str(username)


def known_usernames():
    """Every user id the workbench has stored state for."""
    from workbench.models import XBlockState  # pylint: disable=import-outside-toplevel

    return set(XBlockState.objects.exclude(user_id=None).values_list("user_id", flat=True).distinct())


class WorkbenchUserService(UserService):
    """The ``user`` service: the current workbench user with the LMS's ``edx-platform.*`` attributes."""

    runtime = None  # set by the workbench runtime right after construction

    def current_username(self):
        """The id the runtime was built for (the ``?student=`` value), or None."""
        if self.runtime is None:
            return None
        with warnings.catch_warnings():
            # The per-runtime user id is deprecated in XBlock, but it is how
            # the workbench tells a runtime who is asking.
            warnings.simplefilter("ignore", UserIdDeprecationWarning)
            user_id = self.runtime.user_id
        return None if user_id is None else str(user_id)

    def get_current_user(self):
        """An ``XBlockUser`` for the current user, as the LMS describes a logged-in learner."""
        username = self.current_username()
        if username is None:
            return XBlockUser(is_current_user=True)
        staff = is_staff(username)
        user = XBlockUser(
            is_current_user=True,
            emails=[f"{username}@{EMAIL_DOMAIN}"],
            full_name=full_name(username),
        )
        user.opt_attrs.update({
            "edx-platform.user_id": numeric_user_id(username),
            "edx-platform.username": username,
            "edx-platform.anonymous_user_id": anonymous_user_id(username),
            "edx-platform.user_is_staff": staff,
            "edx-platform.user_is_global_staff": False,
            "edx-platform.user_role": "staff" if staff else "student",
            "edx-platform.is_authenticated": True,
            "edx-platform.user_preferences": {"pref-lang": translation.get_language() or "en"},
        })
        return user

    def get_anonymous_user_id(self, username, course_id):  # pylint: disable=unused-argument
        """Another user's anonymous id; like the LMS, only for staff (None otherwise)."""
        current = self.current_username()
        if current is None or not is_staff(current):
            return None
        return anonymous_user_id(username)

    def get_user_by_anonymous_id(self, uid=None):
        """The user (``username``, ``id``) behind an anonymous id, or None when unknown.

        Without ``uid``, the current user. The workbench has no user table, so
        the candidates are the current user and every user with stored state.
        """
        current = self.current_username()
        if uid is None:
            return _user(current) if current is not None else None
        candidates = known_usernames()
        if current is not None:
            candidates.add(current)
        for username in sorted(candidates):
            if anonymous_user_id(username) == uid:
                return _user(username)
        return None


def _user(username):
    return SimpleNamespace(username=username, id=numeric_user_id(username))


class WorkbenchUserStateService:
    """The ``user_state`` service: another learner's ``user_state`` of a block, read now.

    Like the LMS's ``courseware.services.UserStateService``: it checks no
    permission (the block must authorise) and reads the database on every
    call, so a block can re-read a row inside its own lock.
    """

    runtime = None  # set by the workbench runtime right after construction

    def get_state_as_dict(self, username_or_email, block_id):
        """The user's ``Scope.user_state`` fields of the block as a dict, or {} when none."""
        from workbench.models import XBlockState  # pylint: disable=import-outside-toplevel

        username = str(username_or_email)
        if username.endswith(f"@{EMAIL_DOMAIN}"):
            username = username[: -len(EMAIL_DOMAIN) - 1]
        # Filtered on the indexed pair only (lessonstudy_workbench/migrations): with the scope and
        # an ORDER BY in the query, SQLite picked the index on scope and scanned every row.
        rows = XBlockState.objects.filter(scope_id=str(block_id), user_id=username).values_list(
            "id", "scope", "state")
        state = min(((pk, value) for pk, scope, value in rows if scope == "usage"), default=(None, None))[1]
        if not state:
            return {}
        try:
            value = json.loads(state)
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}


#: Packages whose ``translations/`` hold a gettext ``text`` domain, as the LMS
#: loads it for a block of that package. The workbench's service is made per
#: runtime, not per block, so it is told which packages to read.
TEXT_DOMAIN_PACKAGES = ("lessonstudy_xblock",)
TEXT_DOMAIN = "text"

#: Named formats of ``strftime``, as the LMS's ``strftime_localized`` knows
#: them, mapped to Django's per-language format settings.
NAMED_FORMATS = {
    "SHORT_DATE": "SHORT_DATE_FORMAT",
    "LONG_DATE": "DATE_FORMAT",
    "TIME": "TIME_FORMAT",
    "DATE_TIME": "DATETIME_FORMAT",
    "SHORT_DATE_TIME": "SHORT_DATETIME_FORMAT",
}


@functools.lru_cache(maxsize=16)
def package_translations(language):
    """The packages' ``text`` catalogs for a language, merged (a ``GNUTranslations``), or None."""
    merged = None
    locale = translation.to_locale(language)
    for package in TEXT_DOMAIN_PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            continue
        directory = os.path.join(list(spec.submodule_search_locations)[0], "translations")
        try:
            catalog = gettext_module.translation(TEXT_DOMAIN, directory, [locale])
        except OSError:
            continue
        if merged is None:
            merged = catalog
        else:
            # pylint: disable=protected-access
            merged._catalog = {**catalog._catalog, **merged._catalog}
    return merged


class WorkbenchI18nService:
    """The ``i18n`` service: the packages' ``text`` catalog for the active language, then Django's.

    Like the LMS's ``XBlockI18nService``: ``gettext`` and ``ngettext``
    translate with the block package's catalog for Django's active language
    (``translation.get_language()``, set by ``LocaleMiddleware`` from the
    language cookie or ``Accept-Language``, or by ``?lang=``); a message the
    package does not translate goes to Django's own catalogs. Other
    attributes (``_catalog``, which the ``{% trans %}`` tag of
    ``xblock.utils`` merges) come from the package's catalog.
    """

    runtime = None  # set by the workbench runtime right after construction

    @staticmethod
    def language():
        """The active language code."""
        return translation.get_language() or settings.LANGUAGE_CODE

    def _package(self):
        return package_translations(self.language())

    def _lookup(self, key):
        package = self._package()
        catalog = getattr(package, "_catalog", None) or {}
        return catalog.get(key)

    def gettext(self, message):
        """``message`` translated by the package, else by Django."""
        found = self._lookup(message)
        return found if found else translation.gettext(message)

    ugettext = gettext

    def ngettext(self, singular, plural, number):
        """The form for ``number`` translated by the package, else by Django."""
        package = self._package()
        if package is not None and self._lookup((singular, 0)):
            return package.ngettext(singular, plural, number)
        return translation.ngettext(singular, plural, number)

    ungettext = ngettext

    def pgettext(self, context, message):
        """A message with a context (``context\\x04message`` in the catalog)."""
        found = self._lookup(f"{context}\x04{message}")
        return found if found else translation.pgettext(context, message)

    def strftime(self, dtime, format):  # pylint: disable=redefined-builtin
        """A date or time in the active language.

        ``format`` is a named format (``SHORT_DATE``, ``LONG_DATE``, ``TIME``,
        ``DATE_TIME``, also with ``_FORMAT``), formatted with Django's format
        for the language, or a ``strftime`` pattern whose ``%a %A %b %B``
        are the language's day and month names.
        """
        name = format[:-len("_FORMAT")] if format.endswith("_FORMAT") else format
        if name in NAMED_FORMATS:
            return formats.date_format(dtime, NAMED_FORMATS[name])
        names = {
            "a": str(dates.WEEKDAYS_ABBR[dtime.weekday()]), "A": str(dates.WEEKDAYS[dtime.weekday()]),
            "b": str(dates.MONTHS_3[dtime.month]).capitalize(), "B": str(dates.MONTHS[dtime.month]),
        }
        return re.sub(r"%([aAbB%])|%-?[a-zA-Z]", lambda m: (
            names[m.group(1)] if m.group(1) in names else m.group(0) if m.group(1) == "%"
            else dtime.strftime(m.group(0))), format).replace("%%", "%")

    def get_javascript_i18n_catalog_url(self, block):  # pylint: disable=unused-argument
        """None: the blocks pass their JavaScript catalog to their init function."""
        return None

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        package = self._package()
        if package is None:
            return getattr(gettext_module.NullTranslations(), name)
        return getattr(package, name)


class WorkbenchStudioPermissionsService:
    """Studio's ``studio_user_permissions`` service: in the workbench, staff ids are the authors.

    Its studio_view page plays Studio's part, so the blocks' authoring
    handlers answer there as they do in Studio: for authors only.
    """

    runtime = None

    def _is_author(self):
        user_id = getattr(self.runtime, "user_id", None) if self.runtime is not None else None
        return user_id is not None and is_staff(user_id)

    def can_read(self, course_key):  # pylint: disable=unused-argument
        """Anyone may read the course in the workbench."""
        return True

    def can_write(self, course_key):  # pylint: disable=unused-argument
        """Only staff ids may change settings."""
        return self._is_author()
