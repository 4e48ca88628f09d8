"""A resident named like a formula comes out of every export as inert text (issue 11,
hole 9): the listing's CSV and XLSX, the protected full export, the rejected-rows report,
every listing export of the back office and Wagtail's own reports."""

import csv
import io
import json

import openpyxl
from django.urls import reverse

from dvs.accounts import crypto
from dvs.people import importing
from dvs.people.models import ImportJob
from dvs.people.tests.helpers import add_person
from dvs.testing import BaseTestCase

HYPERLINK = '=HYPERLINK("http://x","y")'


class FormulaExportTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_person(cls.neighbourhood_a1, HYPERLINK, id_number="027080012345")
        add_person(cls.neighbourhood_a1, "@SUM(1)")

    def xlsx_cells(self, content):
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        return [cell for row in sheet.iter_rows() for cell in row]

    def assert_inert(self, cells, *texts):
        for text in texts:
            found = [cell for cell in cells if cell.value == text]
            self.assertTrue(found, text)
            for cell in found:
                self.assertEqual(cell.data_type, "s")
                self.assertTrue(cell.quotePrefix)

    def test_the_listing_csv_prefixes_formulas_with_an_apostrophe(self):
        self.login(self.ward_a_officer)
        response = self.client.get(reverse("person:index"), {"export": "csv"})
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        names = [row[0] for row in rows[1:]]
        self.assertCountEqual(names, ["'" + HYPERLINK, "'@SUM(1)"])

    def test_the_listing_xlsx_keeps_formulas_as_text(self):
        self.login(self.ward_a_officer)
        response = self.client.get(reverse("person:index"), {"export": "xlsx"})
        content = b"".join(response.streaming_content)
        self.assert_inert(self.xlsx_cells(content), HYPERLINK, "@SUM(1)")

    def test_the_protected_full_export_keeps_formulas_as_text(self):
        self.login(self.ward_a_officer)
        response = self.client.get(reverse("people_export_sensitive"))
        self.assert_inert(self.xlsx_cells(response.content), HYPERLINK, "@SUM(1)")

    def test_the_rejected_rows_report_keeps_formulas_as_text(self):
        job = ImportJob.objects.create(
            unit=self.ward_a,
            original_name="x.xlsx",
            created_by=self.ward_a_officer,
            headers=["=1+1", "Họ và tên"],
            errors=[
                {
                    "row": 2,
                    "values": crypto.encrypt(json.dumps(["-2+3", HYPERLINK])),
                    "messages": ["@bad"],
                }
            ],
        )
        cells = self.xlsx_cells(importing.error_report(job))
        self.assert_inert(cells, "=1+1", "-2+3", HYPERLINK, "@bad")

    def test_wagtails_own_site_history_export_is_inert_too(self):
        person = add_person(self.neighbourhood_a1, "=1+1 Nguyễn Văn Công")
        from wagtail.log_actions import log

        log(person, "wagtail.create", user=self.ward_a_officer)
        self.login(self.admin)
        url = reverse("wagtailadmin_reports:site_history")
        rows = list(
            csv.reader(
                io.StringIO(
                    b"".join(self.client.get(url, {"export": "csv"}).streaming_content).decode()
                )
            )
        )
        cells = [cell for row in rows for cell in row if "Nguyễn Văn Công" in cell]
        self.assertTrue(cells, rows)
        self.assertTrue(all(cell.startswith("'=") for cell in cells), cells)
        workbook = b"".join(self.client.get(url, {"export": "xlsx"}).streaming_content)
        found = [c for c in self.xlsx_cells(workbook) if "Nguyễn Văn Công" in str(c.value)]
        self.assertTrue(found)
        self.assertTrue(all(c.data_type == "s" for c in found))
