"""The clocks read from the database: the rule set rows, the platform's calendar (days off,
the Tết break), a party's milestones (design §1.6 criteria 1–7), and the work list's
dialogues to hold."""

import datetime

from django.core.files.base import ContentFile
from django.utils import translation

from dvs.accounts.dashboard import work_list
from dvs.clearance import clocks
from dvs.clearance.clock_hooks import dialogues_due
from dvs.clearance.models import Milestone, MilestoneKind, RuleSet
from dvs.testing import BaseTestCase

from .helpers import make_milestone, make_party, make_project, make_segment

D = datetime.date
TODAY = D(2026, 12, 1)


class ClockTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.law = RuleSet.objects.get(code="LDD2024")
        cls.nq254 = RuleSet.objects.get(code="NQ254")
        cls.project = make_project(cls.ward_a, rule_set=cls.law, rule_set_reason="Dự án cũ")
        cls.segment = make_segment(cls.project, cls.ward_a)
        cls.an = make_party(cls.segment, "Hộ ông Nguyễn Văn An", unit=cls.neighbourhood_a1)

    def setUp(self):
        translation.activate("vi")
        self.addCleanup(translation.deactivate)

    def use(self, rule_set):
        self.project.rule_set = rule_set
        self.project.save()
        self.an.project.refresh_from_db()

    def check(self, kind, on, party=None, **fields):
        party = party or self.an
        milestone = Milestone(segment=party.segment, party=party, kind=kind, on=on, **fields)
        return clocks.check_milestone(milestone, today=TODAY)


class RuleSetTests(ClockTestCase):
    def test_the_migration_enters_both_rule_sets_with_their_numbers_and_sources(self):
        self.assertEqual(
            (self.law.notice_days_agricultural, self.law.posting_days, self.law.dialogue_days),
            (90, 30, 60),
        )
        self.assertEqual(
            (self.nq254.notice_days_non_agricultural, self.nq254.posting_days),
            (120, 10),
        )
        self.assertIn("254/2025/QH15", self.nq254.source)
        self.assertEqual(self.law.confidence, "C")

    def test_a_notice_is_under_the_rule_set_in_force_on_its_date(self):
        self.assertEqual(clocks.rule_set_for(D(2025, 12, 31)).code, "LDD2024")
        self.assertEqual(clocks.rule_set_for(D(2026, 4, 15)).code, "NQ254")
        self.assertEqual(clocks.rule_set_for(D(2026, 4, 15), self.project).code, "LDD2024")

    def test_the_tet_break_is_read_from_the_calendar_with_its_weekends(self):
        self.assertEqual(clocks.tet_break(2026), (D(2026, 2, 14), D(2026, 2, 22)))
        self.assertEqual(clocks.tet_break(2027), (D(2027, 2, 4), D(2027, 2, 10)))


class NoticeTests(ClockTestCase):
    def test_an_early_recovery_decision_for_an_is_warned_43_days_short_under_the_law(self):
        make_milestone(self.segment, MilestoneKind.NOTICE, D(2026, 4, 15), land="agricultural")
        errors, warnings = self.check(MilestoneKind.RECOVERY_DECISION, D(2026, 6, 1))
        self.assertEqual(errors, {})
        self.assertEqual(
            warnings, ["Chưa đủ 90 ngày kể từ thông báo (thiếu 43 ngày; sớm nhất 14/07/2026)"]
        )
        self.use(self.nq254)
        _errors, warnings = self.check(MilestoneKind.RECOVERY_DECISION, D(2026, 6, 1))
        self.assertIn("thiếu 13 ngày; sớm nhất 14/06/2026", warnings[0])

    def test_with_early_consent_there_is_no_warning(self):
        make_milestone(self.segment, MilestoneKind.NOTICE, D(2026, 4, 15), land="agricultural")
        errors, warnings = self.check(
            MilestoneKind.RECOVERY_DECISION, D(2026, 6, 1), early_consent=True
        )
        self.assertEqual((errors, warnings), ({}, []))

    def test_a_decision_before_its_notice_is_refused(self):
        make_milestone(self.segment, MilestoneKind.NOTICE, D(2026, 4, 15))
        errors, _warnings = self.check(MilestoneKind.RECOVERY_DECISION, D(2026, 4, 1))
        self.assertIn("trước thông báo", errors["on"][0])

    def test_a_party_tracked_separately_uses_its_own_notice(self):
        make_milestone(self.segment, MilestoneKind.NOTICE, D(2026, 1, 5))
        binh = make_party(self.segment, "Hộ bà Lê Thị Bình", tracked_separately=True)
        make_milestone(binh, MilestoneKind.NOTICE, D(2026, 4, 15), land="agricultural")
        _errors, warnings = self.check(MilestoneKind.RECOVERY_DECISION, D(2026, 6, 1), binh)
        self.assertIn("thiếu 43 ngày", warnings[0])
        # An, on the segment's notice of 5 January, has waited long enough.
        self.assertEqual(self.check(MilestoneKind.RECOVERY_DECISION, D(2026, 6, 1)), ({}, []))

    def test_an_expired_notice_is_flagged_on_the_clock_of_an(self):
        make_milestone(self.segment, MilestoneKind.NOTICE, D(2026, 4, 15))
        clock = clocks.party_clock(self.an, today=D(2027, 4, 16))
        self.assertIn("Thông báo thu hồi đất hết hiệu lực — ban hành lại", clock["warnings"])
        self.assertEqual(clock["notice_expires_on"], D(2027, 4, 15))

    def test_a_reissued_notice_is_exempt_from_the_minimum(self):
        make_milestone(self.segment, MilestoneKind.NOTICE, D(2027, 4, 20), reissued=True)
        errors, warnings = self.check(MilestoneKind.RECOVERY_DECISION, D(2027, 5, 1))
        self.assertEqual((errors, warnings), ({}, []))


