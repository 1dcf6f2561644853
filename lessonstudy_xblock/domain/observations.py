"""Observation entries of the open class: validation and who sees what.

Observers watch students, not the teacher. An entry is a ``note`` (a focus
category and the evidence), an ``interaction`` between two students or
groups, or a ``mode`` change of the lesson (whole class, group work...).
"""

import re

from . import validation as check
from .cycles import DO, SEE
from .errors import Conflict, Forbidden, Invalid, NotFound, _
from .groups import MODEL_TEACHER
from .validation import LANGUAGES

DEFAULT_FOCUS_CATEGORIES = [
    {"id": "learning_started", "label": _("Learning started"), "quick": True},
    {"id": "learning_stalled", "label": _("Learning stalled or not learning"), "quick": True},
    {"id": "helping", "label": _("Helping and collaboration"), "quick": True},
    {"id": "misconception", "label": _("Misconception or difficulty")},
    {"id": "body_language", "label": _("Body language and expression")},
    {"id": "student_talk", "label": _("Student talk (quote)")},
    {"id": "teacher_support", "label": _("Teacher support")},
]

#: The observation sheet (*lembar observasi*) of Lesson Study for Learning Community programs:
#: its focus categories and the questions observers answer with facts about students.
LSLC_FOCUS_CATEGORIES = [
    {"id": "learning_happening", "label": _("Learning happening"), "quick": True},
    {"id": "not_learning", "label": _("Not learning or left out"), "quick": True},
    {"id": "listening", "label": _("Listening to each other")},
    {"id": "caring_help", "label": _("Asking for and giving help"), "quick": True},
    {"id": "jump_task", "label": _("Working on the jump task")},
    {"id": "student_talk", "label": _("Student talk (quote)")},
]
LSLC_QUESTIONS = [
    {"id": "every_student", "text": _("Did every student really learn, and how? Give facts.")},
    {"id": "left_out", "text": _("Which students were not learning or left out? Name them by code, with facts.")},
    {"id": "why", "text": _("Why, and what might have helped them?")},
    {"id": "teacher_reach", "text": _("How did the teacher reach them, and how did they respond?")},
    {"id": "group_jump", "text": _("Did the group work and the challenging (jump) task work?")},
    {"id": "learn", "text": _("What can we learn from this lesson?")},
]
#: The observation sheets an author chooses from: ``{id: (name, categories, guiding questions)}``.
OBSERVATION_PRESETS = {
    "lesson_study": (_("Lesson study (default)"), DEFAULT_FOCUS_CATEGORIES, []),
    "lslc": (_("LSLC observation sheet (lembar observasi)"), LSLC_FOCUS_CATEGORIES, LSLC_QUESTIONS),
}
DEFAULT_OBSERVATION_PRESET = "lesson_study"
#: The shipped categories that have a quick-mark button in the Do tab unless the author says
#: otherwise (``"quick"`` of a category).
SHIPPED_QUICK = {category["id"] for _name, categories, _questions in OBSERVATION_PRESETS.values()
                 for category in categories if category.get("quick")}
#: Every shipped focus category's source label by id (shown translated unless the author changed it).
SHIPPED_CATEGORY_LABELS = {category["id"]: category["label"]
                           for _name, categories, _questions in OBSERVATION_PRESETS.values()
                           for category in categories}

#: ``quick``: a one-tap mark (a focus category on a seat, at a minute) whose evidence the
#: observer may add later (``amend_observation``).
KINDS = ("note", "interaction", "mode", "quick")
#: An entry's kind as people read it (exports, the report).
KIND_LABELS = {"note": _("Note"), "interaction": _("Interaction"), "mode": _("Lesson mode"),
               "quick": _("Quick note")}
INTERACTIONS = ("helped", "asked", "explained", "disagreed", "copied")
MODES = ("whole_class", "group_work", "pairs", "individual", "presentation", "other")
#: Labels of lesson modes and interaction kinds (tables, legends, buttons), and the interaction
#: kinds as verbs in a sentence ("S07 helped S08"); shown translated.
MODE_LABELS = {"whole_class": _("Whole class"), "group_work": _("Group work"), "pairs": _("Pairs"),
               "individual": _("Individual work"), "presentation": _("Presentation"), "other": _("Other")}
