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

from xblock.exceptions import XBlockSaveError
from xblock.fields import JSONField, Scope

from .domain import journal as journals
from .domain.errors import Busy, Unavailable, _
from .domain.groups import GroupIndex

log = logging.getLogger(__name__)

#: Seconds a per-learner write lock lives at most (a crashed request frees it then).
LOCK_SECONDS = 10
#: Seconds a browser waits before re-sending a request that found the lock held.
RETRY_AFTER = 1


def now_ms():
    """The time stored in records: milliseconds since the epoch."""
    return int(time.time() * 1000)


#: The Django setting naming the cache whose atomic ``add`` is the write lock.
LOCK_CACHE_SETTING = "LESSONSTUDY_LOCK_CACHE"


class LockCacheError(Exception):
    """The configured lock cache cannot be used (a setting that names no cache)."""


def lock_cache_name():
    """The name of the lock cache: ``settings.LESSONSTUDY_LOCK_CACHE``, else ``default``; None
    without Django settings (a bare XBlock runtime: no lock, one process assumed)."""
    try:
        from django.conf import settings  # pylint: disable=import-outside-toplevel

        if not settings.configured:
            return None
        return getattr(settings, LOCK_CACHE_SETTING, "default")
    except ImportError:
        return None


def lock_cache():
    """The Django cache whose atomic ``add`` serves as the lock, or None without Django.

    Raises :class:`LockCacheError` when the setting names a cache the site does not have: that
    would otherwise turn the lock off in silence and lose concurrent writes.
    """
    name = lock_cache_name()
    if name is None:
        return None
    from django.core.cache import InvalidCacheBackendError, caches  # pylint: disable=import-outside-toplevel

    try:
        cache = caches[name]
    except InvalidCacheBackendError as error:
        raise LockCacheError(
            f"{LOCK_CACHE_SETTING} = {name!r} names no cache in CACHES ({error}); the lesson study "
            "blocks need a shared cache for their write lock") from error
    if type(cache).__name__ == "DummyCache":
        raise LockCacheError(f"The cache {name!r} is Django's DummyCache, which stores nothing: the "
                             "lesson study blocks need a shared cache for their write lock")
    return cache


def lock_cache_problem():
    """A sentence saying why the lock cache cannot be used, or None when it can."""
    try:
        lock_cache()
    except LockCacheError as error:
        return str(error)
    return None


#: Entries a database cache must hold before Django culls it (its default, 300, is too few).
MIN_DATABASE_CACHE_ENTRIES = 100_000
#: Caches whose ``add`` holds only inside one process (or is not atomic): fine for one process.
PROCESS_LOCAL_CACHES = ("LocMemCache", "FileBasedCache")


def check_lock_cache(app_configs=None, **kwargs):  # pylint: disable=unused-argument
    """Django system check (``manage.py check``): the lock cache exists and is shared."""
    from django.core import checks  # pylint: disable=import-outside-toplevel

    try:
        cache = lock_cache()
    except LockCacheError as error:
        return [checks.Error(str(error), id="lessonstudy.E001", hint=(
            f"Set {LOCK_CACHE_SETTING} to a cache of CACHES that all workers share (memcached, "
            "Redis or the database cache), or remove it to use 'default'."))]
    if cache is not None and type(cache).__name__ in PROCESS_LOCAL_CACHES:
        return [checks.Warning(
            f"The lesson study blocks' lock cache is a {type(cache).__name__}: its add() holds "
            "only within one process, so with several workers one learner's concurrent saves "
            "can overwrite each other.", id="lessonstudy.W001",
            hint=f"Point {LOCK_CACHE_SETTING} at a shared cache (memcached, Redis, database).")]
    if cache is not None and type(cache).__name__ == "DatabaseCache" and \
            getattr(cache, "_max_entries", 0) < MIN_DATABASE_CACHE_ENTRIES:
        return [checks.Warning(
            f"The lesson study blocks' lock cache is a database cache that culls at "
            f"{getattr(cache, '_max_entries', 0)} entries: culling deletes entries at random, write "
            "locks among them, and the participants' figures need one entry each.",
            id="lessonstudy.W002",
            hint=f"Set OPTIONS['MAX_ENTRIES'] of that cache to {MIN_DATABASE_CACHE_ENTRIES} or more.")]
    return []


