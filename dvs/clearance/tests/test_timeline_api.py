"""POST /api/v1/clearance/timeline: the calculator's answer, exactly as the issue gives
it, with the rule set chosen by the notice's date, and a bad body refused (422)."""

from django.utils import translation

from dvs.testing import BaseTestCase


class TimelineApiTests(BaseTestCase):
    def post(self, body, user=None):
        user = user or self.ward_a_officer
        return self.client.post(
            "/api/v1/clearance/timeline",
            body,
            content_type="application/json",
            headers={"Authorization": f"Bearer {self.token_for(user)}", "Accept-Language": "vi"},
        )

    def test_ward_a_officer_gets_every_clock_of_a_party_under_the_law(self):
        response = self.post(
            {
                "rule_set": "LDD2024",
                "land": "agricultural",
                "notice_on": "2026-04-15",
                "decision_on": "2026-06-01",
                "plan_posted_on": "2026-03-02",
                "opinion_meeting_on": "2026-04-02",
                "disagree": 12,
                "plan_in_force_on": "2026-08-01",
                "paid_on": "2026-09-07",
                "enforcement_on": "2026-03-10",
                "enforcement_time": "08:00",
            }
        )
        self.assertEqual(response.status_code, 200, response.content)
        with translation.override("vi"):
            self.assertEqual(
                response.json(),
                {
                    "rule_set": "LDD2024",
                    "earliest_decision_on": "2026-07-14",
                    "notice_expires_on": "2027-04-15",
                    "earliest_opinion_meeting_on": "2026-04-02",
                    "dialogue_due_on": "2026-06-01",
                    "payment_due_on": "2026-09-03",
                    "late_payment_days": 4,
                    "enforcement_allowed": True,
                    "warnings": [
                        "Chưa đủ 90 ngày kể từ thông báo (thiếu 43 ngày; sớm nhất 14/07/2026)",
                        "Chậm chi trả 4 ngày — phải tính khoản tiền chậm trả (k3 Đ94)",
                    ],
                },
            )

    def test_without_a_rule_set_a_notice_of_april_2026_is_under_nq254(self):
        body = self.post(
            {"notice_on": "2026-04-15", "opinion_meeting_on": "2026-04-02", "disagree": 12}
        ).json()
        self.assertEqual(body["rule_set"], "NQ254")
        self.assertEqual(body["earliest_decision_on"], "2026-06-14")
        self.assertEqual(body["dialogue_due_on"], "2026-05-04")

    def test_nobody_disagreeing_means_no_dialogue_and_no_enforcement_date_means_null(self):
        body = self.post({"opinion_meeting_on": "2026-04-02", "disagree": 0}).json()
        self.assertIsNone(body["dialogue_due_on"])
        self.assertIsNone(body["enforcement_allowed"])
        self.assertEqual(body["warnings"], [])

    def test_an_enforcement_after_tet_2026_or_at_21_30_is_not_allowed(self):
        body = self.post({"enforcement_on": "2026-03-05"}).json()
        self.assertFalse(body["enforcement_allowed"])
        self.assertIn("trong 15 ngày sau Tết", body["warnings"][0])
        body = self.post({"enforcement_on": "2026-03-10", "enforcement_time": "21:30"}).json()
        self.assertFalse(body["enforcement_allowed"])

    def test_a_bad_body_is_refused_with_422(self):
        for body in (
            {"notice_on": "15/04/2026"},
            {"notice_on": "1999-12-31"},
            {"rule_set": "LDD2013"},
            {"land": "forest"},
            {"disagree": -1},
            {"enforcement_time": "25:00"},
            {"reissued": "maybe"},
        ):
            with self.subTest(body):
                response = self.post(body)
                self.assertEqual(response.status_code, 422, response.content)
        errors = self.post({"rule_set": "LDD2013"}).json()["errors"]
        self.assertEqual(
            errors[0]["msg"], "Không có bộ quy định này; dùng một trong: LDD2024, NQ254."
        )

    def test_the_messages_of_a_bad_body_are_vietnamese(self):
        expected = {
            "land": "Loại đất phải là agricultural (nông nghiệp) hoặc non_agricultural (phi nông nghiệp).",
            "disagree": "Ghi số nguyên từ 0 đến 1.000.000.",
            "reissued": "Ghi true hoặc false.",
            "enforcement_time": "Nhập giờ theo dạng giờ:phút, ví dụ 08:30.",
            "notice_on": "Ngày phải trong khoảng 01/01/2000 đến 31/12/2099.",
        }
        bodies = {
            "land": "forest",
            "disagree": "12",
            "reissued": 1,
            "enforcement_time": 830,
            "notice_on": "2100-01-01",
        }
        for field, value in bodies.items():
            with self.subTest(field):
                errors = self.post({field: value}).json()["errors"]
                self.assertEqual(errors[0]["msg"], expected[field])

    def test_a_caller_without_a_token_is_refused(self):
        response = self.client.post(
            "/api/v1/clearance/timeline", {}, content_type="application/json"
        )
        self.assertEqual(response.status_code, 401)
