"""The conferences API: create (422 for a second community conference of the year),
read with its warnings, lists by year; the scope axes agree with the back office."""

from django.urls import reverse

from dvs.democracy.models import Conference
from dvs.testing import BaseTestCase, add_sibling_personas, bearer

from .helpers import make_conference

API = "/api/v1/democracy/conferences"


class ConferenceApiTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)
        cls.conf_a1 = make_conference(cls.neighbourhood_a1, 2025)
        cls.conf_b1 = make_conference(cls.neighbourhood_b1, 2025)

    def post(self, body, user=None):
        return self.client.post(
            API,
            body,
            content_type="application/json",
            headers=bearer(user or self.neighbourhood_a1_committee),
        )

    def test_create_and_read(self):
        body = {
            "unit": "A1",
            "kind": "community",
            "year": 2026,
            "held_on": "2026-12-15",
            "invitation_on": "2026-12-12",
            "attendance": 120,
        }
        response = self.post(body)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(len(response.json()["warnings"]), 1)
        self.assertEqual(self.post(body).status_code, 422)
        self.assertEqual(self.post({**body, "year": 2027, "attendance": -1}).status_code, 422)
        self.assertEqual(Conference.objects.filter(year=2026).count(), 1)
        listed = self.client.get(API, {"year": 2026}, headers=bearer(self.ward_a_officer)).json()
        self.assertEqual([i["year"] for i in listed["items"]], [2026])

    def test_axes_agree_with_the_back_office(self):
        a1, b1 = self.conf_a1.pk, self.conf_b1.pk
        for user, pk, seen in [
            (self.ward_a_officer, a1, True),
            (self.ward_a_officer, b1, False),
            (self.neighbourhood_a2_committee, a1, False),
            (self.ward_a_women_officer, a1, False),
            (self.readonly_leader, b1, True),
        ]:
            with self.subTest(user=user.username, pk=pk):
                api = self.client.get(f"{API}/{pk}", headers=bearer(user))
                listed = [
                    i["id"] for i in self.client.get(API, headers=bearer(user)).json()["items"]
                ]
                self.client.force_login(user)
                admin = self.client.get(reverse("conference:inspect", args=[pk]))
                self.assertEqual(api.status_code == 200, seen)
                self.assertEqual(admin.status_code == 200, seen)
                self.assertEqual(pk in listed, seen)
        self.assertEqual(
            self.post(
                {"unit": "B1", "kind": "community", "year": 2026}, self.ward_a_officer
            ).status_code,
            404,
        )
        self.assertEqual(
            self.post(
                {"unit": "A1", "kind": "community", "year": 2026}, self.readonly_leader
            ).status_code,
            403,
        )
