from django.core.management import call_command

from dvs.testing import BaseTestCase


class UnitsApiTests(BaseTestCase):
    def test_anonymous_and_bad_tokens_get_401_in_vietnamese(self):
        response = self.client.get("/api/v1/units")
        self.assertEqual(response.status_code, 401)
        self.assertIn("Chưa xác thực", response.json()["detail"])
        bad = self.client.get("/api/v1/units", headers={"Authorization": "Bearer wagtail_x"})
        self.assertEqual(bad.status_code, 401)

    def test_units_carry_code_name_level_and_parent_code(self):
        body = self.api_get("/units", self.city_leader).json()
        by_code = {item["code"]: item for item in body["items"]}
        self.assertEqual(by_code["A1"]["parent"], "A")
        self.assertEqual(by_code["A"]["level"], "commune")
        self.assertEqual(by_code["A"]["name"], "Phường An Bình")
        self.assertEqual(by_code["C1"]["parent"], "P1")
        self.assertNotIn("P1", by_code)  # the city leader's scope starts at the city

    def test_pagination_with_limit_and_offset(self):
        first = self.api_get("/units", self.admin, limit=2, offset=0).json()
        second = self.api_get("/units", self.admin, limit=2, offset=2).json()
        self.assertEqual(first["count"], 7)
        self.assertEqual(len(first["items"]), 2)
        self.assertEqual([i["code"] for i in first["items"]], ["P1", "C1"])
        self.assertEqual([i["code"] for i in second["items"]], ["A", "A1"])

    def test_children_of_a_parent_and_accent_insensitive_search(self):
        children = self.api_get("/units", self.admin, parent="C1").json()
        self.assertEqual([i["code"] for i in children["items"]], ["A", "B"])
        found = self.api_get("/units", self.admin, q="binh minh").json()
        self.assertEqual([i["code"] for i in found["items"]], ["B"])

    def test_unit_list_queries_do_not_grow_with_the_page(self):
        call_command(
            "seed_scale", "--wards", "5", "--neighbourhoods", "10", stdout=open("/dev/null", "w")
        )
        token = self.token_for(self.admin)
        headers = {"Authorization": f"Bearer {token}"}
        self.client.get("/api/v1/units", {"limit": 5}, headers=headers)
        with self.assertNumQueries(4):
            self.client.get("/api/v1/units", {"limit": 5}, headers=headers)
        with self.assertNumQueries(4):
            self.client.get("/api/v1/units", {"limit": 50}, headers=headers)

    def test_organisations_filter_by_unit_subtree_and_kind(self):
        body = self.api_get("/organisations", self.admin, unit="A", kind="women").json()
        self.assertEqual([i["name"] for i in body["items"]], ["Hội LHPN phường An Bình"])
        self.assertEqual(body["items"][0]["unit"], "A")

    def test_openapi_schema_is_served(self):
        schema = self.client.get("/api/v1/openapi.json").json()
        self.assertIn("/api/v1/units", schema["paths"])
        self.assertEqual(schema["info"]["version"], "1")

    def test_create_api_token_command_prints_a_working_token(self):
        import io

        out = io.StringIO()
        call_command("create_api_token", "city_leader", stdout=out)
        token = out.getvalue().strip()
        response = self.client.get("/api/v1/units", headers={"Authorization": f"Bearer {token}"})
        self.assertEqual(response.status_code, 200)
