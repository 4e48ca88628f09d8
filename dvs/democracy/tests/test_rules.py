"""The law's numbers, at their boundaries (docs/democracy.md lists each with its source):
thresholds on all households, the forms each matter may take, the initiative's consents,
and every clock across the days off of the platform's calendar."""

import datetime
from types import SimpleNamespace

from django.test import SimpleTestCase, TestCase

from dvs.democracy import rules
from dvs.democracy.models import Board, BoardMember, Body, Form, Item

D = datetime.date


class ThresholdTests(SimpleTestCase):
    def test_two_thirds_of_all_households_for_contributions_and_funds(self):
        for item in (Item.CONTRIBUTION, Item.FUND):
            self.assertEqual(rules.required_yes(item, 180), 120)
            self.assertFalse(rules.passes(item, 180, 119))
            self.assertTrue(rules.passes(item, 180, 120))
        # Two thirds of 10 is 6.67: 7 households.
        self.assertEqual(rules.required_yes(Item.CONTRIBUTION, 10), 7)
        self.assertEqual(rules.required_yes(Item.CONTRIBUTION, 9), 6)

    def test_more_than_half_of_all_households_for_the_others(self):
        for item in (Item.CHARTER, Item.HEAD, Item.BOARDS, Item.OTHER):
            self.assertEqual(rules.required_yes(item, 180), 91)
            self.assertFalse(rules.passes(item, 180, 90))
            self.assertTrue(rules.passes(item, 180, 91))
        self.assertEqual(rules.required_yes(Item.OTHER, 181), 91)

    def test_a_meeting_that_cannot_reach_the_threshold_is_told_before_the_vote(self):
        result = rules.evaluate(Item.CHARTER, 180, present=85)
        self.assertEqual(result.required_yes, 91)
        self.assertFalse(result.can_reach_threshold)
        self.assertTrue(result.ballot_allowed)
        self.assertIn("(cần ≥91 hộ)", result.warnings[0])
        self.assertIsNone(result.passes)

    def test_items_three_to_five_get_a_ballot_only_when_the_meeting_lacked_households(self):
        for item in (Item.CHARTER, Item.HEAD, Item.BOARDS):
            self.assertTrue(rules.evaluate(item, 180, present=85).ballot_allowed)
            self.assertFalse(rules.evaluate(item, 180, present=91).ballot_allowed)
            self.assertFalse(rules.evaluate(item, 180).ballot_allowed)
        for item in (Item.CONTRIBUTION, Item.FUND, Item.OTHER):
            self.assertTrue(rules.evaluate(item, 180, present=150).ballot_allowed)

    def test_the_contribution_meeting_with_119_fails_and_120_passes(self):
        self.assertFalse(rules.evaluate(Item.CONTRIBUTION, 180, present=150, yes=119).passes)
        self.assertTrue(rules.evaluate(Item.CONTRIBUTION, 180, present=150, yes=120).passes)

    def test_online_only_for_item_six_after_more_than_half_opted_in(self):
        refused = rules.evaluate(Item.CHARTER, 180, form=Form.ONLINE, optin_yes=180)
        self.assertFalse(refused.online_allowed)
        self.assertIn("chỉ áp dụng cho nội dung khoản 6 Điều 15", refused.warnings[0])
        self.assertFalse(
            rules.evaluate(Item.OTHER, 180, form=Form.ONLINE, optin_yes=90).online_allowed
        )
        self.assertTrue(
            rules.evaluate(Item.OTHER, 180, form=Form.ONLINE, optin_yes=91).online_allowed
        )
        self.assertFalse(rules.evaluate(Item.OTHER, 180, form=Form.ONLINE).online_allowed)
        self.assertFalse(rules.optin_passes(181, 90))
        self.assertTrue(rules.optin_passes(181, 91))

    def test_impossible_counts_are_warned(self):
        result = rules.evaluate(Item.OTHER, 10, present=12, yes=13)
        self.assertEqual(len(result.warnings), 3)


