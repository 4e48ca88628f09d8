"""The writes of the disclosure register (design §3.8 example 11): a budget decision
(item 2) of Fri 28/8/2026 is due by Wed 9/9/2026; posted 9/9 it cannot be taken down
before 9/10/2026; items 4 and 13 are never taken down; items 7–12 are flagged until three
consecutive loudspeaker days are logged; posting late is flagged, not refused; the
quarterly list of Q3 holds it."""

import datetime
from unittest import mock

from django.core.exceptions import ValidationError

from dvs.democracy import rules
from dvs.democracy.actions import disclosures as actions
from dvs.democracy.models import Disclosure, LoudspeakerDay
from dvs.testing import BaseTestCase, add_sibling_personas

D = datetime.date


TODAY = D(2026, 12, 1)


def pinned(day=TODAY):
    return mock.patch("dvs.democracy.actions.disclosures._today", return_value=day)


class DisclosureActionTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)

    def budget(self, by=None, unit=None, **fields):
        data = {"item": 2, "title": "Dự toán ngân sách 2027", "decided_on": D(2026, 8, 28)}
        with pinned():
            return actions.create(
                by or self.ward_a_officer, unit=unit or self.ward_a, **{**data, **fields}
            )

    def test_budget_decision_is_due_by_9_9_and_stays_posted_30_days(self):
        disclosure = self.budget()
        self.assertEqual(disclosure.disclose_by, D(2026, 9, 9))
        with pinned():
            actions.post(disclosure, self.ward_a_officer, D(2026, 9, 9))
            self.assertEqual(actions.flags(disclosure, D(2026, 12, 1)), [])
            with self.assertRaises(ValidationError) as refused:
                actions.end_posting(disclosure, self.ward_a_officer, D(2026, 10, 8))
            self.assertIn("09/10/2026", refused.exception.message_dict["posted_to"][0])
            actions.end_posting(disclosure, self.ward_a_officer, D(2026, 10, 9))
        disclosure.refresh_from_db()
        self.assertEqual(disclosure.posted_to, D(2026, 10, 9))
        rows = actions.in_quarter(Disclosure.objects.all(), 2026, 3)
        self.assertEqual(list(rows), [disclosure])
        self.assertFalse(actions.in_quarter(Disclosure.objects.all(), 2026, 4).exists())

    def test_posting_late_is_flagged_not_refused(self):
        disclosure = self.budget()
        self.assertEqual([k for k, _t in actions.flags(disclosure, D(2026, 9, 10))], ["late"])
        self.assertEqual(actions.flags(disclosure, D(2026, 9, 9)), [])
        with pinned():
            actions.post(disclosure, self.ward_a_officer, D(2026, 9, 10))
        flags = actions.flags(disclosure, D(2026, 12, 1))
        self.assertEqual([k for k, _t in flags], ["late"])
        self.assertTrue(Disclosure.objects.filter(actions.late_filter(D(2026, 12, 1))).exists())

    def test_permanent_items_cannot_be_taken_down(self):
        for item in (4, 13):
            disclosure = self.budget(item=item, title=f"Khoản {item}")
            with pinned():
                actions.post(disclosure, self.ward_a_officer, D(2026, 9, 1))
                with self.subTest(item=item), self.assertRaises(ValidationError):
                    actions.end_posting(disclosure, self.ward_a_officer, D(2027, 1, 1))

    def test_loudspeaker_days_for_items_7_to_12(self):
        disclosure = self.budget(item=7, title="Danh sách hộ nghèo")
        self.assertIn("loudspeaker", [k for k, _t in actions.flags(disclosure, D(2026, 9, 1))])
        with pinned():
            for day in (1, 2, 4):
                actions.add_loudspeaker_day(disclosure, self.ward_a_officer, D(2026, 9, day))
            self.assertTrue(actions.loudspeaker_missing(disclosure))  # 1, 2 then a gap
            actions.add_loudspeaker_day(disclosure, self.ward_a_officer, D(2026, 9, 3))
            self.assertFalse(actions.loudspeaker_missing(disclosure))
            with self.assertRaises(ValidationError):  # once per day
                actions.add_loudspeaker_day(disclosure, self.ward_a_officer, D(2026, 9, 3))
            actions.remove_loudspeaker_day(disclosure, self.ward_a_officer, D(2026, 9, 3))
            with self.assertRaises(ValidationError):  # before the decision
                actions.add_loudspeaker_day(disclosure, self.ward_a_officer, D(2026, 8, 27))
        self.assertTrue(actions.loudspeaker_missing(disclosure))
        disclosure.refresh_from_db()
        self.assertTrue(disclosure.on_loudspeaker)

    def test_refusals_outside_the_scope(self):
        for user, unit in (
            (self.ward_a_officer, self.ward_b),
            (self.ward_a_women_officer, self.ward_a),
            (self.readonly_leader, self.ward_a),
            (self.neighbourhood_a1_committee, self.neighbourhood_a1),
        ):
            with self.subTest(user=user.username), self.assertRaises(ValidationError):
                self.budget(by=user, unit=unit)
        disclosure = self.budget(unit=self.neighbourhood_a1)
        with pinned():
            for user in (
                self.ward_b_officer,
                self.readonly_leader,
                self.neighbourhood_a2_committee,
                self.neighbourhood_a1_committee,
            ):
                with self.subTest(user=user.username):
                    with self.assertRaises(ValidationError):
                        actions.post(disclosure, user, D(2026, 9, 1))
                    with self.assertRaises(ValidationError):
                        actions.add_loudspeaker_day(disclosure, user, D(2026, 9, 1))
        disclosure.refresh_from_db()
        self.assertIsNone(disclosure.posted_from)
        self.assertFalse(LoudspeakerDay.objects.exists())

    def test_dates_are_checked(self):
        with self.assertRaises(ValidationError):
            self.budget(decided_on=D(2027, 1, 1))  # in the future
        with self.assertRaises(ValidationError):
            self.budget(item=15)
        disclosure = self.budget()
        with pinned():
            with self.assertRaises(ValidationError):  # before the decision
                actions.post(disclosure, self.ward_a_officer, D(2026, 8, 27))
            with self.assertRaises(ValidationError):  # not posted yet
                actions.end_posting(disclosure, self.ward_a_officer, D(2026, 11, 1))

    def test_update_recomputes_the_due_date(self):
        disclosure = self.budget()
        with pinned():
            actions.update(disclosure, self.ward_a_officer, decided_on=D(2026, 9, 1))
        disclosure.refresh_from_db()
        self.assertEqual(disclosure.disclose_by, rules.disclose_by(D(2026, 9, 1)))
