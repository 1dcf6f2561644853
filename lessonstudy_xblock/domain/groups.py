"""Groups, membership, roles and join codes.

Where a group lives
-------------------
A group is created by a facilitator: the ``group`` record in the
facilitator's journal is the authority. The shared *group index* (one small
``user_state_summary`` field) is a compact copy of every group's name, school,
join code, creator and roster, so that anyone can find a group and its members
without reading every journal. The index can lose a write when two requests
save it at once (the LMS keeps the last writer), so it is only ever a cache:

* a member's own journal says which group they joined (``membership``), and
  every request of theirs puts their roster entry back when it is missing;
* a facilitator's journal says which groups they created and whom they
  assigned, and every request of theirs puts those back;
* a membership the index knows and the member's journal does not (a
  facilitator's assignment) is adopted into the member's journal;
* a member keeps a copy of their group's entry (name, school, join code,
  creator) in their journal (:func:`group_copy`), so any member's request
  puts back a group whose entry a race dropped, without waiting for the
  facilitator who created it.

Every membership fact carries the time it was made; the newest one wins.
"""

import json
import re
import secrets
from typing import NamedTuple

from .errors import Conflict, Invalid, NotFound, _

MODEL_TEACHER = "model_teacher"
OBSERVER = "observer"
MODERATOR = "moderator"
RECORDER = "recorder"
KNOWLEDGEABLE_OTHER = "knowledgeable_other"

#: Roles in the order the group sees them.
ROLES = (MODEL_TEACHER, MODERATOR, RECORDER, KNOWLEDGEABLE_OTHER, OBSERVER)
#: Roles held by one person per group and cycle.
SINGLE_HOLDER_ROLES = frozenset({MODEL_TEACHER, MODERATOR, RECORDER, KNOWLEDGEABLE_OTHER})

ROLE_LABELS = {
    MODEL_TEACHER: _("model teacher"),
    OBSERVER: _("observer"),
    MODERATOR: _("moderator"),
    RECORDER: _("recorder"),
    KNOWLEDGEABLE_OTHER: _("knowledgeable other"),
}

# Roster entry states in the index.
ACTIVE, LEFT, CONTRIBUTOR = 0, 1, 2


class GroupEntry(NamedTuple):
    """What the index says of a group (its creator's ``group`` record is the authority)."""

    name: str
    school: str
    join_code: str
    owner: str
    created: int


class RosterEntry(NamedTuple):
    """A person on a group's roster: since when (ms), their role and its cycle (a facilitator's
    assignment not yet adopted), and whether they are ``ACTIVE``, ``LEFT`` or a ``CONTRIBUTOR``."""

    since: int
    role: str
    cycle: int
    state: int

JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
JOIN_CODE_PATTERN = re.compile(r"^[A-Z2-9]{6}$")
MAX_NAME = 120
MAX_SCHOOL = 160
MAX_FOCAL = 120


