"""Extract, merge, compile and check the package's gettext catalogs (domain ``text``).

Run through the Makefile::

    make extract_translations   # sources -> translations/en/LC_MESSAGES/text.po, merged into id
    make compile_translations   # text.po -> text.mo and the JavaScript catalogs static/dist/i18n/<lang>/<bundle>.js
    make check_translations     # what tests/i18n/ checks, as a report

or ``python -m scripts.translations extract|compile|check``.

Everything is pure Python (Babel 2.x and Django), so neither the tests nor a
developer need Debian's ``gettext`` package:

* Python: calls found with :mod:`ast` (Babel's token-based Python extractor
  would take ``"id"`` out of ``self.gettext(LABELS[flag["id"]])``), keywords
  ``_`` (the domain's no-op marker), ``gettext`` (``self.gettext``, the ``i18n``
  service) and ``ngettext``, with literal string arguments, and the literal
  strings a comprehension translates (``[gettext(t) for t in ("A", "B")]``);
  a ``# Translators:`` comment on the lines just above a call goes to the translators.
* Django templates: Django's own ``templatize`` (what ``makemessages`` uses)
  turns ``{% trans %}``/``{% blocktrans %}`` into Python source for Babel's
  Python extractor, so plural, context and ``trimmed`` behave as Django renders them.
* JavaScript: Babel's extractor, keywords ``gettext``, ``ngettext`` and ``t``
  (the local alias of ``gettext`` in ``studio/editor.js``'s ``client()``).

The JavaScript catalog holds the entries whose ``#:`` location is a file in
``static/js/`` (the format is described in :mod:`lessonstudy_xblock.i18n`).
"""

import argparse
import ast
import io
import json
import re
import sys
import tokenize
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract as babel_extract
from babel.messages.extract import extract_javascript, extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from lessonstudy_xblock.assets import BUNDLES, catalog_path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "lessonstudy_xblock"
TRANSLATIONS = PACKAGE / "translations"
DOMAIN = "text"
SOURCE_LANGUAGE = "en"
#: The languages translated from the English source (each has a complete catalog).
LANGUAGES = ("id",)
KEPT_TERMS_FILE = TRANSLATIONS / "kept_terms.txt"
JS_DIR = "static/js/"
#: GNU gettext's plural rules (Babel's table has none for Indonesian: one form, no plural).
PLURAL_FORMS = {"en": "nplurals=2; plural=(n != 1);", "id": "nplurals=1; plural=0;"}

PYTHON_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}
TEMPLATE_KEYWORDS = {"gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
                     "npgettext": ((1, "c"), 2, 3)}
JS_KEYWORDS = {"gettext": None, "ngettext": (1, 2), "t": None}
COMMENT_TAGS = ("Translators:",)

