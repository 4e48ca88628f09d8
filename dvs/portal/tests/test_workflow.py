"""Editors draft, approvers publish (Wagtail's moderation workflow), scheduling."""

from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from dvs.accounts.roles import Role
from dvs.portal.models import ArticlePage
from dvs.portal.setup import APPROVERS, EDITORS
from dvs.testing import BaseTestCase, make_user

from .helpers import make_section


class EditorialWorkflowTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.section = make_section()
        cls.editor = make_user("bientap", Role.PORTAL_EDITOR, cls.city)
        cls.approver = make_user("duyettin", Role.PORTAL_APPROVER, cls.city)

    def form(self, title, **extra):
        data = {
            "title": title,
            "slug": "",
            "published_at": "2024-07-24 16:42:07",
            "lead": "Tin mới",
            "body-count": "0",
            "author": "Minh Khang",
            "source": "",
            "related": [],
        }
        data.update(extra)
        return data

    def test_roles_put_users_in_the_portal_groups(self):
        self.assertEqual([g.name for g in self.editor.groups.all()], [EDITORS])
        self.assertEqual([g.name for g in self.approver.groups.all()], [APPROVERS])
        self.editor.assignments.all().delete()
        self.assertFalse(self.editor.groups.exists())

    def test_editor_drafts_and_submits_but_cannot_publish(self):
        self.login(self.editor)
        url = reverse("wagtailadmin_pages:add", args=["portal", "articlepage", self.section.pk])
        response = self.client.post(
            url, self.form("Tin nháp", slug="tin-nhap", **{"action-submit": "1"})
        )
        self.assertEqual(response.status_code, 302)
        article = ArticlePage.objects.get(slug="tin-nhap")
        self.assertFalse(article.live)
        self.assertIsNotNone(article.current_workflow_state)
        # Publishing straight away is not offered to editors.
        self.client.post(
            reverse("wagtailadmin_pages:edit", args=[article.pk]),
            self.form("Tin nháp", slug="tin-nhap", **{"action-publish": "1"}),
        )
        self.assertFalse(ArticlePage.objects.get(pk=article.pk).live)

        # The approver approves: the article goes live.
        self.login(self.approver)
        task_state = article.current_workflow_task_state
        response = self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk]
            ),
            {"comment": "Đồng ý"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(ArticlePage.objects.get(pk=article.pk).live)

    def test_approver_schedules_publication(self):
        self.login(self.approver)
        go_live = timezone.localtime() + timedelta(hours=1)
        url = reverse("wagtailadmin_pages:add", args=["portal", "articlepage", self.section.pk])
        self.client.post(
            url,
            self.form(
                "Tin hẹn giờ",
                slug="tin-hen-gio",
                go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
                **{"action-publish": "1"},
            ),
        )
        article = ArticlePage.objects.get(slug="tin-hen-gio")
        self.assertFalse(article.live)
        self.assertIsNotNone(article.scheduled_revision)
        # An hour passes: the revision's go-live time is now in the past.
        revision = article.scheduled_revision
        past = timezone.now() - timedelta(minutes=1)
        revision.approved_go_live_at = past
        revision.content["go_live_at"] = past.isoformat()
        revision.save()
        call_command("publish_scheduled", verbosity=0)
        self.assertTrue(ArticlePage.objects.get(pk=article.pk).live)

    def test_revisions_and_preview(self):
        self.login(self.editor)
        url = reverse("wagtailadmin_pages:add", args=["portal", "articlepage", self.section.pk])
        self.client.post(url, self.form("Bản 1", slug="ban-1"))
        article = ArticlePage.objects.get(slug="ban-1")
        self.client.post(
            reverse("wagtailadmin_pages:edit", args=[article.pk]), self.form("Bản 2", slug="ban-1")
        )
        self.assertEqual(article.revisions.count(), 2)
        preview = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
        self.client.post(preview, self.form("Bản xem trước", slug="ban-1"))
        response = self.client.get(preview)
        self.assertContains(response, "Bản xem trước")
