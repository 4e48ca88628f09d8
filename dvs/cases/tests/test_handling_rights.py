"""Editing and handling a case are the handler's and the board's: a ward bloc officer,
whose own ward may be the subject of a denunciation, reads it and nothing more. The
admin and the API give the same answer, because each step checks `by` itself."""

import datetime

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dvs.cases import workflow
from dvs.cases.forms import AssignForm
from dvs.cases.models import Kind
from dvs.cases.tests.helpers import receive
from dvs.testing import BaseTestCase

CONTENT = "Tố cáo cán bộ phường nhận tiền để hợp thức hóa đất lấn chiếm."


class HandlingRightsTests(BaseTestCase):
    def setUp(self):
        self.case = receive(
            self.ward_a,
            kind=Kind.DENUNCIATION,
            name="Trần Văn Tố",
            content=CONTENT,
            received_on=datetime.date(2026, 3, 2),
        )

    def api_post(self, path, user, payload):
        return self.client.post(
            f"/api/v1{path}",
            payload,
            content_type="application/json",
            headers={"Authorization": f"Bearer {self.token_for(user)}"},
        )

    def edit(self, user, content):
        self.login(user)
        data = {
            "subject_area": self.case.subject_area_id,
            "complexity": "normal",
            "content": content,
        }
        return self.client.post(reverse("case:edit", args=[self.case.pk]), data)

    def test_the_ward_officer_reads_his_wards_denunciation_but_cannot_edit_it(self):
        self.login(self.ward_a_officer)
        page = self.client.get(reverse("case:inspect", args=[self.case.pk]))
        self.assertEqual(page.status_code, 200)
        self.assertNotIn(reverse("case:edit", args=[self.case.pk]), page.content.decode())
        # Refused: Wagtail sends a user without the permission back to the dashboard.
        refused = self.client.get(reverse("case:edit", args=[self.case.pk]))
        self.assertRedirects(refused, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        refused = self.edit(self.ward_a_officer, "Đã sửa.")
        self.assertRedirects(refused, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        self.case.refresh_from_db()
        self.assertEqual(self.case.content, CONTENT)
        with self.assertRaises(PermissionDenied):
            workflow.edit(self.case, by=self.ward_a_officer, content="Đã sửa.")

    def test_the_ward_officer_takes_no_step_in_the_admin_or_the_api(self):
        self.login(self.ward_a_officer)
        step = self.client.post(
            reverse("cases_step", args=[self.case.pk, "accept"]),
            {"accepted_on": "2026-03-04", "complexity": "normal"},
        )
        api = self.api_post(
            f"/cases/{self.case.pk}/accept", self.ward_a_officer, {"accepted_on": "2026-03-04"}
        )
        self.assertEqual((step.status_code, api.status_code), (404, 404))
        with self.assertRaises(PermissionDenied):
            workflow.accept(
                self.case, by=self.ward_a_officer, accepted_on=datetime.date(2026, 3, 4)
            )
        self.case.refresh_from_db()
        self.assertEqual(self.case.status, "received")

    def test_the_ward_officer_cannot_be_chosen_as_handler(self):
        choices = AssignForm(case=self.case).fields["handler"].queryset
        self.assertNotIn(self.ward_a_officer, choices)
        self.assertIn(self.ward_a_reception_officer, choices)
        self.assertIn(self.city_specialist, choices)

        self.login(self.ward_a_leader)
        form = self.client.post(
            reverse("cases_step", args=[self.case.pk, "assign"]),
            {"handler": self.ward_a_officer.pk},
        )
        self.assertEqual(form.status_code, 200)  # the form shows the choice as invalid
        api = self.api_post(
            f"/cases/{self.case.pk}/assign", self.ward_a_leader, {"handler": "ward_a_officer"}
        )
        self.assertEqual(api.status_code, 400)
        with self.assertRaises(workflow.CaseError):
            workflow.assign(self.case, by=self.ward_a_leader, handler=self.ward_a_officer)
        self.case.refresh_from_db()
        self.assertIsNone(self.case.handler)

    def test_the_board_leader_assigns_and_edits_and_the_handler_handles(self):
        api = self.api_post(
            f"/cases/{self.case.pk}/assign",
            self.ward_a_leader,
            {"handler": "ward_a_reception_officer"},
        )
        self.assertEqual(api.status_code, 200, api.content)
        self.assertEqual(api.json()["handler"], "ward_a_reception_officer")

        response = self.edit(self.ward_a_leader, "Tố cáo cán bộ phường (đã chính xác hóa).")
        self.assertEqual(response.status_code, 302)
        self.case.refresh_from_db()
        self.assertEqual(self.case.content, "Tố cáo cán bộ phường (đã chính xác hóa).")

        accepted = self.api_post(
            f"/cases/{self.case.pk}/accept",
            self.ward_a_reception_officer,
            {"accepted_on": "2026-03-04"},
        )
        self.assertEqual(accepted.status_code, 200, accepted.content)
        self.assertEqual(self.edit(self.ward_a_reception_officer, "Nội dung mới.").status_code, 302)
