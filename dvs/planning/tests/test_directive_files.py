"""A directive's document lives on the private storage, never under /media/, and is served
only to those who see the directive: its unit's scope, and the units carrying out a task
derived from it. The admin and the API give the same answer."""

import importlib

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dvs.planning.models import Directive
from dvs.testing import use_temporary_media

from .helpers import PlanningTestCase, make_directive, make_task

PDF = b"%PDF-1.4 Chi thi 35"


def files_under(root):
    return [p for p in root.rglob("*") if p.is_file()]


class DirectiveFileTests(PlanningTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.directive = make_directive(cls.city)
        # The city gives ward A (not ward B) a task carrying out the directive.
        make_task(
            cls.city_specialist, cls.city, [cls.ward_a], title="Quán triệt", directive=cls.directive
        )

    def setUp(self):
        self.media, self.private = use_temporary_media(self)
        self.directive.file = SimpleUploadedFile("chi-thi-35.pdf", PDF)
        self.directive.save()

    def admin_download(self, user):
        self.login(user)
        return self.client.get(reverse("planning_directive_file", args=[self.directive.pk]))

    def api_download(self, user):
        return self.api_get(f"/directives/{self.directive.pk}/file", user)

    def test_the_file_is_on_the_private_storage_not_under_media(self):
        self.assertEqual(files_under(self.media), [])
        self.assertEqual(len(files_under(self.private)), 1)
        self.assertTrue(self.directive.file.name.endswith("/chi-thi-35.pdf"))
        self.assertEqual(self.client.get(f"/media/{self.directive.file.name}").status_code, 404)

    def test_city_specialist_uploads_a_directive_file_through_the_admin_privately(self):
        self.login(self.city_specialist)
        response = self.client.post(
            reverse("directive:add"),
            {
                "kind": "directive",
                "number": "36-CT/TU",
                "issuer": "Thành ủy",
                "issued_on": "2025-01-10",
                "level": "city",
                "unit": self.city.pk,
                "summary": "Tăng cường",
                "file": SimpleUploadedFile("chi-thi-36.pdf", PDF),
            },
        )
        self.assertEqual(response.status_code, 302)
        added = Directive.objects.get(number="36-CT/TU")
        self.assertTrue(added.file.name.endswith("/chi-thi-36.pdf"))
        self.assertEqual(files_under(self.media), [])
        self.assertEqual(len(files_under(self.private)), 2)

    def test_the_edit_form_shows_no_public_link_to_the_private_file(self):
        self.login(self.city_specialist)
        response = self.client.get(reverse("directive:edit", args=[self.directive.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "/media/")
        self.assertNotContains(response, self.directive.file.name)

    def test_the_form_offers_only_units_in_the_users_scope(self):
        self.login(self.city_specialist)
        form = self.client.get(reverse("directive:edit", args=[self.directive.pk])).context["form"]
        self.assertNotIn(self.province, form.fields["unit"].queryset)
        self.assertIn(self.ward_b, form.fields["unit"].queryset)

    def test_ward_a_officer_carrying_out_the_task_downloads_it_with_its_name(self):
        for response in (
            self.admin_download(self.ward_a_officer),
            self.api_download(self.ward_a_officer),
        ):
            self.assertEqual(response.status_code, 200)
            self.assertEqual(b"".join(response.streaming_content), PDF)
            self.assertIn("chi-thi-35.pdf", response["Content-Disposition"])

    def test_city_leader_downloads_it(self):
        self.assertEqual(self.admin_download(self.city_leader).status_code, 200)
        self.assertEqual(self.api_download(self.city_leader).status_code, 200)

    def test_ward_b_officer_without_a_task_from_it_gets_404_in_admin_and_api(self):
        self.assertEqual(self.admin_download(self.ward_b_officer).status_code, 404)
        self.assertEqual(self.api_download(self.ward_b_officer).status_code, 404)
        self.assertEqual(
            self.api_get(f"/directives/{self.directive.pk}", self.ward_b_officer).status_code, 404
        )

    def test_the_directive_page_links_to_the_download_and_follows_the_same_rule(self):
        self.login(self.ward_a_officer)
        page = self.client.get(reverse("directive:inspect", args=[self.directive.pk]))
        self.assertContains(page, reverse("planning_directive_file", args=[self.directive.pk]))
        self.assertNotContains(page, "/media/")
        self.login(self.ward_b_officer)
        page = self.client.get(reverse("directive:inspect", args=[self.directive.pk]))
        self.assertEqual(page.status_code, 404)

    def test_the_api_says_whether_a_directive_has_a_file(self):
        body = self.api_get(f"/directives/{self.directive.pk}", self.ward_a_officer).json()
        self.assertTrue(body["has_file"])


class DirectiveFileMigrationTests(PlanningTestCase):
    def setUp(self):
        self.media, self.private = use_temporary_media(self)

    def test_existing_public_files_move_to_the_private_storage_keeping_their_name(self):
        old = default_storage.save("directives/2025/chi-thi-35.pdf", ContentFile(PDF))
        directive = make_directive(self.city)
        Directive.objects.filter(pk=directive.pk).update(file=old)
        self.assertEqual(len(files_under(self.media)), 1)

        migration = importlib.import_module("dvs.planning.migrations.0004_directive_files_private")
        migration.move_to_private(apps, None)

        directive.refresh_from_db()
        self.assertEqual(files_under(self.media), [])
        self.assertNotEqual(directive.file.name, old)
        self.assertTrue(directive.file.name.endswith("/chi-thi-35.pdf"))
        with directive.file.open("rb") as handle:
            self.assertEqual(handle.read(), PDF)
