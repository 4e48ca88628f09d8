from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.users.models import UserProfile

from dvs.testing import BaseTestCase
from dvs.units.models import Term, Unit


class UnitAdminTests(BaseTestCase):
    def test_city_leader_cannot_add_units_but_an_administrator_places_one_in_the_tree(self):
        self.login(self.admin)
        response = self.client.post(
            reverse("unit:add"),
            {"parent": self.ward_b.pk, "code": "B2", "name": "Khu phố 2", "level": "neighbourhood"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Unit.objects.get(code="B2").get_parent(), self.ward_b)

    def test_duplicate_code_gets_a_vietnamese_message_and_nothing_is_saved(self):
        self.login(self.admin)
        response = self.client.post(
            reverse("unit:add"),
            {"parent": self.ward_b.pk, "code": "A1", "name": "Trùng", "level": "neighbourhood"},
        )
        self.assertContains(response, "đã tồn tại")
        self.assertFalse(Unit.objects.filter(name="Trùng").exists())

    def test_moving_a_unit_under_its_descendant_is_refused_in_the_form(self):
        self.login(self.admin)
        response = self.client.post(
            reverse("unit:edit", args=[self.ward_a.pk]),
            {
                "parent": self.neighbourhood_a1.pk,
                "code": "A",
                "name": "Phường An Bình",
                "level": "commune",
            },
        )
        self.assertContains(response, "Không thể chuyển đơn vị vào chính nó")
        self.assertEqual(Unit.objects.get(code="A").get_parent(), self.city)

    def test_moving_a_unit_in_the_form_carries_its_subtree(self):
        self.login(self.admin)
        self.client.post(
            reverse("unit:edit", args=[self.neighbourhood_a2.pk]),
            {"parent": self.ward_b.pk, "code": "A2", "name": "Khu phố 2", "level": "neighbourhood"},
        )
        self.assertEqual(Unit.objects.get(code="A2").get_parent(), self.ward_b)
        self.assertEqual(Unit.find_problems(), ([], [], [], [], []))

    def test_listing_shows_each_units_parent_in_constant_queries(self):
        self.login(self.city_leader)
        self.client.get(reverse("unit:index"))
        # 13: one reads whether the grants oversee units below (the menu: viewsets.may_use).
        with self.assertNumQueries(13):
            response = self.client.get(reverse("unit:index"))
        self.assertContains(response, "Phường Bình Minh")  # parent of B1


class TermAdminTests(BaseTestCase):
    def test_term_ending_before_it_starts_is_refused_with_its_leaders(self):
        self.login(self.ward_a_officer)
        response = self.client.post(
            reverse("term:add"),
            {
                "organisation": self.ward_a_women.pk,
                "name": "2026–2021",
                "starts_on": "01/06/2026",
                "ends_on": "01/06/2021",
                "leaders-TOTAL_FORMS": "1",
                "leaders-INITIAL_FORMS": "0",
                "leaders-MIN_NUM_FORMS": "0",
                "leaders-MAX_NUM_FORMS": "1000",
                "leaders-0-full_name": "Nguyễn Thị Hoa",
                "leaders-0-position": "Chủ tịch",
                "leaders-0-sort_order": "0",
                "leaders-0-ORDER": "1",
            },
        )
        self.assertContains(response, "Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.")
        self.assertFalse(Term.objects.filter(name="2026–2021").exists())

    def test_a_term_is_opened_for_an_organisation_in_scope_only(self):
        self.login(self.ward_a_officer)
        response = self.client.post(
            reverse("term:add"),
            {
                "organisation": self.ward_b_front.pk,
                "name": "2026–2031",
                "starts_on": "01/06/2026",
                "leaders-TOTAL_FORMS": "0",
                "leaders-INITIAL_FORMS": "0",
                "leaders-MIN_NUM_FORMS": "0",
                "leaders-MAX_NUM_FORMS": "1000",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Term.objects.filter(name="2026–2031").exists())


class LanguageTests(BaseTestCase):
    def test_a_user_can_switch_the_back_office_to_english(self):
        profile = UserProfile.get_for_user(self.ward_a_officer)
        self.login(self.ward_a_officer)
        self.assertContains(self.client.get(reverse("unit:index")), "Đơn vị hành chính")
        profile.preferred_language = "en"
        profile.save()
        self.assertContains(self.client.get(reverse("unit:index")), "Administrative units")


class ListingQueriesTests(BaseTestCase):
    """Each page costs the same queries however many rows it shows (related rows joined)."""

    def test_organisation_and_term_listings_cost_the_same_queries_for_more_rows(self):
        from dvs.units.models import Organisation

        self.login(self.city_leader)
        for name in ("organisation:index", "term:index"):
            self.client.get(reverse(name))
            with CaptureQueriesContext(connection) as first:
                self.client.get(reverse(name))
            for n in range(10):
                organisation = Organisation.objects.create(
                    kind=self.women_kind,
                    unit=self.ward_b,
                    name=f"Chi hội {name} {n}",
                    parent=self.ward_b_front,
                )
                Term.objects.create(
                    organisation=organisation, name="2024–2029", starts_on="2024-01-01"
                )
            with self.subTest(listing=name), self.assertNumQueries(len(first.captured_queries)):
                self.client.get(reverse(name))
