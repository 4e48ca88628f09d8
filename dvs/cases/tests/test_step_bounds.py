"""The dates and days of the workflow's steps are checked at the boundary: a date before
2000 or in the future, or an extension of no days or of an absurd number, gets a
message (422 in the API, a CaseError in the step the admin's forms call) and changes
nothing, never a server error."""

import datetime

from dvs.cases import workflow
from dvs.cases.models import Complexity, Extension, Kind, Status
from dvs.cases.tests.helpers import receive
from dvs.testing import BaseTestCase

BAD_DATES = ("0001-01-01", "1999-12-31", "9999-12-31")


class StepBoundsTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.received = receive(cls.ward_a, received_on=datetime.date(2026, 3, 2))
        cls.denunciation = receive(
            cls.ward_a, kind=Kind.DENUNCIATION, received_on=datetime.date(2026, 3, 2)
        )
        workflow.accept(
            cls.denunciation,
            by=None,
            accepted_on=datetime.date(2026, 3, 3),
            complexity=Complexity.COMPLEX,
        )

    def post(self, case, step, payload):
        return self.client.post(
            f"/api/v1/cases/{case.pk}/{step}",
            payload,
            content_type="application/json",
            headers={"Authorization": f"Bearer {self.token_for(self.ward_a_leader)}"},
        )

    def assert_refused(self, response, field):
        self.assertEqual(response.status_code, 422, response.content)
        self.assertEqual(response.json()["errors"][0]["loc"][-1], field)
        self.assertTrue(response.json()["errors"][0]["msg"])

    def test_the_ward_leader_cannot_extend_by_an_absurd_number_of_days(self):
        for days in (10**20, 2**63, 32768, 366, 0, -1):
            with self.subTest(days=days):
                response = self.post(
                    self.denunciation,
                    "extend",
                    {"granted_on": "2026-03-10", "days": days, "reason": "Vụ việc phức tạp"},
                )
                self.assert_refused(response, "days")
        self.assertFalse(Extension.objects.exists())

    def test_the_ward_leader_cannot_date_a_step_before_2000_or_in_the_future(self):
        steps = (
            (self.received, "accept", "accepted_on", {}),
            (self.received, "forward", "forwarded_on", {"to": "UBND phường"}),
            (self.received, "archive", "archived_on", {"reason": "Đơn nặc danh"}),
            (self.denunciation, "conclude", "concluded_on", {"conclusion": "Tố cáo sai"}),
            (self.denunciation, "extend", "granted_on", {"days": 10, "reason": "Phức tạp"}),
        )
        for case, step, field, rest in steps:
            for value in BAD_DATES:
                with self.subTest(step=step, value=value):
                    self.assert_refused(self.post(case, step, {field: value, **rest}), field)
        self.received.refresh_from_db()
        self.denunciation.refresh_from_db()
        self.assertEqual(
            (self.received.status, self.denunciation.status), (Status.RECEIVED, Status.ACCEPTED)
        )

    def test_the_steps_themselves_refuse_them_for_the_admins_forms(self):
        with self.assertRaises(workflow.CaseError):
            workflow.extend(
                self.denunciation,
                by=self.ward_a_leader,
                granted_on=datetime.date(2026, 3, 10),
                days=10**20,
                reason="Phức tạp",
            )
        for value in (datetime.date(1, 1, 1), datetime.date(9999, 12, 31)):
            with self.subTest(value=value), self.assertRaises(workflow.CaseError):
                workflow.conclude(
                    self.denunciation, by=self.ward_a_leader, concluded_on=value, conclusion="Xong"
                )

    def test_a_sensible_extension_still_goes_through(self):
        response = self.post(
            self.denunciation,
            "extend",
            {"granted_on": "2026-03-10", "days": 30, "reason": "Vụ việc phức tạp"},
        )
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(Extension.objects.get().days, 30)
