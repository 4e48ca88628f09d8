"""Writes on the calendar that are not plain admin forms: switching off, for one year, a
holiday the `holidays` package adds without a confirmed legal basis (and back).

Decisions and their days are edited in the Wagtail viewset, guarded by the model
permissions only system administrators hold; these actions check the same permissions.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import calendar
from .models import WithdrawnHoliday


def _check(by, action, year, holiday):
    if not by.has_perm(f"workdays.{action}_withdrawnholiday"):
        raise PermissionDenied
    calendar.check_year(year)
    if holiday not in WithdrawnHoliday.Holiday.values:
        raise ValidationError(_("Unknown holiday."))


@transaction.atomic
def withdraw_holiday(year, holiday, *, by):
    """Make ``holiday`` of ``year`` a working day (a weekend stays a day off)."""
    _check(by, "add", year, holiday)
    if not any(e.holiday_key == holiday for e in calendar.computed_entries(year)):
        raise ValidationError(
            _("This holiday is not in the calendar of %(year)s.") % {"year": year}
        )
    row, _created = WithdrawnHoliday.objects.get_or_create(
        year=year, holiday=holiday, defaults={"withdrawn_by": by}
    )
    return row


@transaction.atomic
def restore_holiday(year, holiday, *, by):
    """Undo ``withdraw_holiday``: the day is a day off again, as the package computes it."""
    _check(by, "delete", year, holiday)
    for row in WithdrawnHoliday.objects.filter(year=year, holiday=holiday):
        row.delete()  # one by one, so the calendar's cache is cleared (signals)
