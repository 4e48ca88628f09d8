"""The arithmetic of the filing clocks (rules.py), without the database: each kind's lead
check and reply or report date under Law 02/2016's numbers, an incomplete dossier, and a
day no rule set covers."""

import datetime

from django.test import SimpleTestCase

from dvs.religion import rules

D = datetime.date
WEEKENDS = lambda day: day.weekday() >= 5  # noqa: E731


def check(kind, received_on, **dates):
    return rules.check(rules.TNTG2016, kind, received_on, is_day_off=WEEKENDS, **dates)


class BeliefRegistrationTests(SimpleTestCase):
    def test_thirty_days_before_is_on_time_and_the_reply_is_due_fifteen_days_later(self):
        clock = check(rules.BELIEF_REGISTRATION, D(2026, 5, 2), activity_on=D(2026, 6, 1))
        self.assertIs(clock.on_time, True)
        self.assertEqual(clock.required_lead_days, 30)
        self.assertEqual(clock.latest_on, D(2026, 5, 2))
        self.assertEqual(clock.warnings, [])
        self.assertEqual(clock.rule_set, "TNTG2016")

    def test_twenty_seven_days_before_is_late_with_a_warning(self):
        clock = check(rules.BELIEF_REGISTRATION, D(2026, 5, 5), activity_on=D(2026, 6, 1))
        self.assertIs(clock.on_time, False)
        self.assertEqual(len(clock.warnings), 1)
        self.assertIn("02/05/2026", clock.warnings[0])
        # Late is a warning: the ward still answers within 15 days.
        self.assertEqual(clock.reply_due_on, D(2026, 5, 20))

    def test_reply_due_fifteen_days_after_a_valid_registration(self):
        clock = check(rules.BELIEF_REGISTRATION, D(2026, 3, 2), activity_on=D(2026, 6, 1))
        self.assertEqual(clock.reply_due_on, D(2026, 3, 17))

    def test_a_due_date_on_a_weekend_rolls_to_monday(self):
        # 07/03/2026 + 15 = Sunday 22/03/2026.
        clock = check(rules.BELIEF_REGISTRATION, D(2026, 3, 7))
        self.assertEqual(clock.reply_due_on, D(2026, 3, 23))

    def test_the_clock_starts_when_the_dossier_is_complete(self):
        clock = check(rules.BELIEF_REGISTRATION, D(2026, 3, 2), complete_on=D(2026, 3, 9))
        self.assertEqual(clock.reply_due_on, D(2026, 3, 24))

    def test_an_incomplete_dossier_has_no_reply_date(self):
        clock = check(rules.BELIEF_REGISTRATION, D(2026, 3, 2), complete=False)
        self.assertIsNone(clock.reply_due_on)
        self.assertEqual(len(clock.warnings), 1)

    def test_completion_before_receipt_is_a_warning_and_counts_from_receipt(self):
        clock = check(rules.BELIEF_REGISTRATION, D(2026, 3, 2), complete_on=D(2026, 3, 1))
        self.assertEqual(clock.reply_due_on, D(2026, 3, 17))
        self.assertEqual(len(clock.warnings), 1)


class OtherKindsTests(SimpleTestCase):
    def test_supplement_twenty_days_before(self):
        on_time = check(rules.SUPPLEMENT, D(2026, 7, 26), activity_on=D(2026, 8, 15))
        late = check(rules.SUPPLEMENT, D(2026, 7, 27), activity_on=D(2026, 8, 15))
        self.assertIs(on_time.on_time, True)
        self.assertEqual(on_time.latest_on, D(2026, 7, 26))  # a Sunday: a lead does not roll
        self.assertIs(late.on_time, False)
        self.assertEqual(late.required_lead_days, 20)

    def test_group_registration_twenty_days_after_a_complete_dossier(self):
        clock = check(rules.GROUP_REGISTRATION, D(2026, 6, 10))
        self.assertEqual(clock.reply_due_on, D(2026, 6, 30))
        self.assertIsNone(clock.on_time)

    def test_group_registration_incomplete_starts_no_clock(self):
        clock = check(rules.GROUP_REGISTRATION, D(2026, 6, 10), complete=False)
        self.assertIsNone(clock.reply_due_on)

    def test_festival_notice_twenty_days_before_and_its_report_date(self):
        clock = check(
            rules.FESTIVAL_NOTICE,
            D(2026, 4, 6),
            activity_on=D(2026, 4, 26),
            festival_end_on=D(2026, 4, 28),
        )
        self.assertIs(clock.on_time, True)
        self.assertEqual(clock.latest_on, D(2026, 4, 6))
        self.assertEqual(clock.report_due_on, D(2026, 5, 18))
        self.assertIsNone(clock.reply_due_on)
        late = check(rules.FESTIVAL_NOTICE, D(2026, 4, 7), activity_on=D(2026, 4, 26))
        self.assertIs(late.on_time, False)

    def test_festival_report_within_twenty_days_of_the_end(self):
        on_time = check(rules.FESTIVAL_REPORT, D(2026, 5, 18), festival_end_on=D(2026, 4, 28))
        late = check(rules.FESTIVAL_REPORT, D(2026, 5, 19), festival_end_on=D(2026, 4, 28))
        self.assertIs(on_time.on_time, True)
        self.assertIs(late.on_time, False)
        self.assertIn("18/05/2026", late.warnings[0])

    def test_annual_list_within_thirty_days_of_recognition(self):
        on_time = check(rules.ANNUAL_LIST, D(2026, 3, 31), recognised_on=D(2026, 3, 1))
        late = check(rules.ANNUAL_LIST, D(2026, 4, 1), recognised_on=D(2026, 3, 1))
        self.assertIs(on_time.on_time, True)
        self.assertIs(late.on_time, False)
        self.assertIsNone(on_time.reply_due_on)

    def test_unknown_kind_is_an_error(self):
        with self.assertRaises(ValueError):
            check("petition", D(2026, 3, 2))


class NoRuleSetTests(SimpleTestCase):
    def test_no_rule_set_computes_nothing_and_says_so(self):
        clock = rules.check(
            None, rules.BELIEF_REGISTRATION, D(2027, 1, 15), activity_on=D(2027, 3, 1)
        )
        self.assertIsNone(clock.rule_set)
        self.assertIsNone(clock.on_time)
        self.assertIsNone(clock.reply_due_on)
        self.assertEqual(len(clock.warnings), 1)
        self.assertIn("15/01/2027", clock.warnings[0])

    def test_other_numbers_are_read_from_the_rule_set(self):
        shorter = rules.Rules("TNTG2027", belief_reply_days=10, belief_lead_days=15)
        clock = rules.check(
            shorter, rules.BELIEF_REGISTRATION, D(2027, 1, 15), activity_on=D(2027, 2, 1)
        )
        self.assertEqual(clock.reply_due_on, D(2027, 1, 25))
        self.assertIs(clock.on_time, True)
