"""One time zone: a time stored at 23:30 UTC is shown as 06:30 the next day
(Asia/Ho_Chi_Minh) on the pages, in the API (with its +07:00 offset) and in the back
office's spreadsheet exports."""

import csv
import datetime
import io

from dvs.reports.models import ReviewReport
from dvs.reports.tests.helpers import make_period, make_template
from dvs.testing import BaseTestCase

LATE_UTC = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)


class GeneratedReportTimes(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.period = make_period(cls.city, make_template())
        cls.job = ReviewReport.objects.create(
            period=cls.period, unit=cls.city, created_by=cls.city_specialist
        )
        ReviewReport.objects.filter(pk=cls.job.pk).update(
            created_at=LATE_UTC, finished_at=LATE_UTC + datetime.timedelta(minutes=2)
        )

    def test_the_period_page_lists_the_report_at_local_time(self):
        self.client.force_login(self.city_specialist)
        response = self.client.get(f"/admin/reports/{self.period.pk}/")
        self.assertContains(response, "01/07/2026 06:30</a>")
        self.assertNotContains(response, "30/06/2026 23:30")

    def test_the_api_gives_the_times_with_their_offset(self):
        response = self.api_get(
            f"/reports/{self.period.pk}/review", self.city_specialist, unit=self.city.code
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["created_at"], "2026-07-01T06:30:00+07:00")
        self.assertEqual(response.json()["finished_at"], "2026-07-01T06:32:00+07:00")

    def test_str_of_the_report_is_local(self):
        self.job.refresh_from_db()
        self.assertTrue(str(self.job).endswith("(01/07/2026 06:30)"))


class ExportedTimes(BaseTestCase):
    """Wagtail's exports write aware times in UTC; ours write them as shown."""

    def test_a_spreadsheet_export_writes_local_time(self):
        from openpyxl import Workbook
        from wagtail.admin.views.mixins import SpreadsheetExportMixin

        exporter = SpreadsheetExportMixin()
        sheet = Workbook(write_only=True).create_sheet()
        [cell] = exporter.generate_xlsx_row(sheet, {"when": LATE_UTC})
        self.assertEqual(cell.value, datetime.datetime(2026, 7, 1, 6, 30))
        out = io.StringIO()
        exporter.write_csv_row(csv.DictWriter(out, fieldnames=["when"]), {"when": LATE_UTC})
        self.assertEqual(out.getvalue().strip(), "2026-07-01 06:30:00")
