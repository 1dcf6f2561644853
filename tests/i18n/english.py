"""The English UI strings of the catalog: what an Indonesian view must not show."""

from scripts import translations as tr


def normalise(text):
    """Whitespace collapsed, case folded: how a shown text is compared with a msgid."""
    return " ".join(str(text).split()).casefold()


def english_ui_strings():
    """``{normalised msgid: msgid}`` of every entry that Indonesian shows differently.

    Kept terms (``translations/kept_terms.txt``) and strings with nothing to
    translate outside their placeholders are left out: they may appear as they are.
    """
    strings = {}
    for message in tr.read_catalog("id"):
        msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
        if msgid and not tr.untranslated_ok(msgid):
            strings[normalise(msgid)] = msgid
    return strings


def english_among(texts, english=None):
    """The texts that are an English UI string."""
    english = english_ui_strings() if english is None else english
    return sorted({" ".join(text.split()) for text in texts if normalise(text) in english})
