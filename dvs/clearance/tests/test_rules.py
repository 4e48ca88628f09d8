"""The clearance clocks' arithmetic (design §1.6 criteria 1–7), on both rule sets, with the
days off of 2026–2027 given as data (no database)."""

import datetime

from django.test import SimpleTestCase
from django.utils import translation

from dvs.clearance import rules
from dvs.clearance.rules import LDD2024, NQ254

D = datetime.date

# The days off of the platform's calendar for 2026–2027 besides weekends (the yearly
# decisions entered by workdays' data migration, and the Labour Code holidays).
HOLIDAYS = {
    D(2026, 1, 1),
    D(2026, 1, 2),
    *(D(2026, 2, day) for day in range(16, 21)),
    D(2026, 4, 27),
    D(2026, 4, 30),
    D(2026, 5, 1),
    D(2026, 8, 31),
    D(2026, 9, 1),
    D(2026, 9, 2),
    *(D(2027, 2, day) for day in range(4, 11)),
    D(2027, 5, 3),
    D(2027, 9, 2),
    D(2027, 9, 3),
}
WORKING_SATURDAYS = {D(2026, 1, 10), D(2026, 8, 22)}


def day_off(day):
    if day in WORKING_SATURDAYS:
        return False
    return day.weekday() >= 5 or day in HOLIDAYS


TET_2026 = (D(2026, 2, 14), D(2026, 2, 22))
TET_2027 = (D(2027, 2, 4), D(2027, 2, 10))


class Vietnamese(SimpleTestCase):
    def setUp(self):
        translation.activate("vi")
        self.addCleanup(translation.deactivate)


class NoticeMinimumTests(Vietnamese):
    def test_a_decision_47_days_after_an_agricultural_notice_is_43_days_short_under_the_law(self):
        warning = rules.notice_shortfall(LDD2024, "agricultural", D(2026, 4, 15), D(2026, 6, 1))
        self.assertEqual(
            warning, "Chưa đủ 90 ngày kể từ thông báo (thiếu 43 ngày; sớm nhất 14/07/2026)"
        )

    def test_the_same_decision_is_13_days_short_under_nq254(self):
        warning = rules.notice_shortfall(NQ254, "agricultural", D(2026, 4, 15), D(2026, 6, 1))
        self.assertEqual(
            warning, "Chưa đủ 60 ngày kể từ thông báo (thiếu 13 ngày; sớm nhất 14/06/2026)"
        )

    def test_non_agricultural_land_under_nq254_waits_until_13_august(self):
        self.assertEqual(
            rules.earliest_decision(NQ254, D(2026, 4, 15), "non_agricultural"), D(2026, 8, 13)
        )
        self.assertEqual(
            rules.earliest_decision(LDD2024, D(2026, 4, 15), "non_agricultural"), D(2026, 10, 12)
        )

    def test_the_earliest_decision_is_not_rolled_off_a_sunday(self):
        # 14/06/2026 is a Sunday: a minimum says "not before", it does not move.
        self.assertEqual(
            rules.earliest_decision(NQ254, D(2026, 4, 15), "agricultural"), D(2026, 6, 14)
        )

    def test_a_decision_on_the_earliest_day_has_no_warning(self):
        for rule_set, on in ((LDD2024, D(2026, 7, 14)), (NQ254, D(2026, 6, 14))):
            with self.subTest(rule_set.code):
                self.assertIsNone(
                    rules.notice_shortfall(rule_set, "agricultural", D(2026, 4, 15), on)
                )

    def test_early_consent_and_a_reissued_notice_are_exempt(self):
        for rule_set in (LDD2024, NQ254):
            with self.subTest(rule_set.code):
                args = (rule_set, "agricultural", D(2026, 4, 15), D(2026, 6, 1))
                self.assertIsNone(rules.notice_shortfall(*args, early=True))
                self.assertIsNone(rules.notice_shortfall(*args, reissued=True))


class NoticeExpiryTests(Vietnamese):
    def test_a_notice_of_15_april_2026_is_flagged_expired_on_16_april_2027(self):
        for rule_set in (LDD2024, NQ254):
            with self.subTest(rule_set.code):
                answer = rules.timeline(rule_set, notice_on=D(2026, 4, 15), today=D(2027, 4, 16))
                self.assertEqual(answer["notice_expires_on"], D(2027, 4, 15))
                self.assertIn(
                    "Thông báo thu hồi đất hết hiệu lực — ban hành lại", answer["warnings"]
                )
                still = rules.timeline(rule_set, notice_on=D(2026, 4, 15), today=D(2027, 4, 15))
                self.assertEqual(still["warnings"], [])

    def test_a_reissued_notice_of_20_april_2027_is_exempt_from_the_minimum(self):
        for rule_set in (LDD2024, NQ254):
            with self.subTest(rule_set.code):
                answer = rules.timeline(
                    rule_set,
                    notice_on=D(2027, 4, 20),
                    decision_on=D(2027, 4, 25),
                    reissued=True,
                )
                self.assertEqual(answer["warnings"], [])

    def test_a_notice_of_29_february_expires_on_the_last_day_of_february(self):
        self.assertEqual(rules.notice_expires_on(LDD2024, D(2028, 2, 29)), D(2029, 2, 28))


