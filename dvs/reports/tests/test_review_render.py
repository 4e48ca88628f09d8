"""The review report checked on real files: LibreOffice opens the DOCX and makes a PDF
(no repair: exit code 0 and a PDF produced), and the first page, rendered to PNG, has the
header, the title and the date line where Hướng dẫn 36-HD/VPTW puts them, read from the
words' positions (`pdftotext -bbox`)."""

import datetime
import html
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import Image

from dvs.reports import actions, document, review
from dvs.reports.models import ReviewReport

from .helpers import ReportsTestCase

WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
A4 = (595.3, 841.9)  # points
MARGIN_LEFT, MARGIN_RIGHT = 30 / 25.4 * 72, 15 / 25.4 * 72


def words(pdf):
    """[(text, xMin, yMin, xMax, yMax)] of the PDF's first page."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [
        (html.unescape(text), float(x0), float(y0), float(x1), float(y1))
        for x0, y0, x1, y1, text in WORD.findall(out)
    ]


def line_of(found, *texts):
    """The boxes of consecutive words `texts` on one line (the first such run)."""
    for index in range(len(found) - len(texts) + 1):
        run = found[index : index + len(texts)]
        if [w[0] for w in run] == list(texts) and len({round(w[2]) for w in run}) == 1:
            return run
    raise AssertionError(f"{' '.join(texts)!r} not found on page 1: {[w[0] for w in found]}")


class RenderTests(ReportsTestCase):
    def setUp(self):
        missing = [b for b in ("soffice", "pdftotext", "pdftoppm") if not shutil.which(b)]
        if missing:
            pytest.skip(f"{', '.join(missing)} not installed (.ci/run installs them)")

    def test_libreoffice_opens_the_docx_and_the_first_page_has_the_36_hd_layout(self):
        report = actions.open_report(self.period, self.ward_a, by=self.ward_a_officer)
        actions.save_report(
            report, texts={"lanh-dao": "Quán triệt Nghị quyết."}, by=self.ward_a_officer
        )
        actions.submit_report(report, by=self.ward_a_officer)
        job = ReviewReport.objects.create(period=self.period, unit=self.city, number="12")
        data = review.review_data(self.period, self.city)
        data["narrative"] = review.review_sections(self.period, self.city, data)
        content = document.build(job, data, when=datetime.date(2026, 1, 5))
        with tempfile.TemporaryDirectory() as folder:
            folder = Path(folder)
            (folder / "review.docx").write_bytes(content)
            converted = subprocess.run(
                [
                    "soffice",
                    f"-env:UserInstallation=file://{folder}/profile",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(folder),
                    str(folder / "review.docx"),
                ],
                capture_output=True,
                timeout=180,
            )
            self.assertEqual(converted.returncode, 0, converted.stderr)
            pdf = folder / "review.pdf"
            self.assertTrue(pdf.exists() and pdf.read_bytes().startswith(b"%PDF"))

            subprocess.run(
                ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(folder / "p")],
                check=True,
                timeout=60,
            )
            pngs = sorted(folder.glob("p*.png"))
            self.assertEqual(len(pngs), 1)
            with Image.open(pngs[0]) as image:
                # A4 at 50 dpi: 210 × 297 mm = 413 × 585 pixels (±1 for rounding).
                self.assertAlmostEqual(image.size[0], 413, delta=1)
                self.assertAlmostEqual(image.size[1], 585, delta=1)
                # Not a blank page: dark pixels of text.
                self.assertLess(image.convert("L").getextrema()[0], 100)

            found = words(pdf)
        # The header is a table of two equal columns over the text's width.
        middle = MARGIN_LEFT + (A4[0] - MARGIN_LEFT - MARGIN_RIGHT) / 2
        committee = line_of(found, "THÀNH", "ỦY", "THỬ")
        board = line_of(found, "BAN", "TUYÊN", "GIÁO", "VÀ", "DÂN", "VẬN")
        party = line_of(found, "ĐẢNG", "CỘNG", "SẢN", "VIỆT", "NAM")
        date = line_of(found, "Thử,", "ngày", "05", "tháng", "01", "năm", "2026")
        title = line_of(found, "BÁO", "CÁO")
        # The header: the committee then the board at the top left, the Party's name at
        # the top right, the date line on the right under it, the title below, centred.
        self.assertLess(committee[-1][3], middle)
        self.assertLess(board[-1][3], middle)
        self.assertLess(committee[0][2], board[0][2])
        self.assertLess(committee[0][2], 130)
        self.assertGreater(party[0][1], middle)
        self.assertLess(abs(party[0][2] - committee[0][2]), 5)  # same top line
        self.assertGreater(date[0][1], middle)
        self.assertGreater(date[0][2], party[0][2])
        self.assertGreater(title[0][2], max(date[0][2], board[0][2]))
        self.assertLess(abs((title[0][1] + title[-1][3]) / 2 - middle), 15)
