import dvs.planning.models
import dvs.storage
from django.db import migrations, models


def move_to_private(apps, schema_editor):
    """Directive files were on the public storage (served under /media/directives/):
    move them to the private storage under an unguessable folder, keeping their name."""
    from django.core.files.storage import default_storage

    from dvs.storage import private_storage

    Directive = apps.get_model("planning", "Directive")
    for directive in Directive.objects.exclude(file="").only("pk", "file"):
        old = directive.file.name
        if not default_storage.exists(old):
            continue  # already moved, or lost: leave the row as it is
        with default_storage.open(old, "rb") as source:
            new = private_storage().save(
                dvs.planning.models.directive_path(directive, old.rsplit("/", 1)[-1]), source
            )
        Directive.objects.filter(pk=directive.pk).update(file=new)
        default_storage.delete(old)


class Migration(migrations.Migration):
    dependencies = [("planning", "0003_order_permission")]

    operations = [
        migrations.AlterField(
            model_name="directive",
            name="file",
            field=models.FileField(
                blank=True,
                max_length=255,
                storage=dvs.storage.private_storage,
                upload_to=dvs.planning.models.directive_path,
                verbose_name="file",
            ),
        ),
        migrations.RunPython(move_to_private, migrations.RunPython.noop),
    ]
