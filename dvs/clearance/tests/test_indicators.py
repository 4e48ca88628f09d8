"""The report indicators of land clearance (design §1.6, acceptance 10 and 12): keyed
by the segment's ward, parties counted as of the period's end, visits dated within it."""

import datetime
from decimal import Decimal

from dvs.clearance import report_indicators, stats
from dvs.clearance.models import MilestoneKind, Outcome
from dvs.clearance.tests.helpers import (
    make_milestone,
    make_obstacle,
    make_party,
    make_project,
    make_segment,
    make_visit,
)
from dvs.reports.models import IndicatorValue
from dvs.reports.registry import computed_indicators
from dvs.reports.rollup import fill_indicator
from dvs.reports.tests.helpers import make_period, make_template
from dvs.testing import BaseTestCase

Q2 = (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))


def compute(code, start, end):
    return computed_indicators()[code].compute(start, end)


class ClearanceIndicatorTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.route = make_project(cls.city)
        cls.segment_a = make_segment(cls.route, cls.ward_a, km_cleared=Decimal("1.250"))
        cls.segment_b = make_segment(cls.route, cls.ward_b)
        cls.an = make_party(cls.segment_a, "Hộ ông Nguyễn Văn An")
        cls.binh = make_party(cls.segment_a, "Hộ bà Trần Thị Bình")
        cls.cuong = make_party(cls.segment_b, "Hộ ông Lê Văn Cường")
        make_visit(cls.an, on=datetime.date(2026, 3, 31), outcome=Outcome.NOT_YET)
        make_visit(cls.an, on=datetime.date(2026, 4, 1), outcome=Outcome.NOT_YET)
        make_visit(cls.an, on=datetime.date(2026, 6, 30), outcome=Outcome.AGREES)
        make_visit(cls.an, on=datetime.date(2026, 7, 1), outcome=Outcome.AGREES)
        make_visit(cls.cuong, on=datetime.date(2026, 5, 5), outcome=Outcome.NOT_YET)
        make_milestone(cls.an, MilestoneKind.HANDOVER, datetime.date(2026, 7, 15))
        make_milestone(cls.binh, MilestoneKind.HANDOVER, datetime.date(2026, 6, 1))
        make_milestone(cls.binh, MilestoneKind.OPINION_MEETING, datetime.date(2026, 4, 2))
        for _n in range(2):
            make_obstacle(cls.cuong, opened_on=datetime.date(2026, 5, 6))

    def test_visits_of_q2_2026_count_only_those_dated_1_april_to_30_june(self):
        self.assertEqual(compute("clearance_visits", *Q2), {self.ward_a.pk: 2, self.ward_b.pk: 1})

    def test_handed_over_counts_as_of_the_period_s_end(self):
        self.assertEqual(
            compute("clearance_handed_over", *Q2), {self.ward_a.pk: 1, self.ward_b.pk: 0}
        )
        self.assertEqual(
            compute("clearance_outstanding", *Q2), {self.ward_a.pk: 1, self.ward_b.pk: 1}
        )
        self.assertEqual(compute("clearance_agreed", *Q2)[self.ward_a.pk], 2)

    def test_ward_b_s_party_with_two_obstacles_counts_once(self):
        self.assertEqual(compute("clearance_with_obstacles", *Q2)[self.ward_b.pk], 1)

    def test_opinion_meetings_and_metres_cleared(self):
        self.assertEqual(compute("clearance_opinion_meetings", *Q2), {self.ward_a.pk: 1})
        self.assertEqual(compute("clearance_metres_cleared", *Q2), {self.ward_a.pk: 1250})

    def test_the_indicators_equal_the_dashboard_on_the_same_day(self):
        rollup = stats.route_rollup(self.route, as_of=Q2[1])
        for name in stats.COUNTS:
            by_ward = compute(f"clearance_{name}", *Q2)
            self.assertEqual(sum(by_ward.values()), getattr(rollup.total, name), name)

    def test_the_city_s_filled_figure_adds_up_its_wards(self):
        period = make_period(self.city, make_template(), start=Q2[0], end=Q2[1])
        fill_indicator(period, "clearance_visits")
        value = IndicatorValue.objects.get(period=period, code="clearance_visits", unit=self.city)
        self.assertEqual(value.value, 3)
        self.assertTrue(report_indicators.INDICATORS)
