"""Periods, unit reports, roll-up, template versions and the review document."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.test import SimpleTestCase
from docx import Document

from dvs.reports import actions, document, review, rollup, rules
from dvs.reports.models import (
    IndicatorValue,
    ReportPeriod,
    ReviewReport,
    TemplateIndicator,
    UnitReport,
)
from dvs.reports.registry import computed_indicators

from .helpers import ReportsTestCase


class RuleTests(SimpleTestCase):
    def test_counts_accept_dotted_thousands_and_refuse_text_and_negatives(self):
        self.assertEqual(rules.parse_count("x", "1.200"), 1200)
        self.assertEqual(rules.parse_count("x", 7), 7)
        self.assertIsNone(rules.parse_count("x", " "))
        for bad, message in (
            ("mười", rules.NOT_A_NUMBER),
            ("12,5", rules.NOT_A_NUMBER),
            (-3, rules.NEGATIVE),
        ):
            with self.subTest(bad=bad), self.assertRaises(ValidationError) as caught:
                rules.parse_count("Lớp tập huấn", bad)
            self.assertEqual(caught.exception.message, message)

    def test_a_number_alone_in_a_text_cell_is_refused(self):
        with self.assertRaises(ValidationError):
            rules.check_text("Hạn chế", " 125 ")
        self.assertEqual(
            rules.check_text("Hạn chế", "Tiếp 125 lượt công dân"), "Tiếp 125 lượt công dân"
        )

    def test_a_period_ending_before_it_starts_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            rules.check_period_dates(datetime.date(2025, 6, 30), datetime.date(2025, 1, 1))
        self.assertEqual(caught.exception.message, rules.END_BEFORE_START)

    def test_a_correction_needs_a_note(self):
        with self.assertRaises(ValidationError):
            rules.check_correction("Đơn thư", 5, 6, "")
        rules.check_correction("Đơn thư", 5, 6, "Một đơn nhận qua bưu điện chưa nhập")
        rules.check_correction("Đơn thư", 5, 5, "")


class ReportTests(ReportsTestCase):
    def fill_and_open(self, unit):
        rollup.fill(self.period)
        return actions.open_report(self.period, unit, by=self.city_specialist)

    def test_every_capability_registers_its_indicators(self):
        codes = set(computed_indicators())
        self.assertLessEqual(
            {
                "residents",
                "households",
                "cases_received",
                "cases_overdue",
                "dialogues",
                "exemplars",
                "exemplars_recognised",
                "exemplars_replicated",
                "members_front",
            },
            codes,
        )

    def test_fill_rolls_counts_up_level_by_level(self):
        rollup.fill(self.period)
        values = dict(
            IndicatorValue.objects.filter(period=self.period, code="cases_received").values_list(
                "unit__code", "value"
            )
        )
        self.assertEqual(values, {"A1": 3, "A2": 2, "B1": 4, "A": 5, "B": 4, "C1": 9, "P1": 9})

    def test_an_interrupted_fill_resumes_without_counting_twice(self):
        rollup.fill(self.period, codes=["cases_received"])
        filled = rollup.fill(self.period)
        self.assertNotIn("cases_received", filled)
        self.assertEqual(rollup.computed_for(self.period, self.city)["cases_received"], 9)

    def test_unit_report_is_prefilled_and_a_correction_keeps_the_computed_value(self):
        report = self.fill_and_open(self.ward_a)
        value = report.values.get(code="cases_received")
        self.assertEqual((value.computed, value.value), (5, 5))
        with self.assertRaises(ValidationError) as caught:
            actions.save_report(report, values={"cases_received": 6}, by=self.ward_a_officer)
        self.assertIn("value_cases_received", caught.exception.message_dict)
        actions.save_report(
            report,
            values={"cases_received": 6, "trainings": "2"},
            notes={"cases_received": "Một đơn qua bưu điện chưa nhập"},
            texts={"lanh-dao": "Tổ chức 3 hội nghị quán triệt."},
            by=self.ward_a_officer,
        )
        value.refresh_from_db()
        self.assertEqual((value.computed, value.value, value.corrected), (5, 6, True))

    def test_bad_cells_save_nothing(self):
        report = self.fill_and_open(self.ward_a)
        with self.assertRaises(ValidationError) as caught:
            actions.save_report(
                report,
                values={"trainings": -1, "cases_resolved": "nhiều"},
                texts={"han-che": "42", "lanh-dao": "Đã làm tốt"},
                by=self.ward_a_officer,
            )
        self.assertEqual(
            set(caught.exception.message_dict),
            {"value_trainings", "value_cases_resolved", "text_han-che"},
        )
        self.assertFalse(report.texts.exists())
        self.assertIsNone(report.values.get(code="trainings").value)

    def test_submitting_twice_is_refused_with_a_message(self):
        report = self.fill_and_open(self.ward_a)
        actions.submit_report(report, by=self.ward_a_officer)
        with self.assertRaises(ValidationError) as caught:
            actions.submit_report(report, by=self.ward_a_officer)
        self.assertIn(str(rules.ALREADY_SUBMITTED).split("%")[0], caught.exception.messages[0])

    def test_upper_level_returns_with_comments_then_accepts(self):
        report = self.fill_and_open(self.ward_a)
        actions.submit_report(report, by=self.ward_a_officer)
        with self.assertRaises(ValidationError):
            actions.review_report(report, accept=False, comment=" ", by=self.city_specialist)
        actions.review_report(
            report, accept=False, comment="Bổ sung số liệu tập huấn", by=self.city_specialist
        )
        self.assertTrue(report.editable)
        actions.submit_report(report, by=self.ward_a_officer)
        actions.review_report(
            UnitReport.objects.get(pk=report.pk), accept=True, by=self.city_specialist
        )
        self.assertEqual(UnitReport.objects.get(pk=report.pk).status, "accepted")

    def test_an_organisation_fills_and_submits_its_own_report_not_its_wards(self):
        from django.urls import reverse

        officer = self.ward_a_women_officer
        self.login(officer)
        ward_page = reverse("reports_unit", args=[self.period.pk, self.ward_a.code])
        own_page = reverse("reports_organisation", args=[self.period.pk, self.ward_a_women.pk])
        self.assertEqual(self.client.post(ward_page, {"save": "1"}).status_code, 404)
        page = self.client.get(own_page)
        self.assertEqual(page.status_code, 200)
        self.assertTrue(page.context["editable"])
        text_key = next(s["key"] for s in page.context["sections"] if s["kind"] != "indicators")
        response = self.client.post(
            own_page, {f"text_{text_key}": "Hội vận động 120 hội viên tham gia.", "submit": "1"}
        )
        self.assertRedirects(response, own_page)
        report = UnitReport.objects.get(period=self.period, organisation=self.ward_a_women)
        self.assertEqual(report.status, UnitReport.Status.SUBMITTED)
        self.assertFalse(
            UnitReport.objects.filter(
                period=self.period, unit=self.ward_a, organisation__isnull=True
            ).exists()
        )
        # Another ward's organisation is not the officer's to open.
        other = reverse("reports_organisation", args=[self.period.pk, self.ward_b_front.pk])
        self.assertEqual(self.client.get(other).status_code, 404)

        self.login(self.city_specialist)
        listing = self.client.get(reverse("reports_period", args=[self.period.pk]))
        self.assertContains(
            listing, f'data-organisation="{self.ward_a_women.pk}" data-status="submitted"'
        )
        self.client.post(reverse("reports_review_report", args=[report.pk]), {"decision": "accept"})
        report.refresh_from_db()
        self.assertEqual(report.status, UnitReport.Status.ACCEPTED)

    def test_who_has_not_submitted_is_visible(self):
        actions.submit_report(self.fill_and_open(self.ward_a), by=self.ward_a_officer)
        status = {
            unit.code: (r.status if r else None)
            for unit, r in actions.submission_status(self.period)
        }
        self.assertEqual(status, {"A": "submitted", "B": None})

    def test_roll_up_equals_the_sum_of_the_units_numbers(self):
        report = self.fill_and_open(self.ward_a)
        actions.save_report(
            report,
            values={"cases_received": 7, "trainings": 3},
            notes={"cases_received": "Bổ sung đơn chuyển đến"},
            by=self.ward_a_officer,
        )
        actions.submit_report(report, by=self.ward_a_officer)
        report_b = actions.open_report(self.period, self.ward_b, by=self.ward_b_officer)
        actions.save_report(report_b, values={"trainings": 4}, by=self.ward_b_officer)
        actions.submit_report(report_b, by=self.ward_b_officer)
        result = rollup.summary(self.period, self.city)
        rows = {row.code: row for row in result["rows"]}
        children = {child.code: f.values for child, f in result["children"]}
        for code in ("cases_received", "cases_resolved", "trainings", "residents"):
            with self.subTest(code=code):
                self.assertEqual(rows[code].value, sum(v[code] for v in children.values()))
        self.assertEqual((rows["cases_received"].value, rows["trainings"].value), (11, 7))
        self.assertEqual(children["A"]["cases_received"], 7)

    def test_previous_period_gives_the_comparison(self):
        rollup.fill(self.previous)
        rollup.fill(self.period)
        rows = {row.code: row for row in rollup.summary(self.period, self.city)["rows"]}
        self.assertEqual((rows["cases_received"].value, rows["cases_received"].previous), (9, 1))
        self.assertEqual(rows["cases_received"].change, 800.0)

    def test_a_template_changed_after_filing_makes_a_new_version_and_filed_reports_keep_theirs(
        self,
    ):
        filed = self.fill_and_open(self.ward_a)
        actions.submit_report(filed, by=self.ward_a_officer)
        draft = actions.open_report(self.period, self.ward_b, by=self.ward_b_officer)
        template = self.template
        template.indicators.add(
            TemplateIndicator(code="meetings", name="Hội nghị", unit_of_measure="cuộc")
        )
        template.save()
        self.assertEqual(template.version, 2)
        filed.refresh_from_db()
        self.assertEqual(filed.template_version, 1)
        self.assertNotIn("meetings", [i["code"] for i in filed.template_snapshot["indicators"]])
        draft = actions.open_report(self.period, self.ward_b, by=self.ward_b_officer)
        self.assertEqual(draft.template_version, 2)
        self.assertTrue(draft.values.filter(code="meetings").exists())

    def test_a_template_naming_an_unknown_indicator_is_refused(self):
        from dvs.reports.models import ReportTemplate, TemplateSection

        template = ReportTemplate(name="Sai")
        template.sections = [
            TemplateSection(
                key="x",
                part="results",
                kind="indicators",
                title="Số liệu",
                indicator_codes="khong_co",
            )
        ]
        with self.assertRaises(ValidationError):
            template.full_clean()
        template.indicators = [TemplateIndicator(code="khong_co", name="?", source="computed")]
        with self.assertRaises(ValidationError):
            template.full_clean()

    def test_period_end_before_start_is_refused_by_the_model(self):
        period = ReportPeriod(
            name="Sai",
            kind="quarter",
            start=datetime.date(2025, 3, 31),
            end=datetime.date(2025, 1, 1),
            due_on=datetime.date(2025, 4, 5),
            unit=self.city,
            template=self.template,
        )
        with self.assertRaises(ValidationError) as caught:
            period.full_clean()
        self.assertEqual(caught.exception.message_dict["end"], [str(rules.END_BEFORE_START)])


class ReviewDocumentTests(ReportsTestCase):
    def generate(self, pdf=False):
        report = actions.open_report(self.period, self.ward_a, by=self.ward_a_officer)
        actions.save_report(
            report,
            texts={"lanh-dao": "Phường An Bình quán triệt Nghị quyết."},
            by=self.ward_a_officer,
        )
        actions.submit_report(report, by=self.ward_a_officer)
        job = ReviewReport.objects.create(
            period=self.period, unit=self.city, created_by=self.city_specialist, number="05"
        )
        return review.generate(job, pdf=pdf)

    def test_the_docx_has_the_party_header_sections_and_tables(self):
        job = self.generate()
        self.assertEqual((job.status, job.progress), ("done", 100))
        doc = Document(io.BytesIO(job.docx.read()))
        header = doc.tables[0]
        left, right = (cell.text for cell in header.rows[0].cells)
        self.assertEqual(left.splitlines()[:2], ["THÀNH ỦY THỬ", "BAN TUYÊN GIÁO VÀ DÂN VẬN"])
        self.assertIn("*", left)
        self.assertIn("Số 05-BC/BTGDVTU", left)
        self.assertIn("ĐẢNG CỘNG SẢN VIỆT NAM", right)
        party = header.rows[0].cells[1].paragraphs[0].runs[0]
        self.assertTrue(party.underline and party.bold)
        date_run = [p for p in header.rows[0].cells[1].paragraphs if "ngày" in p.text][0].runs[0]
        self.assertTrue(date_run.italic)
        self.assertTrue(date_run.text.startswith("Thử, ngày "))
        text = "\n".join(p.text for p in doc.paragraphs)
        for heading in (
            "BÁO CÁO",
            "sơ kết công tác dân vận 6 tháng đầu năm 2025",
            "I. KẾT QUẢ THỰC HIỆN",
            "Đánh giá chung",
            "II. HẠN CHẾ VÀ NGUYÊN NHÂN",
            "III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2025",
            "IV. ĐỀ XUẤT, KIẾN NGHỊ",
            "PHỤ LỤC",
            "- Phường An Bình: Phường An Bình quán triệt Nghị quyết.",
        ):
            with self.subTest(heading=heading):
                self.assertIn(heading, text)
        figures = doc.tables[1]
        self.assertEqual(
            [c.text for c in figures.rows[0].cells][:3],
            ["Chỉ tiêu", "Đơn vị tính", "6 tháng đầu năm 2025"],
        )
        received = next(r for r in figures.rows if r.cells[0].text == "Đơn thư tiếp nhận")
        self.assertEqual([c.text for c in received.cells[2:4]], ["9", "1"])
        section = doc.sections[0]
        self.assertEqual(
            [
                round(x.mm)
                for x in (
                    section.page_width,
                    section.page_height,
                    section.top_margin,
                    section.bottom_margin,
                    section.left_margin,
                    section.right_margin,
                )
            ],
            [210, 297, 20, 20, 30, 15],
        )
        self.assertEqual(doc.styles["Normal"].font.name, "Times New Roman")
        signature = doc.tables[2].rows[0].cells
        self.assertIn("Nơi nhận", signature[0].text)
        self.assertIn("TRƯỞNG BAN", signature[1].text)

    def test_the_docx_converts_to_pdf_with_libreoffice(self):
        if not document.libreoffice():
            pytest.skip(
                "LibreOffice is not installed (apt-get install libreoffice-writer-nogui): PDF test skipped"
            )
        job = self.generate(pdf=True)
        self.assertTrue(job.pdf.read().startswith(b"%PDF"))
