"""The authored settings of a cycle workspace (Studio's editor, OLX import): checked and cleaned.

An empty template, category list or prompt means the shipped default (translated when shown).
"""

import datetime

from . import observations, plan, reflection
from . import validation as check
from .cycles import PHASES
from .errors import DomainError, Invalid, _

#: The display name a block has when the author left it empty.
DEFAULT_DISPLAY_NAME = "Lesson study cycle"


def clean_settings(payload, partial=False):
    """Every authored setting of a cycle workspace checked, as field values (``partial``: only
    those present); raises :class:`~.errors.Invalid` naming the setting. Guidance is returned as
    given: the block sanitises rich text."""
    cleaned = {}

    def present(name):
        return name in payload or not partial

    if present("display_name"):
        cleaned["display_name"] = check.text(payload, "display_name", 200, required=not partial) or \
            DEFAULT_DISPLAY_NAME
    if present("template"):
        cleaned["plan_template"] = plan.clean_template(payload.get("template"))
    if present("template_preset"):
        cleaned["template_preset"] = check.text(payload, "template_preset", 80)
    if present("template_language"):
        language = payload.get("template_language") or ""
        if language not in ("", "en", "id"):
            raise Invalid(_("template_language must be en or id."), field="template_language")
        cleaned["template_language"] = language
    if "observation_preset" in payload:  # added later: a request without it keeps the sheet
        chosen = {"observation_preset": payload.get("observation_preset") or observations.DEFAULT_OBSERVATION_PRESET}
        cleaned["observation_preset"] = check.choice(chosen, "observation_preset", observations.OBSERVATION_PRESETS)
    if present("focus_categories"):
        # An empty list is allowed (validate() warns: learners could not record a note).
        cleaned["focus_categories"] = observations.clean_categories(payload.get("focus_categories"))
    if present("prompts"):
        cleaned["reflection_prompts"] = _prompts(payload)
    if present("phase_dates"):
        cleaned["phase_dates"] = _phase_dates(payload)
    if present("observations_visible_at_once"):
        cleaned["observations_visible_at_once"] = check.boolean(payload, "observations_visible_at_once")
    if present("teamset_id"):
        teamset = check.text(payload, "teamset_id", 255)
        if teamset and not all(c.isalnum() or c in "_. -" for c in teamset):
            raise Invalid(_("A teamset id has letters, digits, '_', '.', '-' and spaces."), field="teamset_id")
        cleaned["teamset_id"] = teamset
    if present("weight"):
        weight = check.number(payload, "weight", 0, 100)
        cleaned["weight"] = weight or 0.0
    return cleaned


def _is_date(text):
    """Whether ``text`` is a real date written YYYY-MM-DD."""
    try:
        datetime.date.fromisoformat(text)
        return len(text) == 10
    except ValueError:
        return False


def _prompts(payload):
    """The reflection prompts the author wrote, by post kind: one text for every language, or a
    text per language (``{"en": ..., "id": ...}``); an empty one means the default."""
    prompts = payload.get("prompts") or {}
    if not isinstance(prompts, dict) or any(k not in reflection.KINDS for k in prompts):
        raise Invalid(_("prompts must name post kinds: %(kinds)s."), field="prompts",
                      params={"kinds": ", ".join(reflection.KINDS)})
    reflection_prompts = {}
    for kind, given in prompts.items():
        try:
            if isinstance(given, dict):
                if any(language not in check.LANGUAGES for language in given):
                    raise Invalid(_("A prompt's texts are given by language: %(languages)s."),
                                  params={"languages": ", ".join(check.LANGUAGES)})
                texts = {language: check.text(given, language, 1000) for language in given}
                text = {language: value for language, value in texts.items() if value}
            else:
                text = check.text(prompts, kind, 1000)
        except DomainError as error:
            error.field, error.extra["kind"] = "prompts", kind
            raise
        if text:
            reflection_prompts[kind] = text
    return reflection_prompts


def _phase_dates(payload):
    """The last day of each phase the author set, written YYYY-MM-DD."""
    dates = payload.get("phase_dates") or {}
    if not isinstance(dates, dict) or any(k not in PHASES for k in dates):
        raise Invalid(_("phase_dates must name phases: plan, do, see."), field="phase_dates")
    phase_dates = {}
    for phase in dates:
        try:
            day = check.text(dates, phase, 10)
        except DomainError as error:
            error.field, error.extra["phase"] = "phase_dates", phase
            raise
        if day and not _is_date(day):
            raise Invalid(_("Phase dates are written YYYY-MM-DD."), field="phase_dates", phase=phase)
        if day:
            phase_dates[phase] = day
    return phase_dates
