"""The 10-working-day variant of denunciation acceptance (verification at several places,
or delegated; Law on Denunciation Art. 24(1)): set at intake, through the API, and by a
later step that recomputes the deadline."""

import datetime

from django.urls import reverse

from dvs.cases import workflow
from dvs.cases.models import Case, Event
from dvs.cases.tests.helpers import area, receive
from dvs.testing import BaseTestCase

D = datetime.date
DENUNCIATION = {
    "kind": "denunciation",
    "received_on": "2026-03-02",
    "unit": "A1",
    "content": "Tố cáo cán bộ địa chính nhận tiền của dân ở nhiều tổ dân phố.",
    "anonymous": True,
}


class MultiPlaceVerificationTests(BaseTestCase):
    def post(self, path, payload, user=None):
        return self.client.post(
            f"/api/v1{path}",
            payload,
            content_type="application/json",
            headers={
                "Authorization": f"Bearer {self.token_for(user or self.ward_a_reception_officer)}"
            },
        )

    def test_the_api_creates_a_denunciation_to_verify_at_several_places_with_10_working_days(self):
        created = self.post("/cases", {**DENUNCIATION, "multi_place_verification": True})
        self.assertEqual(created.status_code, 201, created.content)
        case = created.json()
        # Received Monday 2/3/2026: the 10th working day after it is Monday 16/3 (7: 11/3).
        self.assertEqual(case["deadlines"]["accept_by"], "2026-03-16")
        self.assertIs(case["multi_place_verification"], True)
        plain = self.post("/cases", DENUNCIATION).json()
        self.assertEqual(plain["deadlines"]["accept_by"], "2026-03-11")
        self.assertIs(plain["multi_place_verification"], False)

    def test_only_a_denunciation_can_need_verification_at_several_places(self):
        refused = self.post(
            "/cases",
            {**DENUNCIATION, "kind": "complaint", "anonymous": False,
             "petitioner_name": "Lê Văn Khiếu", "multi_place_verification": True},
        )  # fmt: skip
        self.assertEqual(refused.status_code, 400)
        self.assertTrue(refused.json()["detail"])
        self.assertEqual(Case.objects.count(), 0)
        complaint = receive(self.neighbourhood_a1)
        with self.assertRaises(workflow.CaseError):
            workflow.multi_place(complaint, by=None, recorded_on=D(2026, 3, 3))
        self.assertNotIn("multi_place", workflow.allowed_steps(complaint))

    def test_a_later_step_records_it_and_recomputes_the_acceptance_deadline(self):
        case = self.post("/cases", DENUNCIATION).json()
        path = f"/cases/{case['id']}/multi-place-verification"
        done = self.post(path, {"recorded_on": "2026-03-05", "note": "Ủy quyền xác minh"})
        self.assertEqual(done.status_code, 200, done.content)
        self.assertEqual(done.json()["deadlines"]["accept_by"], "2026-03-16")
        self.assertIs(done.json()["multi_place_verification"], True)
        self.assertEqual(done.json()["events"][-1]["step"], "multi_place")
        undone = self.post(path, {"recorded_on": "2026-03-06", "multi_place_verification": False})
        self.assertEqual(undone.json()["deadlines"]["accept_by"], "2026-03-11")
        # A sibling ward's officer cannot record it, nor can a read-only leader who sees
        # the case or a ward officer who may not handle cases; nothing changes.
        refused = self.post(path, {"recorded_on": "2026-03-06"}, user=self.ward_b_officer)
        self.assertEqual(refused.status_code, 404)
        for user in (self.readonly_leader, self.ward_a_officer):
            with self.subTest(user=user.username):
                refused = self.post(path, {"recorded_on": "2026-03-06"}, user=user)
                self.assertIn(refused.status_code, (403, 404), refused.content)
        stored = Case.objects.get(pk=case["id"])
        self.assertFalse(stored.multi_place_verification)
        self.assertEqual(stored.accept_by, D(2026, 3, 11))

    def test_the_back_office_intake_form_and_step_set_it(self):
        self.login(self.ward_a_reception_officer)
        response = self.client.post(
            reverse("cases_intake"),
            {
                "kind": "denunciation",
                "channel": "post",
                "received_on": "2026-03-02",
                "unit": self.neighbourhood_a1.pk,
                "subject_area": area("land").pk,
                "content": "Tố cáo việc lấn chiếm đất công ở nhiều tổ.",
                "stage": 1,
                "anonymous": "on",
                "multi_place_verification": "on",
                "confirmed": "1",
                "petitioner-TOTAL_FORMS": 0,
                "petitioner-INITIAL_FORMS": 0,
            },
        )
        self.assertEqual(response.status_code, 302)
        case = Case.objects.get()
        self.assertTrue(case.multi_place_verification)
        self.assertEqual(case.accept_by, D(2026, 3, 16))

        other = receive(self.neighbourhood_a1, kind="denunciation", anonymous=True, name="")
        self.assertEqual(other.accept_by, D(2026, 3, 11))
        step = reverse("cases_step", args=[other.pk, "multi_place"])
        page = self.client.get(reverse("case:inspect", args=[other.pk]))
        self.assertContains(page, step)
        done = self.client.post(
            step, {"recorded_on": "2026-03-04", "multi_place_verification": "on"}
        )
        self.assertEqual(done.status_code, 302)
        other.refresh_from_db()
        self.assertEqual(other.accept_by, D(2026, 3, 16))
        self.assertTrue(other.events.filter(kind=Event.Kind.MULTI_PLACE).exists())
        self.assertContains(
            self.client.get(reverse("case:inspect", args=[other.pk])), 'id="multi-place"'
        )
