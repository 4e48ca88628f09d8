from django.utils import timezone
from django_tasks import task

from dvs.scheduler import every

from . import review, rollup
from .models import ReportPeriod, ReviewReport


@task()
def generate_review(review_id):
    review.generate(ReviewReport.objects.select_related("period", "unit").get(pk=review_id))


@task()
def fill_period(period_id, restart=False):
    rollup.fill(ReportPeriod.objects.get(pk=period_id), restart=restart)


@every(5 * 60)
@task()
def fail_stale_reviews():
    """Review reports left running by a worker that died are marked failed."""
    return review.fail_stale()


@every(24 * 3600)
@task()
def refresh_open_periods():
    """Figures of periods still collecting reports follow the platform's data each night."""
    for period in ReportPeriod.objects.filter(due_on__gte=timezone.localdate()):
        rollup.fill(period, restart=True)
