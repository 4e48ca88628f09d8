"""The shared server-side charts: geometry, the SVG (well-formed, accessible, nothing
fetched) with its table, and the Excel sheet equal to the table, formulas made inert."""

from django.template.loader import render_to_string
from django.test import RequestFactory, SimpleTestCase

from dvs.lib import charts

from .chart_html import SVG, charts_on, sheet_rows


class ChartTests(SimpleTestCase):
    def chart(self, **options):
        return charts.Chart(
            "Đơn thư theo loại",
            [("Khiếu nại", 6), ("Tố cáo", 3), ('=HYPERLINK("http://x","y")', 0)],
            series=["Tiếp nhận"],
            label_header="Loại",
            slug="kind",
            **options,
        )

    def test_the_longest_bar_is_the_largest_value(self):
        chart = self.chart()
        widths = [row.bars[0].width for row in chart.rows]
        self.assertEqual(widths, [charts.BAR_AREA, charts.BAR_AREA // 2, 0])
        self.assertEqual(chart.height, 3 * chart.row_height)

    def test_row_scale_draws_each_row_against_itself(self):
        chart = charts.Chart("x", [("a", [10, 5]), ("b", [1, 2])], series=["s", "t"], scale="row")
        self.assertEqual([b.width for b in chart.rows[0].bars], [300, 150])
        self.assertEqual([b.width for b in chart.rows[1].bars], [150, 300])

    def test_the_svg_parses_says_what_it_shows_and_matches_its_table(self):
        html = render_to_string("dvs/chart.html", {"chart": self.chart()})
        drawn = charts_on(html)["kind"]
        root = drawn["root"]
        self.assertEqual(root.get("role"), "img")
        title = root.find(f"{SVG}title")
        self.assertEqual(title.text, "Đơn thư theo loại")
        self.assertEqual(root.get("aria-labelledby"), title.get("id"))
        self.assertEqual(
            [(label, values) for label, values, _f in drawn["svg"]],
            [(label, values) for label, values, _f in drawn["table"]],
        )
        self.assertEqual(drawn["table"][0], ("Khiếu nại", [6], False))
        self.assertNotIn(
            "http://", html.replace("http://www.w3.org/2000/svg", "").replace("http://x", "")
        )

    def test_a_flagged_row_is_red_and_says_so_in_the_table(self):
        chart = charts.Chart(
            "Quá hạn",
            [charts.Row("Phường A", [5], flag="Còn chậm"), charts.Row("Phường B", [1])],
            slug="units",
        )
        self.assertEqual(chart.rows[0].bars[0].colour, charts.FLAGGED)
        header, rows = chart.table()
        self.assertEqual(rows, [["Phường A", 5, "Còn chậm"], ["Phường B", 1, ""]])
        html = render_to_string("dvs/chart.html", {"chart": chart})
        self.assertEqual([f for *_x, f in charts_on(html)["units"]["table"]], [True, False])

    def test_the_sheet_rows_are_the_table_and_formulas_stay_text(self):
        chart = self.chart()
        response = charts.xlsx_response([chart], "x.xlsx")
        header, rows = chart.table()
        self.assertEqual(sheet_rows(response.content), [header, *rows])
        import io

        import openpyxl

        cell = openpyxl.load_workbook(io.BytesIO(response.content)).active["A4"]
        self.assertEqual(cell.data_type, "s")
        self.assertTrue(cell.quotePrefix)

    def test_exports_link_to_each_chart_and_the_request_picks_one(self):
        request = RequestFactory().get("/x/", {"unit": "C1"})
        first, second = charts.with_exports(
            request, [self.chart(), charts.Chart("Khác", [("a", 1)], slug="other")]
        )
        self.assertEqual(first.export_url, "?unit=C1&format=xlsx&chart=kind")
        picked = RequestFactory().get("/x/", {"chart": "other"})
        self.assertEqual(charts.chosen(picked, [first, second]), [second])
        self.assertEqual(charts.chosen(request, [first, second]), [first, second])

    def test_sheet_names_are_what_excel_accepts(self):
        used = set()
        self.assertEqual(charts._sheet_name("A/B: c?" + "x" * 40, used), "A B  c " + "x" * 24)
        self.assertEqual(charts._sheet_name("Theo loại", used), "Theo loại")
        self.assertEqual(charts._sheet_name("Theo loại", used), "Theo loại (2)")

    def test_an_empty_chart_says_so(self):
        html = render_to_string(
            "dvs/chart.html", {"chart": charts.Chart("x", [], slug="e", empty_text="Không có.")}
        )
        self.assertIn("Không có.", html)
        self.assertNotIn("<svg", html)

    def test_a_long_chart_draws_its_first_rows_and_the_sheet_keeps_all(self):
        rows = [(f"Phường {n}", 30 - n) for n in range(25)]
        chart = charts.Chart("Quá hạn", rows, slug="units", limit=charts.LIMIT)
        self.assertEqual((len(chart.rows), chart.more), (20, 5))
        html = render_to_string("dvs/chart.html", {"chart": chart})
        drawn = charts_on(html)["units"]
        self.assertEqual(len(drawn["svg"]), 20)
        self.assertEqual(
            [(label, v) for label, v, _f in drawn["table"]], [(name, [v]) for name, v in rows[:20]]
        )
        self.assertIn('data-more="5"', html)
        _header, sheet = chart.table()
        self.assertEqual(sheet, [[label, value] for label, value in rows])
