"""The writes of a matter's vote: the meeting and its verdict on those present, the
household ballot entered twice (the acceptance case: 180 households, 121/50/5 against
121/49/6 blocked, corrected, passes with 121 ≥ 120, 4 households listed as not returned),
the online vote (item 6 only, opt-in, one vote per household), sending — and every
refusal, on every axis of scope."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from dvs.accounts.models import AuditEntry
from dvs.democracy import rules
from dvs.democracy.actions import tallies as actions
from dvs.democracy.models import Ballot, Form, HouseholdVote, Item, Matter, RollEntry
from dvs.testing import BaseTestCase, add_sibling_personas, use_temporary_media

from .helpers import make_ballot, make_matter, make_online_vote

MEETING_ON = datetime.date(2026, 4, 15)
WITNESSES = "Nguyễn Văn An\nTrần Thị Bình"


def attend(matter, by, present, **fields):
    fields.setdefault("chair", "Lê Văn Chủ")
    fields.setdefault("secretary", "Phạm Thị Thư")
    fields.setdefault("vote_method", "hands")
    fields.setdefault("witnesses", WITNESSES)
    return actions.record_attendance(
        matter, by=by, present=range(1, present + 1), meeting_on=MEETING_ON, **fields
    )


def start(matter, by, **fields):
    fields.setdefault("reason", "Hội nghị không đủ số hộ")
    fields.setdefault("opens_on", datetime.date(2026, 4, 20))
    fields.setdefault("closes_on", datetime.date(2026, 4, 24))
    return actions.start_ballot(matter, by=by, **fields)


def message(error):
    return " ".join(error.exception.messages)


class MeetingTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)

    def setUp(self):
        self.enterContext(translation.override("en"))
        self.media, self.private = use_temporary_media(self)
        self.matter = make_matter(self.neighbourhood_a1, households=180)
        self.user = self.neighbourhood_a1_committee

    def test_attendance_marks_each_household(self):
        with self.captureOnCommitCallbacks(execute=True):
            attend(self.matter, self.user, 85)
        self.assertEqual(RollEntry.objects.filter(matter=self.matter, present=True).count(), 85)
        self.assertTrue(self.matter.meeting_held)
        self.assertEqual(self.matter.meeting_on, MEETING_ON)
        self.assertTrue(AuditEntry.objects.filter(action="democracy.attendance").exists())

    def test_a_number_not_on_the_roll_is_refused(self):
        with self.assertRaises(ValidationError) as error:
            actions.record_attendance(
                self.matter, by=self.user, present=[1, 181], meeting_on=MEETING_ON
            )
        self.assertIn("181", message(error))
        self.assertFalse(RollEntry.objects.filter(matter=self.matter, present=True).exists())

    def test_meeting_in_the_future_is_refused(self):
        with self.assertRaises(ValidationError):
            actions.record_attendance(
                self.matter,
                by=self.user,
                present=[1],
                meeting_on=timezone.localdate() + datetime.timedelta(days=1),
            )

    def test_a_vote_that_cannot_reach_the_threshold_decides_nothing(self):
        attend(self.matter, self.user, 85)
        evaluation = actions.meeting_evaluation(self.matter)
        self.assertFalse(evaluation.can_reach_threshold)
        self.assertIn("120", " ".join(evaluation.warnings))
        actions.record_meeting_vote(self.matter, by=self.user, yes=80, no=5, other=0)
        self.matter.refresh_from_db()
        self.assertEqual(self.matter.status, Matter.Status.OPEN)
        self.assertEqual(self.matter.meeting_yes, 80)
        self.assertIsNone(self.matter.passed)

    def test_a_meeting_that_can_reach_decides(self):
        attend(self.matter, self.user, 150)
        actions.record_meeting_vote(self.matter, by=self.user, yes=120, no=30, other=0)
        self.matter.refresh_from_db()
        self.assertEqual(self.matter.status, Matter.Status.DECIDED)
        self.assertEqual(self.matter.decided_form, Form.MEETING)
        self.assertEqual(self.matter.decided_on, MEETING_ON)
        self.assertTrue(self.matter.passed)
        self.assertEqual(self.matter.send_by, rules.send_by(MEETING_ON))

    def test_119_of_180_fail_for_a_contribution(self):
        attend(self.matter, self.user, 150)
        actions.record_meeting_vote(self.matter, by=self.user, yes=119, no=31, other=0)
        self.matter.refresh_from_db()
        self.assertEqual(self.matter.status, Matter.Status.DECIDED)
        self.assertFalse(self.matter.passed)

    def test_counts_above_those_present_are_refused(self):
        attend(self.matter, self.user, 150)
        with self.assertRaises(ValidationError):
            actions.record_meeting_vote(self.matter, by=self.user, yes=140, no=11, other=0)
        self.matter.refresh_from_db()
        self.assertIsNone(self.matter.meeting_yes)

    def test_the_vote_needs_attendance_witnesses_and_a_counting_board(self):
        with self.assertRaises(ValidationError):
            actions.record_meeting_vote(self.matter, by=self.user, yes=1, no=0, other=0)
        attend(self.matter, self.user, 150, witnesses="Một người")
        with self.assertRaises(ValidationError) as error:
            actions.record_meeting_vote(self.matter, by=self.user, yes=1, no=0, other=0)
        self.assertIn("two household representatives", message(error))
        attend(self.matter, self.user, 150, vote_method="secret", counting_board="A\nB")
        with self.assertRaises(ValidationError) as error:
            actions.record_meeting_vote(self.matter, by=self.user, yes=1, no=0, other=0)
        self.assertIn("counting board", message(error))

    def test_no_one_outside_may_record(self):
        for user in (
            self.ward_b_officer,
            self.neighbourhood_a2_committee,
            self.ward_a_women_officer,
            self.readonly_leader,
        ):
            with self.subTest(user=user.username), self.assertRaises(ValidationError):
                attend(self.matter, user, 10)
        self.assertFalse(RollEntry.objects.filter(matter=self.matter, present=True).exists())

    def test_the_ward_officer_may_record(self):
        attend(self.matter, self.ward_a_officer, 10)
        self.assertTrue(self.matter.meeting_held)

    def test_a_draft_matter_has_no_roll_to_vote_on(self):
        draft = make_matter(self.neighbourhood_a1, status=Matter.Status.DRAFT, households=0)
        with self.assertRaises(ValidationError):
            attend(draft, self.user, 0)


class BallotTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)

    def setUp(self):
        self.enterContext(translation.override("en"))
        self.media, self.private = use_temporary_media(self)
        self.matter = make_matter(self.neighbourhood_a1, households=180)
        self.user = self.neighbourhood_a1_committee

    def test_acceptance_double_entry_mismatch_corrected_then_passes(self):
        attend(self.matter, self.user, 85)
        ballot = start(self.matter, self.user)
        self.matter.refresh_from_db()
        self.assertEqual(self.matter.status, Matter.Status.VOTING)
        actions.mark_returned(ballot, by=self.user, numbers=range(1, 177))
        actions.enter_count(
            ballot,
            by=self.user,
            order=1,
            clerk="Văn thư A",
            returned=176,
            yes=121,
            no=50,
            invalid=5,
        )
        actions.enter_count(
            ballot,
            by=self.user,
            order=2,
            clerk="Văn thư B",
            returned=176,
            yes=121,
            no=49,
            invalid=6,
        )
        self.assertIs(actions.entries_state(ballot)[2], False)
        with self.assertRaises(ValidationError) as error:
            actions.confirm_ballot(ballot, by=self.user)
        self.assertIn("do not match", message(error))
        actions.enter_count(
            ballot,
            by=self.user,
            order=2,
            clerk="Văn thư B",
            returned=176,
            yes=121,
            no=50,
            invalid=5,
        )
        actions.confirm_ballot(ballot, by=self.user)
        self.matter.refresh_from_db()
        ballot.refresh_from_db()
        self.assertEqual(
            (ballot.returned, ballot.yes, ballot.no, ballot.invalid), (176, 121, 50, 5)
        )
        self.assertTrue(ballot.closed)
        self.assertEqual(self.matter.status, Matter.Status.DECIDED)
        self.assertEqual(self.matter.decided_form, Form.BALLOT)
        self.assertEqual(self.matter.decided_on, ballot.closes_on)
        self.assertTrue(self.matter.passed)  # 121 ≥ 120 of all 180 households
        self.assertEqual(self.matter.yes, 121)
        self.assertEqual([e.number for e in actions.not_returned(ballot)], [177, 178, 179, 180])

    def test_119_by_ballot_do_not_pass(self):
        ballot = start(self.matter, self.user)
        for order, clerk in ((1, "A"), (2, "B")):
            actions.enter_count(
                ballot,
                by=self.user,
                order=order,
                clerk=clerk,
                returned=170,
                yes=119,
                no=51,
                invalid=0,
            )
        actions.confirm_ballot(ballot, by=self.user)
        self.matter.refresh_from_db()
        self.assertFalse(self.matter.passed)

    def test_the_same_clerk_twice_is_refused(self):
        ballot = start(self.matter, self.user)
        actions.enter_count(
            ballot, by=self.user, order=1, clerk="Văn thư A", returned=10, yes=10, no=0, invalid=0
        )
        with self.assertRaises(ValidationError) as error:
            actions.enter_count(
                ballot,
                by=self.user,
                order=2,
                clerk=" văn  thư a ",
                returned=10,
                yes=10,
                no=0,
                invalid=0,
            )
        self.assertIn("two different clerks", message(error))
        self.assertEqual(ballot.entries.count(), 1)

    def test_an_entry_that_does_not_add_up_is_refused(self):
        ballot = start(self.matter, self.user)
        with self.assertRaises(ValidationError):
            actions.enter_count(
                ballot, by=self.user, order=1, clerk="A", returned=176, yes=121, no=50, invalid=4
            )
        with self.assertRaises(ValidationError):
            actions.enter_count(
                ballot, by=self.user, order=1, clerk="A", returned=181, yes=181, no=0, invalid=0
            )
        self.assertFalse(ballot.entries.exists())

    def test_one_entry_cannot_be_confirmed(self):
        ballot = start(self.matter, self.user)
        actions.enter_count(
            ballot, by=self.user, order=1, clerk="A", returned=10, yes=10, no=0, invalid=0
        )
        with self.assertRaises(ValidationError):
            actions.confirm_ballot(ballot, by=self.user)

    def test_the_checklist_must_agree_with_the_count(self):
        ballot = start(self.matter, self.user)
        actions.mark_returned(ballot, by=self.user, numbers=range(1, 171))
        for order, clerk in ((1, "A"), (2, "B")):
            actions.enter_count(
                ballot,
                by=self.user,
                order=order,
                clerk=clerk,
                returned=176,
                yes=121,
                no=50,
                invalid=5,
            )
        with self.assertRaises(ValidationError) as error:
            actions.confirm_ballot(ballot, by=self.user)
        self.assertIn("170", message(error))

    def test_without_the_checklist_no_household_is_listed(self):
        ballot = start(self.matter, self.user)
        self.assertIsNone(actions.not_returned(ballot))

    def test_a_charter_needs_a_meeting_that_lacked_households(self):
        charter = make_matter(self.neighbourhood_a1, "Quy ước", item=Item.CHARTER, households=180)
        with self.assertRaises(ValidationError):
            start(charter, self.user)  # no meeting yet
        attend(charter, self.user, 100)  # 100 ≥ 91: the meeting could decide
        with self.assertRaises(ValidationError):
            start(charter, self.user)
        attend(charter, self.user, 85)
        self.assertTrue(start(charter, self.user).pk)

    def test_one_ballot_at_a_time_and_dates_in_order(self):
        with self.assertRaises(ValidationError):
            start(self.matter, self.user, closes_on=datetime.date(2026, 4, 19))
        start(self.matter, self.user)
        with self.assertRaises(ValidationError):
            start(self.matter, self.user)
        self.assertEqual(Ballot.objects.filter(matter=self.matter).count(), 1)

    def test_a_reason_is_required(self):
        with self.assertRaises(ValidationError):
            start(self.matter, self.user, reason="  ")

    def test_no_one_outside_may_touch_the_ballot(self):
        ballot = make_ballot(self.matter)
        for user in (
            self.ward_b_officer,
            self.neighbourhood_a2_committee,
            self.ward_a_women_officer,
            self.readonly_leader,
        ):
            with self.subTest(user=user.username):
                with self.assertRaises(ValidationError):
                    start(make_matter(self.neighbourhood_a1, households=5), user)
                with self.assertRaises(ValidationError):
                    actions.enter_count(
                        ballot, by=user, order=1, clerk="A", returned=1, yes=1, no=0, invalid=0
                    )
                with self.assertRaises(ValidationError):
                    actions.mark_returned(ballot, by=user, numbers=[1])
                with self.assertRaises(ValidationError):
                    actions.confirm_ballot(ballot, by=user)
        self.assertFalse(ballot.entries.exists())

    def test_a_confirmed_ballot_takes_no_more_entries(self):
        ballot = make_ballot(self.matter, closed=True)
        with self.assertRaises(ValidationError):
            actions.enter_count(
                ballot, by=self.user, order=1, clerk="A", returned=1, yes=1, no=0, invalid=0
            )

    def test_the_count_record_is_a_private_image_or_pdf(self):
        ballot = make_ballot(self.matter)
        scan = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 test", content_type="application/pdf")
        actions.attach_count_record(ballot, by=self.user, upload=scan)
        ballot.refresh_from_db()
        self.assertTrue(ballot.count_record.name.startswith("democracy/ballot/"))
        script = SimpleUploadedFile("x.pdf", b"<script>", content_type="application/pdf")
        with self.assertRaises(ValidationError):
            actions.attach_count_record(ballot, by=self.user, upload=script)
        with self.assertRaises(ValidationError):
            actions.attach_count_record(ballot, by=self.ward_b_officer, upload=scan)


class OnlineTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)

    def setUp(self):
        self.matter = make_matter(
            self.neighbourhood_a1, "Đặt tên ngõ", item=Item.OTHER, households=180
        )
        self.user = self.neighbourhood_a1_committee
        self.enterContext(translation.override("en"))
        now = timezone.now()
        self.window = {
            "optin_polled_on": timezone.localdate() - datetime.timedelta(days=3),
            "starts_at": now - datetime.timedelta(hours=1),
            "ends_at": now + datetime.timedelta(hours=5),
        }

    def start(self, matter=None, optin_yes=91, by=None):
        return actions.start_online_vote(
            matter or self.matter, by=by or self.user, optin_yes=optin_yes, **self.window
        )

    def test_only_item_6(self):
        contribution = make_matter(self.neighbourhood_a1, households=180)
        with self.assertRaises(ValidationError) as error:
            self.start(contribution)
        self.assertIn("item 6", message(error))

    def test_opt_in_needs_more_than_half(self):
        with self.assertRaises(ValidationError):
            self.start(optin_yes=90)
        vote, codes = self.start(optin_yes=91)
        self.assertEqual(len(codes), 180)
        self.assertEqual(HouseholdVote.objects.filter(vote=vote).count(), 180)
        # Only hashes are kept.
        stored = set(HouseholdVote.objects.values_list("token_hash", flat=True))
        self.assertFalse({code for _, code in codes} & stored)
        self.assertEqual(len(stored), 180)

    def test_one_vote_per_household(self):
        vote, codes = self.start()
        entry, code = codes[0]
        actions.cast_online_vote(vote, code=code.lower(), choice="yes")
        with self.assertRaises(ValidationError) as error:
            actions.cast_online_vote(vote, code=code, choice="no")
        self.assertIn("already voted", message(error))
        with self.assertRaises(ValidationError):
            actions.cast_online_vote(vote, code="WRONGCODE1", choice="yes")
        with self.assertRaises(ValidationError):
            actions.record_household_vote(vote, by=self.user, number=entry.number, choice="no")
        self.assertEqual(actions.online_results(vote)["participants"], 1)

    def test_votes_only_in_the_window(self):
        vote, codes = self.start()
        with self.assertRaises(ValidationError):
            actions.cast_online_vote(
                vote, code=codes[0][1], choice="yes", now=vote.ends_at + datetime.timedelta(1)
            )

    def test_closing_after_the_end_decides(self):
        vote, codes = self.start()
        for _entry, code in codes[:91]:
            actions.cast_online_vote(vote, code=code, choice="yes")
        actions.record_household_vote(vote, by=self.user, number=180, choice="no")
        with self.assertRaises(ValidationError):
            actions.close_online_vote(vote, by=self.user)  # not ended yet
        actions.close_online_vote(vote, by=self.user, now=vote.ends_at + datetime.timedelta(1))
        self.matter.refresh_from_db()
        self.assertEqual(self.matter.decided_form, Form.ONLINE)
        self.assertEqual(self.matter.decided_on, timezone.localtime(vote.ends_at).date())
        self.assertTrue(self.matter.passed)  # 91 > 90 of 180
        self.assertEqual(self.matter.yes, 91)

    def test_no_one_outside_may_start_record_or_close(self):
        vote = make_online_vote(self.matter)
        for user in (
            self.ward_b_officer,
            self.neighbourhood_a2_committee,
            self.ward_a_women_officer,
            self.readonly_leader,
        ):
            with self.subTest(user=user.username):
                with self.assertRaises(ValidationError):
                    self.start(
                        make_matter(self.neighbourhood_a1, item=Item.OTHER, households=2),
                        optin_yes=2,
                        by=user,
                    )
                with self.assertRaises(ValidationError):
                    actions.record_household_vote(vote, by=user, number=1, choice="yes")
                with self.assertRaises(ValidationError):
                    actions.close_online_vote(vote, by=user, now=vote.ends_at)


class SendTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)

    def setUp(self):
        self.matter = make_matter(
            self.neighbourhood_a1,
            households=10,
            status=Matter.Status.DECIDED,
            decided_on=MEETING_ON,
            send_by=rules.send_by(MEETING_ON),
            passed=True,
            yes=8,
        )

    def test_sending_a_decided_matter(self):
        actions.send_decision(self.matter, by=self.neighbourhood_a1_committee, sent_on=MEETING_ON)
        self.matter.refresh_from_db()
        self.assertEqual(self.matter.status, Matter.Status.SENT)
        self.assertIsNone(rules.lateness(self.matter.sent_on, self.matter.send_by))

    def test_a_late_sending_is_recorded_and_shown(self):
        self.enterContext(translation.override("en"))
        late = datetime.date(2026, 5, 20)
        actions.send_decision(self.matter, by=self.neighbourhood_a1_committee, sent_on=late)
        self.matter.refresh_from_db()
        self.assertIn("Late", rules.lateness(self.matter.sent_on, self.matter.send_by))

    def test_refusals(self):
        with self.assertRaises(ValidationError):
            actions.send_decision(
                self.matter, by=self.neighbourhood_a1_committee, sent_on=datetime.date(2026, 4, 1)
            )
        open_matter = make_matter(self.neighbourhood_a1, households=10)
        with self.assertRaises(ValidationError):
            actions.send_decision(
                open_matter, by=self.neighbourhood_a1_committee, sent_on=MEETING_ON
            )
        for user in (
            self.ward_b_officer,
            self.neighbourhood_a2_committee,
            self.ward_a_women_officer,
            self.readonly_leader,
        ):
            with self.subTest(user=user.username), self.assertRaises(ValidationError):
                actions.send_decision(self.matter, by=user, sent_on=MEETING_ON)
        self.matter.refresh_from_db()
        self.assertEqual(self.matter.status, Matter.Status.DECIDED)
