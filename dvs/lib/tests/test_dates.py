import unicodedata
from datetime import date, datetime

from django.test import SimpleTestCase

from dvs.lib.dates import format_date, parse_birth

TODAY = date(2025, 6, 1)


def birth(value, today=TODAY):
    return parse_birth(value, today=today)


class ParseBirthErrorMixin:
    def assertBirthError(self, value, code, today=TODAY):
        with self.assertRaises(ValueError) as caught:
            parse_birth(value, today=today)
        self.assertEqual(caught.exception.args[0], code)


class DateValueTests(SimpleTestCase):
    def test_a_date_cell_is_taken_as_it_is(self):
        self.assertEqual(birth(date(1985, 3, 12)), (date(1985, 3, 12), 1985))

    def test_a_datetime_cell_drops_its_time_of_day(self):
        self.assertEqual(birth(datetime(1985, 3, 12, 14, 30)), (date(1985, 3, 12), 1985))

    def test_a_birth_today_is_accepted(self):
        self.assertEqual(birth(TODAY), (TODAY, 2025))

    def test_today_may_be_given_as_a_datetime(self):
        self.assertEqual(parse_birth("01/06/2025", today=datetime(2025, 6, 1, 8)), (TODAY, 2025))

    def test_today_defaults_to_the_current_date(self):
        now = date.today()
        self.assertEqual(parse_birth(now), (now, now.year))


class ExcelSerialTests(SimpleTestCase, ParseBirthErrorMixin):
    def test_an_excel_serial_number_is_a_date_in_the_1900_system(self):
        self.assertEqual(birth(31118), (date(1985, 3, 12), 1985))
        self.assertEqual(birth(25569), (date(1970, 1, 1), 1970))
        self.assertEqual(birth(36526), (date(2000, 1, 1), 2000))

    def test_a_float_serial_drops_the_time_of_day(self):
        self.assertEqual(birth(31118.75), (date(1985, 3, 12), 1985))

    def test_serial_1_is_the_first_of_january_1900(self):
        self.assertEqual(birth(1), (date(1900, 1, 1), 1900))

    def test_serial_59_is_the_last_real_day_of_february_1900(self):
        self.assertEqual(birth(59), (date(1900, 2, 28), 1900))

    def test_serial_60_is_excels_fake_29_february_1900(self):
        self.assertBirthError(60, "invalid_date")
        self.assertBirthError(60.0, "invalid_date")

    def test_serial_61_is_the_first_of_march_1900(self):
        self.assertEqual(birth(61), (date(1900, 3, 1), 1900))

    def test_serial_10000_and_above_are_dates_not_years(self):
        self.assertEqual(birth(10000), (date(1927, 5, 18), 1927))

    def test_a_serial_after_today_is_in_the_future(self):
        self.assertEqual(birth(45809), (TODAY, 2025))
        self.assertBirthError(45810, "future")

    def test_zero_and_negative_numbers_are_unparsable(self):
        self.assertBirthError(0, "unparsable")
        self.assertBirthError(-31118, "unparsable")

    def test_infinity_and_numbers_beyond_the_calendar_are_unparsable(self):
        self.assertBirthError(float("inf"), "unparsable")
        self.assertBirthError(10**9, "unparsable")

    def test_true_and_false_are_not_numbers(self):
        self.assertBirthError(True, "unparsable")


class TextDateTests(SimpleTestCase, ParseBirthErrorMixin):
    def test_day_first_with_slashes(self):
        self.assertEqual(birth("12/03/1985"), (date(1985, 3, 12), 1985))

    def test_day_and_month_may_have_one_digit(self):
        self.assertEqual(birth("2/3/1985"), (date(1985, 3, 2), 1985))

    def test_day_first_with_dashes(self):
        self.assertEqual(birth("12-03-1985"), (date(1985, 3, 12), 1985))

    def test_day_first_with_dots(self):
        self.assertEqual(birth("12.03.1985"), (date(1985, 3, 12), 1985))

    def test_the_day_comes_first_even_when_it_could_be_a_month(self):
        self.assertEqual(birth("05/04/1985"), (date(1985, 4, 5), 1985))

    def test_mixed_separators_are_unparsable(self):
        self.assertBirthError("12/03-1985", "unparsable")

    def test_iso_dates_are_year_first(self):
        self.assertEqual(birth("1985-03-12"), (date(1985, 3, 12), 1985))

    def test_iso_dates_with_a_time_of_day_drop_it(self):
        self.assertEqual(birth("1985-03-12 00:00:00"), (date(1985, 3, 12), 1985))

    def test_surrounding_white_space_is_ignored(self):
        self.assertEqual(birth("  12/03/1985 \n"), (date(1985, 3, 12), 1985))

    def test_a_blank_cell_has_no_date_and_no_year(self):
        self.assertEqual(birth(None), (None, None))
        self.assertEqual(birth(""), (None, None))
        self.assertEqual(birth("   "), (None, None))

    def test_the_nan_pandas_puts_in_empty_cells_is_a_blank_cell(self):
        self.assertEqual(birth(float("nan")), (None, None))

    def test_words_are_unparsable(self):
        self.assertBirthError("không rõ", "unparsable")
        self.assertBirthError("12 tháng 3", "unparsable")
        self.assertBirthError("12/03", "unparsable")
        self.assertBirthError("12/03/198", "unparsable")

    def test_other_types_are_unparsable(self):
        self.assertBirthError(["12/03/1985"], "unparsable")


