"""The route roll-up (design §1.6, acceptance 8 and 9): per ward and in total, the wards
without figures, the laggards, the silent wards, as of a date, and the monthly trend."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dvs.clearance import stats
from dvs.clearance.models import AffectedParty, Outcome, PartyKind
from dvs.clearance.tests.helpers import (
    make_obstacle,
    make_party,
    make_project,
    make_segment,
    make_visit,
)
from dvs.testing import BaseTestCase
from dvs.units.models import Level

HANDED = datetime.date(2026, 5, 10)


def bulk_parties(segment, count, handed_over, on=HANDED):
    """`count` parties of `segment`, the first `handed_over` of them handed over `on`."""
    AffectedParty.objects.bulk_create(
        AffectedParty(
            project_id=segment.project_id,
            segment=segment,
            unit_id=segment.ward_id,
            kind=PartyKind.HOUSEHOLD,
            name=f"Hộ số {n}",
            name_key=f"ho so {n}",
            agreed=n < handed_over,
            handed_over_on=on if n < handed_over else None,
        )
        for n in range(count)
    )


class RouteRollupTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.ward_c = cls.city.add_child(code="CC", name="Phường Cầu Giấy", level=Level.COMMUNE)
        cls.route = make_project(cls.city, lag_points=15)
        cls.segment_a = make_segment(cls.route, cls.ward_a, km_cleared=Decimal("2.500"))
        cls.segment_b = make_segment(cls.route, cls.ward_b, km_cleared=Decimal("1.000"))
        cls.segment_c = make_segment(cls.route, cls.ward_c)
        bulk_parties(cls.segment_a, 120, 100)
        bulk_parties(cls.segment_b, 80, 40)

    def test_route_vd4_shows_140_of_200_handed_over_and_ward_b_lagging(self):
        rollup = stats.route_rollup(self.route)
        self.assertEqual((rollup.total.handed_over, rollup.total.affected), (140, 200))
        self.assertEqual(rollup.total.handed_over_pct, 70.0)
        self.assertEqual((rollup.reporting, rollup.ward_count), (2, 3))
        rows = {row.segment.ward_id: row for row in rollup.wards}
        self.assertFalse(rows[self.ward_c.pk].has_data)
        self.assertEqual(rows[self.ward_b.pk].figures.handed_over_pct, 50.0)
        self.assertTrue(rows[self.ward_b.pk].lagging)
        self.assertFalse(rows[self.ward_a.pk].lagging)
        self.assertFalse(rows[self.ward_c.pk].lagging)
        self.assertEqual([row.segment for row in rollup.lagging], [self.segment_b])
        self.assertEqual(rollup.total.km_cleared, Decimal("3.500"))
        self.assertEqual(rollup.total.outstanding, 60)

    def test_ward_a_officer_sees_only_ward_a_and_its_own_total(self):
        segments = stats.visible_segments(self.ward_a_officer, self.route)
        rollup = stats.route_rollup(self.route, segments=segments)
        self.assertEqual([row.segment for row in rollup.wards], [self.segment_a])
        self.assertEqual((rollup.total.handed_over, rollup.total.affected), (100, 120))

    def test_a_party_with_three_open_obstacles_counts_once(self):
        party = AffectedParty.objects.filter(segment=self.segment_b).first()
        for _n in range(3):
            make_obstacle(party)
        make_obstacle(
            AffectedParty.objects.filter(segment=self.segment_b).last(),
            resolved_on=datetime.date(2026, 4, 20),
        )
        rollup = stats.route_rollup(self.route)
        rows = {row.segment.ward_id: row for row in rollup.wards}
        self.assertEqual(rows[self.ward_b.pk].figures.with_obstacles, 1)
        self.assertEqual(rollup.total.with_obstacles, 1)

    def test_as_of_the_end_of_april_nothing_was_handed_over_yet(self):
        rollup = stats.route_rollup(self.route, as_of=datetime.date(2026, 4, 30))
        self.assertEqual((rollup.total.handed_over, rollup.total.affected), (0, 200))
        self.assertEqual(rollup.total.agreed, 0)
        self.assertEqual(rollup.lagging, [])
        rollup = stats.route_rollup(self.route, as_of=HANDED)
        self.assertEqual(rollup.total.handed_over, 140)
        self.assertEqual(rollup.total.agreed, 140)

    def test_a_ward_that_has_not_reported_for_three_weeks_is_silent(self):
        today = datetime.date(2026, 6, 30)
        self.segment_a.last_reported_at = timezone.make_aware(datetime.datetime(2026, 6, 1, 9))
        self.segment_a.save()
        self.segment_b.last_reported_at = timezone.make_aware(datetime.datetime(2026, 6, 25, 9))
        self.segment_b.save()
        rollup = stats.route_rollup(self.route, today=today)
        self.assertEqual([row.segment for row in rollup.silent], [self.segment_a])

    def test_the_roll_up_takes_the_same_queries_for_three_wards_as_for_one(self):
        with CaptureQueriesContext(connection) as three:
            stats.route_rollup(self.route)
        with CaptureQueriesContext(connection) as one:
            stats.route_rollup(self.route, segments=self.route.segments.filter(ward=self.ward_a))
        self.assertEqual(len(three), len(one))

    def test_the_city_summary_gives_the_routes_figures(self):
        other = make_project(self.city, code="DT-295C", name="Đường tỉnh 295C")
        segment = make_segment(other, self.ward_a)
        make_party(segment, "Hộ bà Trần Thị Bình")
        rollups = stats.city_summary([self.route, other])
        self.assertEqual(rollups[0].total.handed_over, 140)
        self.assertEqual(rollups[1].total.affected, 1)
        self.assertEqual(stats.summary_total(rollups).affected, 201)


class AsOfVisitTests(BaseTestCase):
    def test_a_party_persuaded_in_june_was_not_persuaded_at_the_end_of_may(self):
        route = make_project(self.city)
        party = make_party(make_segment(route, self.ward_a))
        make_visit(party, on=datetime.date(2026, 6, 3), outcome=Outcome.NOT_YET)
        make_visit(party, on=datetime.date(2026, 6, 20), outcome=Outcome.AGREES)
        may = stats.route_rollup(route, as_of=datetime.date(2026, 5, 31)).total
        june_10 = stats.route_rollup(route, as_of=datetime.date(2026, 6, 10)).total
        now = stats.route_rollup(route).total
        self.assertEqual((may.persuaded, may.agreed), (0, 0))
        self.assertEqual((june_10.persuaded, june_10.agreed), (1, 0))
        self.assertEqual((now.persuaded, now.agreed), (1, 1))

    def test_the_trend_counts_handovers_and_agreements_by_month(self):
        route = make_project(self.city)
        segment = make_segment(route, self.ward_a)
        bulk_parties(segment, 3, 2, on=datetime.date(2026, 5, 10))
        party = make_party(segment, "Hộ ông Lê Văn Cường")
        make_visit(party, on=datetime.date(2026, 4, 2), outcome=Outcome.AGREES)
        make_visit(party, on=datetime.date(2026, 4, 9), outcome=Outcome.AGREES)
        trend = stats.monthly_trend(
            AffectedParty.objects.filter(segment=segment), end=datetime.date(2026, 6, 15), months=3
        )
        self.assertEqual(
            trend,
            [
                (datetime.date(2026, 4, 1), 0, 1),
                (datetime.date(2026, 5, 1), 2, 0),
                (datetime.date(2026, 6, 1), 0, 0),
            ],
        )
