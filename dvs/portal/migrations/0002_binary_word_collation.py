from django.db import migrations


def binary(apps, schema_editor):
    # PostgreSQL only: folded words are compared byte by byte by the prefix ranges of
    # dvs.lib.queries.starts_with (as people's search keys are, people 0002).
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        'ALTER TABLE portal_articleword ALTER COLUMN word TYPE varchar(40) COLLATE "C"'
    )


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]
    operations = [migrations.RunPython(binary, migrations.RunPython.noop)]
