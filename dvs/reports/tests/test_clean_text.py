"""Report text is cleaned where it enters (the actions, the API) and the review report is
written even from text stored before that (issue 11, hole 10)."""

import io

from docx import Document

from dvs.reports import actions, review
from dvs.reports.models import ReportText, ReportValue, ReviewReport, UnitReport

from .helpers import ReportsTestCase

DIRTY = "Phường\x0b An\u200b Bình\x01 quán triệt Nghị quyết."
CLEAN = "Phường An Bình quán triệt Nghị quyết."


class ReportTextCleaningTests(ReportsTestCase):
    def submitted_ward_a_report(self):
        report = actions.open_report(self.period, self.ward_a, by=self.ward_a_officer)
        actions.submit_report(report, by=self.ward_a_officer)
        return report

    def test_the_city_review_report_is_written_from_a_narrative_stored_with_control_characters(
        self,
    ):
        report = self.submitted_ward_a_report()
        # Saved before input was cleaned: straight into the database.
        ReportText.objects.create(report=report, section="lanh-dao", text=DIRTY)
        job = ReviewReport.objects.create(
            period=self.period, unit=self.city, created_by=self.city_specialist
        )
        job = review.generate(job)
        self.assertEqual(job.status, "done", job.message)
        text = "\n".join(p.text for p in Document(io.BytesIO(job.docx.read())).paragraphs)
        self.assertIn("Phường An Bình: Phường An Bình quán triệt", text)
        self.assertNotIn("\u200b", text)

    def test_a_ward_officers_narrative_and_note_are_stored_clean(self):
        report = actions.open_report(self.period, self.ward_a, by=self.ward_a_officer)
        actions.save_report(
            report,
            values={"cases_received": 4},
            notes={"cases_received": "Một đơn\x01 trùng\u200b"},
            texts={"lanh-dao": DIRTY},
            by=self.ward_a_officer,
        )
        self.assertEqual(ReportText.objects.get(report=report).text, CLEAN)
        note = ReportValue.objects.get(report=report, code="cases_received").note
        self.assertEqual(note, "Một đơn trùng")

    def test_the_city_specialists_return_comment_is_stored_clean(self):
        report = self.submitted_ward_a_report()
        actions.review_report(
            report, accept=False, comment="Bổ sung\x0b số liệu\u202e", by=self.city_specialist
        )
        self.assertEqual(UnitReport.objects.get(pk=report.pk).review_comment, "Bổ sung số liệu")

    def test_a_comment_of_only_invisible_characters_does_not_return_a_report(self):
        report = self.submitted_ward_a_report()
        with self.assertRaises(actions.ValidationError):
            actions.review_report(
                report, accept=False, comment="\u200b\x01", by=self.city_specialist
            )

    def test_text_and_notes_submitted_through_the_api_are_stored_clean(self):
        response = self.client.post(
            f"/api/v1/reports/{self.period.pk}/units/A/submit",
            {
                "values": {"cases_received": 4},
                "notes": {"cases_received": "Một đơn\x01 trùng\u200b"},
                "texts": {"lanh-dao": DIRTY},
            },
            content_type="application/json",
            headers={"Authorization": f"Bearer {self.token_for(self.ward_a_officer)}"},
        )
        self.assertEqual(response.status_code, 200, response.content)
        report = UnitReport.objects.get(period=self.period, unit=self.ward_a)
        self.assertEqual(ReportText.objects.get(report=report).text, CLEAN)
        note = ReportValue.objects.get(report=report, code="cases_received").note
        self.assertEqual(note, "Một đơn trùng")
