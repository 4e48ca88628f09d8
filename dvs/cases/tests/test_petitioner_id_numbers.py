"""A petitioner's ID number (CCCD) follows the residents' rule: only roles that may see
residents' protected data over the case's unit, and the case's handler, see it, and
every view is logged; the others see the petitioner without it, in the admin and the
API alike."""

import datetime

from django.urls import reverse

from dvs.accounts.models import AuditEntry
from dvs.cases import workflow
from dvs.cases.tests.helpers import receive
from dvs.testing import BaseTestCase

CCCD = "001203004005"


class PetitionerIdNumberTests(BaseTestCase):
    def setUp(self):
        # Passed on by the women's union, whose officer sees the cases it passes on only.
        self.case = receive(
            self.neighbourhood_a1,
            petitioners=[{"name": "Lê Thị Khiếu", "address": "Số 7 ngõ 9", "id_number": CCCD}],
            received_on=datetime.date(2026, 3, 2),
            channel="front",
            organisation=self.ward_a_women,
        )

    def views(self, user):
        """The petitioners as the API and the admin show them to `user`."""
        api = self.api_get(f"/cases/{self.case.pk}/petitioners", user)
        self.login(user)
        page = self.client.get(reverse("cases_identity", args=[self.case.pk]))
        self.assertEqual((api.status_code, page.status_code), (200, 200))
        return api.json(), page.content.decode()

    def logged(self, user):
        return AuditEntry.objects.filter(
            action="dvs.reveal", object_id=str(self.case.pk), user=user
        ).count()

    def test_the_read_only_leader_and_the_womens_union_officer_see_no_id_number(self):
        for user in (self.readonly_leader, self.ward_a_women_officer):
            with self.subTest(user=user.username):
                api, page = self.views(user)
                self.assertEqual(api[0]["name"], "Lê Thị Khiếu")
                self.assertNotIn("id_number", api[0])
                self.assertIn("Lê Thị Khiếu", page)
                self.assertNotIn(CCCD, page)
        self.assertFalse(AuditEntry.objects.filter(action="dvs.reveal").exists())

    def test_the_ward_officer_of_the_cases_ward_sees_it_and_each_view_is_logged(self):
        api, page = self.views(self.ward_a_officer)
        self.assertEqual(api[0]["id_number"], CCCD)
        self.assertIn(CCCD, page)
        self.assertEqual(self.logged(self.ward_a_officer), 2)
        entry = AuditEntry.objects.filter(action="dvs.reveal").first()
        self.assertEqual(entry.data["fields"], ["id_number"])
        self.assertNotIn(CCCD, str(entry.data))

    def test_another_wards_officer_sees_nothing(self):
        response = self.api_get(f"/cases/{self.case.pk}/petitioners", self.ward_b_officer)
        self.assertEqual(response.status_code, 404)

    def test_the_handler_sees_it_once_assigned_and_each_view_is_logged(self):
        api, page = self.views(self.ward_a_reception_officer)
        self.assertNotIn("id_number", api[0])
        self.assertNotIn(CCCD, page)
        self.assertEqual(self.logged(self.ward_a_reception_officer), 0)

        workflow.assign(self.case, by=self.ward_a_leader, handler=self.ward_a_reception_officer)
        api, page = self.views(self.ward_a_reception_officer)
        self.assertEqual(api[0]["id_number"], CCCD)
        self.assertIn(CCCD, page)
        self.assertEqual(self.logged(self.ward_a_reception_officer), 2)
