"""Issue 12, points 1 and 2: the yearly decisions as data, the warning when next year's
is missing, provisional deadlines, and the 24/11 day without a confirmed legal basis."""

from datetime import date

from django.urls import reverse

from dvs.cases import deadlines, workflow
from dvs.cases.tests.helpers import receive
from dvs.testing import BaseTestCase
from dvs.workdays import calendar
from dvs.workdays.models import CalendarDay, CalendarDecision, WithdrawnHoliday
from dvs.workdays.wagtail_hooks import CalendarWarningPanel, add_calendar_warning


class CalendarTestCase(BaseTestCase):
    def setUp(self):
        calendar.invalidate()

    def tearDown(self):
        calendar.invalidate()

    def post_api(self, path, user, payload):
        return self.client.post(
            f"/api/v1{path}",
            payload,
            content_type="application/json",
            headers={"Authorization": f"Bearer {self.token_for(user)}"},
        )

    def decide_2027(self):
        decision = CalendarDecision.objects.create(
            year=2027, number="1/TB-BNV", issuer="Bộ Nội vụ", title="Nghỉ Tết 2027"
        )
        CalendarDay.objects.create(
            decision=decision, date=date(2027, 2, 4), name="29 Tết", kind="compensatory"
        )
        return decision


class HeldOutDatesThroughTheApiTests(CalendarTestCase):
    """The New Year 2026 swap (12729/VPCP-KGVX): off Friday 2/1, worked Saturday 10/1."""

    def test_a_complaint_received_23_december_2025_is_accepted_by_8_january_2026(self):
        # 10 working days (2012 rules): 24, 25, 26, 29, 30, 31/12, (1/1, 2/1 off), 5, 6,
        # 7, 8/1. The package alone would count Friday 2/1 and give 7/1.
        created = self.post_api(
            "/cases",
            self.ward_a_reception_officer,
            {
                "kind": "complaint",
                "received_on": "2025-12-23",
                "unit": "A1",
                "content": "Khiếu nại quyết định thu hồi đất.",
                "petitioner_name": "Đỗ Văn Khiếu",
            },
        )
        self.assertEqual(created.status_code, 201, created.content)
        self.assertEqual(created.json()["deadlines"]["rules"], "2012")
        self.assertEqual(created.json()["deadlines"]["accept_by"], "2026-01-08")
        self.assertFalse(created.json()["deadlines"]["provisional"])

    def test_a_denunciation_accepted_3_december_2025_is_resolved_by_5_january_2026(self):
        # 30 days: Friday 2/1/2026, a day off by the decision; the weekend; Monday 5/1.
        created = self.post_api(
            "/cases",
            self.ward_a_reception_officer,
            {
                "kind": "denunciation",
                "received_on": "2025-12-01",
                "unit": "A1",
                "content": "Tố cáo hành vi lấn chiếm đất công.",
                "anonymous": True,
            },
        )
        self.assertEqual(created.status_code, 201, created.content)
        accepted = self.post_api(
            f"/cases/{created.json()['id']}/accept",
            self.ward_a_reception_officer,
            {"accepted_on": "2025-12-03", "complexity": "normal"},
        )
        self.assertEqual(accepted.status_code, 200, accepted.content)
        self.assertEqual(accepted.json()["deadlines"]["resolve_by"], "2026-01-05")


class NovemberWarningTests(CalendarTestCase):
    def test_from_1_november_administrators_are_warned_that_next_year_has_no_decision(self):
        self.assertEqual(calendar.undecided_years(date(2026, 10, 31)), [])
        self.assertEqual(calendar.undecided_years(date(2026, 11, 1)), [2027])
        self.assertEqual(
            CalendarWarningPanel(self.admin, today=date(2026, 10, 31)).render_html(), ""
        )
        html = CalendarWarningPanel(self.admin, today=date(2026, 11, 1)).render_html()
        self.assertIn("2027", html)
        self.assertIn(reverse("calendardecision:add"), html)

    def test_the_warning_goes_once_the_decision_is_entered(self):
        self.decide_2027()
        self.assertEqual(calendar.undecided_years(date(2026, 12, 7)), [])
        self.assertEqual(
            CalendarWarningPanel(self.admin, today=date(2026, 12, 7)).render_html(), ""
        )

    def test_a_year_still_without_a_decision_is_warned_about_all_year(self):
        self.assertEqual(calendar.undecided_years(date(2027, 3, 1)), [2027])
        self.assertEqual(calendar.undecided_years(date(2027, 11, 2)), [2027, 2028])

    def test_years_before_2024_count_as_decided(self):
        self.assertTrue(calendar.is_decided(2019))
        self.assertTrue(calendar.is_decided(2024))
        self.assertTrue(calendar.is_decided(2026))
        self.assertFalse(calendar.is_decided(2027))

    def test_only_those_who_enter_decisions_see_it(self):
        for user in (self.city_leader, self.ward_a_officer):
            panel = CalendarWarningPanel(user, today=date(2026, 11, 1))
            self.assertEqual(panel.render_html(), "")

    def test_the_panel_is_on_the_back_office_home(self):
        panels = []
        add_calendar_warning(type("Request", (), {"user": self.admin})(), panels)
        self.assertIsInstance(panels[0], CalendarWarningPanel)
        self.login(self.admin)
        self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 200)


