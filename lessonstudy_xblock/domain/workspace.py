"""A group's workspace, merged on read from its members' journals.

Nothing a group shares is stored in one place: each member's contributions
live in their own journal. A :class:`Workspace` is built for one request from
the journals of the group's roster (bounded by the group's size, whatever the
size of the course) and answers every question the handlers ask: who holds
which role, which cycle and phase the group is in, the plan, the observations,
the reflection.
"""

import time

from . import cycles, lesson, observations, plan, reflection, session
from .groups import ACTIVE, OBSERVER, ROLES, SINGLE_HOLDER_ROLES, GroupEntry, role_of
from .revisions import RevisionLog


class Member:
    """A person whose journal is read for the group."""

    def __init__(self, username, profile, journal, roster_entry, active):
        self.username = username
        self.id = profile.get("id") or username
        self.name = profile.get("name") or username
        self.journal = journal
        self.roster_entry = roster_entry
        self.active = active


class Workspace:
    """One group's shared state, for one request."""

    def __init__(self, group_id, group_entry, members, config):
        """``members``: :class:`Member` list; ``config``: the block's authored settings
        (``template``, ``focus_categories``, ``visible_at_once``, ``prompts``)."""
        self.group_id = group_id
        self.entry = group_entry or GroupEntry("", "", "", "", 0)
        self.members = members
        self.config = config
        self.records = [
            (member, record) for member in members for record in member.journal
            if record.get("group_id") == group_id
        ]
        self.state = cycles.current(self._of_type("phase"))
        self.cycle = self.state["number"]
        self.names = {member.id: member.name for member in members}
        self._claims_by_cycle = {}
        self._claimants_by_cycle = {}
        self._plan_revisions = None

    def _of_type(self, record_type, cycle=None):
        return [r for _m, r in self.records
                if r.get("type") == record_type and (cycle is None or r.get("cycle") == cycle)]

    # People -----------------------------------------------------------------
    def active_members(self):
        """Members in the group now (former members and staff contributors excluded)."""
        return [member for member in self.members if member.active]

    def member_by_id(self, member_id):
        """The active member with this anonymous id, or None."""
        for member in self.active_members():
            if member.id == member_id:
                return member
        return None

    def role(self, member, cycle=None):
        """``(role, focal)`` of a member in a cycle (the current one by default).

        Two people who claimed a one-person role at the same moment (the claim lock makes this
        rare) are decided the same way on every read: the earlier claim keeps the role (ties by
        member id), the later claimant is an observer until they choose again (see
        :meth:`role_warnings`)."""
        cycle = self.cycle if cycle is None else cycle
        role, focal, _ms = self._claims(cycle)[member.id]
        if role in SINGLE_HOLDER_ROLES and member.active and self._keepers(cycle).get(role) != member.id:
            return OBSERVER, focal
        return role, focal

    def _claims(self, cycle):
        """``{member id: (role, focal, ms)}`` as each member claimed it for ``cycle``."""
        cache = self._claims_by_cycle
        if cycle not in cache:
            claims = {}
            for member in self.members:
                records = [r for r in member.journal
                           if r.get("type") == "role" and r.get("group_id") == self.group_id]
                claims[member.id] = role_of(records, member.roster_entry, cycle)
            cache[cycle] = claims
        return cache[cycle]

    def _claimants(self, cycle):
        """``{one-person role: [member ids, earliest claim first]}`` among active members."""
        if cycle not in self._claimants_by_cycle:
            claims = self._claims(cycle)
            result = {}
            for member in self.active_members():
                role, _focal, ms = claims[member.id]
                if role in SINGLE_HOLDER_ROLES:
                    result.setdefault(role, []).append((ms, member.id))
            self._claimants_by_cycle[cycle] = {role: [member_id for _ms, member_id in sorted(pairs)]
                                               for role, pairs in result.items()}
        return self._claimants_by_cycle[cycle]

    def _keepers(self, cycle):
        """``{one-person role: the member id who holds it}``: the earliest claim."""
        return {role: ids[0] for role, ids in self._claimants(cycle).items()}

    def holders(self):
        """``{role: [member ids]}`` in the current cycle (one at most for a one-person role)."""
        result = {role: [] for role in ROLES}
        for member in self.active_members():
            result[self.role(member)[0]].append(member.id)
        return result

    def role_warnings(self):
        """One-person roles that two or more people claimed at the same moment:
        ``{"role", "holders": [ids, earliest claim first], "kept_by": id}``; every later claimant
        is an observer until they choose another role (which clears the warning)."""
        return [{"role": role, "holders": ids, "kept_by": ids[0]}
                for role, ids in self._claimants(self.cycle).items() if len(ids) > 1]

    # Plan -------------------------------------------------------------------
    def plan_revisions(self):
        """``{section_id: {cycle: [records]}}`` of the sections the template has now.

        Revisions saved when a section had another type are kept apart (see
        :meth:`retired_sections`), so a template change never mixes shapes.
        """
        if self._plan_revisions is None:  # a workspace's records never change: grouped once
            types = {section["id"]: section["type"] for section in self.config["template"]}
            result = {}
            for record in self._of_type("plan"):
                if types.get(record["section_id"]) == record.get("section_type", types.get(record["section_id"])):
                    result.setdefault(record["section_id"], {}).setdefault(record["cycle"], []).append(record)
            self._plan_revisions = result
        return self._plan_revisions

    def retired_sections(self):
        """Saved sections the template no longer has (or has with another type), read-only.

        Changing a template never destroys a group's text: these stay in the
        group's view, marked as no longer in the template.
        """
        types = {section["id"]: section["type"] for section in self.config["template"]}
        retired = {}
        for record in self._of_type("plan"):
            kind = record.get("section_type")
            if record["section_id"] not in types or (kind and kind != types[record["section_id"]]):
                retired.setdefault((record["section_id"], kind), []).append(record)
        views = []
        for (section_id, kind), records in sorted(retired.items(), key=lambda item: item[0][0]):
            head = RevisionLog(records).head()
            views.append({"id": section_id, "title": head.get("section_title") or section_id,
                          "type": kind or _shape_of(head["content"]), "content": head["content"],
                          "revision": head["id"], "author": self.person(head.get("by")),
                          "saved_at": head["at"], "cycle": head["cycle"], "retired": True})
        return views

    def section(self, section):
        """One section's view in the current cycle."""
        return plan.section_view(section, self.plan_revisions().get(section["id"], {}), self.cycle)

    def section_log(self, section_id):
        """The revision log of a section in the current cycle."""
        return RevisionLog(self.plan_revisions().get(section_id, {}).get(self.cycle, []))

    def locked(self):
        """Whether the current cycle's plan is locked."""
        return cycles.plan_locked(self.state, self._of_type("lock"))

    def step_ids(self):
        """Row ids of the plan's tables (the steps an entry or a finding can cite)."""
        return plan.table_row_ids(self.config["template"], self.plan_revisions(), self.cycle)

    # Do and See -------------------------------------------------------------
    def observations(self, cycle=None):
        """Every entry of a cycle, oldest first."""
        return self._of_type("observation", self.cycle if cycle is None else cycle)

    def seats(self, sections=None):
        """``{seat id: label}`` of the current cycle's seating chart (the plan's first one)."""
        if sections is None:
            template = self.config["template"]
            section = next((s for s in template if s["type"] == "grid"), None)
            return plan.seats(self.section(section)["content"]) if section else {}
        seating = next((s for s in sections if s["type"] == "grid"), None)
        return plan.seats(seating["content"]) if seating else {}

    def observation(self, entry_id):
        """The current cycle's entry with this id, or None."""
        return next((entry for entry in self.observations() if entry["id"] == entry_id), None)

    def amendments(self, cycle=None):
        """``{entry id: [amend records, oldest first]}`` of a cycle."""
        result = {}
        for record in sorted(self._of_type("amend", self.cycle if cycle is None else cycle), key=lambda r: r["at"]):
            result.setdefault(record["entry_id"], []).append(record)
        return result

    def posts(self, cycle=None):
        """Every post of a cycle, in protocol order."""
        return reflection.in_protocol_order(self._of_type("post", self.cycle if cycle is None else cycle))

    def lessons_log(self, cycle=None):
        """The revision log of the lessons learned of a cycle."""
        return RevisionLog(self._of_type("lessons", self.cycle if cycle is None else cycle))

    def comments(self, target_type, target_id, cycle=None):
        """Comments on a plan section or a reflection post, oldest first."""
        cycle = self.cycle if cycle is None else cycle
        return [self.comment_view(r) for r in self._of_type("comment", cycle)
                if r.get("target_type") == target_type and r.get("target_id") == target_id]

    def comment_view(self, record):
        """A comment for the browser."""
        return {"id": record["id"], "client_id": record.get("client_id"), "at": record["at"],
                "text": record.get("text", ""), "author": self.person(record.get("by")),
                "target_type": record.get("target_type"), "target_id": record.get("target_id")}

    def video_url(self, cycle=None):
        """The lesson video of a cycle (recorded or online open class), or ""."""
        records = self._of_type("video", self.cycle if cycle is None else cycle)
        return max(records, key=lambda r: (r["at"], r["id"]))["url"] if records else ""

    def section_records(self, section_id):
        """Every revision of a section in every cycle."""
        return [r for r in self._of_type("plan") if r["section_id"] == section_id]

    def theme(self):
        """The group's research theme: the newest one set, in any cycle."""
        themes = self._of_type("theme")
        return max(themes, key=lambda r: (r["at"], r["id"]))["theme"] if themes else ""

    # Views ------------------------------------------------------------------
    def lessons_view(self, cycle=None):
        """The lessons learned of a cycle as the browser sees them."""
        log = self.lessons_log(cycle)
        head = log.head()
        if head is None:
            return {"items": [], "revisions": "", "revision": None, "author": None,
                    "saved_at": None, "conflicts": []}
        return {
            "items": head["content"]["items"], "revisions": head["content"]["revisions"],
            "revision": head["id"], "author": self.person(head.get("by")), "saved_at": head["at"],
            "conflicts": [{"revision": r["id"], "items": r["content"]["items"],
                           "revisions": r["content"]["revisions"],
                           "author": self.person(r.get("by")), "saved_at": r["at"]}
                          for r in log.conflicts()],
        }

    def person(self, member_id):
        """``{"id", "name"}`` of an author, or None."""
        if member_id is None:
            return None
        return {"id": member_id, "name": self.names.get(member_id, member_id)}

    def group_view(self):
        """The group's identity, members and roles."""
        holders = self.holders()
        members = []
        for member in self.active_members():
            role, focal = self.role(member)
            members.append({"id": member.id, "name": member.name, "roles": [role], "focal": focal})
        members.sort(key=lambda m: (ROLES.index(m["roles"][0]), m["name"].lower()))
        return {
            "id": self.group_id, "name": self.entry.name, "school": self.entry.school,
            "join_code": self.entry.join_code, "members": members,
            "roles": {role: ids for role, ids in holders.items() if ids and role != OBSERVER},
            "role_warnings": self.role_warnings(),
        }

    def view(self, viewer_id, is_staff):
        """Everything of the group the viewer may see (the ``get_state`` answer's group part)."""
        phase = self.state["phase"]
        all_entries = self.observations()
        shown = observations.visible(all_entries, viewer_id, phase, is_staff,
                                     self.config["visible_at_once"])
        sections = [self.section(section) for section in self.config["template"]]
        for section in sections:
            section["author"] = self.person(section["author"])
            for conflict in section["conflicts"]:
                conflict["author"] = self.person(conflict["author"])
            section["locked"] = self.locked()
            section["comments"] = self.comments("section", section["id"])
        seats = self.seats(sections)
        entries = self.entry_views(shown, seats)
        return {
            "lesson": self.lesson_view(sections, entries, seats),
            "retired_sections": self.retired_sections(),
            "group": self.group_view(),
            "cycle": {"number": self.cycle, "phase": phase, "since": self.state["since"],
                      "video_url": self.video_url()},
            "plan": {"locked": self.locked(), "sections": sections},
            "observations": entries,
            "observations_hidden": len(all_entries) - len(shown),
            "reflection": {"posts": [self.post_view(post, seats) for post in self.posts()],
                           "lessons_learned": self.lessons_view(),
                           "session": self.session_view(),
                           "minutes": self.minutes_view(entries)},
            "theme": self.theme(),
            "history": [{"cycle": number, "lessons_learned": self.lessons_view(number)}
                        for number in range(1, self.cycle)],
            "follow_through": self.follow_through(),
        }

    def lesson_view(self, sections, entries, seats=None):
        """Anticipated vs. observed, the timeline, the seats and the interaction map of the
        current cycle, from the entries the viewer may see (as :meth:`entry_view` gives them:
        with their seats linked)."""
        by_id = {section["id"]: section for section in sections}
        section, content = lesson.steps_table(self.config["template"], by_id)
        seating = next((s for s in sections if s["type"] == "grid"), None)
        seats = self.seats(sections) if seats is None else seats
        rows = content.get("rows", []) if content else []
        return {
            "steps_section": section["id"] if section else None,
            "schedule": lesson.schedule(rows),
            "comparison": lesson.comparison(section, content, entries, self.config["focus_categories"])
            if section else {"steps": [], "without_step": len(entries)},
            "timeline": lesson.timeline(rows, entries),
            "interactions": lesson.interaction_pairs(entries),
            "unobserved_seats": lesson.seats_never_observed(seats, entries),
            "seat_counts": lesson.seat_counts(entries),
            "off_chart": lesson.off_chart(entries),
            "seating_section": seating["id"] if seating else None,
        }

    def entry_views(self, entries, seats=None, cycle=None):
        """:meth:`entry_view` of several entries of a cycle, the chart's seats and the evidence
        added later read once for all."""
        seats = self.seats() if seats is None else seats
        amendments = self.amendments(cycle)
        return [self.entry_view(entry, seats, amendments) for entry in entries]

    def entry_view(self, entry, seats=None, amendments=None):
        """An observation entry for the browser: its seats (those recorded by id, or, for an
        entry that named a student by text, the seat whose label matches) and the evidence its
        observer added later (``additions``)."""
        view = {key: entry.get(key) for key in ("id", "client_id", "group_id", "cycle", "at")}
        view.update({key: entry.get(key) for key in observations.FIELDS})
        view["kind"] = view["kind"] or "note"
        view.update(lesson.linked_seats(view, self.seats() if seats is None else seats))
        added = (self.amendments(entry.get("cycle")) if amendments is None else amendments).get(entry["id"], [])
        view["additions"] = [{"evidence": r.get("evidence", ""), "interpretation": r.get("interpretation", ""),
                              "at": r["at"], "client_id": r.get("client_id")}
                             for r in added if r.get("by") == entry.get("by")]
        view["author"] = self.person(entry.get("by"))
        return view

    def session_view(self, now=None):
        """The guided reflection session of the current cycle: whose turn it is, for everyone."""
        now = int(time.time() * 1000) if now is None else now
        state = session.current(self._of_type("session", self.cycle), now)
        holders = self.holders()
        state["turns"] = [{"id": turn, "people": [self.names.get(member_id, member_id)
                                                  for role in session.TURN_ROLES[turn]
                                                  for member_id in holders.get(role, [])]}
                          for turn in session.TURNS]
        state["now"] = now
        return state

    def earlier_lessons(self):
        """``{cycle: [lesson texts]}`` of the earlier cycles (as their newest save has them)."""
        result = {}
        for number in range(1, self.cycle):
            head = self.lessons_log(number).head()
            result[number] = list(head["content"]["items"]) if head else []
        return result

    def follow_through(self, cycle=None):
        """A cycle's links from earlier lessons learned to its plan changes, each with the
        answers to "did it work?", oldest first."""
        cycle = self.cycle if cycle is None else cycle
        titles = {section["id"]: section["title"] for section in self.config["template"]}
        focus = {category["id"]: category["label"] for category in self.config["focus_categories"]}
        reviews = {}
        for record in sorted(self._of_type("review", cycle), key=lambda r: (r["at"], r["id"])):
            reviews.setdefault(record["link_id"], []).append({
                "id": record["id"], "client_id": record.get("client_id"), "verdict": record["verdict"],
                "evidence": record.get("evidence", ""), "cites": record.get("cites", []),
                "author": self.person(record.get("by")), "at": record["at"]})
        return [{"id": r["id"], "client_id": r.get("client_id"), "lesson_cycle": r["lesson_cycle"], "item": r["item"],
                 "lesson": r.get("lesson", ""), "section_id": r["section_id"],
                 "section_title": titles.get(r["section_id"], r["section_id"]), "step_id": r.get("step_id"),
                 "focus": r.get("focus", ""), "focus_label": focus.get(r.get("focus", ""), r.get("focus", "")),
                 "author": self.person(r.get("by")), "at": r["at"], "reviews": reviews.get(r["id"], [])}
                for r in sorted(self._of_type("follow", cycle), key=lambda r: (r["at"], r["id"]))]

    def minutes_view(self, entries):
        """The recorder's running minutes, oldest first, each with the entries it names linked."""
        return [{"id": r["id"], "client_id": r.get("client_id"), "at": r["at"], "text": r.get("text", ""),
                 "turn": r.get("turn"), "author": self.person(r.get("by")),
                 "links": session.linked_entries(r.get("text", ""), entries)}
                for r in sorted(self._of_type("minute", self.cycle), key=lambda r: (r["at"], r["id"]))]

    def post_view(self, post, seats=None):
        """A reflection post for the browser; a finding citing nothing is marked as opinion, and
        one that names no student, seat or cited entry as lacking facts about students."""
        view = {key: post.get(key) for key in
                ("id", "client_id", "group_id", "cycle", "at", "kind", "text", "cites",
                 "cites_steps", "parent_id")}
        view["author"] = self.person(post.get("by"))
        view["comments"] = self.comments("post", post["id"], post.get("cycle"))
        view["opinion"] = post["kind"] == "finding" and not post.get("cites") and not post.get("cites_steps")
        view["no_student_facts"] = post["kind"] == "finding" and not post.get("cites") and not session.names_students(
            post.get("text", ""), (self.seats() if seats is None else seats).values())
        return view


def _shape_of(content):
    """The section type a stored content has (for revisions saved before types were recorded)."""
    if isinstance(content, str):
        return "text"
    if isinstance(content, dict) and "labels" in content:
        return "grid"
    if isinstance(content, dict) and "rows" in content:
        return "table"
    return "fields"


def roster_members(index_roster, journals, caller):
    """:class:`Member` objects for a group from its roster and the journals read.

    ``journals`` maps usernames to ``{"profile", "journal"}``; ``caller`` is
    ``(username, is_member)`` so a member missing from the roster (their entry
    was lost in a race and is being put back) still sees their own work.
    """
    members = []
    usernames = list(index_roster)
    username, is_member = caller
    if is_member and username not in index_roster:
        usernames.append(username)
    for name in usernames:
        state = journals.get(name) or {}
        entry = index_roster.get(name)
        active = (entry is not None and entry.state == ACTIVE) or (name == username and is_member)
        members.append(Member(name, state.get("profile") or {}, state.get("journal") or [],
                              entry, active))
    return members
