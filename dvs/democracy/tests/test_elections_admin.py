"""The back office of elections: the form with its candidates and team inline (a team
holding a candidate is refused on the form, nothing saved), the page with its clocks and
late steps flagged, the result form (recognition only for the ward), the listing and its
exports in scope, and the work list's steps due."""

import datetime
from unittest import mock

from django.urls import reverse

from dvs.accounts.dashboard import work_list
from dvs.democracy.models import Candidate, HeadElection
from dvs.testing import BaseTestCase, add_sibling_personas

from .helpers import make_election

D = datetime.date
TODAY = "django.utils.timezone.localdate"


def people(prefix, names, extra=None):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(names)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, name in enumerate(names):
        data[f"{prefix}-{index}-name"] = name
        data[f"{prefix}-{index}-id"] = ""
        data[f"{prefix}-{index}-DELETE"] = ""
        for key, value in (extra or {}).items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


class ElectionAdminTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)
        cls.election_a1 = make_election(
            cls.neighbourhood_a1, plan_on=D(2026, 12, 1), interim_head="Tạm A1"
        )
        Candidate.objects.create(election=cls.election_a1, name="Nguyễn Văn An")
        cls.election_b1 = make_election(cls.neighbourhood_b1, interim_head="Tạm B1")

    def form(self, team=("Trần Thị Em",), **fields):
        data = {
            "unit": self.neighbourhood_a1.pk,
            "cause": "term",
            "election_on": "20/12/2026",
            "plan_on": "30/11/2026",
            "note": "",
            **people("candidates", ["Phạm Thị Cúc"]),
            **people("team", list(team), {"role": ""}),
        }
        data.update(fields)
        return data

    def test_create_with_candidates_and_team(self):
        self.login(self.neighbourhood_a1_committee)
        response = self.client.post(reverse("headelection:add"), self.form())
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        election = HeadElection.objects.latest("id")
        self.assertEqual([c.name for c in election.candidates.all()], ["Phạm Thị Cúc"])
        self.assertEqual([m.name for m in election.team.all()], ["Trần Thị Em"])
        page = self.client.get(reverse("headelection:inspect", args=[election.pk]))
        self.assertContains(page, "05/12/2026")  # candidates by
        self.assertContains(page, "13/12/2026")  # notice by

    def test_a_team_holding_a_candidate_is_refused_on_the_form(self):
        self.login(self.neighbourhood_a1_committee)
        before = HeadElection.objects.count()
        response = self.client.post(reverse("headelection:add"), self.form(team=["pham thi cuc"]))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(HeadElection.objects.count(), before)
        self.assertContains(response, "pham thi cuc")

    def test_the_page_flags_late_steps(self):
        self.login(self.ward_a_officer)
        page = self.client.get(reverse("headelection:inspect", args=[self.election_a1.pk]))
        html = page.content.decode()
        self.assertIn("30/11/2026", html)
        self.assertIn('id="de-warnings"', html)
        self.assertIn("dvs-de-late", html)

    def test_recognition_is_the_wards(self):
        url = reverse("democracy_election_result", args=[self.election_a1.pk])
        candidate = Candidate.objects.get(election=self.election_a1)
        self.login(self.neighbourhood_a1_committee)
        form = self.client.get(url)
        self.assertNotIn("recognised_on", form.context["form"].fields)
        self.client.post(url, {"elected": candidate.pk, f"votes_{candidate.pk}": "90"})
        self.election_a1.refresh_from_db()
        self.assertEqual(self.election_a1.status, "held")
        self.login(self.ward_a_officer)
        self.client.post(url, {"elected": candidate.pk, "recognised_on": "22/12/2026"})
        self.election_a1.refresh_from_db()
        self.assertEqual(
            (self.election_a1.status, self.election_a1.recognised_on),
            ("recognised", D(2026, 12, 22)),
        )

    def test_other_scopes_do_not_reach_it(self):
        url = reverse("democracy_election_result", args=[self.election_a1.pk])
        for user in (
            self.ward_b_officer,
            self.neighbourhood_a2_committee,
            self.ward_a_women_officer,
        ):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertIn(self.client.get(url).status_code, (302, 403, 404))
                index = self.client.get(reverse("headelection:index"))
                if index.status_code == 200:
                    self.assertNotIn(
                        self.election_a1.pk, [o.pk for o in index.context["object_list"]]
                    )
        self.login(self.readonly_leader)
        self.assertEqual(
            self.client.get(
                reverse("headelection:inspect", args=[self.election_a1.pk])
            ).status_code,
            200,
        )
        self.assertIn(self.client.post(url, {"rerun": "on"}).status_code, (302, 403, 404))
        self.election_a1.refresh_from_db()
        self.assertEqual(self.election_a1.status, "planned")

    def test_export_is_scoped(self):
        self.login(self.ward_a_officer)
        response = self.client.get(reverse("headelection:index"), {"export": "csv"})
        content = b"".join(response.streaming_content).decode()
        self.assertIn(str(self.election_a1), content)
        self.assertNotIn(str(self.election_b1), content)

    def test_work_list_shows_steps_due(self):
        with mock.patch(TODAY, return_value=D(2026, 12, 4)):
            sections = work_list(self.neighbourhood_a1_committee)
        items = [
            item
            for section in sections
            if section.source.key == "democracy_elections"
            for item in section.items
        ]
        notes = sorted(item.note for item in items)
        self.assertEqual(len(notes), 1, notes)  # candidates by 05/12 (the plan is done)
        self.assertIn("05/12/2026", notes[0])
