"""The import of affected parties from the commune's or the land office's spreadsheets:
every row checked at the boundary, the valid ones kept together or not at all."""

import datetime
from decimal import Decimal
from unittest import mock

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from dvs.accounts.models import AuditEntry
from dvs.clearance import importing
from dvs.clearance.models import AffectedParty, Milestone, MilestoneKind, PartyKind, Stage
from dvs.clearance.tests.helpers import make_party, make_project, make_segment
from dvs.people.tests.helpers import xlsx
from dvs.testing import BaseTestCase, use_temporary_media

HEADERS = [
    "Mã dự án",
    "Phường (mã đơn vị)",
    "Tổ dân phố",
    "Loại",
    "Tên",
    "Địa chỉ",
    "Loại đất",
    "Diện tích thu hồi (m²)",
    "Phải di dời",
    "Ngày niêm yết phương án",
    "Ngày họp lấy ý kiến",
    "Ý kiến",
    "Ngày phê duyệt phương án",
    "Ngày chi trả",
    "Ngày bàn giao",
    "Ghi chú",
]


def row(name="Hộ ông Nguyễn Văn An", address="Số 1", **cells):
    values = {
        "project": "VD4-2026-001",
        "ward": "A",
        "neighbourhood": "Khu phố 1",
        "kind": "Hộ gia đình",
        "name": name,
        "address": address,
        "land": "Nông nghiệp",
        "area": "350,5",
        "relocate": "Không",
        "posted": "",
        "meeting": "",
        "opinion": "",
        "approved": "",
        "paid": "",
        "handover": "",
        "note": "",
    }
    values.update(cells)
    return list(values.values())


class ClearanceImportTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.project = make_project(cls.city)
        cls.segment_a = make_segment(cls.project, cls.ward_a)
        cls.segment_b = make_segment(cls.project, cls.ward_b)

    def setUp(self):
        self.media, self.private = use_temporary_media(self)

    def stored(self, rows, name="gpmb.xlsx"):
        return importing.store_upload(xlsx([HEADERS, *rows], name=name))

    def run_import(self, rows, user=None, commit=True, **kwargs):
        name = self.stored(rows)
        table = importing.load_table(name)
        return importing.run(
            name, by=user or self.ward_a_officer, mapping=table.mapping, commit=commit, **kwargs
        )

    def test_every_usual_header_is_recognised(self):
        table = importing.load_table(self.stored([row()]))
        self.assertEqual(
            [table.mapping.get(str(i)) for i in range(len(HEADERS))],
            list(importing.FIELDS),
        )

    def test_ward_a_officer_imports_a_household_with_its_steps_and_its_stage_follows(self):
        outcome = self.run_import(
            [
                row(
                    posted="05/03/2026",
                    meeting=datetime.datetime(2026, 4, 10),
                    opinion="Không đồng ý",
                    approved="20/05/2026",
                    paid="01/06/2026",
                    relocate="Có",
                    land="Nông nghiệp, đất ở",
                )
            ]
        )
        self.assertTrue(outcome.committed, [r.errors for r in outcome.results])
        party = AffectedParty.objects.get()
        self.assertEqual(party.unit, self.neighbourhood_a1)
        self.assertEqual(party.segment, self.segment_a)
        self.assertEqual(party.kind, PartyKind.HOUSEHOLD)
        self.assertEqual(party.area_m2, Decimal("350.50"))
        self.assertTrue(party.must_relocate)
        self.assertTrue(party.agricultural_land and party.residential_land)
        self.assertEqual(party.stage, Stage.AWAITING_HANDOVER)
        self.assertEqual(party.paid_on, datetime.date(2026, 6, 1))
        meeting = Milestone.objects.get(party=party, kind=MilestoneKind.OPINION_MEETING)
        self.assertEqual((meeting.present, meeting.agree, meeting.disagree), (1, 0, 1))
        self.assertEqual(Milestone.objects.filter(party=party).count(), 4)
        self.segment_a.refresh_from_db()
        self.assertIsNotNone(self.segment_a.last_reported_at)
        self.assertTrue(
            AuditEntry.objects.filter(object_id=str(party.pk), action="wagtail.create").exists()
        )

    def test_a_check_keeps_nothing_and_keeps_the_file(self):
        name = self.stored([row()])
        table = importing.load_table(name)
        outcome = importing.run(name, by=self.ward_a_officer, mapping=table.mapping)
        self.assertEqual(len(outcome.valid), 1)
        self.assertFalse(outcome.committed)
        self.assertFalse(AffectedParty.objects.exists())
        self.assertFalse(Milestone.objects.exists())
        self.assertEqual(len([p for p in self.private.rglob("*") if p.is_file()]), 1)

    def test_a_file_left_waiting_a_day_is_deleted_at_the_next_upload(self):
        import datetime as dt

        from django.utils import timezone

        self.stored([row()])
        self.assertEqual(importing.delete_stale_uploads(), 0)
        later = timezone.now() + dt.timedelta(hours=25)
        self.assertEqual(importing.delete_stale_uploads(now=later), 1)
        self.assertEqual([p for p in self.private.rglob("*") if p.is_file()], [])

    def test_a_committed_import_deletes_its_file(self):
        self.run_import([row()])
        self.assertEqual([p for p in self.private.rglob("*") if p.is_file()], [])

    def test_bad_cells_are_refused_with_a_vietnamese_reason_per_row(self):
        outcome = self.run_import(
            [
                row("Hộ bà Lê Thị Bình", posted="31/02/2026"),
                row("Hộ ông Trần Văn Cường", paid="01/01/2099"),
                row("Hộ ông Phạm Văn Dũng", area="-5"),
                row("Hộ ông Hoàng\u200b Văn Em"),
                row("Hộ bà Vũ Thị Gấm", kind="Doanh nghiệp ma"),
                row("Hộ ông Đỗ Văn Hải", meeting="01/03/2026", posted="10/03/2026"),
                row("", address="Số 9"),
                row("Hộ ông Ngô Văn Khoa", opinion="Đồng ý"),
                row("Hộ ông Bùi Văn Lâm", approved="2026"),
                row("Hộ bà Tạ Thị Mơ"),
            ]
        )
        self.assertEqual([r.number for r in outcome.rejected], list(range(2, 11)))
        for result in outcome.rejected:
            self.assertTrue(result.errors)
        # Nothing kept of a row refused; the one valid row is imported.
        self.assertEqual(
            list(AffectedParty.objects.values_list("name", flat=True)), ["Hộ bà Tạ Thị Mơ"]
        )
        self.assertFalse(Milestone.objects.exists())

    def test_a_ward_outside_the_officers_scope_is_refused(self):
        outcome = self.run_import([row(ward="B", neighbourhood="")])
        self.assertEqual(len(outcome.rejected), 1)
        self.assertIn("Phường Bình Minh", outcome.rejected[0].errors[0])
        self.assertFalse(AffectedParty.objects.exists())

    def test_a_project_without_a_segment_in_the_ward_is_refused(self):
        other = make_project(self.city, code="DT295C-2026", name="Đường tỉnh 295C")
        make_segment(other, self.ward_b)
        outcome = self.run_import([row(project="DT295C-2026")], user=self.city_specialist)
        self.assertEqual(len(outcome.rejected), 1)
        self.assertFalse(AffectedParty.objects.exists())

    def test_duplicates_in_the_file_and_on_the_segment_are_reported(self):
        make_party(self.segment_a, "Hộ ông Lý Văn Phúc", address="Số 7")
        outcome = self.run_import(
            [
                row("Hộ ông Nguyễn Văn An", address="Số 1"),
                row("HỘ ÔNG NGUYỄN VĂN AN", address="số 1"),
                row("Hộ ông Lý Văn Phúc", address="Số 7"),
            ]
        )
        self.assertEqual([r.number for r in outcome.rejected], [3, 4])
        self.assertEqual(AffectedParty.objects.count(), 2)

    def test_the_project_and_ward_chosen_on_the_form_serve_rows_without_them(self):
        name = importing.store_upload(
            xlsx([["Tên", "Địa chỉ"], ["Hộ ông Nguyễn Văn An", "Số 1"]], name="ds.xlsx")
        )
        table = importing.load_table(name)
        importing.run(
            name,
            by=self.ward_a_officer,
            mapping=table.mapping,
            project=self.project,
            ward=self.ward_a,
            commit=True,
        )
        self.assertEqual(AffectedParty.objects.get().unit, self.ward_a)

    def test_a_csv_file_with_excel_serial_dates_is_read(self):
        content = (
            ",".join(HEADERS) + "\n" + ",".join(row(posted="46086", area="350")) + "\n"
        ).encode()
        name = importing.store_upload(SimpleUploadedFile("gpmb.csv", content))
        table = importing.load_table(name)
        importing.run(name, by=self.ward_a_officer, mapping=table.mapping, commit=True)
        posted = Milestone.objects.get(kind=MilestoneKind.PLAN_POSTED)
        self.assertEqual(posted.on, datetime.date(2026, 3, 5))

    def test_a_clock_error_refuses_the_row_and_a_warning_is_kept(self):
        def check(milestone):
            if milestone.kind == MilestoneKind.PAID:
                return {"on": ["Ngày chi trả trước ngày phương án có hiệu lực."]}, []
            return {}, ["Chưa đủ 30 ngày niêm yết."]

        with mock.patch("dvs.clearance.clocks.check_milestone", side_effect=check):
            outcome = self.run_import(
                [
                    row("Hộ ông Nguyễn Văn An", posted="05/03/2026", paid="10/03/2026"),
                    row("Hộ bà Lê Thị Bình", posted="05/03/2026"),
                ]
            )
        self.assertEqual([r.number for r in outcome.rejected], [2])
        self.assertIn("Ngày chi trả trước", outcome.rejected[0].errors[0])
        self.assertEqual(outcome.warned[0].warnings, ["Chưa đủ 30 ngày niêm yết."])
        posted = Milestone.objects.get()
        self.assertEqual(posted.party.name, "Hộ bà Lê Thị Bình")
        self.assertEqual(posted.warnings, ["Chưa đủ 30 ngày niêm yết."])

    def test_a_neighbourhood_committee_may_not_import(self):
        with self.assertRaises(PermissionDenied):
            self.run_import([row()], user=self.neighbourhood_a1_committee)

    def test_the_error_report_keeps_the_columns_and_says_why(self):
        import io

        import openpyxl

        name = self.stored([row(address="+1 đường Lý Thái Tổ", area="abc")])
        table = importing.load_table(name)
        outcome = importing.run(name, by=self.ward_a_officer, mapping=table.mapping)
        sheet = openpyxl.load_workbook(io.BytesIO(importing.error_report(table, outcome))).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][: len(HEADERS)], tuple(HEADERS))
        self.assertEqual(rows[1][5], "+1 đường Lý Thái Tổ")
        self.assertTrue(sheet.cell(row=2, column=6).quotePrefix)
        self.assertEqual(rows[1][len(HEADERS)], 2)
        self.assertTrue(rows[1][-1])

    def test_the_template_is_read_back_by_the_import(self):
        name = importing.store_upload(SimpleUploadedFile("mau.xlsx", importing.template()))
        table = importing.load_table(name)
        self.assertEqual(len(set(table.mapping.values())), len(importing.FIELDS))