#: ``%(name)s``, ``%s``, ``%d``...: what must survive translation unchanged.
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[#0 +-]*\d*(?:\.\d+)?[sdifr%]")
DATE_LINE = re.compile(rb'^"(?:POT-Creation-Date|PO-Revision-Date): .*\\n"\n', re.MULTILINE)


# Extraction ---------------------------------------------------------------------------------
def _extract_python(fileobj, keywords, comment_tags, options):  # pylint: disable=unused-argument
    """Babel extractor for Python: the keyword calls whose message arguments are literals."""
    source = fileobj.read().decode("utf-8")
    comments = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            comments[token.start[0]] = token.string.lstrip("#").strip()
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            found += [(lineno, name, (message,)) for lineno, name, message
                      in _translated_loop_strings(node, keywords)]
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in keywords:
                continue
            messages = [arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                        else None for arg in node.args]
            spec = PYTHON_KEYWORDS.get(name) or (1,)
            if messages and all(messages[i - 1] is not None for i in spec if i - 1 < len(messages)):
                found.append((node.lineno, name, tuple(messages)))
    # In source order, as translators read them (ast.walk goes breadth first).
    for lineno, name, messages in sorted(found, key=lambda item: item[0]):
        yield lineno, name, messages, _comments_above(comments, lineno, comment_tags)


def _translated_loop_strings(node, keywords):
    """``gettext(t) for t in ("A", "B")``: the literal strings a comprehension translates."""
    elements = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
    for generator in node.generators:
        if not (isinstance(generator.target, ast.Name) and isinstance(generator.iter, (ast.Tuple, ast.List))):
            continue
        variable = generator.target.id
        for call in (n for element in elements for n in ast.walk(element) if isinstance(n, ast.Call)):
            func = call.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in keywords and PYTHON_KEYWORDS.get(name) is None and call.args \
                    and isinstance(call.args[0], ast.Name) and call.args[0].id == variable:
                for item in generator.iter.elts:
                    if isinstance(item, ast.Constant) and isinstance(item.value, str):
                        yield item.lineno, name, item.value


def _comments_above(comments, lineno, comment_tags):
    """The block of comments just above ``lineno`` if it starts with a comment tag."""
    block, line = [], lineno - 1
    while line in comments:
        block.insert(0, comments[line])
        line -= 1
    for start, text in enumerate(block):
        if text.startswith(tuple(comment_tags)):
            return block[start:]
    return []


def _extract_template(fileobj, keywords, comment_tags, options):
    """Babel extractor for Django templates, through Django's ``templatize``."""
    from django.utils.translation.template import templatize  # pylint: disable=import-outside-toplevel

    source = templatize(fileobj.read().decode("utf-8"))
    return extract_python(io.BytesIO(source.encode("utf-8")), keywords, comment_tags,
                          {**options, "encoding": "utf-8"})


#: (glob under the package, extractor, keywords)
SOURCES = (
    ("**/*.py", _extract_python, PYTHON_KEYWORDS),
    ("templates/**/*.html", _extract_template, TEMPLATE_KEYWORDS),
    (JS_DIR + "**/*.js", extract_javascript, JS_KEYWORDS),
)


def source_files():
    """``(path relative to the package, extractor, keywords)`` of every source, sorted."""
    files = []
    for pattern, method, keywords in SOURCES:
        for path in sorted(PACKAGE.glob(pattern)):
            relative = path.relative_to(PACKAGE).as_posix()
            if "__pycache__" in relative or relative.startswith("translations/"):
                continue
            files.append((relative, method, keywords))
    return files


def extract_messages():
    """The English source catalog of every marked string, as the sources are now."""
    catalog = new_catalog(SOURCE_LANGUAGE)
    for relative, method, keywords in source_files():
        data = (PACKAGE / relative).read_bytes()
        for lineno, message, comments, context in babel_extract(
                method, io.BytesIO(data), keywords=keywords, comment_tags=COMMENT_TAGS,
                options={"encoding": "utf-8"}, strip_comment_tags=True):
            catalog.add(message, None, [(relative, lineno)], auto_comments=comments, context=context)
    return catalog


def new_catalog(language):
    """An empty catalog with this project's header."""
    name = {"id": "Indonesian", "en": "English (source)"}.get(language, language)
    header = (f"# {name} catalog of lessonstudy-xblock, gettext domain \"{DOMAIN}\".\n"
              "# Made and merged by `make extract_translations`; see docs/translations.md.\n#")
    catalog = Catalog(locale=language, domain=DOMAIN, header_comment=header,
                      project="lessonstudy-xblock", version=_version(),
                      copyright_holder="lessonstudy-xblock contributors", charset="utf-8",
                      fuzzy=False, language_team=name,
                      last_translator="lessonstudy-xblock contributors")
    return _with_plural_forms(catalog)


def _with_plural_forms(catalog):
    language = str(catalog.locale)
    if language in PLURAL_FORMS:
        catalog.mime_headers = [("Plural-Forms", PLURAL_FORMS[language])]
    return catalog


def _version():
    match = re.search(r'version="([^"]+)"', (REPO / "setup.py").read_text(encoding="utf-8"))
    return match.group(1) if match else "0"


def message_keys(catalog):
    """The ``(msgid, context)`` of every message (the singular msgid for plurals)."""
    return {(singular(message.id), message.context) for message in catalog if message.id}


def singular(msgid):
    """The msgid of an entry, or its singular msgid for a plural entry."""
    return msgid[0] if isinstance(msgid, (list, tuple)) else msgid


# Reading and writing ------------------------------------------------------------------------
def po_path(language):
    return TRANSLATIONS / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(language):
    with open(po_path(language), "rb") as po_file:
        return _with_plural_forms(read_po(po_file, locale=language, domain=DOMAIN))


def po_bytes(catalog):
    out = io.BytesIO()
    write_po(out, catalog, width=79, ignore_obsolete=True, include_previous=False,
             include_lineno=False)
    return out.getvalue()


def write_if_changed(path, data, ignore_dates=False):
    """Write ``data`` unless the file already holds it; True when the file changed.

    With ``ignore_dates`` a file that differs only in its header's dates is kept,
    so running the extraction twice changes nothing.
    """
    if path.exists():
        old = path.read_bytes()
        if old == data or (ignore_dates and DATE_LINE.sub(b"", old) == DATE_LINE.sub(b"", data)):
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def extract():
    """Write the English source catalog and merge it into every translation."""
    template = extract_messages()
    changed = []
    if write_if_changed(po_path(SOURCE_LANGUAGE), po_bytes(template), ignore_dates=True):
        changed.append(po_path(SOURCE_LANGUAGE))
    for language in LANGUAGES:
        catalog = read_catalog(language) if po_path(language).exists() else new_catalog(language)
        catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
        if write_if_changed(po_path(language), po_bytes(catalog), ignore_dates=True):
            changed.append(po_path(language))
    return template, changed


# Compiling ----------------------------------------------------------------------------------
def compiled(language):
    """``{path: bytes}`` of what ``compile`` writes for a language's catalog."""
    catalog = read_catalog(language)
    mo_file = io.BytesIO()
    write_mo(mo_file, catalog, use_fuzzy=False)
    files = {po_path(language).with_name(f"{DOMAIN}.mo"): mo_file.getvalue()}
    if language != SOURCE_LANGUAGE:
        for name, kinds in BUNDLES.items():
            if "js" in kinds:
                files[PACKAGE / catalog_path(name, language)] = js_catalog(catalog, name).encode("utf-8")
    return files


def js_catalog(catalog, bundle):
    """A bundle's JavaScript catalog file: the translated entries its scripts use, added to
    ``window.LessonStudyI18n[<language>]`` (see :mod:`lessonstudy_xblock.i18n`)."""
    sources = set(BUNDLES[bundle]["js"])
    entries = {}
    for message in catalog:
        if not message.id or message.fuzzy or not any(
                path in sources for path, _line in message.locations):
            continue
        key = singular(message.id)
        if message.context:
            key = f"{message.context}\x04{key}"
        if message.pluralizable:
            forms = list(message.string)
            if all(forms):
                entries[key] = forms
        elif message.string:
            entries[key] = message.string
    language = json.dumps(str(catalog.locale))
    return "\n".join([
        f"/* The {catalog.locale} strings of lessonstudy-xblock's {bundle} scripts, compiled from "
        f"translations/{catalog.locale}/LC_MESSAGES/text.po by `make compile_translations`. */",
        f"(function (all) {{ all[{language}] = Object.assign(all[{language}] || {{}},",
        json.dumps(entries, ensure_ascii=False, sort_keys=True, separators=(",", ":")),  # line 3
        "); })(window.LessonStudyI18n = window.LessonStudyI18n || {});", ""])


def compile_all():
    """Compile every catalog; returns the files that changed."""
    changed = []
    for language in (SOURCE_LANGUAGE,) + LANGUAGES:
        for path, data in compiled(language).items():
            if write_if_changed(path, data):
                changed.append(path)
    return changed


# Checking -----------------------------------------------------------------------------------
def kept_terms():
    """Source strings whose Indonesian entry may equal the English one (documented in the file)."""
    terms = set()
    for line in KEPT_TERMS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            terms.add(line)
    return terms


def placeholders(text):
    """The sorted placeholders of a string (``%(name)s``, ``%s``...; ``%%`` excluded)."""
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text or "") if m.group(0) != "%%")