class PostingTests(Vietnamese):
    def test_under_the_law_a_meeting_on_1_april_after_posting_on_2_march_is_refused(self):
        refusal = rules.opinion_meeting_refusal(LDD2024, D(2026, 3, 2), D(2026, 4, 1))
        self.assertIn("đang trong thời hạn niêm yết 30 ngày", refusal)
        self.assertIsNone(rules.opinion_meeting_refusal(LDD2024, D(2026, 3, 2), D(2026, 4, 2)))
        self.assertEqual(rules.earliest_opinion_meeting(LDD2024, D(2026, 3, 2)), D(2026, 4, 2))

    def test_under_nq254_the_earliest_meeting_is_friday_13_march(self):
        self.assertEqual(rules.earliest_opinion_meeting(NQ254, D(2026, 3, 2)), D(2026, 3, 13))
        self.assertIn(
            "đang trong thời hạn niêm yết 10 ngày",
            rules.opinion_meeting_refusal(NQ254, D(2026, 3, 2), D(2026, 3, 12)),
        )


class DialogueTests(SimpleTestCase):
    def test_a_meeting_of_2_april_with_12_disagreeing_is_due_a_dialogue_on_1_june_under_the_law(
        self,
    ):
        self.assertEqual(rules.dialogue_due(LDD2024, D(2026, 4, 2), 12, day_off), D(2026, 6, 1))

    def test_under_nq254_day_30_falls_on_saturday_2_may_and_rolls_to_monday_4_may(self):
        self.assertEqual(rules.dialogue_due(NQ254, D(2026, 4, 2), 12, day_off), D(2026, 5, 4))

    def test_a_meeting_where_nobody_disagreed_is_due_no_dialogue(self):
        for rule_set in (LDD2024, NQ254):
            with self.subTest(rule_set.code):
                self.assertIsNone(rules.dialogue_due(rule_set, D(2026, 4, 2), 0, day_off))
                self.assertIsNone(rules.dialogue_due(rule_set, D(2026, 4, 2), None, day_off))

    def test_a_dialogue_due_on_30_april_rolls_past_the_holidays_and_the_weekend(self):
        # 31/3 + 30 = 30/4 (holiday), 1/5 (holiday), 2–3/5 weekend → Monday 4/5.
        self.assertEqual(rules.dialogue_due(NQ254, D(2026, 3, 31), 1, day_off), D(2026, 5, 4))


class PaymentTests(Vietnamese):
    def test_a_plan_in_force_on_saturday_1_august_is_due_thursday_3_september(self):
        for rule_set in (LDD2024, NQ254):
            with self.subTest(rule_set.code):
                self.assertEqual(rules.payment_due(rule_set, D(2026, 8, 1), day_off), D(2026, 9, 3))

    def test_paid_on_7_september_is_4_days_late(self):
        answer = rules.timeline(
            LDD2024, plan_in_force_on=D(2026, 8, 1), paid_on=D(2026, 9, 7), is_day_off=day_off
        )
        self.assertEqual(answer["late_payment_days"], 4)
        self.assertEqual(
            answer["warnings"],
            ["Chậm chi trả 4 ngày — phải tính khoản tiền chậm trả (k3 Đ94)"],
        )

    def test_paid_on_the_due_day_is_not_late(self):
        answer = rules.timeline(
            NQ254, plan_in_force_on=D(2026, 8, 1), paid_on=D(2026, 9, 3), is_day_off=day_off
        )
        self.assertEqual((answer["late_payment_days"], answer["warnings"]), (0, []))

    def test_a_payment_due_over_tet_rolls_past_the_break(self):
        # 15/1/2027 + 30 = 14/2/2027, a Sunday after the break: Monday 15/2.
        self.assertEqual(rules.payment_due(LDD2024, D(2027, 1, 15), day_off), D(2027, 2, 15))
        # 6/1/2027 + 30 = 5/2/2027, inside the break (4–10/2): Thursday 11/2.
        self.assertEqual(rules.payment_due(NQ254, D(2027, 1, 6), day_off), D(2027, 2, 11))


