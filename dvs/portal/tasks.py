from django.conf import settings
from django.core.management import call_command
from django_tasks import task

from dvs.scheduler import every

from . import counting


@task()
def flush_view_counts():
    """Move buffered view counts to the database. With Redis this task and the web
    processes' flusher threads share the buffer; with local memory each web process
    flushes its own (counting.py), so the task is only scheduled with a shared cache."""
    counting.flush()


if not counting.is_process_local():
    every(settings.PORTAL_FLUSH_SECONDS)(flush_view_counts)


@every(60)
@task()
def publish_scheduled_pages():
    """Scheduled publishing: pages whose go-live time has come are published."""
    call_command("publish_scheduled", verbosity=0)
