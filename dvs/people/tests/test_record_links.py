"""Every row of a list opens its record, and related records link both ways: a resident
and their household and memberships, a directive and its tasks, an organisation and its
unit."""

from django.urls import reverse

from dvs.people.models import Household, Membership
from dvs.people.tests.helpers import add_person
from dvs.testing import BaseTestCase


class RecordLinkTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.household = Household.objects.create(unit=cls.neighbourhood_a1, address="Số 5 ngõ 2")
        cls.person = add_person(cls.neighbourhood_a1, "Trần Thị Mai", sex="female")
        cls.person.household = cls.household
        cls.person.save()
        cls.membership = Membership.objects.create(
            person=cls.person, organisation=cls.ward_a_women, joined_on="2020-03-08"
        )
        cls.other = add_person(cls.neighbourhood_b1, "Lê Văn Bình")

    def test_a_resident_row_opens_the_resident(self):
        self.login(self.ward_a_officer)
        response = self.client.get(reverse("person:index"))
        self.assertContains(response, reverse("person:edit", args=[self.person.pk]))
        self.assertNotContains(response, reverse("person:edit", args=[self.other.pk]))
        # One who only reads gets the resident's page.
        self.login(self.readonly_leader)
        response = self.client.get(reverse("person:index"))
        self.assertContains(response, reverse("person:inspect", args=[self.person.pk]))

    def test_resident_household_and_membership_link_both_ways(self):
        self.login(self.ward_a_officer)
        page = self.client.get(reverse("person:inspect", args=[self.person.pk]))
        self.assertContains(page, reverse("household:inspect", args=[self.household.pk]))
        self.assertContains(page, reverse("membership:inspect", args=[self.membership.pk]))
        household = self.client.get(reverse("household:inspect", args=[self.household.pk]))
        self.assertContains(household, "Thành viên hộ gia đình")
        self.assertContains(household, reverse("person:inspect", args=[self.person.pk]))
        membership = self.client.get(reverse("membership:inspect", args=[self.membership.pk]))
        self.assertContains(membership, reverse("person:inspect", args=[self.person.pk]))
        self.assertContains(
            membership, reverse("organisation:inspect", args=[self.ward_a_women.pk])
        )

    def test_organisation_and_unit_link_both_ways(self):
        self.login(self.ward_a_officer)
        organisation = self.client.get(reverse("organisation:inspect", args=[self.ward_a_women.pk]))
        self.assertContains(organisation, reverse("unit:inspect", args=[self.ward_a.pk]))
        self.assertContains(organisation, reverse("membership:inspect", args=[self.membership.pk]))
        unit = self.client.get(reverse("unit:inspect", args=[self.ward_a.pk]))
        self.assertContains(unit, reverse("organisation:inspect", args=[self.ward_a_women.pk]))
        # A link to a row out of the user's scope is not given (it would not open).
        self.login(self.ward_b_officer)
        city = self.client.get(reverse("unit:inspect", args=[self.ward_b.pk]))
        self.assertNotContains(city, reverse("unit:inspect", args=[self.city.pk]))

    def test_directive_and_task_link_both_ways(self):
        from dvs.planning.models import Task
        from dvs.planning.tests.helpers import make_directive, make_task

        directive = make_directive(self.city)
        task = make_task(self.city_specialist, self.city, [self.ward_a], directive=directive)
        self.assertEqual(Task.objects.get(pk=task.pk).directive, directive)
        self.login(self.ward_a_officer)
        page = self.client.get(reverse("task:inspect", args=[task.pk]))
        self.assertContains(page, reverse("directive:inspect", args=[directive.pk]))
        page = self.client.get(reverse("directive:inspect", args=[directive.pk]))
        self.assertContains(page, reverse("task:inspect", args=[task.pk]))
