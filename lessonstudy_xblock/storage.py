"""How the workspace lives in XBlock field scopes: the one module that knows about rows and races.

Read ``docs/storage.md`` first. In short:

* ``journal`` (``Scope.user_state``): the participant's own append-only
  records, authoritative for everything they did. Written only inside
  :meth:`Storage.writing`, which holds a per-learner lock, re-reads the row
  fresh and merges before appending, so one learner's concurrent requests
  (two tabs, a phone and a laptop, a queue re-sending) never drop each
  other's items.
* ``profile`` (``Scope.user_state``): the participant's anonymous id and
  display name, so other members can show who wrote what.
* ``group_index`` (``Scope.user_state_summary``): the compact, rebuildable
  directory of groups and rosters (:class:`~.domain.groups.GroupIndex`). The
  LMS keeps the last writer of a summary field, so the index may lose a
  write; every request of a member or of a group's creator puts back what
  their own journal says.

A group's view is merged on read from its roster's journals through the
runtime's ``user_state`` service (bounded by the group's size).
"""

import logging
import secrets
import time
from contextlib import contextmanager

from .domain import journal as journals
from .domain.errors import Busy, _
from .domain.groups import GroupIndex

log = logging.getLogger(__name__)

#: Seconds a per-learner write lock lives at most (a crashed request frees it then).
LOCK_SECONDS = 10
#: Seconds a browser waits before re-sending a request that found the lock held.
RETRY_AFTER = 1


def now_ms():
    """The time stored in records: milliseconds since the epoch."""
    return int(time.time() * 1000)


def _lock_cache():
    """The Django cache whose atomic ``add`` serves as the lock, or None without Django."""
    try:
        from django.conf import settings  # pylint: disable=import-outside-toplevel
        from django.core.cache import caches  # pylint: disable=import-outside-toplevel

        return caches[getattr(settings, "LESSONSTUDY_LOCK_CACHE", "default")]
    except Exception:  # pylint: disable=broad-except
        # No Django settings (a bare XBlock runtime): no lock, one process assumed.
        return None


class User:
    """The person making the request, as the runtime's ``user`` service tells."""

    def __init__(self, block):
        service = block.runtime.service(block, "user") if has_service(block, "user") else None
        person = service.get_current_user() if service else None
        attrs = getattr(person, "opt_attrs", None) or {}
        fallback = str(block.scope_ids.user_id)
        self.id = str(attrs.get("edx-platform.anonymous_user_id") or fallback)
        self.username = str(attrs.get("edx-platform.username") or fallback)
        self.name = (getattr(person, "full_name", None) or self.username).strip()
        self.is_staff = bool(attrs.get("edx-platform.user_is_staff", False))
        self.service = service

    def profile(self):
        """What other members read to show this person."""
        return {"id": self.id, "name": self.name}


def has_service(block, name):
    try:
        return block.runtime.service(block, name) is not None
    except Exception:  # pylint: disable=broad-except
        return False


class Storage:
    """Reads and writes of one request.

    ``index_class`` and ``index_field`` name the block's shared index: the
    cycle block's :class:`GroupIndex` in ``group_index`` by default.
    """

    def __init__(self, block, index_class=GroupIndex, index_field="group_index"):
        self.block = block
        self.index_class, self.index_field = index_class, index_field
        self.user = User(block)
        self.block_id = str(block.scope_ids.usage_id)
        self.user_state = block.runtime.service(block, "user_state") if has_service(block, "user_state") else None
        self._index = None
        self._others = {}
        self._after_save = []

    # The shared index -------------------------------------------------------
    def index(self):
        """The group index, parsed once per request."""
        if self._index is None:
            self._index = self.index_class.loads(getattr(self.block, self.index_field))
        return self._index

    def save_index(self):
        """Store the index if this request changed it (the runtime saves it at request end)."""
        if self._index is not None and self._index.changed:
            setattr(self.block, self.index_field, self._index.dumps())
            self._index.changed = False

    # Journals ---------------------------------------------------------------
    def own_journal(self):
        """The caller's journal as this request read it."""
        return list(self.block.journal)

    def read_others(self, usernames):
        """``{username: {"profile", "journal"}}`` for other people, read through ``user_state``.

        Without the service (Studio preview, content libraries) nobody else
        can be read and only the caller's own work is shown.
        """
        states = {}
        if self.user_state is None:
            return states
        for username in usernames:
            if username == self.user.username:
                continue
            if username in self._others:  # each person's row is read at most once per request
                states[username] = self._others[username]
                continue
            try:
                raw = self.user_state.get_state_as_dict(username, self.block_id) or {}
            except Exception:  # pylint: disable=broad-except
                log.exception("Could not read the state of %s in %s", username, self.block_id)
                raw = {}
            states[username] = {"profile": _as_dict(raw.get("profile")),
                                "journal": _as_list(raw.get("journal"))}
            self._others[username] = states[username]
        return states

    def _fresh_own_journal(self):
        """The caller's row as it is in the database now, not as this request began."""
        if self.user_state is None:
            return []
        raw = self.user_state.get_state_as_dict(self.user.username, self.block_id) or {}
        return _as_list(raw.get("journal"))

    # Writing ----------------------------------------------------------------
    def after_save(self, callback):
        """Run ``callback()`` once the current write is saved (events are published then)."""
        self._after_save.append(callback)

    @contextmanager
    def writing(self, wait=False):
        """Hold the caller's lock, yield their fresh journal, then save what was appended.

        The yielded list is the union of the row as it is now and as this
        request read it; records appended to it are saved explicitly with
        ``block.save()`` before the lock is released. When the lock is held by
        another request of the same person, raises :class:`Busy` (429): the
        browser sends again with the same ``client_id``.
        """
        cache = _lock_cache()
        key = f"lessonstudy:lock:{self.block_id}:{self.user.username}"
        token = secrets.token_hex(8)
        if cache is not None and not cache.add(key, token, LOCK_SECONDS):
            if not wait or not _wait_for(cache, key, token):
                raise Busy(_("Your previous change is still being saved. Trying again..."),
                           retry_after=RETRY_AFTER)
        try:
            snapshot = self.block.journal
            merged = journals.merge(snapshot, self._fresh_own_journal())
            before = len(merged)
            yield merged
            changed = len(merged) != before or len(merged) != len(snapshot)
            if self.block.profile != self.user.profile():
                self.block.profile = self.user.profile()
                changed = True
            self.save_index()
            if changed:
                self.block.journal = merged
            self.block.save()
        finally:
            if cache is not None and cache.get(key) == token:
                cache.delete(key)
        callbacks, self._after_save = self._after_save, []
        for callback in callbacks:
            callback()


def _wait_for(cache, key, token, attempts=20, pause=0.05):
    """Try the lock a few times (for writes a person did not ask for, e.g. adopting)."""
    for _attempt in range(attempts):
        time.sleep(pause)
        if cache.add(key, token, LOCK_SECONDS):
            return True
    return False


def _as_list(value):
    return value if isinstance(value, list) else []


def _as_dict(value):
    return value if isinstance(value, dict) else {}
