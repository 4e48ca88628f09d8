"""A worker that dies mid-job leaves no import "running" forever: the sweep marks it
failed with a message the user sees, and deletes its file. Jobs still waiting in the
queue, or still making progress, are left alone."""

import datetime

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from dvs.people import importing
from dvs.people.models import ImportJob
from dvs.people.tests.helpers import xlsx
from dvs.testing import BaseTestCase, use_temporary_media


class StaleImportSweepTests(BaseTestCase):
    def setUp(self):
        self.media, self.private = use_temporary_media(self)
        self.now = timezone.now()

    def job(self, status, heartbeat_minutes_ago):
        heartbeat = (
            None
            if heartbeat_minutes_ago is None
            else self.now - datetime.timedelta(minutes=heartbeat_minutes_ago)
        )
        return ImportJob.objects.create(
            unit=self.neighbourhood_a1,
            file=ContentFile(b"x", name="list.csv"),
            original_name="list.csv",
            created_by=self.ward_a_officer,
            status=status,
            heartbeat_at=heartbeat,
        )

    def test_an_import_whose_worker_died_is_failed_with_a_message_and_its_file_deleted(self):
        dead = self.job(ImportJob.Status.IMPORTING, 45)
        dead_check = self.job(ImportJob.Status.VALIDATING, 31)
        alive = self.job(ImportJob.Status.IMPORTING, 2)
        queued = self.job(ImportJob.Status.VALIDATING, None)

        self.assertEqual(importing.fail_stale(now=self.now), 2)

        for job in (dead, dead_check):
            job.refresh_from_db()
            self.assertEqual(job.status, ImportJob.Status.FAILED)
            self.assertTrue(job.message)
            self.assertEqual(job.file.name, "")
        for job, status in ((alive, "importing"), (queued, "validating")):
            job.refresh_from_db()
            self.assertEqual(job.status, status)
            self.assertTrue(job.file.name)
        self.assertEqual(len([p for p in self.private.rglob("*") if p.is_file()]), 2)

    def test_the_ward_officer_sees_why_the_import_failed(self):
        dead = self.job(ImportJob.Status.IMPORTING, 45)
        importing.fail_stale(now=self.now)
        self.login(self.ward_a_officer)
        page = self.client.get(reverse("people_import_detail", args=[dead.pk]))
        dead.refresh_from_db()
        self.assertContains(page, dead.message)

    def test_the_import_records_a_heartbeat_as_it_runs(self):
        job = ImportJob.objects.create(
            unit=self.neighbourhood_a1,
            file=xlsx([["Họ và tên", "Năm sinh", "Giới tính"], ["Trần Thị Mai", 1985, "Nữ"]]),
            original_name="danh-sach.xlsx",
            created_by=self.ward_a_officer,
        )
        self.assertIsNone(job.heartbeat_at)
        importing.run(job, commit=False)
        job.refresh_from_db()
        self.assertGreaterEqual(job.heartbeat_at, self.now)
