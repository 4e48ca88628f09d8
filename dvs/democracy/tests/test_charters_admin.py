"""The back office of charters: the form, the lifecycle steps on the charter's page (the
neighbourhood committee posts the draft; recognition is refused to it and done by the
ward), the reviews due, the yearly counts and their XLSX (opened with openpyxl), and the
scoped listing and export."""

import datetime
import io
from unittest import mock

import openpyxl
from django.urls import reverse

from dvs.democracy.models import Charter, CharterReview
from dvs.testing import BaseTestCase, add_sibling_personas

from .helpers import make_charter

D = datetime.date
TODAY = "django.utils.timezone.localdate"


class CharterAdminTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)
        cls.charter_a1 = make_charter(cls.neighbourhood_a1, "Quy ước A1")
        cls.charter_b1 = make_charter(cls.neighbourhood_b1, "Quy ước B1")
        cls.submitted = make_charter(
            cls.neighbourhood_a1,
            "Hương ước đã gửi",
            status="submitted",
            adopted_on=D(2026, 11, 2),
            dossier_on=D(2026, 11, 6),
        )

    def setUp(self):
        patcher = mock.patch(TODAY, return_value=D(2026, 12, 31))
        patcher.start()
        self.addCleanup(patcher.stop)

    def step(self, charter, step, data=None):
        return self.client.post(
            reverse("democracy_charter_step", args=[charter.pk, step]), data or {}
        )

    def test_create_through_the_form(self):
        self.login(self.neighbourhood_a1_committee)
        response = self.client.post(
            reverse("charter:add"),
            {"unit": self.neighbourhood_a1.pk, "kind": "quy_uoc", "title": "Quy ước mới"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Charter.objects.filter(title="Quy ước mới").exists())
        refused = self.client.post(
            reverse("charter:add"),
            {"unit": self.neighbourhood_a2.pk, "kind": "quy_uoc", "title": "Quy ước A2"},
        )
        self.assertEqual(refused.status_code, 200)
        self.assertFalse(Charter.objects.filter(title="Quy ước A2").exists())

    def test_post_the_draft_and_see_the_vote_date(self):
        self.login(self.neighbourhood_a1_committee)
        response = self.step(self.charter_a1, "post", {"on": "01/10/2026"})
        self.assertEqual(response.status_code, 302)
        page = self.client.get(reverse("charter:inspect", args=[self.charter_a1.pk]))
        self.assertContains(page, "31/10/2026")

    def test_recognition_is_refused_to_the_neighbourhood_committee(self):
        self.login(self.neighbourhood_a1_committee)
        page = self.client.get(reverse("charter:inspect", args=[self.submitted.pk]))
        self.assertNotContains(page, 'id="de-step-recognise"')
        response = self.step(self.submitted, "recognise", {"on": "10/11/2026"})
        self.assertEqual(response.status_code, 200)
        self.submitted.refresh_from_db()
        self.assertEqual(self.submitted.status, "submitted")
        self.login(self.ward_a_officer)
        page = self.client.get(reverse("charter:inspect", args=[self.submitted.pk]))
        self.assertContains(page, 'id="de-step-recognise"')
        self.assertEqual(
            self.step(self.submitted, "recognise", {"on": "10/11/2026"}).status_code, 302
        )
        self.submitted.refresh_from_db()
        self.assertEqual(self.submitted.status, "recognised")
        self.assertTrue(CharterReview.objects.filter(charter=self.submitted, year=2026).exists())
        reviews = self.client.get(reverse("democracy_charter_reviews"))
        self.assertContains(reviews, "Hương ước đã gửi")
        self.assertContains(reviews, "18/11/2026")

    def test_other_scopes_do_not_reach_it(self):
        for user in (
            self.ward_b_officer,
            self.neighbourhood_a2_committee,
            self.ward_a_women_officer,
        ):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.step(self.charter_a1, "post", {"on": "01/10/2026"})
                self.assertIn(response.status_code, (302, 403, 404))
        self.login(self.readonly_leader)
        self.assertEqual(
            self.client.get(reverse("charter:inspect", args=[self.charter_a1.pk])).status_code, 200
        )
        self.assertIn(
            self.step(self.charter_a1, "post", {"on": "01/10/2026"}).status_code, (302, 403, 404)
        )
        self.charter_a1.refresh_from_db()
        self.assertIsNone(self.charter_a1.draft_posted_on)

    def test_counts_and_their_xlsx(self):
        Charter.objects.filter(pk=self.charter_a1.pk).update(
            status="recognised", recognised_on=D(2026, 3, 1), status_on=D(2026, 3, 1)
        )
        Charter.objects.filter(pk=self.charter_b1.pk).update(
            status="suspended", recognised_on=D(2025, 3, 1), status_on=D(2026, 4, 1)
        )
        self.login(self.city_leader)
        page = self.client.get(reverse("democracy_charter_counts"), {"year": 2026})
        self.assertEqual(page.status_code, 200)
        self.assertEqual(page.context["total"].values(), [1, 0, 0, 1, 0])
        response = self.client.get(
            reverse("democracy_charter_counts"), {"year": 2026, "format": "xlsx"}
        )
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        rows = list(book.active.iter_rows(values_only=True))
        self.assertEqual(rows[1], ("Phường An Bình", 1, 0, 0, 0, 0))
        self.assertEqual(rows[2], ("Phường Bình Minh", 0, 0, 0, 1, 0))
        self.assertEqual(rows[3][1:], (1, 0, 0, 1, 0))
        self.login(self.ward_a_officer)
        response = self.client.get(
            reverse("democracy_charter_counts"), {"year": 2026, "format": "xlsx"}
        )
        rows = list(
            openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
        )
        self.assertEqual([row[0] for row in rows[1:-1]], ["Phường An Bình"])

    def test_export_is_scoped(self):
        self.login(self.ward_a_officer)
        response = self.client.get(reverse("charter:index"), {"export": "xlsx"})
        self.assertEqual(response.status_code, 200)
        response = self.client.get(reverse("charter:index"), {"export": "csv"})
        content = b"".join(response.streaming_content).decode()
        self.assertIn("Quy ước A1", content)
        self.assertNotIn("Quy ước B1", content)