class InitiativeTests(SimpleTestCase):
    def test_ten_percent_of_households(self):
        self.assertEqual(rules.initiative_needed(180), 18)
        self.assertEqual(rules.initiative_needed(181), 19)

    def test_a_consent_is_valid_three_months(self):
        self.assertEqual(rules.consent_valid_until(D(2026, 1, 31)), D(2026, 4, 30))
        self.assertEqual(rules.consent_valid_until(D(2026, 3, 2)), D(2026, 6, 2))

    def test_lapsed_consents_do_not_count_unless_the_front_approves(self):
        dates = [D(2026, 3, 1 + n) for n in range(16)] + [D(2026, 1, 31)] * 2
        result = rules.check_initiative(180, dates, D(2026, 5, 2))
        self.assertEqual((result.needed, result.valid, result.lapsed), (18, 16, 2))
        self.assertFalse(result.accepted)
        self.assertTrue(
            rules.check_initiative(180, dates, D(2026, 5, 2), front_approved=True).accepted
        )
        self.assertTrue(rules.check_initiative(180, dates, D(2026, 4, 30)).accepted)

    def test_a_consent_signed_after_the_submission_does_not_count(self):
        self.assertEqual(rules.check_initiative(10, [D(2026, 5, 3)], D(2026, 5, 2)).valid, 0)


class TallyTests(SimpleTestCase):
    def test_two_entries_that_differ_do_not_match(self):
        first, second = rules.Count(176, 121, 50, 5), rules.Count(176, 121, 49, 6)
        self.assertFalse(rules.entries_match(first, second))
        self.assertTrue(rules.entries_match(first, rules.Count(176, 121, 50, 5)))

    def test_a_count_must_add_up_and_fit_the_roll(self):
        self.assertEqual(rules.count_problems(rules.Count(176, 121, 50, 5), 180), [])
        self.assertEqual(len(rules.count_problems(rules.Count(176, 121, 50, 4), 180)), 1)
        self.assertEqual(len(rules.count_problems(rules.Count(181, 121, 50, 10), 180)), 1)


class RecognitionTests(SimpleTestCase):
    def test_who_recognises_and_when_a_decision_takes_effect(self):
        self.assertEqual(rules.recognising_body(Item.CHARTER), Body.PEOPLES_COMMITTEE)
        self.assertEqual(rules.recognising_body(Item.HEAD), Body.PEOPLES_COMMITTEE)
        self.assertEqual(rules.recognising_body(Item.BOARDS), Body.FRONT)
        for item in (Item.CONTRIBUTION, Item.FUND, Item.OTHER):
            self.assertIsNone(rules.recognising_body(item))
            self.assertEqual(rules.effective_on(item, D(2026, 4, 24)), D(2026, 4, 24))
        self.assertEqual(
            rules.effective_on(Item.HEAD, D(2026, 4, 24), D(2026, 5, 13)), D(2026, 5, 13)
        )
        self.assertIsNone(rules.effective_on(Item.BOARDS, D(2026, 4, 24)))


