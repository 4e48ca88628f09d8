"""GET /api/v1/religion/stats: the same published table as the figures page; a unit
outside the caller's scope is 404, the measure and the date are checked (422)."""

import datetime

from dvs.accounts.roles import Role
from dvs.religion import stats
from dvs.religion.tests.helpers import make_establishment, make_follower_count
from dvs.testing import BaseTestCase, add_sibling_personas, make_user

PATH = "/religion/stats"


class StatsApiTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)
        make_follower_count(cls.ward_a, 3, as_of=datetime.date(2026, 6, 30), source="Điều tra")
        make_follower_count(cls.ward_b, 1500, as_of=datetime.date(2026, 6, 30))
        make_establishment(cls.neighbourhood_a1, "Chùa Một")

    def test_the_published_table(self):
        response = self.api_get(
            PATH, self.readonly_leader, unit="C1", measure="followers", as_of="2026-07-01"
        )
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(
            {k: body[k] for k in ("unit", "measure", "threshold", "exact", "as_of")},
            {
                "unit": "C1",
                "measure": "followers",
                "threshold": 5,
                "exact": False,
                "as_of": "2026-07-01",
            },
        )
        self.assertEqual(body["columns"], [{"code": "phat-giao", "name": "Phật giáo"}])
        self.assertEqual(
            [(r["unit"], r["cells"], r["total"]) for r in body["rows"]],
            [
                ("A", {"phat-giao": "<5"}, {"low": 1, "high": 4}),
                ("B", {"phat-giao": 1500}, {"low": 1500, "high": 1500}),
            ],
        )
        self.assertEqual(body["totals"], {"phat-giao": {"low": 1501, "high": 1504}})
        self.assertEqual(body["grand_total"], {"low": 1501, "high": 1504})
        self.assertEqual(body["sources"][0]["source"], "Điều tra")

    def test_a_city_s_cell_over_hidden_ward_cells_is_a_range(self):
        province_reader = make_user("province_reader", Role.READONLY_LEADER, self.province)
        body = self.api_get(
            PATH, province_reader, unit="P1", measure="followers", as_of="2026-07-01"
        ).json()
        self.assertEqual(
            [(r["unit"], r["cells"]) for r in body["rows"]],
            [("C1", {"phat-giao": {"low": 1501, "high": 1504}})],
        )

    def test_before_any_count_the_table_is_empty(self):
        body = self.api_get(
            PATH, self.readonly_leader, unit="C1", measure="followers", as_of="2026-01-01"
        ).json()
        self.assertEqual((body["columns"], body["grand_total"]), ([], {"low": 0, "high": 0}))

    def test_the_board_gets_exact_cells(self):
        body = self.api_get(PATH, self.city_leader, unit="C1", measure="followers").json()
        self.assertTrue(body["exact"])
        self.assertEqual(body["rows"][0]["cells"], {"phat-giao": 3})

    def test_the_api_and_the_page_publish_the_same_table(self):
        from dvs.api.routers.religion_stats import table_json

        body = self.api_get(PATH, self.ward_a_officer, unit="A").json()
        table = stats.table(self.ward_a_officer, self.ward_a, "establishments")
        self.assertEqual(body, table_json(table))

    def test_outside_the_scope_is_not_found(self):
        for user, code in (
            (self.ward_a_officer, "B"),
            (self.ward_a_officer, "C1"),
            (self.ward_a_officer, "NOPE"),
            (self.ward_a_officer, "A1"),  # a neighbourhood of the scope: below the grain
            (self.city_leader, "A1"),
            (self.ward_a_women_officer, "A"),
            (self.ward_a_front_officer, "A"),
        ):
            with self.subTest(user=user.username, unit=code):
                self.assertEqual(self.api_get(PATH, user, unit=code).status_code, 404)

    def test_the_measure_and_the_date_are_checked(self):
        for params in (
            {"unit": "A", "measure": "believers"},
            {"unit": "A", "as_of": "30/06/2026"},
            {},
        ):
            with self.subTest(params=params):
                self.assertEqual(self.api_get(PATH, self.ward_a_officer, **params).status_code, 422)

    def test_without_a_token(self):
        self.assertEqual(self.api_get(PATH, unit="A").status_code, 401)
