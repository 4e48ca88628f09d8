"""The import of the data-collection sheets (Phiếu số 3 style): headings recognised by
their folded text under title rows, several classifications in one cell, placeholders
stored as empty, protected columns read only for those allowed, a formula-neutralised
error report, all rows or none, and the wizard's screens."""

import datetime
import io

import openpyxl
from django.urls import reverse
from django.utils.translation import gettext as _

from dvs.accounts.models import AuditEntry
from dvs.people.tests.helpers import xlsx
from dvs.religion import importing
from dvs.religion.models import Dignitary
from dvs.testing import use_temporary_media

from .test_dignitaries_actions import DignitaryTestCase

HEADINGS = [
    "STT",
    "Họ và tên khai sinh",
    "Pháp danh/Tên thánh",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Số CCCD",
    "Tôn giáo",
    "Tổ chức tôn giáo",
    "Hệ phái",
    "Phân loại",
    "Chức vụ hiện tại",
    "Phẩm trật",
    "Ngày phong phẩm/bổ nhiệm",
    "Phạm vi hoạt động",
    "Cơ sở",
    "Tình trạng",
]
ACCEPTANCE = [
    1,
    "TỪ THÀNH ĐẠT",
    "THÍCH MINH NHẪN",
    datetime.datetime(1975, 8, 15),
    "Nam",
    "Kinh",
    "001075012345",
    "Phật giáo",
    "",
    "Bắc tông",
    "chức sắc, chức việc",
    "Trụ trì",
    "Thượng tọa",
    "20/11/2012",
    "Một tỉnh",
    "Chùa Phúc Lâm",
    "Đang hoạt động",
]
PLACEHOLDERS = [
    2,
    "NGUYỄN VĂN TÁM",
    "\u2026\u2026",
    "...",
    "-",
    "x",
    "\u2026",
    "Phật giáo",
    "……",
    "-",
    "nhà tu hành",
    "...",
    "x",
    "……",
    "-",
    "...",
    "",
]


def sheet(*rows, title=True):
    top = (
        [["PHIẾU THU THẬP THÔNG TIN CHỨC SẮC, CHỨC VIỆC, NHÀ TU HÀNH (Phiếu số 3)"]]
        if title
        else []
    )
    return xlsx([*top, HEADINGS, *rows], name="phieu-so-3.xlsx")


class ImportTestCase(DignitaryTestCase):
    def setUp(self):
        self.media, self.private = use_temporary_media(self)

    def run_file(self, upload, user=None, commit=False, unit=None):
        name = importing.store_upload(upload)
        return name, importing.run(
            name, by=user or self.ward_a_officer, unit=unit or self.ward_a, commit=commit
        )


