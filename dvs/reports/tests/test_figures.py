"""The figures of a period by unit: a unit's own report adds to its units' (issue 12 §9),
the unit's own records have a row so that rows add up to the total (§10), one status word
for a unit's report everywhere (§11), and a change coloured by whether it is good (§12)."""

import datetime
import io
import re

from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import translation
from docx import Document

from dvs.reports import actions, review, rollup
from dvs.reports.models import ReviewReport, TemplateIndicator, UnitReport
from dvs.reports.registry import computed_indicators

from .helpers import ReportsTestCase


class FiguresTestCase(ReportsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from dvs.cases.tests.helpers import receive

        # Two petitions received by the city itself, besides the wards' nine.
        for _ in range(2):
            receive(cls.city, received_on=datetime.date(2025, 4, 1))

    def file(self, unit, by, values=None, notes=None):
        report = actions.open_report(self.period, unit, by=by)
        report = actions.save_report(report, values=values or {}, notes=notes or {}, by=by)
        return actions.submit_report(report, by=by)

    def file_all(self):
        """Ward A corrects its petitions (5 → 7) and reports 30 training classes, ward B 24;
        the city files its own report: 2 classes it held itself."""
        self.file(
            self.ward_a,
            self.ward_a_officer,
            {"trainings": 30, "cases_received": 7},
            {"cases_received": "Hai đơn gửi qua bưu điện chưa nhập"},
        )
        self.file(self.ward_b, self.ward_b_officer, {"trainings": 24})
        return self.file(self.city, self.city_specialist, {"trainings": 2})

    def generate_review(self):
        job = ReviewReport.objects.create(
            period=self.period, unit=self.city, created_by=self.city_specialist
        )
        review.generate(job, pdf=False)
        return Document(io.BytesIO(job.docx.read()))

    def annex(self, doc):
        table = doc.tables[-1]
        return [[cell.text for cell in row.cells] for row in table.rows]


class OwnReportTests(FiguresTestCase):
    """§9: the city's own filed report adds to its wards' figures, never replaces them."""

    def test_the_citys_own_report_adds_to_what_its_wards_reported(self):
        city_report = self.file_all()
        # The city's report is prefilled with its own records only: its wards report theirs.
        received = city_report.values.get(code="cases_received")
        self.assertEqual((received.computed, received.value), (2, 2))
        rows = {row.code: row for row in rollup.summary(self.period, self.city)["rows"]}
        self.assertEqual(rows["trainings"].value, 2 + 30 + 24)
        # Computed: the records of the city (2), ward A's corrected figure (7) and ward B's
        # records (4), each counted once.
        self.assertEqual(rows["cases_received"].value, 2 + 7 + 4)
        self.assertEqual(rows["residents"].value, 0)

    def test_through_the_api_the_city_reads_its_own_records_and_the_sum(self):
        self.file_all()
        own = self.api_get(f"/reports/{self.period.pk}/units/C1", self.city_specialist).json()
        received = next(i for i in own["indicators"] if i["code"] == "cases_received")
        self.assertEqual(received["computed"], 2)
        body = self.api_get(
            f"/reports/{self.period.pk}/summary", self.city_leader, unit="C1"
        ).json()
        figures = {i["code"]: i["value"] for i in body["indicators"]}
        self.assertEqual((figures["trainings"], figures["cases_received"]), (56, 13))

    def test_the_citys_report_page_says_it_holds_the_citys_own_work(self):
        self.login(self.city_specialist)
        city = self.client.get(reverse("reports_unit", args=[self.period.pk, "C1"]))
        ward = self.client.get(reverse("reports_unit", args=[self.period.pk, "A"]))
        self.assertContains(city, 'id="own-report-help"')
        self.assertNotContains(ward, 'id="own-report-help"')


class OwnRowTests(FiguresTestCase):
    """§10: every table by unit has a row for the unit's own records; rows add up."""

    def test_the_summary_has_the_citys_own_part_and_the_rows_add_up(self):
        data = rollup.summary(self.period, self.city)
        totals = {row.code: row.value for row in data["rows"]}
        self.assertEqual(totals["cases_received"], 11)
        self.assertEqual(data["own"].values["cases_received"], 2)
        for code, total in totals.items():
            with self.subTest(code=code):
                parts = [data["own"].values[code]] + [f.values[code] for _c, f in data["children"]]
                self.assertEqual(sum(parts), total)

    def test_the_own_part_holds_the_citys_own_report_too(self):
        self.file_all()
        data = rollup.summary(self.period, self.city)
        self.assertEqual(data["own"].values["trainings"], 2)
        self.assertEqual(data["own"].values["cases_received"], 2)
        self.assertEqual(data["own"].reported_units, 1)

    def test_the_api_marks_the_own_row_and_its_rows_add_up(self):
        body = self.api_get(
            f"/reports/{self.period.pk}/summary", self.city_leader, unit="C1"
        ).json()
        own = [u for u in body["units"] if u["own"]]
        self.assertEqual(len(own), 1)
        self.assertEqual(own[0]["code"], "C1")
        self.assertTrue(own[0]["name"].startswith("Thành phố Thử ("))
        self.assertEqual(own[0]["values"]["cases_received"], 2)
        for indicator in body["indicators"]:
            with self.subTest(code=indicator["code"]):
                self.assertEqual(
                    indicator["value"],
                    sum(u["values"][indicator["code"]] for u in body["units"]),
                )

    def test_the_dashboard_shows_the_own_row_and_the_bars_add_up(self):
        self.login(self.city_leader)
        page = self.client.get(
            reverse("reports_dashboard", args=[self.period.pk]), {"indicator": "cases_received"}
        )
        html = page.content.decode()
        # The chart's table beside the bars: the city's own row first, then each ward.
        figure = html[
            html.index('id="chart-units"') : html.index("</figure>", html.index('id="chart-units"'))
        ]
        own, *units = re.findall(r'<td data-value="(-?\d+)"', figure)
        total = page.context["chosen_row"].value
        self.assertEqual(own, "2")
        self.assertEqual(sorted(units), ["4", "5"])
        self.assertEqual(int(own) + sum(map(int, units)), total)
        self.assertEqual(total, 11)
        self.assertIn("11", page.context["charts"]["units"].note)

    def test_the_docx_annex_has_the_own_row_and_its_rows_add_up(self):
        self.file_all()
        rows = self.annex(self.generate_review())
        head, own, *wards, total = rows
        self.assertEqual(own[0], "Thành phố Thử (trực tiếp)")
        self.assertEqual([w[0] for w in wards], ["Phường An Bình", "Phường Bình Minh"])
        self.assertEqual(total[0], "Tổng cộng")
        received = head.index("Đơn thư tiếp nhận")
        trainings = head.index("Lớp tập huấn")
        self.assertEqual((own[received], own[trainings]), ("2", "2"))
        for column in range(1, len(head) - 1):
            with self.subTest(column=head[column]):
                parts = [int(r[column].replace(".", "")) for r in (own, *wards)]
                self.assertEqual(sum(parts), int(total[column].replace(".", "")))


class CaseDashboardOwnRowTests(FiguresTestCase):
    """§10 on the petitions dashboard: its table by unit has the city's own row too."""

    def test_the_citys_own_cases_have_a_row_and_the_rows_add_up(self):
        self.login(self.city_leader)
        page = self.client.get(
            reverse("cases_dashboard"), {"from": "2025-01-01", "to": "2025-06-30", "unit": "C1"}
        )
        figures, own = page.context["figures"], page.context["own"]
        self.assertEqual((figures.received, own["received"]), (11, 2))
        for key, total in (
            ("received", figures.received),
            ("resolved", figures.resolved),
            ("overdue", figures.overdue),
        ):
            with self.subTest(key=key):
                rows = [own[key]] + [row[key] for _c, row in page.context["children"]]
                self.assertEqual(sum(rows), total)
        self.assertRegex(
            page.content.decode(), r'<tr data-own="true"><td><em>Thành phố Thử [^<]*</em></td>'
        )


class StatusWordTests(FiguresTestCase):
    """§11: a unit report's status reads the same on the web, in the API and the DOCX."""

    def test_the_status_words_are_the_boards_words_for_reports(self):
        with translation.override("en"):
            self.assertEqual(
                {s: str(UnitReport.Status(s).label) for s in UnitReport.Status.values},
                {
                    "draft": "Not submitted",
                    "submitted": "Received",
                    "accepted": "Approved",
                    "returned": "Returned",
                },
            )
        self.assertEqual(dict(review.STATUS_LABELS), dict(UnitReport.Status.labels_in("vi")))

    def test_an_approved_and_a_received_report_read_the_same_on_the_web_api_and_docx(self):
        ward_a = self.file(self.ward_a, self.ward_a_officer)
        actions.review_report(ward_a, accept=True, by=self.city_specialist)
        self.file(self.ward_b, self.ward_b_officer)
        self.login(self.city_leader)
        listing = self.client.get(reverse("reports_period", args=[self.period.pk])).content
        web = {
            code: label.strip()
            for code, label in re.findall(
                r'<tr data-unit="(\w+)"[^>]*>\s*<td>.*?</td>\s*<td>(.*?)</td>',
                listing.decode(),
                re.S,
            )
        }
        annex = {row[0]: row[-1] for row in self.annex(self.generate_review())}
        docx = {"A": annex["Phường An Bình"], "B": annex["Phường Bình Minh"]}
        body = self.api_get(
            f"/reports/{self.period.pk}/summary", self.city_leader, unit="C1"
        ).json()
        api = {u["code"]: u["report_label"] for u in body["units"] if not u["own"]}
        self.assertEqual(web, docx)
        self.assertEqual(api, docx)
        with translation.override("vi"):
            self.assertEqual(docx["A"], str(UnitReport.Status.ACCEPTED.label))
            self.assertEqual(docx["B"], str(UnitReport.Status.SUBMITTED.label))
        self.assertNotIn("thụ lý", docx["A"])


class TrendTests(SimpleTestCase):
    """§12: a change reads as good, bad or neither by the indicator's direction."""

    def row(self, value, previous, higher_is_better):
        return rollup.Row("x", "x", "", value, previous, None, higher_is_better=higher_is_better)

    def test_a_rise_is_good_or_bad_by_the_indicator(self):
        self.assertEqual(self.row(3, 1, False).trend, "bad")
        self.assertEqual(self.row(1, 3, False).trend, "good")
        self.assertEqual(self.row(3, 1, True).trend, "good")
        self.assertEqual(self.row(1, 3, True).trend, "bad")
        self.assertEqual(self.row(3, 1, None).trend, "neutral")
        self.assertEqual(self.row(3, 3, False).trend, "")
        self.assertEqual(self.row(3, None, False).trend, "")


class DirectionTests(FiguresTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.template.indicators.add(
            TemplateIndicator(
                code="cases_overdue", name="Đơn quá hạn", unit_of_measure="đơn", source="computed"
            )
        )
        cls.template.save()

    def test_each_indicator_says_whether_a_rise_is_good(self):
        registry = computed_indicators()
        for code, expected in (
            ("cases_overdue", False),
            ("tasks_overdue", False),
            ("cases_resolved", True),
            ("members", True),
            ("exemplars", True),
            ("cases_received", None),
            ("residents", None),
        ):
            with self.subTest(code=code):
                self.assertIs(registry[code].higher_is_better, expected)

    def test_a_template_indicator_filled_by_hand_can_say_it_too(self):
        self.assertIsNone(rollup.directions(self.template)["trainings"])
        TemplateIndicator.objects.filter(template=self.template, code="trainings").update(
            higher_is_better=True
        )
        directions = rollup.directions(self.template)
        self.assertIs(directions["trainings"], True)
        self.assertIsNone(directions["cases_received"])

    def test_the_dashboard_shows_a_rise_of_overdue_petitions_as_bad_in_colour_and_words(self):
        self.login(self.city_leader)
        html = self.client.get(reverse("reports_dashboard", args=[self.period.pk])).content
        rows = dict(re.findall(r'<tr data-code="(\w+)">(.*?)</tr>', html.decode(), re.S))
        overdue, received = rows["cases_overdue"], rows["cases_received"]
        self.assertIn('data-trend="bad"', overdue)
        self.assertIn("dvs-bad", overdue)
        with translation.override("vi"):
            from django.utils.translation import gettext

            self.assertIn(gettext("worse"), overdue)
        self.assertIn('data-trend="neutral"', received)
        self.assertNotIn("dvs-good", received)
        self.assertNotIn("dvs-bad", received)

    def test_the_api_says_how_a_change_reads(self):
        body = self.api_get(
            f"/reports/{self.period.pk}/summary", self.city_leader, unit="C1"
        ).json()
        figures = {i["code"]: i for i in body["indicators"]}
        self.assertEqual(
            (figures["cases_overdue"]["trend"], figures["cases_overdue"]["higher_is_better"]),
            ("bad", False),
        )
        self.assertEqual(figures["cases_received"]["trend"], "neutral")