def has_words(text):
    """Whether a string has letters outside its placeholders (something to translate)."""
    return bool(re.search(r"[^\W\d_]", PLACEHOLDER.sub("", text)))


def translation_problems(language, catalog=None, kept=None):
    """Empty, fuzzy, untranslated (equal to English) entries and placeholder mismatches."""
    kept = kept_terms() if kept is None else kept
    catalog = read_catalog(language) if catalog is None else catalog
    problems = []
    for message in catalog:
        if not message.id:
            continue
        where = f"{language}: {singular(message.id)!r}"
        strings = list(message.string) if message.pluralizable else [message.string]
        sources = list(message.id) if message.pluralizable else [message.id]
        if message.fuzzy:
            problems.append(f"{where} is fuzzy (check the translation, then remove the flag)")
        if not all(strings):
            problems.append(f"{where} has no translation")
            continue
        same = [a.casefold() for a in strings] == [b.casefold() for b in sources[:len(strings)]]
        if same and not untranslated_ok(singular(message.id), kept):
            problems.append(f"{where} is the English text (translate it, or add it to "
                            f"{KEPT_TERMS_FILE.name} with a reason)")
        expected = placeholders(sources[-1])
        for form in strings:
            if placeholders(form) != expected:
                problems.append(f"{where}: placeholders {placeholders(form)} should be {expected}")
    return problems


