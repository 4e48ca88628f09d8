"""The charters API: create, post the draft, adopt with the vote, recognise (the ward
only; the yearly review created), refuse with reasons; the counts per year; the scope
axes agree with the back office."""

import datetime
from unittest import mock

from django.urls import reverse

from dvs.democracy.models import Charter, CharterReview, Form, Item
from dvs.testing import BaseTestCase, add_sibling_personas, bearer

from .helpers import make_charter, make_matter

API = "/api/v1/democracy/charters"
D = datetime.date
TODAY = "django.utils.timezone.localdate"


class CharterApiTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)
        cls.charter_a1 = make_charter(cls.neighbourhood_a1, "Quy ước A1")
        cls.charter_b1 = make_charter(cls.neighbourhood_b1, "Quy ước B1")

    def setUp(self):
        patcher = mock.patch(TODAY, return_value=D(2026, 12, 31))
        patcher.start()
        self.addCleanup(patcher.stop)

    def post(self, path, body, user=None):
        return self.client.post(
            API + path,
            body,
            content_type="application/json",
            headers=bearer(user or self.neighbourhood_a1_committee),
        )

    def test_the_lifecycle(self):
        created = self.post("", {"unit": "A1", "title": "Quy ước mới", "kind": "huong_uoc"})
        self.assertEqual(created.status_code, 201, created.content)
        pk = created.json()["id"]
        posted = self.post(f"/{pk}/post-draft", {"on": "2026-10-01"})
        self.assertEqual(posted.json()["vote_earliest_on"], "2026-10-31")
        early = make_matter(
            self.neighbourhood_a1, "Sớm", item=Item.CHARTER, meeting_on=D(2026, 10, 30)
        )
        self.assertEqual(self.post(f"/{pk}/adopt", {"matter": early.pk}).status_code, 422)
        vote = make_matter(
            self.neighbourhood_a1,
            "Biểu quyết",
            item=Item.CHARTER,
            households=180,
            decided_on=D(2026, 11, 2),
            decided_form=Form.BALLOT,
            passed=True,
        )
        adopted = self.post(f"/{pk}/adopt", {"matter": vote.pk})
        self.assertEqual(adopted.status_code, 200, adopted.content)
        self.assertEqual(adopted.json()["dossier_by"], "2026-11-09")
        refused = self.post(f"/{pk}/recognise", {"on": "2026-11-06"})
        self.assertEqual(refused.status_code, 422)
        recognised = self.post(f"/{pk}/recognise", {"on": "2026-11-06"}, self.ward_a_officer)
        self.assertEqual(recognised.status_code, 200, recognised.content)
        self.assertEqual(recognised.json()["status"], "recognised")
        self.assertEqual(recognised.json()["reviews"][0]["due_on"], "2026-11-18")
        self.assertTrue(CharterReview.objects.filter(charter_id=pk, year=2026).exists())
        counts = self.client.get(f"{API}/counts", {"year": 2026}, headers=bearer(self.city_leader))
        self.assertEqual(counts.status_code, 200)
        self.assertEqual(counts.json()["total"]["recognised"], 1)
        self.assertEqual([r["unit"] for r in counts.json()["rows"]], ["A", "B"])

    def test_refuse_needs_reasons(self):
        Charter.objects.filter(pk=self.charter_a1.pk).update(
            status="submitted", adopted_on=D(2026, 11, 2), dossier_on=D(2026, 11, 4)
        )
        path = f"/{self.charter_a1.pk}/refuse"
        self.assertEqual(
            self.post(path, {"on": "2026-11-06", "reason": ""}, self.ward_a_officer).status_code,
            422,
        )
        response = self.post(path, {"on": "2026-11-06", "reason": "Trái luật"}, self.ward_a_officer)
        self.assertEqual(response.json()["status"], "refused")

    def test_axes_agree_with_the_back_office(self):
        a1, b1 = self.charter_a1.pk, self.charter_b1.pk
        cases = [
            (self.ward_a_officer, a1, True),
            (self.ward_a_officer, b1, False),
            (self.neighbourhood_a2_committee, a1, False),
            (self.neighbourhood_a1_committee, a1, True),
            (self.ward_a_women_officer, a1, False),
            (self.readonly_leader, b1, True),
        ]
        for user, pk, seen in cases:
            with self.subTest(user=user.username, pk=pk):
                api = self.client.get(f"{API}/{pk}", headers=bearer(user))
                listed = [
                    i["id"] for i in self.client.get(API, headers=bearer(user)).json()["items"]
                ]
                self.client.force_login(user)
                admin = self.client.get(reverse("charter:inspect", args=[pk]))
                self.assertEqual(api.status_code == 200, seen)
                self.assertEqual(admin.status_code == 200, seen)
                self.assertEqual(pk in listed, seen)
        self.assertEqual(
            self.post(f"/{b1}/post-draft", {"on": "2026-10-01"}, self.ward_a_officer).status_code,
            404,
        )
        self.assertEqual(
            self.post(f"/{a1}/post-draft", {"on": "2026-10-01"}, self.readonly_leader).status_code,
            403,
        )
        self.assertEqual(
            self.client.get(
                f"{API}/counts", {"unit": "B"}, headers=bearer(self.ward_a_officer)
            ).status_code,
            404,
        )
