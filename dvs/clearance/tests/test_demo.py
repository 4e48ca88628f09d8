"""The demo land clearance: two routes shaped like the article's, parties at every step,
visits, obstacles tied to complaint cases, silent wards; seen by the demo accounts."""

import io

from django.test import TestCase

from dvs.accounts import demo as accounts_demo
from dvs.accounts import scope
from dvs.accounts.models import User
from dvs.cases import demo as cases_demo
from dvs.clearance import demo
from dvs.clearance.models import (
    AdvocacyVisit,
    AffectedParty,
    Milestone,
    MilestoneKind,
    Obstacle,
    Project,
    Segment,
    Stage,
)
from dvs.units import demo as units_demo


class ClearanceDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        units_demo.load()
        accounts_demo.load()
        cases_demo.load()
        cls.out = io.StringIO()
        demo.load(stdout=cls.out)

    def test_two_routes_cross_several_wards_with_a_few_hundred_parties(self):
        codes = {p.code: p for p in Project.objects.all()}
        self.assertEqual(set(codes), {"VD4-2026-001", "DT295C-2026-001"})
        self.assertEqual(codes["VD4-2026-001"].segments.count(), 5)
        self.assertEqual(codes["DT295C-2026-001"].segments.count(), 3)
        self.assertTrue(200 <= AffectedParty.objects.count() <= 400)
        self.assertIn("clearance:", self.out.getvalue())

    def test_parties_are_at_every_step_with_clocks_worth_showing(self):
        self.assertEqual(
            set(AffectedParty.objects.values_list("stage", flat=True)),
            {Stage.INVENTORIED, Stage.IN_PROGRESS, Stage.AWAITING_HANDOVER, Stage.COMPLETED},
        )
        self.assertTrue(
            Milestone.objects.filter(kind=MilestoneKind.OPINION_MEETING, disagree__gt=0).exists()
        )
        self.assertTrue(Milestone.objects.filter(kind=MilestoneKind.DIALOGUE).exists())
        notices = Milestone.objects.filter(kind=MilestoneKind.NOTICE, party__isnull=True)
        self.assertEqual({m.on.year for m in notices}, {2026})
        late = 0
        for paid in Milestone.objects.filter(kind=MilestoneKind.PAID).select_related("party"):
            approved = paid.party.milestones.get(kind=MilestoneKind.PLAN_APPROVED)
            late += (paid.on - approved.on).days > 30
        self.assertGreater(late, 0)

    def test_visits_obstacles_and_the_needs_dialogue_list_are_filled(self):
        self.assertGreater(AdvocacyVisit.objects.count(), 200)
        officer = User.objects.get(username="khoidanvan01")
        self.assertTrue(AdvocacyVisit.objects.filter(visitors=officer).exists())
        self.assertTrue(AdvocacyVisit.objects.filter(organisations__isnull=False).exists())
        self.assertGreater(AffectedParty.objects.needs_dialogue().count(), 0)
        self.assertGreater(Obstacle.objects.open().count(), 0)
        self.assertTrue(Obstacle.objects.filter(resolved_on__isnull=False).exists())
        self.assertTrue(Obstacle.objects.filter(case__isnull=False).exists())

    def test_one_ward_of_each_route_has_sent_nothing(self):
        silent = Segment.objects.filter(parties__isnull=True, last_reported_at__isnull=True)
        self.assertEqual(set(silent.values_list("ward__code", flat=True)), {"W05", "W08"})
        for segment in Segment.objects.all():
            self.assertTrue(segment.working_organisations.exists())

    def test_a_few_parties_carry_sensitive_flags(self):
        flagged = AffectedParty.objects.exclude(sensitive_encrypted="")
        self.assertTrue(0 < flagged.count() < 40)

    def test_khoidanvan01_sees_the_parties_of_ward_w01_only(self):
        officer = User.objects.get(username="khoidanvan01")
        seen = scope.scoped(officer, AffectedParty)
        self.assertGreater(seen.count(), 50)
        self.assertEqual(set(seen.values_list("segment__ward__code", flat=True)), {"W01"})
        self.assertEqual(
            list(Project.objects.visible_to(officer).values_list("code", flat=True)),
            ["VD4-2026-001"],
        )

    def test_the_demo_is_the_same_each_time(self):
        names = list(AffectedParty.objects.order_by("pk").values_list("name", flat=True)[:20])
        Project.objects.all().delete()
        demo.load()
        again = list(AffectedParty.objects.order_by("pk").values_list("name", flat=True)[:20])
        self.assertEqual(names, again)
