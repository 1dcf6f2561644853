"""Translations for both blocks: Python through the runtime's ``i18n`` service, JavaScript
through a catalog passed to the block's init function.

Where the translations live (gettext domain ``text``, as the LMS expects of a
third-party block, which is not in the platform's shared catalogs)::

    translations/en/LC_MESSAGES/text.po     the English source, made by `make extract_translations`
    translations/id/LC_MESSAGES/text.po     Indonesian, merged from the source and translated
    translations/<lang>/LC_MESSAGES/text.mo     compiled by `make compile_translations`
    translations/<lang>/LC_MESSAGES/textjs.json the JavaScript catalog, compiled with the .mo
    translations/kept_terms.txt             entries allowed to equal their English source

Python: the blocks translate with this package's own ``text.mo`` for the
request's language (Django's active language), whatever the runtime's
``i18n`` service would find. The LMS's ``XBlockI18nService``
(``xmodule/modulestore/django.py``) prefers the OEP-58 folder
``conf/plugins-locale/xblock.v1/lessonstudy_xblock/`` whenever it exists, and
Tutor's image build creates that folder (empty, for a block outside the
shared translation repository); the service then falls back to Django's own
catalog, which lacks these strings. So the package's catalog is the base, and
a site's catalog is laid over it only when a compiled
``conf/plugins-locale/xblock.v1/lessonstudy_xblock/<locale>/LC_MESSAGES/django.mo``
exists under ``settings.REPO_ROOT`` (a site that pulled a newer translation
with ``atlas`` and compiled it): its entries win, the package fills the rest.
Templates get the same catalog (:meth:`I18nMixin.i18n_service`).

JavaScript catalogs (``static/dist/i18n/<lang>/<bundle>.js``, made by `make
compile_translations` with the ``.mo``, one per script bundle of
:mod:`.assets`): static files a view adds by URL before the bundle's script,
so browsers cache them between pages. Each adds the entries its bundle's
scripts use to the catalog of its language on a global, and the view's init
data names the language (``init.language``)::

    window.LessonStudyI18n["id"] = {
        "Save": "Simpan",                                  # gettext: msgid -> msgstr
        "%(count)s entry": ["%(count)s catatan"],          # ngettext: singular msgid -> [forms]
        "context\u0004msgid": "..."                       # pgettext, if ever used
    }

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
runtime ``i18n`` service's ``strftime`` when it has one.
"""

import copy
import functools
import gettext as gettext_module
import json
import os

TRANSLATIONS_DIR = os.path.join(os.path.dirname(__file__), "translations")
DOMAIN = "text"
SOURCE_LANGUAGE = "en"
#: The package's name as the platform's OEP-58 folders know it (``get_xblock_root_module_name``).
MODULE_NAME = __name__.split(".", maxsplit=1)[0]
#: Where ``atlas`` and ``compile_xblock_translations`` put a site's catalogs, under ``REPO_ROOT``.
SITE_LOCALE_ROOT = os.path.join("conf", "plugins-locale", "xblock.v1")
#: The gettext domain of a site's OEP-58 catalogs.
SITE_DOMAIN = "django"


class I18nMixin:
    """``gettext``, the active language and its catalogs for a block."""

    def i18n_service(self):
        """The translations of the request's language: ``gettext``, ``ngettext``, ``pgettext``,
        and the ``_catalog`` that ``xblock.utils``' ``{% trans %}`` tag merges (pass it to
        ``render_django_template``).

        Looked up once per block and language (a block lives for one request): finding the
        catalog stats the site's folder, and a request translates dozens of strings."""
        language = self.ui_language()
        found = getattr(self, "_lessonstudy_translations", None)
        if found is None or found[0] != language:
            found = (language, translations(language))
            self._lessonstudy_translations = found
        return found[1]

    def gettext(self, text):
        """Translate ``text`` in the learner's language."""
        return self.i18n_service().gettext(text)

    def ngettext(self, singular, plural, count):
        """Translate a message with a count."""
        return self.i18n_service().ngettext(singular, plural, count)

    def strftime(self, value, format_name):
        """A date in the learner's language, by the runtime's ``i18n`` service when it can."""
        service = self.runtime.service(self, "i18n")
        try:
            return service.strftime(value, format_name)
        except Exception:  # pylint: disable=broad-except
            return value.isoformat()

    @staticmethod
    def ui_language():
        """The active language code (``en``, ``id``...)."""
        return request_language()

    def js_catalog(self):
        """The JavaScript catalog of the active language, for a page that inlines it (the
        printable report is one standalone document)."""
        return load_catalog(self.ui_language())


def request_language():
    """Django's active language (set by the LMS from the learner's preference), ``en`` without
    Django."""
    try:
        from django.utils import translation  # pylint: disable=import-outside-toplevel

        return (translation.get_language() or SOURCE_LANGUAGE).split("-")[0].lower()
    except Exception:  # pylint: disable=broad-except
        return SOURCE_LANGUAGE


def to_locale(language):
    """``pt-br`` -> ``pt_BR``, as gettext folders are named."""
    language, _, country = language.partition("-")
    return f"{language.lower()}_{country.upper()}" if country else language.lower()


def site_catalog_path(language):
    """A site's compiled OEP-58 catalog of this package for ``language``, or None when the site
    has none (no Django settings, no ``REPO_ROOT``, or no ``.mo`` in the folder)."""
    try:
        from django.conf import settings  # pylint: disable=import-outside-toplevel

        root = getattr(settings, "REPO_ROOT", None)
    except Exception:  # pylint: disable=broad-except
        return None
    if not root:
        return None
    path = os.path.join(str(root), SITE_LOCALE_ROOT, MODULE_NAME, to_locale(language), "LC_MESSAGES",
                        f"{SITE_DOMAIN}.mo")
    return path if os.path.isfile(path) else None


def translations(language):
    """The catalog of ``language``: the package's, with a site's OEP-58 catalog laid over it."""
    site = site_catalog_path(language)
    stamp = os.stat(site).st_mtime_ns if site else None
    return _translations(language, site, stamp)


@functools.lru_cache(maxsize=16)
def _translations(language, site, stamp):  # pylint: disable=unused-argument
    """The merged catalog, cached per language and site catalog version (``stamp``: its mtime)."""
    package = gettext_module.translation(DOMAIN, TRANSLATIONS_DIR, [to_locale(language)], fallback=True)
    if site is None:
        return package
    with open(site, "rb") as site_file:
        overlay = gettext_module.GNUTranslations(site_file)
    if not isinstance(package, gettext_module.GNUTranslations):
        return overlay
    merged = copy.copy(package)
    # pylint: disable=protected-access
    merged._catalog = {**package._catalog, **overlay._catalog}
    return merged


def load_catalog(language):
    """Every entry of a language's JavaScript catalogs (all bundles); {} for English or none."""
    if not language or language == SOURCE_LANGUAGE:
        return {}
    from .assets import BUNDLES, catalog_path  # pylint: disable=import-outside-toplevel

    entries = {}
    for name in BUNDLES:
        path = os.path.join(os.path.dirname(__file__), catalog_path(name, language))
        if os.path.exists(path):
            entries.update(read_catalog_file(path))
    return entries


def read_catalog_file(path):
    """The entries of one catalog file (its third line is their JSON, as the compiler writes it)."""
    with open(path, encoding="utf-8") as catalog_file:
        return json.loads(catalog_file.read().splitlines()[2])
