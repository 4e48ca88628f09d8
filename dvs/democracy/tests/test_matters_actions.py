"""The writes of matters: create, update and delete with their refusals, the roll frozen
from the residents registry (a sibling neighbourhood's households not included), its
corrections with a reason, a citizens' initiative's consents (the 180-household example:
16 valid of 18 refused on 2/5/2026), the ward's receipt, recognition (item 5 by the
Front) and refusal, and annulment requests."""

import datetime

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dvs.accounts.models import AuditEntry
from dvs.democracy.actions import matters as actions
from dvs.democracy.models import Body, Item, Matter, MatterReview, Proposer, RollEntry
from dvs.people.models import Household
from dvs.people.tests.helpers import add_person
from dvs.testing import BaseTestCase, add_sibling_personas

from .helpers import make_households, make_matter

D = datetime.date


def decided(unit, item, *, households=180, yes=150, passed=True, **fields):
    """A matter decided in a meeting on Fri 24/4/2026 (the tallies part's writes)."""
    return make_matter(
        unit,
        f"Việc khoản {item}",
        item=item,
        households=households,
        status=fields.pop("status", Matter.Status.DECIDED),
        decided_on=D(2026, 4, 24),
        decided_form="meeting",
        passed=passed,
        yes=yes,
        send_by=D(2026, 5, 6),
        **fields,
    )


class MatterWriteTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)

    def create(self, by=None, unit=None, **fields):
        fields.setdefault("item", Item.CONTRIBUTION)
        fields.setdefault("title", "Đóng góp làm đường ngõ 5")
        return actions.create_matter(
            by or self.neighbourhood_a1_committee, unit=unit or self.neighbourhood_a1, **fields
        )

    def test_a_committee_creates_a_draft_in_its_neighbourhood_audited(self):
        matter = self.create(content="  Làm đường  ")
        self.assertEqual(matter.status, Matter.Status.DRAFT)
        self.assertEqual(matter.created_by, self.neighbourhood_a1_committee)
        self.assertEqual(matter.content, "Làm đường")
        self.assertTrue(
            AuditEntry.objects.for_instance(matter).filter(action="wagtail.create").exists()
        )

    def test_creates_outside_the_writable_scope_are_refused(self):
        for user, unit in (
            (self.neighbourhood_a1_committee, self.neighbourhood_a2),
            (self.neighbourhood_a2_committee, self.neighbourhood_a1),
            (self.ward_b_officer, self.neighbourhood_a1),
            (self.ward_a_women_officer, self.ward_a),
            (self.readonly_leader, self.ward_a),
        ):
            with self.subTest(user=user.username), self.assertRaises(ValidationError):
                self.create(by=user, unit=unit)
        self.assertFalse(Matter.objects.exists())

    def test_bad_input_is_refused(self):
        for fields in (
            {"item": 9},
            {"title": "   "},
            {"proposer": "mayor"},
            {"meeting_on": D(2026, 4, 18), "notice_on": D(2026, 4, 19)},
            {"secretary": "X"},
        ):
            with self.subTest(fields=fields), self.assertRaises(ValidationError):
                self.create(**fields)
        with self.assertRaises(ValidationError):  # a city is no place for a matter
            self.create(by=self.city_leader, unit=self.city)
        self.assertFalse(Matter.objects.exists())

    def test_update_before_the_decision_only_and_identity_only_as_a_draft(self):
        matter = self.create()
        actions.update_matter(matter, self.neighbourhood_a1_committee, item=Item.FUND)
        self.assertEqual(matter.item, Item.FUND)
        make_households(self.neighbourhood_a1, 3)
        actions.open_matter(matter, self.neighbourhood_a1_committee, D(2026, 4, 1))
        with self.assertRaises(ValidationError):
            actions.update_matter(matter, self.neighbourhood_a1_committee, item=Item.OTHER)
        actions.update_matter(
            matter,
            self.neighbourhood_a1_committee,
            meeting_on=D(2026, 4, 18),
            notice_on=D(2026, 4, 16),
        )
        with self.assertRaises(ValidationError):  # the sibling, the other ward, the reader
            actions.update_matter(matter, self.neighbourhood_a2_committee, title="X")
        with self.assertRaises(ValidationError):
            actions.update_matter(matter, self.ward_b_officer, title="X")
        with self.assertRaises(ValidationError):
            actions.update_matter(matter, self.readonly_leader, title="X")
        Matter.objects.filter(pk=matter.pk).update(status=Matter.Status.DECIDED)
        matter.refresh_from_db()
        with self.assertRaises(ValidationError):
            actions.update_matter(matter, self.neighbourhood_a1_committee, title="Khác")

    def test_only_a_draft_is_deleted(self):
        draft = self.create()
        opened = make_matter(self.neighbourhood_a1, "Đã mở", households=2)
        with self.assertRaises(ValidationError):
            actions.delete_matter(draft, by=self.neighbourhood_a2_committee)
        with self.assertRaises(ValidationError):
            actions.delete_matter(opened, by=self.neighbourhood_a1_committee)
        actions.delete_matter(draft, by=self.neighbourhood_a1_committee)
        self.assertEqual(list(Matter.objects.all()), [opened])


class RollTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)

    def test_opening_freezes_the_units_households_in_address_order(self):
        head = add_person(self.neighbourhood_a1, "Nguyễn Văn Chủ")
        Household.objects.create(unit=self.neighbourhood_a1, address="Số 2 ngõ 5", head=head)
        Household.objects.create(unit=self.neighbourhood_a1, address="Số 1 ngõ 5")
        Household.objects.create(unit=self.neighbourhood_a2, address="Số 9 tổ 2")
        Household.objects.create(unit=self.neighbourhood_b1, address="Số 7 phường B")
        matter = actions.create_matter(
            self.neighbourhood_a1_committee,
            unit=self.neighbourhood_a1,
            item=Item.CONTRIBUTION,
            title="Làm đường",
        )
        actions.open_matter(matter, self.neighbourhood_a1_committee, D(2026, 4, 1))
        matter.refresh_from_db()
        self.assertEqual(matter.status, Matter.Status.OPEN)
        self.assertEqual(matter.households, 2)
        self.assertEqual(matter.opened_on, D(2026, 4, 1))
        rows = list(matter.roll.values_list("number", "address", "representative"))
        self.assertEqual(rows, [(1, "Số 1 ngõ 5", ""), (2, "Số 2 ngõ 5", "Nguyễn Văn Chủ")])
        with self.assertRaises(ValidationError):  # frozen once
            actions.open_matter(matter, self.neighbourhood_a1_committee, D(2026, 4, 2))

    def test_a_wards_matter_takes_every_neighbourhood_and_bulk_creates(self):
        make_households(self.neighbourhood_a1, 1500)
        make_households(self.neighbourhood_a2, 700, prefix="Ngõ")
        make_households(self.neighbourhood_b1, 5)
        matter = actions.create_matter(
            self.ward_a_officer, unit=self.ward_a, item=Item.FUND, title="Quỹ phường"
        )
        with CaptureQueriesContext(connection) as queries:
            actions.open_matter(matter, self.ward_a_officer, D(2026, 4, 1))
        self.assertLess(len(queries), 40)  # batches, not a query per household
        self.assertEqual(matter.households, 2200)
        self.assertEqual(RollEntry.objects.filter(matter=matter).count(), 2200)

    def test_opening_is_refused_out_of_scope_empty_or_in_the_future(self):
        matter = make_matter(self.neighbourhood_a1, status=Matter.Status.DRAFT, opened_on=None)
        with self.assertRaises(ValidationError):  # no household
            actions.open_matter(matter, self.neighbourhood_a1_committee, D(2026, 4, 1))
        make_households(self.neighbourhood_a1, 2)
        for user in (self.neighbourhood_a2_committee, self.ward_b_officer, self.readonly_leader):
            with self.subTest(user=user.username), self.assertRaises(ValidationError):
                actions.open_matter(matter, user, D(2026, 4, 1))
        with self.assertRaises(ValidationError):
            actions.open_matter(matter, self.neighbourhood_a1_committee, D(2099, 1, 1))
        self.assertFalse(matter.roll.exists())

    def test_correcting_the_roll_needs_a_reason_and_is_audited(self):
        matter = make_matter(self.neighbourhood_a1, households=180)
        with self.assertRaises(ValidationError):
            actions.correct_roll(matter, self.neighbourhood_a1_committee, 181, "  ")
        with self.assertRaises(ValidationError):
            actions.correct_roll(matter, self.neighbourhood_a1_committee, 0, "Sai")
        with self.assertRaises(ValidationError):
            actions.correct_roll(matter, self.neighbourhood_a2_committee, 181, "Sót hộ")
        actions.correct_roll(matter, self.neighbourhood_a1_committee, 181, "Sót hộ số 12")
        matter.refresh_from_db()
        self.assertEqual(matter.households, 181)
        self.assertIn("Sót hộ số 12", matter.roll_note)
        self.assertTrue(
            AuditEntry.objects.for_instance(matter).filter(action=actions.ROLL_CORRECTED).exists()
        )
        draft = make_matter(self.neighbourhood_a1, "Nháp", status=Matter.Status.DRAFT)
        with self.assertRaises(ValidationError):
            actions.correct_roll(draft, self.neighbourhood_a1_committee, 3, "Sai")

    def test_adding_and_removing_a_household_with_a_reason(self):
        matter = make_matter(self.neighbourhood_a1, households=3)
        entry = actions.add_roll_entry(
            matter, self.neighbourhood_a1_committee, address="Số 4", reason="Hộ mới chuyển đến"
        )
        self.assertEqual((entry.number, matter.households), (4, 4))
        actions.remove_roll_entry(
            matter.roll.get(number=2), self.neighbourhood_a1_committee, "Trùng"
        )
        matter.refresh_from_db()
        self.assertEqual(matter.households, 3)
        self.assertEqual(list(matter.roll.values_list("number", flat=True)), [1, 3, 4])
        with self.assertRaises(ValidationError):
            actions.remove_roll_entry(
                matter.roll.get(number=1), self.neighbourhood_a1_committee, ""
            )
        other = Household.objects.create(unit=self.neighbourhood_a2, address="Tổ 2")
        with self.assertRaises(ValidationError):
            actions.add_roll_entry(
                matter, self.ward_a_officer, address="Tổ 2", reason="Sai", household=other
            )


