"""Authoring the cycle workspace: Studio editor, validation, OLX, and what Studio and the
mobile apps show.

Everything an author configures is a ``Scope.settings`` field of
:class:`~.cycle.CycleBlock`; this mixin edits, checks, exports and imports
those fields. An empty template, category list or prompt means the shipped
default, which is translated into the learner's language when shown.
"""


from web_fragments.fragment import Fragment
from xblock.fields import Boolean, Dict, Float, List, Scope, String
from xblock.utils.resources import ResourceLoader
from xblock.validation import ValidationMessage

from . import localized, olx
from .assets import add_bundles
from .domain import observations, plan, reflection
from .domain.cycles import PHASES
from .domain.errors import _
from .domain.validation import LANGUAGES
from .domain.settings import clean_settings
from .handlers import MAX_AUTHORING_BYTES, json_api, require_author
from .presets import plan_preset, plan_presets, requested
from .sanitize import clean_html
from .storage import User, lock_cache_problem
from .teams import NO_TEAMSET, TEAMS_OFF, teams_problem

loader = ResourceLoader(__name__)

#: The plan template the Studio editor proposes for a block whose template was never chosen:
#: Indonesia's 2025 deep-learning plan (RPP / Modul Ajar).
PROPOSED_PRESET = "rpp_mendalam"
#: Scalar settings exported as attributes, in this order.
OLX_ATTRIBUTES = ("display_name", "observation_preset", "observations_visible_at_once", "teamset_id", "weight")
#: Every field the block writes to OLX itself (the rest goes through XBlock's default handling).
OWN_OLX_FIELDS = frozenset(OLX_ATTRIBUTES + ("plan_template", "template_preset", "template_language",
                                            "focus_categories", "reflection_prompts", "phase_dates",
                                            "olx_problems"))


