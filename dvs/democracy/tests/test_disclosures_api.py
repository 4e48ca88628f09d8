"""The disclosures API: the register in scope (with `late=true`), create with its due
date, post, end (30 days; permanent items refused), loudspeaker days, and the quarterly
list; outside the scope not found, a reader's writes forbidden, bad input 422."""

import datetime
from unittest import mock

from django.urls import reverse

from dvs.democracy.models import Disclosure, LoudspeakerDay
from dvs.testing import BaseTestCase, add_sibling_personas, bearer

from .helpers import make_disclosure

D = datetime.date
API = "/api/v1/democracy"


def pinned(day):
    return mock.patch("django.utils.timezone.localdate", return_value=day)


class DisclosureApiTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)
        cls.a1 = make_disclosure(
            cls.neighbourhood_a1, "Hộ nghèo An", item=7, disclose_by=D(2026, 9, 9)
        )
        cls.b = make_disclosure(cls.ward_b, "Dự toán Bình", disclose_by=D(2026, 9, 9))

    def post(self, path, body, user=None):
        return self.client.post(
            API + path,
            body,
            content_type="application/json",
            headers=bearer(user or self.ward_a_officer),
        )

    def get(self, path, user=None, **params):
        return self.client.get(API + path, params, headers=bearer(user or self.ward_a_officer))

    def test_list_late_filter_and_scope(self):
        with pinned(D(2026, 10, 1)):
            items = self.get("/disclosures", late="true").json()["items"]
            self.assertEqual([row["id"] for row in items], [self.a1.pk])
            self.assertEqual(items[0]["flags"], ["late", "loudspeaker"])
            on_time = self.get("/disclosures", late="false").json()["items"]
        self.assertEqual(on_time, [])
        for user, sees in (
            (self.ward_a_officer, True),
            (self.neighbourhood_a1_committee, True),
            (self.readonly_leader, True),
            (self.ward_b_officer, False),
            (self.neighbourhood_a2_committee, False),
            (self.ward_a_women_officer, False),
        ):
            with self.subTest(user=user.username):
                ids = [row["id"] for row in self.get("/disclosures", user).json()["items"]]
                self.assertEqual(self.a1.pk in ids, sees)
                self.assertEqual(
                    self.get(f"/disclosures/{self.a1.pk}", user).status_code == 200, sees
                )
                self.client.force_login(user)
                admin = self.client.get(reverse("democracy_disclosure:inspect", args=[self.a1.pk]))
                self.assertEqual(admin.status_code == 200, sees, admin.status_code)

    def test_budget_example_through_the_api(self):
        with pinned(D(2026, 12, 1)):
            body = self.post(
                "/disclosures",
                {"unit": "A", "item": 2, "title": "Dự toán 2027", "decided_on": "2026-08-28"},
            ).json()
            self.assertEqual(body["disclose_by"], "2026-09-09")
            pk = body["id"]
            self.assertEqual(
                self.post(f"/disclosures/{pk}/post", {"posted_from": "2026-09-09"}).status_code, 200
            )
            short = self.post(f"/disclosures/{pk}/end", {"posted_to": "2026-10-08"})
            self.assertEqual(short.status_code, 422)
            done = self.post(f"/disclosures/{pk}/end", {"posted_to": "2026-10-09"})
            self.assertEqual(done.json()["posted_to"], "2026-10-09")
            for day in ("2026-09-01", "2026-09-02", "2026-09-03"):
                self.post(f"/disclosures/{self.a1.pk}/loudspeaker-days", {"on": day})
            detail = self.get(f"/disclosures/{self.a1.pk}").json()
            self.assertEqual(len(detail["loudspeaker_days"]), 3)
            self.assertNotIn("loudspeaker", detail["flags"])
            quarter = self.get("/disclosures/quarterly", year=2026, quarter=3).json()
        ids = [row["id"] for row in quarter["items"]]
        self.assertIn(pk, ids)
        self.assertNotIn(self.b.pk, ids)
        self.assertEqual(self.get("/disclosures/quarterly", year=2026, quarter=5).status_code, 422)
        self.assertEqual(self.get("/disclosures/quarterly", unit="B").status_code, 404)
        refused = self.get("/disclosures/quarterly", self.ward_a_women_officer)
        self.assertEqual(refused.status_code, 403)

    def test_writes_outside_the_scope_and_bad_input(self):
        for user, expected in (
            (self.ward_b_officer, 404),
            (self.neighbourhood_a2_committee, 404),
            (self.ward_a_women_officer, 404),
            (self.readonly_leader, 403),
            (self.neighbourhood_a1_committee, 403),
        ):
            with self.subTest(user=user.username):
                response = self.post(
                    f"/disclosures/{self.a1.pk}/post", {"posted_from": "2026-09-09"}, user
                )
                self.assertEqual(response.status_code, expected)
                response = self.post(
                    f"/disclosures/{self.a1.pk}/loudspeaker-days", {"on": "2026-09-09"}, user
                )
                self.assertEqual(response.status_code, expected)
        self.assertEqual(
            self.post(
                "/disclosures", {"unit": "B", "item": 2, "title": "X", "decided_on": "2026-08-28"}
            ).status_code,
            404,
        )
        for bad in ({"item": 15}, {"decided_on": "28/08/2026"}, {"title": ""}):
            body = {"unit": "A", "item": 2, "title": "X", "decided_on": "2026-08-28", **bad}
            with self.subTest(bad=bad):
                self.assertEqual(self.post("/disclosures", body).status_code, 422)
        self.assertEqual(Disclosure.objects.count(), 2)
        self.assertFalse(LoudspeakerDay.objects.exists())