INTERACTION_LABELS = {"helped": _("Helped"), "asked": _("Asked"), "explained": _("Explained"),
                      "disagreed": _("Disagreed"), "copied": _("Copied")}
INTERACTION_VERBS = {"helped": _("helped"), "asked": _("asked"), "explained": _("explained"),
                     "disagreed": _("disagreed"), "copied": _("copied")}

MAX_EVIDENCE = 4000
MAX_INTERPRETATION = 4000
MAX_TARGET = 120
MAX_LINK = 1000
MAX_LESSON_MINUTE = 600
MAX_VIDEO_SECONDS = 86400

FIELDS = ("kind", "focus", "evidence", "target", "minute", "interpretation", "link",
          "video_time", "step_id", "from", "to", "interaction", "mode", "seat", "from_seat", "to_seat")
#: The text field each seat field names (an entry keeps the label it was recorded with).
SEAT_FIELDS = {"seat": "target", "from_seat": "from", "to_seat": "to"}


def validate(payload, focus_ids, step_ids, seats=None):
    """Clean an ``add_observation`` request; returns the entry's fields.

    ``seats``: ``{seat id: label}`` of the current seating chart; an entry names a student by
    seat id (``seat``, ``from_seat``, ``to_seat``), its label then filling the text field."""
    kind = check.choice(payload, "kind", KINDS, default="note")
    entry = {
        "kind": kind,
        "focus": "",
        "evidence": check.text(payload, "evidence", MAX_EVIDENCE),
        "target": check.text(payload, "target", MAX_TARGET),
        "minute": check.integer(payload, "minute", 0, MAX_LESSON_MINUTE),
        "interpretation": check.text(payload, "interpretation", MAX_INTERPRETATION),
        "link": check.url(payload, "link", MAX_LINK),
        "video_time": check.number(payload, "video_time", 0, MAX_VIDEO_SECONDS),
        "step_id": check.item_id(payload, "step_id", required=False),
        "from": check.text(payload, "from", MAX_TARGET),
        "to": check.text(payload, "to", MAX_TARGET),
        "interaction": "",
        "mode": "",
    }
    for seat_field, text_field in SEAT_FIELDS.items():
        seat_id = check.item_id(payload, seat_field, required=False)
        if seat_id is not None and seat_id not in (seats or {}):
            raise NotFound(_("The seating chart has no seat %(id)s."), field=seat_field, params={"id": seat_id})
        entry[seat_field] = seat_id
        if seat_id is not None and not entry[text_field]:
            entry[text_field] = seats[seat_id][:MAX_TARGET]
    if kind == "quick":
        entry["focus"] = check.choice(payload, "focus", focus_ids)
    elif kind == "note":
        entry["focus"] = check.choice(payload, "focus", focus_ids)
        if not entry["evidence"]:
            raise Invalid(_("Write the evidence: what you saw or heard."), field="evidence")
    elif kind == "interaction":
        entry["interaction"] = check.choice(payload, "interaction", INTERACTIONS)
        if not entry["from"] or not entry["to"]:
            raise Invalid(_("An interaction needs who it came from and who it went to."),
                          field="from" if not entry["from"] else "to")
        if payload.get("focus"):
            entry["focus"] = check.choice(payload, "focus", focus_ids)
    else:
        entry["mode"] = check.choice(payload, "mode", MODES)
    if entry["step_id"] is not None and entry["step_id"] not in step_ids:
        raise NotFound(_("The plan has no step %(id)s."), field="step_id",
                       params={"id": entry["step_id"]})
    return entry


def check_can_add(role, is_member, phase):
    """Any member but the model teacher, during Do and See (adding or amending an entry)."""
    if not is_member:
        raise Forbidden(_("Only members of the group add observations."))
    if role == MODEL_TEACHER:
        raise Forbidden(_("The model teacher teaches the open class; observers record observations."))
    if phase not in (DO, SEE):
        raise Conflict(_("Observations are added during the open class (Do) and after it (See)."))


