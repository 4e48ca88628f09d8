from django.urls import reverse

from dvs.testing import BaseTestCase
from dvs.workdays import calendar
from dvs.workdays.models import CalendarDay


class HolidaysApiTests(BaseTestCase):
    def setUp(self):
        calendar.invalidate()

    def tearDown(self):
        calendar.invalidate()

    def test_a_year_lists_holidays_compensatory_days_and_swapped_saturdays(self):
        response = self.api_get("/calendar/holidays", self.ward_a_officer, year="2026")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["year"], 2026)
        days = {day["date"]: day for day in body["days"]}
        self.assertEqual(days["2026-02-17"]["name"], "Tết Nguyên Đán")
        self.assertEqual(days["2026-02-17"]["kind"], "holiday")
        self.assertEqual(days["2026-04-27"]["kind"], "compensatory")
        self.assertEqual(days["2026-08-22"]["kind"], "working")
        self.assertFalse(days["2026-08-22"]["day_off"])
        self.assertEqual(days["2026-08-31"]["kind"], "day_off")
        self.assertTrue(all(day["source"] == "computed" for day in days.values()))
        self.assertNotIn("2026-02-14", days)  # a plain weekend is not listed

    def test_a_decision_shows_with_its_source(self):
        CalendarDay.objects.create(
            date="2027-02-11", name="Nghỉ Tết thêm", kind="day_off", decision="TB 1/BNV"
        )
        body = self.api_get("/calendar/holidays", self.city_leader, year="2027").json()
        day = next(d for d in body["days"] if d["date"] == "2027-02-11")
        self.assertEqual((day["source"], day["decision"]), ("decision", "TB 1/BNV"))

    def test_a_bad_year_is_refused_in_vietnamese(self):
        for year in ("abc", "1800", "2100"):
            with self.subTest(year=year):
                response = self.api_get("/calendar/holidays", self.ward_a_officer, year=year)
                self.assertEqual(response.status_code, 400)
                self.assertIn("Năm", response.json()["detail"])
        missing = self.api_get("/calendar/holidays", self.ward_a_officer)
        self.assertEqual(missing.status_code, 422)

    def test_anonymous_callers_get_401(self):
        self.assertEqual(self.api_get("/calendar/holidays", year="2026").status_code, 401)


class CalendarDayAdminTests(BaseTestCase):
    def tearDown(self):
        calendar.invalidate()

    def test_a_system_administrator_adds_a_decision_in_the_admin(self):
        self.login(self.admin)
        self.assertEqual(self.client.get(reverse("calendarday:index")).status_code, 200)
        response = self.client.post(
            reverse("calendarday:add"),
            {
                "date": "2027-02-20",
                "name": "Làm bù Tết",
                "kind": "working",
                "decision": "",
                "note": "",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(calendar.is_working_day(CalendarDay.objects.get().date))

    def test_other_roles_cannot_open_the_list(self):
        self.login(self.city_leader)
        response = self.client.get(reverse("calendarday:index"))
        self.assertEqual(response.status_code, 302)  # to the dashboard: no permission