def new_join_code():
    """Six characters a teacher can read aloud and type on a phone."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _i in range(6))


def normalise_join_code(code):
    """Upper-case, without spaces or dashes, as people type it."""
    return re.sub(r"[\s-]", "", code).upper()


#: Roles as stored in the index (two letters keep a roster entry small).
ROLE_CODES = {MODEL_TEACHER: "mt", MODERATOR: "mo", RECORDER: "re", KNOWLEDGEABLE_OTHER: "ko",
              OBSERVER: "ob", "": ""}
ROLES_BY_CODE = {code: role for role, code in ROLE_CODES.items()}


#: The first line of the index's text since 0.2 (one line per group follows); the JSON text of
#: earlier versions still reads and is written in this form at the next change.
INDEX_HEADER = "lessonstudy-index 2"


class _Groups:
    """``group_id -> {"n", "s", "c", "o", "t", "m"}``, each group decoded when first asked for.

    Loading the index splits its text into lines, one per group; a request decodes the JSON of
    only the groups it looks at (its own, or all of them for staff), so reading the index costs
    the same at 1 group and at 500. ``"m"`` (the encoded roster) is read without decoding the
    entry.
    """

    def __init__(self, decoded=None, lines=None):
        self._decoded = dict(decoded or {})
        self._lines = dict(lines or {})  # group_id -> (entry JSON text, roster text)

    def __contains__(self, group_id):
        return group_id in self._decoded or group_id in self._lines

    def __len__(self):
        return len(self._decoded) + len(self._lines)

    def get(self, group_id, default=None):
        """A group's entry, decoded now if it was not yet (``default`` for an unknown group)."""
        if group_id in self._decoded:
            return self._decoded[group_id]
        line = self._lines.pop(group_id, None)
        if line is None:
            return default
        try:
            entry = json.loads(line[0])
        except ValueError:
            entry = None
        entry = entry if isinstance(entry, dict) else {}
        entry["m"] = line[1]
        self._decoded[group_id] = entry
        return entry

    def __getitem__(self, group_id):
        entry = self.get(group_id)
        if entry is None:
            raise KeyError(group_id)
        return entry

    def __setitem__(self, group_id, entry):
        self._lines.pop(group_id, None)
        self._decoded[group_id] = entry

    def keys(self):
        """Every group id (nothing decoded)."""
        return list(self._decoded) + list(self._lines)

    def items(self):
        """Every ``(group_id, entry)``, all decoded (for staff)."""
        return [(group_id, self.get(group_id)) for group_id in self.keys()]

    def roster_text(self, group_id):
        """A group's encoded roster, without decoding its entry."""
        if group_id in self._lines:
            return self._lines[group_id][1]
        return (self._decoded.get(group_id) or {}).get("m", "")

    def may_have_code(self, group_id, code):
        """Whether a group's join code may be ``code`` (a string test on undecoded entries)."""
        if group_id in self._lines:
            return f'"c":{json.dumps(code)}' in self._lines[group_id][0]
        return True

    def text_lines(self):
        """The index's lines, sorted by group id; undecoded groups are written as they were read."""
        lines = []
        for group_id in sorted(self.keys()):
            if group_id in self._lines:
                entry_text, roster = self._lines[group_id]
            else:
                entry = self._decoded[group_id]
                entry_text = json.dumps({k: v for k, v in entry.items() if k != "m"},
                                        separators=(",", ":"), sort_keys=True)
                roster = entry.get("m", "")
            lines.append(f"{_escape(group_id)}\t{entry_text}\t{roster}")
        return lines


