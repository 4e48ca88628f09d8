"""Starting, checking and committing an import are actions that ask whether the acting
user may import residents into the unit: the admin wizard and the API call them and give
the same answer to the same person."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dvs.people import actions
from dvs.people.models import ImportJob, Person
from dvs.people.tests.helpers import xlsx
from dvs.testing import BaseTestCase, use_temporary_media

ROWS = [["Họ và tên", "Năm sinh", "Giới tính"], ["Trần Thị Mai", 1985, "Nữ"]]


def files_under(root):
    return [p for p in root.rglob("*") if p.is_file()]


class StartImportTests(BaseTestCase):
    def setUp(self):
        self.media, self.private = use_temporary_media(self)

    def admin_upload(self, user, unit):
        self.login(user)
        return self.client.post(reverse("people_import_new"), {"file": xlsx(ROWS), "unit": unit.pk})

    def api_upload(self, user, code):
        return self.client.post(
            "/api/v1/people/import",
            {"unit": code, "file": xlsx(ROWS)},
            headers={"Authorization": f"Bearer {self.token_for(user)}"},
        )

    def assert_nothing_kept(self):
        self.assertFalse(ImportJob.objects.exists())
        self.assertEqual(files_under(self.private), [])
        self.assertEqual(files_under(self.media), [])
        self.assertFalse(Person.objects.exists())

    def test_no_one_outside_ward_a_starts_an_import_into_ward_a_by_admin_or_api(self):
        for user in (self.ward_b_officer, self.ward_a_women_officer, self.readonly_leader):
            with self.subTest(user=user.username):
                # The admin answers a refusal (PermissionDenied) with Wagtail's redirect to
                # its home page and "no permission"; the API with 403.
                self.assertRedirects(
                    self.admin_upload(user, self.ward_a),
                    reverse("wagtailadmin_home"),
                    fetch_redirect_response=False,
                )
                self.assertEqual(self.api_upload(user, "A").status_code, 403)
                self.assert_nothing_kept()

    def test_an_unknown_unit_code_gets_the_same_answer_as_a_foreign_one(self):
        self.assertEqual(self.api_upload(self.ward_b_officer, "NO-SUCH").status_code, 403)

    def test_ward_a_officer_starts_an_import_into_ward_a_by_admin_and_api(self):
        response = self.admin_upload(self.ward_a_officer, self.neighbourhood_a1)
        job = ImportJob.objects.get()
        self.assertRedirects(response, reverse("people_import_mapping", args=[job.pk]))
        self.assertEqual((job.unit, job.created_by), (self.neighbourhood_a1, self.ward_a_officer))

        response = self.api_upload(self.ward_a_officer, "A1")
        self.assertEqual(response.status_code, 202)
        self.assertEqual(response.json()["status"], "done")
        self.assertTrue(Person.objects.filter(full_name="Trần Thị Mai").exists())

    def test_the_action_itself_refuses_ward_b_officer(self):
        with self.assertRaises(PermissionDenied):
            actions.start_import(by=self.ward_b_officer, unit=self.ward_a, file=xlsx(ROWS))
        self.assert_nothing_kept()

    def test_the_wizard_offers_only_the_units_the_officer_may_import_into(self):
        self.login(self.ward_b_officer)
        page = self.client.get(reverse("people_import_new"))
        self.assertContains(page, self.ward_b.name)
        self.assertNotContains(page, self.ward_a.name)


class CheckAndCommitImportTests(BaseTestCase):
    """An import started by ward A's officer: the later steps ask again who acts."""

    def setUp(self):
        use_temporary_media(self)
        self.job = actions.start_import(
            by=self.ward_a_officer, unit=self.neighbourhood_a1, file=xlsx(ROWS)
        )
        self.mapping = {"0": "full_name", "1": "birth_year", "2": "sex"}

    def test_ward_a_officer_checks_then_commits_the_import(self):
        job = actions.check_import(
            self.job, by=self.ward_a_officer, headers=ROWS[0], mapping=self.mapping
        )
        self.assertEqual(job.status, ImportJob.Status.VALIDATED, job.message)
        self.login(self.ward_a_officer)
        self.client.post(reverse("people_import_commit", args=[job.pk]))
        job.refresh_from_db()
        self.assertEqual(job.status, ImportJob.Status.DONE, job.message)
        self.assertTrue(Person.objects.filter(full_name="Trần Thị Mai").exists())

    def test_ward_b_officer_cannot_check_or_commit_ward_a_import(self):
        with self.assertRaises(PermissionDenied):
            actions.check_import(
                self.job, by=self.ward_b_officer, headers=ROWS[0], mapping=self.mapping
            )
        self.job.refresh_from_db()
        self.assertEqual(self.job.status, ImportJob.Status.UPLOADED)
        actions.check_import(
            self.job, by=self.ward_a_officer, headers=ROWS[0], mapping=self.mapping
        )
        for user in (self.ward_b_officer, self.readonly_leader, self.ward_a_women_officer):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                actions.commit_import(self.job, by=user)
        self.job.refresh_from_db()
        self.assertEqual(self.job.status, ImportJob.Status.VALIDATED)
        self.assertFalse(Person.objects.exists())

    def test_a_second_commit_is_refused_with_a_message(self):
        actions.check_import(
            self.job, by=self.ward_a_officer, headers=ROWS[0], mapping=self.mapping
        )
        actions.commit_import(self.job, by=self.ward_a_officer)
        self.login(self.ward_a_officer)
        response = self.client.post(
            reverse("people_import_commit", args=[self.job.pk]), follow=True
        )
        self.assertEqual(Person.objects.count(), 1)
        self.assertEqual(len(list(response.context["messages"])), 1)
