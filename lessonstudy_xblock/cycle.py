"""The cycle workspace block: a group's Plan, Do and See, cycle after cycle.

Thin by design: each handler checks the request's shape, then, holding the
caller's write lock (:meth:`Storage.writing`), resolves their group, asks the
rules in :mod:`.domain` and appends one record to the caller's journal.
"""

import re

from web_fragments.fragment import Fragment
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.fields import Dict, List, Scope
from xblock.utils.resources import ResourceLoader

from . import figures, localized, presence
from .assets import add_bundles, bundle_urls
from .context import CycleRequest
from .cycle_authoring import CycleAuthoringMixin
from .facilitator import FacilitatorMixin
from .domain import cycles, events, followthrough, history, observations, permissions, plan, reflection, session
from .domain import workshop as workshop_rules
from .domain import validation as check
from .domain.errors import Conflict, DomainError, Forbidden, Invalid, NotFound, _
from .domain.journal import find_client_id, new_id
from .domain.groups import (
    ROLE_LABELS, ROLES, SINGLE_HOLDER_ROLES, check_can_join, check_role_free, new_join_code, normalise_join_code,
    validate_new_group, validate_role,
)
from .handlers import json_api, require_staff
from .i18n import I18nMixin
from .storage import IndexText, NoLearnerDataRepr, Storage, User, now_ms
from .teams import TeamsDirectory, is_enrolled

loader = ResourceLoader(__name__)

MAX_THEME = 1000
USERNAME = r"^[\w.@+-]{1,150}$"


@XBlock.needs("i18n")
@XBlock.wants("user", "user_state", "settings", "teams", "teams_configuration", "studio_user_permissions",
              "enrollments")
