from datetime import date

from django.core.cache import cache
from django.test import TestCase

from dvs.workdays import calendar
from dvs.workdays.models import CalendarDay, CalendarDecision


def decision(year=2026, number="99/TEST", **fields):
    return CalendarDecision.objects.create(year=year, number=number, title="Thử", **fields)


class CalendarTestCase(TestCase):
    """Each test starts and ends with no kept years: a rolled-back CalendarDay sends no
    post_delete signal, so a year built during one test must not leak into the next."""

    def setUp(self):
        calendar.invalidate()

    def tearDown(self):
        calendar.invalidate()


class LunarHolidayTests(CalendarTestCase):
    def entry(self, day):
        return {e.date: e for e in calendar.entries(day.year)}[day]

    def test_tet_is_computed_for_utc_plus_7_not_the_chinese_calendar(self):
        # Chinese (UTC+8) calendars put the 2030 lunar new year on 03/02.
        self.assertEqual(self.entry(date(2030, 2, 2)).name, "Tết Nguyên Đán")
        self.assertEqual(self.entry(date(2030, 2, 3)).name, "Mùng hai Tết Nguyên Đán")

    def test_lunar_new_year_and_hung_kings_day_2025_to_2030(self):
        tet = [date(2025, 1, 29), date(2026, 2, 17), date(2027, 2, 6), date(2028, 1, 26),
               date(2029, 2, 13), date(2030, 2, 2)]  # fmt: skip
        hung_kings = [date(2025, 4, 7), date(2026, 4, 26), date(2027, 4, 16), date(2028, 4, 4),
                      date(2029, 4, 23), date(2030, 4, 12)]  # fmt: skip
        for day in tet:
            with self.subTest(day=day):
                self.assertEqual(self.entry(day).name, "Tết Nguyên Đán")
                self.assertEqual(self.entry(day).kind, calendar.HOLIDAY)
                self.assertIn(day, calendar.days_off(day.year))
        for day in hung_kings:
            with self.subTest(day=day):
                self.assertEqual(self.entry(day).name, "Ngày Giỗ Tổ Hùng Vương")

    def test_tet_2026_is_nine_days_off_from_14_to_22_february(self):
        off = calendar.days_off(2026)
        for day in range(14, 23):
            self.assertIn(date(2026, 2, day), off)
        self.assertTrue(calendar.is_working_day(date(2026, 2, 13)))
        self.assertTrue(calendar.is_working_day(date(2026, 2, 23)))

    def test_hung_kings_day_on_sunday_2026_gives_monday_off(self):
        self.assertEqual(self.entry(date(2026, 4, 26)).kind, calendar.HOLIDAY)
        monday = self.entry(date(2026, 4, 27))
        self.assertEqual(monday.kind, calendar.COMPENSATORY)
        self.assertFalse(calendar.is_working_day(date(2026, 4, 27)))

    def test_national_day_2026_swaps_saturday_22_august_for_monday_31_august(self):
        self.assertTrue(calendar.is_working_day(date(2026, 8, 22)))
        self.assertEqual(self.entry(date(2026, 8, 22)).kind, calendar.WORKING)
        self.assertIn("31/08/2026", str(self.entry(date(2026, 8, 22)).name))
        self.assertEqual(self.entry(date(2026, 8, 31)).kind, calendar.DAY_OFF)
        for day in (date(2026, 8, 29), date(2026, 8, 31), date(2026, 9, 1), date(2026, 9, 2)):
            self.assertFalse(calendar.is_working_day(day), day)
        self.assertTrue(calendar.is_working_day(date(2026, 9, 3)))

    def test_swapped_saturday_in_the_year_before_its_holiday(self):
        # 2/1/2015 off in exchange for Saturday 27/12/2014.
        self.assertTrue(calendar.is_working_day(date(2014, 12, 27)))
        self.assertFalse(calendar.is_working_day(date(2015, 1, 2)))

    def test_years_outside_the_supported_range_are_refused(self):
        with self.assertRaises(ValueError):
            calendar.days_off(1999)
        with self.assertRaises(ValueError):
            calendar.entries(2100)


