"""Back-office screens of the registry that are not plain listings: an establishment's
page (its festivals with this year's and next year's dates and notice due dates, its
dignitaries by name, its contacts and incidents) and the festival calendar of a year.
Every read goes through the scope door."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from dvs.accounts import scope
from dvs.accounts.viewsets import ScopedInspectView, record_url

from . import clocks
from .models import Contact, Dignitary, Festival, Filing, FilingKind, Group, Incident

CALENDAR_PERMISSION = "religion.view_festival"
# A festival's notice is flagged when due within this many days and not yet received.
NOTICE_WARNING_DAYS = 30


@dataclass(frozen=True)
class FestivalDate:
    festival: Festival
    first: datetime.date
    last: datetime.date
    notice_due: datetime.date | None
    flagged: bool = False


def dates_in_solar_year(festival, year):
    """The festival's dates whose first day falls in solar `year`: a lunar festival of
    the 12th month of lunar year Y is in January or February of Y+1, so both lunar years
    ending in `year` are tried."""
    years = (year - 1, year) if festival.lunar else (year,)
    found = []
    for candidate in years:
        dates = clocks.festival_dates(festival, candidate)
        if dates and dates[0].year == year:
            found.append(FestivalDate(festival, *dates))
    return found


class EstablishmentInspectView(ScopedInspectView):
    template_name = "religion/registry/establishment_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        establishment, user = self.object, self.request.user
        year = timezone.localdate().year
        festivals = scope.scoped(user, Festival).filter(establishment=establishment)
        rows = []
        for festival in festivals:
            shown = {}
            for offset in (0, 1):
                dates = dates_in_solar_year(festival, year + offset)
                shown[offset] = dates[0] if dates else None
            rows.append((festival, record_url(user, festival, in_scope=True), shown[0], shown[1]))
        context.update(
            {
                "year": year,
                "next_year": year + 1,
                "festival_rows": rows,
                "group_count": scope.scoped(user, Group)
                .filter(unit__path__startswith=establishment.unit.path)
                .count(),
                # Names only: a dignitary's other fields are on their own (logged) page.
                "dignitary_names": [
                    str(d)
                    for d in scope.scoped(user, Dignitary)
                    .filter(establishment=establishment)
                    .only("birth_name", "religious_name")
                ],
                "contacts": [
                    (c, record_url(user, c, in_scope=True))
                    for c in scope.scoped(user, Contact).filter(establishment=establishment)[:20]
                ],
                "incidents": [
                    (i, record_url(user, i, in_scope=True))
                    for i in scope.scoped(user, Incident).filter(establishment=establishment)[:20]
                ],
            }
        )
        return context


def _year(request):
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 1902), 2098)


def calendar_rows(user, year, today=None):
    """The festivals of the establishments `user` sees that fall in `year`, by solar
    date; each flagged when its notice is due within NOTICE_WARNING_DAYS (or is overdue
    while the festival is still ahead) and no festival notice of its establishment was
    received that year."""
    today = today or timezone.localdate()
    festivals = scope.scoped(user, Festival).select_related("establishment__unit")
    rows = [row for f in festivals for row in dates_in_solar_year(f, year)]
    noticed = set(
        scope.scoped(user, Filing)
        .filter(kind=FilingKind.FESTIVAL_NOTICE, received_on__year=year)
        .exclude(establishment=None)
        .values_list("establishment_id", flat=True)
    )
    horizon = today + datetime.timedelta(days=NOTICE_WARNING_DAYS)
    flagged = []
    for row in rows:
        due_soon = row.notice_due is not None and row.notice_due <= horizon and row.first >= today
        flag = due_soon and row.festival.establishment_id not in noticed
        flagged.append(FestivalDate(row.festival, row.first, row.last, row.notice_due, flag))
    return sorted(
        flagged, key=lambda r: (r.first, r.festival.establishment.name_key, r.festival.pk)
    )


@require_safe
def festival_calendar(request):
    if not request.user.has_perm(CALENDAR_PERMISSION):
        raise PermissionDenied
    year = _year(request)
    rows = calendar_rows(request.user, year)
    context = {
        "title": _("Festival calendar"),
        "year": year,
        "years": [year - 1, year + 1],
        "rows": [
            (row, record_url(request.user, row.festival.establishment, in_scope=True))
            for row in rows
        ],
        "flagged": sum(1 for row in rows if row.flagged),
    }
    return TemplateResponse(request, "religion/registry/festival_calendar.html", context)
