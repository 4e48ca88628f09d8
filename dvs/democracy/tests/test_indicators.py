"""The report indicators of grassroots democracy and the six-month review's section
"Thực hiện dân chủ ở cơ sở": each indicator counts what its help says within the period's
bounds (both days included), keyed by the unit the row was recorded in; the review's
tables add up the same functions over the unit's subtree and reach the DOCX."""

import datetime
import io

import docx
from django.utils import translation

from dvs.democracy import report_indicators
from dvs.democracy.models import Board, Charter, Form, Item
from dvs.democracy.tests.helpers import (
    make_board,
    make_charter,
    make_conference,
    make_consultation,
    make_disclosure,
    make_inspection,
    make_matter,
)
from dvs.reports import document, review
from dvs.reports.models import IndicatorValue, ReviewReport
from dvs.reports.narrative import AREAS
from dvs.reports.registry import computed_indicators
from dvs.reports.rollup import fill_indicator
from dvs.reports.tests.helpers import make_period, make_template
from dvs.testing import BaseTestCase

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)


def d(day, month, year=2026):
    return datetime.date(year, month, day)


def compute(code, start=START, end=END):
    return computed_indicators()[code].compute(start, end)


def decided(unit, form, on, passed, title="Việc"):
    return make_matter(
        unit, title, item=Item.OTHER, decided_form=form, decided_on=on, passed=passed
    )


def _rows(cls):
    """Rows in and around the first half of 2026, in both wards."""
    a1, a, b = cls.neighbourhood_a1, cls.ward_a, cls.ward_b
    decided(a1, Form.MEETING, d(1, 1), True)  # the first day counts
    decided(a1, Form.MEETING, d(30, 6), False)  # and the last
    decided(a1, Form.BALLOT, d(15, 3), True)
    decided(b, Form.ONLINE, d(2, 2), True)
    decided(b, Form.MEETING, d(1, 7), True)  # after the period
    decided(b, Form.MEETING, d(31, 12, 2025), True)  # before it
    make_matter(a1, "Chưa quyết định")
    consultation = make_consultation(a, published_on=d(1, 3))
    consultation.opinions.create(channel="meeting", stance="agree", count=40, received_on=d(5, 3))
    consultation.opinions.create(channel="portal", stance="disagree", received_on=d(6, 3))
    make_consultation(b, "Chưa công bố")
    # Due 9/9 style: decided 2/3 (Mon), due 9/3; posted on 9/3 on time, 10/3 late.
    make_disclosure(a, decided_on=d(2, 3), disclose_by=d(9, 3), posted_from=d(9, 3))
    make_disclosure(a, decided_on=d(2, 3), disclose_by=d(9, 3), posted_from=d(10, 3))
    make_disclosure(b, decided_on=d(2, 3), disclose_by=d(9, 3))  # not posted
    make_charter(a1, recognised_on=d(10, 5), status=Charter.Status.RECOGNISED)
    inspection_board = make_board(a)
    make_inspection(inspection_board, held_on=d(4, 5))
    make_inspection(inspection_board, held_on=d(4, 8))
    make_board(b, "Ban giám sát dự án đường", kind=Board.Kind.MONITORING, term_from=d(1, 2))
    make_board(
        b,
        "Ban giám sát đã giải thể",
        kind=Board.Kind.MONITORING,
        term_from=d(1, 1, 2025),
        dissolved_on=d(1, 12, 2025),
    )
    make_conference(a1, 2025, held_on=d(20, 12, 2025))
    make_conference(a1, 2026, held_on=d(15, 6))


class DemocracyIndicatorTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        _rows(cls)

    def test_matters_decided_and_passed_by_their_decision_date(self):
        self.assertEqual(
            compute("democracy_matters_decided"),
            {self.neighbourhood_a1.pk: 3, self.ward_b.pk: 1},
        )
        self.assertEqual(
            compute("democracy_matters_passed"),
            {self.neighbourhood_a1.pk: 2, self.ward_b.pk: 1},
        )
        self.assertEqual(compute("democracy_matters_meeting"), {self.neighbourhood_a1.pk: 2})
        self.assertEqual(compute("democracy_matters_ballot"), {self.neighbourhood_a1.pk: 1})
        self.assertEqual(compute("democracy_matters_online"), {self.ward_b.pk: 1})

    def test_consultations_opinions_and_disclosures(self):
        self.assertEqual(compute("democracy_consultations"), {self.ward_a.pk: 1})
        self.assertEqual(compute("democracy_opinions"), {self.ward_a.pk: 41})
        self.assertEqual(compute("democracy_disclosures"), {self.ward_a.pk: 2})
        self.assertEqual(compute("democracy_disclosures_on_time"), {self.ward_a.pk: 1})

    def test_charters_inspections_boards_and_conferences(self):
        self.assertEqual(compute("democracy_charters_recognised"), {self.neighbourhood_a1.pk: 1})
        self.assertEqual(compute("democracy_inspections"), {self.ward_a.pk: 1})
        self.assertEqual(compute("democracy_monitoring_boards"), {self.ward_b.pk: 1})
        self.assertEqual(compute("democracy_conferences"), {self.neighbourhood_a1.pk: 1})

    def test_every_indicator_belongs_to_the_democracy_area_with_help(self):
        area = next(a for a in AREAS if a.key == "democracy")
        mine = [i for code, i in computed_indicators().items() if code.startswith("democracy")]
        self.assertEqual(len(mine), 13)
        for indicator in mine:
            self.assertTrue(area.owns(indicator.code), indicator.code)
            with translation.override("en"):
                english = str(indicator.name), str(indicator.help)
            with translation.override("vi"):
                self.assertNotEqual(str(indicator.name), english[0])
                self.assertNotEqual(str(indicator.help), english[1])

    def test_the_city_s_filled_figure_adds_up_its_wards_and_neighbourhoods(self):
        period = make_period(self.city, make_template(), start=START, end=END)
        fill_indicator(period, "democracy_matters_decided")
        value = IndicatorValue.objects.get(
            period=period, code="democracy_matters_decided", unit=self.city
        )
        self.assertEqual(value.value, 4)


class DemocracyReviewSectionTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        _rows(cls)

    def tables(self, unit):
        period = make_period(self.city, make_template(), start=START, end=END)
        return report_indicators.review_tables(period, unit)

    def test_the_city_s_tables_by_form_and_result(self):
        matters, work = self.tables(self.city)
        self.assertEqual(matters["area"], "democracy")
        self.assertEqual(
            matters["rows"],
            [
                ["Họp", 2, 1, 1],
                ["Phát phiếu lấy ý kiến hộ gia đình", 1, 1, 0],
                ["Biểu quyết trực tuyến", 1, 1, 0],
                ["Tổng cộng", 4, 3, 1],
            ],
        )
        self.assertEqual(
            dict(work["rows"]),
            {
                "Cuộc lấy ý kiến Nhân dân được công bố": 1,
                "Ý kiến Nhân dân tiếp nhận": 41,
                "Nội dung công khai được niêm yết": 2,
                "– trong đó công khai đúng hạn": 1,
                "Hương ước, quy ước được công nhận": 1,
                "Cuộc kiểm tra của Ban Thanh tra nhân dân": 1,
                "Ban Giám sát đầu tư của cộng đồng hoạt động": 1,
                "Hội nghị cộng đồng, đối thoại với Nhân dân": 1,
            },
        )

    def test_a_ward_s_tables_hold_its_own_subtree_only(self):
        matters, work = self.tables(self.ward_b)
        self.assertEqual(matters["rows"][-1], ["Tổng cộng", 1, 1, 0])
        self.assertEqual(dict(work["rows"])["Cuộc lấy ý kiến Nhân dân được công bố"], 0)

    def test_a_unit_with_nothing_adds_no_table(self):
        self.assertEqual(self.tables(self.neighbourhood_b1), [])

    def test_the_review_document_carries_the_section_and_its_tables(self):
        period = make_period(self.city, make_template(), start=START, end=END)
        data = review.review_data(period, self.city)
        data["narrative"] = review.review_sections(period, self.city, data)
        headings = [s["heading"] for s in data["narrative"]]
        self.assertTrue(any("Thực hiện dân chủ ở cơ sở" in h for h in headings), headings)
        job = ReviewReport.objects.create(period=period, unit=self.city, number="8")
        parsed = docx.Document(io.BytesIO(document.build(job, data, when=d(5, 7))))
        found = {
            t.rows[0].cells[0].text: [[c.text for c in r.cells] for r in t.rows[1:]]
            for t in parsed.tables
            if t.rows[0].cells[0].text in ("Hình thức", "Nội dung")
        }
        self.assertIn(["Phát phiếu lấy ý kiến hộ gia đình", "1", "1", "0"], found["Hình thức"])
        self.assertIn(["Ý kiến Nhân dân tiếp nhận", "41"], found["Nội dung"])