class ArithmeticTests(CalendarTestCase):
    def test_add_working_days_skips_tet_2026_and_does_not_count_the_start(self):
        # Thu 12/2: Fri 13 is 1, Tết 14-22, then 23, 24, 25, 26, 27, 2/3, 3/3, 4/3, 5/3.
        self.assertEqual(calendar.add_working_days(date(2026, 2, 12), 1), date(2026, 2, 13))
        self.assertEqual(calendar.add_working_days(date(2026, 2, 12), 2), date(2026, 2, 23))
        self.assertEqual(calendar.add_working_days(date(2026, 2, 12), 10), date(2026, 3, 5))
        self.assertEqual(calendar.add_working_days(date(2026, 2, 12), 0), date(2026, 2, 12))
        self.assertEqual(calendar.add_working_days(date(2026, 2, 23), -1), date(2026, 2, 13))

    def test_add_calendar_days_moves_an_end_on_a_day_off_to_the_next_working_day(self):
        # 22/1 + 30 = Saturday 21/2, inside Tết: ends Monday 23/2 (Civil Code Art. 148(5)).
        self.assertEqual(calendar.add_calendar_days(date(2026, 1, 22), 30), date(2026, 2, 23))
        # 2/8 + 30 = Tuesday 1/9, Quốc khánh: ends Thursday 3/9.
        self.assertEqual(calendar.add_calendar_days(date(2026, 8, 2), 30), date(2026, 9, 3))
        # An end on a working day stays.
        self.assertEqual(calendar.add_calendar_days(date(2026, 3, 2), 30), date(2026, 4, 1))

    def test_working_days_between_is_the_inverse_of_add_working_days_across_years(self):
        start = date(2026, 12, 20)
        for n in (0, 1, 5, 10, 40, 300):
            with self.subTest(n=n):
                end = calendar.add_working_days(start, n)
                self.assertEqual(calendar.working_days_between(start, end), n)
                self.assertEqual(calendar.working_days_between(end, start), -n)

    def test_working_days_between_counts_a_year_of_working_days(self):
        # 2026 has 261 weekdays; 14 of them are days off (1/1; 2/1; 16-20/2; 27/4; 30/4;
        # 1/5; 31/8; 1/9; 2/9; 24/11) and Saturdays 10/1 and 22/8 are worked: 249 working
        # days.
        weekdays_off = sorted(d for d in calendar.days_off(2026) if d.weekday() < 5)
        self.assertEqual(len(weekdays_off), 14)
        self.assertEqual(calendar.working_days_between(date(2025, 12, 31), date(2026, 12, 31)), 249)


class DecisionTests(CalendarTestCase):
    def test_an_added_day_off_changes_results_and_the_cache_follows(self):
        self.assertEqual(calendar.add_working_days(date(2026, 6, 1), 3), date(2026, 6, 4))
        day = CalendarDay.objects.create(
            decision=decision(), date=date(2026, 6, 3), name="Nghỉ thêm", kind="day_off"
        )
        self.assertFalse(calendar.is_working_day(date(2026, 6, 3)))
        self.assertEqual(calendar.add_working_days(date(2026, 6, 1), 3), date(2026, 6, 5))
        day.delete()
        self.assertEqual(calendar.add_working_days(date(2026, 6, 1), 3), date(2026, 6, 4))

    def test_a_decision_replaces_the_computed_entry_of_its_date(self):
        CalendarDay.objects.create(
            decision=decision(number="7/TB-GIẢĐỊNH", issued_on=date(2026, 10, 1)),
            date=date(2026, 11, 24),
            name="Ngày Văn hóa Việt Nam (làm việc)",
            kind=CalendarDay.Kind.WORKING,
        )
        self.assertTrue(calendar.is_working_day(date(2026, 11, 24)))
        entry = {e.date: e for e in calendar.entries(2026)}[date(2026, 11, 24)]
        self.assertEqual(entry.source, calendar.DECISION)
        self.assertEqual(entry.decision, "7/TB-GIẢĐỊNH (01/10/2026)")

    def test_a_declared_working_saturday_is_a_working_day(self):
        saturday = date(2027, 2, 20)
        self.assertFalse(calendar.is_working_day(saturday))
        CalendarDay.objects.create(
            decision=decision(2027), date=saturday, name="Làm bù", kind="working"
        )
        self.assertTrue(calendar.is_working_day(saturday))

    def test_a_built_year_is_answered_without_queries(self):
        calendar.days_off(2026)
        with self.assertNumQueries(0):
            for _ in range(1000):
                calendar.is_working_day(date(2026, 5, 4))
            calendar.working_days_between(date(2026, 1, 1), date(2026, 12, 31))

    def test_a_change_made_by_another_process_is_seen_after_the_check_interval(self):
        calendar.days_off(2026)
        cache.set(calendar._VERSION_KEY, "changed elsewhere")
        calendar._state["checked"] = float("-inf")  # the interval has passed
        with self.assertNumQueries(2):  # the year's decided days and withdrawn holidays
            calendar.days_off(2026)
        with self.assertNumQueries(0):
            calendar.days_off(2026)
