"""A test double of the Open edX LMS's field storage, with the LMS's semantics.

It reproduces what ``lms/djangoapps/courseware/model_data.py`` (``FieldDataCache``,
``DjangoOrmFieldCache``) and ``user_state_client.py``
(``DjangoXBlockUserStateClient``) do with a block's fields (see
``shared/reference/openedx-runtime.md`` §1):

* ``Scope.user_state_summary``: one row per (block, field) shared by every
  user, prefetched at request start and overwritten whole at request end
  with no lock, version or transaction (last writer wins). When the row did
  not exist at request start, the write is an INSERT, and two requests
  inserting at once make the loser's save fail with ``KeyValueMultiSaveError``
  (``DjangoOrmFieldCache.set_many`` turns the ``IntegrityError`` into it; XBlock
  raises ``XBlockSaveError``; a handler that lets it through answers 500).
* ``Scope.user_state``: one row per (learner, block) holding all the block's
  user_state fields. Read at request start; at save, the row is read again
  and only this request's changed fields are overlaid (merged by field, last
  writer wins per field). Two requests creating a learner's first row at once:
  one write is silently dropped (the ``IntegrityError`` is swallowed).
* The ``user_state`` service reads another learner's row as it is now, with
  no permission check.

``race_window`` seconds are slept between the read and the write of every
save so that concurrent requests really interleave.
"""

import json
import threading
import time
from types import SimpleNamespace

import webob
from xblock.exceptions import KeyValueMultiSaveError
from xblock.fields import Scope, ScopeIds
from xblock.reference.user_service import UserService, XBlockUser
from xblock.runtime import KeyValueStore, KvsFieldData, MemoryIdManager, NullI18nService, Runtime

from lessonstudy_xblock.cycle import CycleBlock


class IntegrityError(Exception):
    """What the database raises for a duplicate row."""


class LmsDatabase:
    """The LMS tables this double needs, for any number of blocks and learners."""

    def __init__(self, race_window=0.002):
        self.race_window = race_window
        self._statement = threading.Lock()  # each SQL statement is atomic, nothing more
        self.student_module = {}  # (username, usage_id) -> JSON text of all user_state fields
        self.summary = {}         # (usage_id, field_name) -> JSON text
        self.dropped_first_writes = 0
        self.statements = 0
        self.user_state_reads = 0
        #: Usernames actively enrolled in the course, for the ``enrollments`` service; None: the
        #: runtime offers no such service (it cannot tell).
        self.enrolled = None

    def _pause(self):
        if self.race_window:
            time.sleep(self.race_window)

    # StudentModule -----------------------------------------------------------
    def read_state(self, username, usage_id):
        """``StudentModule.state`` parsed, or None when the row does not exist."""
        with self._statement:
            self.statements += 1
            text = self.student_module.get((username, usage_id))
        return None if text is None else json.loads(text)

    def save_state(self, username, usage_id, changes):
        """``DjangoXBlockUserStateClient.set_many``: get_or_create, overlay, save."""
        key = (username, usage_id)
        with self._statement:
            self.statements += 1
            text = self.student_module.get(key)
        if text is None:
            self._pause()
            with self._statement:
                self.statements += 1
                if key in self.student_module:
                    # The IntegrityError of the losing INSERT is logged and swallowed.
                    self.dropped_first_writes += 1
                    return
                self.student_module[key] = json.dumps(changes)
            return
        current = json.loads(text)
        current.update(changes)
        self._pause()
        with self._statement:
            self.statements += 1
            self.student_module[key] = json.dumps(current)

    # XModuleUserStateSummaryField ---------------------------------------------
    def read_summary(self, usage_id):
        """Every summary field row of a block (the request-start prefetch)."""
        with self._statement:
            self.statements += 1
            return {field: json.loads(text) for (usage, field), text in self.summary.items()
                    if usage == usage_id}

    def write_summary(self, usage_id, field, value, existed):
        """``DjangoOrmFieldCache.set_many``: force_insert for a new row, else force_update."""
        self._pause()
        with self._statement:
            self.statements += 1
            if not existed and (usage_id, field) in self.summary:
                raise IntegrityError(f"Duplicate entry for {usage_id}/{field}")
            self.summary[(usage_id, field)] = json.dumps(value)


class RequestKeyValueStore(KeyValueStore):
    """One request's ``FieldDataCache``: a snapshot read at request start."""

    def __init__(self, db, username, usage_id, authored):
        self.db, self.username, self.usage_id, self.authored = db, username, usage_id, authored
        self.state = db.read_state(username, usage_id) or {}
        self.summary = db.read_summary(usage_id)
        self.summary_existed = set(self.summary)

    def _bucket(self, key):
        if key.scope == Scope.user_state:
            return self.state
        if key.scope == Scope.user_state_summary:
            return self.summary
        if key.scope in (Scope.settings, Scope.content):
            return self.authored
        raise KeyError(key)

    def get(self, key):
        return self._bucket(key)[key.field_name]

    def has(self, key):
        return key.field_name in self._bucket(key)

    def set(self, key, value):
        self.set_many({key: value})

    def delete(self, key):
        raise NotImplementedError

    def set_many(self, update_dict):
        state_changes, saved = {}, []
        for key, value in update_dict.items():
            if key.scope == Scope.user_state:
                state_changes[key.field_name] = value
                self.state[key.field_name] = value
            elif key.scope == Scope.user_state_summary:
                try:
                    self.db.write_summary(self.usage_id, key.field_name, value,
                                          key.field_name in self.summary_existed)
                except IntegrityError as error:
                    raise KeyValueMultiSaveError(saved) from error
                saved.append(key.field_name)
                self.summary_existed.add(key.field_name)
                self.summary[key.field_name] = value
            else:
                raise AssertionError(f"The LMS refuses to write {key.scope} from a learner request")
        if state_changes:
            self.db.save_state(self.username, self.usage_id, state_changes)
            saved += list(state_changes)


