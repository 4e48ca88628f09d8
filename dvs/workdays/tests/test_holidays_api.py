from django.urls import reverse

from dvs.testing import BaseTestCase
from dvs.workdays import calendar
from dvs.workdays.models import CalendarDay, CalendarDecision


class HolidaysApiTests(BaseTestCase):
    def setUp(self):
        calendar.invalidate()

    def tearDown(self):
        calendar.invalidate()

    def days(self, year, user=None):
        response = self.api_get("/calendar/holidays", user or self.ward_a_officer, year=str(year))
        self.assertEqual(response.status_code, 200)
        return response.json(), {day["date"]: day for day in response.json()["days"]}

    def test_a_year_lists_holidays_compensatory_days_and_swapped_saturdays(self):
        body, days = self.days(2026)
        self.assertEqual(body["year"], 2026)
        self.assertEqual(days["2026-02-17"]["name"], "Tết Nguyên Đán")
        self.assertEqual(days["2026-02-17"]["kind"], "holiday")
        self.assertEqual(days["2026-04-27"]["kind"], "compensatory")
        self.assertEqual(days["2026-08-22"]["kind"], "working")
        self.assertFalse(days["2026-08-22"]["day_off"])
        self.assertEqual(days["2026-08-31"]["kind"], "day_off")
        self.assertNotIn("2026-02-14", days)  # a plain weekend is not listed

    def test_every_day_carries_its_legal_basis(self):
        body, days = self.days(2026)
        self.assertTrue(body["decided"])
        # A statutory holiday: the Labour Code, Art. 112.
        self.assertEqual(days["2026-04-30"]["source"], "computed")
        self.assertIn("45/2019/QH14", days["2026-04-30"]["basis"])
        self.assertIn("112", days["2026-04-30"]["basis"])
        # A compensatory day for a holiday on Sunday: Art. 111(3).
        self.assertIn("Điều 111 khoản 3", days["2026-04-27"]["basis"])
        # The New Year swap only the decision knows: its number.
        for day in ("2026-01-02", "2026-01-10"):
            self.assertEqual(days[day]["source"], "decision")
            self.assertIn("12729/VPCP-KGVX", days[day]["basis"])
            self.assertEqual(days[day]["confidence"], "C3")
        self.assertTrue(days["2026-01-02"]["day_off"])
        self.assertFalse(days["2026-01-10"]["day_off"])
        # A Tết day the decision confirms: the Labour Code and the decision.
        self.assertEqual(days["2026-02-17"]["source"], "decision")
        self.assertIn("112", days["2026-02-17"]["basis"])
        self.assertIn("chưa xác minh số văn bản", days["2026-02-17"]["basis"])
        # 24/11: the package adds it, no confirmed legal basis.
        culture = days["2026-11-24"]
        self.assertTrue(culture["day_off"])
        self.assertFalse(culture["confirmed"])
        self.assertEqual(culture["confidence"], "NF")
        self.assertIn("80-NQ/TW", culture["basis"])
        self.assertIn("Chưa xác nhận được căn cứ pháp lý", culture["basis"])
        self.assertTrue(all(d["confirmed"] for k, d in days.items() if k != "2026-11-24"))

    def test_decisions_loaded_for_2024_and_2025_cite_their_numbers(self):
        _body, days = self.days(2024)
        self.assertIn("2450/VPCP-KGVX", days["2024-04-29"]["basis"])
        self.assertIn("12/04/2024", days["2024-05-04"]["basis"])
        _body, days = self.days(2025)
        self.assertIn("6150/TB-BLĐTBXH", days["2025-01-29"]["basis"])
        self.assertIn("chưa xác minh số văn bản", days["2025-05-02"]["basis"])

    def test_a_year_without_a_decision_says_so(self):
        body, days = self.days(2027)
        self.assertFalse(body["decided"])
        self.assertTrue(all(d["source"] == "computed" for d in days.values()))

    def test_a_decision_shows_with_its_source(self):
        decision = CalendarDecision.objects.create(
            year=2027, number="1/TB-BNV", issuer="Bộ Nội vụ", title="Tết 2027"
        )
        CalendarDay.objects.create(
            decision=decision, date="2027-02-11", name="Nghỉ Tết thêm", kind="day_off"
        )
        body, days = self.days(2027, self.city_leader)
        self.assertTrue(body["decided"])
        day = days["2027-02-11"]
        self.assertEqual((day["source"], day["decision"]), ("decision", "1/TB-BNV (Bộ Nội vụ)"))

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


