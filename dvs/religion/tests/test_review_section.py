"""The six-month review's section "Công tác tôn giáo": the figures per religion (and
belief) over the unit's subtree as of the period's end, small cells suppressed as on the
figures page (by ward), and the filings' clock, exact (filings are the ward's work, not
believers); in the DOCX the review builds. No figure of 1–4 and no individual's name
reach the review."""

import datetime
import io
import re

import docx

from dvs.religion import report_indicators, stats
from dvs.religion.models import EstablishmentKind, FilingKind
from dvs.religion.tests.helpers import (
    make_dignitary,
    make_establishment,
    make_filing,
    make_follower_count,
    make_group,
    religion,
)
from dvs.reports import document, review
from dvs.reports.models import ReviewReport
from dvs.reports.tests.helpers import make_period, make_template
from dvs.testing import BaseTestCase

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)
HEADING = "Công tác tôn giáo"
DIGNITARY = "Thích Minh Nhẫn"


def d(day, month, year=2026):
    return datetime.date(year, month, day)


class ReviewSectionTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a, b = cls.ward_a, cls.ward_b
        for n in range(6):
            make_establishment(a, f"Chùa số {n}")
        make_establishment(b, "Chùa Bình Minh")
        make_establishment(
            b,
            "Nhà thờ Bình Minh",
            kind=EstablishmentKind.CHURCH,
            religion=religion("cong-giao"),
        )
        for n in range(5):
            make_establishment(b, f"Đình số {n}", kind=EstablishmentKind.COMMUNAL_HOUSE)
        make_group(a)
        make_dignitary(a, religious_name=DIGNITARY)
        # Followers: Buddhists 120 in A and 3 in B (hidden); Catholics 1,200 in B, and a
        # later count (after the period's end) that the review must not read.
        make_follower_count(a, 120)
        make_follower_count(b, 3)
        make_follower_count(b, 1200, code="cong-giao", as_of=d(1, 3))
        make_follower_count(b, 9999, code="cong-giao", as_of=d(1, 7))
        # Filings: 6 received in the period, 5 answered on time, 1 overdue at its end.
        for n in range(5):
            make_filing(
                a,
                kind=FilingKind.GROUP_REGISTRATION,
                received_on=d(2 + n, 2),
                replied_on=d(10 + n, 2),
            )
        make_filing(b, kind=FilingKind.GROUP_REGISTRATION, received_on=d(1, 6))
        cls.period = make_period(cls.city, make_template(), start=START, end=END)

    def tables(self, unit):
        return report_indicators.review_tables(self.period, unit)

    def test_the_city_s_table_per_religion_with_small_cells_hidden(self):
        figures, filings = self.tables(self.city)
        self.assertEqual(figures["area"], "religion")
        rows = {row[0]: row[1:] for row in figures["rows"]}
        self.assertEqual(set(rows), {"Phật giáo", "Công giáo", "Tín ngưỡng", "Tin lành"})
        # Establishments 6 + 1 (hidden "<5" in ward B: the total is a range), dignitaries
        # 1, officials 0, followers 120 + 3 (hidden: 120 + 1 … 120 + 4).
        self.assertEqual(rows["Phật giáo"], ["7–10", 0, "<5", 0, "121–124"])
        self.assertEqual(rows["Tin lành"], [0, "<5", 0, 0, 0])
        self.assertEqual(rows["Công giáo"], ["<5", 0, 0, 0, 1200])
        self.assertEqual(rows["Tín ngưỡng"], [5, 0, 0, 0, 0])
        # The filings are the ward's work, not believers: exact.
        self.assertEqual(filings["rows"], [[6, 5, 1]])

    def test_the_figures_equal_the_figures_page_s_totals_on_30_june(self):
        (figures, _filings) = self.tables(self.city)
        shown = stats.present(stats.compute(self.city, "followers", END), exact=False)
        total = shown.totals["cong-giao"]
        self.assertEqual((total.low, total.high), (1200, 1200))
        row = next(r for r in figures["rows"] if r[0] == "Công giáo")
        self.assertEqual(row[5], 1200)

    def test_ward_b_s_table_holds_ward_b_only(self):
        figures, filings = self.tables(self.ward_b)
        rows = {row[0]: row[1:] for row in figures["rows"]}
        self.assertEqual(rows["Phật giáo"], ["<5", 0, 0, 0, "<5"])
        self.assertEqual(filings["rows"], [[1, 0, 1]])

    def test_a_unit_with_nothing_adds_no_table(self):
        self.assertEqual(self.tables(self.neighbourhood_b1), [])

    def test_no_figure_of_1_to_4_and_no_individual(self):
        for unit in (self.city, self.ward_a, self.ward_b):
            figures, filings = self.tables(unit)
            for row in figures["rows"]:
                for cell in row:
                    self.assertNotIn(cell, (1, 2, 3, 4), (unit, row))
            for row in figures["rows"] + filings["rows"]:
                self.assertNotIn(DIGNITARY, str(row))

    def test_a_neighbourhood_gets_no_figures_only_its_filings(self):
        make_filing(self.neighbourhood_a1, received_on=d(1, 3))
        figures, filings = self.tables(self.neighbourhood_a1)
        self.assertEqual(figures["rows"], [])
        self.assertEqual(filings["rows"], [[1, 0, 1]])  # received 1/3, overdue by 30/6

    def test_the_review_document_carries_the_section_and_its_tables(self):
        data = review.review_data(self.period, self.city)
        data["narrative"] = review.review_sections(self.period, self.city, data)
        headings = [s["heading"] for s in data["narrative"]]
        self.assertTrue(any(HEADING in h for h in headings), headings)
        job = ReviewReport.objects.create(period=self.period, unit=self.city, number="7")
        content = document.build(job, data, when=datetime.date(2026, 7, 5))
        parsed = docx.Document(io.BytesIO(content))
        found = {
            t.rows[0].cells[0].text: [[c.text for c in r.cells] for r in t.rows[1:]]
            for t in parsed.tables
            if t.rows[0].cells[0].text in ("Tôn giáo", "Hồ sơ tiếp nhận")
        }
        self.assertIn(["Phật giáo", "7–10", "0", "<5", "0", "121–124"], found["Tôn giáo"])
        self.assertIn(["Công giáo", "<5", "0", "0", "0", "1.200"], found["Tôn giáo"])
        self.assertEqual(found["Hồ sơ tiếp nhận"], [["6", "5", "1"]])
        text = "\n".join(p.text for p in parsed.paragraphs)
        for table in parsed.tables:
            text += "\n" + "\n".join(c.text for r in table.rows for c in r.cells)
        self.assertNotIn(DIGNITARY, text)
        self.assertIn("Tình hình tôn giáo, tín ngưỡng (đến ngày 30/06/2026)", text)
        religion_cells = [c for r in found["Tôn giáo"] for c in r[1:]]
        self.assertFalse([c for c in religion_cells if re.fullmatch(r"[1-4]", c)])