class LmsUserService(UserService):
    """``DjangoXBlockUserService`` with the opt_attrs the block reads."""

    def __init__(self, username, is_staff):
        super().__init__()
        self.username, self.is_staff = username, is_staff

    def get_current_user(self):
        user = XBlockUser(is_current_user=True, emails=[f"{self.username}@example.com"],
                          full_name=self.username.replace("_", " ").title())
        user.opt_attrs = {
            "edx-platform.username": self.username,
            "edx-platform.anonymous_user_id": anonymous_id(self.username),
            "edx-platform.user_is_staff": self.is_staff,
            "edx-platform.is_authenticated": True,
        }
        return user


def anonymous_id(username):
    """A stable course-specific anonymous id, as the LMS gives."""
    import hashlib  # pylint: disable=import-outside-toplevel
    return hashlib.md5(f"course-v1:Demo+LS+2026|{username}".encode()).hexdigest()


class LmsUserStateService:
    """``UserStateService.get_state_as_dict`` (``lms/djangoapps/courseware/services.py``): the row
    as it is now, no permission check. It looks the user up, then reads the row: two statements
    per call (``db.statements``; ``db.user_state_reads`` counts the calls)."""

    def __init__(self, db):
        self.db = db

    def get_state_as_dict(self, username_or_email, block_id):
        with self.db._statement:  # pylint: disable=protected-access
            self.db.statements += 1  # SELECT ... FROM auth_user WHERE username = ...
            self.db.user_state_reads += 1
        return self.db.read_state(username_or_email, block_id) or {}


class LmsEnrollmentsService:
    """``EnrollmentsService.get_active_enrollments_by_course``: the course's active enrollments
    (a QuerySet in the LMS; a list of objects with ``user.username`` here)."""

    def __init__(self, db):
        self.db = db

    def get_active_enrollments_by_course(self, course_id):  # pylint: disable=unused-argument
        return [SimpleNamespace(user=SimpleNamespace(username=name), is_active=True)
                for name in sorted(self.db.enrolled)]


class LmsLikeRuntime(Runtime):
    """Just enough runtime to run one handler request on the LMS storage double."""

    ids = MemoryIdManager()

    def __init__(self, db, username, is_staff, usage_id, authored):
        self.kvs = RequestKeyValueStore(db, username, usage_id, authored)
        self.events = []
        services = {
            "field-data": KvsFieldData(self.kvs),
            "user": LmsUserService(username, is_staff),
            "user_state": LmsUserStateService(db),
            "i18n": NullI18nService(),
        }
        if db.enrolled is not None:
            services["enrollments"] = LmsEnrollmentsService(db)
        super().__init__(self.ids, self.ids, services=services)

    def handler_url(self, block, handler_name, suffix="", query="", thirdparty=False):
        return f"/handler/{handler_name}"

    def resource_url(self, resource):
        return f"/static/{resource}"

    def local_resource_url(self, block, uri):
        return f"/resource/{uri}"

    def publish(self, block, event_type, event_data):
        self.events.append((event_type, event_data))


class LmsCourse:
    """One cycle block in a course on the LMS double; ``call`` is one HTTP request."""

    runtime_class = LmsLikeRuntime

    def __init__(self, db=None, usage_id="block-v1:Demo+LS+2026+type@lessonstudy_cycle+block@ws",
                 authored=None, block_class=CycleBlock, block_type="lessonstudy_cycle"):
        self.db = db or LmsDatabase()
        self.block_type = block_type
        self.usage_id = usage_id
        self.authored = authored or {}
        self.block_class = block_class
        self.events = []

    def call(self, username, handler, body):
        """``(status, json)`` of one handler request by ``username``; a raised error is a 500."""
        return self.call_bytes(username, handler, json.dumps(body).encode("utf-8"))

    def call_raw(self, username, handler, body):
        """Like :meth:`call` for any JSON value (even one json.dumps writes as NaN)."""
        return self.call_bytes(username, handler, json.dumps(body, allow_nan=True).encode("utf-8", "surrogatepass"))

    def call_bytes(self, username, handler, raw):
        """``(status, parsed body or None)`` for a request with a raw body."""
        runtime, block = self._bound(username)
        request = webob.Request.blank("/", method="POST", body=raw)
        try:
            response = runtime.handle(block, handler, request)
        except Exception as error:  # pylint: disable=broad-except
            return 500, {"error": repr(error)}
        self.events.extend(runtime.events)
        try:
            return response.status_code, json.loads(response.body)
        except ValueError:
            return response.status_code, None

    def _bound(self, username):
        """A fresh runtime for one request of ``username``, and the block in it."""
        runtime = self.runtime_class(self.db, username, username.startswith("staff"), self.usage_id,
                                     self.authored)
        block = runtime.construct_xblock_from_class(
            self.block_class, ScopeIds(username, self.block_type, "def-ws", self.usage_id))
        return runtime, block

    def render(self, username, view="student_view"):
        """The fragment of one page view of ``username``."""
        runtime, block = self._bound(username)
        return runtime.render(block, view)

    def call_until_stored(self, username, handler, body, attempts=200):
        """Send like the browser does: again with the same body after a 429."""
        for _attempt in range(attempts):
            status, answer = self.call(username, handler, body)
            if status != 429:
                return status, answer
            time.sleep(0.005)
        return status, answer