class PersuasionTests(Vietnamese):
    def test_inventory_persuasion_from_1_june_ends_16_june_and_the_decision_may_come_26_june(self):
        for rule_set in (LDD2024, NQ254):
            with self.subTest(rule_set.code):
                self.assertEqual(
                    rules.persuasion_window(rule_set, "inventory", D(2026, 6, 1)),
                    (D(2026, 6, 16), D(2026, 6, 26)),
                )
                early = rules.early_decision_warning(
                    rule_set, "inventory", D(2026, 6, 1), D(2026, 6, 20)
                )
                self.assertIn("26/06/2026", early)
                self.assertIsNone(
                    rules.early_decision_warning(
                        rule_set, "inventory", D(2026, 6, 1), D(2026, 6, 26)
                    )
                )

    def test_recovery_and_handover_persuasion_last_10_days_and_10_more(self):
        for window in ("recovery", "handover"):
            with self.subTest(window):
                self.assertEqual(
                    rules.persuasion_window(NQ254, window, D(2026, 6, 1)),
                    (D(2026, 6, 11), D(2026, 6, 21)),
                )


class EnforcementTests(Vietnamese):
    def refusals(self, on, at=None, rule_set=LDD2024):
        return rules.enforcement_refusals(rule_set, on, at, day_off, [TET_2026, TET_2027])

    def test_5_march_2026_is_within_15_days_after_tet_and_10_march_is_allowed(self):
        for rule_set in (LDD2024, NQ254):
            with self.subTest(rule_set.code):
                refused = self.refusals(D(2026, 3, 5), rule_set=rule_set)
                self.assertEqual(len(refused), 1)
                self.assertIn("trong 15 ngày sau Tết", refused[0])
                self.assertEqual(self.refusals(D(2026, 3, 10), rule_set=rule_set), [])

    def test_9_march_2026_is_the_last_day_of_the_blackout(self):
        self.assertTrue(self.refusals(D(2026, 3, 9)))

    def test_a_start_at_21_30_or_at_night_is_refused(self):
        for at in (datetime.time(21, 30), datetime.time(22, 0), datetime.time(5, 59)):
            with self.subTest(at):
                refused = self.refusals(D(2026, 3, 10), at)
                self.assertEqual(len(refused), 1)
                self.assertIn("22:00", refused[0])
        self.assertEqual(self.refusals(D(2026, 3, 10), datetime.time(7, 30)), [])

    def test_the_tet_2027_blackout_runs_from_20_january_to_25_february(self):
        blackout = rules.tet_blackouts(LDD2024, [TET_2027])[0][:2]
        self.assertEqual(blackout, (D(2027, 1, 20), D(2027, 2, 25)))
        self.assertIn("trong 15 ngày trước Tết", self.refusals(D(2027, 1, 20))[0])
        self.assertEqual(self.refusals(D(2027, 1, 19)), [])
        self.assertEqual(self.refusals(D(2027, 2, 26)), [])
        self.assertIn("kỳ nghỉ Tết", self.refusals(D(2027, 2, 8))[0])

    def test_holidays_and_weekends_are_refused(self):
        for on in (D(2026, 4, 30), D(2026, 5, 1), D(2026, 9, 2), D(2026, 3, 14)):
            with self.subTest(on):
                self.assertIn("ngày nghỉ", self.refusals(on)[0])
        self.assertEqual(self.refusals(D(2026, 8, 22)), [])  # a Saturday worked


class TimelineTests(Vietnamese):
    def test_the_whole_answer_of_a_party_under_nq254(self):
        answer = rules.timeline(
            NQ254,
            land="agricultural",
            notice_on=D(2026, 4, 15),
            decision_on=D(2026, 6, 1),
            plan_posted_on=D(2026, 3, 2),
            opinion_meeting_on=D(2026, 4, 2),
            disagree=12,
            plan_in_force_on=D(2026, 8, 1),
            paid_on=D(2026, 9, 7),
            enforcement_on=D(2026, 3, 5),
            is_day_off=day_off,
            tet_breaks=[TET_2026],
        )
        self.assertEqual(
            {k: v for k, v in answer.items() if k != "warnings"},
            {
                "rule_set": "NQ254",
                "earliest_decision_on": D(2026, 6, 14),
                "notice_expires_on": D(2027, 4, 15),
                "earliest_opinion_meeting_on": D(2026, 3, 13),
                "dialogue_due_on": D(2026, 5, 4),
                "payment_due_on": D(2026, 9, 3),
                "late_payment_days": 4,
                "enforcement_allowed": False,
            },
        )
        self.assertEqual(len(answer["warnings"]), 3)

    def test_a_decision_before_its_notice_is_said(self):
        answer = rules.timeline(LDD2024, notice_on=D(2026, 4, 15), decision_on=D(2026, 4, 1))
        self.assertEqual(answer["warnings"], ["Quyết định thu hồi đất ghi ngày trước thông báo"])
