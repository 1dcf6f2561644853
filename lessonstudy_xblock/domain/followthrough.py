"""Follow-through: a lesson learned in cycle n, the change it causes in cycle n+1, whether it worked.

In a later cycle a member links a lesson learned of an earlier cycle (by cycle and item number)
to the plan change it causes: a section, optionally a step of its table, and optionally the
observation focus that will show whether it worked (``follow`` records). In that cycle's See,
members answer per link "did it work?" with the evidence (``review`` records: a verdict, the
facts, the entries cited). Both are records of the member who wrote them, in the later cycle.
"""

from . import validation as check
from .cycles import DO, PLAN, SEE
from .errors import Conflict, Forbidden, Invalid, NotFound, _

VERDICTS = ("worked", "partly", "not_yet")
VERDICT_LABELS = {"worked": _("It worked"), "partly": _("Partly"), "not_yet": _("Not yet")}
MAX_EVIDENCE = 4000
MAX_CITES = 20


def check_member(is_member, is_staff):
    """Members of the group (and facilitators) link and review."""
    if not is_member and not is_staff:
        raise Forbidden(_("Only members of the group follow their lessons learned through."))


def validate_link(payload, cycle, *, lessons, sections, step_ids, focus_ids):
    """Clean a ``link_lesson`` request: ``{"cycle", "item", "section_id", "step_id"?, "focus"?}``.

    ``lessons``: ``{cycle: [lesson texts]}`` of the earlier cycles; ``sections``: ``{section id:
    title}`` of the template."""
    if cycle < 2:
        raise Conflict(_("Lessons learned are followed into the next cycle: start cycle 2 first."))
    lesson_cycle = check.integer(payload, "cycle", 1, cycle - 1, required=True)
    items = lessons.get(lesson_cycle) or []
    item = check.integer(payload, "item", 0, max(len(items) - 1, 0), required=True)
    if not items:
        raise NotFound(_("Cycle %(n)s has no lessons learned."), field="cycle", params={"n": lesson_cycle})
    section_id = check.choice(payload, "section_id", tuple(sections))
    step_id = check.item_id(payload, "step_id", required=False)
    if step_id is not None and step_id not in step_ids:
        raise NotFound(_("The plan has no step %(id)s."), field="step_id", params={"id": step_id})
    focus = payload.get("focus") or ""
    if focus:
        focus = check.choice(payload, "focus", tuple(focus_ids))
    return {"lesson_cycle": lesson_cycle, "item": item, "lesson": items[item], "section_id": section_id,
            "step_id": step_id, "focus": focus}


def check_link_phase(phase):
    """Links are made while the plan is revised and the lesson taught (Plan, Do) or in See."""
    if phase not in (PLAN, DO, SEE):
        raise Conflict(_("This cycle's phase does not take links."))


def validate_review(payload, link_ids, entry_ids):
    """Clean a ``review_change`` request: ``{"link_id", "verdict", "evidence", "cites"?}``."""
    link_id = check.item_id(payload, "link_id")
    if link_id not in link_ids:
        raise NotFound(_("There is no such link in this cycle."), field="link_id")
    verdict = check.choice(payload, "verdict", VERDICTS)
    evidence = check.text(payload, "evidence", MAX_EVIDENCE)
    if not evidence:
        raise Invalid(_("Say what you saw students do: the evidence that it worked or not."), field="evidence")
    cites = check.id_list(payload, "cites", MAX_CITES)
    unknown = [entry_id for entry_id in cites if entry_id not in entry_ids]
    if unknown:
        raise NotFound(_("There is no entry %(id)s in this cycle."), field="cites", params={"id": unknown[0]})
    return {"link_id": link_id, "verdict": verdict, "evidence": evidence, "cites": cites}


def check_review_phase(phase):
    """Whether a change worked is asked in the later cycle's See (or its Do, as it is seen)."""
    if phase not in (DO, SEE):
        raise Conflict(_("Whether a change worked is answered after the open class (Do, See)."))
