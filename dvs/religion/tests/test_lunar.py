"""Lunar dates as solar ones (dvs.workdays.lunar) and GET /api/v1/calendar/lunar: the
festival example of the design doc, leap months, and days that do not exist."""

import datetime

from django.test import SimpleTestCase

from dvs.testing import BaseTestCase
from dvs.workdays import lunar

D = datetime.date


class LunarTests(SimpleTestCase):
    def test_10_3_of_2026_is_26_april(self):
        self.assertEqual(lunar.to_solar(10, 3, 2026), D(2026, 4, 26))

    def test_new_year_and_the_lunar_year_crossing_the_solar_one(self):
        self.assertEqual(lunar.to_solar(1, 1, 2026), D(2026, 2, 17))
        # The twelfth month of lunar 2026 runs in January–February 2027.
        self.assertEqual(lunar.to_solar(1, 12, 2026).year, 2027)

    def test_leap_month(self):
        # 2025 (Ất Tỵ) has a leap sixth month.
        leap = lunar.to_solar(1, 6, 2025, leap=True)
        ordinary = lunar.to_solar(1, 6, 2025)
        self.assertEqual(leap, D(2025, 7, 25))
        self.assertIn((leap - ordinary).days, (29, 30))  # the ordinary sixth month first
        self.assertEqual(lunar.to_lunar(leap), (1, 6, 2025, True))
        with self.assertRaises(lunar.LunarDateError):
            lunar.to_solar(1, 6, 2026, leap=True)  # 2026 has no leap month
        with self.assertRaises(lunar.LunarDateError):
            lunar.to_solar(1, 5, 2025, leap=True)

    def test_the_30th_of_a_29_day_month_does_not_exist(self):
        self.assertEqual(lunar.to_solar(30, 1, 2026), D(2026, 3, 18))
        with self.assertRaises(lunar.LunarDateError):
            lunar.to_solar(30, 2, 2026)

    def test_out_of_range(self):
        for args in (
            (0, 1, 2026),
            (31, 1, 2026),
            (1, 13, 2026),
            (1, 0, 2026),
            (1, 1, 1900),
            (1, 1, 2100),
        ):
            with self.subTest(args=args), self.assertRaises(lunar.LunarDateError):
                lunar.to_solar(*args)

    def test_a_yearly_festival_keeps_its_day_when_the_month_is_short_or_not_leap(self):
        self.assertEqual(lunar.festival_day(30, 2, 2026), D(2026, 4, 16))  # on the 29th
        self.assertEqual(lunar.festival_day(1, 6, 2026, leap=True), lunar.to_solar(1, 6, 2026))
        self.assertEqual(lunar.festival_day(1, 6, 2025, leap=True), D(2025, 7, 25))


class LunarApiTests(BaseTestCase):
    def test_the_solar_date(self):
        response = self.api_get("/calendar/lunar", self.ward_a_officer, day=10, month=3, year=2026)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"date": "2026-04-26"})
        leap = self.api_get("/calendar/lunar", self.citizen, day=1, month=6, year=2025, leap=1)
        self.assertEqual(leap.json(), {"date": "2025-07-25"})

    def test_a_day_that_does_not_exist_is_422_in_vietnamese(self):
        response = self.api_get("/calendar/lunar", self.ward_a_officer, day=30, month=2, year=2026)
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["detail"], str(_message(30, 2, 2026)))
        no_leap = self.api_get(
            "/calendar/lunar", self.ward_a_officer, day=1, month=6, year=2026, leap=1
        )
        self.assertEqual(no_leap.status_code, 422)
        self.assertIn("2026", no_leap.json()["detail"])
        for params in (
            {"day": 1, "month": 13, "year": 2026},
            {"day": "x", "month": 1, "year": 2026},
            {"day": 1, "month": 1},
        ):
            with self.subTest(params=params):
                response = self.api_get("/calendar/lunar", self.ward_a_officer, **params)
                self.assertEqual(response.status_code, 422)

    def test_anonymous_callers_are_refused(self):
        self.assertEqual(
            self.api_get("/calendar/lunar", day=1, month=1, year=2026).status_code, 401
        )


def _message(day, month, year):
    try:
        lunar.to_solar(day, month, year)
    except lunar.LunarDateError as error:
        return error
