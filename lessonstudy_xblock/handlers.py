"""JSON handler plumbing shared by both blocks: parsing, limits, errors, the staff check.

Every handler answers JSON. Bad input is answered with a 4xx and
``{"error": "<a sentence>", "field": "<name>"}``; nothing is stored before
the input has been checked, because the runtime saves fields even after an
error answer.
"""

import functools
import json

from webob import Response
from xblock.core import XBlock

from .domain.errors import Busy, DomainError, Forbidden, _

#: Largest request body a handler reads (bytes); Django's own limit is 2.5 MB.
MAX_BODY_BYTES = 256 * 1024
#: Largest body of an authoring handler (a whole module or template at once).
MAX_AUTHORING_BYTES = 2 * 1024 * 1024


def json_response(payload, status=200, headers=None):
    """A JSON answer (UTF-8, never cached)."""
    # ASCII escapes: any text a request carried (even a lone surrogate) can be sent back.
    response = Response(
        body=json.dumps(payload, ensure_ascii=True).encode("ascii"),
        status=status, content_type="application/json", charset="utf-8",
    )
    response.headers["Cache-Control"] = "no-store"
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def error_response(error, gettext):
    """The answer to a refused request."""
    body = {"error": error.render(gettext)}
    if error.field:
        body["field"] = error.field
    body.update(error.extra)
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, Busy) else None
    return json_response(body, status=error.status, headers=headers)


def gettext_of(block):
    """The block's translation function: the package's catalog in the request's language."""
    return block.gettext


def json_api(method=None, max_bytes=MAX_BODY_BYTES):
    """Make ``method(self, payload)`` a POST JSON handler with the shared error handling.

    Use as ``@json_api`` or, for a larger body limit, ``@json_api(max_bytes=...)``.
    """
    if method is None:
        return functools.partial(json_api, max_bytes=max_bytes)

    @functools.wraps(method)
    def handler(self, request, suffix=""):  # pylint: disable=unused-argument
        gettext = gettext_of(self)
        if request.method != "POST":
            return json_response({"error": gettext("Send this request with POST.")}, status=405,
                                 headers={"Allow": "POST"})
        body = request.body or b""
        if len(body) > max_bytes:
            return json_response({"error": gettext("The request is too large.")}, status=413)
        try:
            payload = json.loads(body.decode("utf-8")) if body.strip() else {}
        except (UnicodeDecodeError, ValueError, RecursionError):
            # RecursionError: JSON nested deeper than the parser goes (a few kB can do it).
            return json_response({"error": gettext("The request is not valid JSON.")}, status=400)
        if not isinstance(payload, dict):
            return json_response({"error": gettext("The request must be a JSON object.")}, status=400)
        try:
            return json_response(method(self, payload))
        except DomainError as error:
            return error_response(error, gettext)

    return XBlock.handler(handler)


def download_handler(method):
    """Make ``method(self, request)`` a GET handler answering a file (a ``webob.Response`` the method
    builds: CSV, JSON, a printable page); a refusal (:class:`DomainError`) answers the same JSON
    error as every JSON handler."""

    @functools.wraps(method)
    def handler(self, request, suffix=""):  # pylint: disable=unused-argument
        try:
            return method(self, request)
        except DomainError as error:
            return error_response(error, gettext_of(self))

    return XBlock.handler(handler)


def require_staff(user):
    """Refuse a request from someone who is not course staff (decided by the runtime)."""
    if not user.is_staff:
        raise Forbidden(_("Only course staff can do this."))


def require_author(block, user):
    """Authoring handlers answer only where settings can be written: Studio (the
    ``studio_user_permissions`` service says who may write the course) or a runtime offering an
    equivalent service. The LMS stores authored settings read-only, so there they are refused."""
    try:
        permissions = block.runtime.service(block, "studio_user_permissions")
    except Exception:  # pylint: disable=broad-except
        permissions = None
    if permissions is None:
        raise Forbidden(_("Edit this block's settings in Studio."))
    course_key = getattr(block.scope_ids.usage_id, "course_key", None) or getattr(block, "course_id", None)
    can_write = getattr(permissions, "can_write", None)
    if can_write is not None and not can_write(course_key):
        raise Forbidden(_("Only the course's authors can change its settings."))
    if can_write is None:
        require_staff(user)
