"""Shipped content, one OLX file per preset and language: workshop modules (``workshop/``)
and plan templates (``plan/``)."""

import copy
import os
from functools import lru_cache

from ..domain import validation as check
from ..domain.errors import NotFound
from ..domain.plan import clean_template
from ..domain.workshop import clean_steps
from ..olx import parse_text, steps_from_xml, template_from_xml

HERE = os.path.dirname(__file__)
WORKSHOP_DIR = os.path.join(HERE, "workshop")
PLAN_DIR = os.path.join(HERE, "plan")
LANGUAGES = check.LANGUAGES


def _listed(directory):
    """``[(preset id, language)]`` of the ``<preset>.<language>.xml`` files of a folder, sorted."""
    return [tuple(name.rsplit(".", 2)[:2]) for name in sorted(os.listdir(directory)) if name.endswith(".xml")]


@lru_cache(maxsize=None)
def _load(directory, preset, language):
    """``(name, items)`` of a preset file, parsed safely and cleaned like authored settings.

    Shipped files never change while a process runs, so they are parsed once.
    """
    with open(os.path.join(directory, f"{preset}.{language}.xml"), "rb") as handle:
        root = parse_text(handle.read())
    if directory == WORKSHOP_DIR:
        return root.get("display_name", preset), tuple(clean_steps(steps_from_xml(root)))
    return root.get("name", preset), tuple(clean_template(template_from_xml(root)))


def _preset(directory, preset, language):
    if (preset, language) not in _listed(directory):
        raise KeyError(f"{preset}.{language}")
    name, items = _load(directory, preset, language)
    return name, copy.deepcopy(list(items))


def workshop_presets():
    """``[(preset id, language)]`` of every shipped workshop module, sorted."""
    return _listed(WORKSHOP_DIR)


def workshop_preset(preset, language):
    """``(display name, steps)`` of a shipped module; KeyError when there is no such preset."""
    return _preset(WORKSHOP_DIR, preset, language)


def plan_presets():
    """``[(preset id, language, name)]`` of every shipped plan template, sorted."""
    return [(preset, language, _load(PLAN_DIR, preset, language)[0]) for preset, language in _listed(PLAN_DIR)]


def plan_preset(preset, language):
    """``(name, sections)`` of a shipped plan template; KeyError when there is none."""
    return _preset(PLAN_DIR, preset, language)


def requested(payload, loader, not_found):
    """``(preset, language, name, items)`` of the preset a request names (an authoring handler's
    ``{"preset", "language"}``); 404 with ``not_found`` when there is none."""
    preset = check.text(payload, "preset", 80, required=True)
    language = check.choice(payload, "language", LANGUAGES)
    try:
        name, items = loader(preset, language)
    except KeyError as error:
        raise NotFound(not_found, field="preset", params={"name": preset}) from error
    return preset, language, name, items
