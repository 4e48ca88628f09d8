"""The matters API: list (filters, scope on every axis), create, detail, open (the roll
frozen), roll correction, consents, the ward's receipt, recognition and refusal, reviews,
and the two calculators with the acceptance examples of design §3.8 (items 1, 2, 3, 4, 7,
8 and 11). The answers agree with the back office's (test_matters_admin.py)."""

import datetime

from dvs.democracy.models import Item, Matter, MatterReview, Proposer
from dvs.testing import BaseTestCase, add_sibling_personas, bearer

from .helpers import make_households, make_matter

D = datetime.date
API = "/api/v1/democracy"


def decided(unit, title, item, **fields):
    fields.setdefault("status", Matter.Status.DECIDED)
    return make_matter(
        unit,
        title,
        item=item,
        households=180,
        decided_on=D(2026, 4, 24),
        decided_form="meeting",
        passed=True,
        yes=150,
        send_by=D(2026, 5, 6),
        **fields,
    )


class MatterApiTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)
        cls.a1 = make_matter(cls.neighbourhood_a1, "Việc tổ A1", households=3)
        cls.a2 = make_matter(cls.neighbourhood_a2, "Việc tổ A2", households=2, item=Item.CHARTER)
        cls.b1 = make_matter(cls.neighbourhood_b1, "Việc phường B", households=2)

    def post(self, path, body, user=None):
        return self.client.post(
            API + path,
            body,
            content_type="application/json",
            headers=bearer(user or self.ward_a_officer),
        )

    def ids(self, user, **params):
        response = self.api_get("/democracy/matters", user, **params)
        self.assertEqual(response.status_code, 200)
        return {item["id"] for item in response.json()["items"]}

    def test_the_list_on_every_axis(self):
        self.assertEqual(self.ids(self.ward_a_officer), {self.a1.pk, self.a2.pk})
        self.assertEqual(self.ids(self.neighbourhood_a1_committee), {self.a1.pk})
        self.assertEqual(self.ids(self.neighbourhood_a2_committee), {self.a2.pk})
        self.assertEqual(self.ids(self.ward_b_officer), {self.b1.pk})
        self.assertEqual(self.ids(self.ward_a_women_officer), set())
        self.assertEqual(self.ids(self.readonly_leader), {self.a1.pk, self.a2.pk, self.b1.pk})
        self.assertEqual(self.api_get("/democracy/matters").status_code, 401)

    def test_list_filters(self):
        self.assertEqual(self.ids(self.city_leader, unit="B"), {self.b1.pk})
        self.assertEqual(self.ids(self.city_leader, item=3), {self.a2.pk})
        self.assertEqual(self.ids(self.city_leader, status="draft"), set())
        self.assertEqual(
            self.api_get("/democracy/matters", self.ward_a_officer, unit="B").status_code, 404
        )
        self.assertEqual(
            self.api_get("/democracy/matters", self.ward_a_officer, item=7).status_code, 422
        )
        self.assertEqual(
            self.api_get("/democracy/matters", self.ward_a_officer, status="x").status_code, 422
        )

    def test_detail_and_writes_of_other_rows_are_not_found_and_the_reader_is_forbidden(self):
        for user, matter in (
            (self.ward_a_officer, self.b1),
            (self.neighbourhood_a1_committee, self.a2),
            (self.neighbourhood_a2_committee, self.a1),
            (self.ward_a_women_officer, self.a1),
        ):
            with self.subTest(user=user.username):
                self.assertEqual(
                    self.api_get(f"/democracy/matters/{matter.pk}", user).status_code, 404
                )
                self.assertEqual(
                    self.api_get(f"/democracy/matters/{matter.pk}/consents", user).status_code, 404
                )
                response = self.post(
                    f"/matters/{matter.pk}/roll", {"households": 9, "reason": "Sai"}, user
                )
                self.assertEqual(response.status_code, 404)
        self.assertEqual(
            self.api_get(f"/democracy/matters/{self.a1.pk}", self.readonly_leader).status_code, 200
        )
        response = self.post(
            f"/matters/{self.a1.pk}/roll", {"households": 9, "reason": "Sai"}, self.readonly_leader
        )
        self.assertEqual(response.status_code, 403)
        self.a1.refresh_from_db()
        self.assertEqual(self.a1.households, 3)

    def test_create_open_and_correct(self):
        make_households(self.neighbourhood_a1, 5)
        body = {
            "unit": "A1",
            "item": 1,
            "title": "Đóng góp làm đường",
            "meeting_on": "2026-04-18",
            "notice_on": "2026-04-17",
        }
        response = self.post("/matters", body, self.neighbourhood_a1_committee)
        self.assertEqual(response.status_code, 201, response.content)
        created = response.json()
        self.assertEqual(created["status"], "draft")
        self.assertEqual(created["notice_by"], "2026-04-16")
        self.assertTrue(any("16/04/2026" in w for w in created["warnings"]))
        self.assertEqual(
            self.post(
                "/matters", {**body, "unit": "A2"}, self.neighbourhood_a1_committee
            ).status_code,
            404,
        )
        self.assertEqual(
            # She sees the ward's units, not its matters: refused, nothing created.
            self.post("/matters", {**body, "unit": "A2"}, self.ward_a_women_officer).status_code,
            403,
        )
        self.assertEqual(self.post("/matters", body, self.readonly_leader).status_code, 403)
        for bad in (
            {"item": 7},
            {"meeting_on": "18/04/2026"},
            {"title": ""},
            {"proposer": "mayor"},
        ):
            self.assertEqual(
                self.post("/matters", {**body, **bad}, self.neighbourhood_a1_committee).status_code,
                422,
            )
        response = self.post(
            f"/matters/{created['id']}/open", {"on": "2026-04-01"}, self.neighbourhood_a1_committee
        )
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual((response.json()["households"], response.json()["roll_count"]), (5, 5))
        self.assertEqual(response.json()["required_yes"], 4)
        again = self.post(
            f"/matters/{created['id']}/open", {"on": "2026-04-02"}, self.neighbourhood_a1_committee
        )
        self.assertEqual(again.status_code, 422)
        response = self.post(
            f"/matters/{created['id']}/roll",
            {"households": 6, "reason": "Sót hộ"},
            self.neighbourhood_a1_committee,
        )
        self.assertEqual(response.json()["households"], 6)
        for bad in (
            {"households": 0, "reason": "x"},
            {"households": 6, "reason": ""},
            {"households": 100001, "reason": "x"},
        ):
            self.assertEqual(
                self.post(
                    f"/matters/{created['id']}/roll", bad, self.neighbourhood_a1_committee
                ).status_code,
                422,
            )

    def test_the_initiative_acceptance_example(self):
        make_households(self.neighbourhood_a1, 180)
        body = {"unit": "A1", "item": 6, "title": "Camera", "proposer": "citizens"}
        matter_id = self.post("/matters", body, self.neighbourhood_a1_committee).json()["id"]
        for n in range(16):
            self.post(
                f"/matters/{matter_id}/consents",
                {"representative": f"Hộ {n}", "signed_on": f"2026-03-{n + 1:02d}"},
                self.neighbourhood_a1_committee,
            )
        for n in range(2):
            self.post(
                f"/matters/{matter_id}/consents",
                {"representative": f"Cũ {n}", "signed_on": "2026-01-31"},
                self.neighbourhood_a1_committee,
            )
        consents = self.api_get(
            f"/democracy/matters/{matter_id}/consents", self.neighbourhood_a1_committee
        ).json()
        self.assertEqual(consents["count"], 18)
        self.assertIn("2026-04-30", {c["valid_until"] for c in consents["items"]})
        response = self.post(
            f"/matters/{matter_id}/open", {"on": "2026-05-02"}, self.neighbourhood_a1_committee
        )
        self.assertEqual(response.status_code, 422)
        self.assertIn("18", " ".join(response.json()["errors"]))
        self.assertEqual(Matter.objects.get(pk=matter_id).status, Matter.Status.DRAFT)
        self.assertEqual(Matter.objects.get(pk=matter_id).proposer, Proposer.CITIZENS)

    def test_the_wards_side(self):
        matter = decided(self.neighbourhood_a1, "Bầu Ban thanh tra", Item.BOARDS)
        for user, status in (
            (self.neighbourhood_a1_committee, 403),
            (self.ward_b_officer, 404),
            (self.readonly_leader, 403),
        ):
            self.assertEqual(
                self.post(
                    f"/matters/{matter.pk}/receive", {"received_on": "2026-05-06"}, user
                ).status_code,
                status,
            )
        response = self.post(f"/matters/{matter.pk}/receive", {"received_on": "2026-05-06"})
        self.assertEqual(response.json()["recognise_by"], "2026-05-13")
        self.assertEqual(response.json()["recognised_by"], "front")
        self.assertEqual(
            self.post(
                f"/matters/{matter.pk}/recognise",
                {"on": "2026-05-07"},
                self.neighbourhood_a1_committee,
            ).status_code,
            403,
        )
        response = self.post(f"/matters/{matter.pk}/recognise", {"on": "2026-05-07"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            (response.json()["status"], response.json()["effective_on"]),
            ("recognised", "2026-05-07"),
        )
        other = decided(self.neighbourhood_a1, "Đóng góp", Item.CONTRIBUTION)
        self.post(f"/matters/{other.pk}/receive", {"received_on": "2026-05-06"})
        self.assertEqual(
            self.post(f"/matters/{other.pk}/recognise", {"on": "2026-05-07"}).status_code, 422
        )
        head = decided(self.neighbourhood_a1, "Bầu trưởng tổ", Item.HEAD)
        self.post(f"/matters/{head.pk}/receive", {"received_on": "2026-05-06"})
        self.assertEqual(
            self.post(f"/matters/{head.pk}/refuse", {"on": "2026-05-07", "reason": ""}).status_code,
            422,
        )
        response = self.post(
            f"/matters/{head.pk}/refuse", {"on": "2026-05-07", "reason": "Sai thủ tục"}
        )
        self.assertEqual(response.json()["status"], "refused")

    def test_reviews(self):
        matter = decided(self.neighbourhood_a1, "Quỹ", Item.FUND)
        body = {"kind": "annul", "requested_on": "2026-05-08", "reason": "Trái luật"}
        self.assertEqual(
            self.post(
                f"/matters/{matter.pk}/reviews", body, self.neighbourhood_a1_committee
            ).status_code,
            403,
        )
        self.assertEqual(
            self.post(f"/matters/{matter.pk}/reviews", body, self.ward_b_officer).status_code, 404
        )
        self.assertEqual(self.post(f"/matters/{self.a1.pk}/reviews", body).status_code, 422)
        self.assertEqual(self.post(f"/matters/{matter.pk}/reviews", body).status_code, 201)
        listed = self.api_get(f"/democracy/matters/{matter.pk}/reviews", self.ward_a_officer).json()
        self.assertEqual([r["kind"] for r in listed["items"]], ["annul"])
        self.assertEqual(MatterReview.objects.count(), 1)


class CalculatorApiTests(BaseTestCase):
    def evaluate(self, user=None, **body):
        return self.client.post(
            f"{API}/matters/evaluate",
            body,
            content_type="application/json",
            headers=bearer(user or self.neighbourhood_a1_committee),
        )

    def timeline(self, **body):
        return self.client.post(
            f"{API}/timeline",
            body,
            content_type="application/json",
            headers=bearer(self.ward_a_officer),
        ).json()

    def test_acceptance_1_thresholds_on_all_households(self):
        self.assertFalse(self.evaluate(item=1, households=180, yes=119).json()["passes"])
        self.assertTrue(self.evaluate(item=1, households=180, yes=120).json()["passes"])
        self.assertFalse(self.evaluate(item=3, households=180, yes=90).json()["passes"])
        body = self.evaluate(item=3, households=180, yes=91).json()
        self.assertEqual((body["required_yes"], body["passes"]), (91, True))
        body = self.evaluate(item=3, households=180, present=85).json()
        self.assertFalse(body["can_reach_threshold"])
        self.assertTrue(body["ballot_allowed"])
        self.assertIn("Không thể đạt tỷ lệ thông qua (cần ≥91 hộ).", body["warnings"])
        self.assertTrue(self.evaluate(item=4, households=180, present=85).json()["ballot_allowed"])
        self.assertFalse(
            self.evaluate(item=4, households=180, present=120).json()["ballot_allowed"]
        )

    def test_acceptance_2_the_online_gate(self):
        body = self.evaluate(item=3, households=180, form="online").json()
        self.assertFalse(body["online_allowed"])
        self.assertTrue(any("khoản 6 Điều 15" in w for w in body["warnings"]))
        self.assertFalse(
            self.evaluate(item=6, households=180, form="online", optin_yes=90).json()[
                "online_allowed"
            ]
        )
        self.assertTrue(
            self.evaluate(item=6, households=180, form="online", optin_yes=91).json()[
                "online_allowed"
            ]
        )

    def test_bad_input_is_422_and_an_outsider_403(self):
        for body in (
            {"item": 7, "households": 10},
            {"item": 1, "households": 0},
            {"item": 1, "households": 100001},
            {"item": 1, "households": 10, "yes": -1},
            {"item": 1, "households": 10, "form": "fax"},
            {"households": 10},
        ):
            with self.subTest(body=body):
                self.assertEqual(self.evaluate(**body).status_code, 422)
        self.assertEqual(self.evaluate(self.citizen, item=1, households=10).status_code, 403)

    def test_acceptance_3_4_7_8_11_clocks(self):
        self.assertEqual(self.timeline(meeting_on="2026-04-18")["notice_by"], "2026-04-16")
        self.assertEqual(
            self.timeline(meeting_on="2026-04-24", received_on="2026-05-06"),
            {"notice_by": "2026-04-22", "send_by": "2026-05-06", "recognise_by": "2026-05-13"},
        )
        self.assertEqual(
            self.timeline(election_on="2026-12-20", dismissal_recognised_on="2026-08-03"),
            {
                "election_plan_by": "2026-11-30",
                "candidates_by": "2026-12-05",
                "election_team_by": "2026-12-10",
                "election_notice_by": "2026-12-13",
                "election_due_by": "2026-10-02",
            },
        )
        self.assertEqual(
            self.timeline(consultation_published_on="2026-09-01"),
            {"consultation_closes_earliest_on": "2026-09-21"},
        )
        self.assertEqual(
            self.timeline(decided_on="2026-08-28", disclosure_item=2, posted_on="2026-09-09"),
            {"disclose_by": "2026-09-09", "posting_ends_earliest_on": "2026-10-09"},
        )
        response = self.client.post(
            f"{API}/timeline",
            {"meeting_on": "18/04/2026"},
            content_type="application/json",
            headers=bearer(self.ward_a_officer),
        )
        self.assertEqual(response.status_code, 422)
