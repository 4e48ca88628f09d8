from dataclasses import FrozenInstanceError
from datetime import date

from django.test import SimpleTestCase

from dvs.lib.cccd import PROVINCES, CCCDInfo, normalise, parse, validate

# Numbers built by the rules: province, century-and-sex digit, two year digits, six random.
HANOI_MAN_1985 = "001085012345"
HANOI_WOMAN_2001 = "001301012345"
SAIGON_MAN_1990 = "079090123456"
CAMAU_WOMAN_1968 = "096168000001"


class NormaliseTests(SimpleTestCase):
    def test_spaces_inside_the_number_are_removed(self):
        self.assertEqual(normalise("079 090 123 456"), SAIGON_MAN_1990)
        self.assertEqual(normalise(" 079\u00a0090\t123456 "), SAIGON_MAN_1990)

    def test_dots_and_dashes_between_groups_are_removed(self):
        self.assertEqual(normalise("079.090.123.456"), SAIGON_MAN_1990)
        self.assertEqual(normalise("079-090-123456"), SAIGON_MAN_1990)
        self.assertEqual(normalise("079\u2013090\u2013123456"), SAIGON_MAN_1990)

    def test_an_int_that_lost_its_leading_zero_in_excel_gets_it_back(self):
        self.assertEqual(normalise(79090123456), SAIGON_MAN_1990)

    def test_a_float_that_lost_its_leading_zero_in_excel_gets_it_back(self):
        self.assertEqual(normalise(79090123456.0), SAIGON_MAN_1990)

    def test_eleven_digits_of_text_get_one_leading_zero_back(self):
        self.assertEqual(normalise("79090123456"), SAIGON_MAN_1990)
        self.assertEqual(normalise("79 090 123 456"), SAIGON_MAN_1990)

    def test_ten_digits_are_not_recoverable_and_stay_as_they_are(self):
        self.assertEqual(normalise(1085012345.0), "1085012345")
        self.assertEqual(normalise(1085012345), "1085012345")
        self.assertEqual(normalise("1085012345"), "1085012345")

    def test_a_number_with_a_fraction_is_kept_as_text_for_validation_to_reject(self):
        self.assertEqual(normalise(79090123456.5), "79090123456.5")

    def test_none_is_empty(self):
        self.assertEqual(normalise(None), "")

    def test_a_clean_number_is_unchanged(self):
        self.assertEqual(normalise(HANOI_WOMAN_2001), HANOI_WOMAN_2001)
        self.assertEqual(normalise(normalise("079 090 123 456")), SAIGON_MAN_1990)


class ValidateTests(SimpleTestCase):
    def test_well_formed_numbers_have_no_errors(self):
        for number in (HANOI_MAN_1985, HANOI_WOMAN_2001, SAIGON_MAN_1990, CAMAU_WOMAN_1968):
            with self.subTest(number=number):
                self.assertEqual(validate(number), [])

    def test_numbers_are_normalised_before_they_are_checked(self):
        self.assertEqual(validate("079 090.123-456"), [])
        self.assertEqual(validate(79090123456.0), [])

    def test_a_number_excel_cut_to_ten_digits_is_the_wrong_length(self):
        self.assertEqual(validate(1085012345.0), ["length"])
        self.assertEqual(validate("1085012345"), ["length"])

    def test_too_long_and_too_short_numbers_are_the_wrong_length(self):
        self.assertEqual(validate(HANOI_MAN_1985 + "0"), ["length"])
        self.assertEqual(validate("001085"), ["length"])
        self.assertEqual(validate(""), ["length"])
        self.assertEqual(validate(None), ["length"])

    def test_letters_are_not_digits(self):
        self.assertEqual(validate("00108501234O"), ["digits"])

    def test_non_ascii_digits_are_not_digits(self):
        self.assertEqual(validate("٠٠١٠٨٥٠١٢٣٤٥"), ["digits"])

    def test_a_malformed_number_reports_length_and_digits_and_nothing_else(self):
        self.assertEqual(validate("CMND 123", sex="male", birth_year=1985), ["length", "digits"])

    def test_a_code_that_is_no_province_is_rejected(self):
        for code in ("000", "003", "097", "101", "999"):
            with self.subTest(code=code):
                self.assertEqual(validate(code + "085012345"), ["province"])

    def test_a_birth_in_a_future_century_is_a_wrong_century(self):
        self.assertEqual(validate("001485012345", today=date(2025, 1, 1)), ["century"])
        self.assertEqual(validate("001985012345", today=date(2025, 1, 1)), ["century"])

    def test_a_birth_later_this_century_than_today_is_a_wrong_century(self):
        self.assertEqual(validate("001299012345", today=date(2025, 1, 1)), ["century"])
        self.assertEqual(validate("001226012345", today=date(2025, 12, 31)), ["century"])

    def test_a_child_born_this_year_is_accepted(self):
        self.assertEqual(validate("001225012345", today=date(2025, 1, 1)), [])

    def test_a_woman_born_in_2001_has_digit_3(self):
        self.assertEqual(validate(HANOI_WOMAN_2001, sex="female", birth_year=2001), [])
        self.assertEqual(validate("001201012345", sex="female"), ["sex_mismatch"])

    def test_a_man_born_in_1985_has_digit_0(self):
        self.assertEqual(validate(HANOI_MAN_1985, sex="male", birth_year=1985), [])
        self.assertEqual(validate("001185012345", sex="male"), ["sex_mismatch"])

    def test_a_claimed_sex_that_disagrees_is_a_sex_mismatch(self):
        self.assertEqual(validate(HANOI_WOMAN_2001, sex="male"), ["sex_mismatch"])
        self.assertEqual(validate(HANOI_MAN_1985, sex="female"), ["sex_mismatch"])

    def test_a_claimed_year_that_disagrees_is_a_year_mismatch(self):
        self.assertEqual(validate(HANOI_WOMAN_2001, birth_year=2000), ["year_mismatch"])

    def test_the_same_two_year_digits_in_another_century_are_a_year_mismatch(self):
        self.assertEqual(validate(HANOI_WOMAN_2001, birth_year=1901), ["year_mismatch"])

    def test_sex_and_year_are_not_checked_when_not_given(self):
        self.assertEqual(validate(HANOI_WOMAN_2001, sex=None, birth_year=None), [])

    def test_every_applicable_error_is_reported_together(self):
        self.assertEqual(
            validate("003301012345", sex="male", birth_year=1985),
            ["province", "sex_mismatch", "year_mismatch"],
        )

    def test_an_unknown_sex_is_a_programming_error(self):
        with self.assertRaises(ValueError):
            validate(HANOI_MAN_1985, sex="nam")


