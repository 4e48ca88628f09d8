"""The numbered household ballots: one page per household of the roll, each with its
number, address, representative, the question, the three boxes and the signature line —
as PDF through LibreOffice (skipped without it), read back with pdftotext."""

import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

from django.urls import reverse

from dvs.democracy import documents_ballot
from dvs.reports.document import libreoffice
from dvs.testing import BaseTestCase

from .helpers import make_ballot, make_matter


class BallotPaperTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.matter = make_matter(cls.neighbourhood_a1, "Đóng góp làm đường ngõ 5", households=180)
        cls.ballot = make_ballot(cls.matter)

    def test_the_docx_has_one_ballot_per_household(self):
        from io import BytesIO

        from docx import Document

        document = Document(BytesIO(documents_ballot.ballots_docx(self.ballot)))
        text = "\n".join(p.text for p in document.paragraphs)
        self.assertEqual(text.count("PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH"), 180)
        self.assertIn("Phiếu số 180", text)
        self.assertIn("Người đại diện hộ: Hộ 7", text)
        self.assertEqual(text.count("☐ Không đồng ý"), 180)

    @unittest.skipUnless(libreoffice() and shutil.which("pdftotext"), "no LibreOffice or poppler")
    def test_the_pdf_has_180_numbered_pages(self):
        self.login(self.neighbourhood_a1_committee)
        response = self.client.get(reverse("democracy_ballot_print", args=[self.matter.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        with tempfile.TemporaryDirectory() as folder:
            pdf = Path(folder) / "b.pdf"
            pdf.write_bytes(response.content)
            text = subprocess.run(
                ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
            ).stdout
        pages = text.split("\f")
        pages = [page for page in pages if page.strip()]
        self.assertEqual(len(pages), 180)
        for number in (1, 90, 180):
            self.assertIn(f"Phiếu số {number}", pages[number - 1])
            self.assertIn(f"Số {number}", pages[number - 1])

    def test_outsiders_cannot_print(self):
        for user in (self.ward_b_officer, self.ward_a_women_officer):
            self.login(user)
            url = reverse("democracy_ballot_print", args=[self.matter.pk])
            self.assertEqual(self.client.get(url).status_code, 404)