class ClockTests(TestCase):
    """On the platform's calendar: Giỗ Tổ's compensatory Monday 27/4, 30/4, 1/5 and the
    National Day holidays of 2026 are days off."""

    def test_notice_and_documents_two_days_before_the_meeting(self):
        self.assertEqual(rules.notice_by(D(2026, 4, 18)), D(2026, 4, 16))
        self.assertIsNotNone(rules.lateness(D(2026, 4, 17), rules.notice_by(D(2026, 4, 18))))
        self.assertIsNone(rules.lateness(D(2026, 4, 16), rules.notice_by(D(2026, 4, 18))))

    def test_sending_and_recognition_in_working_days_across_the_april_holidays(self):
        self.assertEqual(rules.send_by(D(2026, 4, 24)), D(2026, 5, 6))
        self.assertEqual(rules.recognise_by(D(2026, 5, 6)), D(2026, 5, 13))

    def test_the_head_election_clocks(self):
        self.assertEqual(
            rules.election_dates(D(2026, 12, 20)),
            {
                "election_plan_by": D(2026, 11, 30),
                "candidates_by": D(2026, 12, 5),
                "election_team_by": D(2026, 12, 10),
                "election_notice_by": D(2026, 12, 13),
            },
        )
        self.assertEqual(rules.election_due_by(D(2026, 8, 3)), D(2026, 10, 2))

    def test_consultations_run_twenty_days(self):
        self.assertEqual(rules.consultation_closes_earliest_on(D(2026, 9, 1)), D(2026, 9, 21))

    def test_inspection_plan_five_working_days_before(self):
        self.assertEqual(rules.inspection_plan_by(D(2026, 11, 16)), D(2026, 11, 9))

    def test_charter_posting_review_and_conference_invitation(self):
        self.assertEqual(rules.charter_vote_earliest_on(D(2026, 10, 1)), D(2026, 10, 31))
        self.assertEqual(rules.charter_review_due(2026), D(2026, 11, 18))
        self.assertEqual(rules.invitation_by(D(2026, 12, 20)), D(2026, 12, 15))

    def test_disclosure_across_the_national_day_holidays(self):
        self.assertEqual(rules.disclose_by(D(2026, 8, 28)), D(2026, 9, 9))
        self.assertEqual(rules.posting_ends_earliest_on(2, D(2026, 9, 9)), D(2026, 10, 9))
        self.assertIsNone(rules.posting_ends_earliest_on(4, D(2026, 9, 9)))
        self.assertIsNone(rules.posting_ends_earliest_on(13, D(2026, 9, 9)))

    def test_loudspeaker_days_must_be_consecutive(self):
        self.assertTrue(rules.loudspeaker_needed(7))
        self.assertFalse(rules.loudspeaker_needed(2))
        self.assertEqual(rules.longest_run([D(2026, 9, 1), D(2026, 9, 3), D(2026, 9, 4)]), 2)
        self.assertEqual(rules.longest_run([D(2026, 9, 1), D(2026, 9, 2), D(2026, 9, 3)]), 3)
        self.assertEqual(rules.longest_run([]), 0)

    def test_timeline_gives_only_what_applies(self):
        self.assertEqual(
            rules.timeline(meeting_on=D(2026, 4, 24), received_on=D(2026, 5, 6)),
            {"notice_by": D(2026, 4, 22), "send_by": D(2026, 5, 6), "recognise_by": D(2026, 5, 13)},
        )
        self.assertEqual(
            rules.timeline(decided_on=D(2026, 8, 28), disclosure_item=2, posted_on=D(2026, 9, 9)),
            {"disclose_by": D(2026, 9, 9), "posting_ends_earliest_on": D(2026, 10, 9)},
        )
        self.assertEqual(rules.timeline(), {})


def _member(role=BoardMember.Role.MEMBER, origin=BoardMember.Origin.RESIDENT, **flags):
    flags.setdefault("is_ward_official", False)
    flags.setdefault("related_to_investor", False)
    return SimpleNamespace(role=role, origin=origin, **flags)


class BoardCompositionTests(SimpleTestCase):
    def test_one_inspection_member_per_neighbourhood(self):
        self.assertEqual(
            rules.board_problems(Board.Kind.INSPECTION, [_member()] * 8, neighbourhoods=8), []
        )
        self.assertEqual(
            len(rules.board_problems(Board.Kind.INSPECTION, [_member()] * 7, neighbourhoods=8)), 1
        )

    def test_at_least_five_and_at_most_five_below_five_neighbourhoods(self):
        self.assertEqual(rules.inspection_board_size(3), 5)
        self.assertEqual(
            rules.board_problems(Board.Kind.INSPECTION, [_member()] * 5, neighbourhoods=3), []
        )
        self.assertTrue(
            rules.board_problems(Board.Kind.INSPECTION, [_member()] * 6, neighbourhoods=3)
        )

    def test_at_most_two_deputies_and_no_ward_officials(self):
        deputy = _member(BoardMember.Role.DEPUTY)
        members = [deputy] * 3 + [_member()] * 2
        self.assertIn(
            "tối đa 2 Phó Trưởng ban",
            rules.board_problems(Board.Kind.INSPECTION, members, neighbourhoods=3)[0],
        )
        official = [_member(is_ward_official=True)] + [_member()] * 4
        self.assertTrue(rules.board_problems(Board.Kind.INSPECTION, official, neighbourhoods=3))

    def test_monitoring_board_composition(self):
        front = _member(origin=BoardMember.Origin.FRONT)
        self.assertEqual(rules.board_problems(Board.Kind.MONITORING, [front] + [_member()] * 5), [])
        self.assertTrue(rules.board_problems(Board.Kind.MONITORING, [_member()] * 4))
        self.assertTrue(rules.board_problems(Board.Kind.MONITORING, [_member()] * 6))
        relative = [front, _member(related_to_investor=True)] + [_member()] * 3
        self.assertTrue(rules.board_problems(Board.Kind.MONITORING, relative))
