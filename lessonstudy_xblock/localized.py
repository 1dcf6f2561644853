"""Authored items that keep following each viewer's language.

The shipped items an author starts from (focus categories and guiding questions of the
observation sheets, reflection prompts, the sections of a plan preset) are shown in the viewer's
language unless the author changed that item's text; a Studio save in one language never
freezes the others. How each is stored (``Scope.settings`` of the cycle block):

``focus_categories``
    ``None``: the observation sheet's categories. Otherwise a list of items:
    ``{"id"}`` a shipped category, its label translated; ``{"id", "label", "labels"}`` with
    ``labels`` the author's own text per language (``{"id": "Belajar terjadi"}``): a shipped
    category shows ``labels[language]`` or its translation, a custom one ``labels[language]``
    or ``label`` (its first text). An item of earlier versions, ``{"id", "label"}``, whose label
    is a shipped category's label in any language reads as that shipped category.
``reflection_prompts``
    ``{kind: text}`` (earlier versions, or one text for every language; a shipped prompt's text
    in any language means the default) or ``{kind: {language: text}}``: languages without a
    text show the default prompt, translated.
``plan_template``
    Whole sections (the plan reads them; OLX stays readable). A section equal to the same
    section of the shipped preset in any language (``template_preset``) or of the built-in
    template is shown as that preset's section in the viewer's language.
"""

import copy
from functools import lru_cache

from .domain import observations, plan, reflection
from .domain.validation import LANGUAGES
from .i18n import translations
from .presets import plan_preset
from .sanitize import clean_html


def gettext_in(language):
    """``gettext`` of one language (the package's catalog with a site's laid over it)."""
    return translations(language).gettext


def translated(structure, gettext):
    """A deep copy of shipped defaults with labels, titles, guidance, texts and cells translated."""
    # The shipped texts are marked with _() where they are defined (domain/).
    # pylint: disable=translation-of-non-string
    result = copy.deepcopy(structure)
    for item in _walk(result):
        for key in ("title", "label", "guidance", "text"):
            if item.get(key):
                item[key] = gettext(item[key])
        if isinstance(item.get("cells"), list):
            item["cells"] = [gettext(c) if c else c for c in item["cells"]]
    return result


def _walk(value):
    """Every dict inside a structure of dicts and lists."""
    if isinstance(value, dict):
        yield value
        for child in value.values():
            yield from _walk(child)
    elif isinstance(value, list):
        for child in value:
            yield from _walk(child)


def shipped_texts(source):
    """A shipped text in every shipped language."""
    return {gettext_in(language)(source) for language in LANGUAGES} | {source}


# Focus categories -------------------------------------------------------------------------
def preset_categories(preset):
    """The stored form of an observation sheet's categories: shipped ids only."""
    return [{"id": category["id"]} for category in sheet(preset)[1]]


def is_quick(item):
    """Whether a stored category has a quick-mark button (the author's choice, else the shipped one)."""
    return item["quick"] if "quick" in item else item["id"] in observations.SHIPPED_QUICK


def sheet(preset):
    """``(name, categories, guiding questions)`` of an observation sheet (the default one when
    ``preset`` is unknown)."""
    return observations.OBSERVATION_PRESETS.get(preset or "") or \
        observations.OBSERVATION_PRESETS[observations.DEFAULT_OBSERVATION_PRESET]


def category_label(item, language):
    """The label a viewer reading ``language`` sees of a stored focus category."""
    labels = item.get("labels") or {}
    if labels.get(language):
        return labels[language]
    source = observations.SHIPPED_CATEGORY_LABELS.get(item["id"])
    label = item.get("label")
    if source and ("labels" in item or not label or label in shipped_texts(source)):
        return gettext_in(language)(source)
    return label or item["id"]


def categories(stored, preset, language):
    """``[{"id", "label", "quick"}]`` as a viewer reading ``language`` sees them."""
    items = preset_categories(preset) if stored is None else stored
    return [{"id": item["id"], "label": category_label(item, language), "quick": is_quick(item)} for item in items]


def categories_in_every_language(stored, preset):
    """Each category's id and its label in every shipped language (``student_view_data``)."""
    items = preset_categories(preset) if stored is None else stored
    return [{"id": item["id"], "labels": {language: category_label(item, language) for language in LANGUAGES},
             "quick": is_quick(item)} for item in items]