class TwoDigitYearTests(SimpleTestCase, ParseBirthErrorMixin):
    def test_a_two_digit_year_after_this_years_is_in_the_1900s(self):
        self.assertEqual(birth("12/3/85"), (date(1985, 3, 12), 1985))
        self.assertEqual(birth("15/03/26"), (date(1926, 3, 15), 1926))

    def test_a_two_digit_year_before_this_years_is_in_the_2000s(self):
        self.assertEqual(birth("12/3/05"), (date(2005, 3, 12), 2005))
        self.assertEqual(birth("1/1/00"), (date(2000, 1, 1), 2000))

    def test_this_years_two_digits_are_this_year_up_to_today(self):
        self.assertEqual(birth("15/03/25"), (date(2025, 3, 15), 2025))
        self.assertEqual(birth("01/06/25"), (TODAY, 2025))

    def test_this_years_two_digits_after_today_go_back_a_century(self):
        self.assertEqual(birth("02/06/25"), (date(1925, 6, 2), 1925))
        self.assertEqual(birth("31/12/25"), (date(1925, 12, 31), 1925))

    def test_the_pivot_moves_with_today(self):
        self.assertEqual(birth("12/3/30", today=date(2035, 1, 1)), (date(2030, 3, 12), 2030))

    def test_two_digit_years_work_with_any_separator(self):
        self.assertEqual(birth("12-03-85"), (date(1985, 3, 12), 1985))
        self.assertEqual(birth("12.03.85"), (date(1985, 3, 12), 1985))


class YearOnlyTests(SimpleTestCase, ParseBirthErrorMixin):
    def test_a_year_alone_has_no_date(self):
        self.assertEqual(birth("1985"), (None, 1985))

    def test_nam_before_the_year_is_understood(self):
        self.assertEqual(birth("Năm 1985"), (None, 1985))
        self.assertEqual(birth("năm 1985"), (None, 1985))
        self.assertEqual(birth("NĂM 1985"), (None, 1985))
        self.assertEqual(birth("Năm1985"), (None, 1985))

    def test_nam_in_decomposed_unicode_is_understood(self):
        self.assertEqual(birth(unicodedata.normalize("NFD", "Năm 1985")), (None, 1985))

    def test_a_year_cell_stored_as_a_number_is_a_year(self):
        self.assertEqual(birth(1985), (None, 1985))
        self.assertEqual(birth(1985.0), (None, 1985))

    def test_a_four_digit_number_with_a_fraction_is_a_serial_not_a_year(self):
        self.assertEqual(birth(1985.5), (date(1905, 6, 7), 1905))

    def test_this_year_alone_is_accepted(self):
        self.assertEqual(birth("2025"), (None, 2025))

    def test_next_year_alone_is_in_the_future(self):
        self.assertBirthError("2026", "future")
        self.assertBirthError(2026.0, "future")
        self.assertBirthError("Năm 2026", "future")

    def test_a_year_before_1900_is_too_old(self):
        self.assertBirthError("1899", "too_old")
        self.assertBirthError(1899, "too_old")

    def test_1900_is_old_enough(self):
        self.assertEqual(birth("1900"), (None, 1900))

    def test_a_two_digit_year_alone_is_unparsable(self):
        self.assertBirthError("85", "unparsable")


class DateRuleTests(SimpleTestCase, ParseBirthErrorMixin):
    def test_tomorrow_is_in_the_future(self):
        self.assertBirthError("02/06/2025", "future")
        self.assertBirthError(date(2025, 6, 2), "future")
        self.assertBirthError("2025-06-02", "future")

    def test_a_date_in_a_later_year_is_in_the_future(self):
        self.assertBirthError("01/01/2030", "future")

    def test_a_date_before_1900_is_too_old(self):
        self.assertBirthError("31/12/1899", "too_old")
        self.assertBirthError(date(1850, 1, 1), "too_old")

    def test_the_first_day_of_1900_is_old_enough(self):
        self.assertEqual(birth("01/01/1900"), (date(1900, 1, 1), 1900))

    def test_the_31st_of_february_is_an_invalid_date(self):
        self.assertBirthError("31/02/2000", "invalid_date")

    def test_month_13_and_day_0_are_invalid_dates(self):
        self.assertBirthError("12/13/1985", "invalid_date")
        self.assertBirthError("00/03/1985", "invalid_date")
        self.assertBirthError("1985-13-01", "invalid_date")

    def test_29_february_exists_in_a_leap_year(self):
        self.assertEqual(birth("29/02/1988"), (date(1988, 2, 29), 1988))
        self.assertEqual(birth("29/02/2000"), (date(2000, 2, 29), 2000))

    def test_29_february_is_invalid_in_a_common_year(self):
        self.assertBirthError("29/02/1985", "invalid_date")
        self.assertBirthError("29/02/1900", "invalid_date")

    def test_29_february_with_a_two_digit_year_follows_the_pivoted_year(self):
        self.assertEqual(birth("29/02/00"), (date(2000, 2, 29), 2000))
        self.assertBirthError("29/02/01", "invalid_date")


class FormatDateTests(SimpleTestCase):
    def test_dates_are_written_day_month_year_with_leading_zeros(self):
        self.assertEqual(format_date(date(1985, 3, 2)), "02/03/1985")

    def test_datetimes_are_written_without_the_time(self):
        self.assertEqual(format_date(datetime(2001, 12, 31, 23, 59)), "31/12/2001")

    def test_none_is_written_as_nothing(self):
        self.assertEqual(format_date(None), "")

    def test_a_formatted_date_parses_back_to_itself(self):
        self.assertEqual(birth(format_date(date(1969, 7, 20))), (date(1969, 7, 20), 1969))
