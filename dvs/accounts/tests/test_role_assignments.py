from django.urls import reverse

from dvs.accounts.models import RoleAssignment
from dvs.accounts.roles import Role
from dvs.testing import BaseTestCase


class AssignRoleTests(BaseTestCase):
    def post(self, assigner, **data):
        self.login(assigner)
        return self.client.post(reverse("roleassignment:add"), data)

    def test_ward_leader_assigns_a_role_inside_the_ward(self):
        response = self.post(
            self.ward_a_leader,
            user=self.citizen.pk,
            role=Role.READONLY_LEADER,
            unit=self.neighbourhood_a1.pk,
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(
            RoleAssignment.objects.filter(user=self.citizen, unit=self.neighbourhood_a1).exists()
        )

    def test_a_leader_cannot_hand_out_access_to_protected_data_they_do_not_have(self):
        response = self.post(
            self.ward_a_leader,
            user=self.citizen.pk,
            role=Role.NEIGHBOURHOOD_COMMITTEE,
            unit=self.neighbourhood_a1.pk,
        )
        self.assertContains(
            response, "Bạn không thể giao vai trò có quyền rộng hơn quyền của mình."
        )
        self.assertFalse(RoleAssignment.objects.filter(user=self.citizen).exists())

    def test_assignment_outside_the_assigners_scope_is_refused(self):
        response = self.post(
            self.ward_a_leader,
            user=self.citizen.pk,
            role=Role.NEIGHBOURHOOD_COMMITTEE,
            unit=self.ward_b.pk,
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Hãy chọn một lựa chọn hợp lệ")
        self.assertFalse(RoleAssignment.objects.filter(user=self.citizen).exists())

    def test_a_role_wider_than_the_assigners_own_is_refused(self):
        response = self.post(
            self.ward_a_leader, user=self.citizen.pk, role=Role.SYSTEM_ADMIN, unit=self.ward_a.pk
        )
        self.assertContains(
            response, "Bạn không thể giao vai trò có quyền rộng hơn quyền của mình."
        )
        self.assertFalse(RoleAssignment.objects.filter(user=self.citizen).exists())

    def test_end_before_start_is_refused(self):
        response = self.post(
            self.ward_a_leader,
            user=self.citizen.pk,
            role=Role.NEIGHBOURHOOD_COMMITTEE,
            unit=self.neighbourhood_a1.pk,
            starts_on="10/01/2025",
            ends_on="01/01/2025",
        )
        self.assertContains(response, "Ngày kết thúc phải sau ngày bắt đầu.")
        self.assertFalse(RoleAssignment.objects.filter(user=self.citizen).exists())

    def test_ward_officer_without_the_permission_cannot_open_the_form(self):
        self.login(self.ward_a_officer)
        response = self.client.get(reverse("roleassignment:add"))
        self.assertEqual(response.status_code, 302)
