"""The holidays page of the back office: a year's days off, each with its legal basis."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import actions, calendar
from .models import CalendarDecision


def undecided_message(today):
    """The warning administrators see when a year has no decision, or ""."""
    years = calendar.undecided_years(today)
    if not years:
        return ""
    return _(
        "No government decision on the days off of %(years)s is entered: deadlines that "
        "reach into it are computed on the statutory holidays only. Add the decision under "
        "Settings → Holidays and working days."
    ) % {"years": ", ".join(str(y) for y in years)}


def calendar_year(request, year):
    """GET: the year's listed days. POST (administrators): switch an unconfirmed holiday
    off for the year (``withdraw``) or back on (``restore``)."""
    try:
        calendar.check_year(year)
    except ValueError:
        raise Http404 from None
    if request.method == "POST":
        action = {"withdraw": actions.withdraw_holiday, "restore": actions.restore_holiday}.get(
            request.POST.get("action")
        )
        if action is None:
            raise Http404
        try:
            action(year, request.POST.get("holiday", ""), by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The calendar of %(year)s is changed.") % {"year": year})
        return redirect("workdays_calendar", year)
    today = timezone.localdate()
    user = request.user
    if user.has_perm("workdays.add_calendardecision"):
        warning = undecided_message(today)
        if warning:
            messages.warning(request, warning)
    return TemplateResponse(
        request,
        "workdays/calendar_year.html",
        {
            "year": year,
            "entries": calendar.entries(year),
            "decided": calendar.is_decided(year),
            "decisions": CalendarDecision.objects.filter(year=year),
            "previous": year - 1 if year > calendar.MIN_YEAR else None,
            "next": year + 1 if year < calendar.MAX_YEAR else None,
            "can_withdraw": user.has_perm("workdays.add_withdrawnholiday"),
            "can_restore": user.has_perm("workdays.delete_withdrawnholiday"),
            "can_edit": user.has_perm("workdays.change_calendardecision"),
        },
    )


def calendar_this_year(request):
    return redirect("workdays_calendar", timezone.localdate().year)
