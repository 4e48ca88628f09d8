from django.core.management import call_command
from django.db import connection
from django_tasks import task

from .lib import throttle
from .scheduler import every


@every(24 * 3600)
@task()
def clear_expired_sessions():
    call_command("clearsessions")


@every(24 * 3600)
@task()
def prune_task_results():
    call_command("prune_db_task_results", "--min-age-days", "30", verbosity=0)


def refresh_statistics():
    """Measure the tables again for the query planner. PostgreSQL's autovacuum does it
    by itself; SQLite plans with what ANALYZE last measured, and without it picks the
    wrong index (a ward's name search took 95 ms instead of 11 with a million residents).
    ANALYZE of a million residents takes about 0.6 s on SQLite."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@every(24 * 3600)
@task()
def refresh_planner_statistics():
    if connection.vendor == "sqlite":
        refresh_statistics()


@every(3600)
@task()
def prune_throttles():
    throttle.prune()
