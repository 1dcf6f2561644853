"""A participant's journal: the append-only list of everything they did in a block.

Every contribution (a plan revision, an observation, a post, a role taken, a
phase moved, a group created) is one record appended to its author's journal,
which lives in the author's own ``user_state`` row. Records are never edited
or removed, only added, and each carries a unique ``id``, its ``type``, the
``group_id`` and ``cycle`` it belongs to, the author (``by``) and the time
(``at``, milliseconds since the epoch). That is what makes merging safe: two
copies of a journal are combined by taking the union of their ids.
"""

import secrets

from .errors import TooLarge, _

#: Records one participant may hold in one block (the row stays small enough
#: to read for every member of a group on every request).
MAX_RECORDS = 4000


def new_id(prefix):
    """A fresh, unguessable id such as ``obs-5f2c9a1b7d3e``."""
    return f"{prefix}-{secrets.token_hex(6)}"


def merge(*journals):
    """The union of several copies of one journal, in time order.

    Used when a fresh read of a participant's row meets the copy this request
    started with: nothing either copy holds is dropped.
    """
    by_id = {}
    for journal in journals:
        for record in journal or ():
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                by_id.setdefault(record["id"], record)
    return sorted(by_id.values(), key=sort_key)


def sort_key(record):
    """Time order, ties broken by id so every reader agrees."""
    return (record.get("at") or 0, record.get("id") or "")


def append(journal, record):
    """Add ``record`` to ``journal`` (a list), refusing when the journal is full."""
    if len(journal) >= MAX_RECORDS:
        raise TooLarge(_("You have reached the limit of %(limit)s saved items in this workspace."),
                       params={"limit": MAX_RECORDS})
    journal.append(record)
    return record


def of_type(journal, record_type, group_id=None, cycle=None):
    """The records of one type, optionally of one group and cycle."""
    return [
        record for record in journal
        if record.get("type") == record_type
        and (group_id is None or record.get("group_id") == group_id)
        and (cycle is None or record.get("cycle") == cycle)
    ]


def find_client_id(journal, record_type, client_id):
    """The record a browser already sent with this ``client_id``, if any."""
    for record in journal:
        if record.get("type") == record_type and record.get("client_id") == client_id:
            return record
    return None
