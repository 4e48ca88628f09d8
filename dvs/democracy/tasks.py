"""Background work of grassroots democracy (the task worker, `manage.py db_worker`; the
scheduler enqueues it, dvs.scheduler)."""

from django.utils import timezone
from django_tasks import task

from dvs.scheduler import every

from .actions import charters


@every(24 * 3600)
@task()
def create_charter_reviews():
    """Each recognised charter's yearly review of the current year (Decree 61 Art. 15:
    on 18/11). Daily and idempotent: a review already there is left as it is, so a
    missed day or a second run changes nothing."""
    return charters.create_yearly_reviews(timezone.localdate().year)
