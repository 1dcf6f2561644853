"""A participant's journal: the append-only list of everything they did in a block.

Every contribution (a plan revision, an observation, a post, a role taken, a
phase moved, a group created) is one record appended to its author's journal,
which lives in the author's own ``user_state`` row. Records are never edited
or removed, only added, and each carries a unique ``id``, its ``type``, the
``group_id`` and ``cycle`` it belongs to, the author (``by``) and the time
(``at``, milliseconds since the epoch). That is what makes merging safe: two
copies of a journal are combined by taking the union of their ids.
"""

import base64
import json
import secrets
import zlib

from .errors import TooLarge, _

#: Records one participant may hold in one block (the row stays small enough
#: to read for every member of a group on every request).
MAX_RECORDS = 4000
#: Bytes one participant's journal may take in one block, counted as the LMS stores the row
#: (``json.dumps``: non-ASCII characters escaped). Over it, a save is refused (413).
MAX_JOURNAL_BYTES = 1_000_000

#: Fields of a record that can be long (a plan revision's text, a workshop answer): stored
#: packed when long, see :func:`pack`.
PACKABLE = ("content", "answer")
#: Packable fields longer than this, as stored JSON, are packed.
PACK_ABOVE = 1024


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


# Packed records ---------------------------------------------------------------
#
# A long text stored in a JSON row grows: the LMS escapes every non-ASCII character (an emoji
# takes 12 bytes, an "é" 6), and each revision of a plan section repeats the whole section. So
# the long fields of a record (``PACKABLE``) are stored as ``"packed"``: their JSON in UTF-8,
# compressed with zlib, in base64. Records written before read as they are, and are packed the
# next time their author saves (the same record, smaller).


def pack(record):
    """The record as it is stored: its long fields packed when that is smaller."""
    if "packed" in record:  # already packed (read back, perhaps unpacked in memory)
        if any(key in record for key in PACKABLE) or isinstance(record, PackedRecord):
            return {key: value for key, value in record.items() if key not in PACKABLE}
        return record
    fields = {key: record[key] for key in PACKABLE if key in record}
    if not fields:
        return record
    plain = len(json.dumps(fields))
    if plain <= PACK_ABOVE:
        return record
    data = zlib.compress(json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 9)
    packed = base64.b64encode(data).decode("ascii")
    if len(packed) >= plain:
        return record
    stored = {key: value for key, value in record.items() if key not in PACKABLE}
    stored["packed"] = packed
    return stored


class PackedRecord(dict):
    """A stored record with packed fields, read as if they were plain: ``record["content"]``
    and ``record.get("content")`` unpack on first use (a request reads only what it shows)."""

    def _unpack(self):
        fields = json.loads(zlib.decompress(base64.b64decode(self["packed"])).decode("utf-8"))
        for key, value in fields.items():
            self.setdefault(key, value)
        return fields

    def __missing__(self, key):
        if key in PACKABLE and key in self._unpack():
            return dict.__getitem__(self, key)
        raise KeyError(key)

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default


def readable(journal):
    """A stored journal as the rules read it: packed records wrapped in :class:`PackedRecord`."""
    return [PackedRecord(r) if isinstance(r, dict) and "packed" in r and not isinstance(r, PackedRecord) else r
            for r in journal]


def stored_size(journal):
    """The bytes of ``journal`` (already packed) as the LMS stores it."""
    return len(json.dumps(journal))


def check_budget(stored, grew):
    """Refuse (413) a save that adds to a journal over its record or byte budget."""
    if not grew:
        return
    if len(stored) > MAX_RECORDS:
        raise TooLarge(_("You have reached the limit of %(limit)s saved items in this workspace."),
                       params={"limit": MAX_RECORDS})
    if stored_size(stored) > MAX_JOURNAL_BYTES:
        raise TooLarge(_("Your saved work here has reached the limit of %(limit)s MB per person, so this "
                         "was not saved. Copy your text somewhere safe and tell the course team."),
                       params={"limit": MAX_JOURNAL_BYTES // 1_000_000})