def visible(entries, viewer_id, phase, is_staff, visible_at_once):
    """The entries a viewer may see in the current cycle's phase.

    Everyone sees their own; the group sees all once the Do phase is over
    (or at once, when the author chose so); facilitators see all.
    """
    if is_staff or visible_at_once or phase == SEE:
        return list(entries)
    return [entry for entry in entries if entry.get("by") == viewer_id]


CATEGORY_ID = re.compile(r"^[a-z0-9_-]{1,40}$")
MAX_CATEGORIES = 20
MAX_CATEGORY_LABEL = 120


def clean_categories(raw):
    """Authored focus categories: stable unique ids, short labels.

    An item is ``{"id", "label"}``, optionally with ``"labels"`` (a label per language,
    ``{"en": ..., "id": ...}``) and ``"quick"`` (whether it has a one-tap button in the Do tab;
    by default the shipped ones of :data:`SHIPPED_QUICK`); a shipped category (:data:`SHIPPED_CATEGORY_LABELS`) may be
    just ``{"id"}``: its shipped label, translated when shown."""
    if not isinstance(raw, list) or len(raw) > MAX_CATEGORIES:
        raise Invalid(_("Give at most %(limit)s focus categories."), field="focus_categories",
                      params={"limit": MAX_CATEGORIES})
    cleaned, seen = [], set()
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) \
                or not CATEGORY_ID.fullmatch(item["id"]) or item["id"] in seen:
            raise Invalid(_("Focus category %(n)s needs its own id of letters a-z, digits, '-' or '_'."),
                          field="focus_categories", params={"n": number}, category=number)
        labels = _category_labels(item.get("labels"), number)
        # A shipped category, or one with labels per language, may leave ``label`` out.
        optional = bool(labels) or item["id"] in SHIPPED_CATEGORY_LABELS
        label = item.get("label", "" if optional else None)
        if not _short_label(label, allow_blank=optional):
            raise Invalid(_("Focus category %(n)s needs a label of at most %(limit)s characters."),
                          field="focus_categories", params={"n": number, "limit": MAX_CATEGORY_LABEL},
                          category=number)
        quick = item.get("quick")
        if quick is not None and not isinstance(quick, bool):
            raise Invalid(_("Focus category %(n)s: quick must be true or false."), field="focus_categories",
                          params={"n": number}, category=number)
        seen.add(item["id"])
        category = {"id": item["id"]}
        if quick is not None:
            category["quick"] = quick
        if label.strip():
            category["label"] = label.strip()
        if labels:
            category["labels"] = labels
        cleaned.append(category)
    return cleaned


def _short_label(label, allow_blank=False):
    """Whether ``label`` is a category label: text of at most the limit, blank only if allowed."""
    return isinstance(label, str) and len(label) <= MAX_CATEGORY_LABEL and (allow_blank or bool(label.strip()))


def _category_labels(labels, number):
    """A category's labels per language (``{"en": ..., "id": ...}``), blank ones left out."""
    if labels is None:
        return {}
    if not isinstance(labels, dict) or any(language not in LANGUAGES or not _short_label(text, allow_blank=True)
                                           for language, text in labels.items()):
        raise Invalid(_("The labels of focus category %(n)s are given by language (%(languages)s), each at "
                        "most %(limit)s characters."), field="focus_categories", category=number,
                      params={"n": number, "languages": ", ".join(LANGUAGES), "limit": MAX_CATEGORY_LABEL})
    return {language: text.strip() for language, text in labels.items() if text.strip()}


def validate_amendment(payload):
    """Clean an ``amend_observation`` request: the evidence (and interpretation) added to an
    entry afterwards; the entry keeps what was first recorded."""
    amendment = {"evidence": check.text(payload, "evidence", MAX_EVIDENCE),
                 "interpretation": check.text(payload, "interpretation", MAX_INTERPRETATION)}
    if not amendment["evidence"]:
        raise Invalid(_("Write the evidence: what you saw or heard."), field="evidence")
    return amendment


def check_can_amend(entry, viewer_id):
    """Only the observer who recorded an entry adds to it."""
    if entry is None:
        raise NotFound(_("There is no such observation entry in your group's current cycle."), field="entry_id")
    if entry.get("by") != viewer_id:
        raise Forbidden(_("Only the observer who recorded an entry adds evidence to it."), field="entry_id")