def register_checks():
    """Register :func:`check_lock_cache` with Django (once; a no-op without Django)."""
    try:
        from django.core import checks  # pylint: disable=import-outside-toplevel
    except ImportError:
        return
    checks.register(check_lock_cache, "caches")


register_checks()


def _lock_cache():
    """The lock cache for a write; a site that cannot have one gets a clear 503, never a write without it."""
    try:
        return lock_cache()
    except LockCacheError as error:
        log.error("%s", error)
        raise Unavailable(_("This site is not set up for saving here yet: its lock cache is "
                            "missing. Please tell the site's administrators.")) from error


class NoLearnerDataRepr:
    """``repr()`` of a block with its authored fields only.

    XBlock's own ``repr`` lists every field's value, the group index (with its join codes) and the
    caller's journal included; pages and logs that print a block (the workbench's scenario page
    does) must not show one person's or one group's data to another.
    """

    def __repr__(self):
        shown = [f" {name}={getattr(self, name)!r}" for name, field in self.fields.items()
                 if field.scope in (Scope.content, Scope.settings) and name != "olx_problems"]
        return f"<{type(self).__name__} @{id(self) % 0xFFFF:04X}{','.join(shown)}>"


class IndexText(JSONField):
    """The text of a block's shared index (``Scope.user_state_summary``), stored as a JSON string
    like a ``String`` field but read as it is: ``String`` runs a regular expression over the
    whole value on every read, and the index is the largest value a request reads."""

    def from_json(self, value):
        return value if isinstance(value, str) else ""


class User:
    """The person making the request, as the runtime's ``user`` service tells."""

    def __init__(self, block):
        service = optional_service(block, "user")
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


def optional_service(block, name):
    """The runtime's service ``name``, or None where the runtime does not offer it (a wanted
    service it lacks, or one it refuses)."""
    try:
        return block.runtime.service(block, name)
    except Exception:  # pylint: disable=broad-except
        return None


