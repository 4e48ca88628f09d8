"""A denouncer's identity never leaks to another role: not by list, search, export, API,
notification or log (Law on Denunciation, Art. 8(3) and 47)."""

import datetime
import io
import json
import logging

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from dvs.accounts.models import AuditEntry
from dvs.cases import tasks, workflow
from dvs.cases.models import Case, Kind, Reminder
from dvs.cases.tests.helpers import receive
from dvs.testing import BaseTestCase

NAME = "Phùng Thị Tố Giác"
ADDRESS = "Số 99 phố Bí Mật"


class DenouncerIdentityTests(BaseTestCase):
    def setUp(self):
        self.case = receive(
            self.neighbourhood_a1,
            kind=Kind.DENUNCIATION,
            petitioners=[{"name": NAME, "address": ADDRESS, "phone": "0988777666"}],
            content="Tố cáo cán bộ địa chính nhận tiền để hợp thức hóa đất lấn chiếm.",
            attachments=[
                (SimpleUploadedFile("don-to-cao.pdf", b"%PDF-1.4 " + NAME.encode()), True)
            ],
            received_on=datetime.date(2026, 3, 2),
        )

    def assertNoIdentity(self, text):
        for secret in (NAME, ADDRESS, "0988777666"):
            self.assertNotIn(secret, text)

    def test_the_identity_is_encrypted_at_rest(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT identity_encrypted, public_name, name_key FROM cases_petitioner")
            self.assertNoIdentity(json.dumps(cursor.fetchall(), ensure_ascii=False))

    def test_lists_search_and_exports_never_show_it(self):
        self.login(self.ward_a_officer)
        listing = self.client.get(reverse("case:index")).content.decode()
        self.assertIn(self.case.code, listing)
        self.assertNoIdentity(listing)
        found = self.client.get(reverse("case:index"), {"q": "Phung Thi"}).content.decode()
        self.assertNotIn(self.case.code, found)
        export = self.client.get(reverse("case:index"), {"export": "xlsx"})
        sheet = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
        cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
        self.assertIn(self.case.code, cells)
        self.assertNoIdentity(cells)
        detail = self.client.get(reverse("case:inspect", args=[self.case.pk])).content.decode()
        self.assertNoIdentity(detail)
        self.assertNotIn("don-to-cao.pdf", detail)

    def test_the_api_never_shows_it_to_other_roles(self):
        listing = self.api_get("/cases", self.ward_a_officer).content.decode()
        detail = self.api_get(f"/cases/{self.case.pk}", self.ward_a_officer).content.decode()
        self.assertIn(self.case.code, listing)
        self.assertNoIdentity(listing + detail)
        self.assertEqual(
            self.api_get(f"/cases/{self.case.pk}/petitioners", self.ward_a_officer).status_code,
            403,
        )

    def test_only_the_handler_and_the_leaders_see_it_and_each_view_is_recorded(self):
        for user in (self.ward_a_officer, self.city_specialist, self.readonly_leader):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.client.get(reverse("cases_identity", args=[self.case.pk]))
                self.assertEqual(response.status_code, 404)
        self.assertFalse(AuditEntry.objects.filter(action="dvs.reveal").exists())

        self.login(self.city_leader)
        page = self.client.get(reverse("cases_identity", args=[self.case.pk])).content.decode()
        self.assertIn(NAME, page)
        workflow.assign(self.case, by=self.city_leader, handler=self.ward_a_reception_officer)
        self.login(self.ward_a_reception_officer)
        self.assertIn(
            NAME, self.client.get(reverse("cases_identity", args=[self.case.pk])).content.decode()
        )
        attachment = self.case.attachments.get()
        download = self.client.get(reverse("cases_attachment", args=[self.case.pk, attachment.pk]))
        self.assertEqual(download.status_code, 200)
        api = self.api_get(
            f"/cases/{self.case.pk}/petitioners", self.ward_a_reception_officer
        ).json()
        self.assertEqual(api[0]["name"], NAME)

        entries = AuditEntry.objects.filter(action="dvs.reveal", object_id=str(self.case.pk))
        self.assertEqual(
            sorted(entries.values_list("user__username", flat=True)),
            ["city_leader"] + ["ward_a_reception_officer"] * 3,
        )
        for entry in entries:
            self.assertNoIdentity(json.dumps(entry.data, ensure_ascii=False))

    def test_identifying_attachments_are_hidden_from_other_roles(self):
        attachment = self.case.attachments.get()
        self.login(self.ward_a_officer)
        response = self.client.get(reverse("cases_attachment", args=[self.case.pk, attachment.pk]))
        self.assertEqual(response.status_code, 404)

    def test_reminders_and_logs_carry_the_code_only(self):
        workflow.accept(self.case, by=None, accepted_on=datetime.date(2026, 3, 4))
        workflow.assign(self.case, by=None, handler=self.ward_a_reception_officer)
        with self.assertLogs(level=logging.DEBUG) as logs:
            logging.getLogger("dvs").debug("reminder run")
            tasks.send_reminders(today=datetime.date(2026, 6, 30))
        reminder = Reminder.objects.filter(case=self.case).first()
        self.assertIsNotNone(reminder)
        self.assertNoIdentity(" ".join(logs.output))
        self.login(self.city_leader)
        page = self.client.get(reverse("cases_reminders")).content.decode()
        self.assertIn(self.case.code, page)
        self.assertNoIdentity(page)

    def test_a_non_confidential_case_lists_its_petitioner(self):
        receive(self.neighbourhood_a1, name="Lê Văn Khiếu Nại")
        self.login(self.ward_a_officer)
        self.assertIn("Lê Văn Khiếu Nại", self.client.get(reverse("case:index")).content.decode())
        self.assertEqual(Case.objects.count(), 2)
