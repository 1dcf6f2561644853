"""The gettext catalogs are complete, compiled and in step with the sources.

These are the checks that fail when someone adds a string without
translating it: run ``make extract_translations``, translate the new entries
of ``translations/id/LC_MESSAGES/text.po``, then ``make compile_translations``.
"""

import io

from babel.messages.catalog import Catalog
from babel.messages.extract import extract as babel_extract

from lessonstudy_xblock.i18n import load_catalog
from scripts import translations as tr


def extracted(method, keywords, source):
    """``{msgid: comments}`` that ``method`` finds in ``source``."""
    return {message: comments for _line, message, comments, _context in babel_extract(
        method, io.BytesIO(source.encode("utf-8")), keywords=keywords, comment_tags=tr.COMMENT_TAGS,
        strip_comment_tags=True)}


# The shipped catalogs -----------------------------------------------------------------------
def test_indonesian_catalog_has_no_empty_fuzzy_or_untranslated_entry_and_placeholders_match():
    problems = tr.translation_problems("id")
    assert problems == [], "\n".join(problems)


def test_every_marked_string_in_python_templates_and_javascript_is_in_the_catalogs():
    problems = tr.extraction_problems()
    assert problems == [], "\n".join(problems)


def test_compiled_mo_and_javascript_catalogs_are_up_to_date_with_the_po_files():
    problems = tr.compile_problems()
    assert problems == [], "\n".join(problems)


def test_indonesian_catalog_declares_one_plural_form():
    catalog = tr.read_catalog("id")
    assert catalog.num_plurals == 1
    assert catalog.plural_expr == "0"


def test_every_kept_term_is_an_entry_of_the_catalog():
    msgids = {msgid for msgid, _context in tr.message_keys(tr.read_catalog("id"))}
    assert tr.kept_terms() <= msgids, tr.kept_terms() - msgids


def test_lesson_study_vocabulary_is_the_one_indonesian_schools_use():
    catalog = tr.read_catalog("id")
    expected = {
        "Plan": "Perencanaan", "Do": "Pelaksanaan", "See": "Refleksi",
        "model teacher": "guru model", "observer": "pengamat", "recorder": "notulis",
        "Materials and learning tools (LKPD)": "Media, alat, dan bahan ajar (LKPD)",
    }
    for msgid, msgstr in expected.items():
        assert catalog[msgid].string == msgstr


# The JavaScript catalog ---------------------------------------------------------------------
def test_javascript_catalog_has_a_translation_for_every_string_the_javascript_uses():
    catalog = load_catalog("id")
    template = tr.extract_messages()
    used_in_js = {message.id for message in template
                  if message.id and any(path.startswith(tr.JS_DIR) for path, _ in message.locations)}
    assert used_in_js, "the JavaScript marks strings"
    missing = sorted(msgid for msgid in used_in_js
                     if not catalog.get(msgid) or (catalog[msgid] == msgid and not tr.untranslated_ok(msgid)))
    assert missing == []
    assert set(catalog) == used_in_js, "the JavaScript catalog holds only what the JavaScript uses"


def test_english_has_no_javascript_catalog_to_load():
    assert load_catalog("en") == {}
    assert load_catalog("xx") == {}


# The tools themselves -----------------------------------------------------------------------
def test_python_extractor_takes_literal_messages_with_translator_comments_and_skips_variables():
    source = (
        "LABELS = {'a': _('Learning started')}\n"
        "# Translators: a role in a lesson study group\n"
        "ROLE = _('model teacher')\n"
        "self.gettext(LABELS[flag['id']])\n"
        "self.gettext(message)\n"
        "ngettext('%(count)s entry', '%(count)s entries', n)\n"
        "raise Invalid(_('The plan has no step '\n"
        "                '%(id)s.'))\n"
        "header = [self.gettext(t) for t in ('Group', 'Lesson mode')]\n"
        "labels = {key: self.gettext(key) for key in names}\n"
    )
    found = extracted(tr._extract_python, tr.PYTHON_KEYWORDS, source)  # pylint: disable=protected-access

    assert set(found) == {"Learning started", "model teacher", ("%(count)s entry", "%(count)s entries"),
                          "The plan has no step %(id)s.", "Group", "Lesson mode"}
    assert found["model teacher"] == ["a role in a lesson study group"]


def test_template_extractor_reads_trans_and_blocktrans_as_django_renders_them():
    source = ('{% load i18n %}<p title="{% trans \'Steps of this module\' %}">{% trans "Save" %}</p>'
              "{% blocktrans with name=group.name %}Group {{ name }} created.{% endblocktrans %}"
              "{% blocktrans count counter=n %}One step{% plural %}{{ counter }} steps{% endblocktrans %}")
    found = extracted(tr._extract_template, tr.TEMPLATE_KEYWORDS, source)  # pylint: disable=protected-access

    assert set(found) == {"Steps of this module", "Save", "Group %(name)s created.",
                          ("One step", "%(counter)s steps")}


def test_javascript_extractor_reads_gettext_ngettext_and_the_t_alias():
    source = ('const a = gettext("Add observation");\n'
              'this.announce(interpolate(this.gettext("Added %(what)s."), {what}));\n'
              'throw new Error(t("The server is busy. Try again in a moment."));\n'
              'const b = ngettext("%(count)s entry", "%(count)s entries", n);\n'
              'const c = format(name);\n')
    found = extracted("javascript", tr.JS_KEYWORDS, source)

    assert set(found) == {"Add observation", "Added %(what)s.", "The server is busy. Try again in a moment.",
                          ("%(count)s entry", "%(count)s entries")}


def test_checker_reports_empty_fuzzy_english_and_placeholder_problems():
    catalog = Catalog(locale="id")
    catalog.add("Save", "Simpan")
    catalog.add("Cancel", "")
    catalog.add("Saved", "Tersimpan", flags=["fuzzy"])
    catalog.add("Reply", "Reply")
    catalog.add("moderator", "moderator")
    catalog.add("%(name)s (%(language)s)", "%(name)s (%(language)s)")
    catalog.add("Reply to %(name)s", "Balas %(nama)s")
    catalog.add(("%(count)s entry", "%(count)s entries"), ("catatan",))

    problems = "\n".join(tr.translation_problems("id", catalog=catalog, kept={"moderator"}))

    assert "'Save'" not in problems
    assert "'Cancel' has no translation" in problems
    assert "'Saved' is fuzzy" in problems
    assert "'Reply' is the English text" in problems
    assert "moderator" not in problems, "a kept term may equal its source"
    assert "language" not in problems, "nothing to translate outside the placeholders"
    assert "'Reply to %(name)s': placeholders ['%(nama)s'] should be ['%(name)s']" in problems
    assert "'%(count)s entry': placeholders [] should be ['%(count)s']" in problems


def test_extraction_is_stable_when_nothing_changed():
    template = tr.extract_messages()
    assert tr.po_bytes(template) == tr.po_bytes(tr.extract_messages())
