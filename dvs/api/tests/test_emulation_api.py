import itertools

from dvs.emulation import actions
from dvs.emulation.models import Exemplar, ExemplarField, Level, Status
from dvs.emulation.tests.helpers import EmulationTestCase, make_exemplar


class ExemplarApiTests(EmulationTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        make_exemplar(
            cls.neighbourhood_a1,
            "Tủ sách cộng đồng",
            field="culture_society",
            level=Level.NEIGHBOURHOOD,
            year=2025,
            status=Status.REGISTERED,
        )
        make_exemplar(cls.ward_b, "Đối thoại định kỳ", field="political_system", year=2025)
        cls.replica = actions.replicate(
            cls.exemplar_a, unit=cls.ward_b, by=cls.city_specialist, year=2025
        )

    def post(self, user, payload):
        return self.client.post(
            "/api/v1/exemplars",
            payload,
            content_type="application/json",
            headers={"Authorization": f"Bearer {self.token_for(user)}"},
        )

    def payload(self, **changes):
        return {
            "name": "Quỹ tín dụng xoay vòng",
            "field": "economy",
            "level": "ward",
            "unit": "A",
            "year": 2025,
            "started_on": "2025-02-01",
            "problem": "Hộ cận nghèo thiếu vốn",
            "method": "Góp quỹ, cho vay không lãi",
            "indicators": [{"indicator": "households", "target": 30, "actual": 12}],
            **changes,
        }

    def test_list_items_carry_year_field_level_status_unit_and_origin(self):
        body = self.api_get("/exemplars", self.city_leader, unit="B").json()
        self.assertEqual(body["count"], 3)
        item = next(i for i in body["items"] if i["id"] == self.replica.pk)
        self.assertEqual(
            {k: item[k] for k in ("year", "field", "level", "status", "unit", "origin")},
            {
                "year": 2025,
                "field": "economy",
                "level": "ward",
                "status": "registered",
                "unit": "B",
                "origin": self.exemplar_a.pk,
            },
        )

    def test_filters(self):
        def count(**filters):
            return self.api_get("/exemplars", self.city_leader, **filters).json()["count"]

        self.assertEqual(count(), 5)
        self.assertEqual(count(year=2025), 3)
        self.assertEqual(count(field="culture_society"), 1)
        self.assertEqual(count(level="neighbourhood"), 1)
        self.assertEqual(count(status="replicated"), 1)
        self.assertEqual(count(unit="A"), 2)
        self.assertEqual(count(unit="A1", year=2025), 1)

    def test_stats_total_equals_the_list_count_for_the_same_filters(self):
        filters = [
            {},
            {"year": 2025},
            {"unit": "A"},
            {"unit": "B", "year": 2025},
            {"year": 2024, "unit": "C1"},
            {"unit": "A1"},
        ]
        for user, params in itertools.product(
            (self.city_leader, self.ward_a_officer, self.readonly_leader), filters
        ):
            with self.subTest(user=user.username, **params):
                listed = self.api_get("/exemplars", user, **params)
                stats = self.api_get("/exemplars/stats", user, **params)
                if listed.status_code == 404:
                    self.assertEqual(stats.status_code, 404)
                    continue
                body = stats.json()
                self.assertEqual(body["total"], listed.json()["count"])
                self.assertEqual(sum(body["by_field"].values()), body["total"])
                self.assertEqual(sum(body["by_level"].values()), body["total"])
                self.assertEqual(sum(body["by_status"].values()), body["total"])

    def test_stats_keys(self):
        ExemplarField.objects.create(code="new_rural_areas", name="Nông thôn mới")
        body = self.api_get("/exemplars/stats", self.city_leader, year=2025).json()
        self.assertEqual(
            set(body["by_field"]),
            {
                "economy",
                "culture_society",
                "defence_security",
                "political_system",
                "new_rural_areas",
            },
        )
        self.assertEqual(body["by_field"]["economy"], 1)
        self.assertEqual(body["by_field"]["culture_society"], 1)
        self.assertEqual(body["by_level"]["neighbourhood"], 1)
        self.assertEqual(set(body["by_status"]), set(Status.values))

    def test_ward_officer_sees_only_their_ward(self):
        body = self.api_get("/exemplars", self.ward_a_officer).json()
        self.assertEqual({i["unit"] for i in body["items"]}, {"A", "A1"})
        self.assertEqual(
            self.api_get("/exemplars/stats", self.ward_a_officer, unit="B").status_code, 404
        )
        self.assertEqual(
            self.api_get(f"/exemplars/{self.replica.pk}", self.ward_a_officer).status_code, 404
        )

    def test_read_one_with_indicators_recognitions_and_replicas(self):
        body = self.api_get(f"/exemplars/{self.exemplar_a.pk}", self.city_leader).json()
        self.assertEqual(body["replicas"], 1)
        self.assertEqual(body["unit"], "A")
        self.assertEqual(body["origin"], None)
        self.assertEqual(body["status"], "replicated")

    def test_create_registers_with_indicators(self):
        response = self.post(self.ward_a_officer, self.payload())
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual((body["unit"], body["status"], body["year"]), ("A", "registered", 2025))
        self.assertEqual(body["indicators"][0]["indicator"], "households")
        self.assertEqual(float(body["indicators"][0]["actual"]), 12)
        listed = self.api_get("/exemplars", self.ward_a_officer, year=2025, unit="A").json()
        self.assertIn(body["id"], [i["id"] for i in listed["items"]])

    def test_bad_input_gets_vietnamese_messages_and_saves_nothing(self):
        before = Exemplar.objects.count()
        cases = [
            ({"indicators": [{"indicator": "households", "actual": "nhiều"}]}, "phải là một số"),
            ({"indicators": [{"indicator": "households", "actual": -5}]}, "không được âm"),
            ({"indicators": [{"indicator": "trees", "actual": 3, "target": 1.5}]}, "số nguyên"),
            ({"started_on": "2999-01-01"}, "trong tương lai"),
            ({"field": "sport"}, "Lĩnh vực không có"),
        ]
        for changes, message in cases:
            with self.subTest(changes=changes):
                response = self.post(self.ward_a_officer, self.payload(**changes))
                self.assertEqual(response.status_code, 422)
                self.assertIn(message, " ".join(response.json()["errors"]))
        self.assertEqual(Exemplar.objects.count(), before)

    def test_create_outside_scope_or_without_permission(self):
        self.assertEqual(self.post(self.ward_a_officer, self.payload(unit="B")).status_code, 404)
        self.assertEqual(self.post(self.readonly_leader, self.payload()).status_code, 403)
        self.assertFalse(Exemplar.objects.filter(name="Quỹ tín dụng xoay vòng").exists())

    def test_anonymous_gets_401(self):
        self.assertEqual(self.api_get("/exemplars").status_code, 401)
        self.assertEqual(self.api_get("/exemplars/stats").status_code, 401)
