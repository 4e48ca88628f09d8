"""A resident named like a formula comes out of every export as inert text (issue 11,
hole 9): the listing's CSV and XLSX, the protected full export, the rejected-rows report,
and every listing export of the back office."""

import csv
import io
import json

import openpyxl
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from dvs.accounts import crypto
from dvs.accounts.viewsets import SafeExportIndexView
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

    def test_every_back_office_listing_exports_through_the_safe_view(self):
        viewsets = []
        for hook in hooks.get_hooks("register_admin_viewset"):
            registered = hook()
            for item in registered if isinstance(registered, list | tuple) else [registered]:
                if isinstance(item, ViewSetGroup):
                    viewsets += item.registerables
                else:
                    viewsets.append(item)
        exporting = [v for v in viewsets if isinstance(getattr(v, "list_export", None), list)]
        self.assertTrue(exporting)
        for viewset in exporting:
            with self.subTest(viewset=viewset):
                self.assertTrue(issubclass(viewset.index_view_class, SafeExportIndexView))
