"""Dates as Vietnamese records write them: parsing and formatting.

Spreadsheets from wards and mass organisations give dates of birth in every shape: real
date cells, raw Excel serial numbers, day-first text with any separator, two-digit years,
or only a year ("1985", "Năm 1985").  ``parse_birth`` reads all of them and ``format_date``
writes the one Vietnamese form, dd/mm/yyyy.

Working days and statutory deadlines are not here: see `dvs/workdays/calendar.py` and
`dvs/cases/deadlines.py`.

Pure functions, no Django.  Errors are raised as ``ValueError`` whose first argument is a
short code (``ERROR_CODES``) that the caller turns into a message.
"""

import math
import numbers
import re
import unicodedata
from datetime import date, datetime, timedelta

ERROR_CODES = ("unparsable", "future", "too_old", "invalid_date")

# Earliest year accepted as a year of birth.
MIN_YEAR = 1900

# Excel's 1900 date system (the 1904 system of old Mac workbooks is not supported).
# Serial 1 is 01/01/1900, but Excel, copying Lotus 1-2-3, counts 29/02/1900, which never
# existed, as serial 60: serials 1-59 count from 31/12/1899, serials from 61 on from
# 30/12/1899, and serial 60 itself is no date.
_EXCEL_EARLY_EPOCH = date(1899, 12, 31)
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_FAKE_LEAP_DAY = 60

# Day first, any one of / - . between the parts, a four- or two-digit year.
_DAY_FIRST = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})")
# ISO 8601, as written by databases and str(datetime), optionally with a time of day.
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[ T][0-9:.]+)?")
# A year alone, optionally after "năm" ("year").
_YEAR = re.compile(r"(?:năm\s*)?([0-9]{4})")


def parse_birth(value, *, today=None):
    """Read a date of birth from a spreadsheet cell; return ``(date, year)``.

    A full date gives ``(date, date.year)``; a year alone gives ``(None, year)``; an empty
    cell (None, blank text, or the NaN pandas uses for empty cells) gives ``(None, None)``.

    Accepted values:

    * ``datetime.date`` or ``datetime.datetime`` (the time is dropped);
    * a whole number of four digits (``1985``, ``1985.0``): a year alone;
    * any other positive number: an Excel serial date in the 1900 system; a fraction (the
      time of day) is dropped;
    * text "dd/mm/yyyy", "d/m/yyyy", "dd-mm-yyyy", "dd.mm.yyyy" (day first, any of
      / - . as separator), the same with a two-digit year ("d/m/yy"), "yyyy-mm-dd", and a
      year alone, "1985" or "Năm 1985".

    A two-digit year is taken in the latest century that does not put the date after
    ``today``: on 01/06/2025, "15/03/25" is 2025 but "31/12/25" and "15/03/26" are 1925
    and 1926.

    ``today`` defaults to the current date.  Raises ``ValueError`` whose first argument is
    "unparsable", "invalid_date" (no such day, e.g. 31/02/2000, or Excel's serial 60),
    "too_old" (year before 1900) or "future" (after ``today``).
    """
    today = _as_date(today or date.today())
    if value is None:
        return None, None
    if isinstance(value, bool):
        raise ValueError("unparsable")
    if isinstance(value, date):
        return _checked_date(_as_date(value), today)
    if isinstance(value, numbers.Real):
        return _parse_number(value, today)
    if isinstance(value, str):
        return _parse_text(value, today)
    raise ValueError("unparsable")


def format_date(value):
    """Write a date the Vietnamese way, dd/mm/yyyy; None gives ""."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def _as_date(value):
    return value.date() if isinstance(value, datetime) else value


def _parse_number(value, today):
    number = float(value)
    if math.isnan(number):
        return None, None
    if math.isinf(number) or number < 1:
        raise ValueError("unparsable")
    whole = int(number)
    if whole == number and 1000 <= whole <= 9999:
        return None, _checked_year(whole, today)
    return _checked_date(_from_excel_serial(whole), today)


def _from_excel_serial(serial):
    if serial == _EXCEL_FAKE_LEAP_DAY:
        raise ValueError("invalid_date")
    epoch = _EXCEL_EARLY_EPOCH if serial < _EXCEL_FAKE_LEAP_DAY else _EXCEL_EPOCH
    try:
        return epoch + timedelta(days=serial)
    except OverflowError:
        raise ValueError("unparsable") from None


def _parse_text(value, today):
    text = unicodedata.normalize("NFC", " ".join(value.split())).casefold()
    if not text:
        return None, None
    if match := _DAY_FIRST.fullmatch(text):
        day, _, month, year = match.groups()
        day, month = int(day), int(month)
        if len(year) == 2:
            year = _pivot_two_digit_year(int(year), month, day, today)
        return _checked_date(_make_date(int(year), month, day), today)
    if match := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        return _checked_date(_make_date(year, month, day), today)
    if match := _YEAR.fullmatch(text):
        return None, _checked_year(int(match.group(1)), today)
    raise ValueError("unparsable")


def _pivot_two_digit_year(two_digits, month, day, today):
    """The latest year ending in these two digits whose day (month, day) is not after today."""
    year = 2000 + two_digits
    if (year, month, day) > (today.year, today.month, today.day):
        year -= 100
    return year


def _make_date(year, month, day):
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError("invalid_date") from None


def _checked_year(year, today):
    if year < MIN_YEAR:
        raise ValueError("too_old")
    if year > today.year:
        raise ValueError("future")
    return year


def _checked_date(value, today):
    _checked_year(value.year, today)
    if value > today:
        raise ValueError("future")
    return value, value.year
