"""Conferences: a neighbourhood's annual community conference (once a year, invitations
at least 5 days before) and the ward's dialogue with its residents, and the year's
tracking (those not held flagged)."""

import datetime

from django.core.exceptions import ValidationError

from dvs.democracy.actions import conferences as actions
from dvs.democracy.models import Conference
from dvs.testing import BaseTestCase, add_sibling_personas

D = datetime.date
COMMUNITY, DIALOGUE = Conference.Kind.COMMUNITY, Conference.Kind.DIALOGUE


class ConferenceActionTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)

    def community(self, by=None, unit=None, **fields):
        fields.setdefault("held_on", D(2026, 12, 15))
        return actions.create(
            by or self.neighbourhood_a1_committee,
            unit=unit or self.neighbourhood_a1,
            kind=COMMUNITY,
            year=2026,
            **fields,
        )

    def test_invitations_later_than_5_days_are_flagged(self):
        on_time = self.community(invitation_on=D(2026, 12, 10))
        self.assertEqual(actions.warnings_of(on_time), [])
        late = actions.update(
            on_time, self.neighbourhood_a1_committee, invitation_on=D(2026, 12, 11)
        )
        self.assertIn("10/12/2026", actions.warnings_of(late)[0])

    def test_one_community_conference_a_year_in_a_neighbourhood(self):
        self.community()
        with self.assertRaises(ValidationError):
            self.community(held_on=D(2026, 12, 20))
        with self.assertRaises(ValidationError):
            self.community(by=self.ward_a_officer, unit=self.ward_a)
        with self.assertRaises(ValidationError):
            actions.create(
                self.ward_a_officer, unit=self.neighbourhood_a2, kind=DIALOGUE, year=2026
            )
        with self.assertRaises(ValidationError):
            self.community(unit=self.neighbourhood_a2, held_on=D(2025, 12, 15))
        self.assertEqual(Conference.objects.count(), 1)

    def test_scope(self):
        for user, unit in (
            (self.neighbourhood_a2_committee, self.neighbourhood_a1),
            (self.ward_b_officer, self.neighbourhood_a1),
            (self.ward_a_women_officer, self.neighbourhood_a1),
            (self.readonly_leader, self.neighbourhood_a1),
        ):
            with self.subTest(user=user.username), self.assertRaises(ValidationError):
                self.community(by=user, unit=unit)
        self.assertFalse(Conference.objects.exists())

    def test_tracking_flags_those_not_held(self):
        self.community()
        actions.create(
            self.ward_b_officer, unit=self.ward_b, kind=DIALOGUE, year=2026, held_on=D(2026, 6, 1)
        )
        neighbourhoods, wards = actions.tracking(self.city_leader, 2026)
        held = {row.unit.code: row.held for row in neighbourhoods + wards}
        self.assertEqual(
            held,
            {
                self.neighbourhood_a1.code: True,
                self.neighbourhood_a2.code: False,
                self.neighbourhood_b1.code: False,
                "A": False,
                "B": True,
            },
        )
        neighbourhoods, wards = actions.tracking(self.neighbourhood_a2_committee, 2026)
        self.assertEqual(
            [(r.unit, r.held) for r in neighbourhoods], [(self.neighbourhood_a2, False)]
        )
        self.assertEqual(wards, [])
