"""Who may read, fill, submit and review a unit's report: the same answer through the
admin and the API, and reading never writes.

A report the user may not see is not found (404); a report they may see but not change is
refused (403 in the API, Wagtail's "no permission" in the admin)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from dvs.reports import actions
from dvs.reports.models import ReportValue, ReviewReport, UnitReport

from .helpers import ReportsTestCase


class ReportAccessTestCase(ReportsTestCase):
    def api(self, method, path, user, payload=None):
        headers = {"Authorization": f"Bearer {self.token_for(user)}"}
        if method == "get":
            return self.client.get(f"/api/v1{path}", headers=headers)
        return self.client.post(
            f"/api/v1{path}", payload or {}, content_type="application/json", headers=headers
        )

    def returned_report(self, unit):
        """The unit's report, submitted then returned by the city for changes."""
        return UnitReport.objects.create(
            period=self.period,
            unit=unit,
            status=UnitReport.Status.RETURNED,
            review_comment="Bổ sung số liệu",
            template_version=self.template.version,
            template_snapshot=self.template.snapshot(),
        )

    def unit_page(self, code):
        return reverse("reports_unit", args=[self.period.pk, code])

    def assert_refused_in_admin(self, response):
        """Wagtail answers a refused write with its "no permission" redirect."""
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)


class OrganisationOfficerTests(ReportAccessTestCase):
    def test_the_women_officer_cannot_read_fill_or_submit_ward_a_report_through_the_api(self):
        report = self.returned_report(self.ward_a)
        path = f"/reports/{self.period.pk}/units/A"
        self.assertEqual(self.api("get", path, self.ward_a_women_officer).status_code, 404)
        payload = {"values": {"trainings": 99}, "texts": {"lanh-dao": "Ghi đè"}}
        response = self.api("post", f"{path}/submit", self.ward_a_women_officer, payload)
        self.assertEqual(response.status_code, 404)
        report.refresh_from_db()
        self.assertEqual(report.status, UnitReport.Status.RETURNED)
        self.assertFalse(report.values.exists())
        self.assertFalse(report.texts.exists())

    def test_the_women_officer_cannot_read_fill_or_submit_ward_a_report_in_the_admin(self):
        report = self.returned_report(self.ward_a)
        self.login(self.ward_a_women_officer)
        self.assertEqual(self.client.get(self.unit_page("A")).status_code, 404)
        response = self.client.post(self.unit_page("A"), {"text_lanh-dao": "Ghi đè", "submit": "1"})
        self.assertEqual(response.status_code, 404)
        report.refresh_from_db()
        self.assertEqual(report.status, UnitReport.Status.RETURNED)
        self.assertFalse(report.texts.exists())

    def test_the_women_officer_is_refused_by_the_actions_themselves(self):
        report = self.returned_report(self.ward_a)
        with self.assertRaises(PermissionDenied):
            actions.save_report(report, texts={"lanh-dao": "Ghi đè"}, by=self.ward_a_women_officer)
        with self.assertRaises(PermissionDenied):
            actions.submit_report(report, by=self.ward_a_women_officer)
        with self.assertRaises(Http404):  # through the getter: not hers to see
            actions.open_report(self.period, self.ward_a, by=self.ward_a_women_officer)
        report.refresh_from_db()
        self.assertEqual(report.status, UnitReport.Status.RETURNED)

    def test_the_women_officer_still_fills_her_own_organisation_report(self):
        self.login(self.ward_a_women_officer)
        page = reverse("reports_organisation", args=[self.period.pk, self.ward_a_women.pk])
        self.assertEqual(self.client.get(page).status_code, 200)
        response = self.client.post(page, {"text_lanh-dao": "Hội vận động hội viên"})
        self.assertRedirects(response, page)
        report = UnitReport.objects.get(organisation=self.ward_a_women)
        self.assertEqual(report.texts.get().text, "Hội vận động hội viên")


class SiblingWardTests(ReportAccessTestCase):
    def test_ward_b_officer_cannot_touch_ward_a_report_in_the_admin_or_the_api(self):
        report = self.returned_report(self.ward_a)
        path = f"/reports/{self.period.pk}/units/A"
        self.assertEqual(self.api("get", path, self.ward_b_officer).status_code, 404)
        response = self.api("post", f"{path}/submit", self.ward_b_officer, {})
        self.assertEqual(response.status_code, 404)
        self.login(self.ward_b_officer)
        self.assertEqual(self.client.get(self.unit_page("A")).status_code, 404)
        self.assertEqual(self.client.post(self.unit_page("A"), {"submit": "1"}).status_code, 404)
        report.refresh_from_db()
        self.assertEqual(report.status, UnitReport.Status.RETURNED)


