"""The workshop module block: authored training steps, one at a time, with progress.

Each participant's progress is a journal of ``step_*`` records in their own
``user_state`` (written under the same per-learner lock as the cycle
workspace, :mod:`.storage`); a compact participant list in
``user_state_summary`` lets staff see everyone.
"""

from datetime import datetime, timezone

from web_fragments.fragment import Fragment
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.fields import Dict, List, Scope, String
from xblock.utils.resources import ResourceLoader
from xblock.validation import ValidationMessage

from . import olx
from .assets import add_bundles
from .domain import workshop as rules
from .domain import validation as check
from .domain.errors import Invalid, _
from .domain.journal import new_id
from .domain.participants import ParticipantIndex
from .handlers import (
    MAX_AUTHORING_BYTES, download_handler, json_api, require_author, require_staff,
)
from .i18n import I18nMixin
from .presets import requested, workshop_preset, workshop_presets
from .sanitize import clean_html
from .spreadsheet import csv_download, file_slug
from .storage import IndexText, NoLearnerDataRepr, Storage, User, lock_cache_problem, now_ms

loader = ResourceLoader(__name__)

DEFAULT_PRESET = "what_is_lesson_study"
#: The fields the block writes to OLX itself (the rest goes through XBlock's default handling).
OWN_OLX_FIELDS = frozenset({"display_name", "preset", "language", "steps", "olx_problems"})