class ImportTests(ImportTestCase):
    def test_the_acceptance_row_creates_one_dignitary_with_both_classifications(self):
        _name, outcome = self.run_file(sheet(ACCEPTANCE), commit=True)
        self.assertTrue(outcome.committed, [r.errors for r in outcome.results])
        dignitary = Dignitary.objects.get()
        self.assertEqual(dignitary.birth_name, "TỪ THÀNH ĐẠT")
        self.assertEqual(dignitary.religious_name, "THÍCH MINH NHẪN")
        self.assertTrue(dignitary.is_dignitary and dignitary.is_official)
        self.assertFalse(dignitary.is_practitioner)
        self.assertEqual(dignitary.birth_date, datetime.date(1975, 8, 15))
        self.assertEqual(dignitary.ordained_on, datetime.date(2012, 11, 20))
        self.assertEqual((dignitary.scope, dignitary.status), ("province", "active"))
        self.assertEqual(dignitary.establishment, self.pagoda_a)
        self.assertEqual(dignitary.sect, "Bắc tông")
        self.assertEqual(dignitary.unit, self.ward_a)
        self.assertFalse([p for p in self.private.rglob("*") if p.is_file()])  # file deleted
        self.assertTrue(
            AuditEntry.objects.filter(action="wagtail.create", object_id=str(dignitary.pk)).exists()
        )

    def test_a_ward_officer_does_not_import_protected_columns(self):
        _name, outcome = self.run_file(sheet(ACCEPTANCE), commit=True)
        self.assertEqual(outcome.skipped_columns, ["Dân tộc", "Số CCCD"])
        values = Dignitary.objects.get().reveal(self.city_specialist)
        self.assertEqual((values["id_number"], values["ethnicity"]), ("", ""))

    def test_a_permitted_user_imports_protected_columns(self):
        _name, outcome = self.run_file(sheet(ACCEPTANCE), user=self.city_specialist, commit=True)
        self.assertEqual(outcome.skipped_columns, [])
        values = Dignitary.objects.get().reveal(self.city_specialist)
        self.assertEqual((values["id_number"], values["ethnicity"]), ("001075012345", "Kinh"))

    def test_placeholders_are_stored_as_empty(self):
        _name, outcome = self.run_file(sheet(PLACEHOLDERS), user=self.city_specialist, commit=True)
        self.assertTrue(outcome.committed, [r.errors for r in outcome.results])
        dignitary = Dignitary.objects.get()
        self.assertEqual(dignitary.religious_name, "")
        self.assertIsNone(dignitary.birth_date)
        self.assertEqual(
            (dignitary.sex, dignitary.sect, dignitary.position, dignitary.rank), ("", "", "", "")
        )
        self.assertIsNone(dignitary.establishment)
        self.assertTrue(dignitary.is_practitioner)
        values = dignitary.reveal(self.city_specialist)
        self.assertEqual((values["id_number"], values["ethnicity"]), ("", ""))

    def test_other_separators_of_classifications(self):
        rows = []
        for number, cell in enumerate(
            ("chức sắc; nhà tu hành", "Chức việc + chức sắc", "chức sắc\nchức việc")
        ):
            row = list(PLACEHOLDERS)
            row[0], row[1], row[10] = number, f"Người {number}", cell
            rows.append(row)
        _name, outcome = self.run_file(sheet(*rows, title=False), commit=True)
        self.assertTrue(outcome.committed, [r.errors for r in outcome.results])
        flags = list(
            Dignitary.objects.order_by("birth_name").values_list(
                "is_dignitary", "is_official", "is_practitioner"
            )
        )
        self.assertEqual(flags, [(True, False, True), (True, True, False), (True, True, False)])

    def test_one_row_to_fix_imports_nothing_and_the_report_lists_it(self):
        bad = list(ACCEPTANCE)
        bad[0], bad[9], bad[10], bad[7] = 2, "@SUM(1+1)", "giáo sĩ", "Không rõ"
        no_class = list(PLACEHOLDERS)
        no_class[10] = "……"
        name, outcome = self.run_file(sheet(ACCEPTANCE, bad, no_class), commit=True)
        self.assertFalse(outcome.committed)
        self.assertEqual(len(outcome.valid), 1)
        self.assertEqual([r.number for r in outcome.rejected], [4, 5])
        self.assertFalse(Dignitary.objects.exists())
        self.assertFalse(AuditEntry.objects.filter(action="wagtail.create").exists())
        errors = " ".join(outcome.rejected[0].errors)
        self.assertIn("giáo sĩ", errors)
        self.assertIn("Không rõ", errors)
        report = openpyxl.load_workbook(
            io.BytesIO(importing.error_report(importing.load_table(name), outcome))
        ).active
        rows = list(report.iter_rows(values_only=True))
        self.assertEqual(rows[0][-2:], (str(_("Row in the file")), str(_("Errors"))))
        self.assertEqual([row[-2] for row in rows[1:]], [4, 5])
        sect = report.cell(row=2, column=HEADINGS.index("Hệ phái") + 1)
        self.assertEqual((sect.value, sect.data_type), ("@SUM(1+1)", "s"))
        self.assertTrue(sect.quotePrefix)  # neutralised: text, never a formula
        self.assertIsNone(rows[1][HEADINGS.index("Số CCCD")])  # protected cells left out
        self.assertTrue(rows[2][-1])

    def test_an_establishment_of_another_ward_and_an_unknown_one_are_refused(self):
        row = list(ACCEPTANCE)
        row[15] = "Chùa Bình Minh"
        _name, outcome = self.run_file(sheet(row), commit=True)
        self.assertFalse(outcome.committed)
        self.assertIn("Chùa Bình Minh", " ".join(outcome.rejected[0].errors))

    def test_a_duplicate_id_number_in_the_file_is_refused(self):
        second = list(ACCEPTANCE)
        second[1] = "NGƯỜI KHÁC"
        _name, outcome = self.run_file(
            sheet(ACCEPTANCE, second), user=self.city_specialist, commit=True
        )
        self.assertFalse(outcome.committed)
        self.assertEqual([r.number for r in outcome.rejected], [4])
        self.assertFalse(Dignitary.objects.exists())

    def test_a_file_without_headings_is_refused_and_not_kept(self):
        with self.assertRaises(importing.ImportError_):
            importing.store_upload(xlsx([["a", "b"], [1, 2]], name="x.xlsx"))
        self.assertFalse([p for p in self.private.rglob("*") if p.is_file()])

    def test_a_file_left_waiting_a_day_is_deleted_at_the_next_upload(self):
        # The sheet holds ID numbers: one never imported nor cancelled must not stay.
        import datetime as dt

        from django.utils import timezone

        importing.store_upload(sheet(ACCEPTANCE))
        self.assertEqual(importing.delete_stale_uploads(), 0)
        later = timezone.now() + dt.timedelta(hours=25)
        self.assertEqual(importing.delete_stale_uploads(now=later), 1)
        self.assertFalse([p for p in self.private.rglob("*") if p.is_file()])

    def test_another_ward_or_a_reader_is_refused(self):
        from django.core.exceptions import PermissionDenied

        name = importing.store_upload(sheet(ACCEPTANCE))
        with self.assertRaises(PermissionDenied):
            importing.run(name, by=self.ward_a_officer, unit=self.ward_b, commit=True)
        with self.assertRaises(PermissionDenied):
            importing.run(name, by=self.readonly_leader, unit=self.ward_a, commit=True)
        self.assertFalse(Dignitary.objects.exists())


