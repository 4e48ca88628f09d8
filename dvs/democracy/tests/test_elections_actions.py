"""The election of a neighbourhood's head (Decree 59 Art. 6–9): its clocks (design §3.8
example 7), the team that may not hold a candidate, the election after a dismissal, the
result and the ward's recognition."""

import datetime

from django.core.exceptions import ValidationError

from dvs.democracy.actions import elections as actions
from dvs.democracy.models import HeadElection, Item
from dvs.testing import BaseTestCase, add_sibling_personas

from .helpers import make_matter

D = datetime.date


class ElectionActionTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)

    def plan(self, by=None, unit=None, candidates=None, team=None, **fields):
        fields.setdefault("election_on", D(2026, 12, 20))
        return actions.create(
            by or self.neighbourhood_a1_committee,
            unit=unit or self.neighbourhood_a1,
            candidates=candidates if candidates is not None else [{"name": "Nguyễn Văn An"}],
            team=team if team is not None else [{"name": "Lê Thị Bình", "role": "Tổ trưởng"}],
            **fields,
        )

    def test_example_7_clocks(self):
        election = self.plan(
            plan_on=D(2026, 11, 30),
            candidates_on=D(2026, 12, 6),
            team_on=D(2026, 12, 10),
            notice_on=D(2026, 12, 13),
        )
        clock = actions.clock_of(election)
        due = {step.key: step.due_on for step in clock.steps}
        self.assertEqual(
            due,
            {
                "election_plan_by": D(2026, 11, 30),
                "candidates_by": D(2026, 12, 5),
                "election_team_by": D(2026, 12, 10),
                "election_notice_by": D(2026, 12, 13),
            },
        )
        late = {step.key for step in clock.steps if step.late}
        self.assertEqual(late, {"candidates_by"})
        self.assertEqual(len(clock.warnings), 1)
        self.assertIn("05/12/2026", clock.warnings[0])

    def test_a_team_holding_a_candidate_cannot_be_saved(self):
        for name in ("Nguyễn Văn An", "nguyen van  an", "NGUYỄN VĂN AN"):
            with self.subTest(name=name), self.assertRaises(ValidationError) as caught:
                self.plan(team=[{"name": name}])
            self.assertIn("team", caught.exception.message_dict)
        self.assertFalse(HeadElection.objects.exists())

    def test_at_least_one_candidate(self):
        with self.assertRaises(ValidationError) as caught:
            self.plan(candidates=[])
        self.assertIn("candidates", caught.exception.message_dict)

    def test_update_refuses_a_candidate_moved_into_the_team(self):
        election = self.plan()
        with self.assertRaises(ValidationError):
            actions.update(
                election, self.neighbourhood_a1_committee, team=[{"name": "Nguyễn Văn An"}]
            )
        self.assertEqual([m.name for m in election.team.all()], ["Lê Thị Bình"])

    def test_after_a_dismissal_the_election_is_due_within_60_days(self):
        election = self.plan(
            cause=HeadElection.Cause.DISMISSAL,
            dismissal_recognised_on=D(2026, 8, 3),
            interim_head="Trần Văn Tạm",
            election_on=D(2026, 10, 4),
        )
        clock = actions.clock_of(election)
        self.assertEqual(clock.due_by, D(2026, 10, 2))
        # A warning, not a refusal: the ward records the late election as held.
        self.assertTrue(any("02/10/2026" in w for w in clock.warnings))
        on_time = actions.update(
            election, self.neighbourhood_a1_committee, election_on=D(2026, 10, 2)
        )
        self.assertFalse(any("60" in w for w in actions.clock_of(on_time).warnings))

    def test_a_dismissal_needs_its_date_and_the_interim_head(self):
        with self.assertRaises(ValidationError) as caught:
            self.plan(cause=HeadElection.Cause.DISMISSAL)
        self.assertEqual(
            set(caught.exception.message_dict), {"dismissal_recognised_on", "interim_head"}
        )

    def test_a_step_after_the_election_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.plan(notice_on=D(2026, 12, 21))
        self.assertIn("notice_on", caught.exception.message_dict)

    def test_only_in_a_neighbourhood_in_scope(self):
        for user, unit in (
            (self.neighbourhood_a2_committee, self.neighbourhood_a1),
            (self.ward_b_officer, self.neighbourhood_a1),
            (self.ward_a_women_officer, self.neighbourhood_a1),
            (self.readonly_leader, self.neighbourhood_a1),
            (self.ward_a_officer, self.ward_a),  # a ward is not a neighbourhood
        ):
            with self.subTest(user=user.username), self.assertRaises(ValidationError):
                self.plan(by=user, unit=unit)
        self.assertFalse(HeadElection.objects.exists())

    def test_result_and_recognition(self):
        election = self.plan(candidates=[{"name": "Nguyễn Văn An"}, {"name": "Phạm Thị Cúc"}])
        an, cuc = election.candidates.all()
        matter = make_matter(self.neighbourhood_a1, "Bầu tổ trưởng", item=Item.HEAD, households=180)
        election = actions.record_result(
            election,
            self.neighbourhood_a1_committee,
            elected=an.pk,
            votes={an.pk: 120, cuc.pk: 50},
            matter=matter,
        )
        self.assertEqual((election.elected, election.status), ("Nguyễn Văn An", "held"))
        self.assertEqual(election.matter, matter)
        an.refresh_from_db()
        self.assertEqual(an.votes, 120)
        # The neighbourhood committee does not recognise; the ward does.
        with self.assertRaises(ValidationError):
            actions.record_result(
                election,
                self.neighbourhood_a1_committee,
                elected=an.pk,
                recognised_on=D(2026, 12, 22),
            )
        election = actions.record_result(
            election, self.ward_a_officer, elected=an.pk, recognised_on=D(2026, 12, 30)
        )
        self.assertEqual(election.status, "recognised")
        clock = actions.clock_of(election)
        # Recognition within 5 working days of the election day (no receipt recorded).
        self.assertEqual(clock.recognise_by, D(2026, 12, 25))
        self.assertTrue(any("25/12/2026" in w for w in clock.warnings))

    def test_the_elected_is_a_candidate_and_the_matter_is_item_4_of_the_unit(self):
        election = self.plan()
        with self.assertRaises(ValidationError):
            actions.record_result(election, self.ward_a_officer, elected="Người Khác")
        other = make_matter(self.neighbourhood_a1, "Đóng góp", item=Item.CONTRIBUTION)
        elsewhere = make_matter(self.neighbourhood_a2, "Bầu A2", item=Item.HEAD)
        for matter in (other, elsewhere):
            with self.subTest(matter=str(matter)), self.assertRaises(ValidationError):
                actions.record_result(
                    election, self.ward_a_officer, elected="Nguyễn Văn An", matter=matter
                )

    def test_rerun(self):
        election = self.plan()
        election = actions.record_result(election, self.ward_a_officer, rerun=True)
        self.assertEqual((election.status, election.elected), ("rerun", ""))
