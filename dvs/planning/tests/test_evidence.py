"""Evidence files of a task shared by two wards: each ward's evidence is for that ward
and for the city that gave the task, not for the other ward. The admin and the API give
the same answer."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dvs.planning import actions
from dvs.testing import use_temporary_media

from .helpers import PlanningTestCase, make_task


class SharedTaskEvidenceTests(PlanningTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.shared = make_task(
            cls.city_specialist, cls.city, [cls.ward_a, cls.ward_b], title="Nhiệm vụ chung"
        )
        cls.shared_a = cls.shared.assignments.get(unit=cls.ward_a)

    def setUp(self):
        use_temporary_media(self)
        self.update = actions.record_progress(
            self.shared_a,
            by=self.ward_a_officer,
            percent=50,
            evidence=SimpleUploadedFile("bien-ban-ward-a.pdf", b"%PDF-1.4 ward A"),
        )

    def admin_download(self, user):
        self.login(user)
        return self.client.get(reverse("planning_evidence", args=[self.update.pk]))

    def api_download(self, user):
        return self.api_get(f"/tasks/progress/{self.update.pk}/evidence", user)

    def test_ward_b_officer_cannot_download_ward_a_evidence_on_a_shared_task(self):
        self.assertEqual(self.admin_download(self.ward_b_officer).status_code, 404)
        self.assertEqual(self.api_download(self.ward_b_officer).status_code, 404)

    def test_ward_a_officer_downloads_the_evidence_the_ward_recorded(self):
        for response in (
            self.admin_download(self.ward_a_officer),
            self.api_download(self.ward_a_officer),
        ):
            self.assertEqual(response.status_code, 200)
            self.assertEqual(b"".join(response.streaming_content), b"%PDF-1.4 ward A")
            self.assertIn("bien-ban-ward-a.pdf", response["Content-Disposition"])

    def test_city_leader_who_gave_the_task_downloads_every_wards_evidence(self):
        self.assertEqual(self.admin_download(self.city_leader).status_code, 200)
        self.assertEqual(self.api_download(self.city_leader).status_code, 200)

    def test_ward_a_womens_union_officer_is_not_the_assignee(self):
        self.assertEqual(self.admin_download(self.ward_a_women_officer).status_code, 404)
        self.assertEqual(self.api_download(self.ward_a_women_officer).status_code, 404)

    def test_the_api_lists_the_update_with_its_id_to_the_assignee(self):
        task = self.api_get(f"/tasks/{self.shared.pk}", self.ward_a_officer).json()
        updates = [u for a in task["assignments"] for u in a["updates"]]
        self.assertEqual([(u["id"], u["has_evidence"]) for u in updates], [(self.update.pk, True)])
        other = self.api_get(f"/tasks/{self.shared.pk}", self.ward_b_officer).json()
        self.assertEqual([u for a in other["assignments"] for u in a["updates"]], [])
