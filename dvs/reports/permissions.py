"""Scope rules and role permissions of the reports app."""

from dvs.accounts import scope
from dvs.accounts.roles import Role, extend_role

from .models import ReviewReport, UnitReport

scope.register(UnitReport, organisation="organisation")
scope.register(ReviewReport)


def _perms(*names):
    return {f"reports.{name}" for name in names}


_READ = _perms("view_unitreport", "view_reportperiod", "view_reviewreport")
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
