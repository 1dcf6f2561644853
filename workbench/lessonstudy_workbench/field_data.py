"""Field storage for the workbench that reads each row once per request, as the LMS does.

The sdk's key-value store reads the database row again for every field a
block touches (``has`` and then ``get``), so a block with seven settings
fields reads the shared settings row fourteen times per request. The LMS
instead reads every row a request needs once, at its start
(``FieldDataCache``), and writes changed fields at its end. This store does
the same: the first read of a row is kept for the rest of the request (the
runtime, and so this service, is built anew for every request); writes go
to the database at once, each re-reading the row and changing only its own
field, exactly as the sdk's store does, so concurrent requests still merge
by field and race the same way.
"""

import json

from xblock.fields import Scope
from xblock.runtime import KvsFieldData

from workbench.models import XBlockState
from workbench.runtime import WorkbenchDjangoKeyValueStore


class SnapshotKeyValueStore(WorkbenchDjangoKeyValueStore):
    """The sdk's store with a per-request snapshot of the rows it read."""

    def __init__(self):
        super().__init__()
        self._rows = {}

    @staticmethod
    def _row(key):
        """The row a key lives in: fields of one scope bucket share a row."""
        bucket = key.scope if key.scope in (Scope.parent, Scope.children) else key.scope.block
        return (bucket, key.block_scope_id, key.user_id)

    def _state(self, key):
        row = self._row(key)
        if row not in self._rows:
            self._rows[row] = json.loads(XBlockState.get_for_key(key).state)
        return self._rows[row]

    def get(self, key):
        return self._state(key)[key.field_name]

    def has(self, key):
        return key.field_name in self._state(key)

    def set(self, key, value):
        super().set(key, value)
        self._state(key)[key.field_name] = value

    def delete(self, key):
        super().delete(key)
        self._state(key).pop(key.field_name, None)


class RequestFieldData(KvsFieldData):
    """The ``field-data`` service: one snapshot store per runtime, i.e. per request."""

    def __init__(self):
        super().__init__(SnapshotKeyValueStore())
