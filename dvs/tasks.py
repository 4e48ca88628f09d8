from django.core.management import call_command
from django_tasks import task

from .scheduler import every


@every(24 * 3600)
@task()
def clear_expired_sessions():
    call_command("clearsessions")


@every(24 * 3600)
@task()
def prune_task_results():
    call_command("prune_db_task_results", "--min-age-days", "30", verbosity=0)
