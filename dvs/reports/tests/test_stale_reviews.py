"""A review report whose worker died is marked failed with a message, not left
"generating" forever; a queued or progressing one is left alone."""

import datetime

from django.utils import timezone

from dvs.reports import review
from dvs.reports.models import ReviewReport

from .helpers import ReportsTestCase


class StaleReviewSweepTests(ReportsTestCase):
    def test_a_review_whose_worker_died_is_failed_with_a_message(self):
        now = timezone.now()

        def job(status, minutes_ago):
            heartbeat = (
                None if minutes_ago is None else now - datetime.timedelta(minutes=minutes_ago)
            )
            return ReviewReport.objects.create(
                period=self.period,
                unit=self.city,
                created_by=self.city_leader,
                status=status,
                heartbeat_at=heartbeat,
            )

        dead = job(ReviewReport.Status.RUNNING, 40)
        alive = job(ReviewReport.Status.RUNNING, 1)
        queued = job(ReviewReport.Status.QUEUED, None)

        self.assertEqual(review.fail_stale(now=now), 1)

        dead.refresh_from_db()
        self.assertEqual(dead.status, ReviewReport.Status.FAILED)
        self.assertTrue(dead.message)
        for other, status in ((alive, "running"), (queued, "queued")):
            other.refresh_from_db()
            self.assertEqual(other.status, status)
