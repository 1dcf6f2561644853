"""Checks for request fields: one function per kind of value, limits as constants.

Each check returns the cleaned value or raises :class:`Invalid` /
:class:`TooLarge` naming the field, so every handler answers bad input the
same way.
"""

import math
import re

from .errors import Invalid, TooLarge, _

CLIENT_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
ITEM_ID_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{1,80}$")
URL_PATTERN = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
#: The languages the package ships its texts in (presets, translations).
LANGUAGES = ("en", "id")


def storable(value):
    """Text without NUL and without lone surrogates (not Unicode text, cannot be stored)."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def require_object(payload):
    """The JSON body must be an object."""
    if not isinstance(payload, dict):
        raise Invalid(_("The request must be a JSON object."))
    return payload


def text(payload, name, max_length, required=False, strip=True):
    """A string field; missing or null is ``""`` unless required."""
    value = payload.get(name)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Invalid(_("%(field)s must be text."), field=name, params={"field": name})
    if strip:
        value = value.strip()
    if not storable(value):
        raise Invalid(_("%(field)s contains a character that cannot be stored."),
                      field=name, params={"field": name})
    if len(value) > max_length:
        raise TooLarge(
            _("%(field)s is too long: at most %(limit)s characters."),
            field=name, params={"field": name, "limit": max_length},
        )
    if required and not value:
        raise Invalid(_("%(field)s is required."), field=name, params={"field": name})
    return value


def choice(payload, name, allowed, default=None):
    """One of ``allowed`` (a collection of strings)."""
    value = payload.get(name, default)
    if value is None and default is None:
        raise Invalid(_("%(field)s is required."), field=name, params={"field": name})
    if not isinstance(value, str) or value not in allowed:
        raise Invalid(
            _("%(field)s must be one of: %(allowed)s."),
            field=name, params={"field": name, "allowed": ", ".join(sorted(allowed))},
        )
    return value


def integer(payload, name, minimum, maximum, required=False):
    """A whole number in a range, or None when absent and optional."""
    value = payload.get(name)
    if value is None or value == "":
        if required:
            raise Invalid(_("%(field)s is required."), field=name, params={"field": name})
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(_("%(field)s must be a whole number."), field=name, params={"field": name})
    if not minimum <= value <= maximum:
        raise Invalid(
            _("%(field)s must be between %(min)s and %(max)s."),
            field=name, params={"field": name, "min": minimum, "max": maximum},
        )
    return value


def number(payload, name, minimum, maximum):
    """A number (int or float) in a range, or None when absent."""
    value = payload.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        raise Invalid(_("%(field)s must be a number."), field=name, params={"field": name})
    if not minimum <= value <= maximum:
        raise Invalid(
            _("%(field)s must be between %(min)s and %(max)s."),
            field=name, params={"field": name, "min": minimum, "max": maximum},
        )
    return round(float(value), 3)


def client_id(payload, name="client_id"):
    """The browser-made id that makes a repeated request harmless."""
    value = payload.get(name)
    if not isinstance(value, str) or not CLIENT_ID_PATTERN.fullmatch(value):
        raise Invalid(
            _("%(field)s must be 8 to 64 letters, digits, '-' or '_'."),
            field=name, params={"field": name},
        )
    return value


def item_id(payload, name, required=True):
    """An id of a stored item (section, row, entry, post, group)."""
    value = payload.get(name)
    if value is None or value == "":
        if required:
            raise Invalid(_("%(field)s is required."), field=name, params={"field": name})
        return None
    if not isinstance(value, str) or not ITEM_ID_PATTERN.fullmatch(value):
        raise Invalid(_("%(field)s is not a valid id."), field=name, params={"field": name})
    return value


def id_list(payload, name, max_items):
    """A list of item ids, without repeats, in the order given."""
    value = payload.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise Invalid(_("%(field)s must be a list of ids."), field=name, params={"field": name})
    if len(value) > max_items:
        raise TooLarge(
            _("%(field)s has too many items: at most %(limit)s."),
            field=name, params={"field": name, "limit": max_items},
        )
    cleaned = []
    for entry in value:
        if not isinstance(entry, str) or not ITEM_ID_PATTERN.fullmatch(entry):
            raise Invalid(_("%(field)s must be a list of ids."), field=name, params={"field": name})
        if entry not in cleaned:
            cleaned.append(entry)
    return cleaned


def is_web_address(value):
    """Whether ``value`` is an http(s) address with no space, quote or angle bracket in it: the one
    rule for every link and video address."""
    return isinstance(value, str) and bool(URL_PATTERN.fullmatch(value))


def url(payload, name, max_length):
    """An optional http(s) link; anything else (``javascript:``...) is refused."""
    value = text(payload, name, max_length)
    if value and not is_web_address(value):
        raise Invalid(_("%(field)s must be a web address starting with http:// or https://."),
                      field=name, params={"field": name})
    return value


def boolean(payload, name, default=False):
    """A true/false flag."""
    value = payload.get(name, default)
    if not isinstance(value, bool):
        raise Invalid(_("%(field)s must be true or false."), field=name, params={"field": name})
    return value