class CycleAuthoringMixin:
    """Studio editor, ``validate()``, OLX, ``author_view`` and ``student_view_data``.

    It declares the authored fields it edits, checks, exports and imports (``Scope.settings``);
    of :class:`~.cycle.CycleBlock` it uses ``config()`` and ``translated()`` (the settings with
    the shipped defaults resolved) and the translations of :class:`~.i18n.I18nMixin`. The rules
    of what a setting may be are :mod:`.domain.settings`.
    """

    display_name = String(display_name=_("Display name"), default=_("Lesson study cycle"),
                          scope=Scope.settings)
    plan_template = List(
        display_name=_("Plan template"), default=None, scope=Scope.settings,
        help=_("The plan's sections; not set means the default research lesson plan (RPP)."),
    )
    focus_categories = List(
        display_name=_("Observation focus categories"), default=None, scope=Scope.settings,
        help=_("Focus categories with stable ids; not set means the defaults."),
    )
    reflection_prompts = Dict(display_name=_("Reflection prompts"), default={}, scope=Scope.settings)
    observation_preset = String(
        display_name=_("Observation sheet"), default=observations.DEFAULT_OBSERVATION_PRESET, scope=Scope.settings,
        help=_("The observation sheet whose focus categories and guiding questions observers use."),
    )
    observations_visible_at_once = Boolean(
        display_name=_("Observations visible to the group at once"), default=False,
        scope=Scope.settings,
        help=_("Off: each observer sees only their own entries until the Do phase ends."),
    )
    weight = Float(display_name=_("Participation score weight"), default=0.0, scope=Scope.settings,
                   help=_("0: no score. Otherwise completing the workspace earns 1 point, weighted."))
    teamset_id = String(display_name=_("Teamset id"), default="", scope=Scope.settings,
                        help=_("When set and the course has Teams, each team of this teamset is a group."))
    template_preset = String(display_name=_("Plan template preset"), default="research_lesson",
                             scope=Scope.settings)
    template_language = String(display_name=_("Plan template language"), default="", scope=Scope.settings)
    phase_dates = Dict(
        display_name=_("Phase dates"), default={}, scope=Scope.settings,
        help=_("Optional last day (YYYY-MM-DD) of each phase: plan, do, see."),
    )
    olx_problems = List(default=[], scope=Scope.settings,
                        help="Imported OLX values that were not used, for validate() (not exported).")

    # What authors configure ---------------------------------------------------------
    def authored_settings(self):
        """Every authored setting, defaults resolved (the editor's and the mobile apps' view)."""
        config = self.config()
        return {
            "display_name": self.display_name,
            "template": config["template"], "template_preset": self.template_preset,
            "template_language": self.template_language,
            "observation_preset": self.observation_preset,
            "focus_categories": config["focus_categories"], "prompts": config["prompts"],
            "observation_questions": config["observation_questions"],
            "phase_dates": {phase: (self.phase_dates or {}).get(phase, "") for phase in PHASES},
            "observations_visible_at_once": self.observations_visible_at_once,
            "teamset_id": self.teamset_id, "weight": self.weight,
        }

    def student_view_data(self, context=None):  # pylint: disable=unused-argument
        """Authored configuration for the mobile apps: no user or group state (computed once per
        publish, with no user); group state comes from the JSON handlers."""
        data = self.authored_settings()
        data["teams_mode"] = bool(self.teamset_id)
        titles = localized.template_in_every_language(self.plan_template, self.template_preset)
        for section, section_titles in zip(data["template"], titles):
            section["guidance"] = clean_html(section.get("guidance", ""))
            section["titles"] = section_titles
        labels = localized.categories_in_every_language(self.focus_categories, self.observation_preset)
        for category, category_labels in zip(data["focus_categories"], labels):
            category["labels"] = category_labels["labels"]
        data["prompts_by_language"] = {
            kind: {language: localized.prompt(self.reflection_prompts, kind, language) for language in LANGUAGES}
            for kind in data["prompts"]}
        texts = {language: localized.questions(self.observation_preset, language) for language in LANGUAGES}
        for index, question in enumerate(data["observation_questions"]):
            question["texts"] = {language: texts[language][index]["text"] for language in LANGUAGES}
        return data

    # Studio ------------------------------------------------------------------------
    def author_view(self, context=None):  # pylint: disable=unused-argument
        """Studio's preview: the template, categories and prompts as a learner sees them."""
        settings = self.student_view_data()
        prompts = [(self.gettext(reflection.KIND_LABELS.get(kind, kind)), prompt)
                   for kind, prompt in settings["prompts"].items()]
        fragment = Fragment(loader.render_django_template(
            "templates/cycle_author.html",
            {"settings": settings, "prompts": prompts, "display_name": self.display_name},
            i18n_service=self.i18n_service()))
        return add_bundles(self, fragment, "studio")

    def studio_view(self, context=None):  # pylint: disable=unused-argument
        """The editor of every setting, without JSON."""
        fragment = Fragment(loader.render_django_template(
            "templates/cycle_studio.html", {"display_name": self.display_name},
            i18n_service=self.i18n_service()))
        add_bundles(self, fragment, "core", "studio", "studio_editor", "cycle_studio")
        fragment.initialize_js("LessonStudyCycleStudio", {"language": self.ui_language()})
        return fragment

    def _check_author(self):
        """Only where settings can be written, by the course's authors (see ``require_author``)."""
        require_author(self, User(self))

    @json_api
    def author_settings(self, payload):  # pylint: disable=unused-argument
        """Authoring: the settings, the shipped template presets and the current warnings."""
        self._check_author()
        return self._editor_state()

    def _editor_state(self):
        """What the Studio editor shows: every setting, the presets, the section types and the warnings."""
        state = self.authored_settings()
        state["presets"] = sorted(({"id": preset, "language": language, "name": name}
                                   for preset, language, name in plan_presets()),
                                  key=lambda p: (p["id"] != PROPOSED_PRESET, p["id"], p["language"]))
        # A block whose template was never chosen keeps the built-in one (live courses do not
        # change under their groups); the editor proposes the current practice's plan for it.
        never_chosen = not any(self.fields[name].is_set_on(self)
                               for name in ("plan_template", "template_preset", "template_language"))
        state["proposed_preset"] = PROPOSED_PRESET if never_chosen else None
        state["observation_presets"] = [
            {"id": preset, "name": self.gettext(name),
             "categories": localized.categories(None, preset, self.ui_language()),
             "questions": localized.questions(preset, self.ui_language())}
            for preset, (name, _categories, _questions) in observations.OBSERVATION_PRESETS.items()]
        state["section_types"] = list(plan.SECTION_TYPES)
        state["post_kinds"] = [{"id": kind, "label": self.gettext(reflection.KIND_LABELS[kind])}
                               for kind in reflection.KINDS]
        state["warnings"] = [message.text for message in self.validate().messages]
        return state

    @json_api
    def load_template_preset(self, payload):
        """Authoring: a shipped plan template to start the editor from (nothing is saved)."""
        self._check_author()
        preset, language, name, sections = requested(
            payload, plan_preset, _("There is no template preset %(name)s in this language."))
        return {"preset": preset, "language": language, "name": name, "template": sections}

    @json_api(max_bytes=MAX_AUTHORING_BYTES)
    def save_settings(self, payload):
        """Authoring: check every setting, then save them all (nothing is saved when one is wrong)."""
        self._check_author()
        cleaned = sanitized(clean_settings(payload))
        for name, value in self._unset_defaults(cleaned).items():
            setattr(self, name, value)
        self.olx_problems = []
        return self._editor_state()

    def _unset_defaults(self, cleaned):
        """What is stored of the saved settings: a template equal to the built-in one (as the
        editor showed it, translated) as "not set"; shipped categories and prompts by id, with
        only the author's own texts, per language (:mod:`.localized`), so they keep following
        each learner's language."""
        language = self.ui_language()
        default = plan.clean_template(self.translated(plan.DEFAULT_TEMPLATE))
        if "plan_template" in cleaned and cleaned["plan_template"] == default:
            cleaned["plan_template"] = None
        if cleaned.get("focus_categories") is not None:
            preset = cleaned.get("observation_preset", self.observation_preset)
            cleaned["focus_categories"] = localized.store_categories(
                cleaned["focus_categories"], self.focus_categories, preset, language)
        if "reflection_prompts" in cleaned:
            cleaned["reflection_prompts"] = localized.store_prompts(
                cleaned["reflection_prompts"], self.reflection_prompts, language)
        return cleaned

    def validate(self):
        """Warn the author about what would break for learners."""
        validation = super().validate()

        def warn(message, **params):
            validation.add(ValidationMessage(ValidationMessage.WARNING, self.gettext(message) % params))

        config = self.config()
        for message, params in plan.template_problems(config["template"]):
            warn(message, **params)
        if not config["focus_categories"]:
            warn(_("There is no observation focus category."))
        dates = [(phase, (self.phase_dates or {}).get(phase)) for phase in PHASES]
        given = [(phase, day) for phase, day in dates if day]
        if any(a[1] > b[1] for a, b in zip(given, given[1:])):
            warn(_("The phase dates are out of order: Plan, Do and See must end in that order."))
        if self.teamset_id:
            problem = teams_problem(self)
            if problem == TEAMS_OFF:
                warn(_("The course has Teams turned off, so the teamset %(id)s cannot be used: this "
                       "workspace manages its own groups until Teams are turned on in the course's "
                       "settings."), id=self.teamset_id)
            elif problem == NO_TEAMSET:
                warn(_("The course has no teamset with the id %(id)s."), id=self.teamset_id)
        for message in olx.problem_messages(self):
            validation.add(ValidationMessage(ValidationMessage.WARNING, message))
        problem = lock_cache_problem()
        if problem:
            warn(_("Participants cannot save in this workspace: the site's lock cache is not set up "
                   "(%(problem)s)."), problem=problem)
        return validation

    # OLX ---------------------------------------------------------------------------
    @classmethod
    def parse_xml(cls, node, runtime, keys):
        """Import: scalar settings are attributes, structured ones child elements, cleaned as the
        editor cleans them (a refused value keeps its default and ``validate()`` says so); every
        other authored field (the platform's, e.g. ``visible_to_staff_only``) as XBlock reads it."""
        olx.refuse_entities(node)
        block = super().parse_xml(olx.platform_fields_node(cls, node, OWN_OLX_FIELDS), runtime, keys)
        raw = {name: node.get(name) for name in OLX_ATTRIBUTES if node.get(name) is not None}
        for name in ("observations_visible_at_once", "weight"):
            if name in raw:
                raw[name] = olx.attribute_value(raw[name])
        raw.update(olx.cycle_settings_from_xml(node))
        cleaned, block.olx_problems = olx.import_settings(raw, clean_settings)
        for name, value in sanitized(cleaned).items():
            setattr(block, name, value)
        return block

    def add_xml_to_node(self, node):
        """Export: every setting that is set, as readable XML (no JSON); every other authored
        field (the platform's, e.g. ``visible_to_staff_only``) as XBlock writes it."""
        super().add_xml_to_node(node)
        olx.keep_platform_fields(self, node, OWN_OLX_FIELDS)
        for name in OLX_ATTRIBUTES:
            value = getattr(self, name)
            node.set(name, ("true" if value else "false") if isinstance(value, bool) else str(value))
        olx.cycle_settings_to_xml(node, {
            "template": self.plan_template, "template_preset": self.template_preset,
            "template_language": self.template_language, "focus_categories": self.focus_categories,
            "prompts": self.reflection_prompts, "phase_dates": self.phase_dates or {},
        })


def sanitized(cleaned):
    """Cleaned settings with the template's rich-text guidance sanitised (nh3)."""
    for section in cleaned.get("plan_template") or []:
        section["guidance"] = clean_html(section["guidance"])
    return cleaned