class CalendarDecisionAdminTests(BaseTestCase):
    def setUp(self):
        calendar.invalidate()

    def tearDown(self):
        calendar.invalidate()

    def form(self, **fields):
        data = {
            "year": "2027",
            "number": "8888/VPCP-KGVX",
            "issuer": "Văn phòng Chính phủ",
            "issued_on": "2026-11-20",
            "title": "Nghỉ Tết Âm lịch 2027",
            "source": "chinhphu.vn",
            "confidence": "C",
            "note": "",
            "days-TOTAL_FORMS": "2",
            "days-INITIAL_FORMS": "0",
            "days-MIN_NUM_FORMS": "0",
            "days-MAX_NUM_FORMS": "1000",
            "days-0-date": "2027-02-11",
            "days-0-kind": "day_off",
            "days-0-name": "Nghỉ Tết thêm",
            "days-0-note": "",
            "days-0-ORDER": "1",
            "days-0-DELETE": "",
            "days-1-date": "2027-02-20",
            "days-1-kind": "working",
            "days-1-name": "Làm bù",
            "days-1-note": "",
            "days-1-ORDER": "2",
            "days-1-DELETE": "",
        }
        data.update(fields)
        return data

    def test_a_system_administrator_adds_next_years_decision_with_its_days(self):
        self.assertFalse(calendar.is_decided(2027))
        self.assertTrue(calendar.is_working_day(calendar.date(2027, 2, 11)))
        self.login(self.admin)
        self.assertEqual(self.client.get(reverse("calendardecision:index")).status_code, 200)
        self.assertEqual(self.client.get(reverse("calendardecision:add")).status_code, 200)
        response = self.client.post(reverse("calendardecision:add"), self.form())
        self.assertEqual(response.status_code, 302, response.content[:3000])
        decision = CalendarDecision.objects.get(number="8888/VPCP-KGVX")
        self.assertEqual(decision.days.count(), 2)
        self.assertTrue(calendar.is_decided(2027))
        self.assertFalse(calendar.is_working_day(calendar.date(2027, 2, 11)))
        self.assertTrue(calendar.is_working_day(calendar.date(2027, 2, 20)))  # a Saturday

    def test_a_loaded_decision_opens_with_its_days(self):
        decision = CalendarDecision.objects.get(number="12729/VPCP-KGVX")
        self.login(self.admin)
        page = self.client.get(reverse("calendardecision:edit", args=[decision.pk]))
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "Ngày làm việc (thay cho ngày 02/01/2026)")  # its day, inline
        listing = self.client.get(reverse("calendardecision:index"))
        self.assertContains(listing, "12729/VPCP-KGVX")
        self.assertContains(listing, "6150/TB-BLĐTBXH")

    def test_a_day_outside_the_decisions_year_is_refused(self):
        self.login(self.admin)
        response = self.client.post(
            reverse("calendardecision:add"), self.form(**{"days-0-date": "2029-02-11"})
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(CalendarDecision.objects.filter(number="8888/VPCP-KGVX").exists())

    def test_other_roles_cannot_open_or_add(self):
        for user in (self.city_leader, self.ward_a_officer):
            with self.subTest(user=user.username):
                self.login(user)
                listing = self.client.get(reverse("calendardecision:index"))
                self.assertEqual(listing.status_code, 302)  # to the dashboard: no permission
                added = self.client.post(reverse("calendardecision:add"), self.form())
                self.assertEqual(added.status_code, 302)
        self.assertFalse(CalendarDecision.objects.filter(number="8888/VPCP-KGVX").exists())
        self.assertFalse(calendar.is_decided(2027))