class PlanTests(ClockTestCase):
    def test_a_meeting_inside_the_posting_period_is_refused_and_the_next_day_accepted(self):
        make_milestone(self.an, MilestoneKind.PLAN_POSTED, D(2026, 3, 2))
        errors, _w = self.check(MilestoneKind.OPINION_MEETING, D(2026, 4, 1))
        self.assertIn("đang trong thời hạn niêm yết 30 ngày", errors["on"][0])
        self.assertEqual(self.check(MilestoneKind.OPINION_MEETING, D(2026, 4, 2)), ({}, []))
        self.use(self.nq254)
        self.assertEqual(self.check(MilestoneKind.OPINION_MEETING, D(2026, 3, 13)), ({}, []))

    def test_a_tally_larger_than_the_households_present_is_refused(self):
        errors, _w = self.check(
            MilestoneKind.OPINION_MEETING, D(2026, 4, 2), present=50, agree=40, disagree=12, other=3
        )
        self.assertIn("vượt số hộ có mặt", errors["present"][0])
        ok = self.check(
            MilestoneKind.OPINION_MEETING, D(2026, 4, 2), present=55, agree=40, disagree=12, other=3
        )
        self.assertEqual(ok, ({}, []))

    def test_a_payment_before_the_plan_took_effect_is_refused_and_a_late_one_warned(self):
        make_milestone(self.an, MilestoneKind.PLAN_APPROVED, D(2026, 8, 1))
        errors, _w = self.check(MilestoneKind.PAID, D(2026, 7, 30))
        self.assertIn("trước ngày phương án có hiệu lực", errors["on"][0])
        errors, warnings = self.check(MilestoneKind.PAID, D(2026, 9, 7))
        self.assertEqual(errors, {})
        self.assertEqual(warnings, ["Chậm chi trả 4 ngày — phải tính khoản tiền chậm trả (k3 Đ94)"])
        self.assertEqual(self.check(MilestoneKind.PAID, D(2026, 9, 3)), ({}, []))

    def test_the_clock_of_an_shows_the_payment_due_on_thursday_3_september(self):
        make_milestone(self.an, MilestoneKind.PLAN_APPROVED, D(2026, 8, 1))
        make_milestone(self.an, MilestoneKind.PAID, D(2026, 9, 7))
        clock = clocks.party_clock(self.an, today=TODAY)
        self.assertEqual(clock["payment_due_on"], D(2026, 9, 3))
        self.assertEqual(clock["late_payment_days"], 4)


