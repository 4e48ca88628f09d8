from django.db import migrations

COLUMNS = [("search_key", 120), ("given_key", 120), ("name_sort", 400)]


def binary(apps, schema_editor):
    # PostgreSQL only: the folded search keys and sort keys are compared byte by byte
    # (prefix ranges in dvs.lib.queries.starts_with, ORDER BY name_sort). A linguistic
    # collation such as en_US ignores spaces at first level and would break both.
    if schema_editor.connection.vendor != "postgresql":
        return
    for column, length in COLUMNS:
        schema_editor.execute(
            f'ALTER TABLE people_person ALTER COLUMN {column} TYPE varchar({length}) COLLATE "C"'
        )


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(binary, migrations.RunPython.noop)]
