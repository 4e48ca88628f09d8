"""Uploaded spreadsheets hold ID numbers, ethnicity and religion in clear: they live on
the private storage under an unguessable name, never under /media/, and only as long as
their import."""

import datetime

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from dvs.people import importing
from dvs.people.models import ImportJob
from dvs.people.tests.helpers import xlsx
from dvs.testing import BaseTestCase, use_temporary_media


def files_under(root):
    return [p for p in root.rglob("*") if p.is_file()]


class ImportFileStorageTests(BaseTestCase):
    def setUp(self):
        self.media, self.private = use_temporary_media(self)

    def test_ward_officers_upload_is_private_and_not_served_under_media(self):
        self.login(self.ward_a_officer)
        upload = xlsx([["Họ và tên", "Năm sinh", "Giới tính"], ["Trần Thị Mai", 1985, "Nữ"]])
        upload.name = "danh-sach-cccd.xlsx"
        response = self.client.post(
            reverse("people_import_new"), {"file": upload, "unit": self.neighbourhood_a1.pk}
        )
        job = ImportJob.objects.get()
        self.assertRedirects(response, reverse("people_import_mapping", args=[job.pk]))
        self.assertEqual(files_under(self.media), [])
        self.assertEqual(len(files_under(self.private)), 1)
        self.assertNotIn("danh-sach", job.file.name)
        self.assertTrue(job.file.name.endswith(".xlsx"))
        self.assertEqual(job.original_name, "danh-sach-cccd.xlsx")
        self.client.logout()
        self.assertEqual(self.client.get(f"/media/{job.file.name}").status_code, 404)

    def test_a_finished_import_leaves_no_file(self):
        job = ImportJob.objects.create(
            unit=self.neighbourhood_a1,
            file=xlsx([["Họ và tên", "Năm sinh", "Giới tính"], ["Trần Thị Mai", 1985, "Nữ"]]),
            original_name="danh-sach.xlsx",
            created_by=self.ward_a_officer,
        )
        importing.run(job, commit=True)
        self.assertEqual(job.status, ImportJob.Status.DONE, job.message)
        self.assertEqual(files_under(self.private), [])


class ImportFileCleanupTests(BaseTestCase):
    def setUp(self):
        self.media, self.private = use_temporary_media(self)

    def job(self, status, hours_ago):
        job = ImportJob.objects.create(
            unit=self.neighbourhood_a1,
            file=ContentFile(b"x", name="list.csv"),
            original_name="list.csv",
            created_by=self.ward_a_officer,
            status=status,
        )
        created = timezone.now() - datetime.timedelta(hours=hours_ago)
        ImportJob.objects.filter(pk=job.pk).update(created_at=created)
        return job

    def test_cleanup_deletes_files_of_finished_and_abandoned_imports_only(self):
        done = self.job(ImportJob.Status.DONE, 1)
        failed = self.job(ImportJob.Status.FAILED, 1)
        abandoned = self.job(ImportJob.Status.VALIDATED, 30)
        never_mapped = self.job(ImportJob.Status.UPLOADED, 30)
        waiting = self.job(ImportJob.Status.VALIDATED, 2)
        self.assertEqual(len(files_under(self.private)), 5)

        self.assertEqual(importing.delete_files(), 4)

        self.assertEqual(
            [p.name for p in files_under(self.private)], [waiting.file.name.split("/")[-1]]
        )
        for job in (done, failed, abandoned, never_mapped):
            job.refresh_from_db()
            self.assertEqual(job.file.name, "")
        abandoned.refresh_from_db()
        self.assertEqual(abandoned.status, ImportJob.Status.FAILED)
        self.assertIn("24", abandoned.message)
        waiting.refresh_from_db()
        self.assertEqual(waiting.status, ImportJob.Status.VALIDATED)