class ReadonlyLeaderTests(ReportAccessTestCase):
    def test_the_readonly_leader_reads_ward_a_report_in_the_admin_and_the_api(self):
        self.returned_report(self.ward_a)
        path = f"/reports/{self.period.pk}/units/A"
        response = self.api("get", path, self.readonly_leader)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["status"], "returned")
        self.login(self.readonly_leader)
        page = self.client.get(self.unit_page("A"))
        self.assertEqual(page.status_code, 200)
        self.assertFalse(page.context["editable"])

    def test_every_write_of_the_readonly_leader_is_refused_in_the_admin_and_the_api(self):
        report = self.returned_report(self.ward_a)
        path = f"/reports/{self.period.pk}/units/A"
        response = self.api("post", f"{path}/submit", self.readonly_leader, {})
        self.assertEqual(response.status_code, 403)
        self.login(self.readonly_leader)
        self.assert_refused_in_admin(self.client.post(self.unit_page("A"), {"submit": "1"}))
        report.refresh_from_db()
        self.assertEqual(report.status, UnitReport.Status.RETURNED)
        report.status = UnitReport.Status.SUBMITTED
        report.save()
        review = reverse("reports_review_report", args=[report.pk])
        self.assert_refused_in_admin(self.client.post(review, {"decision": "accept"}))
        report.refresh_from_db()
        self.assertEqual(report.status, UnitReport.Status.SUBMITTED)
        with self.assertRaises(PermissionDenied):
            actions.review_report(report, accept=True, by=self.readonly_leader)


class ReadingNeverWritesTests(ReportAccessTestCase):
    def test_reading_a_report_not_opened_yet_creates_no_draft(self):
        path = f"/reports/{self.period.pk}/units/A"
        response = self.api("get", path, self.ward_a_officer)
        self.assertEqual(response.status_code, 200)
        body = response.json()
        received = next(i for i in body["indicators"] if i["code"] == "cases_received")
        self.assertEqual((body["status"], received["computed"], received["value"]), ("draft", 5, 5))
        self.login(self.ward_a_officer)
        page = self.client.get(self.unit_page("A"))
        self.assertEqual(page.status_code, 200)
        self.assertTrue(page.context["editable"])
        self.assertEqual((UnitReport.objects.count(), ReportValue.objects.count()), (0, 0))

    def test_a_neighbourhood_does_not_report_in_the_city_period(self):
        path = f"/reports/{self.period.pk}/units/A1"
        self.assertEqual(self.api("get", path, self.ward_a_officer).status_code, 404)
        self.assertEqual(self.api("post", f"{path}/submit", self.ward_a_officer).status_code, 404)
        self.login(self.ward_a_officer)
        self.assertEqual(self.client.get(self.unit_page("A1")).status_code, 404)
        self.assertEqual(UnitReport.objects.count(), 0)

    def test_the_draft_is_made_by_the_first_save(self):
        self.login(self.ward_a_officer)
        response = self.client.post(self.unit_page("A"), {"value_trainings": "3"})
        self.assertRedirects(response, self.unit_page("A"))
        report = UnitReport.objects.get(unit=self.ward_a, organisation=None)
        self.assertEqual(report.values.get(code="trainings").value, 3)
        self.assertEqual(report.values.get(code="cases_received").computed, 5)


class ReviewTests(ReportAccessTestCase):
    def submitted_report(self, unit):
        report = self.returned_report(unit)
        report.status = UnitReport.Status.SUBMITTED
        report.save()
        return report

    def test_ward_a_leader_cannot_accept_ward_a_own_report_to_the_city(self):
        report = self.submitted_report(self.ward_a)
        self.login(self.ward_a_leader)
        page = self.client.get(self.unit_page("A"))
        self.assertFalse(page.context["can_review"])
        review = reverse("reports_review_report", args=[report.pk])
        self.assert_refused_in_admin(self.client.post(review, {"decision": "accept"}))
        with self.assertRaises(PermissionDenied):
            actions.review_report(report, accept=True, by=self.ward_a_leader)
        report.refresh_from_db()
        self.assertEqual(report.status, UnitReport.Status.SUBMITTED)

    def test_the_city_specialist_returns_ward_a_report(self):
        report = self.submitted_report(self.ward_a)
        self.login(self.city_specialist)
        self.assertTrue(self.client.get(self.unit_page("A")).context["can_review"])
        review = reverse("reports_review_report", args=[report.pk])
        self.client.post(review, {"decision": "return", "comment": "Bổ sung"})
        report.refresh_from_db()
        self.assertEqual(report.status, UnitReport.Status.RETURNED)


class CompileTests(ReportAccessTestCase):
    def test_the_readonly_leader_can_neither_generate_the_review_nor_refresh_the_figures(self):
        path = f"/reports/{self.period.pk}/review?unit=C1"
        self.assertEqual(self.api("post", path, self.readonly_leader).status_code, 403)
        self.login(self.readonly_leader)
        start = reverse("reports_start_review", args=[self.period.pk])
        self.assert_refused_in_admin(self.client.post(start, {"unit": "C1"}))
        refresh = reverse("reports_refresh", args=[self.period.pk])
        self.assert_refused_in_admin(self.client.post(refresh))
        with self.assertRaises(PermissionDenied):
            actions.start_review(self.period, self.city, by=self.readonly_leader)
        with self.assertRaises(PermissionDenied):
            actions.refresh_figures(self.period, by=self.readonly_leader)
        self.assertFalse(ReviewReport.objects.exists())

    def test_ward_a_leader_generates_ward_a_review_but_not_the_city_one(self):
        path = f"/reports/{self.period.pk}/review"
        response = self.api("post", f"{path}?unit=A", self.ward_a_leader)
        self.assertEqual(response.status_code, 202)
        self.assertEqual(self.api("post", f"{path}?unit=C1", self.ward_a_leader).status_code, 404)
        self.assertEqual(list(ReviewReport.objects.values_list("unit__code", flat=True)), ["A"])
