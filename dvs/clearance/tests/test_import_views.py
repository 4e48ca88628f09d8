"""The "Nhập từ bảng tính" screens: upload, columns, check, import, error report,
template; for the roles allowed to import only."""

import io

import openpyxl
from django.urls import reverse

from dvs.clearance.models import AffectedParty
from dvs.clearance.tests.helpers import make_project, make_segment
from dvs.clearance.tests.test_import import HEADERS, row
from dvs.people.tests.helpers import xlsx
from dvs.testing import BaseTestCase, use_temporary_media


def files_under(root):
    return [p for p in root.rglob("*") if p.is_file()]


class ClearanceImportScreenTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.project = make_project(cls.city)
        make_segment(cls.project, cls.ward_a)

    def setUp(self):
        self.media, self.private = use_temporary_media(self)

    def upload(self, rows):
        return self.client.post(
            reverse("clearance_import"), {"file": xlsx([HEADERS, *rows], name="ds-gpmb.xlsx")}
        )

    def test_ward_a_officer_uploads_checks_and_imports_the_valid_rows(self):
        self.login(self.ward_a_officer)
        self.assertEqual(self.client.get(reverse("clearance_import")).status_code, 200)
        response = self.upload([row("Hộ ông Nguyễn Văn An"), row("Hộ bà Lê Thị Bình", area="x")])
        self.assertRedirects(response, reverse("clearance_import_mapping"))
        self.assertEqual(len(files_under(self.private)), 1)
        self.assertEqual(files_under(self.media), [])
        page = self.client.get(reverse("clearance_import_mapping"))
        self.assertContains(page, "Hộ ông Nguyễn Văn An")
        mapping = {
            f"column_{i}": page.context["form"].fields[f"column_{i}"].initial
            for i in range(len(HEADERS))
        }
        response = self.client.post(reverse("clearance_import_mapping"), mapping)
        self.assertRedirects(response, reverse("clearance_import_check"))
        check = self.client.get(reverse("clearance_import_check"))
        self.assertEqual(len(check.context["outcome"].valid), 1)
        self.assertEqual([r.number for r in check.context["rejected"]], [3])
        self.assertFalse(AffectedParty.objects.exists())
        report = self.client.get(reverse("clearance_import_errors"))
        sheet = openpyxl.load_workbook(io.BytesIO(report.content)).active
        self.assertEqual(sheet.cell(row=2, column=5).value, "Hộ bà Lê Thị Bình")
        response = self.client.post(reverse("clearance_import_commit"))
        self.assertRedirects(response, reverse("clearance_import"))
        self.assertEqual(
            list(AffectedParty.objects.values_list("name", flat=True)), ["Hộ ông Nguyễn Văn An"]
        )
        self.assertEqual(files_under(self.private), [])

    def test_cancelling_deletes_the_uploaded_file(self):
        self.login(self.ward_a_officer)
        self.upload([row()])
        self.client.post(reverse("clearance_import_cancel"))
        self.assertEqual(files_under(self.private), [])
        self.assertRedirects(
            self.client.get(reverse("clearance_import_mapping")), reverse("clearance_import")
        )

    def test_a_file_that_is_no_spreadsheet_is_refused_and_not_kept(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        self.login(self.ward_a_officer)
        response = self.client.post(
            reverse("clearance_import"), {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4")}
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["file"])
        self.assertEqual(files_under(self.private), [])

    def test_the_template_downloads_as_xlsx(self):
        self.login(self.city_specialist)
        response = self.client.get(reverse("clearance_import_template"))
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(sheet.cell(row=1, column=1).value, "Mã dự án")

    def test_neighbourhood_committee_and_readonly_leader_cannot_open_the_import(self):
        for user in (self.neighbourhood_a1_committee, self.readonly_leader):
            self.login(user)
            for name in ("clearance_import", "clearance_import_template", "clearance_import_check"):
                self.assertIn(self.client.get(reverse(name)).status_code, (302, 403), (user, name))
            self.assertFalse(
                self.client.post(reverse("clearance_import_commit")).status_code == 200
            )
        self.assertFalse(AffectedParty.objects.exists())
