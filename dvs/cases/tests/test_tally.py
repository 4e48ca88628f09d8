"""The dashboard's narrow rows always equal the cases they count."""

import datetime
import random

from dvs.cases import stats, tally, workflow
from dvs.cases.models import Case, CaseTally
from dvs.cases.tests.helpers import area, receive
from dvs.testing import BaseTestCase

D = datetime.date


class TallyTests(BaseTestCase):
    def walk_some_cases(self):
        rng = random.Random(3)
        units = [self.neighbourhood_a1, self.neighbourhood_a2, self.neighbourhood_b1, self.ward_a]
        for n in range(40):
            received = D(2026, 1, 5) + datetime.timedelta(days=rng.randint(0, 200))
            case = receive(
                rng.choice(units),
                kind=rng.choice(["complaint", "petition", "feedback", "denunciation"]),
                received_on=received,
                subject_area=area(rng.choice(["land", "environment", "other"])),
                name=f"Người gửi {n}",
                content=f"Nội dung số {n} khác hẳn các đơn khác {n * 7919}",
            )
            if rng.random() < 0.7:
                accepted = received + datetime.timedelta(days=rng.randint(0, 9))
                workflow.accept(case, by=None, accepted_on=accepted)
                if rng.random() < 0.7:
                    concluded = accepted + datetime.timedelta(days=rng.randint(5, 60))
                    workflow.conclude(case, by=None, concluded_on=concluded, conclusion="Xong.")
        # A city-level case (outside any ward) and a repeat linked away.
        receive(self.city, received_on=D(2026, 3, 3), name="Cấp thành phố")
        first = Case.objects.filter(unit=self.neighbourhood_a1).first()
        workflow.link(receive(self.neighbourhood_a1, received_on=D(2026, 4, 1)), first, by=None)

    def raw(self, user, start, end):
        cases = Case.objects.counted().filter(unit__in=[u for u in self.visible(user)])
        return stats.counters(cases, start, end)

    def visible(self, user):
        from dvs.accounts import scope

        return scope.writable_anchor(user, Case, "view")

    def test_every_change_keeps_the_tallies_equal_to_the_cases(self):
        self.walk_some_cases()
        kept = set(CaseTally.objects.values_list("unit_id", "month", "key", "count"))
        tally.rebuild()
        self.assertEqual(
            set(CaseTally.objects.values_list("unit_id", "month", "key", "count")), kept
        )
        self.assertTrue(kept)

    def test_figures_from_tallies_equal_figures_from_the_cases_for_any_period(self):
        self.walk_some_cases()
        periods = [
            (D(2026, 1, 1), D(2026, 6, 30)),
            (D(2026, 1, 17), D(2026, 5, 9)),
            (D(2026, 2, 1), D(2026, 2, 28)),
            (D(2026, 3, 10), D(2026, 3, 20)),
            (D(2025, 12, 1), D(2026, 11, 29)),
            # Reaching today: today's month counts whole (no case is dated later).
            (D(2026, 1, 1), datetime.date.today()),
            (D(2026, 1, 1), datetime.date.today() + datetime.timedelta(days=10)),
        ]
        for user in (self.city_leader, self.ward_a_officer, self.neighbourhood_a1_committee):
            for start, end in periods:
                with self.subTest(user=user.username, start=start, end=end):
                    figures = stats.Area(user).period_counters(start, end)
                    self.assertEqual(figures, self.raw(user, start, end))

    def test_the_drill_down_adds_up_to_the_total(self):
        self.walk_some_cases()
        start, end = D(2026, 1, 1), D(2026, 7, 15)
        area = stats.Area(self.city_leader, self.city)
        total = stats.summary(area, start, end)
        children = stats.by_child_unit(area, start, end)
        self.assertEqual([c.code for c, _ in children], ["A", "B"])
        city_level = stats.counters(Case.objects.counted().filter(unit=self.city), start, end)
        self.assertEqual(
            sum(row["received"] for _, row in children) + city_level["received"], total.received
        )
        self.assertEqual(
            sum(row["resolved"] for _, row in children) + city_level["resolved"], total.resolved
        )


class MonthTests(BaseTestCase):
    def test_whole_months_and_edges(self):
        self.assertEqual(
            stats.whole_months(D(2026, 1, 1), D(2026, 6, 30)), (D(2026, 1, 1), D(2026, 6, 1))
        )
        self.assertEqual(
            stats.whole_months(D(2026, 1, 17), D(2026, 5, 9)), (D(2026, 2, 1), D(2026, 4, 1))
        )
        self.assertIsNone(stats.whole_months(D(2026, 3, 10), D(2026, 3, 20)))
        self.assertEqual(
            stats.edges(D(2026, 1, 17), D(2026, 5, 9), (D(2026, 2, 1), D(2026, 4, 1))),
            [(D(2026, 1, 17), D(2026, 1, 31)), (D(2026, 5, 1), D(2026, 5, 9))],
        )
        self.assertEqual(
            stats.whole_months(D(2026, 2, 1), D(2026, 2, 28)), (D(2026, 2, 1), D(2026, 2, 1))
        )
