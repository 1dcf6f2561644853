"""One request to a cycle workspace: who is asking, which group, and the records they add.

This is the glue between the block's handlers and the rules: it resolves the
caller's group from their journal and the group index (adopting a
facilitator's assignment, repairing the index), reads the group's journals
into a :class:`~.domain.workspace.Workspace`, and appends new records.
"""

from .domain import completion, events
from .domain import journal as journals
from .domain.errors import Forbidden, NotFound, _
from .domain.groups import ACTIVE, CONTRIBUTOR, RosterEntry, own_group_copy, own_membership, resolve_membership
from .domain.workspace import Workspace, roster_members
from .storage import now_ms

#: Record types that say what someone did in a group (not who is in it).
CONTRIBUTIONS = frozenset({"plan", "observation", "post", "lessons", "phase", "theme", "lock", "role",
                           "comment", "video"})


class CycleRequest:
    """The caller's view of the block for one request."""

    def __init__(self, storage, config, teams=None):
        self.storage = storage
        self.user = storage.user
        self.config = config
        self.teams = teams  # a TeamsDirectory in Teams mode, else None
        self.own_group_id = None
        self.adopted = False
        #: The caller is a member whose journal keeps no copy of their group's entry yet
        #: (records of an earlier version): their next write adds one.
        self.missing_group_copy = False

    # Resolving ----------------------------------------------------------------
    def resolve(self, journal, group_id=None):
        """The workspace the caller works in (or, for staff, ``group_id``), or None.

        ``journal`` is the caller's journal; when the index knows a newer
        membership (a facilitator's assignment) its records are appended to
        it, so a caller inside :meth:`Storage.writing` stores them.
        """
        target = self.target(journal, group_id)
        return None if target is None else self.workspace(target, journal)

    def target(self, journal, group_id=None):
        """The id of the group :meth:`resolve` would read (the caller's, or for staff
        ``group_id``), or None; reads the index, not the members' rows."""
        index = self.storage.index()
        if self.teams is not None:
            own = self.teams.own_group()
        else:
            own, adopt, _repaired = resolve_membership(journal, index, self.user.username)
            if adopt is not None:
                self._adopt(journal, adopt)
            self._keep_group_copy(journal, own)
        self.own_group_id = own
        self._repair_index(journal, index)
        target = own
        if group_id is not None and group_id != own:
            if not self.user.is_staff:
                raise Forbidden(_("You can only open your own group's workspace."), field="group_id")
            if not self.group_exists(group_id):
                raise NotFound(_("There is no such group."), field="group_id")
            target = group_id
        return target

    def group_exists(self, group_id):
        """Whether a group id names a group of this block (a team of its teamset in Teams mode)."""
        if self.teams is not None:
            return self.teams.team(group_id) is not None
        return self.storage.index().group(group_id) is not None

    def groups(self):
        """Every group, for staff: ``{"id", "name", "school", "join_code", "member_count"}``."""
        if self.teams is not None:
            return self.teams.groups()
        return self.storage.index().summaries()

    def roster(self, group_id):
        """``(roster, entry)`` of a group: ``{username: RosterEntry}`` and its :class:`GroupEntry`
        (in Teams mode, the team's members and the staff who wrote into it)."""
        index = self.storage.index()
        roster = index.roster(group_id)
        entry = index.group(group_id)
        if self.teams is not None:
            # The team's members are the group; the index only lists staff who wrote into it.
            roster = {name: value for name, value in roster.items() if value.state == CONTRIBUTOR}
            roster.update({name: RosterEntry(0, "", 0, ACTIVE) for name in self.teams.members(group_id)})
            entry = self.teams.entry(group_id)
        return roster, entry

    def workspace(self, group_id, journal, states=None, roster=None):
        """Read the journals of a group's roster and merge them. ``states`` (``{username:
        {"profile", "journal"}}``) replaces reading the rows: the overview passes each member's
        digest (figures.py) and gets a workspace that knows state, roles and theme, not text;
        ``roster``: the group's :meth:`roster` when the caller has it already."""
        roster, entry = roster or self.roster(group_id)
        states = dict(states) if states is not None else self.storage.read_others(roster)
        states[self.user.username] = {"profile": self.user.profile(), "journal": journal}
        members = roster_members(roster, states, (self.user.username, group_id == self.own_group_id))
        workspace = Workspace(group_id, entry, members, self.config)
        # Staff writing into a group for the first time are not on its roster yet: still named.
        workspace.names.setdefault(self.user.id, self.user.name)
        return workspace

    def _keep_group_copy(self, journal, group_id):
        """Make sure a member keeps a copy of their group's entry (see :func:`own_group_copy`);
        appended now when the caller is writing, else flagged for their next write."""
        index = self.storage.index()
        if group_id is None or index.group(group_id) is None or own_group_copy(journal, group_id):
            self.missing_group_copy = False
            return
        if not self.storage.is_writing():
            self.missing_group_copy = True
            return
        # Dated as the membership it completes, so it is no new activity of the member's.
        membership = own_membership(journal)
        joined = membership[1] if membership and membership[0] == group_id else 0
        journal.append({"id": journals.new_id("gcp"), "type": "group_copy", "group_id": group_id,
                        "cycle": 0, "at": joined, "by": self.user.id,
                        "group": index.group_copy(group_id)})
        self.missing_group_copy = False

    def _adopt(self, journal, adopt):
        """Write a facilitator's assignment the index knows into the member's own journal."""
        group_id, ms, role, cycle = adopt
        journal.append({"id": journals.new_id("mem"), "type": "membership", "group_id": group_id,
                        "cycle": cycle, "at": ms, "by": self.user.id, "via": "assigned",
                        "group": self.storage.index().group_copy(group_id) if group_id else None})
        if group_id is not None and role:
            journal.append({"id": journals.new_id("role"), "type": "role", "group_id": group_id,
                            "cycle": cycle, "at": ms, "by": self.user.id, "role": role,
                            "focal": ""})
        self.adopted = True

    def _repair_index(self, journal, index):
        """Put back into the index what the caller's own journal says."""
        contributed = set()
        for record in journal:
            kind = record.get("type")
            if kind == "group":
                index.ensure_group(record)
            elif kind == "assignment" and record.get("group_id") in index.groups:
                index.apply_membership(record["username"], record["group_id"], record["at"],
                                       record.get("role", ""), record.get("cycle", 0))
            elif kind in CONTRIBUTIONS and record.get("group_id"):
                contributed.add(record["group_id"])
        for group_id in contributed - {self.own_group_id}:
            index.ensure_contributor(group_id, self.user.username, now_ms())
        self.storage.save_index()

    # Writing ------------------------------------------------------------------
    def add(self, journal, record_type, workspace, prefix, **fields):
        """Append a record of the caller to ``journal`` for ``workspace``'s group and cycle."""
        record = {"id": journals.new_id(prefix), "type": record_type,
                  "group_id": workspace.group_id if workspace else None,
                  "cycle": workspace.cycle if workspace else 0,
                  "at": now_ms(), "by": self.user.id}
        record.update(fields)
        journals.append(journal, record)
        if workspace is not None and workspace.group_id != self.own_group_id:
            index = self.storage.index()
            if self.teams is not None and index.group(workspace.group_id) is None:
                index.ensure_group({"group_id": workspace.group_id, "name": workspace.entry.name,
                                    "school": "", "join_code": "", "owner": "", "at": 0})
            index.ensure_contributor(workspace.group_id, self.user.username, record["at"])
            self.storage.save_index()
        self.publish_after_save(record)
        if workspace is not None and self.is_member(workspace):
            self._check_completion(journal, workspace)
        return record

    def add_once(self, journal, record_type, workspace, prefix, *, client_id, checked_fields):
        """The record stored for ``client_id``, appending it first unless a repeated request
        already did; ``checked_fields()`` runs the rules and returns the new record's fields."""
        existing = journals.find_client_id(journal, record_type, client_id)
        if existing is not None:
            return existing
        return self.add(journal, record_type, workspace, prefix, client_id=client_id, **checked_fields())

    def publish_after_save(self, record):
        """Publish the record's tracking events once it is stored."""
        block = self.storage.block
        for name, data in events.for_record(record):
            self.storage.after_save(lambda name=name, data=data: block.runtime.publish(block, name, data))

    def _check_completion(self, journal, workspace):
        """Publish completion (and the optional score) once, when the role's rule is first met."""
        if completion.already_completed(journal):
            return
        role = self.role(workspace)
        if not completion.reached(role, journal, workspace.group_id, workspace.cycle):
            return
        journal.append({"id": journals.new_id("cmp"), "type": "completed", "group_id": workspace.group_id,
                        "cycle": workspace.cycle, "at": now_ms(), "by": self.user.id, "role": role})
        block = self.storage.block
        self.storage.after_save(lambda: block.emit_completion(1.0))
        if block.has_score:
            # The raw score of ``max_score()``; the grades app weights it with ``weight``.
            self.storage.after_save(lambda: block.runtime.publish(
                block, "grade", {"value": block.max_score(), "max_value": block.max_score()}))

    def is_member(self, workspace):
        """Whether the caller is a member of this workspace's group (not only staff looking)."""
        return workspace is not None and workspace.group_id == self.own_group_id

    def role(self, workspace):
        """The caller's role in the workspace's current cycle, or None."""
        if not self.is_member(workspace):
            return None
        for member in workspace.members:
            if member.username == self.user.username:
                return workspace.role(member)[0]
        return None
