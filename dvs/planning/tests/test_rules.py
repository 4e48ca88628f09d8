import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase
from django.utils import timezone

from dvs.planning import actions, rules
from dvs.planning.models import ProgramStatus, ProgressUpdate, Task, TaskStatus

from .helpers import PlanningTestCase, make_program, make_task


class PureRuleTests(SimpleTestCase):
    def test_task_status_follows_its_assignments(self):
        self.assertEqual(rules.task_status([]), TaskStatus.NOT_STARTED)
        self.assertEqual(rules.task_status(["not_started", "not_started"]), "not_started")
        self.assertEqual(rules.task_status(["done", "not_started"]), "in_progress")
        self.assertEqual(rules.task_status(["done", "done"]), "done")

    def test_percent_must_be_a_whole_number_from_0_to_100(self):
        self.assertEqual(rules.check_percent("50"), 50)
        for bad in ("abc", 101, -1, "", None):
            with self.subTest(bad=bad), self.assertRaises(ValidationError):
                rules.check_percent(bad)

    def test_spending_above_budget_is_refused(self):
        rules.check_spending(Decimal(100), [60, 40])
        with self.assertRaisesMessage(ValidationError, "101"):
            rules.check_spending(Decimal(100), [60, 41])

    def test_negative_amount_is_refused(self):
        with self.assertRaises(ValidationError):
            rules.check_amount("-5")


class AssignTests(PlanningTestCase):
    def test_task_given_outside_the_assigners_scope_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "Phường Bình Minh"):
            make_task(self.ward_a_leader, self.ward_a, [self.ward_b], title="Sai phạm vi")
        self.assertFalse(Task.objects.filter(title="Sai phạm vi").exists())

    def test_assignee_outside_the_assigning_unit_is_refused(self):
        with self.assertRaises(ValidationError):
            make_task(self.city_leader, self.ward_a, [self.neighbourhood_b1], title="X")
        self.assertFalse(Task.objects.filter(title="X").exists())

    def test_ward_leader_assigns_to_its_neighbourhoods(self):
        task = make_task(self.ward_a_leader, self.ward_a, [self.neighbourhood_a1])
        self.assertEqual(task.assignments.get().unit, self.neighbourhood_a1)
        self.assertEqual(task.assigned_by, self.ward_a_leader)

    def test_organisation_assignment_takes_the_organisations_unit(self):
        self.assertEqual(self.assignment_women.unit, self.ward_a)


class ProgressTests(PlanningTestCase):
    def test_progress_updates_assignment_and_derived_task_status(self):
        actions.record_progress(self.assignment_a, by=self.ward_a_officer, percent=40, note="")
        self.task_a.refresh_from_db()
        self.assertEqual(self.task_a.status, TaskStatus.IN_PROGRESS)
        actions.record_progress(self.assignment_a, by=self.ward_a_officer, percent=100)
        actions.record_progress(self.assignment_women, by=self.ward_a_women_officer, percent="100")
        self.task_a.refresh_from_db()
        self.assertEqual(self.task_a.status, TaskStatus.DONE)
        self.assignment_a.refresh_from_db()
        self.assertEqual(self.assignment_a.completed_on, timezone.localdate())

    def test_other_ward_cannot_report_progress(self):
        with self.assertRaises(ValidationError):
            actions.record_progress(self.assignment_a, by=self.ward_b_officer, percent=50)
        self.assertFalse(ProgressUpdate.objects.exists())

    def test_women_officer_cannot_report_for_the_ward(self):
        with self.assertRaises(ValidationError):
            actions.record_progress(self.assignment_a, by=self.ward_a_women_officer, percent=50)

    def test_bad_percent_and_future_date_are_refused_and_nothing_saved(self):
        for kwargs in (
            {"percent": 150},
            {"percent": "nhiều"},
            {"percent": 10, "date": timezone.localdate() + datetime.timedelta(days=1)},
        ):
            with self.subTest(**kwargs), self.assertRaises(ValidationError):
                actions.record_progress(self.assignment_a, by=self.ward_a_officer, **kwargs)
        self.assertFalse(ProgressUpdate.objects.exists())
        self.assignment_a.refresh_from_db()
        self.assertEqual(self.assignment_a.percent, 0)


class OverdueTests(PlanningTestCase):
    def test_task_past_deadline_and_not_done_is_overdue(self):
        late = make_task(
            self.city_specialist,
            self.city,
            [self.ward_a],
            title="Quá hạn",
            assigned_on=timezone.localdate() - datetime.timedelta(days=40),
            deadline=timezone.localdate() - datetime.timedelta(days=1),
        )
        self.assertEqual(list(Task.objects.overdue()), [late])
        self.assertEqual(late.current_status(), TaskStatus.OVERDUE)
        actions.record_progress(late.assignments.get(), by=self.ward_a_officer, percent=100)
        self.assertFalse(Task.objects.overdue().exists())


class ProgramTests(PlanningTestCase):
    def setUp(self):
        self.program = make_program(self.city_front)

    def order(self, budget=1_000_000):
        return actions.order_program(
            self.program,
            by=self.city_specialist,
            ordered_on=timezone.localdate() - datetime.timedelta(days=30),
            decision_number="15/QĐ-UBND",
            budget=budget,
        )

    def test_ordered_program_tracks_spending_within_budget(self):
        self.order()
        actions.spend(
            self.program, by=self.city_specialist, spent_on=timezone.localdate(), amount=600_000
        )
        with self.assertRaisesMessage(ValidationError, "1.000.001"):
            actions.spend(
                self.program,
                by=self.city_specialist,
                spent_on=timezone.localdate(),
                amount=400_001,
            )
        with self.assertRaises(ValidationError):
            actions.spend(
                self.program, by=self.city_specialist, spent_on=timezone.localdate(), amount=-1
            )
        self.program.refresh_from_db()
        self.assertEqual(self.program.spent(), 600_000)
        self.assertEqual(self.program.status, ProgramStatus.IN_PROGRESS)

    def test_spending_on_a_proposal_is_refused(self):
        with self.assertRaises(ValidationError):
            actions.spend(
                self.program, by=self.city_specialist, spent_on=timezone.localdate(), amount=5
            )

    def test_completion_needs_every_output_recorded(self):
        self.order()
        with self.assertRaisesMessage(ValidationError, "Cuộc"):
            actions.complete_program(self.program, by=self.city_specialist)
        self.program.outputs.update(actual=5)
        actions.complete_program(self.program, by=self.city_specialist)
        self.program.refresh_from_db()
        self.assertEqual(self.program.status, ProgramStatus.COMPLETED)

    def test_negative_budget_is_refused(self):
        with self.assertRaises(ValidationError):
            self.order(budget=-10)
        self.program.refresh_from_db()
        self.assertEqual(self.program.status, ProgramStatus.PROPOSED)

    def test_other_ward_cannot_order(self):
        with self.assertRaises(ValidationError):
            actions.order_program(
                self.program,
                by=self.ward_b_officer,
                ordered_on=timezone.localdate(),
                decision_number="1",
                budget=1,
            )
