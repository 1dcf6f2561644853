"""The workbench's language switch: ``?lang=<code>`` on any page.

``LocaleMiddleware`` already picks the language from the language cookie or
the browser's ``Accept-Language``. This middleware, placed after it, lets a
query parameter override both, e.g. ``/scenario/lessonstudy_cycle.0/?student=guru_rina&lang=id``,
and remembers the choice in Django's language cookie, so the block's handler
requests (which carry no query) answer in the same language. ``?lang=en``
switches back. An unknown code is ignored.
"""

from django.conf import settings
from django.utils import translation

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
