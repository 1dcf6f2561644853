"""Shipped content: workshop modules (``workshop/``), one OLX file per preset and language."""

import copy
import os
from functools import lru_cache

from ..domain.workshop import clean_steps
from ..olx import parse_text, steps_from_xml

HERE = os.path.dirname(__file__)
WORKSHOP_DIR = os.path.join(HERE, "workshop")
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