class ImportScreenTests(ImportTestCase):
    def test_upload_check_and_commit(self):
        self.login(self.ward_a_officer)
        start = self.client.get(reverse("religion_import"))
        self.assertContains(start, "Phiếu số 3")
        template = self.client.get(reverse("religion_import_template"))
        headings = next(
            openpyxl.load_workbook(io.BytesIO(template.content)).active.iter_rows(values_only=True)
        )
        self.assertIn("Phân loại", headings)
        response = self.client.post(
            reverse("religion_import"), {"file": sheet(ACCEPTANCE), "unit": self.ward_a.pk}
        )
        self.assertRedirects(response, reverse("religion_import_check"))
        check = self.client.get(reverse("religion_import_check"))
        self.assertEqual(len(check.context["outcome"].valid), 1)
        self.assertFalse(Dignitary.objects.exists())
        self.client.post(reverse("religion_import_commit"))
        self.assertEqual(Dignitary.objects.count(), 1)

    def test_the_error_report_is_downloaded(self):
        self.login(self.ward_a_officer)
        bad = list(ACCEPTANCE)
        bad[10] = "giáo sĩ"
        self.client.post(reverse("religion_import"), {"file": sheet(bad), "unit": self.ward_a.pk})
        report = self.client.get(reverse("religion_import_errors"))
        rows = list(
            openpyxl.load_workbook(io.BytesIO(report.content)).active.iter_rows(values_only=True)
        )
        self.assertEqual(len(rows), 2)
        self.assertEqual(self.client.post(reverse("religion_import_commit")).status_code, 302)
        self.assertFalse(Dignitary.objects.exists())

    def test_the_screens_are_refused_without_the_permission(self):
        self.login(self.readonly_leader)
        for name in ("religion_import", "religion_import_check", "religion_import_template"):
            with self.subTest(url=name):
                self.assertIn(self.client.get(reverse(name)).status_code, (302, 403))
