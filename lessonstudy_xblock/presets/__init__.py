"""Shipped content: workshop modules (``workshop/``), one OLX file per preset and language."""

import copy
import os
from functools import lru_cache

from ..domain.workshop import clean_steps
from ..domain.plan import clean_template
from ..olx import parse_text, steps_from_xml, template_from_xml

HERE = os.path.dirname(__file__)
WORKSHOP_DIR = os.path.join(HERE, "workshop")
PLAN_DIR = os.path.join(HERE, "plan")
LANGUAGES = ("en", "id")


def workshop_presets():
    """``[(preset id, language)]`` of every shipped workshop module, sorted."""
    found = []
    for name in sorted(os.listdir(WORKSHOP_DIR)):
        if name.endswith(".xml"):
            preset, language, _ext = name.rsplit(".", 2)
            found.append((preset, language))
    return found


@lru_cache(maxsize=None)
def _load(preset, language):
    path = os.path.join(WORKSHOP_DIR, f"{preset}.{language}.xml")
    with open(path, "rb") as handle:
        root = parse_text(handle.read())
    return root.get("display_name", preset), tuple(clean_steps(steps_from_xml(root)))


def workshop_preset(preset, language):
    """``(display name, steps)`` of a shipped module; KeyError when there is no such preset."""
    if (preset, language) not in workshop_presets():
        raise KeyError(f"{preset}.{language}")
    display_name, steps = _load(preset, language)
    return display_name, copy.deepcopy(list(steps))


def plan_presets():
    """``[(preset id, language, name)]`` of every shipped plan template, sorted."""
    found = []
    for name in sorted(os.listdir(PLAN_DIR)):
        if name.endswith(".xml"):
            preset, language, _ext = name.rsplit(".", 2)
            found.append((preset, language, _load_plan(preset, language)[0]))
    return found


@lru_cache(maxsize=None)
def _load_plan(preset, language):
    path = os.path.join(PLAN_DIR, f"{preset}.{language}.xml")
    with open(path, "rb") as handle:
        root = parse_text(handle.read())
    return root.get("name", preset), tuple(clean_template(template_from_xml(root)))


def plan_preset(preset, language):
    """``(name, sections)`` of a shipped plan template; KeyError when there is none."""
    if not os.path.exists(os.path.join(PLAN_DIR, f"{preset}.{language}.xml")) \
            or "/" in preset or "/" in language:
        raise KeyError(f"{preset}.{language}")
    name, sections = _load_plan(preset, language)
    return name, copy.deepcopy(list(sections))
