"""The six-month review's section "Công tác tham gia bồi thường, GPMB" (design §1.6,
acceptance 12): a table of each key project, from the same roll-up as the figures
pages, as of the period's end."""

import datetime
import io

import docx

from dvs.cases.tests.helpers import receive
from dvs.clearance import report_indicators, stats
from dvs.clearance.models import MilestoneKind, Outcome
from dvs.clearance.tests.helpers import (
    make_milestone,
    make_obstacle,
    make_party,
    make_project,
    make_segment,
    make_visit,
)
from dvs.reports import document, review
from dvs.reports.models import ReviewReport
from dvs.reports.tests.helpers import make_period, make_template
from dvs.testing import BaseTestCase

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)
HEADING = "Công tác tham gia bồi thường, GPMB"


class ReviewSectionTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.route = make_project(cls.city)
        cls.segment_a = make_segment(cls.route, cls.ward_a)
        cls.segment_b = make_segment(cls.route, cls.ward_b)
        cls.an = make_party(cls.segment_a, "Hộ ông Nguyễn Văn An")
        cls.binh = make_party(cls.segment_a, "Hộ bà Trần Thị Bình")
        cls.cuong = make_party(cls.segment_b, "Hộ ông Lê Văn Cường")
        make_visit(cls.an, on=datetime.date(2026, 5, 4), outcome=Outcome.AGREES)
        make_milestone(cls.an, MilestoneKind.HANDOVER, datetime.date(2026, 6, 10))
        make_milestone(cls.binh, MilestoneKind.HANDOVER, datetime.date(2026, 7, 2))
        case = receive(cls.ward_b)
        for _n in range(2):
            make_obstacle(cls.cuong, case=case, opened_on=datetime.date(2026, 5, 6))
        cls.period = make_period(cls.city, make_template(), start=START, end=END)

    def table(self, unit):
        (table,) = report_indicators.review_tables(self.period, unit)
        return table

    def test_the_city_s_table_equals_the_figures_page_on_30_june(self):
        rollup = stats.route_rollup(self.route, as_of=END)
        (row,) = self.table(self.city)["rows"]
        self.assertEqual(
            row[1:],
            [
                rollup.total.affected,
                rollup.total.agreed,
                rollup.total.handed_over,
                rollup.total.outstanding,
                1,
            ],
        )
        self.assertEqual(row[1:5], [3, 1, 1, 2])

    def test_ward_a_s_table_holds_ward_a_s_segment_only(self):
        (row,) = self.table(self.ward_a)["rows"]
        self.assertEqual(row[1:], [2, 1, 1, 1, 0])

    def test_the_review_document_carries_the_section_and_its_table(self):
        data = review.review_data(self.period, self.city)
        data["narrative"] = review.review_sections(self.period, self.city, data)
        headings = [s["heading"] for s in data["narrative"]]
        self.assertTrue(any(HEADING in h for h in headings), headings)
        job = ReviewReport.objects.create(period=self.period, unit=self.city, number="7")
        content = document.build(job, data, when=datetime.date(2026, 7, 5))
        tables = docx.Document(io.BytesIO(content)).tables
        found = [
            [cell.text for cell in t.rows[1].cells]
            for t in tables
            if t.rows[0].cells[0].text == "Dự án"
        ]
        self.assertEqual(found, [["VD4-2026-001 — Đường vành đai 4", "3", "1", "1", "2", "1"]])