class ParseTests(SimpleTestCase):
    def test_a_valid_number_is_decoded(self):
        self.assertEqual(
            parse(HANOI_WOMAN_2001),
            CCCDInfo(province_code="001", province_name="Hà Nội", sex="female", birth_year=2001),
        )

    def test_the_province_name_comes_from_the_code(self):
        self.assertEqual(parse(SAIGON_MAN_1990).province_name, "Hồ Chí Minh")
        self.assertEqual(parse(CAMAU_WOMAN_1968).province_name, "Cà Mau")

    def test_a_number_excel_damaged_is_parsed_once_its_zero_is_restored(self):
        info = parse(79090123456.0)
        self.assertEqual((info.province_code, info.sex, info.birth_year), ("079", "male", 1990))

    def test_every_century_and_sex_digit_decodes_as_the_circular_says(self):
        expected = {
            "0": ("male", 1985),
            "1": ("female", 1985),
            "2": ("male", 2085),
            "3": ("female", 2085),
            "4": ("male", 2185),
            "5": ("female", 2185),
            "6": ("male", 2285),
            "7": ("female", 2285),
            "8": ("male", 2385),
            "9": ("female", 2385),
        }
        for digit, (sex, year) in expected.items():
            with self.subTest(digit=digit):
                info = parse(f"001{digit}85012345", today=date(2399, 12, 31))
                self.assertEqual((info.sex, info.birth_year), (sex, year))

    def test_an_invalid_number_raises_value_error_with_the_error_codes(self):
        with self.assertRaises(ValueError) as caught:
            parse("003485012345", today=date(2025, 1, 1))
        self.assertEqual(caught.exception.args, ("province", "century"))

    def test_a_short_number_raises_value_error_with_length_first(self):
        with self.assertRaises(ValueError) as caught:
            parse(1085012345)
        self.assertEqual(caught.exception.args[0], "length")

    def test_the_result_is_frozen(self):
        info = parse(HANOI_MAN_1985)
        with self.assertRaises(FrozenInstanceError):
            info.sex = "female"


class TableTests(SimpleTestCase):
    def test_there_are_sixty_three_provinces_with_three_digit_codes(self):
        self.assertEqual(len(PROVINCES), 63)
        for code in PROVINCES:
            with self.subTest(code=code):
                self.assertRegex(code, r"^0[0-9]{2}$")

    def test_province_codes_include_both_ends_and_the_big_cities(self):
        self.assertEqual(PROVINCES["001"], "Hà Nội")
        self.assertEqual(PROVINCES["031"], "Hải Phòng")
        self.assertEqual(PROVINCES["048"], "Đà Nẵng")
        self.assertEqual(PROVINCES["092"], "Cần Thơ")
        self.assertEqual(PROVINCES["096"], "Cà Mau")