class CycleBlock(NoLearnerDataRepr, CycleAuthoringMixin, FacilitatorMixin, I18nMixin, CompletableXBlockMixin, XBlock):
    """A lesson study cycle workspace for the groups of a course.

    Completion is the block's own (``CompletableXBlockMixin``: ``has_custom_completion``), reached
    per participant by the rule of their role (:mod:`.domain.completion`), so the LMS never marks
    the workspace complete for merely viewing it (``completion.services.CompletionService
    .can_mark_block_complete_on_view``).
    """

    #: Files under ``static/`` are served by XBlock's ``open_local_resource`` and collected by the
    #: platform's static pipeline (``resources_dir`` is the package itself).
    resources_dir = ""
    public_dir = "static"

    journal = List(default=[], scope=Scope.user_state,
                   help="The participant's own append-only records (see docs/storage.md).")
    profile = Dict(default={}, scope=Scope.user_state,
                   help="The participant's anonymous id and display name, for other members.")
    # A plain text Field, not a String: String cleans its value with a regular expression on every
    # read (characters XML cannot hold), which costs more than reading the index itself. Stored
    # the same way: earlier rows read as they are.
    group_index = IndexText(default="", scope=Scope.user_state_summary,
                            help="The compact, rebuildable index of groups and rosters.")

    # Score ------------------------------------------------------------------
    # The grades app considers a block type only if its class has a truthy ``has_score``
    # (``lms/djangoapps/grades/scores.py``: ``_block_types_possibly_scored``); then it asks each
    # block (``has_score``, ``max_score()``) when it collects the course. On the class this
    # property is truthy; on a block it is True exactly when the author set a weight.
    @property
    def has_score(self):
        """Whether this workspace gives a participation score (its weight is above 0)."""
        return (self.weight or 0) > 0

    def max_score(self):
        """The raw points of a participant who completed the workspace (the grades app weights
        them with ``weight``); None for a workspace that gives no score."""
        return 1.0 if self.has_score else None

    # Configuration ----------------------------------------------------------
    def config(self):
        """The authored settings the rules need, in the learner's language (see :mod:`.localized`)."""
        language = self.ui_language()
        return {"template": localized.template(self.plan_template, self.template_preset, language),
                "focus_categories": localized.categories(self.focus_categories, self.observation_preset, language),
                "prompts": localized.prompts(self.reflection_prompts, language),
                "observation_questions": localized.questions(self.observation_preset, language),
                "visible_at_once": self.observations_visible_at_once}

    def translated(self, structure):
        """A deep copy of shipped defaults with labels, titles, guidance and cells translated."""
        return localized.translated(structure, self.gettext)

    def cycle_request(self, config=None):
        """This request's storage and context (:class:`CycleRequest`); ``config`` when the
        handler already computed it. The facilitator's handlers use it too."""
        storage = Storage(self, on_saved=figures.refresh)
        return storage, CycleRequest(storage, config or self.config(),
                                     TeamsDirectory.for_block(self, storage.user))

    # Views ------------------------------------------------------------------
    @XBlock.supports("multi_device")  # the mobile apps show it (their web view loads student_view)
    def student_view(self, context=None):  # pylint: disable=unused-argument
        """The workspace: tabs Plan, Do, See (and Facilitator for staff), filled by JavaScript."""
        fragment = Fragment(loader.render_django_template(
            "templates/cycle.html", {"display_name": self.gettext(self.display_name)},
            i18n_service=self.i18n_service()))
        add_bundles(self, fragment, "core", "cycle")
        init = {"language": self.ui_language()}
        if User(self).is_staff:
            # The Facilitator tab's code is for staff only, and loaded when the tab first opens.
            later = bundle_urls(self, "facilitator")
            if later is None:
                add_bundles(self, fragment, "facilitator")
            else:
                init["facilitator_assets"] = later
        fragment.initialize_js("LessonStudyCycle", init)
        return fragment

    # Reading ----------------------------------------------------------------
    @json_api
    def get_state(self, payload):
        """The caller's whole view (staff may name a ``group_id``)."""
        group_id = check.item_id(payload, "group_id", required=False)
        storage, request = self.cycle_request()
        journal = storage.own_journal()
        workspace = request.resolve(journal, group_id)
        if request.adopted or request.missing_group_copy or self.profile != storage.user.profile():
            try:
                with storage.writing(wait=True) as fresh:
                    workspace = request.resolve(fresh, group_id)
            except DomainError:
                pass  # another request of theirs is saving; adopted in memory this time
        return self._state(request, workspace)

    def labels(self):
        """The words for phases, post kinds, lesson modes and interactions, in the learner's
        language: the interface takes them from the server (``get_state``'s ``labels``)."""
        def translate(labels):
            return {key: self.gettext(text) for key, text in labels.items()}

        return {"phases": translate(cycles.PHASE_LABELS), "post_kinds": translate(reflection.KIND_LABELS),
                "post_kind_options": translate(reflection.KIND_OPTION_LABELS),
                "modes": translate(observations.MODE_LABELS),
                "interactions": translate(observations.INTERACTION_LABELS),
                "interaction_verbs": translate(observations.INTERACTION_VERBS),
                "turns": translate(session.TURN_LABELS),
                "verdicts": translate(followthrough.VERDICT_LABELS)}

    def _state(self, request, workspace):
        """The ``get_state`` answer: the caller, the block's words and settings, and their group."""
        user = request.user
        answer = {
            "user": {"id": user.id, "name": user.name, "is_staff": user.is_staff},
            "focus_categories": request.config["focus_categories"],
            "prompts": request.config["prompts"],
            "observation_questions": request.config["observation_questions"],
            "roles": [{"id": role, "label": self.gettext(ROLE_LABELS[role])} for role in ROLES],
            "labels": self.labels(),
            "group": None, "cycle": None, "plan": None, "observations": [],
            "observations_hidden": 0, "reflection": None, "theme": "", "history": [],
            "my_role": None, "is_member": False,
        }
        answer["teams_mode"] = request.teams is not None
        answer["teams_unavailable"] = bool(self.teamset_id) and request.teams is None
        if user.is_staff:
            answer["groups"] = request.groups()
        if workspace is not None:
            answer.update(workspace.view(user.id, user.is_staff))
            answer["is_member"] = request.is_member(workspace)
            answer["my_role"] = request.role(workspace)
            answer["permissions"] = self._permissions(request, workspace)
        return answer

    @staticmethod
    def _permissions(request, workspace):
        """What the caller may do now: a hint for the interface; handlers decide again."""
        return permissions.for_caller(request.role(workspace), request.is_member(workspace),
                                      request.user.is_staff, workspace.state, workspace.locked())

    # Groups and roles -------------------------------------------------------
    @json_api
    def create_group(self, payload):
        """Staff: a new group with a join code."""
        fields = validate_new_group(payload, check.text)
        client_id = check.client_id(payload) if payload.get("client_id") is not None else None
        storage, request = self.cycle_request()
        require_staff(storage.user)
        _refuse_in_teams_mode(request)
        with storage.writing() as journal:
            record = None
            if client_id:
                record = find_client_id(journal, "group", client_id)
            if record is None:
                record = request.add(journal, "group", None, "grp", client_id=client_id,
                                     group_id=_new_group_id(), join_code=new_join_code(),
                                     owner=storage.user.username, **fields)
            storage.index().ensure_group(record)
            storage.save_index()
        return {"group": {"id": record["group_id"], "name": record["name"],
                          "school": record["school"], "join_code": record["join_code"]}}

    @json_api
    def join_group(self, payload):
        """A participant in no group joins one with its code."""
        code = normalise_join_code(check.text(payload, "join_code", 20, required=True))
        storage, request = self.cycle_request()
        _refuse_in_teams_mode(request)
        with storage.writing() as journal:
            workspace = request.resolve(journal)
            group_id = check_can_join(request.own_group_id, code, storage.index())
            request.add(journal, "membership", None, "mem", via="join", group_id=group_id,
                        group=storage.index().group_copy(group_id))
            request.resolve(journal)
            workspace = request.workspace(group_id, journal)
        return {"group": workspace.group_view()}

    @json_api
    def assign_member(self, payload):
        """Staff: put a person (by username) into a group, optionally with a role."""
        group_id = check.item_id(payload, "group_id")
        username = check.text(payload, "user_id" if "user_id" in payload else "username", 150,
                              required=True)
        role = payload.get("role") or ""
        if role:
            role = check.choice(payload, "role", ROLES)
        storage, request = self.cycle_request()
        require_staff(storage.user)
        _refuse_in_teams_mode(request)
        _check_username(storage, username)
        with storage.writing() as journal:
            request.resolve(journal)
            if storage.index().group(group_id) is None:
                raise NotFound(_("There is no such group."), field="group_id")
            workspace = _claiming(request, journal, request.workspace(group_id, journal), role)
            if role:
                names = {m.id: m.name for m in workspace.members}
                holders = {r: [i for i in ids if _username_of(workspace, i) != username]
                           for r, ids in workspace.holders().items()}
                check_role_free(role, holders, None, names)
            record = request.add(journal, "assignment", workspace, "asg", username=username,
                                 role=role)
            storage.index().apply_membership(username, group_id, record["at"], role, workspace.cycle)
            storage.save_index()
            workspace = request.workspace(group_id, journal)
        return {"group": workspace.group_view()}

    @json_api
    def set_role(self, payload):
        """A member takes a role for the current cycle (and optionally a focal student)."""
        fields = validate_role(payload, check.choice, check.text)
        storage, request = self.cycle_request()
        with storage.writing() as journal:
            workspace = self._own_workspace(request, journal)
            workspace = _claiming(request, journal, workspace, fields["role"])
            check_role_free(fields["role"], workspace.holders(), storage.user.id, workspace.names)
            request.add(journal, "role", workspace, "role", **fields)
            request.resolve(journal)
            workspace = request.workspace(workspace.group_id, journal)
        return {"group": workspace.group_view()}

    # Phases and cycles ------------------------------------------------------
    @json_api
    def set_phase(self, payload):
        """Move the group to ``plan``, ``do`` or ``see``."""
        target = check.choice(payload, "phase", cycles.PHASES)
        group_id = check.item_id(payload, "group_id", required=False)
        storage, request = self.cycle_request()
        with storage.writing() as journal:
            workspace = self._workspace_for(request, journal, group_id)
            if cycles.check_phase_move(workspace.state, target, request.role(workspace),
                                       storage.user.is_staff):
                request.add(journal, "phase", workspace, "phs", phase=target)
                workspace = request.workspace(workspace.group_id, journal)
        return {"cycle": self._cycle(workspace)}

    @json_api
    def start_next_cycle(self, payload):
        """Start cycle n+1 with the plan carried over; a repeated request changes nothing."""
        from_cycle = check.integer(payload, "from_cycle", 1, cycles.MAX_CYCLES, required=True)
        group_id = check.item_id(payload, "group_id", required=False)
        storage, request = self.cycle_request()
        with storage.writing() as journal:
            workspace = self._workspace_for(request, journal, group_id)
            if cycles.check_next_cycle(workspace.state, from_cycle, request.role(workspace),
                                       storage.user.is_staff):
                request.add(journal, "phase", workspace, "phs", phase=cycles.PLAN,
                            cycle=from_cycle + 1, starts_cycle=True)
                workspace = request.workspace(workspace.group_id, journal)
        return {"cycle": self._cycle(workspace)}

    @json_api
    def set_plan_lock(self, payload):
        """Lock the plan for the open class, or unlock it."""
        locked = check.boolean(payload, "locked")
        group_id = check.item_id(payload, "group_id", required=False)
        storage, request = self.cycle_request()
        with storage.writing() as journal:
            workspace = self._workspace_for(request, journal, group_id)
            cycles.check_set_lock(request.role(workspace), storage.user.is_staff, locked)
            if workspace.locked() != locked:
                request.add(journal, "lock", workspace, "lck", locked=locked)
                workspace = request.workspace(workspace.group_id, journal)
        return {"plan": {"locked": workspace.locked()}}

    # Plan -------------------------------------------------------------------
    @json_api
    def save_plan_section(self, payload):
        """Save a section from ``base_revision``; 409 with the current text when it is stale."""
        config = self.config()
        section_id = check.item_id(payload, "section_id")
        section = plan.find_section(config["template"], section_id)
        if "content" not in payload:
            raise_missing("content")
        content = plan.validate_content(section, payload["content"])
        base = payload.get("base_revision")
        if base is not None:
            base = check.item_id(payload, "base_revision")
        storage, request = self.cycle_request(config)
        with storage.writing() as journal:
            workspace = self._own_workspace(request, journal)
            plan.check_can_edit(request.is_member(workspace), workspace.locked())
            log = workspace.section_log(section_id)
            try:
                existing = log.check_save(base, content, storage.user.id)
            except Conflict as conflict:
                conflict.extra["current"] = self._section(workspace, section)
                self.runtime.publish(self, *events.conflict_shown(workspace.group_id, workspace.cycle,
                                                                 section_id))
                raise
            if existing is None:
                request.add(journal, "plan", workspace, "rev", section_id=section_id,
                            section_type=section["type"], section_title=section["title"],
                            content=content, **log.revision_fields(base))
                workspace = request.workspace(workspace.group_id, journal)
        presence.plan_saved(str(self.scope_ids.usage_id), workspace.group_id, now_ms())  # stored: tell polls
        return {"section": self._section(workspace, section)}

    def _section(self, workspace, section):
        """A plan section as the browser shows it, with its authors named and its lock."""
        view = workspace.section(section)
        view["author"] = workspace.person(view["author"])
        for conflict in view["conflicts"]:
            conflict["author"] = workspace.person(conflict["author"])
        view["locked"] = workspace.locked()
        return view

    @json_api
    def plan_history(self, payload):
        """The revisions of a section (author, time, content), newest first, in every cycle: a
        page of ``limit`` (default 20, at most 100) older than the revision ``before``."""
        section = plan.find_section(self.config()["template"], check.item_id(payload, "section_id"))
        group_id = check.item_id(payload, "group_id", required=False)
        limit = check.integer(payload, "limit", 1, history.MAX_HISTORY_PAGE) or history.HISTORY_PAGE
        before = check.item_id(payload, "before", required=False)
        _storage, request = self.cycle_request()
        workspace = self._workspace_for(request, request.storage.own_journal(), group_id)
        listed = history.revisions(workspace.section_records(section["id"]))
        revisions, more = history.page(listed, before, limit)
        for revision in revisions:
            revision["author"] = workspace.person(revision["author"])
        return {"section_id": section["id"], "revisions": revisions, "more": more}

    @json_api
    def compare_plan(self, payload):
        """What changed in a section between two revisions or two cycles (default: the
        previous cycle's plan and this cycle's)."""
        section = plan.find_section(self.config()["template"], check.item_id(payload, "section_id"))
        group_id = check.item_id(payload, "group_id", required=False)
        _storage, request = self.cycle_request()
        workspace = self._workspace_for(request, request.storage.own_journal(), group_id)
        records = {r["id"]: r for r in workspace.section_records(section["id"])}
        by_cycle = workspace.plan_revisions().get(section["id"], {})

        def side(name, default_cycle):
            revision = check.item_id(payload, f"{name}_revision", required=False)
            if revision is not None:
                if revision not in records:
                    raise NotFound(_("This section has no revision %(id)s."), field=f"{name}_revision",
                                   params={"id": revision})
                return {"revision": revision, "cycle": records[revision]["cycle"],
                        "content": records[revision]["content"]}
            number = check.integer(payload, f"{name}_cycle", 1, workspace.cycle) or default_cycle
            view = plan.section_view(section, by_cycle, number)
            return {"revision": view["revision"], "cycle": number, "content": view["content"]}

        before = side("from", max(workspace.cycle - 1, 1))
        after = side("to", workspace.cycle)
        words = {key: self.gettext(text) for key, text in history.WORDS.items()}
        diff, granularity = history.compare_bounded(before["content"], after["content"], section, words)
        note = history.GRANULARITY_NOTES[granularity]
        return {"section_id": section["id"], "from": before, "to": after, "diff": diff,
                "granularity": granularity, "note": self.gettext(note) if note else None}

    @json_api
    def set_lesson_video(self, payload):
        """The lesson video of the current cycle (YouTube or an https video file), or none."""
        url = check.url(payload, "url", 1000)
        if url and not workshop_rules.is_video_url(url):
            raise Invalid(_("The lesson video must be a YouTube address or an https address of a video "
                            "file (.mp4, .webm, .ogg, .m4v)."), field="url")
        group_id = check.item_id(payload, "group_id", required=False)
        storage, request = self.cycle_request()
        with storage.writing() as journal:
            workspace = self._workspace_for(request, journal, group_id)
            if workspace.video_url() != url:
                request.add(journal, "video", workspace, "vid", url=url)
                workspace = request.workspace(workspace.group_id, journal)
        return {"cycle": dict(self._cycle(workspace), video_url=workspace.video_url())}

    @json_api
    def set_theme(self, payload):
        """The group's long-term research theme."""
        theme = check.text(payload, "theme", MAX_THEME)
        group_id = check.item_id(payload, "group_id", required=False)
        storage, request = self.cycle_request()
        with storage.writing() as journal:
            workspace = self._workspace_for(request, journal, group_id)
            if workspace.theme() != theme:
                request.add(journal, "theme", workspace, "thm", theme=theme)
        return {"theme": theme}

    # Planning together ------------------------------------------------------
    @json_api
    def plan_changes(self, payload):
        """Planning together, polled while the Plan tab is visible: the plan sections saved since
        ``since`` (the ``now`` of the caller's previous answer; 0 the first time), and who else
        has the plan open. Marks the caller present (``editing``: the section they type in) in
        the shared cache; writes no journal. When the cache says the plan was not saved since
        ``since``, it answers without reading the members' rows. Staff name the ``group_id``."""
        since = check.integer(payload, "since", 0, 2 ** 53) or 0
        editing = check.item_id(payload, "editing", required=False)
        group_id = check.item_id(payload, "group_id", required=False)
        storage, request = self.cycle_request()
        user = request.user
        usage = str(self.scope_ids.usage_id)
        # The caller's group as the server resolved it at an earlier poll (never as the browser
        # says), so a poll with nothing new reads no row; sections are read through a fresh resolve.
        resolved = None  # (journal, group id) when this request resolved the group itself

        def resolve():
            journal = storage.own_journal()
            target = request.target(journal, group_id)
            if target is None:
                raise Forbidden(_("Join a group first: ask your facilitator for a join code."))
            return journal, target

        remembered = None if not since else presence.remembered_group(usage, user.username, group_id)
        if remembered is None:
            resolved = resolve()
            remembered = (resolved[1], list(request.roster(resolved[1])[0]))
            presence.remember_group(usage, user.username, group_id, *remembered)
        target, usernames = remembered
        now = now_ms()
        present, saved_at = presence.poll(usage, target, usernames, {
            "username": user.username, "id": user.id, "name": user.name, "editing": editing}, now)
        sections = []
        if not since or saved_at is None or saved_at > since:
            journal, target = resolved or resolve()
            workspace = request.workspace(target, journal)
            revisions = workspace.plan_revisions()
            newer = since - presence.SLACK_MS
            sections = [self._section(workspace, section) for section in request.config["template"]
                        if any(record["at"] > newer
                               for record in revisions.get(section["id"], {}).get(workspace.cycle, []))]
            if saved_at is None:
                presence.plan_read(usage, target, max((record["at"] for by_cycle in revisions.values()
                                                       for records in by_cycle.values() for record in records),
                                                      default=1))
        return {"now": now, "sections": sections, "present": present}

    # Do ---------------------------------------------------------------------
    @json_api
    def add_observation(self, payload):
        """Store an observation entry once per ``client_id``."""
        client_id = check.client_id(payload)
        config = self.config()
        focus_ids = [category["id"] for category in config["focus_categories"]]
        storage, request = self.cycle_request(config)
        with storage.writing() as journal:
            workspace = self._own_workspace(request, journal)

            def checked_entry():
                entry = observations.validate(payload, focus_ids, workspace.step_ids(), workspace.seats())
                observations.check_can_add(request.role(workspace), True, workspace.state["phase"])
                return entry

            stored = request.add_once(journal, "observation", workspace, "obs",
                                       client_id=client_id, checked_fields=checked_entry)
        return {"observation": workspace.entry_view(stored)}

    @json_api
    def amend_observation(self, payload):
        """Add evidence to one's own entry (a quick note's, typically), once per ``client_id``;
        the entry keeps what was first recorded."""
        client_id = check.client_id(payload)
        entry_id = check.item_id(payload, "entry_id")
        storage, request = self.cycle_request()
        with storage.writing() as journal:
            workspace = self._own_workspace(request, journal)

            def checked_amendment():
                entry = workspace.observation(entry_id)
                observations.check_can_amend(entry, request.user.id)
                amendment = observations.validate_amendment(payload)
                observations.check_can_add(request.role(workspace), True, workspace.state["phase"])
                return dict(amendment, entry_id=entry_id)

            request.add_once(journal, "amend", workspace, "amd", client_id=client_id,
                             checked_fields=checked_amendment)
        # Only the entry's observer amends it, so every amendment is in the caller's journal.
        mine = [r for r in journal if r.get("type") == "amend" and r.get("entry_id") == entry_id]
        return {"observation": workspace.entry_view(workspace.observation(entry_id), amendments={entry_id: mine})}

    # See --------------------------------------------------------------------
    @json_api
    def post_reflection(self, payload):
        """Store a reflection post once per ``client_id``."""
        client_id = check.client_id(payload)
        post = reflection.validate_post(payload)
        group_id = check.item_id(payload, "group_id", required=False)
        storage, request = self.cycle_request()
        with storage.writing() as journal:
            workspace = self._workspace_for(request, journal, group_id)

            def checked_post():
                reflection.check_can_post(post["kind"], request.role(workspace), request.is_member(workspace),
                                          storage.user.is_staff, workspace.state["phase"])
                reflection.check_citations(post, storage.user.id, workspace.observations(),
                                           workspace.step_ids(), workspace.posts())
                return post

            stored = request.add_once(journal, "post", workspace, "pst",
                                       client_id=client_id, checked_fields=checked_post)
        return {"post": workspace.post_view(stored)}

    @json_api
    def reflection_session(self, payload):
        """The moderator (or a facilitator) starts the guided session (``quiet_minutes`` of quiet
        review first), moves it to a turn, or ends it; everyone sees the turn in ``get_state``."""
        fields = session.validate_action(payload)
        group_id = check.item_id(payload, "group_id", required=False)
        storage, request = self.cycle_request()
        with storage.writing() as journal:
            workspace = self._workspace_for(request, journal, group_id)
            session.check_can_lead(request.role(workspace), storage.user.is_staff, workspace.state["phase"])
            request.add(journal, "session", workspace, "ses", **fields)
            workspace = request.workspace(workspace.group_id, journal)
        return {"session": workspace.session_view()}

    def _group_record(self, payload, record_type, prefix, checked, config=None):
        """A record of the caller in their group (staff: ``group_id``), stored once per
        ``client_id``; ``checked(request, workspace)`` runs the rules inside the write lock and
        returns its fields. Returns the group's workspace with the record in it."""
        client_id = check.client_id(payload)
        group_id = check.item_id(payload, "group_id", required=False)
        storage, request = self.cycle_request(config)
        with storage.writing() as journal:
            workspace = self._workspace_for(request, journal, group_id)
            request.add_once(journal, record_type, workspace, prefix, client_id=client_id,
                             checked_fields=lambda: checked(request, workspace))
            return request.workspace(workspace.group_id, journal)

    @json_api
    def add_minute(self, payload):
        """The recorder adds to the running minutes of the discussion (once per ``client_id``);
        entries whose student or seat the text names are linked."""
        fields = session.validate_minute(payload)

        def checked(request, workspace):
            session.check_can_keep_minutes(request.role(workspace), request.user.is_staff, workspace.state["phase"])
            return dict(fields, turn=session.TURNS[workspace.session_view()["turn"]])

        workspace = self._group_record(payload, "minute", "min", checked)
        return {"minutes": workspace.minutes_view(workspace.entry_views(workspace.observations()))}

    @json_api
    def link_lesson(self, payload):
        """Follow-through: link a lesson learned of an earlier cycle to the change it causes in
        this cycle's plan (a section, a step) and to the observation focus that will show it;
        once per ``client_id``."""
        config = self.config()

        def checked(request, workspace):
            followthrough.check_member(request.is_member(workspace), request.user.is_staff)
            followthrough.check_link_phase(workspace.state["phase"])
            return followthrough.validate_link(
                payload, workspace.cycle, lessons=workspace.earlier_lessons(),
                sections={section["id"]: section["title"] for section in config["template"]},
                step_ids=workspace.step_ids(), focus_ids=[category["id"] for category in config["focus_categories"]])

        return {"follow_through": self._group_record(payload, "follow", "fol", checked, config).follow_through()}

    @json_api
    def review_change(self, payload):
        """Follow-through: did a linked change work? A verdict with the evidence (entries cited),
        once per ``client_id``."""
        def checked(request, workspace):
            followthrough.check_member(request.is_member(workspace), request.user.is_staff)
            followthrough.check_review_phase(workspace.state["phase"])
            return followthrough.validate_review(payload, {link["id"] for link in workspace.follow_through()},
                                                 {entry["id"] for entry in workspace.observations()})

        return {"follow_through": self._group_record(payload, "review", "rvw", checked).follow_through()}

    @json_api
    def save_lessons_learned(self, payload):
        """The lessons learned and agreed revisions; 409 with the current text when stale."""
        content = reflection.validate_lessons(payload)
        base = payload.get("base_revision")
        if base is not None:
            base = check.item_id(payload, "base_revision")
        group_id = check.item_id(payload, "group_id", required=False)
        storage, request = self.cycle_request()
        with storage.writing() as journal:
            workspace = self._workspace_for(request, journal, group_id)
            reflection.check_can_save_lessons(request.role(workspace), request.is_member(workspace),
                                              storage.user.is_staff, workspace.state["phase"])
            log = workspace.lessons_log()
            try:
                existing = log.check_save(base, content, storage.user.id)
            except Conflict as conflict:
                conflict.extra["current"] = workspace.lessons_view()
                self.runtime.publish(self, *events.conflict_shown(workspace.group_id, workspace.cycle,
                                                                 "lessons_learned"))
                raise
            if existing is None:
                request.add(journal, "lessons", workspace, "les", content=content,
                            **log.revision_fields(base))
                workspace = request.workspace(workspace.group_id, journal)
        return {"lessons_learned": workspace.lessons_view()}

    @json_api
    def add_comment(self, payload):
        """A comment on a plan section (members, staff) or a reflection post (staff)."""
        client_id = check.client_id(payload)
        comment = reflection.validate_comment(payload)
        group_id = check.item_id(payload, "group_id", required=False)
        storage, request = self.cycle_request()
        with storage.writing() as journal:
            workspace = self._workspace_for(request, journal, group_id)

            def checked_comment():
                reflection.check_can_comment(
                    comment, request.is_member(workspace), storage.user.is_staff,
                    {s["id"] for s in request.config["template"]}, {p["id"] for p in workspace.posts()})
                return comment

            stored = request.add_once(journal, "comment", workspace, "cmt",
                                       client_id=client_id, checked_fields=checked_comment)
        return {"comment": workspace.comment_view(stored)}

    # Helpers ----------------------------------------------------------------
    def _own_workspace(self, request, journal):
        workspace = request.resolve(journal)
        if workspace is None:
            raise Forbidden(_("Join a group first: ask your facilitator for a join code."))
        return workspace

    def _workspace_for(self, request, journal, group_id):
        """The caller's group, or for staff the group named by ``group_id``."""
        workspace = request.resolve(journal, group_id)
        if workspace is None:
            if request.user.is_staff:
                raise Invalid(_("Name the group: group_id is required for facilitators."),
                              field="group_id")
            raise Forbidden(_("Join a group first: ask your facilitator for a join code."))
        if not request.is_member(workspace) and not request.user.is_staff:
            raise Forbidden(_("You can only work in your own group."))
        return workspace

    @staticmethod
    def _cycle(workspace):
        return {"number": workspace.cycle, "phase": workspace.state["phase"],
                "since": workspace.state["since"], "locked": workspace.locked()}

    @staticmethod
    def workbench_scenarios():
        """The demo course of the workbench (filled by ``python -m lessonstudy_workbench.demo``)."""
        return [
            ("Lesson study cycle: demo workspace",
             '<lessonstudy_cycle display_name="Lesson study: fractions research lesson"/>'),
            ("Lesson study cycle: Teams mode (each team is a group)",
             '<lessonstudy_cycle display_name="Lesson study with Teams" teamset_id="schools"/>'),
            ("Lesson study cycle: Rencana Pembelajaran Mendalam (2025, Bahasa Indonesia)", _preset_olx(
                "Lesson study: Rencana Pembelajaran Mendalam", "rpp_mendalam", "id", observation_preset="lslc")),
        ]


