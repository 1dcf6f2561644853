"""Workshop modules: authored steps, when a step counts as done, progress and completion.

Step kinds (PRODUCT.md §2.1):

* ``text`` and ``video``: done when the participant marks them;
* ``prompt``: done when the written answer has at least ``min_length`` characters;
* ``checklist``: done when every item is ticked;
* ``check``: done when the correct option is chosen; another choice shows that
  option's feedback and may be tried again. The correct option and the
  feedback are never sent to the browser before an answer.

A participant's progress is the list of ``step`` records in their journal
(``done``, ``answer``, ``visit``); a module is complete when every required
step is done.
"""

import re

from . import validation as check
from .errors import Invalid, NotFound, TooLarge, _

KINDS = ("text", "video", "prompt", "checklist", "check")
STEP_ID = re.compile(r"^[a-z0-9_-]{1,40}$")
MAX_STEPS = 40
MAX_RESPONSE = 10000
MAX_TITLE = 200
MAX_BODY = 50000
MAX_ITEMS = 30
MAX_LABEL = 500
VIDEO_URL = re.compile(
    r"^https://((www\.|m\.)?youtube\.com/(watch\?v=|embed/)|youtu\.be/)[A-Za-z0-9_-]{6,}\S*$"
    r"|^https://\S+\.(mp4|webm|ogg|m4v)(\?\S*)?$", re.IGNORECASE)


def is_video_url(url):
    """A YouTube address or an https address of a video file, and a web address by the one rule
    (:func:`.validation.is_web_address`: no space, quote or angle bracket)."""
    return check.is_web_address(url) and bool(VIDEO_URL.fullmatch(url))


def public_step(step):
    """A step as the browser may see it: no correct option, no feedback."""
    view = {"id": step["id"], "kind": step["kind"], "title": step.get("title", ""),
            "required": bool(step.get("required", True)), "body": step.get("body", "")}
    if step["kind"] == "video":
        view.update(video_url=step.get("video_url", ""), transcript=step.get("transcript", ""))
    if step["kind"] == "prompt":
        view["min_length"] = step.get("min_length", 0)
    if step["kind"] == "checklist":
        view["items"] = [{"id": i["id"], "label": i["label"]} for i in step.get("items", [])]
    if step["kind"] == "check":
        view["options"] = [{"id": o["id"], "label": o["label"]} for o in step.get("options", [])]
    return view


def find_step(steps, step_id):
    """The step with this id (404 when there is none)."""
    for step in steps:
        if step["id"] == step_id:
            return step
    raise NotFound(_("This module has no step %(id)s."), field="step_id", params={"id": step_id})


def judge(step, payload):
    """Whether a submission completes ``step``.

    Returns ``(done, answer, feedback, correct)``; ``answer`` is what to keep
    of the participant's response. Raises :class:`Invalid` with the reason
    when a requirement is not met (a short answer, an unticked item).
    """
    kind = step["kind"]
    if kind in ("text", "video"):
        return True, {}, "", None
    if kind == "prompt":
        response = payload.get("response")
        if not isinstance(response, str):
            raise Invalid(_("Write your answer first."), field="response")
        if not check.storable(response):
            raise Invalid(_("Your answer contains a character that cannot be stored."), field="response")
        if len(response) > MAX_RESPONSE:
            raise TooLarge(_("Your answer is too long: at most %(limit)s characters."),
                           field="response", params={"limit": MAX_RESPONSE})
        written = len(response.strip())
        needed = int(step.get("min_length") or 0)
        if written == 0 or written < needed:
            raise Invalid(_("Your answer needs at least %(needed)s characters; it has %(written)s."),
                          field="response", params={"needed": max(needed, 1), "written": written})
        return True, {"response": response.strip()}, "", None
    if kind == "checklist":
        checked = payload.get("checked")
        items = [item["id"] for item in step.get("items", [])]
        if not isinstance(checked, list) or not all(isinstance(c, str) for c in checked):
            raise Invalid(_("checked must be a list of item ids."), field="checked")
        unknown = [c for c in checked if c not in items]
        if unknown:
            raise Invalid(_("This checklist has no item %(id)s."), field="checked",
                          params={"id": unknown[0][:40]})
        missing = [item for item in items if item not in checked]
        if missing:
            raise Invalid(_("Tick every item of the checklist to finish this step "
                            "(%(missing)s of %(total)s left)."),
                          field="checked", params={"missing": len(missing), "total": len(items)})
        return True, {"checked": items}, "", None
    choice = payload.get("choice")
    options = {option["id"]: option for option in step.get("options", [])}
    if not isinstance(choice, str) or choice not in options:
        raise Invalid(_("Choose one of the answers."), field="choice")
    option = options[choice]
    correct = bool(option.get("correct"))
    return correct, {"choice": choice}, option.get("feedback", ""), correct


