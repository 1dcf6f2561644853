"""An index on the workbench's state table for the lookups blocks make.

The sdk's ``XBlockState`` has one index per column and none on the pair a
block's request looks up (``scope_id``, ``user_id``), so SQLite may pick the
index on ``scope`` (nearly every row is "usage") and scan the table: reading
a row then costs more as the course grows. The LMS's ``StudentModule`` has a
unique key on (student, block, course); this index gives the workbench the
same kind of lookup.
"""

import importlib.util

from django.db import migrations


INDEX, TABLE = "lessonstudy_state_lookup", "workbench_xblockstate"


def create_index(apps, schema_editor):  # pylint: disable=unused-argument
    schema_editor.execute(f"CREATE INDEX {INDEX} ON {TABLE} (scope_id, user_id)")


def drop_index(apps, schema_editor):  # pylint: disable=unused-argument
    on_table = f" ON {TABLE}" if schema_editor.connection.vendor == "mysql" else ""
    schema_editor.execute(f"DROP INDEX {INDEX}{on_table}")


class Migration(migrations.Migration):
    atomic = False  # MySQL cannot roll DDL back, so Django runs it outside a transaction

    # xblock-sdk 0.15 ships a migration for its state table; 0.14 (the last for Python 3.11)
    # ships none, and Django creates the table before running any migration (run_syncdb).
    dependencies = ([("workbench", "0001_initial")]
                    if importlib.util.find_spec("workbench.migrations") else [])

    operations = [migrations.RunPython(create_index, drop_index)]
