from django.utils import timezone
from django_tasks import task

from dvs.scheduler import every

from . import importing
from .models import ImportJob, Person


@task()
def process_import(job_id, commit):
    importing.run(ImportJob.objects.get(pk=job_id), commit=commit)


@every(24 * 3600)
@task()
def archive_departed():
    """Archive records of people who moved away or died longer ago than the retention
    period (PEOPLE_ARCHIVE_AFTER_DAYS): they leave every list but stay in the database."""
    from datetime import timedelta

    from django.conf import settings

    cutoff = timezone.localdate() - timedelta(days=settings.PEOPLE_ARCHIVE_AFTER_DAYS)
    return (
        Person.objects.exclude(status=Person.Status.LIVING)
        .filter(archived_at__isnull=True, status_on__lt=cutoff)
        .update(archived_at=timezone.now())
    )
