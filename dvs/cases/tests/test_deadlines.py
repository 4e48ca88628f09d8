"""The deadline engine over the real calendar: each kind and stage across Tết and other
holidays, the rule switch on 1/7/2026, extensions, suspensions and configured defaults."""

from datetime import date
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.test import TestCase, override_settings
from django.utils import translation

from dvs.cases import deadlines
from dvs.cases.deadlines import CaseFacts, Extension, Suspension, compute
from dvs.workdays import calendar
from dvs.workdays.models import CalendarDay


def complaint(received_on, **facts):
    return CaseFacts(kind="complaint", received_on=received_on, **facts)


def denunciation(received_on, **facts):
    return CaseFacts(kind="denunciation", received_on=received_on, **facts)


class DeadlineTestCase(TestCase):
    def setUp(self):
        calendar.invalidate()

    def tearDown(self):
        calendar.invalidate()


class ComplaintTests(DeadlineTestCase):
    def test_received_just_before_tet_2026_is_accepted_within_10_working_days(self):
        # Thu 12/2: Fri 13 counts, Tết 14-22/2 does not; the 10th is Thu 5/3.
        result = compute(complaint(date(2026, 2, 12)))
        self.assertEqual(result.rules, "2012")
        self.assertEqual(result.accept_by, date(2026, 3, 5))
        self.assertIsNone(result.resolve_by)

    def test_first_time_resolution_ending_in_tet_moves_to_the_next_working_day(self):
        # Accepted 22/1/2026: 30 days end Saturday 21/2, inside Tết: Monday 23/2.
        result = compute(complaint(date(2026, 1, 15), accepted_on=date(2026, 1, 22)))
        self.assertEqual(result.resolve_by, date(2026, 2, 23))

    def test_acceptance_across_hung_kings_day_2026_and_30_april_1_may(self):
        # Fri 24/4: 27/4 (for Sunday 26/4), 30/4 and 1/5 are off: 10th working day 13/5.
        self.assertEqual(compute(complaint(date(2026, 4, 24))).accept_by, date(2026, 5, 13))

    def test_the_rules_switch_for_cases_received_from_1_july_2026(self):
        before = compute(complaint(date(2026, 6, 30)))
        after = compute(complaint(date(2026, 7, 1)))
        self.assertEqual((before.rules, before.accept_by), ("2012", date(2026, 7, 14)))
        self.assertEqual((after.rules, after.accept_by), ("2026-07", date(2026, 7, 10)))

    def test_acceptance_across_national_day_2026_counts_the_swapped_saturday(self):
        # Fri 21/8: Sat 22/8 is worked (1), 24-28/8 (2-6), 29/8-2/9 off, Thu 3/9 (7).
        self.assertEqual(compute(complaint(date(2026, 8, 21))).accept_by, date(2026, 9, 3))

    def test_an_administrator_cancelling_the_swap_moves_the_deadline(self):
        swap = CalendarDay.objects.get(date=date(2026, 8, 22))  # loaded with its decision
        swap.kind = CalendarDay.Kind.DAY_OFF
        swap.save()
        self.assertEqual(compute(complaint(date(2026, 8, 21))).accept_by, date(2026, 9, 4))

    def test_first_time_limits_by_complexity_and_area(self):
        accepted = date(2026, 3, 2)  # + 30 = Wed 1/4, + 45 = Thu 16/4, + 60 = Fri 1/5 (off)
        cases = {
            (False, "normal"): date(2026, 4, 1),
            (False, "complex"): date(2026, 4, 16),
            (True, "normal"): date(2026, 4, 16),
            (True, "complex"): date(2026, 5, 4),  # 1/5 holiday, then the weekend
        }
        for (remote, complexity), expected in cases.items():
            with self.subTest(remote=remote, complexity=complexity):
                facts = complaint(
                    date(2026, 2, 26),
                    accepted_on=accepted,
                    remote_area=remote,
                    complexity=complexity,
                )
                self.assertEqual(compute(facts).resolve_by, expected)

    def test_second_time_limits_45_60_and_70_days(self):
        accepted = date(2026, 11, 2)  # Monday
        normal = complaint(date(2026, 10, 28), stage=2, accepted_on=accepted)
        self.assertEqual(compute(normal).resolve_by, date(2026, 12, 17))
        complex_ = complaint(
            date(2026, 10, 28), stage=2, accepted_on=accepted, complexity="complex"
        )
        self.assertEqual(compute(complex_).resolve_by, date(2027, 1, 1 + 3))  # 1/1 off, weekend
        remote_complex = complaint(
            date(2026, 10, 28),
            stage=2,
            accepted_on=accepted,
            complexity="especially_complex",
            remote_area=True,
        )
        self.assertEqual(compute(remote_complex).resolve_by, date(2027, 1, 11))

    def test_complaints_cannot_be_extended(self):
        facts = complaint(date(2026, 7, 1), accepted_on=date(2026, 7, 8), complexity="complex")
        with translation.override("vi"), self.assertRaises(ValidationError) as raised:
            deadlines.check_extension(facts, 10)
        self.assertEqual(raised.exception.code, "complaint")


