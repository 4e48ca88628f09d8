"""The period page is short with its main action first; generated reports are listed once,
newest first, in local time; technical notices are for administrators; the leaders'
dashboard draws the figures its tables show, and exports them."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

from dvs.lib.tests.chart_html import charts_on, number, sheet_rows
from dvs.reports.models import ReviewReport

from .helpers import ReportsTestCase

NOTICE = "Chưa cài LibreOffice"


class PeriodPageTests(ReportsTestCase):
    def test_the_generate_button_comes_before_the_sections(self):
        self.login(self.city_specialist)
        html = self.client.get(reverse("reports_period", args=[self.period.pk])).content.decode()
        generate = html.index('id="generate"')
        self.assertLess(generate, html.index('id="submissions"'))
        self.assertLess(generate, html.index('id="edit-review"'))
        self.assertLess(html.index('id="generate-review"'), html.index('id="unit-reports"'))

    def test_generated_reports_are_listed_once_newest_first_in_local_time(self):
        jobs = [
            ReviewReport.objects.create(period=self.period, unit=self.city, status="done")
            for _ in range(3)
        ]
        first = datetime.datetime(2025, 7, 1, 1, 30, tzinfo=datetime.UTC)  # 08:30 in Hà Nội
        for n, job in enumerate(jobs):
            ReviewReport.objects.filter(pk=job.pk).update(
                created_at=first + datetime.timedelta(hours=n)
            )
        self.login(self.city_specialist)
        html = self.client.get(reverse("reports_period", args=[self.period.pk])).content.decode()
        listed = [int(pk) for pk in re.findall(r'<tr data-job="(\d+)"', html)]
        self.assertEqual(listed, [jobs[2].pk, jobs[1].pk, jobs[0].pk])
        self.assertIn("01/07/2025 10:30", html)
        self.assertIn("01/07/2025 08:30", html)
        self.assertEqual(html.count(reverse("reports_review_job", args=[jobs[0].pk])), 1)

    def test_the_libreoffice_notice_is_for_administrators(self):
        job = ReviewReport.objects.create(
            period=self.period,
            unit=self.city,
            status="done",
            message="Chưa cài LibreOffice: không tạo được tệp PDF.",
            finished_at=timezone.now(),
        )
        url = reverse("reports_review_job", args=[job.pk])
        self.login(self.city_leader)
        leader = self.client.get(url)
        self.assertEqual(leader.status_code, 200)
        self.assertNotContains(leader, "LibreOffice")
        self.login(self.admin)
        self.assertContains(self.client.get(url), "LibreOffice")
        failed = ReviewReport.objects.create(
            period=self.period, unit=self.city, status="failed", message="Traceback: KeyError"
        )
        self.login(self.city_leader)
        page = self.client.get(reverse("reports_review_job", args=[failed.pk]))
        self.assertNotContains(page, "Traceback")
        self.assertContains(page, "quản trị hệ thống")


class DashboardChartTests(ReportsTestCase):
    def dashboard(self, user, **params):
        self.login(user)
        page = self.client.get(reverse("reports_dashboard", args=[self.period.pk]), params)
        self.assertEqual(page.status_code, 200)
        return page, charts_on(page.content.decode())

    def test_the_key_figures_chart_draws_the_key_figures_table(self):
        page, drawn = self.dashboard(self.city_leader)
        html = page.content.decode()
        table = {}
        for code, cells in re.findall(r'<tr data-code="([^"]+)">(.*?)</tr>', html, re.S):
            tds = re.findall(r"<td>(.*?)</td>", cells, re.S)
            table[code] = [number(tds[1]), 0 if tds[2].strip() == "–" else number(tds[2])]
        names = {row.code: row.name for row in page.context["data"]["rows"]}
        drawn_key = {label: values for label, values, _f in drawn["key"]["svg"]}
        self.assertTrue(table)
        self.assertEqual(drawn_key, {names[code]: values for code, values in table.items()})
        self.assertIn('aria-describedby="key-figures"', html)
        export = self.client.get(
            reverse("reports_dashboard", args=[self.period.pk]), {"format": "xlsx", "chart": "key"}
        )
        header, *rows = sheet_rows(export.content)
        self.assertEqual(header[0], "Chỉ tiêu")
        self.assertEqual([(r[0], r[2]) for r in rows], [(names[c], v[0]) for c, v in table.items()])

    def test_the_units_chart_marks_the_laggards_and_exports_its_table(self):
        page, drawn = self.dashboard(self.city_leader, indicator="cases_received")
        units = drawn["units"]
        self.assertEqual(
            [(label, values) for label, values, _f in units["svg"]],
            [(label, values) for label, values, _f in units["table"]],
        )
        by_unit = {label: values[0] for label, values, _f in units["table"]}
        self.assertEqual(by_unit["Phường An Bình"] + by_unit["Phường Bình Minh"], 9)
        export = self.client.get(
            reverse("reports_dashboard", args=[self.period.pk]),
            {"indicator": "cases_received", "format": "xlsx", "chart": "units"},
        )
        header, *rows = sheet_rows(export.content)
        self.assertEqual(
            [(r[0], [r[1]], bool(r[2:] and r[2])) for r in rows],
            [(label, values, flag) for label, values, flag in units["table"]],
        )

    def test_a_ward_officers_charts_hold_their_ward_only(self):
        page, drawn = self.dashboard(self.ward_a_officer, indicator="cases_received")
        self.assertEqual(page.context["unit"], self.ward_a)
        labels = [label for label, _v, _f in drawn["units"]["table"]]
        self.assertEqual(labels[1:], ["Khu phố 1", "Khu phố 2"])
        self.assertNotContains(page, "Bình Minh")
        self.assertEqual(sum(v[0] for _l, v, _f in drawn["units"]["table"]), 5)


class LaggardTests(ReportsTestCase):
    def test_the_units_worse_than_the_average_come_first_and_are_marked(self):
        from types import SimpleNamespace

        from dvs.reports import views
        from dvs.reports.rollup import Row

        def figures(n):
            return SimpleNamespace(values={"cases_resolved": n})

        row = Row("cases_resolved", "Đơn thư đã giải quyết", "đơn", 14, 10, 14, True)
        data = {
            "rows": [row],
            "previous_period": self.previous,
            "own": figures(2),
            "children": [(self.ward_a, figures(10)), (self.ward_b, figures(2))],
        }
        key, units = views.dashboard_charts(self.period, self.city, data, "cases_resolved")
        self.assertEqual(key.rows[0].values, [14, 10])
        self.assertEqual(key.rows[0].flag, "")  # better than before
        self.assertEqual(
            [(r.label, r.values, bool(r.flag)) for r in units.rows],
            [
                ("Thành phố Thử (trực tiếp)", [2], False),
                ("Phường Bình Minh", [2], True),
                ("Phường An Bình", [10], False),
            ],
        )
        row.higher_is_better = False  # fewer is better: the larger figure lags
        _key, units = views.dashboard_charts(self.period, self.city, data, "cases_resolved")
        self.assertEqual([r.label for r in units.rows if r.flag], ["Phường An Bình"])
        self.assertEqual(_key.rows[0].flag, "xấu đi")
