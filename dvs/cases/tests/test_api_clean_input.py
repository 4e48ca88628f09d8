"""Text sent to the cases API is stored as the back office's forms store it: NFC, without
control or invisible characters (issue 11, hole 10)."""

import datetime

from dvs.cases import workflow
from dvs.cases.models import Case, Event
from dvs.cases.tests.helpers import receive
from dvs.testing import BaseTestCase


class CaseApiCleanInputTests(BaseTestCase):
    def post(self, path, payload):
        return self.client.post(
            f"/api/v1/cases{path}",
            payload,
            content_type="application/json",
            headers={"Authorization": f"Bearer {self.token_for(self.ward_a_reception_officer)}"},
        )

    def test_a_case_sent_with_invisible_and_control_characters_is_stored_clean(self):
        response = self.post(
            "",
            {
                "kind": "petition",
                "received_on": "2026-03-02",
                "unit": "A1",
                "channel": "forwarded",
                "content": "Kiến nghị\x0b sửa\u200b đường\x01 tổ 3.\r\nĐề nghị xem xét.",
                "forwarded_by": "UBND\u202e phường",
                "petitioners": [{"name": "Đỗ\u200b Văn\x01 Khiếu", "phone": "0912\u200b345678"}],
            },
        )
        self.assertEqual(response.status_code, 201, response.content)
        case = Case.objects.get(pk=response.json()["id"])
        self.assertEqual(case.content, "Kiến nghị sửa đường tổ 3.\nĐề nghị xem xét.")
        self.assertEqual(case.forwarded_by, "UBND phường")
        identity = case.petitioners.get().identity
        self.assertEqual((identity["name"], identity["phone"]), ("Đỗ Văn Khiếu", "0912345678"))

    def test_a_steps_note_and_reason_are_stored_clean(self):
        case = receive(self.ward_a, received_on=datetime.date(2026, 3, 2))
        response = self.post(
            f"/{case.pk}/archive",
            {"archived_on": "2026-03-03", "reason": "Đơn\x01 nặc danh\u200b, không rõ nội dung"},
        )
        self.assertEqual(response.status_code, 200, response.content)
        case.refresh_from_db()
        self.assertEqual(case.closing_reason, "Đơn nặc danh, không rõ nội dung")
        self.assertEqual(case.events.get(kind=Event.Kind.ARCHIVED).note, case.closing_reason)

    def test_the_step_is_still_refused_when_only_invisible_characters_are_given(self):
        case = receive(self.ward_a, received_on=datetime.date(2026, 3, 2))
        response = self.post(
            f"/{case.pk}/archive", {"archived_on": "2026-03-03", "reason": "\u200b"}
        )
        self.assertEqual(response.status_code, 400, response.content)
        self.assertEqual(Case.objects.get(pk=case.pk).status, workflow.Status.RECEIVED)