class SuspensionTests(DeadlineTestCase):
    accepted = date(2026, 7, 8)  # 30 days: Friday 7/8/2026

    def facts(self, *suspensions):
        return complaint(date(2026, 7, 1), accepted_on=self.accepted, suspensions=suspensions)

    def test_without_suspension(self):
        self.assertEqual(compute(self.facts()).resolve_by, date(2026, 8, 7))

    def test_suspension_stops_the_clock_and_the_resume_decision_restarts_it(self):
        # Suspended 15/7, resumed 25/7: the 10 days in between are not counted.
        result = compute(self.facts(Suspension(date(2026, 7, 15), date(2026, 7, 25))))
        self.assertEqual(result.resolve_by, date(2026, 8, 17))
        self.assertFalse(result.suspended)

    def test_a_moved_end_on_a_weekend_goes_to_monday(self):
        # 8 days paused: Saturday 15/8 -> Monday 17/8.
        result = compute(self.facts(Suspension(date(2026, 7, 15), date(2026, 7, 23))))
        self.assertEqual(result.resolve_by, date(2026, 8, 17))

    def test_two_suspensions_add_up(self):
        result = compute(
            self.facts(
                Suspension(date(2026, 7, 10), date(2026, 7, 13)),
                Suspension(date(2026, 8, 1), date(2026, 8, 5)),
            )
        )
        self.assertEqual(result.resolve_by, date(2026, 8, 14))  # 7/8 + 3 + 4

    def test_while_suspended_there_is_no_resolution_date(self):
        result = compute(self.facts(Suspension(date(2026, 7, 15), None)))
        self.assertIsNone(result.resolve_by)
        self.assertTrue(result.suspended)
        self.assertEqual(result.accept_by, date(2026, 7, 10))

    def test_a_suspension_after_the_deadline_does_not_revive_it(self):
        result = compute(self.facts(Suspension(date(2026, 8, 10), date(2026, 8, 20))))
        self.assertEqual(result.resolve_by, date(2026, 8, 7))

    def test_old_rule_cases_pause_the_same_way(self):
        facts = complaint(
            date(2026, 6, 1),
            accepted_on=date(2026, 6, 8),
            suspensions=(Suspension(date(2026, 7, 2), date(2026, 7, 12)),),
        )
        result = compute(facts)
        self.assertEqual(result.rules, "2012")
        self.assertEqual(result.resolve_by, date(2026, 7, 20))  # 8/7 + 10 -> Sat 18 -> Mon 20


class DenunciationTests(DeadlineTestCase):
    def test_acceptance_across_tet_2027(self):
        # Tue 2/2/2027: Wed 3/2 (1); Tết 4-10/2; 11, 12, 15, 16, 17, 18/2 (2-7).
        result = compute(denunciation(date(2027, 2, 2)))
        self.assertEqual(result.rules, "2026-07")
        self.assertEqual(result.accept_by, date(2027, 2, 18))

    def test_several_places_allow_10_working_days(self):
        result = compute(denunciation(date(2027, 2, 2), several_places=True))
        self.assertEqual(result.accept_by, date(2027, 2, 23))

    def test_resolution_ending_on_29_tet_2027_moves_past_tet(self):
        result = compute(denunciation(date(2026, 12, 28), accepted_on=date(2027, 1, 5)))
        self.assertEqual(result.resolve_by, date(2027, 2, 11))  # 4/2 is 29 Tết

    def test_especially_complex_twice_extended_by_30_days(self):
        extensions = (
            Extension(date(2027, 2, 1), 30, "xác minh nhiều nơi"),
            Extension(date(2027, 3, 1), 30, "chờ giám định"),
        )
        facts = denunciation(
            date(2026, 12, 28),
            accepted_on=date(2027, 1, 5),
            complexity="especially_complex",
            extensions=extensions,
        )
        self.assertEqual(compute(facts).resolve_by, date(2027, 4, 5))  # 5/1 + 90
        with self.assertRaises(ValidationError) as raised:
            deadlines.check_extension(facts, 10)
        self.assertEqual(raised.exception.code, "too_many")

    def test_extensions_within_the_law_pass(self):
        base = denunciation(date(2026, 12, 28), accepted_on=date(2027, 1, 5))
        complex_ = CaseFacts(**{**base.__dict__, "complexity": "complex"})
        deadlines.check_extension(complex_, 30)
        especially = CaseFacts(
            **{
                **base.__dict__,
                "complexity": "especially_complex",
                "extensions": (Extension(date(2027, 2, 1), 30, "lần 1"),),
            }
        )
        deadlines.check_extension(especially, 30)

    def test_extensions_beyond_the_law_are_refused_in_vietnamese(self):
        base = denunciation(date(2026, 12, 28), accepted_on=date(2027, 1, 5))
        complex_once = CaseFacts(
            **{
                **base.__dict__,
                "complexity": "complex",
                "extensions": (Extension(date(2027, 2, 1), 20, "lần 1"),),
            }
        )
        refused = {
            "not_complex": (base, 10),
            "too_long": (CaseFacts(**{**base.__dict__, "complexity": "complex"}), 31),
            "too_many": (complex_once, 10),
            "days": (base, 0),
            "not_accepted": (denunciation(date(2027, 1, 4), complexity="complex"), 10),
        }
        for code, (facts, days) in refused.items():
            with self.subTest(code=code), translation.override("vi"):
                with self.assertRaises(ValidationError) as raised:
                    deadlines.check_extension(facts, days)
                self.assertEqual(raised.exception.code, code)

    def test_a_granted_extension_counts_in_calendar_days(self):
        facts = denunciation(
            date(2026, 12, 28),
            accepted_on=date(2027, 1, 5),
            complexity="complex",
            extensions=(Extension(date(2027, 2, 1), 20, "bổ sung chứng cứ"),),
        )
        self.assertEqual(compute(facts).resolve_by, date(2027, 2, 24))  # 5/1 + 50


