"""Importing residents: columns recognised in any order and encoding, rows checked,
valid rows committed together, the rest reported (and importable again once fixed)."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from dvs.people import importing
from dvs.people.models import Household, ImportJob, Person
from dvs.people.tests.helpers import add_person, merged_header_xlsx, xlsx
from dvs.testing import BaseTestCase

HEADERS = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số CCCD",
    "Dân tộc",
    "Tôn giáo",
    "Số điện thoại",
    "Khu phố",
]


class ImportTestCase(BaseTestCase):
    def run_import(self, upload, unit=None, commit=True, user=None):
        job = ImportJob.objects.create(
            unit=unit or self.ward_a,
            file=upload,
            original_name=upload.name,
            created_by=user or self.ward_a_officer,
        )
        return importing.run(job, commit=commit)


class RecognitionTests(ImportTestCase):
    def test_columns_in_any_order_without_diacritics_are_recognised(self):
        upload = xlsx(
            [
                ["so dien thoai", "gioi tinh", "ho va ten", "nam sinh", "to dan pho"],
                ["0912345678", "Nữ", "Trần Thị Mai", 1985, "Khu phố 1"],
            ]
        )
        job = self.run_import(upload)
        self.assertEqual(job.status, "done", job.message)
        person = Person.objects.get()
        self.assertEqual(
            (person.full_name, person.sex, person.birth_year, person.phone),
            ("Trần Thị Mai", "female", 1985, "0912345678"),
        )
        self.assertEqual(person.unit, self.neighbourhood_a1)

    def test_tcvn3_and_vni_columns_are_converted_to_unicode(self):
        upload = xlsx(
            [
                ["Hä vµ tªn", "Ngµy sinh", "Giíi tÝnh", "Khu phè"],
                ["NguyÔn V¨n An", "12/03/1980", "Nam", "Khu phè 1"],
                ["§Æng ThÞ Hoa", "01/01/1975", "N÷", "Khu phè 2"],
            ]
        )
        job = self.run_import(upload)
        self.assertEqual(job.status, "done", job.message)
        self.assertEqual(job.encodings["0"], "tcvn3")
        self.assertEqual(
            set(Person.objects.values_list("full_name", flat=True)),
            {"Nguyễn Văn An", "Đặng Thị Hoa"},
        )
        upload = xlsx([["Họ và tên", "Năm sinh", "Giới tính"], ["Nguyeãn Vaên Bình", 1990, "Nam"]])
        job = self.run_import(upload, unit=self.neighbourhood_a2)
        self.assertEqual(job.encodings["0"], "vni")
        self.assertTrue(Person.objects.filter(full_name="Nguyễn Văn Bình").exists())

    def test_year_of_birth_under_merged_nam_nu_columns_gives_the_sex(self):
        upload = merged_header_xlsx(
            [[1, "Lê Thị Hồng", None, 1952, "1"], [2, "Lê Văn Tám", 1948, None, "2"]]
        )
        job = self.run_import(upload)
        self.assertEqual(job.status, "done", job.message)
        self.assertEqual(Person.objects.get(full_name="Lê Thị Hồng").sex, "female")
        tam = Person.objects.get(full_name="Lê Văn Tám")
        self.assertEqual((tam.sex, tam.birth_year, tam.unit.code), ("male", 1948, "A2"))

    def test_households_are_grouped_by_code_with_their_head(self):
        upload = xlsx(
            [
                ["Mã hộ", "Họ và tên", "Năm sinh", "Giới tính", "Quan hệ với chủ hộ", "Địa chỉ"],
                ["H01", "Phan Văn Long", 1970, "Nam", "Chủ hộ", "Số 5 ngõ 3"],
                ["H01", "Vũ Thị Yến", 1972, "Nữ", "Vợ", "Số 5 ngõ 3"],
            ]
        )
        self.run_import(upload, unit=self.neighbourhood_a1)
        household = Household.objects.get()
        self.assertEqual(household.head.full_name, "Phan Văn Long")
        self.assertEqual(household.members.count(), 2)

    def test_the_confirmed_mapping_is_remembered_for_the_same_layout(self):
        rows = [["Cột A", "Cột B", "Giới tính"], ["Ngô Văn Hải", 1960, "Nam"]]
        job = ImportJob.objects.create(
            unit=self.neighbourhood_a1,
            file=xlsx(rows),
            original_name="a.xlsx",
            created_by=self.ward_a_officer,
        )
        table = importing.load_table(job)
        importing.remember_mapping(table.headers, {"0": "full_name", "1": "birth", "2": "sex"})
        again = self.run_import(xlsx(rows), unit=self.neighbourhood_a1)
        self.assertEqual(again.status, "done", again.message)
        self.assertEqual(Person.objects.get().full_name, "Ngô Văn Hải")


class ValidationTests(ImportTestCase):
    def test_bad_rows_are_reported_and_only_valid_rows_are_committed(self):
        add_person(self.neighbourhood_a1, "Cũ Văn Một", id_number="027080012345", birth_year=1980)
        upload = xlsx(
            [
                HEADERS,
                [
                    1,
                    "Đỗ Văn Hùng",
                    "05/06/1982",
                    "Nam",
                    "027082001234",
                    "Kinh",
                    "Không",
                    "0987654321",
                    "1",
                ],
                [2, "Sai Ngày", "31/02/1990", "Nam", "", "", "", "", "1"],
                [3, "Tương Lai", "01/01/2090", "Nữ", "", "", "", "", "1"],
                [4, "Sai Số", "01/01/1990", "Nam", "12345", "", "", "", "1"],
                [5, "Trùng Số", "01/01/1980", "Nam", "027080012345", "", "", "", "1"],
                [6, "Lạ Khu", "01/01/1980", "Nam", "", "", "", "", "Khu phố 99"],
                [7, "Sai Giới", "01/01/1990", "Nữ", "027090012345", "", "", "", "1"],
                [8, "Dân Tộc Lạ", "01/01/1990", "Nam", "", "Martian", "", "", "1"],
                [9, "", "01/01/1990", "Nam", "", "", "", "", "1"],
            ]
        )
        job = self.run_import(upload)
        self.assertEqual(job.status, "done")
        self.assertEqual((job.total_rows, job.imported_rows, job.rejected_rows), (9, 1, 8))
        self.assertEqual(Person.objects.filter(full_name="Đỗ Văn Hùng").count(), 1)
        messages = {error["row"]: " ".join(error["messages"]) for error in job.errors}
        self.assertIn("Ngày này không tồn tại", messages[3])
        self.assertIn("tương lai", messages[4])
        self.assertIn("12 chữ số", messages[5])
        self.assertIn("Đã có người đăng ký", messages[6])
        self.assertIn("Khu phố 99", messages[7])
        self.assertIn("giới tính", messages[8])
        self.assertIn("54 dân tộc", messages[9])
        self.assertIn("họ và tên", messages[10])
        hung = Person.objects.get(full_name="Đỗ Văn Hùng")
        self.assertEqual(hung.reveal(self.ward_a_officer)["id_number"], "027082001234")

    def test_a_duplicate_id_number_within_the_file_rejects_the_second_row(self):
        upload = xlsx(
            [
                HEADERS,
                [1, "Một", "01/01/1980", "Nam", "027080012345", "", "", "", "1"],
                [2, "Hai", "01/01/1980", "Nam", "027080012345", "", "", "", "1"],
            ]
        )
        job = self.run_import(upload)
        self.assertEqual(job.imported_rows, 1)
        self.assertIn("hai lần", job.errors[0]["messages"][0])

    def test_the_same_person_already_registered_is_flagged_not_counted_twice(self):
        add_person(self.neighbourhood_a1, "Nguyễn Văn An", birth_year=1980)
        job = self.run_import(
            xlsx([["Họ và tên", "Năm sinh", "Giới tính"], ["Nguyen Van An", 1980, "Nam"]]),
            unit=self.neighbourhood_a1,
        )
        self.assertEqual(job.imported_rows, 0)
        self.assertIn("Có thể trùng", job.errors[0]["messages"][0])

    def test_checking_without_commit_saves_nothing(self):
        job = self.run_import(
            xlsx([HEADERS, [1, "Đỗ Văn Hùng", "05/06/1982", "Nam", "", "", "", "", "1"]]),
            commit=False,
        )
        self.assertEqual((job.status, job.valid_rows), ("validated", 1))
        self.assertFalse(Person.objects.exists())

    def test_a_failure_while_writing_leaves_nothing_half_imported(self):
        upload = xlsx(
            [HEADERS]
            + [[i, f"Người {i}", "01/01/1980", "Nam", "", "", "", "", "1"] for i in range(5)]
        )
        from unittest import mock

        with mock.patch.object(
            Person.objects, "bulk_create", side_effect=RuntimeError("disk full")
        ):
            with self.assertRaises(RuntimeError):
                self.run_import(upload)
        self.assertFalse(Person.objects.exists())
        self.assertFalse(Household.objects.exists())

    def test_the_error_report_keeps_the_columns_and_imports_again_once_fixed(self):
        job = self.run_import(
            xlsx([HEADERS, [1, "Sai Ngày", "31/02/1990", "Nam", "", "", "", "", "1"]])
        )
        report = openpyxl.load_workbook(io.BytesIO(importing.error_report(job)))
        sheet = report.active
        self.assertEqual([c.value for c in sheet[1]][:9], HEADERS)
        self.assertIn("không tồn tại", sheet.cell(row=2, column=11).value)
        sheet.cell(row=2, column=3).value = "28/02/1990"
        buffer = io.BytesIO()
        report.save(buffer)
        again = self.run_import(SimpleUploadedFile("da-sua.xlsx", buffer.getvalue()))
        self.assertEqual((again.imported_rows, again.rejected_rows), (1, 0))


class BadFileTests(ImportTestCase):
    def test_a_file_that_is_not_a_spreadsheet_is_refused_in_vietnamese(self):
        job = self.run_import(SimpleUploadedFile("danh-sach.xlsx", b"%PDF-1.4 not a workbook"))
        self.assertEqual(job.status, "failed")
        self.assertIn("không đọc được", job.message)

    def test_a_sheet_without_headers_is_refused(self):
        job = self.run_import(xlsx([["a", "b"], [1, 2]]))
        self.assertEqual(job.status, "failed")
        self.assertIn("tiêu đề", job.message)

    def test_csv_files_are_read_too(self):
        content = "Họ và tên;Năm sinh;Giới tính\nBùi Thị Thu;1991;Nữ\n".encode()
        job = self.run_import(SimpleUploadedFile("ds.csv", content), unit=self.neighbourhood_a2)
        self.assertEqual(job.imported_rows, 1, job.errors or job.message)

    def test_importing_into_a_ward_needs_a_neighbourhood_column(self):
        job = self.run_import(
            xlsx([["Họ và tên", "Năm sinh", "Giới tính"], ["Bùi Thu", 1991, "Nữ"]])
        )
        self.assertEqual(job.status, "failed")
        self.assertIn("Khu phố", job.message)


class ImportWizardTests(BaseTestCase):
    def test_an_officer_uploads_confirms_checks_and_imports_in_the_browser(self):
        self.login(self.ward_a_officer)
        upload = xlsx(
            [
                HEADERS,
                [1, "Đỗ Văn Hùng", "05/06/1982", "Nam", "", "Kinh", "Không", "", "1"],
                [2, "Sai Ngày", "31/02/1990", "Nam", "", "", "", "", "1"],
            ]
        )
        response = self.client.post(
            reverse("people_import_new"), {"file": upload, "unit": self.ward_a.pk}
        )
        job = ImportJob.objects.get()
        self.assertRedirects(response, reverse("people_import_mapping", args=[job.pk]))
        page = self.client.get(reverse("people_import_mapping", args=[job.pk]))
        self.assertContains(page, "Đỗ Văn Hùng")
        data = {
            f"column_{i}": v
            for i, v in enumerate(
                [
                    "",
                    "full_name",
                    "birth",
                    "sex",
                    "id_number",
                    "ethnicity",
                    "religion",
                    "phone",
                    "unit",
                ]
            )
        }
        self.client.post(reverse("people_import_mapping", args=[job.pk]), data)
        detail = self.client.get(reverse("people_import_detail", args=[job.pk]))
        self.assertContains(detail, "Ngày này không tồn tại")
        self.assertFalse(Person.objects.exists())
        self.client.post(reverse("people_import_commit", args=[job.pk]))
        self.assertEqual(list(Person.objects.values_list("full_name", flat=True)), ["Đỗ Văn Hùng"])
        report = self.client.get(reverse("people_import_errors", args=[job.pk]))
        self.assertEqual(
            report["Content-Type"].split(";")[0],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )

    @override_settings(IMPORT_MAX_BYTES=100)
    def test_oversized_empty_and_foreign_files_are_refused_at_upload(self):
        self.login(self.ward_a_officer)
        for upload, message in [
            (xlsx([HEADERS] * 20), "lớn hơn"),
            (SimpleUploadedFile("rong.xlsx", b""), "rỗng"),
            (SimpleUploadedFile("anh.png", b"\x89PNG...."), "Chỉ nhập được"),
        ]:
            with self.subTest(file=upload.name):
                response = self.client.post(
                    reverse("people_import_new"), {"file": upload, "unit": self.ward_a.pk}
                )
                self.assertContains(response, message)
        self.assertFalse(ImportJob.objects.exists())

    def test_an_officer_cannot_import_into_another_ward(self):
        self.login(self.ward_a_officer)
        upload = xlsx([HEADERS, [1, "Đỗ Văn Hùng", "05/06/1982", "Nam", "", "", "", "", "1"]])
        response = self.client.post(
            reverse("people_import_new"), {"file": upload, "unit": self.ward_b.pk}
        )
        # Refused by the action (PermissionDenied), as the API refuses it.
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        self.assertFalse(ImportJob.objects.exists())


class OldExcelTests(ImportTestCase):
    def test_an_xls_file_from_old_excel_is_read_with_its_date_cells(self):
        """files/danh-sach.xls: 3 rows saved by LibreOffice as Excel 97–2003 (.xls)."""
        from pathlib import Path

        content = (Path(__file__).parent / "files" / "danh-sach.xls").read_bytes()
        job = self.run_import(SimpleUploadedFile("danh-sach.xls", content))
        self.assertEqual(
            (job.status, job.imported_rows, job.rejected_rows), ("done", 2, 1), job.errors
        )
        hoa = Person.objects.get(full_name="Nguyễn Văn Hòa")
        self.assertEqual((str(hoa.birth_date), hoa.unit.code), ("1978-04-12", "A1"))
        self.assertIn("tương lai", job.errors[0]["messages"][0])


class ProtectedDataInImportsTests(ImportTestCase):
    def test_rejected_rows_are_stored_encrypted_and_the_upload_is_deleted(self):
        upload = xlsx(
            [HEADERS, [1, "Sai Ngày", "31/02/1990", "Nam", "027090012345", "Tày", "", "", "1"]]
        )
        job = self.run_import(upload)
        stored = str(ImportJob.objects.filter(pk=job.pk).values_list("errors", flat=True).get())
        self.assertNotIn("027090012345", stored)
        self.assertNotIn("Tày", stored)
        self.assertFalse(job.file)
        report = openpyxl.load_workbook(io.BytesIO(importing.error_report(job))).active
        self.assertIn("027090012345", [c.value for c in report[2]])

    def test_the_error_report_is_only_for_roles_that_may_see_protected_data(self):
        job = self.run_import(xlsx([HEADERS, [1, "Sai", "31/02/1990", "Nam", "", "", "", "", "1"]]))
        url = reverse("people_import_errors", args=[job.pk])
        for user in (self.ward_a_leader, self.city_specialist, self.ward_b_officer):
            self.login(user)
            self.assertIn(self.client.get(url).status_code, (302, 404), user.username)
        self.login(self.ward_a_officer)
        self.assertEqual(self.client.get(url).status_code, 200)