def _refuse_in_teams_mode(request):
    """Groups are the course's teams: joining and assigning happen in the Teams tab."""
    if request.teams is not None:
        raise Conflict(_("In this workspace the groups are the course's teams: join or manage "
                         "teams in the Teams tab."))


def raise_missing(field):
    """A required field is absent."""
    raise Invalid(_("%(field)s is required."), field=field, params={"field": field})


def _new_group_id():
    return new_id("g")


def _username_of(workspace, member_id):
    for member in workspace.members:
        if member.id == member_id:
            return member.username
    return None


def _check_username(storage, username):
    """Refuse a username that is malformed, unknown to the course, or not enrolled (when the runtime can
    tell)."""
    if not re.fullmatch(USERNAME, username):
        raise Invalid(_("That is not a valid username."), field="user_id")
    service = storage.user.service
    lookup = getattr(service, "get_anonymous_user_id", None)
    if lookup is not None:
        try:
            known = lookup(username, str(getattr(storage.block, "course_id", "")))
        except Exception:  # pylint: disable=broad-except
            known = True
        if known is None:
            raise NotFound(_("No learner with the username %(name)s is in this course."),
                           field="user_id", params={"name": username})
    if is_enrolled(storage.block, username) is False:
        raise Conflict(_("%(name)s is not enrolled in this course. Enroll them first (Instructor "
                         "tab, Membership), then add them to the group."),
                       field="user_id", params={"name": username})


