"""Who has started a workshop module: a compact, rebuildable list for the staff report.

Stored as one JSON text in a ``user_state_summary`` field. Like the group
index it may lose a write when two requests save it at once; every request of
a participant puts their own name back when it is missing, so the list
converges. Each participant costs their username plus three bytes.
"""

import json


class ParticipantIndex:
    """The usernames of everyone who has started the module."""

    def __init__(self, names=None):
        self.names = sorted(set(names or ()))
        self.changed = False

    @classmethod
    def loads(cls, text):
        """Parse the stored text; damaged text starts empty (it is rebuilt)."""
        try:
            names = json.loads(text) if text else []
        except ValueError:
            names = []
        return cls([n for n in names if isinstance(n, str)] if isinstance(names, list) else [])

    def dumps(self):
        """Compact JSON, sorted."""
        return json.dumps(self.names, separators=(",", ":"))

    def ensure(self, username):
        """Add a participant; True when they were missing."""
        if username in self.names:
            return False
        self.names = sorted(self.names + [username])
        self.changed = True
        return True