class GroupIndex:
    """The compact, rebuildable directory of groups and rosters.

    Serialised as text (``dumps``/``loads``): the line ``lessonstudy-index 2``, then one line
    per group, sorted by id::

        group_id <TAB> {"c": join_code, "n": name, "o": creator username, "s": school,
                        "t": created ms} <TAB> username:ms:role:cycle:state,...

    where ``role`` is a two-letter code and ``state`` is ``ACTIVE``, ``LEFT``
    (a former member whose contributions still belong to the group) or
    ``CONTRIBUTOR`` (staff who wrote into the group without being a member).
    Open edX usernames never contain ``:``, ``,``, ``%``, tabs or line breaks;
    any that would is percent-escaped (group ids too). A roster entry costs
    about 30 bytes plus the username. Only the groups a request looks at are
    decoded (see :class:`_Groups`). Earlier versions stored the same data as
    one JSON object, ``{"g": {group_id: {..., "m": roster}}}``, which still
    reads.

    The encoding stays inside this class: callers get :class:`GroupEntry` and
    :class:`RosterEntry` values.
    """

    def __init__(self, data=None, lines=None):
        self.groups = _Groups((data or {}).get("g", {}), lines)
        self._rosters = {}
        self.changed = False

    @classmethod
    def loads(cls, text):
        """Parse the stored text; a damaged or empty index starts empty (it is rebuilt)."""
        if not text:
            return cls()
        if text.startswith(INDEX_HEADER + "\n") or text == INDEX_HEADER:
            lines = {}
            for line in text.split("\n")[1:]:
                parts = line.split("\t")
                if len(parts) == 3:
                    lines[_unescape(parts[0]) if "%" in parts[0] else parts[0]] = (parts[1], parts[2])
            return cls(lines=lines)
        try:
            data = json.loads(text)
        except ValueError:
            return cls()
        if not isinstance(data, dict) or not isinstance(data.get("g"), dict):
            return cls()
        groups = {key: value for key, value in data["g"].items()
                  if isinstance(value, dict) and isinstance(value.get("m", ""), str)}
        return cls({"g": groups})

    def dumps(self):
        """The text, groups sorted by id so equal indexes give equal text."""
        for group_id, roster in self._rosters.items():
            if group_id in self.groups:
                self.groups[group_id]["m"] = _encode_roster(roster)
        return "\n".join([INDEX_HEADER] + self.groups.text_lines())

    # Groups ---------------------------------------------------------------
    def group(self, group_id):
        """The :class:`GroupEntry` of a group, or None."""
        raw = self.groups.get(group_id)
        if raw is None:
            return None
        return GroupEntry(raw.get("n", ""), raw.get("s", ""), raw.get("c", ""), raw.get("o", ""), raw.get("t", 0))

    def group_by_code(self, code):
        """The id of the group with this join code, or None."""
        for group_id in self.groups.keys():
            if self.groups.may_have_code(group_id, code) and self.groups.get(group_id).get("c") == code:
                return group_id
        return None

    def ensure_group(self, record):
        """Put a group back from its creator's ``group`` record; True when it was missing."""
        entry = self.groups.get(record["group_id"])
        wanted = {"n": record["name"], "s": record["school"], "c": record["join_code"],
                  "o": record["owner"], "t": record["at"]}
        if entry is None:
            self.groups[record["group_id"]] = dict(wanted, m="")
            self.changed = True
            return True
        if any(entry.get(key) != value for key, value in wanted.items()):
            entry.update(wanted)
            self.changed = True
        return False

    def restore_group(self, copy):
        """Put back a group from a member's copy of its entry, only when it is missing (the
        creator's own record stays the authority for what the entry says); True when added."""
        if copy["group_id"] in self.groups:
            return False
        self.groups[copy["group_id"]] = {"n": copy["name"], "s": copy["school"], "c": copy["join_code"],
                                         "o": copy["owner"], "t": copy["at"], "m": ""}
        self.changed = True
        return True

    def group_copy(self, group_id):
        """What a member keeps of their group's entry (see :func:`own_group_copy`), or None."""
        entry = self.groups.get(group_id)
        if entry is None:
            return None
        return {"group_id": group_id, "name": entry.get("n", ""), "school": entry.get("s", ""),
                "join_code": entry.get("c", ""), "owner": entry.get("o", ""), "at": entry.get("t", 0)}

    def summaries(self):
        """Every group as ``{"id", "name", "school", "join_code", "member_count"}``, by name."""
        rows = [
            {"id": group_id, "name": entry.get("n", ""), "school": entry.get("s", ""),
             "join_code": entry.get("c", ""),
             "member_count": sum(1 for e in self._roster(group_id).values() if e.state == ACTIVE)}
            for group_id, entry in self.groups.items()
        ]
        return sorted(rows, key=lambda row: (row["name"].lower(), row["id"]))

    # Rosters ----------------------------------------------------------------
    def _roster(self, group_id):
        """The decoded, editable roster of a group (decoded once per request)."""
        if group_id not in self._rosters:
            self._rosters[group_id] = _decode_roster(self.groups.roster_text(group_id))
        return self._rosters[group_id]

    def _listed_in(self, group_id, username):
        """Whether a group's roster mentions ``username``, without decoding it when possible."""
        if group_id in self._rosters:
            return username in self._rosters[group_id]
        raw = self.groups.roster_text(group_id)
        needle = _escape(username) + ":"
        return raw.startswith(needle) or ("," + needle) in raw

    def _mentions(self, username):
        """Ids of the groups whose roster mentions ``username`` (one escape, plain string tests,
        no entry decoded)."""
        needle = _escape(username) + ":"
        found = []
        for group_id in self.groups.keys():
            if group_id in self._rosters:
                if username in self._rosters[group_id]:
                    found.append(group_id)
                continue
            raw = self.groups.roster_text(group_id)
            if raw.startswith(needle) or ("," + needle) in raw:
                found.append(group_id)
        return found

    def roster(self, group_id):
        """``{username: RosterEntry}`` of a group."""
        return dict(self._roster(group_id))

    def latest_membership(self, username):
        """The newest ``(group_id or None, ms, role, cycle)`` the index knows for a user.

        A ``LEFT`` entry newer than every ``ACTIVE`` one means the user was
        moved out and is in no group.
        """
        best = None
        for group_id in self._mentions(username):
            ms, role, cycle, state = self._roster(group_id)[username]  # a RosterEntry
            if state == CONTRIBUTOR:
                continue
            candidate = (ms, state == ACTIVE, group_id if state == ACTIVE else None, role, cycle)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
        if best is None:
            return None
        return best[2], best[0], best[3], best[4]

    def apply_membership(self, username, group_id, ms, role="", cycle=0):
        """Record that ``username`` is in ``group_id`` (None: in no group) since ``ms``.

        Older facts never overwrite newer ones, so replaying any journal in any
        order converges on the same index.
        """
        if group_id is not None and group_id not in self.groups:
            raise NotFound(_("There is no such group."), field="group_id")
        latest = self.latest_membership(username)
        if latest is not None and latest[1] > ms:
            return False
        if latest is not None and latest[0] == group_id and latest[1] == ms:
            current = self._roster(group_id)[username] if group_id else None
            if current is None or (current.role, current.cycle) == (role, cycle):
                return False
        for other_id in self._mentions(username):
            if other_id == group_id:
                continue
            roster = self._roster(other_id)
            value = roster[username]
            if value.state == ACTIVE:
                roster[username] = RosterEntry(ms, "", value.cycle, LEFT)
                self.changed = True
        if group_id is not None:
            self._roster(group_id)[username] = RosterEntry(ms, role, cycle, ACTIVE)
            self.changed = True
        return True

    def ensure_contributor(self, group_id, username, ms):
        """List ``username`` as writing into ``group_id`` so the group reads their journal."""
        if group_id not in self.groups or self._listed_in(group_id, username):
            return False
        self._roster(group_id)[username] = RosterEntry(ms, "", 0, CONTRIBUTOR)
        self.changed = True
        return True