class PetitionTests(DeadlineTestCase):
    def test_reply_within_10_working_days_across_new_year(self):
        # Wed 30/12/2026: 31/12 (1), 1/1 off, 4-8/1 (2-6), 11-14/1 (7-10).
        for kind in ("petition", "feedback"):
            with self.subTest(kind=kind):
                result = compute(CaseFacts(kind=kind, received_on=date(2026, 12, 30)))
                self.assertEqual(result.accept_by, date(2027, 1, 14))

    def test_default_resolution_is_30_calendar_days(self):
        facts = CaseFacts(
            kind="petition", received_on=date(2026, 12, 30), accepted_on=date(2027, 1, 14)
        )
        self.assertEqual(compute(facts).resolve_by, date(2027, 2, 15))  # Sat 13/2 -> Mon 15/2

    def test_the_default_can_be_configured(self):
        facts = CaseFacts(
            kind="petition", received_on=date(2026, 12, 30), accepted_on=date(2027, 1, 14)
        )
        overrides = {"*": {"petition.resolve": {"value": 15, "unit": "working_days"}}}
        with override_settings(CASE_RULE_OVERRIDES=overrides):
            self.assertEqual(compute(facts).resolve_by, date(2027, 2, 11))  # Tết 4-10/2 skipped
        self.assertEqual(compute(facts).resolve_by, date(2027, 2, 15))

    def test_only_the_2026_complaint_acceptance_is_changed_by_a_version_override(self):
        with override_settings(
            CASE_RULE_OVERRIDES={"2026-07": {"complaint.accept": {"value": 10}}}
        ):
            self.assertEqual(compute(complaint(date(2026, 7, 1))).accept_by, date(2026, 7, 15))
            self.assertEqual(compute(complaint(date(2026, 6, 30))).accept_by, date(2026, 7, 14))

    def test_a_rule_fixed_by_the_law_cannot_be_overridden(self):
        overrides = {"*": {"denunciation.accept": {"value": 20}}}
        with override_settings(CASE_RULE_OVERRIDES=overrides):
            with self.assertRaises(ImproperlyConfigured):
                compute(denunciation(date(2026, 7, 1)))

    def test_one_extension_of_at_most_30_days_by_default(self):
        facts = CaseFacts(
            kind="feedback", received_on=date(2026, 12, 30), accepted_on=date(2027, 1, 14)
        )
        deadlines.check_extension(facts, 30)
        with self.assertRaises(ValidationError):
            deadlines.check_extension(facts, 31)
        once = CaseFacts(
            **{**facts.__dict__, "extensions": (Extension(facts.accepted_on, 5, "x"),)}
        )
        with self.assertRaises(ValidationError):
            deadlines.check_extension(once, 5)


class StateTests(DeadlineTestCase):
    due = date(2026, 9, 3)  # Thursday after the National Day break

    def test_on_time_due_soon_and_overdue_in_working_days(self):
        self.assertEqual(deadlines.state(self.due, date(2026, 8, 20)), ("on_time", 8))
        self.assertEqual(deadlines.state(self.due, date(2026, 8, 26)), ("due_soon", 3))
        self.assertEqual(deadlines.state(self.due, date(2026, 8, 28)), ("due_soon", 1))
        self.assertEqual(deadlines.state(self.due, self.due), ("due_soon", 0))
        self.assertEqual(deadlines.state(self.due, date(2026, 9, 4)), ("overdue", 1))
        self.assertEqual(deadlines.state(self.due, date(2026, 9, 5)), ("overdue", 1))
        self.assertEqual(deadlines.state(self.due, date(2026, 9, 10)), ("overdue", 5))


class DocumentationTests(TestCase):
    def test_every_rule_is_documented(self):
        text = (Path(__file__).resolve().parents[3] / "docs" / "deadlines.md").read_text()
        for version, table in deadlines.RULES.items():
            for key in table:
                with self.subTest(version=version, rule=key):
                    self.assertIn(f"`{key}`", text)