class InitiativeTests(BaseTestCase):
    """Acceptance 6: TDP 5 (180 households) needs 18 consents; 16 dated March 2026 and 2
    dated 31/1/2026, submitted on 2/5/2026, count 16 valid: refused unless the Front
    approves."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)
        make_households(cls.neighbourhood_a1, 180)

    def initiative(self, **fields):
        matter = actions.create_matter(
            self.neighbourhood_a1_committee,
            unit=self.neighbourhood_a1,
            item=Item.OTHER,
            title="Lắp camera ngõ 5",
            proposer=Proposer.CITIZENS,
            **fields,
        )
        for n in range(16):
            actions.add_consent(
                matter,
                self.neighbourhood_a1_committee,
                representative=f"Hộ {n}",
                signed_on=D(2026, 3, 1 + n),
            )
        for n in range(2):
            actions.add_consent(
                matter,
                self.neighbourhood_a1_committee,
                representative=f"Hộ cũ {n}",
                signed_on=D(2026, 1, 31),
            )
        return matter

    def test_16_valid_of_18_is_refused_on_2_5_2026(self):
        matter = self.initiative()
        with self.assertRaises(ValidationError) as raised:
            actions.open_matter(matter, self.neighbourhood_a1_committee, D(2026, 5, 2))
        message = " ".join(raised.exception.messages)
        self.assertIn("18", message)
        self.assertIn("16", message)
        matter.refresh_from_db()
        self.assertEqual(matter.status, Matter.Status.DRAFT)
        self.assertFalse(matter.roll.exists())

    def test_the_fronts_approval_lets_it_open(self):
        matter = self.initiative(front_approved=True)
        actions.open_matter(matter, self.neighbourhood_a1_committee, D(2026, 5, 2))
        self.assertEqual(matter.households, 180)

    def test_consents_are_refused_when_they_do_not_apply(self):
        matter = self.initiative()
        household = Household.objects.filter(unit=self.neighbourhood_a1).first()
        actions.add_consent(
            matter,
            self.neighbourhood_a1_committee,
            representative="Hộ A",
            signed_on=D(2026, 4, 1),
            household=household,
        )
        with self.assertRaises(ValidationError):  # a household consents once
            actions.add_consent(
                matter,
                self.neighbourhood_a1_committee,
                representative="Hộ A",
                signed_on=D(2026, 4, 2),
                household=household,
            )
        sibling = Household.objects.create(unit=self.neighbourhood_a2, address="Tổ 2")
        with self.assertRaises(ValidationError):  # not the matter's neighbourhood
            actions.add_consent(
                matter,
                self.ward_a_officer,
                representative="X",
                signed_on=D(2026, 4, 1),
                household=sibling,
            )
        with self.assertRaises(ValidationError):
            actions.add_consent(
                matter, self.neighbourhood_a2_committee, representative="X", signed_on=D(2026, 4, 1)
            )
        with self.assertRaises(ValidationError):
            actions.add_consent(
                matter, self.neighbourhood_a1_committee, representative="X", signed_on=D(2099, 1, 1)
            )
        head_matter = make_matter(self.neighbourhood_a1, "Không phải sáng kiến", status="draft")
        with self.assertRaises(ValidationError):
            actions.add_consent(
                head_matter,
                self.neighbourhood_a1_committee,
                representative="X",
                signed_on=D(2026, 4, 1),
            )


class RecognitionTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)

    def test_receipt_starts_the_clock_and_item_5_is_recognised_by_the_front(self):
        matter = decided(self.neighbourhood_a1, Item.BOARDS)
        actions.receive_decision(matter, self.ward_a_officer, D(2026, 5, 6))
        self.assertEqual(matter.recognise_by, D(2026, 5, 13))
        self.assertEqual(matter.status, Matter.Status.SENT)
        actions.recognise(matter, self.ward_a_officer, D(2026, 5, 12))
        matter.refresh_from_db()
        self.assertEqual(matter.status, Matter.Status.RECOGNISED)
        self.assertEqual(matter.recognised_body, Body.FRONT)
        self.assertEqual(matter.effective_on, D(2026, 5, 12))

    def test_the_charter_by_the_peoples_committee(self):
        matter = decided(self.neighbourhood_a1, Item.CHARTER, status=Matter.Status.SENT)
        actions.receive_decision(matter, self.ward_a_officer, D(2026, 5, 6))
        actions.recognise(matter, self.ward_a_officer, D(2026, 5, 14))
        self.assertEqual(matter.recognised_body, Body.PEOPLES_COMMITTEE)

    def test_items_1_2_6_need_no_recognition(self):
        for item in (Item.CONTRIBUTION, Item.FUND, Item.OTHER):
            matter = decided(self.neighbourhood_a1, item)
            actions.receive_decision(matter, self.ward_a_officer, D(2026, 5, 6))
            self.assertIsNone(matter.recognise_by)
            with self.subTest(item=item), self.assertRaises(ValidationError) as raised:
                actions.recognise(matter, self.ward_a_officer, D(2026, 5, 7))
            self.assertIn("khoản 2 Điều 21", raised.exception.messages[0])

    def test_only_the_ward_in_scope_receives_and_recognises(self):
        matter = decided(self.neighbourhood_a1, Item.HEAD)
        for user in (
            self.neighbourhood_a1_committee,  # lacks democracy.recognise_matter
            self.ward_b_officer,
            self.readonly_leader,
            self.ward_a_women_officer,
        ):
            with self.subTest(user=user.username), self.assertRaises(ValidationError):
                actions.receive_decision(matter, user, D(2026, 5, 6))
        actions.receive_decision(matter, self.ward_a_officer, D(2026, 5, 6))
        with self.assertRaises(ValidationError):
            actions.recognise(matter, self.neighbourhood_a1_committee, D(2026, 5, 7))
        with self.assertRaises(ValidationError):  # before the receipt
            actions.recognise(matter, self.ward_a_officer, D(2026, 5, 5))
        with self.assertRaises(ValidationError):  # received twice
            actions.receive_decision(matter, self.ward_a_officer, D(2026, 5, 7))

    def test_refusal_needs_its_reasons_and_a_failed_vote_is_not_recognised(self):
        matter = decided(self.neighbourhood_a1, Item.HEAD)
        actions.receive_decision(matter, self.ward_a_officer, D(2026, 5, 6))
        with self.assertRaises(ValidationError):
            actions.refuse_recognition(matter, self.ward_a_officer, D(2026, 5, 8), " ")
        actions.refuse_recognition(matter, self.ward_a_officer, D(2026, 5, 8), "Sai quy trình")
        matter.refresh_from_db()
        self.assertEqual(matter.status, Matter.Status.REFUSED)
        self.assertEqual(matter.refusal_reason, "Sai quy trình")
        failed = decided(self.neighbourhood_a1, Item.HEAD, passed=False, yes=10)
        actions.receive_decision(failed, self.ward_a_officer, D(2026, 5, 6))
        with self.assertRaises(ValidationError):
            actions.recognise(failed, self.ward_a_officer, D(2026, 5, 7))

    def test_receipt_before_the_decision_and_of_an_open_matter_is_refused(self):
        with self.assertRaises(ValidationError):
            actions.receive_decision(
                decided(self.neighbourhood_a1, Item.HEAD), self.ward_a_officer, D(2026, 4, 20)
            )
        with self.assertRaises(ValidationError):
            actions.receive_decision(
                make_matter(self.neighbourhood_a1), self.ward_a_officer, D(2026, 5, 6)
            )


class ReviewTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)

    def test_an_annulment_done_annuls_the_decision(self):
        matter = decided(self.neighbourhood_a1, Item.CONTRIBUTION)
        review = actions.create_review(
            self.ward_a_officer,
            matter=matter,
            kind=MatterReview.Kind.ANNUL,
            requested_on=D(2026, 5, 10),
            reason="Mức đóng góp trái luật",
        )
        matter.refresh_from_db()
        self.assertEqual(matter.status, Matter.Status.DECIDED)
        with self.assertRaises(ValidationError):  # resolved without its date
            actions.update_review(review, self.ward_a_officer, outcome=MatterReview.Outcome.DONE)
        actions.update_review(
            review,
            self.ward_a_officer,
            outcome=MatterReview.Outcome.DONE,
            resolved_on=D(2026, 5, 20),
        )
        matter.refresh_from_db()
        self.assertEqual(matter.status, Matter.Status.ANNULLED)
        with self.assertRaises(ValidationError):  # final
            actions.update_review(review, self.ward_a_officer, note="Sửa")

    def test_requests_are_refused_for_open_matters_and_out_of_scope(self):
        fields = {"kind": "amend", "requested_on": D(2026, 5, 10), "reason": "Sai thủ tục"}
        with self.assertRaises(ValidationError):
            actions.create_review(
                self.ward_a_officer, matter=make_matter(self.neighbourhood_a1), **fields
            )
        matter = decided(self.neighbourhood_a1, Item.CONTRIBUTION)
        for user in (self.neighbourhood_a1_committee, self.ward_b_officer, self.readonly_leader):
            with self.subTest(user=user.username), self.assertRaises(ValidationError):
                actions.create_review(user, matter=matter, **fields)
        with self.assertRaises(ValidationError):
            actions.create_review(self.ward_a_officer, matter=matter, **{**fields, "reason": ""})
        self.assertFalse(MatterReview.objects.exists())
