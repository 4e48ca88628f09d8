"""The elections API: create with candidates and team (a team holding a candidate is
422, nothing saved), read with the clocks of example 7, the result and the ward's
recognition; the scope axes (another ward, a sibling neighbourhood, an organisation's
officer, the read-only leader) agree with the back office."""

from django.urls import reverse

from dvs.democracy.models import Candidate, HeadElection
from dvs.testing import BaseTestCase, add_sibling_personas, bearer

from .helpers import make_election

API = "/api/v1/democracy/elections"


class ElectionApiTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)
        cls.election_a1 = make_election(cls.neighbourhood_a1, interim_head="Tạm A1")
        Candidate.objects.create(election=cls.election_a1, name="Nguyễn Văn An")
        cls.election_b1 = make_election(cls.neighbourhood_b1, interim_head="Tạm B1")

    def post(self, path, body, user=None):
        return self.client.post(
            API + path,
            body,
            content_type="application/json",
            headers=bearer(user or self.neighbourhood_a1_committee),
        )

    def body(self, **fields):
        body = {
            "unit": "A1",
            "election_on": "2026-12-20",
            "plan_on": "2026-11-30",
            "candidates_on": "2026-12-06",
            "candidates": [{"name": "Phạm Thị Cúc"}, {"name": "Lê Văn Dũng"}],
            "team": [{"name": "Trần Thị Em", "role": "Tổ trưởng"}],
        }
        body.update(fields)
        return body

    def test_create_and_read_the_clocks(self):
        response = self.post("", self.body())
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        due = {step["key"]: (step["due_on"], step["late"]) for step in body["clocks"]}
        self.assertEqual(
            due,
            {
                "election_plan_by": ("2026-11-30", False),
                "candidates_by": ("2026-12-05", True),
                "election_team_by": ("2026-12-10", False),
                "election_notice_by": ("2026-12-13", False),
            },
        )
        self.assertEqual(len(body["warnings"]), 1)
        self.assertEqual([c["name"] for c in body["candidates"]], ["Phạm Thị Cúc", "Lê Văn Dũng"])
        again = self.client.get(f"{API}/{body['id']}", headers=bearer(self.ward_a_officer))
        self.assertEqual(again.json()["clocks"], body["clocks"])

    def test_a_team_holding_a_candidate_is_422_and_nothing_saved(self):
        before = HeadElection.objects.count()
        response = self.post("", self.body(team=[{"name": "pham thi cuc"}]))
        self.assertEqual(response.status_code, 422)
        self.assertIn("team", response.json()["fields"])
        self.assertEqual(HeadElection.objects.count(), before)
        for bad in ({"election_on": "20/12/2026"}, {"candidates": []}, {"election_on": "1999-1-1"}):
            with self.subTest(body=bad):
                self.assertEqual(self.post("", self.body(**bad)).status_code, 422)
        self.assertEqual(HeadElection.objects.count(), before)

    def test_dismissal_due_date(self):
        response = self.post(
            "",
            self.body(
                cause="dismissal",
                dismissal_recognised_on="2026-08-03",
                interim_head="Trần Văn Tạm",
                election_on="2026-10-01",
                plan_on=None,
                candidates_on=None,
            ),
        )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["election_due_by"], "2026-10-02")

    def test_result_and_recognition_by_the_ward_only(self):
        candidate = Candidate.objects.get(election=self.election_a1)
        path = f"/{self.election_a1.pk}/result"
        refused = self.post(path, {"elected": candidate.pk, "recognised_on": "2026-12-22"})
        self.assertEqual(refused.status_code, 422)
        held = self.post(
            path, {"elected": candidate.pk, "votes": [{"candidate": candidate.pk, "votes": 99}]}
        )
        self.assertEqual(held.status_code, 200, held.content)
        self.assertEqual((held.json()["status"], held.json()["elected"]), ("held", "Nguyễn Văn An"))
        recognised = self.post(
            path, {"elected": candidate.pk, "recognised_on": "2026-12-22"}, self.ward_a_officer
        )
        self.assertEqual(recognised.json()["status"], "recognised")
        self.assertEqual(recognised.json()["candidates"][0]["votes"], 99)

    def test_axes_agree_with_the_back_office(self):
        a1, b1 = self.election_a1.pk, self.election_b1.pk
        cases = [
            (self.ward_a_officer, a1, True),
            (self.ward_a_officer, b1, False),
            (self.ward_b_officer, a1, False),
            (self.neighbourhood_a2_committee, a1, False),
            (self.neighbourhood_a1_committee, a1, True),
            (self.ward_a_women_officer, a1, False),
            (self.readonly_leader, a1, True),
        ]
        for user, pk, seen in cases:
            with self.subTest(user=user.username, pk=pk):
                api = self.client.get(f"{API}/{pk}", headers=bearer(user))
                listed = [
                    i["id"] for i in self.client.get(API, headers=bearer(user)).json()["items"]
                ]
                self.client.force_login(user)
                admin = self.client.get(reverse("headelection:inspect", args=[pk]))
                self.assertEqual(api.status_code == 200, seen)
                self.assertEqual(admin.status_code == 200, seen)
                self.assertEqual(pk in listed, seen)

    def test_writes_outside_the_scope(self):
        result = {"rerun": False}
        self.assertEqual(
            self.post(f"/{self.election_b1.pk}/result", result, self.ward_a_officer).status_code,
            404,
        )
        self.assertEqual(
            self.post(
                f"/{self.election_a1.pk}/result", result, self.neighbourhood_a2_committee
            ).status_code,
            404,
        )
        self.assertEqual(
            self.post(f"/{self.election_a1.pk}/result", result, self.readonly_leader).status_code,
            403,
        )
        self.assertEqual(self.post("", self.body(unit="B1"), self.ward_a_officer).status_code, 404)
        self.assertEqual(self.post("", self.body(), self.readonly_leader).status_code, 403)
        self.assertIn(self.post("", self.body(), self.ward_a_women_officer).status_code, (403, 404))
