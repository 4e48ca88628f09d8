"""The figures of religious affairs (stats.py): what each measure counts, per child unit
and religion; small cells hidden and totals as ranges; exact for the Board only; the
unit checked through the scope door."""

import datetime

from django.http import Http404
from django.test import override_settings

from dvs.religion import stats
from dvs.religion.models import DignitaryStatus, EstablishmentKind, Group
from dvs.religion.tests.helpers import (
    make_dignitary,
    make_establishment,
    make_follower_count,
    make_group,
    religion,
)
from dvs.testing import BaseTestCase, add_sibling_personas


def cells(table, unit):
    return next(row.cells for row in table.rows if row.unit == unit)


class ComputeTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Ward A: 2 pagodas (one in each neighbourhood), a church, a communal house.
        make_establishment(cls.neighbourhood_a1, "Chùa Một")
        make_establishment(cls.neighbourhood_a2, "Chùa Hai")
        make_establishment(
            cls.ward_a,
            "Nhà thờ An Bình",
            kind=EstablishmentKind.CHURCH,
            religion=religion("cong-giao"),
        )
        make_establishment(
            cls.neighbourhood_a1, "Đình An Bình", kind=EstablishmentKind.COMMUNAL_HOUSE
        )
        make_establishment(cls.neighbourhood_b1, "Chùa Bình Minh")
        # Groups: one active, one stopped (not counted).
        make_group(cls.neighbourhood_a1, "Nhóm Một")
        make_group(cls.neighbourhood_a2, "Nhóm Hai", state=Group.State.STOPPED)
        # Dignitaries: classifications can overlap; a deceased one is not counted.
        make_dignitary(cls.neighbourhood_a1, "Người Một", is_official=True)
        make_dignitary(cls.neighbourhood_a1, "Người Hai", is_dignitary=False, is_practitioner=True)
        make_dignitary(cls.ward_b, "Người Ba", status=DignitaryStatus.DECEASED)

    def test_establishments_by_ward_and_religion_with_belief_column(self):
        raw = stats.compute(self.city, "establishments")
        self.assertEqual([c.code for c in raw.columns], ["phat-giao", "cong-giao", stats.BELIEF])
        self.assertEqual([r.unit for r in raw.rows], [self.ward_a, self.ward_b])
        self.assertEqual(cells(raw, self.ward_a), {"phat-giao": 2, "cong-giao": 1, "tin-nguong": 1})
        self.assertEqual(cells(raw, self.ward_b), {"phat-giao": 1, "cong-giao": 0, "tin-nguong": 0})

    def test_a_ward_is_one_row_holding_its_neighbourhoods_and_itself(self):
        """The ward is the grain: its table never splits it by neighbourhood."""
        raw = stats.compute(self.ward_a, "establishments")
        self.assertEqual([(r.unit, r.direct) for r in raw.rows], [(self.ward_a, False)])
        self.assertEqual(raw.rows[0].cells, {"phat-giao": 2, "cong-giao": 1, "tin-nguong": 1})

    def test_there_is_no_table_below_ward_level(self):
        self.assertTrue(stats.below_ward(self.neighbourhood_a1))
        self.assertFalse(stats.below_ward(self.ward_a))
        with self.assertRaises(ValueError):
            stats.compute(self.neighbourhood_a1, "establishments")

    def test_a_province_row_sums_the_ward_cells_of_its_city(self):
        """A city in the province's table: exact when none of its ward cells is hidden,
        else the range they allow; its own records are one more grain cell."""
        make_establishment(self.city, "Chùa Thành phố")
        raw = stats.compute(self.province, "establishments")
        self.assertEqual([r.unit for r in raw.rows], [self.city])
        self.assertFalse(raw.rows[0].grain)
        self.assertEqual(len(raw.rows[0].grain_cells), 3)  # ward A, ward B, the city itself
        table = stats.present(raw, exact=False, threshold=5)
        # Buddhist: 2 (A), 1 (B), 1 (city): three hidden cells → 3–12.
        self.assertEqual(table.rows[0].cells["phat-giao"], stats.Range(3, 12))
        self.assertEqual(table.totals["phat-giao"], stats.Range(3, 12))
        city = stats.present(stats.compute(self.city, "establishments"), exact=False, threshold=5)
        self.assertEqual(
            [(r.unit, r.direct, r.cells["phat-giao"]) for r in city.rows],
            [(self.ward_a, False, "<5"), (self.ward_b, False, "<5"), (self.city, True, "<5")],
        )
        self.assertEqual(city.totals["phat-giao"], stats.Range(3, 12))
        exact = stats.present(raw, exact=True)
        self.assertEqual(exact.rows[0].cells["phat-giao"], 4)

    def test_groups_not_stopped(self):
        raw = stats.compute(self.city, "groups")
        self.assertEqual(cells(raw, self.ward_a), {"tin-lanh": 1})

    def test_active_dignitaries_officials_practitioners_by_classification(self):
        self.assertEqual(
            cells(stats.compute(self.city, "dignitaries"), self.ward_a), {"phat-giao": 1}
        )
        self.assertEqual(
            cells(stats.compute(self.city, "officials"), self.ward_a), {"phat-giao": 1}
        )
        self.assertEqual(
            cells(stats.compute(self.city, "practitioners"), self.ward_a), {"phat-giao": 1}
        )
        # The deceased dignitary of ward B is not counted: no column at all.
        self.assertEqual(
            cells(stats.compute(self.city, "dignitaries"), self.ward_b), {"phat-giao": 0}
        )

    def test_followers_take_the_latest_count_on_or_before_the_date(self):
        make_follower_count(self.ward_a, 100, as_of=datetime.date(2025, 12, 31), source="Năm 2025")
        make_follower_count(self.ward_a, 120, as_of=datetime.date(2026, 6, 30), source="Năm 2026")
        make_follower_count(self.ward_b, 3, code="tin-lanh", as_of=datetime.date(2026, 1, 5))
        raw = stats.compute(self.city, "followers", datetime.date(2026, 3, 1))
        self.assertEqual(cells(raw, self.ward_a), {"phat-giao": 100, "tin-lanh": 0})
        self.assertEqual(cells(raw, self.ward_b), {"phat-giao": 0, "tin-lanh": 3})
        self.assertEqual(
            [(s.source, s.as_of) for s in raw.sources],
            [
                ("Năm 2025", datetime.date(2025, 12, 31)),
                ("Báo cáo của Ban Tôn giáo", datetime.date(2026, 1, 5)),
            ],
        )
        later = stats.compute(self.city, "followers", datetime.date(2026, 7, 1))
        self.assertEqual(cells(later, self.ward_a)["phat-giao"], 120)

    def test_an_unknown_measure_is_refused(self):
        with self.assertRaises(ValueError):
            stats.compute(self.city, "believers")


