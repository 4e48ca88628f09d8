from django.db import migrations


def install(apps, schema_editor):
    from dvs.emulation import reference

    reference.install(apps)


class Migration(migrations.Migration):
    dependencies = [("emulation", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
