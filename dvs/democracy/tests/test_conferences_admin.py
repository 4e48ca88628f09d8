"""The back office of conferences: the form saving through the action, the page's
warning on late invitations, the year's tracking (missing ones flagged, in scope only)
and the work list in December."""

import datetime
from unittest import mock

from django.urls import reverse

from dvs.accounts.dashboard import work_list
from dvs.democracy.models import Conference
from dvs.testing import BaseTestCase, add_sibling_personas

from .helpers import make_conference

D = datetime.date
TODAY = "django.utils.timezone.localdate"


class ConferenceAdminTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)
        cls.held_a1 = make_conference(
            cls.neighbourhood_a1, 2026, held_on=D(2026, 12, 15), invitation_on=D(2026, 12, 13)
        )

    def test_create_through_the_form(self):
        self.login(self.ward_a_officer)
        response = self.client.post(
            reverse("conference:add"),
            {"unit": self.ward_a.pk, "kind": "dialogue", "year": "2026", "held_on": "01/06/2026"},
        )
        self.assertEqual(response.status_code, 302)
        refused = self.client.post(
            reverse("conference:add"),
            {"unit": self.neighbourhood_a1.pk, "kind": "community", "year": "2026"},
        )
        self.assertEqual(refused.status_code, 200)
        self.assertEqual(Conference.objects.count(), 2)

    def test_the_page_flags_late_invitations(self):
        self.login(self.ward_a_officer)
        page = self.client.get(reverse("conference:inspect", args=[self.held_a1.pk]))
        self.assertContains(page, "de-conference-warnings")
        self.assertContains(page, "10/12/2026")

    def test_tracking(self):
        self.login(self.ward_a_officer)
        page = self.client.get(reverse("democracy_conference_tracking"), {"year": 2026})
        html = page.content.decode()
        self.assertIn('data-unit="A1"', html)
        self.assertIn('data-unit="A2"', html)
        self.assertNotIn('data-unit="B1"', html)
        self.assertEqual([r.held for r in page.context["neighbourhoods"]], [True, False])
        self.assertEqual([r.held for r in page.context["wards"]], [False])
        self.login(self.neighbourhood_a2_committee)
        page = self.client.get(reverse("democracy_conference_tracking"), {"year": 2026})
        self.assertNotIn('data-unit="A1"', page.content.decode())

    def test_work_list_in_december(self):
        def notes(day):
            with mock.patch(TODAY, return_value=day):
                sections = work_list(self.ward_a_officer)
            return [
                item.title
                for section in sections
                if section.source.key == "democracy_conferences"
                for item in section.items
            ]

        self.assertEqual(notes(D(2026, 11, 30)), [])
        self.assertEqual(notes(D(2026, 12, 1)), [str(self.neighbourhood_a2)])
