"""XBlock services that make the workbench behave like the LMS for these blocks.

The workbench picks the current user from the ``?student=`` query value and
knows nothing else about them. These services give that id what the LMS's
``user`` service gives (``edx-platform.*`` attributes, anonymous ids, staff
status) and add the LMS's ``user_state`` service, which reads another
learner's state of a block. In the workbench, ids that start with ``staff``
are course staff; every other id is a participant.
"""

import hashlib
import json
import warnings
from types import SimpleNamespace

from django.utils import translation
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
        state = (
            XBlockState.objects.filter(scope="usage", scope_id=str(block_id), user_id=username)
            .order_by("id").values_list("state", flat=True).first()
        )
        if not state:
            return {}
        try:
            value = json.loads(state)
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}