def store_categories(cleaned, stored, preset, language):
    """What to store of the categories an author saved while reading ``language``.

    An item's ``label`` is its text in that language (``labels`` when the request gives texts by
    language); the other languages keep what they had. A shipped category's text equal to its
    translation is not stored (it keeps following the viewer's language); ``None`` when the list
    is the observation sheet's, unchanged.
    """
    before = {item["id"]: item for item in (stored or [])}
    result = []
    for item in cleaned:
        old = before.get(item["id"])
        given = item.get("labels") or ({language: item["label"]} if item.get("label") else {})
        source = observations.SHIPPED_CATEGORY_LABELS.get(item["id"])
        stored_item = (_shipped_category(item["id"], source, old, given, language) if source
                       else _custom_category(item["id"], old, given, language))
        quick = item.get("quick", is_quick(old) if old else None)
        if quick is not None and quick != (item["id"] in observations.SHIPPED_QUICK):
            stored_item["quick"] = quick
        result.append(stored_item)
    return None if result == preset_categories(preset) else result


def _shipped_category(category_id, source, old, given, language):
    """A shipped category: only the languages whose text differs from the translation."""
    labels = {lang: category_label(old, lang) for lang in LANGUAGES} if old else {}
    labels.update(given)
    labels = {lang: text for lang, text in labels.items() if text != gettext_in(lang)(source)}
    if not labels:
        return {"id": category_id}
    return {"id": category_id, "label": labels.get(language) or next(iter(labels.values())), "labels": labels}


def _custom_category(category_id, old, given, language):
    """An author's own category: a text per language, and ``label`` for the languages without
    one (its first text, following later edits in the language it was written in)."""
    old = old or {}
    old_labels = old.get("labels") or {}
    labels = {lang: text for lang, text in {**old_labels, **given}.items() if text}
    label = old.get("label")
    alone = all(lang == language for lang in labels)
    if not label or alone or old_labels.get(language) == label:
        label = labels.get(language) or next(iter(labels.values()))
    return {"id": category_id, "label": label, "labels": labels}


def questions(preset, language):
    """The observation sheet's guiding questions ``[{"id", "text"}]`` in ``language``."""
    return [{"id": question["id"], "text": gettext_in(language)(question["text"])} for question in sheet(preset)[2]]


# Reflection prompts ------------------------------------------------------------------------
def prompt(stored, kind, language):
    """The prompt above a post kind, for a viewer reading ``language``."""
    value = (stored or {}).get(kind)
    default = gettext_in(language)(reflection.DEFAULT_PROMPTS[kind])
    if isinstance(value, dict):
        return value.get(language) or default
    if value and value not in shipped_texts(reflection.DEFAULT_PROMPTS[kind]):
        return value
    return default


def prompts(stored, language):
    """Every post kind's prompt for a viewer reading ``language``."""
    return {kind: prompt(stored, kind, language) for kind in reflection.DEFAULT_PROMPTS}


def store_prompts(cleaned, stored, language):
    """What to store of the prompts an author saved while reading ``language``: a text given
    alone is that language's; other languages keep theirs; a default text is not stored."""
    result = {}
    for kind, source in reflection.DEFAULT_PROMPTS.items():
        texts = {lang: prompt(stored, kind, lang) for lang in LANGUAGES}
        given = cleaned.get(kind, "")
        if isinstance(given, dict):
            texts.update({lang: given.get(lang, "") for lang in LANGUAGES})
        else:
            texts[language] = given
        own = {lang: text for lang, text in texts.items() if text and text != gettext_in(lang)(source)}
        if own:
            result[kind] = own
    return result


# Plan template ---------------------------------------------------------------------------
def template(stored, preset, language):
    """The plan template a viewer reading ``language`` sees."""
    if stored is None:
        return translated(plan.DEFAULT_TEMPLATE, gettext_in(language))
    families = _families(preset or "")
    shown = []
    for section in stored:
        for family in families:
            if any(by_id.get(section.get("id")) == section for by_id in family.values()):
                section = family.get(language, {}).get(section["id"], section)
                break
        shown.append(copy.deepcopy(section))
    return shown


def template_in_every_language(stored, preset):
    """Each section's title in every shipped language (``student_view_data``)."""
    by_language = {language: template(stored, preset, language) for language in LANGUAGES}
    sections = by_language[LANGUAGES[0]]
    return [{language: by_language[language][index]["title"] for language in LANGUAGES}
            for index in range(len(sections))]


@lru_cache(maxsize=32)
def _families(preset):
    """The shipped sections a stored one may be, as ``[{language: {section id: section}}]``: the
    preset's and the built-in template's, in every shipped language, cleaned as a saved template
    is."""
    def cleaned(sections):
        by_id = {}
        for section in plan.clean_template(sections):
            section["guidance"] = clean_html(section.get("guidance", ""))
            by_id[section["id"]] = section
        return by_id

    families = []
    if preset:
        try:
            families.append({language: cleaned(plan_preset(preset, language)[1]) for language in LANGUAGES})
        except KeyError:
            pass
    families.append({language: cleaned(translated(plan.DEFAULT_TEMPLATE, gettext_in(language)))
                     for language in LANGUAGES})
    return families
