"""Scope rules and role permissions of the reports app, and the one getter of a report."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from dvs.accounts import scope
from dvs.accounts.policies import register_reference_data
from dvs.accounts.roles import Role, extend_role
from dvs.units.models import Unit

from . import rules
from .models import ReportPeriod, ReportTemplate, ReviewReport, ReviewSectionText, UnitReport

scope.register(UnitReport, organisation="organisation")
scope.register(ReviewReport)
# The compiler's edits of a review's sections belong to the unit the review is of.
scope.register(ReviewSectionText)
# The admin's period screens (list, edit, delete, inspect, history, export) reach the
# periods of the user's subtree; ReportPeriod.objects.visible_to() adds, for the reports'
# own pages, the periods of the units above that the user reports in.
scope.register(ReportPeriod)


def _perms(*names):
    return {f"reports.{name}" for name in names}


_READ = _perms(
    "view_unitreport", "view_reportperiod", "view_reviewreport", "view_reviewsectiontext"
)
_FILL = _READ | _perms("add_unitreport", "change_unitreport")
_COMPILE = (
    _FILL
    | _perms("review_unitreport", "add_reviewreport")
    | {
        f"reports.{action}_{model}"
        for model in ("reporttemplate", "reportperiod")
        for action in ("add", "change", "delete", "view")
    }
)

extend_role(Role.BOARD_LEADER, _COMPILE)
extend_role(Role.BOARD_SPECIALIST, _COMPILE)
extend_role(Role.WARD_BLOC_OFFICER, _FILL)
extend_role(Role.ORGANISATION_OFFICER, _FILL)
extend_role(Role.READONLY_LEADER, _READ)


# Templates are reference data of the whole deployment (dvs.accounts.policies).
register_reference_data(ReportTemplate)


# Who may do what to a unit's or an organisation's report, asked by the getters below, by
# every action in actions.py and by the screens deciding what to show: one answer for the
# admin and the API alike.


def _granted(user, permission, unit, organisation=None):
    """Whether a grant of `user` gives `permission` over `unit`. A grant limited to an
    organisation reaches that organisation's reports (and its branches') only, never a
    unit's own report."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    for grant in scope.grants(user):
        if not scope.role_allows(grant.role, permission):
            continue
        if not unit.path.startswith(grant.unit_path):
            continue
        if grant.organisation_id is None or (
            organisation is not None
            and grant.organisation_id in (organisation.pk, organisation.parent_id)
        ):
            return True
    return False


def may(user, report, action):
    """Whether `user` may "view", "change" (open, save, submit) or "review" (accept,
    return) `report`, saved or not yet. Only the upper level reviews: a grant over the
    unit that opened the period, and never a report of that unit on itself."""
    if action == "review":
        own = report.organisation_id is None and report.unit_id == report.period.unit_id
        return not own and _granted(user, "reports.review_unitreport", report.period.unit)
    return _granted(user, f"reports.{action}_unitreport", report.unit, report.organisation)


def may_compile(user, unit):
    """Whether `user` may compile the review report of `unit` and refresh its figures."""
    return _granted(user, "reports.add_reviewreport", unit)


def check(user, report, action):
    """PermissionDenied unless `user` may `action` the report (see `may`)."""
    if not may(user, report, action):
        raise PermissionDenied(_DENIED[action])


_DENIED = {
    "change": rules.MAY_NOT_FILL,
    "review": rules.MAY_NOT_REVIEW,
}


def get_compiled(user, period_id, code=None):
    """The period and the unit (its owner by default) whose review report `user`
    compiles, for the section editor and its API alike: Http404 for a period or unit out
    of their reach, PermissionDenied when they see it but may not compile it."""
    period = get_object_or_404(ReportPeriod.objects.visible_to(user), pk=period_id)
    unit = get_object_or_404(scope.scoped(user, Unit), code=code or period.unit.code)
    if not may_compile(user, unit):
        raise PermissionDenied(rules.MAY_NOT_COMPILE)
    return period, unit


def get_for(user, period, unit, organisation=None, action="view"):
    """The report of `unit` (or of `organisation`, in its unit) for `period`, for `user`
    to `action`: Http404 when the user may not see it (or the unit does not report in the
    period), PermissionDenied when they may see it but not `action` it.

    A report not opened yet comes back unsaved, as it would open: reading never makes a
    row; the actions that write make the draft."""
    report = (
        UnitReport.objects.filter(period=period, unit=unit, organisation=organisation)
        .select_related("period__unit", "unit", "organisation")
        .first()
    )
    if report is None:
        if unit.pk != period.unit_id and not period.expected_units().filter(pk=unit.pk).exists():
            raise Http404
        report = UnitReport(period=period, unit=unit, organisation=organisation)
    return _checked(user, report, action)


def get_by_id(user, pk, action="view"):
    """The report with this id, for `user` to `action` (answers as `get_for`)."""
    queryset = UnitReport.objects.select_related("period__unit", "unit", "organisation")
    return _checked(user, scope.access(user, queryset, pk), action)


def _checked(user, report, action):
    if not may(user, report, "view"):
        raise Http404
    check(user, report, action)
    return report
