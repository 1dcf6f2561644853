"""Translations for both blocks: Python through the runtime's ``i18n`` service, JavaScript
through a catalog rendered into the page.

The LMS's ``XBlockI18nService`` loads this package's ``translations/<lang>/
LC_MESSAGES/text.mo`` (domain ``text``). The JavaScript of a block gets the
entries it needs as a dict passed to its init function, so no separate
JavaScript catalog URL is needed (a third-party block is not in the
platform's shared catalog).
"""

import gettext as gettext_module
import os

TRANSLATIONS_DIR = os.path.join(os.path.dirname(__file__), "translations")
DOMAIN = "text"


class I18nMixin:
    """``gettext``, the active language and the JavaScript catalog for a block."""

    def gettext(self, text):
        """Translate ``text`` in the learner's language."""
        service = self.runtime.service(self, "i18n")
        return service.gettext(text) if service is not None else text

    def ngettext(self, singular, plural, count):
        """Translate a message with a count."""
        service = self.runtime.service(self, "i18n")
        if service is None:
            return singular if count == 1 else plural
        return service.ngettext(singular, plural, count)

    @staticmethod
    def ui_language():
        """The active language code (``en``, ``id``...)."""
        try:
            from django.utils import translation  # pylint: disable=import-outside-toplevel

            return (translation.get_language() or "en").split("-")[0]
        except Exception:  # pylint: disable=broad-except
            return "en"

    def js_catalog(self):
        """The package's translations for the active language, for the block's JavaScript."""
        return load_catalog(self.ui_language())


def load_catalog(language):
    """``{msgid: msgstr}`` of the package's catalog for a language ({} for English or none)."""
    if not language or language == "en":
        return {}
    try:
        translation = gettext_module.translation(DOMAIN, TRANSLATIONS_DIR, [language])
    except OSError:
        return {}
    catalog = getattr(translation, "_catalog", {})
    return {key: value for key, value in catalog.items() if isinstance(key, str) and key}