def _claiming(request, journal, workspace, role):
    """Before checking that a one-person ``role`` is free: hold the group's lock on that role
    until this write is saved, and read the group again (with rows as they are now), so two
    claims at once are decided one after the other. Other roles need no lock."""
    if role not in SINGLE_HOLDER_ROLES:
        return workspace
    request.storage.exclusive(f"role:{workspace.group_id}:{role}",
                              _("Someone else is choosing a role right now. Trying again..."))
    request.storage.forget_others()
    return request.workspace(workspace.group_id, journal)


def _preset_olx(display_name, preset, language, observation_preset=observations.DEFAULT_OBSERVATION_PRESET):
    """A cycle block's OLX whose template is a shipped preset, with an observation sheet (a
    workbench scenario)."""
    from lxml import etree  # pylint: disable=import-outside-toplevel

    from . import olx  # pylint: disable=import-outside-toplevel
    from .presets import plan_preset  # pylint: disable=import-outside-toplevel

    node = etree.Element("lessonstudy_cycle", display_name=display_name, observation_preset=observation_preset)
    olx.cycle_settings_to_xml(node, {"template": plan_preset(preset, language)[1], "template_preset": preset,
                                     "template_language": language, "focus_categories": None, "prompts": {},
                                     "phase_dates": {}})
    return olx.to_text(node)
