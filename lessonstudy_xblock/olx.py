"""OLX import and export of the blocks' authored settings, as readable XML.

Structured settings are child elements, rich text is element text (in CDATA,
so authors can read it), and nothing is a JSON blob. Exporting, importing
and exporting again gives the same bytes.

The element the platform hands to ``parse_xml`` was parsed by the platform.
Wherever this package parses XML text itself (presets, the round-trip
helpers, tests) it uses :func:`parse_text`, which refuses DTDs, entity
declarations and external entities instead of expanding them.
"""

import logging
import math
import re

from lxml import etree
from xblock.core import XML_NAMESPACES
from xblock.fields import Scope

from .domain.errors import DomainError, _

log = logging.getLogger(__name__)

#: The scopes an author writes, the only ones OLX carries (user scopes never export).
AUTHORED_SCOPES = (Scope.content, Scope.settings)
OPTION_NAMESPACE = XML_NAMESPACES["option"]
#: Attributes the platform's importer reads itself (``xblock_from_node``).
RUNTIME_ATTRIBUTES = ("xblock-family", "url_name")

DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class OlxError(ValueError):
    """OLX that cannot be imported; the message says what is wrong."""


def safe_parser():
    """An lxml parser that never resolves entities, loads a DTD or reaches the network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_blank_text=True)


#: The largest OLX text of one block this package parses itself.
MAX_OLX_BYTES = 5 * 1024 * 1024
DTD_REFUSED = ("This XML declares a DTD or entities, which are not accepted in OLX (they can expand "
               "without limit or read files).")


def parse_text(text):
    """Parse OLX text safely; raises :class:`OlxError` for hostile or broken XML.

    A DTD is refused whatever the document's encoding: the byte pattern catches it cheaply in
    UTF-8 and ASCII, and the parsed document's own ``docinfo`` catches it in any other (UTF-16,
    UTF-32), where libxml2 has already refused to load or resolve anything (:func:`safe_parser`).
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    if len(data) > MAX_OLX_BYTES:
        raise OlxError(f"This OLX is too large: at most {MAX_OLX_BYTES} bytes.")
    if DECLARATION.search(data):
        raise OlxError(DTD_REFUSED)
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as error:
        raise OlxError(f"This is not well-formed XML: {error}") from error
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise OlxError(DTD_REFUSED)
    refuse_entities(root)
    return root


def refuse_entities(node):
    """Refuse entity references left unexpanded in a parsed tree."""
    for element in node.iter():
        if isinstance(element, etree._Entity):  # pylint: disable=protected-access
            raise OlxError(f"This XML uses the entity &{element.name};, which is not accepted in OLX.")


# Fields this package does not write itself ---------------------------------------------------
# Every block in Open edX also carries the platform's mixin fields (``visible_to_staff_only`` and
# ``group_access`` of ``lms/djangoapps/lms_xblock/mixin.py``, ``due``, ``start``, ``graded`` of
# ``xmodule/modulestore/inheritance.py`` and more), and OLX export, import and Studio's copy and
# paste all go through ``add_xml_to_node``/``parse_xml``. A block that writes its own fields
# readably hands every other authored field to XBlock's default handling, so none is lost.
def keep_platform_fields(block, node, own_fields):
    """After XBlock's own ``add_xml_to_node`` wrote every set field on ``node``: take off the
    fields the block writes itself (``own_fields``) and any field of a user scope, leaving the
    other authored fields exactly as XBlock wrote them (attributes or ``option:`` elements)."""
    for name, field in block.fields.items():
        if name in own_fields or field.scope not in AUTHORED_SCOPES:
            node.attrib.pop(name, None)
            for element in node.findall(etree.QName(OPTION_NAMESPACE, name).text):
                node.remove(element)


def platform_fields_node(block_class, node, own_fields):
    """The part of an imported element that XBlock's own ``parse_xml`` should read: the
    attributes and ``option:`` elements of authored fields the block does not read itself. The
    block's own elements and attributes, user-scope fields (never authored) and unknown
    children are left out; unknown attributes are logged and skipped."""
    fields = block_class.fields
    wanted = {name for name, field in fields.items()
              if name not in own_fields and field.scope in AUTHORED_SCOPES}
    kept = etree.Element(node.tag)
    for name, value in node.attrib.items():
        if name in wanted:
            kept.set(name, value)
        elif name not in own_fields and name not in RUNTIME_ATTRIBUTES:
            log.warning("%s has no authored field %s: the OLX attribute is skipped", block_class.__name__, name)
    for child in node:
        if not isinstance(child.tag, str):
            continue  # comments and processing instructions
        qname = etree.QName(child)
        if qname.namespace == OPTION_NAMESPACE and qname.localname in wanted:
            kept.append(_copy(child))
    return kept


