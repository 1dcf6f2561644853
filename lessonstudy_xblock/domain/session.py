"""The guided reflection session (See): quiet review, turns in protocol order, the recorder's minutes.

Optional: the moderator (or a facilitator) starts it, moves it from turn to turn and ends it;
everyone sees whose turn it is. Posting stays open to everybody whatever the turn: the order
guides, it never refuses. The turns, after Lesson Study for Learning Community practice and the
Mills College protocol:

``quiet``                quiet review of the notes and the anticipated-vs-observed comparison
``model_teacher``        the model teacher speaks first
``observers``            the observers share facts about students (every member with no other
                         role counts as an observer)
``moderator_recorder``   the moderator and the recorder
``knowledgeable_other``  the knowledgeable other (narasumber) last
``summary``              the summary: lessons learned and agreed revisions

Stored as ``session`` records (``action``: ``start`` with ``quiet_minutes``, ``turn`` with the
turn's index, ``end``) in the journal of whoever acted; the newest record of the cycle decides.
The recorder's running minutes are ``minute`` records (``text``, the ``turn`` it was written in),
separate from the summary post; an entry whose seat or student a minute names is linked to it.
"""

import re

from . import validation as check
from .cycles import SEE
from .errors import Conflict, Forbidden, Invalid, _
from .groups import KNOWLEDGEABLE_OTHER, MODEL_TEACHER, MODERATOR, OBSERVER, RECORDER

TURNS = ("quiet", "model_teacher", "observers", "moderator_recorder", "knowledgeable_other", "summary")
TURN_LABELS = {
    "quiet": _("Quiet review of the notes"),
    "model_teacher": _("The model teacher speaks first"),
    "observers": _("Observers share facts about students"),
    "moderator_recorder": _("The moderator and the recorder"),
    "knowledgeable_other": _("The knowledgeable other"),
    "summary": _("Summary: lessons learned and revisions"),
}
#: Who speaks in a turn (the roles whose holders are named on it).
TURN_ROLES = {"quiet": (), "model_teacher": (MODEL_TEACHER,), "observers": (OBSERVER,),
              "moderator_recorder": (MODERATOR, RECORDER), "knowledgeable_other": (KNOWLEDGEABLE_OTHER,),
              "summary": (MODERATOR, RECORDER)}
ACTIONS = ("start", "turn", "end")
DEFAULT_QUIET_MINUTES = 10
MAX_QUIET_MINUTES = 30
MAX_MINUTE_TEXT = 4000


def validate_action(payload):
    """Clean a ``reflection_session`` request: ``{"action", "turn"?, "quiet_minutes"?}``."""
    action = check.choice(payload, "action", ACTIONS)
    fields = {"action": action}
    if action == "start":
        minutes = check.integer(payload, "quiet_minutes", 0, MAX_QUIET_MINUTES)
        fields["quiet_minutes"] = DEFAULT_QUIET_MINUTES if minutes is None else minutes
    if action == "turn":
        turn = check.integer(payload, "turn", 0, len(TURNS) - 1, required=True)
        fields["turn"] = turn
    return fields


def check_can_lead(role, is_staff, phase):
    """The moderator (or a facilitator) leads the session, in See."""
    if phase != SEE:
        raise Conflict(_("The reflection session is held in the See phase."))
    if role != MODERATOR and not is_staff:
        raise Forbidden(_("The moderator leads the reflection session; everyone can post at any time."))


def check_can_keep_minutes(role, is_staff, phase):
    """The recorder (notulis) keeps the minutes; the moderator or a facilitator may stand in."""
    if phase != SEE:
        raise Conflict(_("The minutes are kept during the reflection (See)."))
    if role not in (RECORDER, MODERATOR) and not is_staff:
        raise Forbidden(_("The recorder keeps the minutes of the discussion."))


def validate_minute(payload):
    """Clean an ``add_minute`` request: the text (required)."""
    text = check.text(payload, "text", MAX_MINUTE_TEXT)
    if not text:
        raise Invalid(_("Write what was said or agreed."), field="text")
    return {"text": text}


def current(records, now):
    """The session as the newest record leaves it: ``{"active", "turn", "quiet_until",
    "started_at"}`` (turn an index of :data:`TURNS`)."""
    state = {"active": False, "turn": 0, "quiet_until": None, "started_at": None}
    for record in sorted(records, key=lambda r: (r["at"], r["id"])):
        if record.get("action") == "start":
            state = {"active": True, "turn": 0, "started_at": record["at"],
                     "quiet_until": record["at"] + 60000 * record.get("quiet_minutes", DEFAULT_QUIET_MINUTES)}
        elif record.get("action") == "turn" and state["active"]:
            state["turn"] = record.get("turn", 0)
        elif record.get("action") == "end":
            state["active"] = False
    if state["quiet_until"] is not None and state["quiet_until"] <= now:
        state["quiet_left"] = 0
    elif state["quiet_until"] is not None:
        state["quiet_left"] = state["quiet_until"] - now
    return state


def linked_entries(text, entries):
    """Ids of the entries a minute's text names: by the student or seat they are about (their
    text, e.g. ``S07`` or ``Group 3``), as a whole word."""
    words = {word.lower() for word in re.findall(r"[\w-]+(?:\s+\d+)?", text)}
    lowered = text.lower()
    linked = []
    for entry in entries:
        names = {(entry.get(key) or "").strip().lower() for key in ("target", "from", "to")} - {""}
        if any(name in words or re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", lowered) for name in names):
            linked.append(entry["id"])
    return linked


#: A seat or student code in a finding ("S07", "S 7", "siswa 12"): a fact about a named student.
STUDENT_CODE = re.compile(r"(?<![\w-])(?:S\s?\d{1,3}|siswa\s+\d+|student\s+\d+)(?![\w-])", re.IGNORECASE)


def names_students(text, seat_labels):
    """Whether a finding's text names a student: a code such as ``S07`` or a seat label."""
    if STUDENT_CODE.search(text or ""):
        return True
    lowered = (text or "").lower()
    return any(label and re.search(r"(?<![\w-])" + re.escape(label.lower()) + r"(?![\w-])", lowered)
               for label in seat_labels)
