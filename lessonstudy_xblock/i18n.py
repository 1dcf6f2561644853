"""Translations for both blocks: Python through the runtime's ``i18n`` service, JavaScript
through a catalog passed to the block's init function.

Where the translations live (gettext domain ``text``, as the LMS expects of a
third-party block, which is not in the platform's shared catalogs)::

    translations/en/LC_MESSAGES/text.po     the English source, made by `make extract_translations`
    translations/id/LC_MESSAGES/text.po     Indonesian, merged from the source and translated
    translations/<lang>/LC_MESSAGES/text.mo     compiled by `make compile_translations`
    translations/<lang>/LC_MESSAGES/textjs.json the JavaScript catalog, compiled with the .mo
    translations/kept_terms.txt             entries allowed to equal their English source

Python: the LMS's ``XBlockI18nService`` (and the workbench's
``lessonstudy_workbench.services.WorkbenchI18nService``) load ``text.mo`` of
this package for the active language; blocks call :meth:`I18nMixin.gettext`.

JavaScript catalog format (``textjs.json``; the ``catalog`` member is what a
block passes to its JavaScript as ``init.catalog``, next to ``init.language``)::

    {"language": "id", "plural_forms": "nplurals=1; plural=0;",
     "catalog": {
        "Save": "Simpan",                                  # gettext: msgid -> msgstr
        "%(count)s entry": ["%(count)s catatan"],          # ngettext: singular msgid -> [forms]
        "context\\u0004msgid": "..."                       # pgettext, if ever used
     }}

Only the entries used in ``static/js/`` are in it, and only translated ones:
a missing key means "show the English source". Plural forms are in the
language's order; the JavaScript picks one like this (right for English and
Indonesian, and for every language with one form or the English rule)::

    const gettext = (s) => (typeof catalog[s] === "string" ? catalog[s] : s);
    const ngettext = (singular, plural, n) => {
      const forms = catalog[singular];
      if (!Array.isArray(forms)) return n === 1 ? singular : plural;
      return forms[forms.length === 1 ? 0 : (n === 1 ? 0 : 1)];
    };

Numbers and dates: the JavaScript formats them with ``Intl`` and
``init.language`` (``id`` in Indonesian); Python formats dates with the
``i18n`` service's ``strftime``.
"""

import functools
import gettext as gettext_module
import json
import os

TRANSLATIONS_DIR = os.path.join(os.path.dirname(__file__), "translations")
DOMAIN = "text"
JS_CATALOG = "textjs.json"
SOURCE_LANGUAGE = "en"


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

            return (translation.get_language() or SOURCE_LANGUAGE).split("-")[0].lower()
        except Exception:  # pylint: disable=broad-except
            return SOURCE_LANGUAGE

    def js_catalog(self):
        """The package's translations for the active language, for the block's JavaScript."""
        return load_catalog(self.ui_language())


def load_catalog(language):
    """The JavaScript catalog of a language (see the module docstring); {} for English or none."""
    if not language or language == SOURCE_LANGUAGE:
        return {}
    path = os.path.join(TRANSLATIONS_DIR, language, "LC_MESSAGES", JS_CATALOG)
    try:
        stamp = os.stat(path).st_mtime_ns
    except OSError:
        return _mo_catalog(language)
    return dict(_read_js_catalog(path, stamp))


@functools.lru_cache(maxsize=8)
def _read_js_catalog(path, stamp):  # pylint: disable=unused-argument
    """The ``catalog`` member of a ``textjs.json`` (cached per file version: it is static)."""
    with open(path, encoding="utf-8") as catalog_file:
        return json.load(catalog_file).get("catalog", {})


def _mo_catalog(language):
    """Every singular entry of the compiled ``.mo``: the fallback when no JSON catalog is shipped."""
    try:
        translation = gettext_module.translation(DOMAIN, TRANSLATIONS_DIR, [language])
    except OSError:
        return {}
    catalog = getattr(translation, "_catalog", {})
    return {key: value for key, value in catalog.items() if isinstance(key, str) and key}
