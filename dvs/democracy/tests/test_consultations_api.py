"""The consultations API: lists and details only in scope (and in agreement with the back
office), create, publish (the 20-day minimum), staff opinions with their counts, close and
the result (refused against the majority without an explanation) with 422 and nothing
saved; another ward's, a sibling neighbourhood's and an organisation grant's calls are not
found, a reader's writes are forbidden."""

import datetime
from unittest import mock

from django.urls import reverse

from dvs.democracy.models import Consultation, Opinion
from dvs.testing import BaseTestCase, add_sibling_personas, bearer

from .helpers import make_consultation

D = datetime.date
API = "/api/v1/democracy"
Status = Consultation.Status


def pinned(day):
    return mock.patch("django.utils.timezone.localdate", return_value=day)


class ConsultationApiTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)
        cls.a1 = make_consultation(
            cls.neighbourhood_a1,
            "Lấy ý kiến An",
            status=Status.OPEN,
            published_on=D(2026, 9, 1),
            closes_on=D(2026, 9, 21),
        )
        cls.b = make_consultation(cls.ward_b, "Lấy ý kiến Bình")

    def post(self, path, body, user=None):
        return self.client.post(
            API + path,
            body,
            content_type="application/json",
            headers=bearer(user or self.ward_a_officer),
        )

    def get(self, path, user=None, **params):
        return self.client.get(API + path, params, headers=bearer(user or self.ward_a_officer))

    def test_list_and_detail_in_scope_agree_with_the_admin(self):
        for user, sees in (
            (self.ward_a_officer, True),
            (self.neighbourhood_a1_committee, True),
            (self.readonly_leader, True),
            (self.ward_b_officer, False),
            (self.neighbourhood_a2_committee, False),
            (self.ward_a_women_officer, False),
        ):
            with self.subTest(user=user.username):
                ids = [row["id"] for row in self.get("/consultations", user).json()["items"]]
                self.assertEqual(self.a1.pk in ids, sees)
                detail = self.get(f"/consultations/{self.a1.pk}", user).status_code
                self.assertEqual(detail == 200, sees)
                self.client.force_login(user)
                admin = self.client.get(
                    reverse("democracy_consultation:inspect", args=[self.a1.pk])
                )
                self.assertEqual(admin.status_code == 200, sees)
        ids = [row["id"] for row in self.get("/consultations").json()["items"]]
        self.assertNotIn(self.b.pk, ids)

    def test_create_publish_opinions_close_and_result(self):
        response = self.post(
            "/consultations",
            {"unit": "A", "subject": 6, "title": "Quy hoạch", "summary": "Dự thảo."},
        )
        self.assertEqual(response.status_code, 201, response.content)
        pk = response.json()["id"]
        refused = self.post(
            f"/consultations/{pk}/publish",
            {"published_on": "2026-09-01", "closes_on": "2026-09-20"},
        )
        self.assertEqual(refused.status_code, 422)
        self.assertIn("closes_on", refused.json()["fields"])
        body = self.post(
            f"/consultations/{pk}/publish",
            {"published_on": "2026-09-01", "closes_on": "2026-09-21"},
        ).json()
        self.assertEqual((body["status"], body["earliest_close_on"]), ("open", "2026-09-21"))
        with pinned(D(2026, 9, 30)):
            opinion = {
                "channel": "ballot",
                "stance": "agree",
                "count": 120,
                "received_on": "2026-09-10",
            }
            self.assertEqual(self.post(f"/consultations/{pk}/opinions", opinion).status_code, 201)
            portal = {**opinion, "channel": "portal"}
            self.assertEqual(self.post(f"/consultations/{pk}/opinions", portal).status_code, 422)
            too_many = {**opinion, "count": 0}
            self.assertEqual(self.post(f"/consultations/{pk}/opinions", too_many).status_code, 422)
        detail = self.get(f"/consultations/{pk}").json()
        self.assertEqual(detail["counts"]["by_stance"]["agree"], 120)
        self.assertEqual(detail["counts"]["majority"], "agree")
        self.assertEqual(
            self.post(f"/consultations/{pk}/close", {"on": "2026-09-20"}).status_code, 422
        )
        self.assertEqual(
            self.post(f"/consultations/{pk}/close", {"on": "2026-09-21"}).status_code, 200
        )
        result = {
            "synthesis": "120 hộ đồng ý.",
            "decision": "Không thực hiện.",
            "against_majority": True,
            "publish_on": "2026-09-25",
        }
        refused = self.post(f"/consultations/{pk}/result", result)
        self.assertEqual(refused.status_code, 422)
        self.assertIn("explanation", refused.json()["fields"])
        self.assertEqual(Consultation.objects.get(pk=pk).status, Status.CLOSED)
        done = self.post(f"/consultations/{pk}/result", {**result, "explanation": "Thiếu vốn."})
        self.assertEqual(done.status_code, 200, done.content)
        self.assertEqual(done.json()["status"], "published")

    def test_writes_outside_the_scope_are_not_found_and_readers_forbidden(self):
        paths = {
            f"/consultations/{self.a1.pk}/publish": {
                "published_on": "2026-09-01",
                "closes_on": "2026-09-30",
            },
            f"/consultations/{self.a1.pk}/opinions": {
                "channel": "meeting",
                "stance": "agree",
                "received_on": "2026-09-02",
            },
            f"/consultations/{self.a1.pk}/close": {"on": "2026-09-30"},
            f"/consultations/{self.a1.pk}/result": {"synthesis": "X"},
        }
        for user, expected in (
            (self.ward_b_officer, 404),
            (self.neighbourhood_a2_committee, 404),
            (self.ward_a_women_officer, 404),
            (self.readonly_leader, 403),
        ):
            for path, body in paths.items():
                with self.subTest(user=user.username, path=path):
                    self.assertEqual(self.post(path, body, user).status_code, expected)
        created = self.post(
            "/consultations", {"unit": "B", "title": "X", "summary": "Y"}, self.ward_a_officer
        )
        self.assertEqual(created.status_code, 404)
        self.assertEqual(
            self.post(
                "/consultations", {"unit": "A", "title": "X", "summary": "Y"}, self.readonly_leader
            ).status_code,
            403,
        )
        self.assertFalse(Opinion.objects.exists())
        self.assertEqual(Consultation.objects.count(), 2)

    def test_neighbourhood_committee_enters_its_opinions(self):
        with pinned(D(2026, 9, 30)):
            response = self.post(
                f"/consultations/{self.a1.pk}/opinions",
                {"channel": "meeting", "stance": "agree", "count": 12, "received_on": "2026-09-02"},
                self.neighbourhood_a1_committee,
            )
        self.assertEqual(response.status_code, 201, response.content)
