"""The reports API: periods, a unit's report and its submission, the summary, the review."""

import io

from docx import Document

from dvs.reports import rules
from dvs.reports.models import UnitReport

from .helpers import ReportsTestCase


class ReportsApiTests(ReportsTestCase):
    def post(self, path, user, payload=None):
        return self.client.post(
            f"/api/v1{path}",
            payload or {},
            content_type="application/json",
            headers={"Authorization": f"Bearer {self.token_for(user)}"},
        )

    def test_periods_are_listed_to_the_units_that_report_in_them(self):
        body = self.api_get("/reports/periods", self.ward_a_officer).json()
        self.assertEqual(
            {p["name"] for p in body}, {"6 tháng đầu năm 2025", "6 tháng cuối năm 2024"}
        )
        self.assertEqual(self.api_get("/reports/periods").status_code, 401)

    def test_a_ward_reads_its_prefilled_report_and_submits_it_once(self):
        path = f"/reports/{self.period.pk}/units/A"
        body = self.api_get(path, self.ward_a_officer).json()
        received = next(i for i in body["indicators"] if i["code"] == "cases_received")
        self.assertEqual((received["computed"], received["value"], body["status"]), (5, 5, "draft"))
        payload = {"values": {"trainings": 2}, "texts": {"lanh-dao": "Quán triệt nghị quyết"}}
        response = self.post(f"{path}/submit", self.ward_a_officer, payload)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["status"], "submitted")
        again = self.post(f"{path}/submit", self.ward_a_officer, payload)
        self.assertEqual(again.status_code, 409)
        self.assertIn(str(rules.ALREADY_SUBMITTED).split("%")[0], again.json()["detail"])

    def test_bad_cells_are_refused_with_messages_and_nothing_is_submitted(self):
        response = self.post(
            f"/reports/{self.period.pk}/units/A/submit",
            self.ward_a_officer,
            {"values": {"trainings": -2, "cases_resolved": "abc"}, "texts": {"han-che": "15"}},
        )
        self.assertEqual(response.status_code, 422)
        self.assertEqual(
            set(response.json()["errors"]),
            {"value_trainings", "value_cases_resolved", "text_han-che"},
        )
        self.assertFalse(UnitReport.objects.filter(unit=self.ward_a).exists())

    def test_another_wards_report_is_not_found(self):
        self.assertEqual(
            self.api_get(f"/reports/{self.period.pk}/units/B", self.ward_a_officer).status_code, 404
        )
        response = self.post(f"/reports/{self.period.pk}/units/B/submit", self.ward_a_officer)
        self.assertEqual(response.status_code, 404)

    def test_summary_rolls_up_and_equals_the_sum_of_the_units(self):
        self.post(
            f"/reports/{self.period.pk}/units/A/submit",
            self.ward_a_officer,
            {"values": {"trainings": 2}},
        )
        body = self.api_get(
            f"/reports/{self.period.pk}/summary", self.city_leader, unit="C1"
        ).json()
        figures = {i["code"]: i for i in body["indicators"]}
        self.assertEqual(
            (figures["cases_received"]["value"], figures["cases_received"]["previous"]), (9, 1)
        )
        for code in ("cases_received", "trainings"):
            self.assertEqual(figures[code]["value"], sum(u["values"][code] for u in body["units"]))
        # The city's own row first (marked as such), then its wards.
        self.assertEqual(
            [(u["code"], u["own"], u["report"]) for u in body["units"]],
            [("C1", True, None), ("A", False, "submitted"), ("B", False, None)],
        )
        self.assertEqual(
            self.api_get(
                f"/reports/{self.period.pk}/summary", self.ward_a_officer, unit="B"
            ).status_code,
            404,
        )

    def test_review_is_generated_as_a_job_and_downloaded(self):
        path = f"/reports/{self.period.pk}/review"
        self.assertEqual(
            self.api_get(f"{path}.docx", self.city_specialist, unit="C1").status_code, 404
        )
        response = self.post(f"{path}?unit=C1&number=12", self.city_specialist)
        self.assertEqual(response.status_code, 202)
        job = response.json()
        self.assertEqual(
            (job["status"], job["progress"]), ("done", 100)
        )  # immediate backend in tests
        self.assertEqual(
            self.api_get(path, self.city_specialist, unit="C1").json()["id"], job["id"]
        )
        docx = self.api_get(f"{path}.docx", self.city_specialist, unit="C1")
        self.assertEqual(docx.status_code, 200)
        doc = Document(io.BytesIO(b"".join(docx.streaming_content)))
        self.assertIn("Số 12-BC/BTGDVTU", doc.tables[0].rows[0].cells[0].text)
        self.assertEqual(self.post(f"{path}?unit=C1", self.ward_a_officer).status_code, 404)
        self.assertEqual(
            self.api_get(f"{path}.docx", self.ward_a_officer, unit="C1").status_code, 404
        )
