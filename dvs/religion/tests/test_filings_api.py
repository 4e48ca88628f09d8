"""The filings API: list (filters, scope, overdue), create with its clock and warnings,
read, answer and complete, and the calculator POST /check."""

import datetime
from unittest import mock

from dvs.religion.models import Filing, FilingKind, Group
from dvs.testing import BaseTestCase, bearer

from .helpers import make_establishment, make_filing, make_group

D = datetime.date
API = "/api/v1/religion/filings"


class FilingApiTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.pagoda_a = make_establishment(cls.ward_a, "Chùa An")
        cls.pagoda_b = make_establishment(cls.ward_b, "Chùa Bình")
        cls.filing_a = make_filing(cls.ward_a, establishment=cls.pagoda_a, subject="Hồ sơ A")
        cls.filing_b = make_filing(cls.ward_b, establishment=cls.pagoda_b, subject="Hồ sơ B")

    def post(self, path, body, user=None):
        return self.client.post(
            API + path,
            body,
            content_type="application/json",
            headers=bearer(user or self.ward_a_officer),
        )

    def belief_body(self, **fields):
        body = {
            "unit": "A",
            "kind": "belief_registration",
            "submitted_by": "Ban quản lý chùa An",
            "subject": "Đăng ký hoạt động tín ngưỡng",
            "received_on": "2026-03-02",
            "activity_on": "2026-06-01",
            "establishment": self.pagoda_a.pk,
        }
        body.update(fields)
        return body

    def test_the_list_shows_the_callers_filings_with_their_clock(self):
        response = self.api_get("/religion/filings", self.ward_a_officer)
        self.assertEqual(response.status_code, 200)
        items = response.json()["items"]
        self.assertEqual([item["id"] for item in items], [self.filing_a.pk])
        self.assertEqual(items[0]["reply_due_on"], "2026-03-17")
        self.assertEqual(items[0]["rule_set"], "TNTG2016")
        self.assertEqual(items[0]["unit"], "A")
        both = self.api_get("/religion/filings", self.city_leader).json()["items"]
        self.assertEqual({item["id"] for item in both}, {self.filing_a.pk, self.filing_b.pk})

    def test_list_filters(self):
        answered = make_filing(self.ward_a, subject="Đã trả lời", replied_on=D(2026, 3, 5))
        group = make_filing(
            self.ward_a, kind=FilingKind.GROUP_REGISTRATION, received_on=D(2026, 11, 30)
        )

        def ids(**q):
            return {
                i["id"]
                for i in self.api_get("/religion/filings", self.city_leader, **q).json()["items"]
            }

        self.assertEqual(ids(unit="B"), {self.filing_b.pk})
        self.assertEqual(ids(kind="group_registration"), {group.pk})
        # Today (the test's real day) is after 17/03/2026; the group's clock may still run.
        with mock.patch("django.utils.timezone.localdate", return_value=D(2026, 12, 1)):
            self.assertEqual(ids(overdue="true"), {self.filing_a.pk, self.filing_b.pk})
            self.assertEqual(ids(overdue="false"), {answered.pk, group.pk})
        self.assertEqual(
            self.api_get("/religion/filings", self.ward_a_officer, unit="B").status_code, 404
        )
        self.assertEqual(
            self.api_get("/religion/filings", self.ward_a_officer, kind="petition").status_code, 422
        )

    def test_create_returns_the_clock_and_its_warnings(self):
        response = self.post("", self.belief_body(received_on="2026-05-05"))
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(body["reply_due_on"], "2026-05-20")
        self.assertIs(body["on_time"], False)
        self.assertEqual(body["required_lead_days"], 30)
        self.assertEqual(len(body["warnings"]), 1)
        self.assertTrue(Filing.objects.filter(pk=body["id"], created_by=self.ward_a_officer))

    def test_create_refusals(self):
        before = Filing.objects.count()
        # Another ward's unit: not found; a unit read but not written: forbidden.
        self.assertEqual(self.post("", self.belief_body(unit="B")).status_code, 404)
        self.assertEqual(self.post("", self.belief_body(), self.readonly_leader).status_code, 403)
        # Another ward's establishment: the same answer as one that does not exist.
        other = self.post("", self.belief_body(establishment=self.pagoda_b.pk))
        missing = self.post("", self.belief_body(establishment=999999))
        self.assertEqual(other.status_code, 422)
        self.assertEqual(other.json()["errors"], missing.json()["errors"])
        supplement = self.post(
            "", self.belief_body(kind="supplement", supplements=self.filing_b.pk)
        )
        self.assertEqual(supplement.status_code, 422)
        self.assertIn("supplements", supplement.json()["fields"])
        no_activity = self.post("", self.belief_body(activity_on=None))
        self.assertEqual(no_activity.status_code, 422)
        self.assertIn("activity_on", no_activity.json()["fields"])
        self.assertEqual(self.post("", self.belief_body(received_on="1999-12-31")).status_code, 422)
        self.assertEqual(self.post("", self.belief_body(complete="yes")).status_code, 422)
        self.assertEqual(Filing.objects.count(), before)

    def test_read_is_scoped(self):
        response = self.api_get(f"/religion/filings/{self.filing_a.pk}", self.ward_a_officer)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["warnings"], [])
        self.assertEqual(response.json()["required_lead_days"], 30)
        other = self.api_get(f"/religion/filings/{self.filing_b.pk}", self.ward_a_officer)
        self.assertEqual(other.status_code, 404)
        self.assertEqual(
            self.api_get("/religion/filings/999999", self.ward_a_officer).status_code, 404
        )

    def test_answer(self):
        path = f"/{self.filing_a.pk}/answer"
        refused = self.post(path, {"replied_on": "2026-03-10", "outcome": "refused"})
        self.assertEqual(refused.status_code, 422)
        self.assertIn("reasons", refused.json()["fields"])
        self.assertEqual(
            self.post(
                path, {"replied_on": "2026-03-10", "outcome": "accepted"}, self.readonly_leader
            ).status_code,
            403,
        )
        self.assertEqual(
            self.post(
                f"/{self.filing_b.pk}/answer", {"replied_on": "2026-03-10", "outcome": "accepted"}
            ).status_code,
            404,
        )
        ok = self.post(
            path, {"replied_on": "2026-03-10", "outcome": "accepted", "reply_reference": "05/UBND"}
        )
        self.assertEqual(ok.status_code, 200, ok.content)
        self.assertEqual(ok.json()["replied_on"], "2026-03-10")
        self.assertEqual(Filing.objects.get(pk=self.filing_a.pk).reply_reference, "05/UBND")

    def test_complete_and_group_state(self):
        group = make_group(self.ward_a, "Nhóm An")
        created = self.post(
            "",
            {
                "unit": "A",
                "kind": "group_registration",
                "submitted_by": "Người đại diện",
                "subject": "Đăng ký sinh hoạt tôn giáo tập trung",
                "received_on": "2026-06-01",
                "group": group.pk,
                "complete": False,
                "missing_items": "Giấy tờ chứng minh địa điểm hợp pháp",
            },
        )
        self.assertEqual(created.status_code, 201, created.content)
        self.assertIsNone(created.json()["reply_due_on"])
        self.assertEqual(Group.objects.get(pk=group.pk).state, Group.State.SUBMITTED)
        done = self.post(f"/{created.json()['id']}/complete", {"complete_on": "2026-06-10"})
        self.assertEqual(done.status_code, 200, done.content)
        self.assertEqual(done.json()["reply_due_on"], "2026-06-30")
        self.assertEqual(
            self.post(
                f"/{created.json()['id']}/complete", {"complete_on": "2026-06-11"}
            ).status_code,
            422,
        )
        answered = self.post(
            f"/{created.json()['id']}/answer", {"replied_on": "2026-06-20", "outcome": "accepted"}
        )
        self.assertEqual(answered.status_code, 200)
        group.refresh_from_db()
        self.assertEqual((group.state, group.state_on), (Group.State.APPROVED, D(2026, 6, 20)))


