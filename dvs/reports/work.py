"""The reports' lines of the work list (dvs.accounts.dashboard): a unit's or an
organisation's reports still to send (not started, draft or returned by the upper level), and, for the upper level, the
reports received that wait to be approved or returned."""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dvs.accounts import scope
from dvs.accounts.dashboard import WorkItem, register_work
from dvs.units.models import Organisation, Unit

from .models import ReportPeriod, UnitReport

# A period whose reports were due longer ago than this is no longer on the work list.
FORGOTTEN_AFTER_DAYS = 366


def _grants_filling_reports(user):
    if user.is_superuser:
        return []  # an administrator reports for no unit
    return [
        grant
        for grant in scope.grants(user)
        if scope.role_allows(grant.role, "reports.change_unitreport")
    ]


def _reporting_units(user):
    """Units whose own report the user fills: the units of their grants that may change
    a unit's report (a grant limited to an organisation fills that organisation's)."""
    paths = [g.unit_path for g in _grants_filling_reports(user) if g.organisation_id is None]
    return Unit.objects.filter(path__in=paths)


def _reporting_organisations(user):
    """Organisations whose report the user fills: those their organisation-limited grants
    name (the Front and the organisations report beside the units, see
    actions.organisation_status)."""
    ids = [g.organisation_id for g in _grants_filling_reports(user) if g.organisation_id]
    return Organisation.objects.filter(pk__in=ids, is_active=True).select_related("unit")


def _open_periods(unit_paths, on):
    return ReportPeriod.objects.filter(
        unit__path__in=unit_paths,
        start__lte=on,
        due_on__gte=on - datetime.timedelta(days=FORGOTTEN_AFTER_DAYS),
    ).order_by("due_on", "pk")


def reports_to_send(user, on=None):
    """[(period, unit, organisation or None, report or None)] still to send by the user's
    units and organisations: periods that have started, not forgotten, whose report is not
    started, a draft or returned. A unit reports to the periods of the level above; an
    organisation to those of its own unit and of the level above. Returned first, then by
    due date."""
    on = on or timezone.localdate()
    rows = []
    for unit in _reporting_units(user):
        parent_path = unit.path[: -Unit.steplen]
        if not parent_path:
            continue
        periods = _open_periods([parent_path], on)
        reports = {
            r.period_id: r
            for r in UnitReport.objects.filter(
                period__in=periods, unit=unit, organisation__isnull=True
            )
        }
        for period in periods:
            report = reports.get(period.pk)
            if report is None or report.editable:
                rows.append((period, unit, None, report))
    for organisation in _reporting_organisations(user):
        path = organisation.unit.path
        periods = _open_periods([path, path[: -Unit.steplen]], on)
        reports = {
            r.period_id: r
            for r in UnitReport.objects.filter(period__in=periods, organisation=organisation)
        }
        for period in periods:
            report = reports.get(period.pk)
            if report is None or report.editable:
                rows.append((period, organisation.unit, organisation, report))
    returned = UnitReport.Status.RETURNED
    rows.sort(key=lambda r: (not (r[3] and r[3].status == returned), r[0].due_on, r[0].pk))
    return rows


def _send_items(user, limit):
    today = timezone.localdate()
    items = []
    for period, unit, organisation, report in reports_to_send(user, today)[:limit]:
        returned = report is not None and report.status == UnitReport.Status.RETURNED
        late = period.due_on < today
        note = UnitReport.Status.label_of(report.status if report else None)
        if returned and report.review_comment:
            note = f"{note}: {report.review_comment[:80]}"
        note += " · " + str(_("due on %(date)s") % {"date": f"{period.due_on:%d/%m/%Y}"})
        if organisation:
            url = reverse("reports_organisation", args=[period.pk, organisation.pk])
        else:
            url = reverse("reports_unit", args=[period.pk, unit.code])
        items.append(
            WorkItem(
                f"{period.name} — {organisation.name if organisation else unit.name}",
                url,
                note,
                "overdue" if late or returned else "",
            )
        )
    return items


def reports_to_review(user):
    """Reports received by a period of the user's units (or below) that the user may
    approve or return."""
    paths = [
        grant.unit_path
        for grant in scope.grants(user)
        if grant.organisation_id is None
        and scope.role_allows(grant.role, "reports.review_unitreport")
    ]
    if not paths and not user.is_superuser:
        return UnitReport.objects.none()
    reports = UnitReport.objects.filter(status=UnitReport.Status.SUBMITTED)
    if not user.is_superuser:
        near = Q()
        for path in paths:
            near |= Q(period__unit__path__startswith=path)
        reports = reports.filter(near)
    return reports.select_related("period", "unit", "organisation").order_by("submitted_at", "pk")


def _review_items(user, limit):
    items = []
    for report in reports_to_review(user)[:limit]:
        if report.organisation_id:
            url = reverse("reports_organisation", args=[report.period_id, report.organisation_id])
        else:
            url = reverse("reports_unit", args=[report.period_id, report.unit.code])
        sent = timezone.localtime(report.submitted_at) if report.submitted_at else None
        note = _("sent on %(date)s") % {"date": f"{sent:%d/%m/%Y}"} if sent else ""
        items.append(WorkItem(str(report), url, note))
    return items


register_work(
    "reports_to_send",
    _("Reports to send"),
    _send_items,
    all_url=lambda user: reverse("reports_index"),
    permission="reports.change_unitreport",
    order=20,
)
register_work(
    "reports_to_review",
    _("Reports received, to approve or return"),
    _review_items,
    all_url=lambda user: reverse("reports_index"),
    permission="reports.review_unitreport",
    order=21,
)
