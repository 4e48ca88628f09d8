"""Vietnamese lunar dates (âm lịch, UTC+7) as solar ones, for festivals given by their
lunar day and month. The astronomy is `lunar-vn` (Hồ Ngọc Đức's algorithm, the one
Vietnamese calendars print); this module checks what it does not: that the day exists in
that month of that year (a lunar month has 29 or 30 days) and that a leap month is one.
"""

import lunar_vn
from django.utils.translation import gettext as _

MIN_YEAR = 1901
MAX_YEAR = 2099


class LunarDateError(ValueError):
    """A lunar date that does not exist; its message is for the user."""


def to_solar(day, month, year, leap=False):
    """The solar date of lunar `day`/`month` (`leap`: of the leap month) of lunar `year`."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise LunarDateError(
            _("The year must be between %(low)s and %(high)s.")
            % {"low": MIN_YEAR, "high": MAX_YEAR}
        )
    if not 1 <= month <= 12:
        raise LunarDateError(_("A lunar month is from 1 to 12."))
    if not 1 <= day <= 30:
        raise LunarDateError(_("A lunar day is from 1 to 30."))
    try:
        solar = lunar_vn.convert_lunar_to_solar(day, month, year, 1 if leap else 0)
    except ValueError:
        raise LunarDateError(
            _("Lunar year %(year)s has no leap month %(month)s.") % {"year": year, "month": month}
        ) from None
    back = lunar_vn.solar_to_lunar(solar)
    if back.leap != bool(leap):
        raise LunarDateError(
            _("Lunar year %(year)s has no leap month %(month)s.") % {"year": year, "month": month}
        )
    if (back.day, back.month, back.year) != (day, month, year):
        raise LunarDateError(
            _("Lunar month %(month)s of %(year)s has only 29 days.")
            % {"month": month, "year": year}
        )
    return solar


def festival_day(day, month, year, leap=False):
    """The solar date of a yearly festival on lunar `day`/`month` in lunar `year`: the
    30th of a month that has 29 days that year is kept on its 29th; a festival of a leap
    month falls, in a year without that leap month, on the ordinary month."""
    if leap:
        try:
            return to_solar(day, month, year, leap=True)
        except LunarDateError:
            pass
    try:
        return to_solar(day, month, year)
    except LunarDateError:
        if day == 30:
            return to_solar(29, month, year)
        raise


def to_lunar(solar):
    """(day, month, year, leap) of a solar date."""
    lunar = lunar_vn.solar_to_lunar(solar)
    return lunar.day, lunar.month, lunar.year, lunar.leap
