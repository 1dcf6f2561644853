"""The workbench's middleware: the language switch ``?lang=<code>``, and caching of block files.

The language switch:

``LocaleMiddleware`` already picks the language from the language cookie or
the browser's ``Accept-Language``. This middleware, placed after it, lets a
query parameter override both, e.g. ``/scenario/lessonstudy_cycle.0/?student=guru_rina&lang=id``,
and remembers the choice in Django's language cookie, so the block's handler
requests (which carry no query) answer in the same language. ``?lang=en``
switches back. An unknown code is ignored.
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, set_response_etag
from django.views.debug import SafeExceptionReporterFilter
from xblock.exceptions import NoSuchHandlerError

#: The query parameter that chooses the language.
LANGUAGE_PARAMETER = "lang"


class LanguageQueryMiddleware:
    """Activate the language named by ``?lang=`` and keep it in the language cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = supported_language(request.GET.get(LANGUAGE_PARAMETER))
        if language is not None:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if language is not None:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH, samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax")
            response.headers["Content-Language"] = language
        return response


def supported_language(code):
    """The configured language for ``code`` (``id``, ``id-ID``...), or None."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code.strip().lower())
    except LookupError:
        return None


#: The sdk's view of a block package's files (``runtime.local_resource_url``).
RESOURCE_PREFIX = "/resource/"
#: How long a browser may use a block file without asking again; then it revalidates (ETag).
RESOURCE_MAX_AGE = 600


class ResourceCachingMiddleware:
    """Let browsers cache the blocks' static files, as the LMS's static pipeline does.

    The sdk serves them with no caching headers, so every page view would
    download every script again. In the LMS the same URLs point at hashed
    files served for a year; here a file is fresh for ten minutes and then
    revalidated with its ETag (a 304 without a body when it did not change),
    so an edited file still shows up while developing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(RESOURCE_PREFIX) or response.status_code != 200:
            return response
        if getattr(response, "streaming", False):
            body = b"".join(response.streaming_content)
            response = HttpResponse(body, content_type=response.get("Content-Type"))
        response["Cache-Control"] = f"public, max-age={RESOURCE_MAX_AGE}"
        set_response_etag(response)
        return get_conditional_response(request, etag=response["ETag"], response=response)


#: What a phone needs to lay the page out at its own width (the sdk's page template has none).
VIEWPORT = b'<meta name="viewport" content="width=device-width, initial-scale=1">'


class ViewportMiddleware:
    """Add a viewport meta tag to the workbench's HTML pages, so a real phone shows the blocks at
    its width (without one it renders the page 980 px wide and scales it down), as the LMS's pages
    and the mobile apps' web views do."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (response.status_code == 200 and not getattr(response, "streaming", False)
                and response.get("Content-Type", "").startswith("text/html")
                and b"<head>" in response.content and b'name="viewport"' not in response.content):
            response.content = response.content.replace(b"<head>", b"<head>\n        " + VIEWPORT, 1)
        return response


class HandlerNotFoundMiddleware:
    """Answer a request for a handler the block does not have with 404, as the LMS does
    (``handle_xblock_callback`` turns ``NoSuchHandlerError`` into ``Http404``); the sdk lets it
    become a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NoSuchHandlerError):
            return JsonResponse({"error": "This block has no such handler."}, status=404)
        return None


class NoFieldDataReporterFilter(SafeExceptionReporterFilter):
    """Error reports (the debug page, logged reports) without frame variables or request data.

    A handler's frames hold the block and what it read (fields, other members' rows, a group's
    join code): Django's default filter hides only names that look like secrets.
    """

    def get_traceback_frame_variables(self, request, tb_frame):
        return [("(variables)", "hidden: they may hold the blocks' field data")]

    def get_post_parameters(self, request):
        return {"(request data)": "hidden"} if request is not None and request.POST else {}
