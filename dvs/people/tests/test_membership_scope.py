"""An organisation-limited grant sees its own organisation's memberships only, in the
back office and the API alike (issue 11, hole 7)."""

from django.urls import reverse

from dvs.people.models import Membership
from dvs.people.tests.helpers import add_person
from dvs.testing import BaseTestCase


class OrganisationMembershipScopeTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.hoa = add_person(cls.neighbourhood_a1, "Trần Thị Hoa", sex="female")
        cls.nam = add_person(cls.neighbourhood_a1, "Lý Văn Nam")
        Membership.objects.create(person=cls.hoa, organisation=cls.ward_a_women)
        Membership.objects.create(person=cls.hoa, organisation=cls.ward_a_front)
        Membership.objects.create(person=cls.nam, organisation=cls.ward_a_front)

    def names(self, response):
        return [item["full_name"] for item in response.json()["items"]]

    def test_the_womens_union_officer_cannot_list_the_front_s_members_through_the_api(self):
        response = self.api_get(
            "/people", self.ward_a_women_officer, organisation=self.ward_a_front.pk
        )
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Lý Văn Nam", response.content.decode())

    def test_the_womens_union_officer_lists_her_own_members_through_the_api(self):
        response = self.api_get(
            "/people", self.ward_a_women_officer, organisation=self.ward_a_women.pk
        )
        self.assertEqual(self.names(response), ["Trần Thị Hoa"])

    def test_the_ward_officer_still_lists_the_front_s_members(self):
        response = self.api_get("/people", self.ward_a_officer, organisation=self.ward_a_front.pk)
        self.assertEqual(self.names(response), ["Trần Thị Hoa", "Lý Văn Nam"])

    def test_hoa_s_page_shows_the_womens_union_officer_only_her_union_in_admin_and_api(self):
        self.login(self.ward_a_women_officer)
        page = self.client.get(reverse("person:inspect", args=[self.hoa.pk]))
        self.assertEqual([m.organisation for m in page.context["memberships"]], [self.ward_a_women])
        self.assertNotContains(page, self.ward_a_front.name)
        detail = self.api_get(f"/people/{self.hoa.pk}", self.ward_a_women_officer).json()
        self.assertEqual([m["organisation"] for m in detail["memberships"]], [self.ward_a_women.pk])

    def test_hoa_s_page_shows_the_ward_officer_both_memberships_in_admin_and_api(self):
        self.login(self.ward_a_officer)
        page = self.client.get(reverse("person:inspect", args=[self.hoa.pk]))
        shown = [m.organisation.pk for m in page.context["memberships"]]
        detail = self.api_get(f"/people/{self.hoa.pk}", self.ward_a_officer).json()
        self.assertEqual(shown, [m["organisation"] for m in detail["memberships"]])
        self.assertCountEqual(shown, [self.ward_a_women.pk, self.ward_a_front.pk])

    def test_the_admin_filter_offers_the_womens_union_officer_only_her_union(self):
        self.login(self.ward_a_women_officer)
        listing = self.client.get(reverse("person:index"), {"organisation": self.ward_a_women.pk})
        self.assertEqual([p.full_name for p in listing.context["object_list"]], ["Trần Thị Hoa"])
        choices = listing.context["filters"].filters["organisation"].queryset
        self.assertEqual(list(choices), [self.ward_a_women])