def progress(steps, journal):
    """``{"done", "responses", "current_step", "complete", "last_activity"}`` from a journal."""
    step_ids = [step["id"] for step in steps]
    done, responses, current, last = [], {}, None, None
    for record in journal:
        if record.get("step_id") not in step_ids:
            continue
        if record["type"] == "step_done" and record["step_id"] not in done:
            done.append(record["step_id"])
        if record["type"] in ("step_done", "step_answer") and record.get("answer"):
            responses[record["step_id"]] = record["answer"]
        if record["type"] == "step_visit":
            current = record["step_id"]
        last = max(last or 0, record.get("at") or 0)
    ordered = [step_id for step_id in step_ids if step_id in done]
    answer = {"done": ordered, "responses": responses,
              "current_step": current or (step_ids[0] if step_ids else None),
              "complete": is_complete(steps, ordered), "last_activity": last}
    answer.update(counts(steps, ordered))
    return answer


def counts(steps, done):
    """``{"required_done", "required_total", "optional_done", "optional_total"}``.

    Progress is told in required steps: an optional step an author adds later never lowers the
    count of a participant who had finished (it is counted apart)."""
    required = {step["id"] for step in steps if step.get("required", True)}
    optional = {step["id"] for step in steps} - required
    return {"required_done": len(required.intersection(done)), "required_total": len(required),
            "optional_done": len(optional.intersection(done)), "optional_total": len(optional)}


def is_complete(steps, done):
    """Every required step done (and at least one step in the module)."""
    required = [step["id"] for step in steps if step.get("required", True)]
    return bool(steps) and all(step_id in done for step_id in required)


def problems(steps):
    """What would stop learners from completing the module, for ``validate()`` (English source)."""
    found = []
    if not steps:
        found.append((_("The module has no steps."), {}))
    seen = set()
    for step in steps:
        title = step.get("title") or step.get("id")
        if step.get("id") in seen:
            found.append((_("Two steps have the id %(id)s."), {"id": step.get("id")}))
        seen.add(step.get("id"))
        kind = step.get("kind")
        if kind == "video" and not step.get("video_url"):
            found.append((_("The video step \"%(title)s\" has no video URL."), {"title": title}))
        if kind == "check":
            correct = [o for o in step.get("options", []) if o.get("correct")]
            if len(step.get("options", [])) < 2:
                found.append((_("The check \"%(title)s\" needs at least two options."), {"title": title}))
            if len(correct) != 1:
                found.append((_("The check \"%(title)s\" needs exactly one correct option."),
                              {"title": title}))
        if kind == "checklist" and not step.get("items"):
            found.append((_("The checklist \"%(title)s\" has no items."), {"title": title}))
    if steps and not any(step.get("required", True) for step in steps):
        found.append((_("No step is required, so the module is complete before anything is done."), {}))
    return found


#: Characters of a module's display name and preset id.
MAX_DISPLAY_NAME = 200
MAX_PRESET = 80
LANGUAGES = check.LANGUAGES


def clean_settings(payload, partial=False):
    """A module's authored settings checked, as field values (``partial``: only those present),
    for the Studio editor and the OLX import alike; raises :class:`Invalid` naming the setting.
    Step bodies are returned as given: the block sanitises rich text."""
    cleaned = {}

    def present(name):
        return name in payload or not partial

    if present("display_name"):
        cleaned["display_name"] = check.text(payload, "display_name", MAX_DISPLAY_NAME)
    if present("preset"):
        cleaned["preset"] = check.text(payload, "preset", MAX_PRESET)
    if present("language"):
        cleaned["language"] = check.choice(payload, "language", LANGUAGES)
    if present("steps"):
        steps = clean_steps(payload.get("steps"))
        if not steps:
            raise Invalid(_("A module needs at least one step."), field="steps")
        cleaned["steps"] = steps
    return cleaned


def clean_steps(raw_steps):
    """Authored steps (from Studio or OLX) checked and normalised; raises :class:`Invalid`.

    Bodies are returned as given: the block sanitises rich text.
    """
    if not isinstance(raw_steps, list):
        raise Invalid(_("steps must be a list."), field="steps")
    if len(raw_steps) > MAX_STEPS:
        raise Invalid(_("A module has at most %(limit)s steps."), field="steps", params={"limit": MAX_STEPS})
    steps, seen = [], set()
    for number, raw in enumerate(raw_steps, start=1):
        try:
            steps.append(_clean_step(raw, number, seen))
        except Invalid as error:
            error.extra.setdefault("step", number)
            raise
    return steps