def untranslated_ok(msgid, kept=None):
    """Whether an entry may show its English source: a kept term, or no words to translate."""
    return msgid in (kept_terms() if kept is None else kept) or not has_words(msgid)


def extraction_problems(extracted=None):
    """Marked strings missing from a catalog, and catalog entries no source marks any more."""
    wanted = message_keys(extracted or extract_messages())
    problems = []
    for language in (SOURCE_LANGUAGE,) + LANGUAGES:
        have = message_keys(read_catalog(language))
        for msgid, _context in sorted(wanted - have, key=str):
            problems.append(f"{language}: {msgid!r} is marked in the sources but not in the "
                            "catalog (run make extract_translations, then translate it)")
        for msgid, _context in sorted(have - wanted, key=str):
            problems.append(f"{language}: {msgid!r} is in the catalog but no source marks it "
                            "(run make extract_translations)")
    return problems


def compile_problems():
    """Compiled files that are missing or older than their ``.po``."""
    problems = []
    for language in (SOURCE_LANGUAGE,) + LANGUAGES:
        for path, data in compiled(language).items():
            if not path.exists() or path.read_bytes() != data:
                problems.append(f"{path.relative_to(REPO)} is not compiled from the current "
                                "text.po (run make compile_translations)")
    return problems


def all_problems():
    problems = extraction_problems()
    for language in LANGUAGES:
        problems += translation_problems(language)
    return problems + compile_problems()


# Command line -------------------------------------------------------------------------------
def main(argv=None):
    """The command line: ``extract``, ``compile`` or ``check``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("command", choices=("extract", "compile", "check"))
    command = parser.parse_args(argv).command
    if command == "extract":
        template, changed = extract()
        print(f"{len(message_keys(template))} strings extracted; "
              + (", ".join(str(p.relative_to(REPO)) for p in changed) or "no catalog changed"))
        for language in LANGUAGES:
            open_items = translation_problems(language)
            if open_items:
                print(f"{language}: {len(open_items)} entries to translate or check:")
                print("\n".join("  " + item for item in open_items))
        return 0
    if command == "compile":
        changed = compile_all()
        print(", ".join(str(p.relative_to(REPO)) for p in changed) or "compiled files are up to date")
        return 0
    problems = all_problems()
    print("\n".join(problems) or "translations are complete and compiled")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