def _copy(element):
    clone = etree.Element(element.tag, dict(element.attrib))
    clone.text = element.text
    return clone


def to_text(node):
    """The exported text of an element (UTF-8, indented, stable)."""
    return etree.tostring(node, encoding="unicode", pretty_print=True)


def _rich(parent, tag, html):
    """A child element holding rich text as CDATA (omitted when empty)."""
    if html:
        etree.SubElement(parent, tag).text = etree.CDATA(html)


def _text(parent, tag, text, **attributes):
    element = etree.SubElement(parent, tag, **attributes)
    element.text = text or ""
    return element


def _child_text(element, tag):
    child = element.find(tag)
    return (child.text or "") if child is not None else ""


# Workshop steps --------------------------------------------------------------
def steps_to_xml(node, steps):
    """Append one ``<step>`` element per step to ``node``."""
    for step in steps:
        element = etree.SubElement(node, "step", id=step["id"], kind=step["kind"],
                                   title=step.get("title", ""),
                                   required="true" if step.get("required", True) else "false")
        if step["kind"] == "video":
            element.set("video_url", step.get("video_url", ""))
        if step["kind"] == "prompt":
            element.set("min_length", str(step.get("min_length", 0)))
        _rich(element, "body", step.get("body", ""))
        if step.get("transcript"):
            _text(element, "transcript", step["transcript"])
        for item in step.get("items", []):
            _text(element, "item", item["label"], id=item["id"])
        for option in step.get("options", []):
            option_element = etree.SubElement(element, "option", id=option["id"])
            if option.get("correct"):
                option_element.set("correct", "true")
            _text(option_element, "label", option["label"])
            _text(option_element, "feedback", option.get("feedback", ""))


def steps_from_xml(node):
    """The raw steps of a ``lessonstudy_workshop`` element (checked later by ``clean_steps``)."""
    refuse_entities(node)
    steps = []
    for element in node.iterchildren("step"):
        step = dict(element.attrib)
        step["required"] = step.get("required", "true")
        step["body"] = _child_text(element, "body")
        if element.find("transcript") is not None:
            step["transcript"] = _child_text(element, "transcript")
        if step.get("kind") == "checklist":
            step["items"] = [{"id": item.get("id"), "label": item.text or ""}
                             for item in element.iterchildren("item")]
        if step.get("kind") == "check":
            step["options"] = [{"id": option.get("id"), "label": _child_text(option, "label"),
                                "feedback": _child_text(option, "feedback"),
                                "correct": option.get("correct", "false")}
                               for option in element.iterchildren("option")]
        steps.append(step)
    return steps


# Imported settings --------------------------------------------------------------
#
# OLX is cleaned by the same function as the Studio editor's save. A course import never fails
# because of one block's setting: a value the cleaning refuses is left out (the field keeps its
# default) and listed in the block's ``olx_problems`` field, which ``validate()`` shows the
# author until the next save in the editor. Hostile XML (a DTD, an entity) is still refused.

def attribute_value(text):
    """An attribute's text as an editor would send it: ``true``/``false`` as a flag, a number as
    a number; anything else as written, for the cleaning to refuse by name."""
    if text in ("true", "false"):
        return text == "true"
    try:
        number = float(text)
    except ValueError:
        return text
    return number if math.isfinite(number) else text


def import_settings(raw, clean):
    """Each imported setting of ``raw`` cleaned alone by ``clean(payload, partial=True)``:
    ``(cleaned, problems)``, where each problem is ``{"setting", "message", "params"}`` (the
    refusal's untranslated message, translated when shown)."""
    cleaned, problems = {}, []
    for name, value in raw.items():
        try:
            cleaned.update(clean({name: value}, partial=True))
        except DomainError as error:
            problems.append({"setting": name, "message": error.message, "params": error.params})
    return cleaned, problems


#: What ``validate()`` says of an imported value that was not used.
PROBLEM_MESSAGE = _("The imported value of %(setting)s was not used (%(reason)s); the default is "
                    "used instead. Set it in the editor and save.")


def problem_messages(block):
    """The block's import problems as sentences in the author's language."""
    messages = []
    for problem in block.olx_problems or []:
        try:
            reason = block.gettext(problem["message"]) % (problem.get("params") or {})
        except (KeyError, TypeError, ValueError):
            reason = str(problem.get("message", ""))
        messages.append(block.gettext(PROBLEM_MESSAGE) % {"setting": problem.get("setting", "?"),
                                                            "reason": reason.rstrip(".")})
    return messages