def _clean_step(raw, number, seen):
    """One authored step checked and normalised (``seen``: ids of the steps before it)."""
    if not isinstance(raw, dict):
        raise Invalid(_("Step %(n)s is not a step."), field="steps", params={"n": number})
    step_id = raw.get("id")
    if not isinstance(step_id, str) or not STEP_ID.fullmatch(step_id) or step_id in seen:
        raise Invalid(_("Step %(n)s needs its own id of letters a-z, digits, '-' or '_'."),
                      field="steps", params={"n": number})
    seen.add(step_id)
    kind = raw.get("kind")
    if kind not in KINDS:
        raise Invalid(_("Step %(n)s has an unknown kind."), field="steps", params={"n": number})
    step = {"id": step_id, "kind": kind,
            "title": _short(raw.get("title"), MAX_TITLE, number, "title"),
            "required": _flag(raw.get("required", True), number),
            "body": _short(raw.get("body"), MAX_BODY, number, "body")}
    if kind == "video":
        step["video_url"] = _short(raw.get("video_url"), 1000, number, "video_url").strip()
        if step["video_url"] and not is_video_url(step["video_url"]):
            raise Invalid(_("Step %(n)s: the video URL must be a YouTube address or an https "
                            "address of a video file (.mp4, .webm, .ogg, .m4v)."),
                          field="steps", params={"n": number})
        step["transcript"] = _short(raw.get("transcript"), MAX_BODY, number, "transcript")
    if kind == "prompt":
        minimum = raw.get("min_length", 0)
        if isinstance(minimum, str) and minimum.isdigit():
            minimum = int(minimum)
        if isinstance(minimum, bool) or not isinstance(minimum, int) or not 0 <= minimum <= 5000:
            raise Invalid(_("Step %(n)s: the minimum length must be a whole number from 0 to "
                            "5000."), field="steps", params={"n": number})
        step["min_length"] = minimum
    if kind == "checklist":
        step["items"] = _choices(raw.get("items"), number, with_answers=False)
    if kind == "check":
        step["options"] = _choices(raw.get("options"), number, with_answers=True)
    _refuse_blank_controls(step, number)
    return step


def _refuse_blank_controls(step, number):
    """A step learners could not complete, or would see with empty controls, is refused (the
    editor says which step and why)."""
    params = {"n": number, "title": step["title"] or step["id"]}
    if step["kind"] == "video" and not step["video_url"]:
        raise Invalid(_("Step %(n)s (%(title)s): a video step needs the address of its video."),
                      field="steps", params=params)
    if step["kind"] == "checklist" and not step["items"]:
        raise Invalid(_("Step %(n)s (%(title)s): a checklist needs at least one item."),
                      field="steps", params=params)
    if step["kind"] == "check":
        if len(step["options"]) < 2:
            raise Invalid(_("Step %(n)s (%(title)s): a self-check needs at least two answers."),
                          field="steps", params=params)
        if sum(1 for option in step["options"] if option.get("correct")) != 1:
            raise Invalid(_("Step %(n)s (%(title)s): a self-check needs exactly one correct answer."),
                          field="steps", params=params)


def _short(value, limit, number, name):
    """A step's text setting of at most ``limit`` characters."""
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > limit or not check.storable(value):
        raise Invalid(_("Step %(n)s: %(name)s must be text of at most %(limit)s characters."),
                      field="steps", params={"n": number, "name": name, "limit": limit})
    return value


def _flag(value, number):
    """A step's true/false setting, as OLX or the editor writes it."""
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise Invalid(_("Step %(n)s: required must be true or false."), field="steps", params={"n": number})


def _choices(raw, number, with_answers):
    """The items of a checklist or the options of a self-check, checked."""
    if raw is None:
        raw = []
    if not isinstance(raw, list) or len(raw) > MAX_ITEMS:
        raise Invalid(_("Step %(n)s: at most %(limit)s items or options."), field="steps",
                      params={"n": number, "limit": MAX_ITEMS})
    cleaned, seen = [], set()
    for entry in raw:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) \
                or not STEP_ID.fullmatch(entry["id"]) or entry["id"] in seen:
            raise Invalid(_("Step %(n)s: every item or option needs its own id."), field="steps",
                          params={"n": number})
        seen.add(entry["id"])
        item = {"id": entry["id"], "label": _short(entry.get("label"), MAX_LABEL, number, "label")}
        if with_answers:
            item["correct"] = _flag(entry.get("correct", False), number)
            item["feedback"] = _short(entry.get("feedback"), MAX_LABEL * 4, number, "feedback")
        cleaned.append(item)
    return cleaned


def feedback(steps, step_id, response):
    """The feedback of the option a participant chose in a self-check (only once they chose it):
    ``{"text", "correct"}``, or None."""
    for step in steps:
        if step["id"] == step_id:
            for option in step.get("options", []):
                if option["id"] == response.get("choice"):
                    return {"text": option.get("feedback", ""), "correct": bool(option.get("correct"))}
    return None


def completion_due(progress_now, journal):
    """Whether completion is to be published now: every required step is done and no earlier
    request recorded completion (it is published once)."""
    return progress_now["complete"] and not any(record.get("type") == "completed" for record in journal)