class ProvisionalDeadlineTests(CalendarTestCase):
    def test_the_engine_marks_deadlines_reaching_into_an_undecided_year(self):
        inside = deadlines.compute(
            deadlines.CaseFacts("complaint", date(2026, 3, 2), accepted_on=date(2026, 3, 4))
        )
        self.assertFalse(inside.provisional)
        # Accepted 2/12/2026: + 30 days = 1/1/2027, a holiday; ends Monday 4/1/2027.
        across = deadlines.compute(
            deadlines.CaseFacts("complaint", date(2026, 12, 1), accepted_on=date(2026, 12, 2))
        )
        self.assertEqual(across.resolve_by, date(2027, 1, 4))
        self.assertTrue(across.provisional)
        self.decide_2027()
        again = deadlines.compute(
            deadlines.CaseFacts("complaint", date(2026, 12, 1), accepted_on=date(2026, 12, 2))
        )
        self.assertFalse(again.provisional)

    def test_the_case_api_and_page_show_the_mark(self):
        case = receive(self.ward_a, received_on=date(2026, 12, 1))
        workflow.accept(case, by=self.ward_a_reception_officer, accepted_on=date(2026, 12, 2))
        body = self.api_get(f"/cases/{case.pk}", self.ward_a_reception_officer).json()
        self.assertEqual(body["deadlines"]["resolve_by"], "2027-01-04")
        self.assertTrue(body["deadlines"]["provisional"])
        self.login(self.ward_a_reception_officer)
        page = self.client.get(reverse("case:inspect", args=[case.pk])).content.decode()
        self.assertIn("dvs-provisional", page)
        self.assertIn("ngày lễ luật định", page)

        self.decide_2027()
        body = self.api_get(f"/cases/{case.pk}", self.ward_a_reception_officer).json()
        self.assertFalse(body["deadlines"]["provisional"])
        page = self.client.get(reverse("case:inspect", args=[case.pk])).content.decode()
        self.assertNotIn("dvs-provisional", page)


class CultureDayTests(CalendarTestCase):
    """24/11 Ngày Văn hóa Việt Nam: kept as a day off, marked unconfirmed; an
    administrator may switch it off for a year."""

    def test_switching_24_november_off_changes_deadlines_and_the_listing(self):
        # 2026-07 rules, 7 working days from Tuesday 17/11: 18, 19, 20, 23, (24 off), 25,
        # 26, 27 → 27/11; with 24/11 a working day → 26/11.
        facts = deadlines.CaseFacts("complaint", date(2026, 11, 17))
        self.assertEqual(deadlines.compute(facts).accept_by, date(2026, 11, 27))
        self.login(self.admin)
        page = reverse("workdays_calendar", args=[2026])
        response = self.client.post(page, {"action": "withdraw", "holiday": "culture_day"})
        self.assertRedirects(response, page)
        self.assertTrue(WithdrawnHoliday.objects.filter(year=2026).exists())
        self.assertTrue(calendar.is_working_day(date(2026, 11, 24)))
        self.assertEqual(deadlines.compute(facts).accept_by, date(2026, 11, 26))
        entry = {e.date: e for e in calendar.entries(2026)}[date(2026, 11, 24)]
        self.assertEqual((entry.kind, entry.withdrawn), ("working", True))
        # Only that year.
        self.assertFalse(calendar.is_working_day(date(2027, 11, 24)))
        # And back.
        self.client.post(page, {"action": "restore", "holiday": "culture_day"})
        self.assertFalse(calendar.is_working_day(date(2026, 11, 24)))
        self.assertEqual(deadlines.compute(facts).accept_by, date(2026, 11, 27))

    def test_on_a_weekend_its_compensatory_day_goes_too(self):
        # 24/11/2029 is a Saturday: the package gives Monday 26/11 off.
        self.assertFalse(calendar.is_working_day(date(2029, 11, 26)))
        WithdrawnHoliday.objects.create(year=2029, holiday="culture_day")
        self.assertTrue(calendar.is_working_day(date(2029, 11, 26)))
        self.assertFalse(calendar.is_working_day(date(2029, 11, 24)))  # still a Saturday
        self.assertNotIn(date(2029, 11, 24), [e.date for e in calendar.entries(2029)])

    def test_other_roles_cannot_switch_it_off(self):
        self.login(self.city_leader)
        response = self.client.post(
            reverse("workdays_calendar", args=[2026]),
            {"action": "withdraw", "holiday": "culture_day"},
        )
        self.assertEqual(response.status_code, 302)  # Wagtail: back to the dashboard
        self.assertFalse(WithdrawnHoliday.objects.exists())
        self.assertFalse(calendar.is_working_day(date(2026, 11, 24)))

    def test_a_year_without_the_day_cannot_switch_it_off(self):
        self.login(self.admin)
        self.client.post(
            reverse("workdays_calendar", args=[2025]),
            {"action": "withdraw", "holiday": "culture_day"},
        )
        self.assertFalse(WithdrawnHoliday.objects.exists())

    def test_the_holidays_page_lists_each_day_with_its_legal_basis(self):
        self.login(self.city_leader)
        page = self.client.get(reverse("workdays_calendar", args=[2026]))
        self.assertEqual(page.status_code, 200)
        html = page.content.decode()
        self.assertIn("12729/VPCP-KGVX", html)
        self.assertIn("45/2019/QH14", html)
        self.assertIn("Điều 111 khoản 3", html)
        self.assertIn("80-NQ/TW", html)
        self.assertIn("02/01/2026", html)
        self.assertNotIn('value="withdraw"', html)  # not an administrator
        self.login(self.admin)
        html = self.client.get(reverse("workdays_calendar", args=[2026])).content.decode()
        self.assertIn('value="withdraw"', html)
        html = self.client.get(reverse("workdays_calendar", args=[2027])).content.decode()
        self.assertIn("ngày lễ luật định", html)