class PersuasionTests(ClockTestCase):
    def test_a_persuasion_without_a_written_record_is_refused(self):
        errors, _w = self.check(MilestoneKind.INVENTORY_PERSUASION, D(2026, 6, 1))
        self.assertIn("record", errors)
        self.assertEqual(
            self.check(MilestoneKind.INVENTORY_PERSUASION, D(2026, 6, 1), minutes="Biên bản số 1"),
            ({}, []),
        )
        self.assertEqual(
            self.check(
                MilestoneKind.HANDOVER_PERSUASION,
                D(2026, 6, 1),
                record=ContentFile(b"%PDF-1.4", name="bien-ban.pdf"),
            ),
            ({}, []),
        )

    def test_a_compulsory_inventory_decision_on_20_june_is_flagged_early_and_26_june_is_not(self):
        make_milestone(
            self.an, MilestoneKind.INVENTORY_PERSUASION, D(2026, 6, 1), minutes="Biên bản"
        )
        errors, warnings = self.check(MilestoneKind.COMPULSORY_INVENTORY, D(2026, 6, 20))
        self.assertEqual(errors, {})
        self.assertIn("16/06/2026", warnings[0])
        self.assertEqual(self.check(MilestoneKind.COMPULSORY_INVENTORY, D(2026, 6, 26)), ({}, []))

    def test_not_applicable_needs_a_reason(self):
        errors, _w = self.check(MilestoneKind.ENFORCEMENT, D(2026, 6, 1), not_applicable=True)
        self.assertIn("reason", errors)
        ok = self.check(
            MilestoneKind.ENFORCEMENT,
            D(2026, 6, 1),
            not_applicable=True,
            reason="Tự nguyện bàn giao",
        )
        self.assertEqual(ok, ({}, []))


class EnforcementTests(ClockTestCase):
    def test_an_enforcement_on_5_march_2026_is_refused_and_10_march_accepted(self):
        errors, _w = self.check(MilestoneKind.ENFORCEMENT, D(2026, 3, 5))
        self.assertIn("trong 15 ngày sau Tết", errors["on"][0])
        self.assertEqual(self.check(MilestoneKind.ENFORCEMENT, D(2026, 3, 10)), ({}, []))

    def test_a_start_at_21_30_is_refused(self):
        errors, _w = self.check(
            MilestoneKind.ENFORCEMENT, D(2026, 3, 10), at_time=datetime.time(21, 30)
        )
        self.assertIn("22:00", errors["at_time"][0])

    def test_an_enforcement_decision_scheduling_it_within_the_tet_2027_blackout_is_refused(self):
        errors, _w = self.check(
            MilestoneKind.ENFORCEMENT_DECISION, D(2027, 1, 5), end_on=D(2027, 1, 20)
        )
        self.assertIn("trước Tết", errors["on"][0])

    def test_an_enforcement_on_national_day_is_refused(self):
        errors, _w = self.check(MilestoneKind.ENFORCEMENT, D(2026, 9, 2))
        self.assertIn("ngày nghỉ", errors["on"][0])

    def test_dates_before_2000_or_years_ahead_are_refused(self):
        self.assertIn("on", self.check(MilestoneKind.NOTICE, D(1999, 12, 31))[0])
        self.assertIn("on", self.check(MilestoneKind.NOTICE, D(2028, 1, 1))[0])


class DialogueWorkTests(ClockTestCase):
    def test_a_meeting_with_12_disagreeing_puts_an_on_ward_a_officers_work_list(self):
        make_milestone(
            self.an, MilestoneKind.OPINION_MEETING, D(2026, 4, 2), agree=40, disagree=12, other=3
        )
        self.assertEqual(clocks.party_clock(self.an, TODAY)["dialogue_due_on"], D(2026, 6, 1))
        self.assertEqual(list(dialogues_due(self.ward_a_officer)), [self.an])
        self.assertEqual(list(dialogues_due(self.ward_b_officer)), [])
        sections = {s.source.key: s for s in work_list(self.ward_a_officer)}
        item = sections["clearance_dialogues_due"].items[0]
        self.assertEqual(item.title, "Hộ ông Nguyễn Văn An")
        self.assertIn("01/06/2026", item.note)
        self.assertEqual(item.state, "overdue")

    def test_under_nq254_the_dialogue_is_due_monday_4_may(self):
        self.use(self.nq254)
        make_milestone(self.an, MilestoneKind.OPINION_MEETING, D(2026, 4, 2), disagree=12)
        self.assertEqual(clocks.party_clock(self.an, TODAY)["dialogue_due_on"], D(2026, 5, 4))

    def test_a_meeting_where_nobody_disagreed_creates_no_dialogue_task(self):
        make_milestone(self.an, MilestoneKind.OPINION_MEETING, D(2026, 4, 2), agree=55, disagree=0)
        self.assertEqual(list(dialogues_due(self.ward_a_officer)), [])
        self.assertIsNone(clocks.party_clock(self.an, TODAY)["dialogue_due_on"])

    def test_a_dialogue_held_takes_an_off_the_list(self):
        make_milestone(self.an, MilestoneKind.OPINION_MEETING, D(2026, 4, 2), disagree=12)
        make_milestone(self.an, MilestoneKind.DIALOGUE, D(2026, 5, 20))
        self.assertEqual(list(dialogues_due(self.ward_a_officer)), [])
        self.assertIsNone(clocks.party_clock(self.an, TODAY)["dialogue_due_on"])
