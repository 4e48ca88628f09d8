"""Cells leaving in a spreadsheet or CSV are inert text; numbers and dates stay what they are."""

import datetime
import io

import openpyxl
from django.test import SimpleTestCase
from django.utils.translation import gettext_lazy

from dvs.lib.spreadsheet import safe_cell, workbook_bytes, xlsx_row

FORMULAS = [
    '=HYPERLINK("http://x","y")',
    "@SUM(1)",
    "+84 912 345 678",
    "-1+1",
    "\t=1+1",
    "\r=1+1",
    "   =1+1",
]


def round_trip(values):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("x")
    sheet.append(xlsx_row(sheet, values))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return list(openpyxl.load_workbook(buffer).active[1])


class SafeCellTests(SimpleTestCase):
    def test_formula_like_text_gets_an_apostrophe_in_csv(self):
        for text in FORMULAS:
            with self.subTest(text=text):
                self.assertEqual(safe_cell(text), "'" + text)

    def test_ordinary_text_numbers_and_dates_pass_unchanged(self):
        day = datetime.date(2025, 1, 2)
        self.assertEqual(safe_cell("Nguyễn Văn An"), "Nguyễn Văn An")
        self.assertEqual([safe_cell(v) for v in (-5, 2.5, day, None)], [-5, 2.5, day, None])
        self.assertEqual(safe_cell(gettext_lazy("Yes")), str(gettext_lazy("Yes")))

    def test_formula_like_text_stays_text_in_xlsx_and_numbers_stay_numbers(self):
        cells = round_trip([*FORMULAS, -5, datetime.datetime(2025, 1, 2, 8, 30)])
        for cell, text in zip(cells, FORMULAS, strict=False):
            with self.subTest(text=text):
                self.assertEqual((cell.value, cell.data_type), (text, "s"))
                self.assertTrue(cell.quotePrefix)
        self.assertEqual((cells[-2].value, cells[-2].data_type), (-5, "n"))
        self.assertEqual(cells[-1].value, datetime.datetime(2025, 1, 2, 8, 30))

    def test_control_characters_do_not_break_the_file(self):
        self.assertEqual(round_trip(["An\x00 Bình\x1b"])[0].value, "An Bình")
        self.assertEqual(safe_cell("An\x07"), "An")

    def test_a_workbook_of_a_header_and_rows_is_inert_too(self):
        content = workbook_bytes("Dòng cần sửa", ["Tên", "=Lỗi"], [["=1+1", 3]], width=20)
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet.title, "Dòng cần sửa")
        self.assertTrue(sheet["A1"].font.bold)
        self.assertEqual([(c.value, c.data_type) for c in sheet[2]], [("=1+1", "s"), (3, "n")])
        self.assertTrue(sheet["B1"].quotePrefix and sheet["A2"].quotePrefix)
        self.assertEqual(sheet.column_dimensions["B"].width, 20)