class CheckApiTests(BaseTestCase):
    def check(self, body, user=None):
        return self.client.post(
            f"{API}/check",
            body,
            content_type="application/json",
            headers=bearer(user or self.ward_a_officer),
        )

    def test_the_acceptance_examples(self):
        cases = [
            (
                {"kind": "belief_registration", "received_on": "2026-03-02"},
                "reply_due_on",
                "2026-03-17",
            ),
            (
                {"kind": "belief_registration", "received_on": "2026-04-15"},
                "reply_due_on",
                "2026-05-04",
            ),
            (
                {
                    "kind": "group_registration",
                    "received_on": "2026-06-01",
                    "complete_on": "2026-06-10",
                },
                "reply_due_on",
                "2026-06-30",
            ),
            (
                {
                    "kind": "festival_notice",
                    "received_on": "2026-04-06",
                    "activity_on": "2026-04-26",
                    "festival_end_on": "2026-04-28",
                },
                "report_due_on",
                "2026-05-18",
            ),
            (
                {"kind": "supplement", "received_on": "2026-07-26", "activity_on": "2026-08-15"},
                "on_time",
                True,
            ),
            (
                {"kind": "supplement", "received_on": "2026-07-27", "activity_on": "2026-08-15"},
                "on_time",
                False,
            ),
            (
                {
                    "kind": "belief_registration",
                    "received_on": "2026-05-02",
                    "activity_on": "2026-06-01",
                },
                "on_time",
                True,
            ),
            (
                {"kind": "annual_list", "received_on": "2026-04-01", "recognised_on": "2026-03-01"},
                "on_time",
                False,
            ),
        ]
        for body, key, expected in cases:
            with self.subTest(body=body):
                response = self.check(body)
                self.assertEqual(response.status_code, 200, response.content)
                self.assertEqual(response.json()[key], expected)
                self.assertEqual(response.json()["rule_set"], "TNTG2016")

    def test_late_and_incomplete_say_so(self):
        late = self.check(
            {
                "kind": "belief_registration",
                "received_on": "2026-05-05",
                "activity_on": "2026-06-01",
            }
        ).json()
        self.assertEqual((late["on_time"], late["required_lead_days"]), (False, 30))
        self.assertEqual(len(late["warnings"]), 1)
        incomplete = self.check(
            {"kind": "group_registration", "received_on": "2026-06-01", "complete": False}
        ).json()
        self.assertIsNone(incomplete["reply_due_on"])
        self.assertEqual(len(incomplete["warnings"]), 1)

    def test_2027_without_a_rule_set(self):
        body = self.check({"kind": "belief_registration", "received_on": "2027-01-15"}).json()
        self.assertIsNone(body["rule_set"])
        self.assertIsNone(body["reply_due_on"])
        self.assertEqual(
            body["warnings"], ["Chưa có quy định áp dụng cho ngày tiếp nhận 15/01/2027."]
        )

    def test_bad_input_and_permission(self):
        for body in (
            {"kind": "petition", "received_on": "2026-03-02"},
            {"kind": "supplement"},
            {"kind": "supplement", "received_on": "02/03/2026"},
            {"kind": "supplement", "received_on": "1999-01-01"},
            {"kind": "supplement", "received_on": "2026-03-02", "complete": "no"},
        ):
            with self.subTest(body=body):
                self.assertEqual(self.check(body).status_code, 422)
        body = {"kind": "supplement", "received_on": "2026-03-02"}
        self.assertEqual(self.check(body, self.citizen).status_code, 403)
        self.assertEqual(self.check(body, self.neighbourhood_a1_committee).status_code, 403)
        self.assertEqual(self.check(body, self.readonly_leader).status_code, 200)