class Storage:
    """Reads and writes of one request.

    ``index_class`` and ``index_field`` name the block's shared index: the
    cycle block's :class:`GroupIndex` in ``group_index`` by default.
    """

    def __init__(self, block, index_class=GroupIndex, index_field="group_index", on_saved=None):
        """``on_saved(block_id, username, profile, journal)`` runs after each save of the caller's
        row, still under their lock (the cycle block refreshes their figures, see figures.py)."""
        self.block = block
        self.on_saved = on_saved
        self.index_class, self.index_field = index_class, index_field
        self.user = User(block)
        self.block_id = str(block.scope_ids.usage_id)
        self.user_state = optional_service(block, "user_state")
        self._index = None
        self._index_read = None
        self._writing = False
        self._others = {}
        self._after_save = []
        self._held = []

    # The shared index -------------------------------------------------------
    def index(self):
        """The group index, parsed once per request."""
        if self._index is None:
            self._index_read = getattr(self.block, self.index_field)
            self._index = self.index_class.loads(self._index_read)
        return self._index

    def save_index(self):
        """Store the index now if this request changed it (inside :meth:`writing`: right after
        the caller's own journal)."""
        if self._writing:
            return  # saved by writing(), after the journal
        self._store_index()

    def _store_index(self):
        """Save the changed index explicitly; a failed save never fails the request.

        The LMS keeps the summary field in a row shared by the whole course and inserts it on
        its first write; two requests inserting at once make the loser's save fail
        (``IntegrityError`` -> ``XBlockSaveError``). The runtime would save it again after the
        handler returned and answer 500, so the index is saved here, and on failure put back
        to what this request read and no longer marked changed. Nothing is lost: the index
        is a cache that later requests repair from the journals.
        """
        if self._index is None or not self._index.changed:
            return
        self._index.changed = False
        setattr(self.block, self.index_field, self._index.dumps())
        try:
            self.block.save()
        except XBlockSaveError:
            log.warning("The shared index of %s was not saved (a concurrent first write); later "
                        "requests repair it", self.block_id, exc_info=True)
            setattr(self.block, self.index_field, self._index_read)
            # The value is back to what was read: not to be saved again at the request's end.
            self.block._reset_dirty_field(self.block.fields[self.index_field])  # pylint: disable=protected-access

    # Journals ---------------------------------------------------------------
    def own_journal(self):
        """The caller's journal as this request read it."""
        return journals.readable(self.block.journal)

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
                                "journal": journals.readable(_as_list(raw.get("journal")))}
            self._others[username] = states[username]
        return states

    def forget_others(self):
        """Read other people's rows again at their next use (after taking a lock)."""
        self._others = {}

    def _fresh_own_journal(self):
        """The caller's row as it is in the database now, not as this request began."""
        if self.user_state is None:
            return []
        raw = self.user_state.get_state_as_dict(self.user.username, self.block_id) or {}
        return journals.readable(_as_list(raw.get("journal")))

    # Writing ----------------------------------------------------------------
    def is_writing(self):
        """Whether the caller's lock is held and their journal is being written."""
        return self._writing

    def after_save(self, callback):
        """Run ``callback()`` once the current write is saved (events are published then)."""
        self._after_save.append(callback)

    def exclusive(self, name, message):
        """Inside :meth:`writing`: hold a lock on ``name`` (one of the group's one-person roles,
        say) until this write is saved, so a check and the record it allows are never interleaved
        with another person's. Waits a moment for a holder to finish; then raises :class:`Busy`
        with ``message`` (the browser sends the request again)."""
        cache = _lock_cache()
        if cache is None:
            return
        key = f"lessonstudy:lock:{self.block_id}:{name}"
        token = secrets.token_hex(8)
        if not cache.add(key, token, LOCK_SECONDS) and not _wait_for(cache, key, token, attempts=10):
            raise Busy(message, retry_after=RETRY_AFTER)
        self._held.append((cache, key, token))

    @contextmanager
    def writing(self, wait=False):
        """Hold the caller's lock, yield their fresh journal, then save what was appended.

        The yielded list is the union of the row as it is now and as this
        request read it; records appended to it are saved explicitly with
        ``block.save()`` before the lock is released. When the lock is held by
        another request of the same person, raises :class:`Busy` (429): the
        browser sends again with the same ``client_id``. A save that would take the journal
        over its budget (:data:`~.domain.journal.MAX_RECORDS` records,
        :data:`~.domain.journal.MAX_JOURNAL_BYTES` bytes as stored) raises
        :class:`~.domain.errors.TooLarge` (413) and saves nothing.
        """
        cache = _lock_cache()
        key = f"lessonstudy:lock:{self.block_id}:{self.user.username}"
        token = secrets.token_hex(8)
        if cache is not None and not cache.add(key, token, LOCK_SECONDS):
            if not wait or not _wait_for(cache, key, token):
                raise Busy(_("Your previous change is still being saved. Trying again..."),
                           retry_after=RETRY_AFTER)
        try:
            self._writing = True
            snapshot = journals.readable(self.block.journal)
            merged = journals.merge(snapshot, self._fresh_own_journal())
            before = len(merged)
            yield merged
            new_profile = self.block.profile != self.user.profile()
            changed = new_profile or len(merged) != before or len(merged) != len(snapshot)
            if changed:
                stored = [journals.pack(record) for record in merged]
                journals.check_budget(stored, grew=len(merged) > before)
                self.block.journal = stored
                self.block.profile = self.user.profile()
            # The caller's own row first (the index is not set on the block until then):
            # success is answered only once it is stored.
            self.block.save()
            if changed and self.on_saved is not None:
                self.on_saved(self.block_id, self.user.username, self.user.profile(), merged)
            self._writing = False
            self._store_index()
        finally:
            self._writing = False
            held, self._held = self._held, []
            for other_cache, other_key, other_token in [(cache, key, token)] + held:
                if other_cache is not None and other_cache.get(other_key) == other_token:
                    other_cache.delete(other_key)
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
