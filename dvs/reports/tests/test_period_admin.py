"""The admin's report period screens reach the periods of the user's own subtree only."""

from django.urls import reverse

from dvs.reports.models import ReportPeriod

from .helpers import ReportsTestCase, make_period


class PeriodAdminTests(ReportsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.period_a = make_period(cls.ward_a, cls.template, name="Kỳ riêng phường An Bình")
        cls.period_b = make_period(cls.ward_b, cls.template, name="Kỳ riêng phường Bình Minh")

    def listed(self, export=""):
        response = self.client.get(reverse("reportperiod:index") + export)
        if export:
            return b"".join(response.streaming_content).decode()
        return {p.pk for p in response.context["object_list"]}

    def test_ward_a_leader_lists_only_ward_a_periods(self):
        self.login(self.ward_a_leader)
        self.assertEqual(self.listed(), {self.period_a.pk})
        exported = self.listed("?export=csv")
        self.assertIn(self.period_a.name, exported)
        self.assertNotIn(self.period_b.name, exported)

    def test_ward_a_leader_cannot_open_edit_or_delete_ward_b_or_city_periods(self):
        self.login(self.ward_a_leader)
        for period in (self.period_b, self.period):
            for action in ("inspect", "edit", "delete", "history", "usage"):
                with self.subTest(period=period.name, action=action):
                    url = reverse(f"reportperiod:{action}", args=[period.pk])
                    self.assertEqual(self.client.get(url).status_code, 404)
            edit = reverse("reportperiod:edit", args=[period.pk])
            self.client.post(edit, {"name": "Đã bị sửa"})
            self.client.post(reverse("reportperiod:delete", args=[period.pk]))
            period.refresh_from_db()
            self.assertNotEqual(period.name, "Đã bị sửa")

    def test_ward_a_leader_edits_ward_a_period_but_cannot_move_it_to_ward_b(self):
        self.login(self.ward_a_leader)
        edit = reverse("reportperiod:edit", args=[self.period_a.pk])
        self.assertEqual(self.client.get(edit).status_code, 200)
        form = {
            "name": "Kỳ riêng đã sửa",
            "kind": "six_months",
            "template": self.template.pk,
            "start": "2025-01-01",
            "end": "2025-06-30",
            "due_on": "2025-07-10",
        }
        response = self.client.post(edit, {**form, "unit": self.ward_b.pk})
        self.assertEqual(response.status_code, 200)  # the form is shown again with an error
        self.assertIn("unit", response.context["form"].errors)
        self.client.post(edit, {**form, "unit": self.ward_a.pk})
        self.period_a.refresh_from_db()
        self.assertEqual((self.period_a.name, self.period_a.unit), ("Kỳ riêng đã sửa", self.ward_a))

    def test_the_city_leader_lists_and_edits_every_ward_period(self):
        self.login(self.city_leader)
        self.assertLessEqual({self.period_a.pk, self.period_b.pk, self.period.pk}, self.listed())
        url = reverse("reportperiod:edit", args=[self.period_b.pk])
        self.assertEqual(self.client.get(url).status_code, 200)
        self.client.post(reverse("reportperiod:delete", args=[self.period_b.pk]))
        self.assertFalse(ReportPeriod.objects.filter(pk=self.period_b.pk).exists())

    def test_ward_a_still_reads_the_city_period_it_reports_in(self):
        self.login(self.ward_a_leader)
        page = self.client.get(reverse("reports_index"))
        self.assertContains(page, f'data-period="{self.period.pk}"')
        self.assertEqual(
            self.client.get(reverse("reports_period", args=[self.period.pk])).status_code, 200
        )
