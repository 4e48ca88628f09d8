from django.utils import timezone
from django_tasks import task

from dvs.scheduler import every
from dvs.tasks import refresh_statistics

from . import importing
from .models import ImportJob, Person

# After an import this large the planner's statistics of the registry are out of date.
REFRESH_STATISTICS_AFTER = 10_000


@task()
def process_import(job_id, commit):
    job = ImportJob.objects.get(pk=job_id)
    importing.run(job, commit=commit)
    if job.imported_rows >= REFRESH_STATISTICS_AFTER:
        refresh_statistics()


@every(3600)
@task()
def delete_import_files():
    """Uploaded spreadsheets live only as long as their import (see importing.delete_files)."""
    return importing.delete_files()


@every(5 * 60)
@task()
def fail_stale_imports():
    """Imports left running by a worker that died are marked failed (importing.fail_stale)."""
    return importing.fail_stale()


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
