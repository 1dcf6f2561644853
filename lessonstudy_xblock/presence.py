"""Planning together in the shared cache, never a journal write: who else has a group's plan open,
and when the plan was last saved.

Each poll of ``plan_changes`` marks the caller present for :data:`TTL` seconds (two missed polls
and they are gone), with the section they are typing in. One key per member, so marks never
overwrite each other; reading the group's marks is one ``get_many``. A save of a plan section
stamps the group (:func:`plan_saved`), so a poll that finds nothing newer than its ``since``
answers without reading the members' rows. The cache is the one the
blocks' write lock uses (``LESSONSTUDY_LOCK_CACHE``, else ``default``): shared by every process of
the site. Without it (a site whose cache is not set up), nobody is shown as present and planning
goes on.
"""

import hashlib

from .storage import LockCacheError, lock_cache

#: Seconds a mark lasts: the page polls every 15 s while the Plan tab is visible.
TTL = 40
PREFIX = "lessonstudy-presence"


#: A saved section counts as new to a poll whose ``since`` is up to this much later than the
#: save's record (the save's stamp is set once its row is stored, after the record's time).
SLACK_MS = 60_000


def _key(usage_id, group_id, name):
    """A short cache key (memcached allows 250 characters, no spaces)."""
    digest = hashlib.sha1(f"{usage_id}|{group_id}|{name}".encode()).hexdigest()
    return f"{PREFIX}:{digest}"


def _cache():
    try:
        return lock_cache()
    except LockCacheError:
        return None


#: Seconds a poller's group and roster are remembered between polls (a membership change
#: reaches presence within this; sections are always read through the caller's membership).
CONTEXT_TTL = 60


def remembered_group(usage_id, username, asked):
    """``(group id, usernames)`` a previous poll of ``username`` resolved (for ``asked``: the
    group a facilitator named, or None), or None."""
    cache = _cache()
    return None if cache is None else cache.get(_key(usage_id, asked or "", "#group:" + username))


def remember_group(usage_id, username, asked, group_id, usernames):
    """Keep what :meth:`~.context.CycleRequest.target` resolved for the next polls."""
    cache = _cache()
    if cache is not None:
        cache.set(_key(usage_id, asked or "", "#group:" + username), (group_id, list(usernames)), CONTEXT_TTL)


def plan_saved(usage_id, group_id, now):
    """Note that a section of the group's plan was saved (called once its row is stored): polls
    since an earlier time read the group again; others answer without reading any row."""
    cache = _cache()
    if cache is not None:
        cache.set(_key(usage_id, group_id, "#plan-saved"), now, 7 * 24 * 3600)


def plan_read(usage_id, group_id, newest):
    """After a poll read the group because the cache did not know when its plan was last saved:
    remember ``newest`` (the newest save read), unless a save stamped the group meanwhile
    (``add`` never replaces a stamp)."""
    cache = _cache()
    if cache is not None:
        cache.add(_key(usage_id, group_id, "#plan-saved"), newest, 7 * 24 * 3600)


def poll(usage_id, group_id, usernames, me, now):
    """One poll's cache work (one ``get_many``, and a ``set`` only when the caller's mark is
    missing, changed or half its time old): ``(others present, when the plan was last saved or
    None when the cache does not know)``; ``me``: ``{"username", "id", "name", "editing"}``."""
    editing = me["editing"]
    cache = _cache()
    if cache is None:
        return [], None
    keys = {_key(usage_id, group_id, name): name for name in set(usernames) | {me["username"]}}
    saved_key = _key(usage_id, group_id, "#plan-saved")
    found = cache.get_many(list(keys) + [saved_key])
    mine = found.get(_key(usage_id, group_id, me["username"]))
    if mine is None or mine.get("editing") != editing or now - mine.get("at", 0) > TTL * 500:
        cache.set(_key(usage_id, group_id, me["username"]),
                  {"id": me["id"], "name": me["name"], "editing": editing, "at": now}, TTL)
    others = [mark for key, mark in found.items() if key in keys and keys[key] != me["username"]]
    return sorted(others, key=lambda mark_: mark_["name"].lower()), found.get(saved_key)
