"""A case's stage and date received are checked at the boundary: a stage other than
first- or second-time, or a date the deadline calendar does not cover, gets a Vietnamese
message (422 in the API, a form error in the admin), never a server error, and nothing
is saved."""

import datetime

from django.urls import reverse

from dvs.cases.models import Case
from dvs.cases.tests.test_views import intake_data
from dvs.testing import BaseTestCase


class CaseInputBoundsTests(BaseTestCase):
    def post_case(self, **fields):
        payload = {
            "kind": "complaint",
            "received_on": "2026-03-02",
            "unit": "A1",
            "content": "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất.",
            "petitioner_name": "Đỗ Văn Khiếu",
            **fields,
        }
        return self.client.post(
            "/api/v1/cases",
            payload,
            content_type="application/json",
            headers={"Authorization": f"Bearer {self.token_for(self.ward_a_reception_officer)}"},
        )

    def refused_field(self, response):
        return response.json()["errors"][0]["loc"][-1]

    def test_the_api_refuses_a_stage_that_is_not_first_or_second_time(self):
        for stage in (-1, 0, 3, 32768, 10**20):
            with self.subTest(stage=stage):
                response = self.post_case(stage=stage)
                self.assertEqual(response.status_code, 422, response.content)
                self.assertEqual(self.refused_field(response), "stage")
        self.assertFalse(Case.objects.exists())

    def test_the_api_refuses_a_date_the_calendar_does_not_cover(self):
        later = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
        for received_on, words in (
            ("1999-12-31", "01/01/2000"),
            ("0001-01-01", "01/01/2000"),
            (later, "tương lai"),
            ("9999-12-31", "tương lai"),
        ):
            with self.subTest(received_on=received_on):
                response = self.post_case(received_on=received_on)
                self.assertEqual(response.status_code, 422, response.content)
                self.assertEqual(self.refused_field(response), "received_on")
                self.assertIn(words, response.json()["errors"][0]["msg"])
        self.assertFalse(Case.objects.exists())
        self.assertEqual(self.post_case(received_on="2000-01-03").status_code, 201)

    def test_the_intake_form_refuses_them_with_a_message(self):
        self.login(self.ward_a_reception_officer)
        for fields, words in (
            ({"received_on": "1999-12-31"}, "01/01/2000"),
            ({"stage": 3}, "stage"),
            ({"stage": -1}, "stage"),
        ):
            with self.subTest(fields=fields):
                data = intake_data(self.neighbourhood_a1, confirmed="1", **fields)
                response = self.client.post(reverse("cases_intake"), data)
                self.assertEqual(response.status_code, 200)
                field = next(iter(fields))
                self.assertTrue(response.context["form"].errors[field])
                if field == "received_on":
                    self.assertContains(response, words)
        self.assertFalse(Case.objects.exists())