def raw_table(rows, columns=("a", "b")):
    """A raw table of units named by their row's index."""
    return stats.RawTable(
        unit=None,
        measure="followers",
        as_of=datetime.date(2026, 6, 30),
        columns=[stats.Column(c, c.upper()) for c in columns],
        rows=[
            stats.RawRow(None, f"R{i}", dict(zip(columns, values, strict=True)))
            for i, values in enumerate(rows)
        ],
    )


class PresentTests(BaseTestCase):
    def test_small_cells_are_hidden_and_zero_shows(self):
        table = stats.present(raw_table([(3, 0), (1234, 5)]), exact=False, threshold=5)
        self.assertEqual(table.rows[0].cells, {"a": "<5", "b": 0})
        self.assertEqual(table.rows[1].cells, {"a": 1234, "b": 5})

    def test_totals_over_hidden_cells_are_ranges_from_the_published_cells(self):
        table = stats.present(raw_table([(3, 0), (1234, 5), (1, 2)]), exact=False, threshold=5)
        self.assertEqual(table.rows[0].total, stats.Range(1, 4))
        self.assertEqual(table.rows[1].total, stats.Range(1239, 1239))
        self.assertEqual(table.rows[2].total, stats.Range(2, 8))
        self.assertEqual(table.totals["a"], stats.Range(1236, 1242))
        self.assertEqual(table.totals["b"], stats.Range(6, 9))
        self.assertEqual(table.grand_total, stats.Range(1242, 1251))
        self.assertEqual(str(table.totals["a"]), "1.236–1.242")
        self.assertEqual(str(table.rows[1].total), "1.239")

    def test_exact_shows_every_count(self):
        table = stats.present(raw_table([(3, 0), (1234, 5)]), exact=True, threshold=5)
        self.assertEqual(table.rows[0].cells, {"a": 3, "b": 0})
        self.assertEqual(table.grand_total, stats.Range(1242, 1242))
        self.assertTrue(table.exact)

    @override_settings(RELIGION_SMALL_CELL_THRESHOLD=10)
    def test_the_threshold_is_a_setting(self):
        table = stats.present(raw_table([(7, 12)]), exact=False)
        self.assertEqual(table.rows[0].cells, {"a": "<10", "b": 12})
        self.assertEqual(table.rows[0].total, stats.Range(13, 21))


class TableScopeTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)
        make_follower_count(cls.ward_a, 3)
        make_follower_count(cls.ward_b, 40)

    def test_the_board_sees_exact_small_counts(self):
        for user in (self.city_leader, self.city_specialist, self.admin):
            with self.subTest(user=user.username):
                table = stats.table(user, self.city, "followers")
                self.assertTrue(table.exact)
                self.assertEqual(cells(table, self.ward_a)["phat-giao"], 3)

    def test_a_ward_officer_and_the_read_only_leader_see_small_cells_hidden(self):
        for user, unit in ((self.ward_a_officer, self.ward_a), (self.readonly_leader, self.city)):
            with self.subTest(user=user.username):
                table = stats.table(user, unit, "followers")
                self.assertFalse(table.exact)
                self.assertEqual(
                    table.grand_total,
                    stats.Range(1, 4) if unit == self.ward_a else stats.Range(41, 44),
                )

    def test_a_neighbourhood_is_not_found_even_in_the_scope(self):
        for user in (self.ward_a_officer, self.city_leader, self.admin):
            with self.subTest(user=user.username), self.assertRaises(Http404):
                stats.table(user, self.neighbourhood_a1, "establishments")

    def test_a_sibling_ward_or_the_city_is_not_found_for_a_ward_officer(self):
        for unit in (self.ward_b, self.city, self.neighbourhood_b1):
            with self.subTest(unit=unit.code), self.assertRaises(Http404):
                stats.table(self.ward_a_officer, unit, "followers")

    def test_organisation_limited_grants_see_nothing(self):
        for measure in stats.MEASURES:
            with self.subTest(measure=measure), self.assertRaises(Http404):
                stats.table(self.ward_a_women_officer, self.ward_a, measure)
        self.assertFalse(stats.units_for(self.ward_a_front_officer, "followers").exists())
