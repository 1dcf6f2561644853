"""The lookup index again, with the ``tag`` column the sdk's query also names.

Without table statistics SQLite prefers the index that matches the most equality terms of a
query: the sdk's ``get_for_key`` names ``scenario``, ``scope``, ``scope_id``, ``tag`` and
``user_id``, and with only (``scope_id``, ``user_id``) indexed SQLite chose the sdk's index on
``tag``, which every row of a block shares: reading one row then scanned the block's rows and
cost more as the course grew (``make bench``: 2.4 ms at 500 groups). This index matches three
terms and is chosen; the shared rows (``user_id IS NULL``, where the group index lives) get a
partial index of their own, which SQLite picks for that test.
"""

from django.db import migrations

INDEX, SHARED, TABLE = "lessonstudy_state_lookup_tag", "lessonstudy_state_shared", "workbench_xblockstate"


def create_index(apps, schema_editor):  # pylint: disable=unused-argument
    schema_editor.execute(f"CREATE INDEX {INDEX} ON {TABLE} (scope_id, user_id, tag)")
    if schema_editor.connection.vendor in ("sqlite", "postgresql"):  # MySQL has no partial index
        schema_editor.execute(f"CREATE INDEX {SHARED} ON {TABLE} (scope_id, tag) WHERE user_id IS NULL")


def drop_index(apps, schema_editor):  # pylint: disable=unused-argument
    on_table = f" ON {TABLE}" if schema_editor.connection.vendor == "mysql" else ""
    schema_editor.execute(f"DROP INDEX {INDEX}{on_table}")
    if schema_editor.connection.vendor in ("sqlite", "postgresql"):
        schema_editor.execute(f"DROP INDEX {SHARED}")


class Migration(migrations.Migration):
    atomic = False  # MySQL cannot roll DDL back, so Django runs it outside a transaction

    dependencies = [("lessonstudy_workbench", "0001_xblockstate_lookup_index")]

    operations = [migrations.RunPython(create_index, drop_index)]
