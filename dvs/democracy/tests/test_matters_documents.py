"""The meeting kit as DOCX (Forms 01, 02, 03 of Decree 59/2023), opened with python-docx:
the notice names the meeting and, for items 1–3, the documents to each household; the
count record the counting board, witnesses and counts; the decision record what Art.
20(2) requires, with the four signature lines. One is converted to PDF by LibreOffice
(skipped when it is not installed)."""

import datetime
import io
import shutil
import unittest

from docx import Document

from dvs.democracy import documents, documents_meeting
from dvs.democracy.models import Item, Matter
from dvs.testing import BaseTestCase

from .helpers import make_matter

D = datetime.date


def text_of(content):
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


class MeetingKitTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.matter = make_matter(
            cls.neighbourhood_a1,
            "Đóng góp làm đường ngõ 5",
            item=Item.CONTRIBUTION,
            households=180,
            meeting_on=D(2026, 4, 24),
            meeting_place="Nhà văn hóa tổ 1",
            notice_on=D(2026, 4, 20),
            counting_board="Nguyễn Văn A, Trần Thị B, Lê Văn C",
            witnesses="Phạm Văn D, Hoàng Thị E",
            meeting_yes=121,
            meeting_no=50,
            meeting_other=5,
            decided_on=D(2026, 4, 24),
            decided_form="meeting",
            passed=True,
            yes=121,
            decision="Mỗi hộ đóng góp 500.000 đồng.",
            status=Matter.Status.DECIDED,
        )
        cls.matter.roll.filter(number__lte=176).update(present=True)

    def test_form_01_the_notice(self):
        text = text_of(documents_meeting.notice(self.matter))
        self.assertIn("THÔNG BÁO", text)
        self.assertIn("Thời gian: ngày 24/04/2026", text)
        self.assertIn("Địa điểm: Nhà văn hóa tổ 1", text)
        self.assertIn("Tài liệu liên quan được gửi đến từng hộ gia đình", text)
        self.assertIn("Độc lập - Tự do - Hạnh phúc", text)

    def test_form_02_the_count_record(self):
        text = text_of(documents_meeting.count_record(self.matter))
        self.assertIn("BIÊN BẢN KIỂM PHIẾU", text)
        self.assertIn("Ban kiểm phiếu gồm: Nguyễn Văn A, Trần Thị B, Lê Văn C", text)
        self.assertIn("Đại diện hộ gia đình chứng kiến: Phạm Văn D, Hoàng Thị E", text)
        self.assertIn("Số ý kiến tán thành: 121", text)
        self.assertIn("Số hộ tán thành cần có để thông qua: 120", text)

    def test_form_03_the_decision_record_of_art_20(self):
        text = text_of(documents_meeting.decision_record(self.matter))
        for expected in (
            "Thời gian: ngày 24/04/2026",
            "Tổng số hộ gia đình: 180",
            "Số đại diện hộ gia đình tham dự: 176",
            "Số hộ gia đình không có đại diện tham dự: 4",
            "Nội dung: Đóng góp làm đường ngõ 5",
            "Hình thức: Họp cộng đồng dân cư",
            "Kết quả: 121/180 hộ tán thành",
            "Quyết định: Được thông qua. Mỗi hộ đóng góp 500.000 đồng.",
            "TRƯỞNG THÔN, TỔ TRƯỞNG TỔ DÂN PHỐ",
            "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN",
        ):
            self.assertIn(expected, text)
        self.assertEqual(text.count("ĐẠI DIỆN HỘ GIA ĐÌNH"), 2)

    def test_a_blank_kit_prints_dotted_lines(self):
        draft = make_matter(self.neighbourhood_a1, "Nháp", status=Matter.Status.DRAFT)
        text = text_of(documents_meeting.decision_record(draft))
        self.assertIn("Kết quả: ……………", text)

    @unittest.skipUnless(shutil.which("soffice") or shutil.which("libreoffice"), "no LibreOffice")
    def test_the_decision_record_converts_to_pdf(self):
        pdf = documents.to_pdf(documents_meeting.decision_record(self.matter))
        self.assertTrue(pdf.startswith(b"%PDF"))
