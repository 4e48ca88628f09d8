"""Spreadsheet bombs: a file is read within fixed bounds whatever it claims about
itself, its real cells are imported, and a sheet beyond the caps gets a clear message."""

import io
import tempfile
import tracemalloc
import zipfile
from pathlib import Path
from unittest import mock
from xml.sax.saxutils import escape

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from dvs.people import importing
from dvs.people.models import ImportJob, Person
from dvs.testing import BaseTestCase, use_temporary_media

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def column_name(number):
    name = ""
    while number:
        number, rest = divmod(number - 1, 26)
        name = chr(65 + rest) + name
    return name


def hand_made_xlsx(rows, dimension="A1:XFD1048576", extra_cells=""):
    """A minimal .xlsx written by hand, as an attacker would: its <dimension> claims
    16,384 columns and a million rows around a few real cells."""
    sheet_rows = []
    for number, values in enumerate(rows, start=1):
        cells = "".join(
            f'<c r="{column_name(i)}{number}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>'
            for i, v in enumerate(values, start=1)
        )
        sheet_rows.append(f'<row r="{number}">{cells}</row>')
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
        f'<dimension ref="{dimension}"/><sheetData>{"".join(sheet_rows)}{extra_cells}'
        "</sheetData></worksheet>"
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">'
            f'<Relationship Id="rId1" Type="{DOC_RELS}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" '
            f'xmlns:r="{DOC_RELS}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">'
            f'<Relationship Id="rId1" Type="{DOC_RELS}/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": sheet,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


PEOPLE = [
    ["Họ và tên", "Năm sinh", "Giới tính"],
    ["Trần Thị Mai", "1985", "Nữ"],
    ["Lê Văn Tám", "1948", "Nam"],
]


class SpreadsheetBombTests(BaseTestCase):
    def setUp(self):
        use_temporary_media(self)

    def write(self, content, name="bom.xlsx"):
        path = self.enterContext(tempfile.TemporaryDirectory()) + "/" + name
        with open(path, "wb") as handle:
            handle.write(content)
        return path

    def test_a_sheet_claiming_16384_columns_is_read_as_its_real_cells_in_bounded_memory(self):
        # Padded to the claimed width, 500 rows took 64 MB; 40,000 rows, 5 GB.
        many = PEOPLE + [[f"Người thứ {i}", "1990", "Nam"] for i in range(500)]
        path = self.write(hand_made_xlsx(many))
        tracemalloc.start()
        try:
            rows = importing.read_rows(path)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        self.assertEqual(rows, many)
        self.assertLess(peak, 5 * 1024 * 1024)

    def test_ward_officer_imports_the_real_rows_of_a_sheet_claiming_a_huge_dimension(self):
        job = ImportJob.objects.create(
            unit=self.neighbourhood_a1,
            file=SimpleUploadedFile("bom.xlsx", hand_made_xlsx(PEOPLE)),
            original_name="bom.xlsx",
            created_by=self.ward_a_officer,
        )
        importing.run(job, commit=True)
        self.assertEqual(job.status, ImportJob.Status.DONE, job.message)
        self.assertEqual(
            set(Person.objects.values_list("full_name", flat=True)), {"Trần Thị Mai", "Lê Văn Tám"}
        )

    def test_a_value_beyond_200_columns_is_refused_with_a_message(self):
        far = '<row r="4"><c r="GT4" t="inlineStr"><is><t>x</t></is></c></row>'
        path = self.write(hand_made_xlsx(PEOPLE, extra_cells=far))
        with self.assertRaisesMessage(importing.ImportError_, "200"):
            importing.read_rows(path)

    def test_a_cell_at_the_last_of_a_million_rows_is_refused_without_reading_a_million(self):
        far = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        path = self.write(hand_made_xlsx(PEOPLE, extra_cells=far))
        with self.assertRaisesMessage(importing.ImportError_, f"{importing.MAX_ROWS}"):
            importing.read_rows(path)

    def test_too_many_rows_are_refused_with_a_message_in_every_format(self):
        rows = PEOPLE + [[f"Người thứ {i}", "1990", "Nam"] for i in range(10)]
        csv_text = "\n".join(",".join(row) for row in rows).encode()
        for path in (self.write(hand_made_xlsx(rows)), self.write(csv_text, "list.csv")):
            with (
                mock.patch.object(importing, "MAX_ROWS", 5),
                self.assertRaisesMessage(importing.ImportError_, "5"),
            ):
                importing.read_rows(path)

    def test_an_archive_that_unpacks_beyond_the_cap_is_refused_before_reading(self):
        path = self.write(hand_made_xlsx(PEOPLE))
        with (
            mock.patch.object(importing, "MAX_UNPACKED_BYTES", 1000),
            self.assertRaises(importing.ImportError_),
        ):
            importing.read_rows(path)

    def test_a_csv_line_of_a_million_separators_is_refused(self):
        path = self.write(b"Ho va ten,Nam sinh\n" + b"," * 1_000_000 + b"\n", "list.csv")
        with self.assertRaises(importing.ImportError_):
            importing.read_rows(path)

    def test_the_mapping_page_reads_only_the_first_rows_of_the_file(self):
        self.login(self.ward_a_officer)
        upload = SimpleUploadedFile("bom.xlsx", hand_made_xlsx(PEOPLE))
        with mock.patch.object(importing, "read_rows", wraps=importing.read_rows) as reader:
            response = self.client.post(
                reverse("people_import_new"), {"file": upload, "unit": self.neighbourhood_a1.pk}
            )
            job = ImportJob.objects.get()
            self.assertRedirects(response, reverse("people_import_mapping", args=[job.pk]))
            page = self.client.get(reverse("people_import_mapping", args=[job.pk]))
        self.assertContains(page, "Trần Thị Mai")
        self.assertEqual({call.args[1] for call in reader.call_args_list}, {importing.PREVIEW_ROWS})


class OldExcelSizeTests(BaseTestCase):
    """xlrd reads an .xls whole, even for the first rows of the column-mapping page: a
    large one is refused before it is stored, with a message saying to save it as .xlsx."""

    XLS = (Path(__file__).parent / "files" / "danh-sach.xls").read_bytes()  # 6 KB

    def setUp(self):
        self.media, self.private = use_temporary_media(self)
        self.login(self.ward_a_officer)

    def upload(self):
        return self.client.post(
            reverse("people_import_new"),
            {
                "file": SimpleUploadedFile("danh-sach.xls", self.XLS),
                "unit": self.neighbourhood_a1.pk,
            },
        )

    def test_ward_a_officer_is_told_to_save_a_large_xls_as_xlsx_and_nothing_is_kept(self):
        with override_settings(IMPORT_XLS_MAX_BYTES=4096):
            response = self.upload()
            api = self.client.post(
                "/api/v1/people/import",
                {"unit": "A1", "file": SimpleUploadedFile("danh-sach.xls", self.XLS)},
                headers={"Authorization": f"Bearer {self.token_for(self.ward_a_officer)}"},
            )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, ".xlsx")
        self.assertEqual(api.status_code, 400)
        self.assertIn(".xlsx", api.json()["detail"])
        self.assertFalse(ImportJob.objects.exists())
        self.assertEqual([p for p in self.private.rglob("*") if p.is_file()], [])

    def test_ward_a_officer_uploads_a_small_xls_as_before(self):
        response = self.upload()
        job = ImportJob.objects.get()
        self.assertRedirects(response, reverse("people_import_mapping", args=[job.pk]))