@XBlock.needs("i18n")
@XBlock.wants("user", "user_state", "studio_user_permissions")
class WorkshopBlock(NoLearnerDataRepr, I18nMixin, CompletableXBlockMixin, XBlock):
    """A lesson study training module: text, video, prompts, checklists and self-checks.

    Completion is the block's own (``CompletableXBlockMixin``): published when every required
    step is done, never for viewing.
    """

    #: Files under ``static/`` are served and collected as the platform does (see ``CycleBlock``).
    resources_dir = ""
    public_dir = "static"

    display_name = String(display_name=_("Display name"), default="", scope=Scope.settings)
    preset = String(display_name=_("Preset"), default=DEFAULT_PRESET, scope=Scope.settings,
                    help=_("The shipped module this one started from."))
    language = String(display_name=_("Content language"), default="en", scope=Scope.settings,
                      values=[{"value": "en", "display_name": "English"},
                              {"value": "id", "display_name": "Bahasa Indonesia"}])
    steps = List(display_name=_("Steps"), default=[], scope=Scope.settings,
                 help=_("The module's steps; empty means the preset's steps."))
    olx_problems = List(default=[], scope=Scope.settings,
                        help="Imported OLX values that were not used, for validate() (not exported).")

    journal = List(default=[], scope=Scope.user_state,
                   help="The participant's step records (see docs/storage.md).")
    profile = Dict(default={}, scope=Scope.user_state,
                   help="The participant's anonymous id and display name, for the staff report.")
    # A plain text Field, not a String: String cleans its value with a regular expression on every
    # read (characters XML cannot hold), which costs more than reading the index itself. Stored
    # the same way: earlier rows read as they are.
    participant_index = IndexText(default="", scope=Scope.user_state_summary,
                                  help="Usernames of everyone who started the module.")

    # Authored content -------------------------------------------------------
    def authored_steps(self):
        """The steps learners see: the authored ones, or the preset's when none were saved."""
        if self.steps:
            return self.steps
        try:
            return workshop_preset(self.preset, self.language)[1]
        except KeyError:
            return []

    def title(self):
        """The display name, or the preset's name."""
        if self.display_name:
            return self.display_name
        try:
            return workshop_preset(self.preset, self.language)[0]
        except KeyError:
            return self.gettext("Workshop module")

    def _storage(self):
        return Storage(self, ParticipantIndex, "participant_index")

    # Views ------------------------------------------------------------------
    @XBlock.supports("multi_device")  # the mobile apps show it (their web view loads student_view)
    def student_view(self, context=None):  # pylint: disable=unused-argument
        """One step at a time, with progress; staff also see the participation table."""
        user = User(self)
        fragment = Fragment(loader.render_django_template(
            "templates/workshop.html", {"title": self.title(), "is_staff": user.is_staff},
            i18n_service=self.i18n_service()))
        add_bundles(self, fragment, "core", "workshop")
        fragment.initialize_js("LessonStudyWorkshop", {
            "language": self.ui_language(), "is_staff": user.is_staff,
            "export_url": self.runtime.handler_url(self, "export", query="format=csv")})
        return fragment

    def student_view_data(self, context=None):  # pylint: disable=unused-argument
        """Authored steps for the mobile apps (no user: computed once per publish)."""
        return {"display_name": self.title(), "language": self.language_of_content(),
                "steps": [self._public(step) for step in self.authored_steps()]}

    def language_of_content(self):
        """The language the module is written in."""
        return self.language

    def _public(self, step):
        view = rules.public_step(step)
        view["body"] = clean_html(view["body"])
        return view

    # Learner handlers -------------------------------------------------------
    @json_api
    def get_progress(self, payload):  # pylint: disable=unused-argument
        """The steps, what the participant has done, and where they resume."""
        storage = self._storage()
        return self._progress(storage.own_journal())

    def _progress(self, journal):
        """The ``get_progress`` answer from a participant's journal (feedback only for answered checks)."""
        steps = self.authored_steps()
        answer = rules.progress(steps, journal)
        answer.pop("last_activity")
        answer["steps"] = [self._public(step) for step in steps]
        answer["feedback"] = {step_id: rules.feedback(steps, step_id, response)
                              for step_id, response in answer["responses"].items()
                              if "choice" in response}
        return answer

    @json_api
    def visit_step(self, payload):
        """Remember where the participant is, so they resume there."""
        step = rules.find_step(self.authored_steps(), check.item_id(payload, "step_id"))
        storage = self._storage()
        with storage.writing() as journal:
            self._join(storage)
            last = [r for r in journal if r.get("type") == "step_visit"]
            if not last or last[-1]["step_id"] != step["id"]:
                journal.append(self._record("step_visit", storage, step["id"]))
        return {"current_step": step["id"]}

    @json_api
    def complete_step(self, payload):
        """Finish a step if its requirement is met; a wrong self-check answer shows its feedback."""
        steps = self.authored_steps()
        step = rules.find_step(steps, check.item_id(payload, "step_id"))
        done, answer, feedback, correct = rules.judge(step, payload)
        storage = self._storage()
        newly_complete = False
        with storage.writing() as journal:
            self._join(storage)
            before = rules.progress(steps, journal)
            record = self._record("step_done" if done else "step_answer", storage, step["id"])
            record["answer"] = answer
            journal.append(record)
            after = rules.progress(steps, journal)
            if rules.completion_due(after, journal):
                journal.append(self._record("completed", storage, None))
                newly_complete = True
        if done and step["id"] not in before["done"]:
            self.runtime.publish(self, "edx.lessonstudy.workshop.step.completed",
                                 {"step_id": step["id"], "kind": step["kind"]})
        if newly_complete:
            self.emit_completion(1.0)
        return {"done": after["done"], "complete": after["complete"], "feedback": feedback,
                "correct": correct, **rules.counts(steps, after["done"])}

    def _record(self, record_type, storage, step_id):
        return {"id": new_id("stp"), "type": record_type, "step_id": step_id, "at": now_ms(),
                "by": storage.user.id}

    @staticmethod
    def _join(storage):
        """Put the participant on the staff report's list (again, if a race dropped them)."""
        if storage.index().ensure(storage.user.username):
            storage.save_index()

    # Staff ------------------------------------------------------------------
    @json_api
    def staff_report(self, payload):  # pylint: disable=unused-argument
        """Staff: every participant with steps done, last activity and prompt responses."""
        storage = self._storage()
        require_staff(storage.user)
        return {"steps": [{"id": s["id"], "title": s.get("title", ""), "kind": s["kind"]}
                          for s in self.authored_steps()],
                "participants": self._participants(storage)}

    def _participants(self, storage):
        """A row per participant for the staff report and the CSV export."""
        steps = self.authored_steps()
        names = storage.index().names
        states = storage.read_others(names)
        states[storage.user.username] = {"profile": storage.user.profile(),
                                         "journal": storage.own_journal()}
        rows = []
        for username in names:
            state = states.get(username) or {}
            done = rules.progress(steps, state.get("journal") or [])
            rows.append({
                "username": username, "name": (state.get("profile") or {}).get("name") or username,
                "steps_done": len(done["done"]), "steps_total": len(steps), "complete": done["complete"],
                **rules.counts(steps, done["done"]),
                "last_activity": done["last_activity"],
                "responses": {step_id: r["response"] for step_id, r in done["responses"].items()
                              if "response" in r},
            })
        return rows

    @download_handler
    def export(self, request):
        """Staff: the participation table as a CSV download (GET ``format=csv``)."""
        storage = self._storage()
        require_staff(storage.user)
        if request.GET.get("format", "csv") != "csv":
            raise Invalid(_("format must be csv."), field="format")
        steps = self.authored_steps()
        prompts = [step for step in steps if step["kind"] == "prompt"]
        header = [self.gettext("Participant"), self.gettext("Username"), self.gettext("Steps done"),
                  self.gettext("Steps"), self.gettext("Complete"), self.gettext("Last activity (UTC)")]
        header += [step.get("title") or step["id"] for step in prompts]
        rows = []
        for row in self._participants(storage):
            last = row["last_activity"]
            rows.append([row["name"], row["username"], row["steps_done"], row["steps_total"],
                         self.gettext("yes") if row["complete"] else self.gettext("no"),
                         _utc(last) if last else ""]
                        + [row["responses"].get(step["id"], "") for step in prompts])
        return csv_download(header, rows, f"workshop-{file_slug(self.scope_ids.usage_id)}")

    # Authoring --------------------------------------------------------------
    def studio_view(self, context=None):  # pylint: disable=unused-argument
        """The editor: display name, preset and language, and every step, without JSON."""
        fragment = Fragment(loader.render_django_template(
            "templates/workshop_studio.html", {"title": self.title()},
            i18n_service=self.i18n_service()))
        add_bundles(self, fragment, "core", "studio", "studio_editor", "workshop_studio")
        fragment.initialize_js("LessonStudyWorkshopStudio", {"language": self.ui_language()})
        return fragment

    @json_api
    def author_settings(self, payload):  # pylint: disable=unused-argument
        """Authoring: the settings as the editor edits them (with correct options and feedback)."""
        self._check_author()
        return self._settings()

    def _settings(self):
        return {"display_name": self.display_name or self.title(), "preset": self.preset,
                "language": self.language, "steps": self.authored_steps(),
                "presets": [{"id": preset, "language": language,
                             "name": workshop_preset(preset, language)[0]}
                            for preset, language in workshop_presets()],
                "kinds": list(rules.KINDS),
                "warnings": [self.gettext(message) % params
                             for message, params in rules.problems(self.authored_steps())]}

    @json_api
    def load_preset(self, payload):
        """Authoring: a shipped module's steps, to start the editor from (nothing is saved)."""
        self._check_author()
        preset, language, display_name, steps = requested(
            payload, workshop_preset, _("There is no preset %(name)s in this language."))
        return {"display_name": display_name, "preset": preset, "language": language, "steps": steps}

    @json_api
    def preview_body(self, payload):
        """Authoring: a step body as learners will see it, sanitised as saving does (nothing is saved)."""
        self._check_author()
        return {"body": clean_html(check.text(payload, "body", rules.MAX_BODY))}

    @json_api(max_bytes=MAX_AUTHORING_BYTES)
    def save_settings(self, payload):
        """Authoring: save the display name, preset, language and steps."""
        self._check_author()
        for name, value in _sanitized(rules.clean_settings(payload)).items():
            setattr(self, name, value)
        self.olx_problems = []
        return self._settings()

    def _check_author(self):
        """Only where settings can be written, by the course's authors (see ``require_author``)."""
        require_author(self, User(self))

    def validate(self):
        """Warn the author about a module learners could not complete."""
        validation = super().validate()
        for message, params in rules.problems(self.authored_steps()):
            validation.add(ValidationMessage(ValidationMessage.WARNING, self.gettext(message) % params))
        for message in olx.problem_messages(self):
            validation.add(ValidationMessage(ValidationMessage.WARNING, message))
        problem = lock_cache_problem()
        if problem:
            validation.add(ValidationMessage(ValidationMessage.WARNING, self.gettext(
                "Participants cannot save in this module: the site's lock cache is not set up "
                "(%(problem)s).") % {"problem": problem}))
        return validation

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        """Import: attributes are settings, ``<step>`` children are the steps, cleaned as the
        editor cleans them (a refused value keeps its default and ``validate()`` says so); every
        other authored field (the platform's, e.g. ``visible_to_staff_only``) as XBlock reads it."""
        olx.refuse_entities(node)
        block = super().parse_xml(olx.platform_fields_node(cls, node, OWN_OLX_FIELDS), runtime, keys)
        raw = {name: node.get(name) for name in ("display_name", "preset", "language")
               if node.get(name) is not None}
        steps = olx.steps_from_xml(node)
        if steps:
            raw["steps"] = steps
        cleaned, block.olx_problems = olx.import_settings(raw, rules.clean_settings)
        for name, value in _sanitized(cleaned).items():
            setattr(block, name, value)
        return block

    def add_xml_to_node(self, node):
        """Export: every setting as readable XML (one ``<step>`` per step); every other authored
        field (the platform's, e.g. ``visible_to_staff_only``) as XBlock writes it."""
        super().add_xml_to_node(node)
        olx.keep_platform_fields(self, node, OWN_OLX_FIELDS)
        for name in ("display_name", "preset", "language"):
            node.set(name, getattr(self, name))
        olx.steps_to_xml(node, self.authored_steps())

    @staticmethod
    def workbench_scenarios():
        """One module per shipped preset and language."""
        return [
            (f"Workshop module: {workshop_preset(preset, language)[0]} ({language})",
             f'<lessonstudy_workshop preset="{preset}" language="{language}"/>')
            for preset, language in workshop_presets()
        ]


def _sanitized(cleaned):
    """Cleaned settings with the steps' rich-text bodies sanitised (nh3)."""
    for step in cleaned.get("steps") or []:
        step["body"] = clean_html(step["body"])
    return cleaned


def _utc(ms):
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc).strftime("%Y-%m-%d %H:%M")