def _escape(name):
    return (name.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
            .replace("\t", "%09").replace("\n", "%0A"))


def _unescape(name):
    return (name.replace("%0A", "\n").replace("%09", "\t").replace("%3A", ":").replace("%2C", ",")
            .replace("%25", "%"))


def _encode_roster(roster):
    return ",".join(f"{_escape(name)}:{ms}:{ROLE_CODES.get(role, '')}:{cycle}:{state}"
                    for name, (ms, role, cycle, state) in sorted(roster.items()))


def _decode_roster(text):
    """``{username: RosterEntry}``; malformed entries are skipped (they are rebuilt)."""
    roster = {}
    for entry in text.split(",") if text else ():
        parts = entry.split(":")
        if len(parts) != 5:
            continue
        name, ms, code, cycle, state = parts
        try:
            roster[_unescape(name)] = RosterEntry(int(ms), ROLES_BY_CODE.get(code, ""), int(cycle), int(state))
        except ValueError:
            continue
    return roster


def own_membership(journal):
    """``(group_id or None, ms)`` of the newest ``membership`` record, or None."""
    latest = None
    for record in journal:
        if record.get("type") == "membership":
            if latest is None or (record["at"], record["id"]) > (latest["at"], latest["id"]):
                latest = record
    return None if latest is None else (latest.get("group_id"), latest["at"])


def own_group_copy(journal, group_id):
    """The newest copy of a group's entry a member keeps (in a ``membership`` or
    ``group_copy`` record), or None (records written before members kept one)."""
    latest = None
    for record in journal:
        copy = record.get("group")
        if (record.get("type") in ("membership", "group_copy") and record.get("group_id") == group_id
                and isinstance(copy, dict) and copy.get("group_id") == group_id):
            if latest is None or record["at"] >= latest[0]:
                latest = (record["at"], copy)
    if latest is None:
        return None
    copy = latest[1]
    fields = {"name": str, "school": str, "join_code": str, "owner": str, "at": int}
    if not all(isinstance(copy.get(name), kind) for name, kind in fields.items()):
        return None
    return copy


