"""Each participant's figures in the site's shared cache: what the facilitator overview reads
instead of every participant's row.

The figures (:func:`~.domain.facilitator.figures_by_group`: counts per kind, last activity,
contributions per cycle and phase, focus counts, and a digest of the phase, role and theme
records) are derived data, a few hundred bytes per participant and group. They live in the
cache that holds the blocks' write locks (``LESSONSTUDY_LOCK_CACHE``, else ``default``), one
entry per participant and block:

* every save of a participant's row refreshes their entry (one ``set``, inside their write lock,
  right after the row is stored), so the entry follows the row;
* the overview fetches every entry with one ``get_many``; for a missing entry (never written,
  evicted, or the cache was cleared) it reads that participant's row, derives the figures and
  stores them (one ``set_many``). Eviction costs speed, never correctness.

An entry can be stale only when a server process stops between saving a row and refreshing the
entry (or the cache refuses the write): then until it expires, after :data:`TTL` seconds, or
until that participant's next save. The version in the key changes when the figures' shape
does, so entries of an earlier version are never read.
"""

import hashlib
import logging

from .domain.facilitator import figures_by_group
from .storage import LockCacheError, lock_cache

log = logging.getLogger(__name__)

#: The shape of an entry; part of its key.
VERSION = 1
#: Seconds an entry lives at most (an hour): the bound on how long a missed refresh shows.
TTL = 3600


def key(block_id, username):
    """The cache key of a participant's entry: short and safe for memcached whatever the ids."""
    digest = hashlib.sha1(f"{block_id}\n{username}".encode("utf-8")).hexdigest()
    return f"lessonstudy:figures:{VERSION}:{digest}"


def entry(profile, journal):
    """A participant's entry: their profile and their figures in every group."""
    return {"profile": dict(profile or {}), "groups": figures_by_group(journal)}


def _cache():
    try:
        return lock_cache()
    except LockCacheError:
        return None


def refresh(block_id, username, profile, journal):
    """Store a participant's entry after their row was saved (a failure is logged, not raised:
    the overview then reads the row)."""
    cache = _cache()
    if cache is None:
        return
    try:
        cache.set(key(block_id, username), entry(profile, journal), TTL)
    except Exception:  # pylint: disable=broad-except
        log.warning("Could not refresh the figures of %s in %s", username, block_id, exc_info=True)


def read(storage, usernames):
    """``{username: entry}`` for ``usernames``: from the cache, else from their rows (which are
    then stored). ``storage`` is the request's :class:`~.storage.Storage`; the caller's own
    entry comes from their own journal."""
    usernames = [name for name in dict.fromkeys(usernames) if name != storage.user.username]
    keys = {key(storage.block_id, name): name for name in usernames}
    cache = _cache()
    found = {}
    if cache is not None and keys:
        try:
            found = {keys[k]: value for k, value in cache.get_many(list(keys)).items()
                     if isinstance(value, dict) and "groups" in value}
        except Exception:  # pylint: disable=broad-except
            log.warning("Could not read the figures of %s", storage.block_id, exc_info=True)
    missing = [name for name in usernames if name not in found]
    if missing:
        filled = {}
        for name, state in storage.read_others(missing).items():
            found[name] = filled[key(storage.block_id, name)] = entry(state["profile"], state["journal"])
        if cache is not None and filled:
            try:
                cache.set_many(filled, TTL)
            except Exception:  # pylint: disable=broad-except
                log.warning("Could not store the figures of %s", storage.block_id, exc_info=True)
    found[storage.user.username] = entry(storage.user.profile(), storage.own_journal())
    return found
