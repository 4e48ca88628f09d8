"""Planning's indicators count as of the period's end, or today for a period not yet over."""

import datetime
from unittest import mock

from django.utils import timezone

from dvs.planning import report_indicators
from dvs.planning.tests.helpers import PlanningTestCase


class TasksOverdueTests(PlanningTestCase):
    def test_a_task_not_yet_due_today_is_not_overdue_in_a_period_not_yet_over(self):
        # Task A is due in 5 days, task B in 30: neither is late today, even in a period
        # that ends after their deadlines.
        today = timezone.localdate()
        start, end = today - datetime.timedelta(days=90), today + datetime.timedelta(days=90)
        self.assertEqual(report_indicators.tasks_overdue(start, end), {})
        # Seen from a day after both deadlines (a period that ended then), both are late.
        later = today + datetime.timedelta(days=31)
        with mock.patch("django.utils.timezone.localdate", return_value=later):
            late = report_indicators.tasks_overdue(start, later)
        self.assertEqual(sum(late.values()), 3)  # ward A, its women's union, ward B
