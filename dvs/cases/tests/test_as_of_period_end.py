"""Figures as of the period's end: a case overdue on the period's last day counts as
overdue in that period's figures, whatever happened to it afterwards."""

import datetime
from unittest import mock

from django.utils import timezone

from dvs.cases import report_indicators, stats, workflow
from dvs.cases.models import Case, overdue_on
from dvs.cases.tests.helpers import receive
from dvs.testing import BaseTestCase

D = datetime.date
H1 = (D(2026, 1, 1), D(2026, 6, 30))


class AsOfPeriodEndTests(BaseTestCase):
    def three_cases_overdue_on_30_june_closed_in_july(self):
        unit = self.neighbourhood_a1
        # 1. Accepted 4/3, to resolve by 3/4; concluded 10/7.
        first = receive(unit, received_on=D(2026, 3, 2), name="Người 1", content="Đơn một")
        workflow.accept(first, by=None, accepted_on=D(2026, 3, 4))
        workflow.conclude(first, by=None, concluded_on=D(2026, 7, 10), conclusion="Xong.")
        # 2. The same, and its result notified 15/7 (closed).
        second = receive(unit, received_on=D(2026, 3, 2), name="Người 2", content="Đơn hai")
        workflow.accept(second, by=None, accepted_on=D(2026, 3, 4))
        workflow.conclude(second, by=None, concluded_on=D(2026, 7, 10), conclusion="Xong.")
        workflow.notify(second, by=None, notified_on=D(2026, 7, 15))
        # 3. Received 1/6, to accept by 15/6; accepted only on 10/7.
        third = receive(unit, received_on=D(2026, 6, 1), name="Người 3", content="Đơn ba")
        workflow.accept(third, by=None, accepted_on=D(2026, 7, 10))
        return first, second, third

    def test_cases_overdue_on_30_june_and_closed_in_july_count_in_the_first_half(self):
        first, second, third = self.three_cases_overdue_on_30_june_closed_in_july()
        # Not overdue: resolved on time in the half, and one not yet due on 30/6.
        on_time = receive(self.neighbourhood_a2, received_on=D(2026, 3, 2), name="Người 4")
        workflow.accept(on_time, by=None, accepted_on=D(2026, 3, 4))
        workflow.conclude(on_time, by=None, concluded_on=D(2026, 3, 20), conclusion="Xong.")
        recent = receive(self.neighbourhood_a2, received_on=D(2026, 6, 25), name="Người 5")

        self.assertEqual(report_indicators.overdue(*H1), {self.neighbourhood_a1.pk: 3})
        area = stats.Area(self.city_leader, self.city)
        figures = stats.summary(area, *H1)
        self.assertEqual(figures.overdue, 3)
        self.assertEqual(figures.as_of, D(2026, 6, 30))
        # The backlog on 30/6: the three, the case received 25/6 and the one concluded
        # but not yet notified (open until the petitioner is told).
        self.assertEqual(figures.backlog, 5)
        rows = {unit.code: row["overdue"] for unit, row in stats.by_child_unit(area, *H1)}
        self.assertEqual(rows, {"A": 3, "B": 0})
        # Today the first two are closed: only the current figures leave them out.
        today = set(Case.objects.overdue().values_list("pk", flat=True))
        self.assertEqual(today, {third.pk, recent.pk})

    def test_a_case_resolved_late_within_the_period_counts_as_overdue_in_it(self):
        case = receive(self.neighbourhood_a1, received_on=D(2026, 3, 2))
        workflow.accept(case, by=None, accepted_on=D(2026, 3, 4))
        workflow.conclude(case, by=None, concluded_on=D(2026, 4, 20), conclusion="Muộn.")
        self.assertEqual(report_indicators.overdue(*H1), {self.neighbourhood_a1.pk: 1})
        # The dashboard and its drill-down by ward count it the same way.
        area = stats.Area(self.city_leader, self.city)
        self.assertEqual(stats.summary(area, *H1).overdue, 1)
        rows = {unit.code: row["overdue"] for unit, row in stats.by_child_unit(area, *H1)}
        self.assertEqual(rows, {"A": 1, "B": 0})
        # Not in the next half: neither overdue on 31/12 nor resolved in it.
        self.assertEqual(report_indicators.overdue(D(2026, 7, 1), D(2026, 12, 31)), {})

    def test_overdue_on_a_day_from_the_dates_equals_the_current_status_today(self):
        first, second, third = self.three_cases_overdue_on_30_june_closed_in_july()
        late = receive(self.neighbourhood_a2, received_on=D(2026, 9, 1), name="Người 6")
        workflow.accept(late, by=None, accepted_on=D(2026, 9, 2))
        workflow.suspend(late, by=None, suspended_on=D(2026, 10, 20), reason="Chờ giám định")
        waiting = receive(self.neighbourhood_a2, received_on=D(2026, 10, 1), name="Người 7")
        today = timezone.localdate()
        by_dates = set(Case.objects.filter(overdue_on(today)).values_list("pk", flat=True))
        by_status = set(Case.objects.overdue(today).values_list("pk", flat=True))
        # Suspended after its limit (2/10) had passed: still late; the third case,
        # accepted 10/7, is late too.
        self.assertEqual(by_dates, {third.pk, late.pk, waiting.pk})
        self.assertEqual(by_status, by_dates)
        self.assertEqual(
            set(Case.objects.filter(overdue_on(D(2026, 6, 30))).values_list("pk", flat=True)),
            {first.pk, second.pk, third.pk},
        )

    def test_todays_counts_are_the_same_read_by_unit_or_by_status(self):
        first, second, third = self.three_cases_overdue_on_30_june_closed_in_july()
        receive(self.neighbourhood_b1, received_on=D(2026, 10, 1), name="Người 8")
        receive(self.ward_a, received_on=D(2025, 1, 5), name="Người 9")  # long-running
        today = timezone.localdate()

        def counts(user):
            area = stats.Area(user, None)
            return {unit: tuple(c) for unit, c in area.as_of(today, today).items()}

        by_unit = counts(self.city_leader)
        self.assertEqual(by_unit[self.neighbourhood_a1.pk], (2, 1, 2))  # 1st concluded
        self.assertEqual(by_unit[self.ward_a.pk], (1, 1, 1))
        # A city's many units read the open cases through the status index instead.
        with mock.patch.object(stats, "MANY_UNITS", 0):
            self.assertEqual(counts(self.city_leader), by_unit)
            ward_a = counts(self.ward_a_officer)
        self.assertNotIn(self.neighbourhood_b1.pk, ward_a)
        self.assertEqual(
            ward_a, {u: c for u, c in by_unit.items() if u != self.neighbourhood_b1.pk}
        )
