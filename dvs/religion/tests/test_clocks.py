"""The filing clocks with the platform's calendar and the rule sets in the database:
due dates across Tết 2026, 30/4–1/5 and 2/9, the switch of law on 1/1/2027, and a
festival's lunar date with its notice and report dates (design doc §2.6 items 1–5)."""

import datetime

from django.test import TestCase

from dvs.religion import clocks, rules
from dvs.religion.models import RuleSet

from .helpers import make_establishment, make_festival

D = datetime.date
B = rules.BELIEF_REGISTRATION


class HolidayTests(TestCase):
    def test_acceptance_reply_due_tuesday_17_march(self):
        self.assertEqual(clocks.check(B, D(2026, 3, 2)).reply_due_on, D(2026, 3, 17))

    def test_a_reply_due_during_tet_rolls_past_the_break(self):
        # 02/02/2026 + 15 = 17/02/2026, the first day of Tết Bính Ngọ; the break ends on
        # Sunday 22/02.
        clock = clocks.check(B, D(2026, 2, 2))
        self.assertEqual(clock.reply_due_on, D(2026, 2, 23))

    def test_group_reply_due_in_tet_rolls_too(self):
        # 30/01/2026 + 20 = Thursday 19/02/2026 (mùng ba Tết).
        clock = clocks.check(rules.GROUP_REGISTRATION, D(2026, 1, 30))
        self.assertEqual(clock.reply_due_on, D(2026, 2, 23))

    def test_received_15_april_is_due_4_may_after_30_4_and_1_5(self):
        clock = clocks.check(B, D(2026, 4, 15))
        self.assertEqual(clock.reply_due_on, D(2026, 5, 4))

    def test_national_day_2026_rolls_to_thursday_3_september(self):
        # 17/08/2026 + 15 = Tuesday 01/09/2026; 31/08–02/09 are days off.
        self.assertEqual(clocks.check(B, D(2026, 8, 17)).reply_due_on, D(2026, 9, 3))
        # 10/08/2026 + 20 = Sunday 30/08/2026.
        group = clocks.check(rules.GROUP_REGISTRATION, D(2026, 8, 10))
        self.assertEqual(group.reply_due_on, D(2026, 9, 3))

    def test_a_saturday_made_a_working_day_does_not_roll(self):
        # 07/08/2026 + 15 = Saturday 22/08/2026, worked in exchange for 31/08.
        self.assertEqual(clocks.check(B, D(2026, 8, 7)).reply_due_on, D(2026, 8, 22))

    def test_festival_report_due_rolls_over_a_holiday(self):
        # A festival ending 10/04/2026 + 20 = Thursday 30/04/2026 → Monday 04/05/2026.
        clock = clocks.check(rules.FESTIVAL_REPORT, D(2026, 4, 20), festival_end_on=D(2026, 4, 10))
        self.assertEqual(clock.report_due_on, D(2026, 5, 4))


class RuleSetSwitchTests(TestCase):
    def test_20_december_2026_keeps_the_2016_numbers(self):
        clock = clocks.check(B, D(2026, 12, 20), activity_on=D(2027, 2, 1))
        self.assertEqual(clock.rule_set, "TNTG2016")
        # 20/12/2026 + 15 = Monday 04/01/2027.
        self.assertEqual(clock.reply_due_on, D(2027, 1, 4))
        self.assertIs(clock.on_time, True)

    def test_15_january_2027_has_no_rule_set_and_no_date(self):
        clock = clocks.check(B, D(2027, 1, 15), activity_on=D(2027, 3, 1))
        self.assertIsNone(clock.rule_set)
        self.assertIsNone(clock.reply_due_on)
        self.assertIsNone(clock.on_time)
        self.assertEqual(
            clock.warnings, ["Chưa có quy định áp dụng cho ngày tiếp nhận 15/01/2027."]
        )

    def test_a_2027_rule_set_applies_from_its_first_day(self):
        RuleSet.objects.create(
            code="TNTG2027",
            name="Luật Tín ngưỡng, tôn giáo 07/2026/QH16",
            effective_from=D(2027, 1, 1),
            source="Luật 07/2026/QH16",
            belief_reply_days=10,
        )
        clock = clocks.check(B, D(2027, 1, 15))
        self.assertEqual(clock.rule_set, "TNTG2027")
        self.assertEqual(clock.reply_due_on, D(2027, 1, 25))
        self.assertEqual(clocks.check(B, D(2026, 12, 31)).rule_set, "TNTG2016")

    def test_before_the_2016_law_took_effect_nothing_applies(self):
        self.assertIsNone(clocks.check(B, D(2017, 12, 31)).rule_set)


class FestivalTests(TestCase):
    def test_lunar_10_3_is_26_april_2026_with_its_notice_due_6_april(self):
        festival = make_festival(make_establishment_in_a_ward(), day=10, month=3, duration_days=3)
        first, last, notice_due = clocks.festival_dates(festival, 2026)
        self.assertEqual(first, D(2026, 4, 26))
        self.assertEqual(last, D(2026, 4, 28))
        self.assertEqual(notice_due, D(2026, 4, 6))
        report = clocks.check(rules.FESTIVAL_REPORT, D(2026, 5, 1), festival_end_on=last)
        self.assertEqual(report.report_due_on, D(2026, 5, 18))

    def test_a_festival_in_2027_has_no_notice_date_until_its_rule_set_exists(self):
        festival = make_festival(make_establishment_in_a_ward(), day=10, month=3)
        first, _last, notice_due = clocks.festival_dates(festival, 2027)
        self.assertEqual(first.year, 2027)
        self.assertIsNone(notice_due)

    def test_an_early_january_festival_is_noticed_under_the_law_in_force_on_its_notice_day(self):
        # Its notice is due in December 2026, under the 2016 law, though it falls in 2027.
        festival = make_festival(make_establishment_in_a_ward(), day=10, month=1, lunar=False)
        self.assertEqual(clocks.festival_dates(festival, 2027)[2], D(2026, 12, 21))
        late = make_festival(festival.establishment, day=25, month=1, lunar=False)
        self.assertIsNone(clocks.festival_dates(late, 2027)[2])


def make_establishment_in_a_ward():
    from dvs.units.models import Level, Unit

    root = Unit.add_root(code="P9", name="Tỉnh Lễ", level=Level.PROVINCE)
    ward = root.add_child(code="W9", name="Phường Lễ", level=Level.COMMUNE)
    return make_establishment(ward, "Đình Làng")
