"""Refusals the rules can give, each with the HTTP status a handler answers.

Messages are English source strings marked with ``_`` for extraction; the
handler layer translates them with the runtime's ``i18n`` service and then
fills in ``params`` (``%(name)s`` placeholders), so a refusal reaches the
participant in their language.
"""


def _(message):
    """Mark a message for translation without translating it here."""
    return message


class DomainError(Exception):
    """A request the rules refuse. ``status`` is the HTTP status to answer."""

    status = 400

    def __init__(self, message, field=None, params=None, **extra):
        super().__init__(message)
        self.message = message
        self.field = field
        self.params = params or {}
        self.extra = extra

    def render(self, gettext=None):
        """The sentence for the participant, translated when ``gettext`` is given."""
        # Every message is a literal marked with _() where the refusal is raised.
        text = gettext(self.message) if gettext else self.message  # pylint: disable=translation-of-non-string
        return text % self.params if self.params else text


class Invalid(DomainError):
    """Malformed or invalid input (400)."""

    status = 400


class Forbidden(DomainError):
    """The caller's role does not allow this (403)."""

    status = 403


class NotFound(DomainError):
    """No such group, section, step or entry (404)."""

    status = 404


class Conflict(DomainError):
    """The wrong phase or state, or a stale copy (409)."""

    status = 409


class TooLarge(DomainError):
    """Over one of the documented size limits (413)."""

    status = 413


class Busy(DomainError):
    """Another request of the same person is being saved (429)."""

    status = 429

    def __init__(self, message, retry_after=1, **kwargs):
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class Unavailable(DomainError):
    """The site is set up in a way the blocks cannot work with; the message says how (503)."""

    status = 503
