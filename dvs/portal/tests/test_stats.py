"""Back-office statistics: chart, tables and Excel export; who may see them."""

import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from dvs.accounts.roles import Role
from dvs.portal.models import DailyPageStats
from dvs.testing import BaseTestCase, make_user

from .helpers import make_article, make_section


class StatsScreenTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.section = make_section()
        cls.article = make_article(cls.section, "Bài được xem nhiều")
        cls.editor = make_user("bientap", Role.PORTAL_EDITOR, cls.city)
        today = timezone.localdate()
        DailyPageStats.objects.create(page_id=cls.article.pk, date=today, views=30, visits=20)
        DailyPageStats.objects.create(
            page_id=cls.article.pk, date=today - timedelta(days=1), views=12, visits=9
        )

    def test_editor_sees_daily_views_by_section_and_article_with_a_chart(self):
        self.login(self.editor)
        response = self.client.get(reverse("portal_stats"))
        self.assertContains(response, "<svg", html=False)
        self.assertContains(response, "Bài được xem nhiều")
        self.assertContains(response, "Công tác dân vận")
        self.assertEqual(response.context["stats"].total_views, 42)
        self.assertEqual(response.context["stats"].total_visits, 29)
        section = self.client.get(reverse("portal_stats"), {"section": self.section.pk})
        self.assertEqual(section.context["stats"].total_views, 42)

    def test_excel_export(self):
        self.login(self.editor)
        response = self.client.get(reverse("portal_stats"), {"export": "xlsx"})
        book = load_workbook(io.BytesIO(response.content))
        days = book.worksheets[0]
        self.assertEqual(days.cell(row=days.max_row, column=2).value, 42)
        self.assertEqual(book.worksheets[2].cell(row=2, column=1).value, "Bài được xem nhiều")

    def test_bad_dates_get_a_message(self):
        self.login(self.editor)
        response = self.client.get(
            reverse("portal_stats"), {"start": "31/12/2024", "end": "01/01/2024"}
        )
        self.assertContains(response, "Ngày bắt đầu sau ngày kết thúc.")
        response = self.client.get(reverse("portal_stats"), {"start": "abc"})
        self.assertEqual(response.status_code, 200)

    def test_roles_without_the_permission_cannot_open_it(self):
        self.login(self.ward_a_officer)
        self.assertNotEqual(self.client.get(reverse("portal_stats")).status_code, 200)
