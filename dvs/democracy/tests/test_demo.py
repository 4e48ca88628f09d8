"""The demo grassroots democracy of ward W01, loaded through the actions: matters in every
state (a draft, an initiative, one decided online, one recognised, one decided by a ballot
whose second entry was corrected and sent), a head's election, a recognised charter with
its review, a consultation open on the portal and one published against the majority
with its explanation, disclosures, boards and conferences; seen by the demo accounts."""

import io

from django.test import TestCase

from dvs.accounts import demo as accounts_demo
from dvs.accounts import scope
from dvs.accounts.models import User
from dvs.democracy import demo
from dvs.democracy.actions import consultations
from dvs.democracy.models import (
    Board,
    Charter,
    CharterReview,
    Conference,
    Consultation,
    Disclosure,
    Form,
    HeadElection,
    Matter,
    Opinion,
)
from dvs.people import demo as people_demo
from dvs.units import demo as units_demo


class DemocracyDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        units_demo.load()
        accounts_demo.load()
        people_demo.load()
        out = io.StringIO()
        demo.load(stdout=out)
        cls.out = out.getvalue()

    def test_matters_in_every_state(self):
        self.assertIn("democracy:", self.out)
        states = set(Matter.objects.values_list("status", flat=True))
        self.assertEqual(
            states,
            {
                Matter.Status.DRAFT,
                Matter.Status.OPEN,
                Matter.Status.DECIDED,
                Matter.Status.SENT,
                Matter.Status.RECOGNISED,
                Matter.Status.REFUSED,
            },
        )
        forms = set(Matter.objects.exclude(decided_form="").values_list("decided_form", flat=True))
        self.assertEqual(forms, {Form.MEETING, Form.BALLOT, Form.ONLINE})
        for matter in Matter.objects.exclude(status=Matter.Status.DRAFT):
            self.assertEqual(matter.roll.count(), matter.households)

    def test_the_ballot_s_two_entries_agree_after_the_correction(self):
        matter = Matter.objects.get(decided_form=Form.BALLOT)
        ballot = matter.ballots.get()
        first, second = ballot.entries.order_by("order")
        self.assertNotEqual(first.clerk, second.clerk)
        self.assertEqual(
            (first.returned, first.yes, first.no, first.invalid),
            (second.returned, second.yes, second.no, second.invalid),
        )
        self.assertTrue(ballot.closed)
        self.assertTrue(matter.passed)
        self.assertEqual(matter.status, Matter.Status.SENT)
        refused = Matter.objects.get(status=Matter.Status.REFUSED)
        self.assertEqual(refused.recognised_body, "front")
        self.assertEqual(refused.reviews.count(), 1)
        self.assertEqual(matter.roll.filter(ballot_returned=False).count(), 2)

    def test_the_charter_the_election_the_consultations_and_the_rest(self):
        charter = Charter.objects.get()
        self.assertEqual(charter.status, Charter.Status.RECOGNISED)
        self.assertEqual(CharterReview.objects.filter(charter=charter).count(), 1)
        self.assertEqual(HeadElection.objects.get().candidates.count(), 2)
        open_ones = consultations.portal_open(Consultation.objects.all())
        self.assertEqual(open_ones.count(), 1)
        published = Consultation.objects.get(status=Consultation.Status.PUBLISHED)
        self.assertTrue(published.against_majority and published.explanation)
        self.assertEqual(Opinion.objects.count(), 4)
        self.assertEqual(Disclosure.objects.count(), 3)
        self.assertEqual(set(Board.objects.values_list("kind", flat=True)), set(Board.Kind.values))
        self.assertEqual(Conference.objects.count(), 3)

    def test_who_sees_it(self):
        def visible(username, model):
            return scope.scoped(User.objects.get(username=username), model).count()

        self.assertEqual(visible("khoidanvan01", Matter), Matter.objects.count())
        self.assertEqual(visible("khupho0101", Matter), 1)  # W01K01 decided one by ballot
        self.assertEqual(visible("khupho0101", Board), 0)
        self.assertEqual(visible("khoidanvan02", Matter), 0)
        self.assertEqual(visible("phunu01", Matter), 0)
        self.assertEqual(visible("xemlanhdao", Consultation), 2)
