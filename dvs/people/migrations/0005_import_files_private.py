import dvs.people.models
import dvs.storage
from django.db import migrations, models


def move_to_private(apps, schema_editor):
    """Files of jobs still waiting were on the public storage under their original
    name: move them to the private storage under an unguessable name."""
    from django.core.files.storage import default_storage

    from dvs.storage import private_storage

    ImportJob = apps.get_model("people", "ImportJob")
    for job in ImportJob.objects.exclude(file="").only("pk", "file", "original_name"):
        old = job.file.name
        if default_storage.exists(old):
            with default_storage.open(old, "rb") as source:
                new = private_storage().save(
                    dvs.people.models.import_path(job, job.original_name or old), source
                )
            default_storage.delete(old)
        else:
            new = ""
        ImportJob.objects.filter(pk=job.pk).update(file=new)


class Migration(migrations.Migration):
    dependencies = [("people", "0004_import_job_headers")]

    operations = [
        migrations.AlterField(
            model_name="importjob",
            name="file",
            field=models.FileField(
                blank=True,
                max_length=200,
                storage=dvs.storage.private_storage,
                upload_to=dvs.people.models.import_path,
                verbose_name="file",
            ),
        ),
        migrations.RunPython(move_to_private, migrations.RunPython.noop),
    ]