def resolve_membership(journal, index, username):
    """Which group a user is in, and what to write to make journal and index agree.

    Returns ``(group_id or None, adopt, repaired)``: ``adopt`` is the index's
    newer membership ``(group_id, ms, role, cycle)`` that the caller must
    append to the user's journal, or None; ``repaired`` is True when the
    index was changed from the journal and must be saved.
    """
    own = own_membership(journal)
    if own is not None and own[0] is not None and index.group(own[0]) is None:
        # A race dropped the group's entry: the member's copy puts it back.
        copy = own_group_copy(journal, own[0])
        if copy is not None:
            index.restore_group(copy)
    if own is not None and own[0] is not None and index.group(own[0]) is not None:
        # The usual case, read from the caller's own group alone: the index agrees with the
        # journal, or knows a newer fact about this same group (a role set by a facilitator).
        # A move to another group marks this entry as left with the move's time, so any
        # newer fact elsewhere shows here too.
        entry = index.roster(own[0]).get(username)
        if entry is not None and entry.since >= own[1]:
            if entry.state == ACTIVE and entry.since == own[1]:
                return own[0], None, False
            if entry.state == ACTIVE:
                return own[0], (own[0], entry.since, entry.role, entry.cycle), False
    known = index.latest_membership(username)
    if known is not None and (own is None or known[1] > own[1]):
        return known[0], known, False
    if own is None:
        return None, None, False
    group_id, ms = own
    if group_id is not None and index.group(group_id) is None:
        # The group itself was dropped from the index; its creator puts it back.
        return group_id, None, False
    repaired = index.apply_membership(username, group_id, ms, *_own_role(journal, group_id))
    return group_id, None, repaired


def _own_role(journal, group_id):
    """The role and cycle a member took last in a group, for their roster entry."""
    roles = [r for r in journal if r.get("type") == "role" and r.get("group_id") == group_id]
    if not roles:
        return "", 0
    latest = max(roles, key=lambda r: (r.get("cycle", 0), r["at"], r["id"]))
    return latest["role"], latest.get("cycle", 0)


def validate_new_group(payload, text):
    """Name and school of a group a facilitator creates (``text`` is the validator)."""
    return {
        "name": text(payload, "name", MAX_NAME, required=True),
        "school": text(payload, "school", MAX_SCHOOL),
    }


def validate_role(payload, choice, text):
    """A role id and an optional focal student or group."""
    return {
        "role": choice(payload, "role", ROLES),
        "focal": text(payload, "focal", MAX_FOCAL),
    }


def role_of(member_records, index_entry, cycle):
    """A member's role in ``cycle``: their newest role record up to that cycle.

    ``member_records`` are the member's ``role`` records in the group;
    ``index_entry`` is their roster entry, which carries a facilitator's
    assignment not yet adopted. Roles carry over to later cycles until changed.
    Returns ``(role, focal, ms)``.
    """
    candidates = [
        (r.get("cycle", 0), r["at"], r["role"], r.get("focal", ""))
        for r in member_records if r.get("cycle", 0) <= cycle
    ]
    if index_entry and index_entry.role and index_entry.cycle <= cycle:
        candidates.append((index_entry.cycle, index_entry.since, index_entry.role, ""))
    if not candidates:
        return OBSERVER, "", 0
    best = max(candidates, key=lambda c: (c[0], c[1]))
    return best[2], best[3], best[1]


def check_role_free(role, holders, user_id, names):
    """Refuse a one-person role that someone else holds (409 naming the holder)."""
    if role not in SINGLE_HOLDER_ROLES:
        return
    others = [holder for holder in holders.get(role, []) if holder != user_id]
    if others:
        raise Conflict(
            _("%(name)s already holds the role %(role)s. Ask them to change roles first, "
              "or ask a facilitator."),
            field="role", params={"name": names.get(others[0], "?"), "role": ROLE_LABELS[role]},
        )


def check_can_join(current_group_id, code, index):
    """The group a participant may join with ``code``."""
    if current_group_id is not None:
        raise Conflict(_("You are already in a group. A facilitator can move you to another one."))
    if not JOIN_CODE_PATTERN.fullmatch(code):
        raise Invalid(_("A join code has 6 letters and digits."), field="join_code")
    group_id = index.group_by_code(code)
    if group_id is None:
        raise NotFound(_("No group has this join code. Check it with your facilitator."),
                       field="join_code")
    return group_id
