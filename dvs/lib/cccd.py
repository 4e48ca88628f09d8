"""Vietnamese citizen ID numbers (căn cước công dân, CCCD): clean-up, validation, decoding.

A CCCD number is the 12-digit personal identification number (số định danh cá nhân) laid
out by Thông tư 07/2016/TT-BCA, later replaced by Thông tư 59/2021/TT-BCA:

* digits 1-3: code of the province or city where the birth was registered (``PROVINCES``);
* digit 4: century of birth and sex (``CENTURY_SEX``): even for men, odd for women,
  0/1 for 1900-1999, 2/3 for 2000-2099, and so on up to 8/9 for 2300-2399;
* digits 5-6: the last two digits of the year of birth;
* digits 7-12: a random number.

There is no check digit, so a well-formed number can still belong to nobody: validation
catches typing and spreadsheet damage, and cross-checks the sex and year of birth that the
same row claims.

Pure functions, no Django.  Errors are short codes (``ERROR_CODES``) that the caller turns
into messages.
"""

import numbers
from dataclasses import dataclass
from datetime import date

LENGTH = 12

# Province and city codes (mã tỉnh, thành phố trực thuộc trung ương) of the place where the
# birth was registered, from Thông tư 07/2016/TT-BCA, carried over by Thông tư
# 59/2021/TT-BCA.  These are the 63 codes in force before the 2025 merger of provinces;
# numbers already issued keep them.
PROVINCES = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}

MALE = "male"
FEMALE = "female"
SEXES = (MALE, FEMALE)

# Digit 4 -> (first year of the century, sex), from the same circulars.
CENTURY_SEX = {str(digit): (1900 + 100 * (digit // 2), SEXES[digit % 2]) for digit in range(10)}

ERROR_CODES = ("length", "digits", "province", "century", "sex_mismatch", "year_mismatch")

# Characters people and spreadsheets put between the digits.
_SEPARATORS = str.maketrans("", "", ".-\u2010\u2011\u2012\u2013\u2014")


@dataclass(frozen=True)
class CCCDInfo:
    """What a valid CCCD number says about its holder."""

    province_code: str
    province_name: str
    sex: str
    birth_year: int


def normalise(value):
    """Return the number as a string of digits, undoing what typing and Excel do to it.

    Spaces (any white space), dots and dashes are removed: "079 090.123-456" becomes
    "079090123456".

    Every province code starts with 0, so a spreadsheet that stored the number as a number
    has dropped that zero; it arrives as an int, a float (``79090123456.0``) or 11 digits of
    text.  An 11-digit value gets its one leading zero back.  A 10-digit value
    (``1085012345`` for "001085012345") is left alone: it may have lost the two zeros of a
    province 001-009, or two real digits anywhere, and guessing would turn a mistyped number
    into a plausible Hà Nội one.  Validation reports it as "length" instead.

    Anything that cannot be made into digits is returned as text, for ``validate`` to reject.
    """
    if value is None:
        return ""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        text = str(int(value))
    elif isinstance(value, numbers.Real) and not isinstance(value, bool):
        number = float(value)
        if not number.is_integer():
            return str(value)
        text = str(int(number))
    else:
        text = "".join(str(value).split()).translate(_SEPARATORS)
    if len(text) == LENGTH - 1 and _all_digits(text):
        text = "0" + text
    return text


def validate(number, *, sex=None, birth_year=None, today=None):
    """Return the list of error codes for a CCCD number; an empty list means valid.

    ``number`` goes through ``normalise`` first.  ``sex`` ("male", "female" or None) and
    ``birth_year`` (int or None) are what the rest of the record claims; when given they
    must agree with digits 4-6.  ``today`` (default: the current date) decides which births
    are still in the future.

    Codes: "length" (not 12 characters), "digits" (something other than 0-9; with either of
    these nothing else is checked), "province" (digits 1-3 are no province code), "century"
    (digits 4-6 put the birth after this year: every digit 4 names a century, so a wrong
    century shows as a future birth), "sex_mismatch", "year_mismatch".
    """
    if sex not in (None, *SEXES):
        raise ValueError(f"sex must be {MALE!r}, {FEMALE!r} or None, not {sex!r}")
    text = normalise(number)
    errors = []
    if len(text) != LENGTH:
        errors.append("length")
    if not _all_digits(text):
        errors.append("digits")
    if errors:
        return errors
    if text[:3] not in PROVINCES:
        errors.append("province")
    decoded_sex, decoded_year = _decode_birth(text)
    if decoded_year > (today or date.today()).year:
        errors.append("century")
    if sex is not None and sex != decoded_sex:
        errors.append("sex_mismatch")
    if birth_year is not None and birth_year != decoded_year:
        errors.append("year_mismatch")
    return errors


def parse(number, *, today=None):
    """Decode a CCCD number into a ``CCCDInfo``.

    Raises ``ValueError`` when the number is invalid; its args are the error codes of
    ``validate``, so ``error.args[0]`` is the first of them.
    """
    errors = validate(number, today=today)
    if errors:
        raise ValueError(*errors)
    text = normalise(number)
    sex, birth_year = _decode_birth(text)
    return CCCDInfo(
        province_code=text[:3],
        province_name=PROVINCES[text[:3]],
        sex=sex,
        birth_year=birth_year,
    )


def _all_digits(text):
    return all(char in "0123456789" for char in text)


def _decode_birth(text):
    """(sex, year of birth) from digits 4-6 of a 12-digit number."""
    century, sex = CENTURY_SEX[text[3]]
    return sex, century + int(text[4:6])
