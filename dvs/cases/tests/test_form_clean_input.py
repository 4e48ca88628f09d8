"""Text typed into the back office's case steps arrives clean, like the API's: NFC,
without control or invisible characters, line breaks kept."""

import datetime

from django.urls import reverse

from dvs.cases import workflow
from dvs.cases.models import Complexity
from dvs.cases.tests.helpers import receive
from dvs.testing import BaseTestCase


class StepFormCleanInputTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.case = receive(cls.ward_a, received_on=datetime.date(2026, 3, 2))
        workflow.accept(
            cls.case, by=None, accepted_on=datetime.date(2026, 3, 3), complexity=Complexity.NORMAL
        )

    def test_the_ward_leaders_conclusion_is_stored_without_invisible_characters(self):
        self.login(self.ward_a_leader)
        typed = "Đã\u200b yêu cầu\x07 dọn dẹp\u202e vỉa hè.\r\nKiểm tra lại sau 3 ngày."
        response = self.client.post(
            reverse("cases_step", args=[self.case.pk, "conclude"]),
            {"concluded_on": "10/03/2026", "conclusion": typed},
        )
        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        self.case.refresh_from_db()
        self.assertEqual(
            self.case.conclusion, "Đã yêu cầu dọn dẹp vỉa hè.\nKiểm tra lại sau 3 ngày."
        )
