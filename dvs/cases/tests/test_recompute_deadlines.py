from datetime import date
from io import StringIO

from django.core.management import call_command

from dvs.cases import workflow
from dvs.cases.models import Case
from dvs.cases.tests.helpers import receive
from dvs.testing import BaseTestCase
from dvs.workdays import calendar
from dvs.workdays.models import CalendarDay, CalendarDecision


class RecomputeDeadlinesTests(BaseTestCase):
    def setUp(self):
        calendar.invalidate()

    def tearDown(self):
        calendar.invalidate()

    def test_running_cases_follow_a_decision_entered_after_they_were_received(self):
        # Accepted 2/12/2026: + 30 days = 1/1/2027, a holiday; the weekend; Monday 4/1.
        running = receive(self.ward_a, received_on=date(2026, 12, 1))
        workflow.accept(running, by=self.ward_a_reception_officer, accepted_on=date(2026, 12, 2))
        closed = receive(self.ward_a, received_on=date(2026, 12, 1))
        workflow.accept(closed, by=self.ward_a_reception_officer, accepted_on=date(2026, 12, 2))
        workflow.conclude(
            closed, by=self.ward_a_reception_officer, concluded_on=date(2026, 12, 3),
            conclusion="Xong.",
        )  # fmt: skip
        self.assertEqual(Case.objects.get(pk=running.pk).resolve_by, date(2027, 1, 4))
        # The 2027 decision makes Monday 4/1/2027 a day off (hypothetical).
        decision = CalendarDecision.objects.create(year=2027, number="1/TEST", title="Thử")
        CalendarDay.objects.create(
            decision=decision, date=date(2027, 1, 4), name="Nghỉ", kind="day_off"
        )
        out = StringIO()
        call_command("recompute_deadlines", stdout=out)
        self.assertIn("1 cases", out.getvalue())
        self.assertEqual(Case.objects.get(pk=running.pk).resolve_by, date(2027, 1, 5))
        self.assertEqual(Case.objects.get(pk=closed.pk).resolve_by, date(2027, 1, 4))
