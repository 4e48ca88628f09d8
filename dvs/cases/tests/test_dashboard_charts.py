"""The case dashboard's charts: what they draw is what their tables say, the figures of
the dashboard; a ward officer's charts hold their ward only; each chart's Excel sheet
has the table's rows."""

import datetime

from django.urls import reverse

from dvs.cases import stats
from dvs.cases.tests.helpers import receive
from dvs.lib.tests.chart_html import charts_on, sheet_rows
from dvs.testing import BaseTestCase

D = datetime.date
PERIOD = {"from": "2026-01-01", "to": "2026-06-30"}


class DashboardChartTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        receive(cls.neighbourhood_a1, received_on=D(2026, 1, 5))
        receive(cls.neighbourhood_a1, kind="petition", received_on=D(2026, 3, 9))
        receive(cls.neighbourhood_a2, received_on=D(2026, 3, 20))
        receive(cls.neighbourhood_b1, kind="denunciation", received_on=D(2026, 2, 2))
        receive(cls.ward_b, received_on=D(2025, 9, 14))  # the previous six months
        receive(cls.ward_a, received_on=D(2025, 7, 1))

    def charts(self, user, **params):
        self.login(user)
        page = self.client.get(reverse("cases_dashboard"), {**PERIOD, **params})
        self.assertEqual(page.status_code, 200)
        return page, charts_on(page.content.decode())

    def assert_drawn_as_tabled(self, drawn):
        for slug, chart in drawn.items():
            with self.subTest(chart=slug):
                self.assertIsNotNone(chart["root"])
                self.assertEqual(
                    [(label, values) for label, values, _f in chart["svg"]],
                    [(label, values) for label, values, _f in chart["table"]],
                )

    def test_the_city_charts_are_the_dashboards_figures(self):
        page, drawn = self.charts(self.city_leader, unit="C1")
        self.assert_drawn_as_tabled(drawn)
        self.assertEqual(set(drawn), {"months", "kind", "area", "units"})
        months = {label: values for label, values, _f in drawn["months"]["table"]}
        self.assertEqual(
            months,
            {
                "01/2026": [1, 1],
                "02/2026": [1, 0],
                "03/2026": [2, 1],
                "04/2026": [0, 0],
                "05/2026": [0, 0],
                "06/2026": [0, 0],
            },
        )
        figures = page.context["figures"]
        self.assertEqual(sum(v[0] for v in months.values()), figures.received)
        kinds = {label: values[0] for label, values, _f in drawn["kind"]["table"]}
        self.assertEqual(kinds, {label: n for _k, label, n in figures.by_kind})
        self.assertEqual(sum(kinds.values()), 4)
        overdue = {label: v[0] for label, v, _f in drawn["units"]["table"]}
        self.assertEqual(
            overdue, {unit.name: row["overdue"] for unit, row in page.context["children"]}
        )
        # Ward A has more overdue cases than the average of the two: it is marked.
        flagged = [label for label, _v, flag in drawn["units"]["table"] if flag]
        self.assertEqual(flagged, ["Phường An Bình"])
        # Overdue as of the period's end: last year's open cases too.
        self.assertEqual(overdue, {"Phường An Bình": 4, "Phường Bình Minh": 2})

    def test_the_api_gives_the_charts_figures(self):
        page, drawn = self.charts(self.city_leader, unit="C1")
        body = self.api_get(
            "/cases/stats",
            self.city_leader,
            unit="C1",
            received_from=PERIOD["from"],
            received_to=PERIOD["to"],
            by_month="true",
        ).json()
        months = [
            [f"{row['month'][5:]}/{row['month'][:4]}", [row["received"], row["previous"]]]
            for row in body["by_month"]
        ]
        self.assertEqual(months, [[label, v] for label, v, _f in drawn["months"]["table"]])
        self.assertEqual(body["by_month"][0]["previous_month"], "2025-07")
        figures = page.context["figures"]
        from dvs.cases.models import SubjectArea

        codes = dict(SubjectArea.objects.values_list("pk", "code"))
        self.assertEqual(body["by_area"], {codes[k]: n for k, _label, n in figures.by_area})
        self.assertEqual(sum(body["by_area"].values()), figures.received)
        # A ward officer's months hold their ward only, as their chart does.
        ward = self.api_get(
            "/cases/stats",
            self.ward_a_reception_officer,
            received_from=PERIOD["from"],
            received_to=PERIOD["to"],
            by_month="true",
        ).json()
        self.assertEqual([r["received"] for r in ward["by_month"]], [1, 0, 2, 0, 0, 0])
        # Without by_month the answer stays as light as before.
        plain = self.api_get("/cases/stats", self.city_leader, unit="C1").json()
        self.assertNotIn("by_month", plain)

    def test_a_ward_officers_charts_hold_their_ward_only(self):
        page, drawn = self.charts(self.ward_a_reception_officer)
        self.assert_drawn_as_tabled(drawn)
        months = {label: values for label, values, _f in drawn["months"]["table"]}
        self.assertEqual(months["01/2026"], [1, 1])  # ward A's July case, not ward B's September
        self.assertEqual(months["02/2026"], [0, 0])  # ward B's denunciation is not counted
        self.assertEqual(sum(v[0] for v in months.values()), 3)
        self.assertEqual(page.context["figures"].received, 3)
        labels = [label for label, _v, _f in drawn.get("units", {"table": []})["table"]]
        self.assertNotIn("Phường Bình Minh", labels)
        self.assertNotIn("Phường Bình Minh", page.content.decode())

    def test_each_charts_sheet_has_the_tables_rows(self):
        page, drawn = self.charts(self.city_leader, unit="C1")
        chart = next(c for c in page.context["charts"] if c.slug == "months")
        self.assertIn("chart=months", chart.export_url)
        export = self.client.get(
            reverse("cases_dashboard"),
            {**PERIOD, "unit": "C1", "format": "xlsx", "chart": "months"},
        )
        header, *rows = sheet_rows(export.content)
        self.assertEqual(header[0], "Tháng")
        self.assertEqual(
            [(r[0], r[1:]) for r in rows],
            [(label, values) for label, values, _f in drawn["months"]["table"]],
        )
        # Without a chart named, the dashboard's whole summary as before.
        whole = self.client.get(
            reverse("cases_dashboard"), {**PERIOD, "unit": "C1", "format": "xlsx"}
        )
        self.assertEqual(sheet_rows(whole.content)[0][:2], ["Đã tiếp nhận", 4])

    def test_previous_months_are_as_many_just_before(self):
        self.assertEqual(
            stats.previous_months(D(2026, 1, 1), D(2026, 6, 30)), (D(2025, 7, 1), D(2025, 12, 31))
        )
        self.assertEqual(
            stats.previous_months(D(2026, 3, 15), D(2026, 3, 20)), (D(2026, 2, 1), D(2026, 2, 28))
        )

    def test_one_count_over_both_periods_equals_two(self):
        area = stats.Area(self.city_leader, self.city)
        for start, end in ((D(2026, 1, 1), D(2026, 6, 30)), (D(2026, 1, 5), D(2026, 3, 10))):
            with self.subTest(start=start):
                now, before = stats.received_by_month_compared(area, start, end)
                self.assertEqual(now, stats.received_by_month(area, start, end))
                previous = stats.received_by_month(area, *stats.previous_months(start, end))
                self.assertEqual(before, list(previous.values()))
        now, _before = stats.received_by_month_compared(area, D(2026, 1, 5), D(2026, 3, 10))
        # 5 January and 9 March are inside, 20 March after the end.
        self.assertEqual(list(now.values()), [1, 1, 1])
