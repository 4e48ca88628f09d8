"""The figures pages (design §1.6, acceptance 8, 10, 11): the city's projects, a route's
wards with the red "no figures" row and the wards to push, the parties that need a
dialogue, the Excel export, and the work list; each user sees their own wards only."""

import datetime
import io
from decimal import Decimal

import openpyxl
from django.urls import reverse
from django.utils import timezone

from dvs.accounts.dashboard import work_list
from dvs.clearance.models import AffectedParty, Outcome
from dvs.clearance.tests.helpers import make_party, make_project, make_segment, make_visit
from dvs.clearance.tests.test_stats import bulk_parties
from dvs.testing import BaseTestCase, make_user
from dvs.units.models import Level


class FiguresPageTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.ward_c = cls.city.add_child(code="CC", name="Phường Cầu Giấy", level=Level.COMMUNE)
        cls.route = make_project(cls.city, lag_points=15)
        cls.segment_a = make_segment(cls.route, cls.ward_a, km_cleared=Decimal("2.5"))
        cls.segment_b = make_segment(cls.route, cls.ward_b)
        cls.segment_c = make_segment(cls.route, cls.ward_c)
        bulk_parties(cls.segment_a, 120, 100)
        bulk_parties(cls.segment_b, 80, 40)
        cls.hesitant = make_party(cls.segment_a, "Hộ ông Phạm Văn Dũng")
        for day in (2, 9, 16):
            make_visit(cls.hesitant, on=datetime.date(2026, 4, day), outcome=Outcome.NOT_YET)
        cls.url = reverse("clearance_figures_project", args=[cls.route.code])

    def login(self, user):
        self.client.force_login(user)

    def test_city_leader_sees_the_route_with_one_ward_in_red_and_ward_b_to_push(self):
        self.login(self.city_leader)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        rows = {row.segment.ward_id: row for row, _note in response.context["rows"]}
        self.assertTrue(rows[self.ward_b.pk].lagging)
        self.assertFalse(rows[self.ward_a.pk].lagging)
        self.assertFalse(rows[self.ward_c.pk].has_data)
        self.assertEqual(response.context["rollup"].total.handed_over, 140)
        self.assertEqual(response.context["rollup"].total.affected, 201)
        self.assertContains(response, "Toàn tuyến (2/3 phường có số liệu)")
        self.assertContains(response, "% đã bàn giao</th>")
        self.assertContains(response, "Chưa có số liệu", count=1)
        self.assertContains(
            response, '<strong class="dvs-gpmb-lagging">cần đôn đốc</strong>', count=1
        )
        self.assertContains(response, 'data-lagging="true"', count=1)

    def test_the_party_told_not_yet_three_times_needs_a_dialogue(self):
        self.login(self.city_leader)
        response = self.client.get(self.url)
        self.assertEqual(list(response.context["dialogue"]), [self.hesitant])
        self.assertContains(response, "Hộ ông Phạm Văn Dũng")

    def test_ward_a_officer_sees_only_ward_a_and_its_total(self):
        self.login(self.ward_a_officer)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual([row.segment for row, _n in response.context["rows"]], [self.segment_a])
        self.assertEqual(response.context["rollup"].total.affected, 121)
        self.assertNotContains(response, self.ward_b.name)

    def test_ward_b_officer_does_not_see_ward_a_s_hesitant_party(self):
        self.login(self.ward_b_officer)
        response = self.client.get(self.url)
        self.assertEqual(list(response.context["dialogue"]), [])
        self.assertNotContains(response, "Hộ ông Phạm Văn Dũng")

    def test_ward_a_officer_s_export_holds_ward_a_and_the_total_only(self):
        self.login(self.ward_a_officer)
        response = self.client.get(self.url + "?format=xlsx")
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True).active
        rows = [row for row in sheet.iter_rows(values_only=True)]
        self.assertEqual([row[0] for row in rows[1:-1]], [self.ward_a.name])
        self.assertEqual(rows[1][3], 121)
        self.assertEqual(rows[1][7], 100)

    def test_the_city_page_lists_the_route_with_its_wards_reporting(self):
        self.login(self.city_leader)
        response = self.client.get(reverse("clearance_figures"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'data-project="VD4-2026-001"')
        self.assertEqual(response.context["total"].handed_over, 140)
        self.assertContains(response, "2/3")
        export = self.client.get(reverse("clearance_figures") + "?format=xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(export.content), read_only=True).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[1][0], "VD4-2026-001")
        self.assertEqual(rows[1][7], 140)

    def test_the_trend_chart_has_its_own_excel_sheet(self):
        self.login(self.city_leader)
        response = self.client.get(self.url + "?format=xlsx&chart=trend")
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True).active
        self.assertEqual(len(list(sheet.iter_rows(values_only=True))), 13)

    def test_someone_without_a_clearance_role_is_refused(self):
        self.login(make_user("outsider"))
        self.assertEqual(self.client.get(reverse("clearance_figures")).status_code, 302)
        self.assertEqual(self.client.get(self.url).status_code, 302)

    def test_ward_b_officer_cannot_open_a_route_not_through_ward_b(self):
        other = make_project(self.city, code="DT-295C", name="Đường tỉnh 295C")
        make_segment(other, self.ward_a)
        self.login(self.ward_b_officer)
        url = reverse("clearance_figures_project", args=[other.code])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_city_leader_s_work_list_asks_to_push_ward_b(self):
        today = timezone.localdate()
        self.segment_a.last_reported_at = timezone.now() - datetime.timedelta(days=30)
        self.segment_a.save()
        items = {
            item.title: item
            for s in work_list(self.city_leader)
            if s.source.key == "clearance_wards_to_push"
            for item in s.items
        }
        self.assertIn(f"{self.ward_b.name} — {self.route.code}", items)
        self.assertEqual(items[f"{self.ward_b.name} — {self.route.code}"].state, "overdue")
        self.assertIn(f"{self.ward_a.name} — {self.route.code}", items)
        self.assertTrue(today)

    def test_ward_a_officer_has_no_wards_to_push_in_the_work_list(self):
        keys = [s.source.key for s in work_list(self.ward_a_officer)]
        self.assertNotIn("clearance_wards_to_push", keys)
        self.assertTrue(AffectedParty.objects.exists())
