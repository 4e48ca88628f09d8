"""The back office's "Tính thời hạn GPMB" page: dates typed dd/mm/yyyy, the same answer
as the API, open to those who see affected parties."""

from django.urls import reverse

from dvs.testing import BaseTestCase


class TimelinePageTests(BaseTestCase):
    def setUp(self):
        self.url = reverse("clearance_timeline")

    def test_ward_a_officer_computes_the_payment_due_date_and_late_days(self):
        self.client.force_login(self.ward_a_officer)
        response = self.client.get(
            self.url,
            {
                "rule_set": "LDD2024",
                "land": "agricultural",
                "plan_in_force_on": "01/08/2026",
                "paid_on": "07/09/2026",
            },
            headers={"Accept-Language": "vi"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["answer"]["payment_due_on"].isoformat(), "2026-09-03")
        self.assertContains(response, "03/09/2026")
        self.assertContains(
            response, "Chậm chi trả 4 ngày — phải tính khoản tiền chậm trả (k3 Đ94)"
        )

    def test_the_page_answers_as_the_api_does(self):
        from dvs.clearance import clocks

        self.client.force_login(self.city_specialist)
        response = self.client.get(
            self.url,
            {
                "land": "non_agricultural",
                "notice_on": "15/04/2026",
                "opinion_meeting_on": "02/04/2026",
                "disagree": "12",
            },
        )
        answer = response.context["answer"]
        import datetime

        expected = clocks.calculate(
            None,
            land="non_agricultural",
            notice_on=datetime.date(2026, 4, 15),
            opinion_meeting_on=datetime.date(2026, 4, 2),
            disagree=12,
        )
        self.assertEqual(answer, expected)
        self.assertEqual(answer["earliest_decision_on"], datetime.date(2026, 8, 13))

    def test_a_day_first_date_is_required_and_an_iso_one_refused(self):
        self.client.force_login(self.ward_a_officer)
        response = self.client.get(self.url, {"land": "agricultural", "notice_on": "2026-04-15x"})
        self.assertEqual(response.status_code, 200)
        self.assertIsNone(response.context["answer"])
        self.assertTrue(response.context["form"].errors["notice_on"])

    def test_the_empty_page_shows_the_form_only(self):
        self.client.force_login(self.ward_a_officer)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'id="clock-form"')
        self.assertNotContains(response, 'id="clock-answer"')

    def test_a_citizen_is_refused(self):
        self.client.force_login(self.citizen)
        response = self.client.get(self.url)
        self.assertIn(response.status_code, (302, 403))
