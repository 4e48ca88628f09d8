"""The figures: counts by field, level, status, unit and year, indicator totals,
replications and the ranking, each within the user's scope."""

from decimal import Decimal

from dvs.emulation import actions, stats
from dvs.emulation.models import (
    Evaluation,
    ExemplarField,
    Indicator,
    IndicatorValue,
    Level,
    Status,
)

from .helpers import EmulationTestCase, full_marks, make_exemplar, marks


class StatsTests(EmulationTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.in_a1 = make_exemplar(
            cls.neighbourhood_a1,
            "Tủ sách cộng đồng",
            field="culture_society",
            level=Level.NEIGHBOURHOOD,
            year=2025,
            status=Status.REGISTERED,
        )
        cls.stopped = make_exemplar(cls.ward_a, "Chợ phiên", year=2025, status=Status.STOPPED)
        households = Indicator.objects.get(code="households")
        for exemplar, target, actual in ((cls.exemplar_a, 100, 80), (cls.exemplar_b, 50, 70)):
            IndicatorValue.objects.create(
                exemplar=exemplar, indicator=households, year=2024, target=target, actual=actual
            )
        IndicatorValue.objects.create(
            exemplar=cls.in_a1, indicator=households, year=2025, target=5, actual=5
        )

    def test_city_counts_by_field_level_and_status(self):
        figures = stats.counts(stats.exemplars_for(self.city_leader))
        self.assertEqual(figures["total"], 4)
        self.assertEqual(
            figures["by_field"],
            {"economy": 2, "culture_society": 1, "defence_security": 1, "political_system": 0},
        )
        self.assertEqual(figures["by_level"]["ward"], 3)
        self.assertEqual(figures["by_level"]["neighbourhood"], 1)
        self.assertEqual(figures["by_level"]["agency"], 0)
        self.assertEqual(
            figures["by_status"],
            {
                "registered": 1,
                "running": 2,
                "evaluated": 0,
                "recognised": 0,
                "replicated": 0,
                "stopped": 1,
            },
        )

    def test_a_field_added_as_data_is_counted(self):
        ExemplarField.objects.create(code="new_rural_areas", name="Nông thôn mới", sort_order=5)
        make_exemplar(self.ward_b, "Đường làng", field="new_rural_areas")
        figures = stats.counts(stats.exemplars_for(self.city_leader))
        self.assertEqual(figures["by_field"]["new_rural_areas"], 1)
        self.assertEqual(figures["total"], 5)

    def test_filters_by_year_unit_and_status(self):
        def total(**filters):
            return stats.counts(stats.exemplars_for(self.city_leader, **filters))["total"]

        self.assertEqual(total(year=2025), 2)
        self.assertEqual(total(unit=self.ward_a), 3)
        self.assertEqual(total(unit=self.neighbourhood_a1), 1)
        self.assertEqual(total(unit=self.ward_a, year=2024), 1)
        self.assertEqual(total(status=Status.STOPPED), 1)
        self.assertEqual(total(field="culture_society", level=Level.NEIGHBOURHOOD), 1)

    def test_ward_officer_counts_only_their_ward(self):
        figures = stats.counts(stats.exemplars_for(self.ward_a_officer))
        self.assertEqual(figures["total"], 3)
        self.assertEqual(figures["by_field"]["defence_security"], 0)

    def test_counts_by_unit_roll_up_to_the_level_below(self):
        rows = stats.by_unit(stats.exemplars_for(self.city_leader), self.city)
        self.assertEqual([(u.code, n) for u, n in rows], [("A", 3), ("B", 1)])
        rows = stats.by_unit(stats.exemplars_for(self.city_leader), self.ward_a)
        self.assertEqual([(u.code, n) for u, n in rows], [("A", 2), ("A1", 1)])

    def test_indicator_totals_of_a_year(self):
        [total] = stats.indicator_totals(self.city_leader, 2024)
        self.assertEqual((total.indicator.code, total.exemplars), ("households", 2))
        self.assertEqual((total.target, total.actual), (Decimal("150"), Decimal("150")))
        self.assertEqual(total.achieved, Decimal("100.0"))
        [ward_total] = stats.indicator_totals(self.ward_a_officer, 2024)
        self.assertEqual(ward_total.actual, Decimal("80"))

    def test_replications_are_counted_by_tree(self):
        replica = actions.replicate(self.exemplar_a, unit=self.ward_b, by=self.city_specialist)
        actions.replicate(replica, unit=self.neighbourhood_a2, by=self.city_specialist)
        actions.replicate(self.exemplar_b, unit=self.ward_a, by=self.city_specialist)
        figures = stats.replication(stats.exemplars_for(self.city_leader))
        self.assertEqual((figures["replicas"], figures["trees"]), (3, 2))
        self.assertEqual(figures["top"][0], (self.exemplar_a, 2))

    def test_ranking_averages_the_sheets_and_ties_share_a_rank(self):
        third = make_exemplar(self.ward_b, "Đối thoại định kỳ")
        actions.evaluate(self.exemplar_a, year=2024, scores=full_marks(), by=self.city_specialist)
        actions.evaluate(self.exemplar_a, year=2024, scores=marks(6), by=self.city_leader)
        actions.evaluate(self.exemplar_b, year=2024, scores=marks(8), by=self.city_specialist)
        actions.evaluate(third, year=2024, scores=marks(8), by=self.city_specialist)
        rows = stats.ranking(self.city_leader, 2024)
        self.assertEqual(
            [(r.rank, r.score, r.sheets) for r in rows],
            [
                (1, Decimal("80.00"), 2),
                (1, Decimal("80.00"), 1),
                (1, Decimal("80.00"), 1),
            ],
        )
        Evaluation.objects.filter(exemplar=third).update(total=Decimal("50"))
        rows = stats.ranking(self.city_leader, 2024)
        self.assertEqual([r.rank for r in rows], [1, 1, 3])
        self.assertEqual(rows[-1].exemplar, third)
        ward_rows = stats.ranking(self.ward_a_officer, 2024)
        self.assertEqual([r.exemplar for r in ward_rows], [self.exemplar_a])

    def test_report_uses_the_latest_evaluated_year_when_no_year_is_chosen(self):
        actions.evaluate(self.exemplar_a, year=2024, scores=full_marks(), by=self.city_specialist)
        report = stats.report(self.city_leader, unit=self.city)
        self.assertEqual(report["report_year"], 2024)
        self.assertEqual(report["counts"]["total"], 4)
        self.assertEqual(report["ranking"][0].exemplar, self.exemplar_a)


class RegistrationTests(EmulationTestCase):
    def test_who_registered_what_and_what_is_missing(self):
        make_exemplar(self.neighbourhood_a1, "Tủ sách", year=2025)
        running = make_exemplar(self.ward_b, "Camera 2", year=2023)
        data = stats.registration(self.city_leader, unit=self.city, year=2025)
        self.assertEqual(data["total"], 1)
        self.assertEqual(
            [(row["unit"].code, [e.name for e in row["exemplars"]]) for row in data["rows"]],
            [("A", ["Tủ sách"]), ("B", [])],
        )
        self.assertEqual(data["missing_units"], [self.ward_b])
        self.assertEqual([e.name for e in data["without_indicators"]], ["Tủ sách"])
        self.assertIn(running, data["not_reported"])
        IndicatorValue.objects.create(
            exemplar=running, indicator=Indicator.objects.first(), year=2025, actual=1
        )
        data = stats.registration(self.city_leader, unit=self.city, year=2025)
        self.assertNotIn(running, data["not_reported"])

    def test_a_ward_sees_its_neighbourhoods(self):
        data = stats.registration(self.ward_a_officer, unit=self.ward_a, year=2024)
        self.assertEqual([row["unit"].code for row in data["rows"]], ["A1", "A2"])
        self.assertEqual([e.name for e in data["own"]], ["Tuyến phố xanh An Bình"])
        self.assertEqual(data["missing_units"], [self.neighbourhood_a1, self.neighbourhood_a2])