# Cycle workspace settings ------------------------------------------------------
def template_to_xml(node, sections):
    """Append ``<template>`` with one ``<section>`` per plan section."""
    template = etree.SubElement(node, "template")
    for section in sections:
        element = etree.SubElement(template, "section", id=section["id"], type=section["type"],
                                   title=section.get("title", ""))
        if section["type"] == "grid":
            grid = section.get("grid", {})
            element.set("rows", str(grid.get("rows", 4)))
            element.set("columns", str(grid.get("columns", 6)))
        _rich(element, "guidance", section.get("guidance", ""))
        for field in section.get("fields", []):
            _text(element, "field", field["label"], id=field["id"])
        for column in section.get("columns", []):
            _text(element, "column", column["label"], id=column["id"])
        for row in section.get("rows", []):
            row_element = etree.SubElement(element, "row", id=row["id"])
            if row.get("minutes") is not None:
                row_element.set("minutes", str(row["minutes"]))
            for cell in row.get("cells", []):
                _text(row_element, "cell", cell)
    return template


def template_from_xml(element):
    """The raw sections of a ``<template>`` element (checked later by ``clean_template``)."""
    refuse_entities(element)
    sections = []
    for section in element.iterchildren("section"):
        raw = {"id": section.get("id"), "type": section.get("type"), "title": section.get("title", ""),
               "guidance": _child_text(section, "guidance")}
        if raw["type"] == "fields":
            raw["fields"] = [{"id": f.get("id"), "label": f.text or ""} for f in section.iterchildren("field")]
        if raw["type"] == "table":
            raw["columns"] = [{"id": c.get("id"), "label": c.text or ""} for c in section.iterchildren("column")]
            raw["rows"] = [{"id": r.get("id"), "minutes": r.get("minutes"),
                            "cells": [c.text or "" for c in r.iterchildren("cell")]}
                           for r in section.iterchildren("row")]
        if raw["type"] == "grid":
            raw["grid"] = {"rows": section.get("rows"), "columns": section.get("columns")}
        sections.append(raw)
    return sections


def cycle_settings_to_xml(node, settings):
    """Append the structured settings of a cycle workspace as child elements.

    Settings left at their default (an empty template, category list, prompt
    or date list: the shipped defaults) are not written, as XBlock exports
    only fields that are set.
    """
    if settings["template"] is not None:
        template = template_to_xml(node, settings["template"])
        template.set("preset", settings.get("template_preset", ""))
        template.set("language", settings.get("template_language", ""))
    if settings["focus_categories"] is not None:
        categories = etree.SubElement(node, "focus_categories")
        for category in settings["focus_categories"]:
            # A shipped category stored by id alone is an empty element; labels per language
            # are attributes label_<language>.
            element = _text(categories, "category", category.get("label", ""), id=category["id"])
            for language, label in sorted((category.get("labels") or {}).items()):
                element.set(f"label_{language}", label)
            if "quick" in category:
                element.set("quick", "true" if category["quick"] else "false")
    if settings["prompts"]:
        prompts = etree.SubElement(node, "prompts")
        for kind, text in sorted(settings["prompts"].items()):
            if isinstance(text, dict):  # a text per language
                for language, language_text in sorted(text.items()):
                    _text(prompts, "prompt", language_text, kind=kind, language=language)
            else:
                _text(prompts, "prompt", text, kind=kind)
    if settings["phase_dates"]:
        dates = etree.SubElement(node, "phase_dates")
        for phase, day in sorted(settings["phase_dates"].items()):
            etree.SubElement(dates, "phase", id=phase, until=day)


def _category_from_xml(element):
    """A focus category: ``id``, its text as ``label`` (left out when empty: a shipped category),
    and ``label_<language>`` attributes as ``labels``."""
    category = {"id": element.get("id")}
    if element.text:
        category["label"] = element.text
    if element.get("quick") is not None:
        category["quick"] = attribute_value(element.get("quick"))
    labels = {name[len("label_"):]: value for name, value in element.attrib.items() if name.startswith("label_")}
    if labels:
        category["labels"] = labels
    return category


def cycle_settings_from_xml(node):
    """The structured settings found in a ``lessonstudy_cycle`` element (absent ones omitted)."""
    refuse_entities(node)
    found = {}
    template = node.find("template")
    if template is not None:
        found["template"] = template_from_xml(template)
        found["template_preset"] = template.get("preset", "")
        found["template_language"] = template.get("language", "")
    categories = node.find("focus_categories")
    if categories is not None:
        found["focus_categories"] = [_category_from_xml(c) for c in categories.iterchildren("category")]
    prompts = node.find("prompts")
    if prompts is not None:
        found["prompts"] = {}
        for prompt in prompts.iterchildren("prompt"):
            kind, language = prompt.get("kind"), prompt.get("language")
            if language is None:
                found["prompts"][kind] = prompt.text or ""
            else:
                texts = found["prompts"].setdefault(kind, {})
                if isinstance(texts, dict):
                    texts[language] = prompt.text or ""
    dates = node.find("phase_dates")
    if dates is not None:
        found["phase_dates"] = {p.get("id"): p.get("until", "") for p in dates.iterchildren("phase")}
    return found
