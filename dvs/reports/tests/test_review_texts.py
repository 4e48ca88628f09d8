"""The compiler edits the review report's sections before the final DOCX: the generated
text is the starting point, the edits are kept with the period, used in the DOCX and PDF,
and reset to the generated text on demand; in the admin and the API alike."""

import datetime
import io
from io import StringIO

from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from docx.shared import Pt

from dvs.cases.tests.helpers import receive
from dvs.planning.tests.helpers import make_directive
from dvs.reports import actions, document, review
from dvs.reports.models import ReviewReport, ReviewSectionText
from dvs.reports.registry import computed_indicators
from dvs.testing import bearer
from dvs.units.models import Term

from .helpers import ReportsTestCase, make_period


def docx_text(job):
    doc = Document(io.BytesIO(job.docx.read()))
    return doc, "\n".join(p.text for p in doc.paragraphs)


class ReviewTextTests(ReportsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # The same period last year, for the comparison.
        cls.last_year = make_period(
            cls.city,
            cls.template,
            datetime.date(2024, 1, 1),
            datetime.date(2024, 6, 30),
            name="6 tháng đầu năm 2024",
        )
        receive(cls.neighbourhood_a1, received_on=datetime.date(2024, 4, 2))
        receive(cls.neighbourhood_a1, received_on=datetime.date(2024, 4, 3))

    def sections(self):
        return {s["key"]: s for s in review.review_sections(self.period, self.city)}

    def generate(self, **kw):
        job = ReviewReport.objects.create(
            period=self.period, unit=self.city, created_by=self.city_specialist, **kw
        )
        return review.generate(job, pdf=False)

    def test_the_draft_compares_with_the_previous_period_and_the_same_period_last_year(self):
        government = self.sections()["government"]
        self.assertTrue(
            government["text"].startswith(
                "Tiếp nhận 9 đơn, tăng 8 đơn so với 6 tháng cuối năm 2024, tăng 7 đơn so với "
                "cùng kỳ năm 2024"
            ),
            government["text"],
        )
        self.assertFalse(government["edited"])

    def test_an_edit_is_kept_with_the_period_and_carried_by_the_docx(self):
        generated = self.sections()["limitations"]["generated"]
        actions.save_review_texts(
            self.period,
            self.city,
            texts={
                "limitations": "Còn 2 khu phố chưa cập nhật dữ liệu.\n- Nguyên nhân: thiếu người."
            },
            by=self.city_specialist,
        )
        edit = ReviewSectionText.objects.get(period=self.period, unit=self.city, key="limitations")
        self.assertEqual(edit.edited_by, self.city_specialist)
        limitations = self.sections()["limitations"]
        self.assertEqual((limitations["edited"], limitations["generated"]), (True, generated))
        doc, text = docx_text(self.generate())
        self.assertIn("II. HẠN CHẾ VÀ NGUYÊN NHÂN\nCòn 2 khu phố chưa cập nhật dữ liệu.", text)
        self.assertIn("- Nguyên nhân: thiếu người.", text)
        self.assertNotIn(generated.splitlines()[0], text)
        # Reset: the generated text again.
        self.assertTrue(
            actions.reset_review_text(self.period, self.city, "limitations", by=self.city_leader)
        )
        self.assertFalse(self.sections()["limitations"]["edited"])
        _doc, text = docx_text(self.generate())
        self.assertIn(generated.splitlines()[0], text)

    def test_only_those_who_compile_the_review_may_edit_it(self):
        with self.assertRaises(PermissionDenied):
            actions.save_review_texts(
                self.period, self.city, texts={"intro": "Khác"}, by=self.ward_a_officer
            )
        with self.assertRaises(PermissionDenied):
            actions.reset_review_text(self.period, self.city, "intro", by=self.readonly_leader)
        self.assertFalse(ReviewSectionText.objects.exists())

    def test_a_text_equal_to_the_generated_one_is_no_edit(self):
        generated = self.sections()["intro"]["generated"]
        actions.save_review_texts(
            self.period, self.city, texts={"intro": generated}, by=self.city_specialist
        )
        self.assertFalse(ReviewSectionText.objects.exists())

    def test_the_edit_page_starts_from_the_generated_text_saves_and_resets(self):
        self.client.force_login(self.city_specialist)
        url = reverse("reports_review_texts", args=[self.period.pk, self.city.code])
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        generated = self.sections()["government"]["generated"]
        self.assertContains(page, 'name="text_government"')
        self.assertContains(page, generated.splitlines()[0])
        response = self.client.post(url, {"text_government": "Tiếp nhận 9 đơn thư."})
        self.assertRedirects(response, url, fetch_redirect_response=False)
        self.assertEqual(self.sections()["government"]["text"], "Tiếp nhận 9 đơn thư.")
        page = self.client.get(url)
        self.assertContains(page, 'data-key="government" data-edited="true"')
        self.client.post(url, {"reset": "government", "text_government": "x"})
        self.assertEqual(self.sections()["government"]["text"], generated)
        # A ward officer cannot open the city's page.
        self.client.force_login(self.ward_a_officer)
        self.assertIn(self.client.get(url).status_code, (403, 404))

    def test_the_api_reads_and_writes_the_sections(self):
        url = f"/api/v1/reports/{self.period.pk}/review/sections"
        headers = bearer(self.city_specialist)
        answer = self.client.get(url, headers=headers)
        self.assertEqual(answer.status_code, 200)
        keys = [s["key"] for s in answer.json()["sections"]]
        self.assertEqual(keys[0], "intro")
        self.assertIn("limitations", keys)
        answer = self.client.put(
            url,
            {"sections": {"proposals": "Đề nghị bổ sung biên chế."}},
            content_type="application/json",
            headers=headers,
        )
        self.assertEqual(answer.status_code, 200)
        proposals = next(s for s in answer.json()["sections"] if s["key"] == "proposals")
        self.assertEqual(
            (proposals["text"], proposals["edited"], proposals["edited_by"]),
            ("Đề nghị bổ sung biên chế.", True, "city_specialist"),
        )
        answer = self.client.put(
            url, {"sections": {"proposals": None}}, content_type="application/json", headers=headers
        )
        proposals = next(s for s in answer.json()["sections"] if s["key"] == "proposals")
        self.assertFalse(proposals["edited"])
        answer = self.client.put(
            url, {"sections": {"nope": "x"}}, content_type="application/json", headers=headers
        )
        self.assertEqual(answer.status_code, 422)
        reader = self.client.put(
            url,
            {"sections": {"proposals": "x"}},
            content_type="application/json",
            headers=bearer(self.readonly_leader),
        )
        self.assertEqual(reader.status_code, 403)
        self.assertFalse(ReviewSectionText.objects.exists())

    def test_the_sections_of_another_units_review_are_out_of_reach(self):
        url = f"/api/v1/reports/{self.period.pk}/review/sections"
        actions.save_review_texts(
            self.period, self.city, texts={"proposals": "Đề nghị riêng."}, by=self.city_specialist
        )
        # A ward officer and a ward leader neither read nor change the city's sections
        # (the city is outside their scope); a read-only leader over the city may not
        # compile, so may not read the draft either.
        for user, expected in (
            (self.ward_a_officer, 404),
            (self.ward_a_leader, 404),
            (self.readonly_leader, 403),
        ):
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(url, headers=bearer(user)).status_code, expected)
                put = self.client.put(
                    url,
                    {"sections": {"proposals": None}},
                    content_type="application/json",
                    headers=bearer(user),
                )
                self.assertEqual(put.status_code, expected)
        # A ward leader compiles the ward's own review, not a sibling ward's.
        own = self.client.get(url + "?unit=A", headers=bearer(self.ward_a_leader))
        self.assertEqual(own.status_code, 200)
        sibling = self.client.get(url + "?unit=B", headers=bearer(self.ward_a_leader))
        self.assertEqual(sibling.status_code, 404)
        self.assertEqual(ReviewSectionText.objects.get(key="proposals").text, "Đề nghị riêng.")

    def test_a_put_with_an_unknown_key_changes_nothing(self):
        url = f"/api/v1/reports/{self.period.pk}/review/sections"
        actions.save_review_texts(
            self.period, self.city, texts={"proposals": "Đề nghị riêng."}, by=self.city_specialist
        )
        answer = self.client.put(
            url,
            {"sections": {"proposals": None, "nope": "x"}},
            content_type="application/json",
            headers=bearer(self.city_specialist),
        )
        self.assertEqual(answer.status_code, 422)
        self.assertEqual(ReviewSectionText.objects.get(key="proposals").text, "Đề nghị riêng.")

    def test_the_signature_carries_title_and_name_at_the_body_size(self):
        doc, _text = docx_text(
            self.generate(signer_title="Phó Trưởng ban", signer_name="Nguyễn Văn An")
        )
        cell = doc.tables[-2].rows[0].cells[1]
        lines = [p for p in cell.paragraphs if p.text.strip()]
        self.assertEqual(
            [p.text for p in lines], ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Nguyễn Văn An"]
        )
        body = doc.styles["Normal"].font.size
        self.assertEqual(body, Pt(14))
        for paragraph in lines:
            for run in paragraph.runs:
                self.assertIn(run.font.size, (None, body), paragraph.text)
                self.assertTrue(run.bold)

    def test_the_docx_date_line_has_leading_zeros_for_days_and_the_first_two_months(self):
        job = ReviewReport.objects.create(period=self.period, unit=self.city)
        data = review.review_data(self.period, self.city)
        data["narrative"] = review.review_sections(self.period, self.city, data)
        content = document.build(job, data, when=datetime.date(2026, 1, 5))
        right = Document(io.BytesIO(content)).tables[0].rows[0].cells[1].text
        self.assertIn("Thử, ngày 05 tháng 01 năm 2026", right)
        content = document.build(job, data, when=datetime.date(2026, 3, 24))
        right = Document(io.BytesIO(content)).tables[0].rows[0].cells[1].text
        self.assertIn("Thử, ngày 24 tháng 3 năm 2026", right)

    def test_the_outline_command_lists_headings_and_first_sentences(self):
        out = StringIO()
        call_command("review_outline", period=self.period.pk, stdout=out)
        lines = out.getvalue().splitlines()
        self.assertIn("I. KẾT QUẢ THỰC HIỆN", lines)
        government = lines.index("1. Công tác dân vận chính quyền")
        self.assertTrue(lines[government + 1].startswith("    Tiếp nhận 9 đơn, tăng 8 đơn"))
        self.assertIn("IV. ĐỀ XUẤT, KIẾN NGHỊ", lines)


class AreaIndicatorTests(ReportsTestCase):
    def test_directive_documents_and_congresses_are_counted_for_the_advising_and_front_areas(
        self,
    ):
        make_directive(self.city)  # issued 10/01/2025
        Term.objects.create(
            organisation=self.ward_a_women,
            name="2025–2030",
            starts_on=datetime.date(2025, 4, 10),
            congress_on=datetime.date(2025, 4, 10),
        )
        indicators = computed_indicators()
        start, end = datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)
        self.assertEqual(indicators["directives_issued"].compute(start, end), {self.city.pk: 1})
        self.assertEqual(indicators["congresses"].compute(start, end), {self.ward_a.pk: 1})
        self.assertEqual(
            indicators["congresses"].compute(
                datetime.date(2024, 7, 1), datetime.date(2024, 12, 31)
            ),
            {},
        )
