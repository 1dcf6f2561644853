"""The reflection (See): posts in protocol order, and the lessons learned.

The protocol: the model teacher's impressions first; then each observer's
findings, backed by their own observation entries; open replies; the
knowledgeable other's closing comments; the moderator's or recorder's
summary. Posts are shown in that order whenever they were written.
"""

from . import validation as check
from .cycles import SEE
from .errors import Conflict, Forbidden, Invalid, NotFound, _
from .groups import KNOWLEDGEABLE_OTHER, MODEL_TEACHER, MODERATOR, RECORDER

KINDS = ("impression", "finding", "reply", "closing", "summary")
KIND_LABELS = {
    "impression": _("Model teacher's impressions"),
    "finding": _("Findings"),
    "reply": _("Replies"),
    "closing": _("Closing comments"),
    "summary": _("Summary"),
}
#: Post kinds as the form offers them.
KIND_OPTION_LABELS = {
    "impression": _("Impressions (model teacher)"),
    "finding": _("Finding"),
    "reply": _("Reply"),
    "closing": _("Closing comments"),
    "summary": _("Summary"),
}
DEFAULT_PROMPTS = {
    "impression": _("How did the lesson go for you? What did you see students do?"),
    "finding": _("What did you see students do? Cite your observation entries as evidence."),
    "reply": _("Respond to a finding: build on it, ask, or add evidence."),
    "closing": _("Closing comments: what can the group learn from this lesson?"),
    "summary": _("Summarise the discussion: the lessons learned and the agreed revisions."),
}
MAX_POST = 8000
MAX_CITES = 50
MAX_LESSON_ITEMS = 30
MAX_LESSON_ITEM = 1000
MAX_REVISIONS_TEXT = 8000


def validate_post(payload):
    """Clean a ``post_reflection`` request."""
    return {
        "kind": check.choice(payload, "kind", KINDS),
        "text": check.text(payload, "text", MAX_POST, required=True),
        "cites": check.id_list(payload, "cites", MAX_CITES),
        "cites_steps": check.id_list(payload, "cites_steps", MAX_CITES),
        "parent_id": check.item_id(payload, "parent_id", required=False),
    }


def check_can_post(kind, role, is_member, is_staff, phase):
    """Who may post which kind of post (see the protocol above)."""
    if phase != SEE:
        raise Conflict(_("Reflection posts are written in the See phase."))
    allowed = {
        "impression": is_member and role == MODEL_TEACHER,
        "finding": is_member and role != MODEL_TEACHER,
        "reply": is_member or is_staff,
        "closing": (is_member and role == KNOWLEDGEABLE_OTHER) or is_staff,
        "summary": (is_member and role in (MODERATOR, RECORDER)) or is_staff,
    }
    if not allowed[kind]:
        reasons = {
            "impression": _("The impressions are the model teacher's."),
            "finding": _("Findings are shared by the observers; the model teacher gives impressions."),
            "reply": _("Only members of the group and facilitators reply."),
            "closing": _("Closing comments are given by the knowledgeable other or a facilitator."),
            "summary": _("The summary is written by the moderator, the recorder or a facilitator."),
        }
        raise Forbidden(reasons[kind], field="kind")


def check_citations(post, caller_id, observations, step_ids, posts):
    """Cited entries must be the group's (a finding's: the caller's own); steps must exist."""
    by_id = {entry["id"]: entry for entry in observations}
    for cited in post["cites"]:
        entry = by_id.get(cited)
        if entry is None:
            raise NotFound(_("There is no observation %(id)s in your group's cycle."),
                           field="cites", params={"id": cited})
        if post["kind"] == "finding" and entry.get("by") != caller_id:
            raise Invalid(_("A finding cites your own observation entries."), field="cites")
    for step in post["cites_steps"]:
        if step not in step_ids:
            raise NotFound(_("The plan has no step %(id)s."), field="cites_steps",
                           params={"id": step})
    if post["parent_id"] is not None:
        if post["kind"] != "reply":
            raise Invalid(_("Only a reply answers another post."), field="parent_id")
        if post["parent_id"] not in {p["id"] for p in posts}:
            raise NotFound(_("There is no post %(id)s to reply to."), field="parent_id",
                           params={"id": post["parent_id"]})


def in_protocol_order(posts):
    """Posts ordered impression, findings, replies, closing, summary; by time within a kind."""
    return sorted(posts, key=lambda p: (KINDS.index(p["kind"]), p["at"], p["id"]))


def validate_lessons(payload):
    """Clean a ``save_lessons_learned`` request (items and agreed revisions)."""
    items = payload.get("items")
    if not isinstance(items, list):
        raise Invalid(_("items must be a list of lessons learned."), field="items")
    if len(items) > MAX_LESSON_ITEMS:
        raise Invalid(_("At most %(limit)s lessons learned."), field="items",
                      params={"limit": MAX_LESSON_ITEMS})
    cleaned = []
    for item in items:
        value = check.text({"items": item}, "items", MAX_LESSON_ITEM)
        if value:
            cleaned.append(value)
    return {"items": cleaned,
            "revisions": check.text(payload, "revisions", MAX_REVISIONS_TEXT)}


def check_can_save_lessons(role, is_member, is_staff, phase):
    """The moderator, the recorder or staff, in See."""
    if not is_staff and not (is_member and role in (MODERATOR, RECORDER)):
        raise Forbidden(_("The lessons learned are saved by the moderator, the recorder or a "
                          "facilitator."))
    if phase != SEE:
        raise Conflict(_("Lessons learned are saved in the See phase."))


MAX_COMMENT = 4000
COMMENT_TARGETS = ("section", "post")


def validate_comment(payload):
    """Clean an ``add_comment`` request."""
    return {
        "target_type": check.choice(payload, "target_type", COMMENT_TARGETS),
        "target_id": check.item_id(payload, "target_id"),
        "text": check.text(payload, "text", MAX_COMMENT, required=True),
    }


def check_can_comment(comment, is_member, is_staff, section_ids, post_ids):
    """Members comment on plan sections; facilitators on sections and posts."""
    if not is_member and not is_staff:
        raise Forbidden(_("Only members of the group and facilitators comment."))
    if comment["target_type"] == "post" and not is_staff:
        raise Forbidden(_("Reply to a post instead: comments on posts are the facilitators'."),
                        field="target_type")
    known = section_ids if comment["target_type"] == "section" else post_ids
    if comment["target_id"] not in known:
        raise NotFound(_("There is nothing with the id %(id)s to comment on."), field="target_id",
                       params={"id": comment["target_id"]})
