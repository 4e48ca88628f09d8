from django.db import migrations


def create(apps, schema_editor):
    # PostgreSQL only: a non-C collation cannot use the unique index for LIKE 'prefix%';
    # varchar_pattern_ops makes every subtree (scope) filter an index range scan.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS units_unit_path_pattern "
            "ON units_unit (path varchar_pattern_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS units_unit_path_pattern")


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
