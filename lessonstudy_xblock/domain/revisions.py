"""Revisions of one shared text (a plan section, the lessons learned) and their conflicts.

Each save is a revision record naming the revision it was made from
(``base``). Members' revisions live in their own journals and are gathered on
read. A save from an out-of-date copy is refused (409) with the newer text;
two saves from the same base that both got through at the same moment are
both kept: the newer is the text, the other is listed as a conflict until a
save made from the newest revision resolves it (``resolves`` lists the
conflicts its author was shown).
"""

from .errors import Conflict, _


class RevisionLog:
    """The revisions of one text, in one group and cycle."""

    def __init__(self, records):
        self.records = sorted(records, key=lambda r: (r["at"], r["id"]))

    def _open_leaves(self):
        based_on = {r.get("base") for r in self.records}
        resolved = {rid for r in self.records for rid in r.get("resolves", ())}
        return [r for r in self.records if r["id"] not in based_on and r["id"] not in resolved]

    def head(self):
        """The current revision (the newest open one), or None before the first save."""
        leaves = self._open_leaves()
        return leaves[-1] if leaves else (self.records[-1] if self.records else None)

    def conflicts(self):
        """Revisions that were saved at the same time as the head and not yet resolved."""
        head = self.head()
        return [r for r in self._open_leaves() if head is None or r["id"] != head["id"]]

    def check_save(self, base_revision, content, author):
        """Decide a save: returns the existing revision for a repeated request, else None.

        Raises :class:`Conflict` (with the current revision in ``extra``) when
        ``base_revision`` is not the newest.
        """
        head = self.head()
        for record in reversed(self.records):
            if (record.get("by") == author and record.get("base") == base_revision
                    and record.get("content") == content):
                return record  # the same save sent again: harmless
        current_id = head["id"] if head else None
        if base_revision != current_id:
            raise Conflict(
                _("This text was changed since you opened it. Your text is kept in the editor: "
                  "compare it with the newer text below, then save again."),
                field="base_revision",
            )
        return None

    def revision_fields(self, base_revision):
        """``base`` and ``resolves`` of a new revision made from ``base_revision``."""
        return {"base": base_revision, "resolves": [r["id"] for r in self.conflicts()]}
