"""Roles and what each may do, as data the permission backend reads.

A role grants Django model permissions ("app.action_model"); the unit (and optional
organisation) of the assignment limits which rows those permissions reach (scope.py).
Each domain app adds its models' permissions to the roles with `extend_role`, from its
AppConfig.ready.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    BOARD_LEADER = "board_leader", _("Board leader")
    BOARD_SPECIALIST = "board_specialist", _("Board specialist")
    ORGANISATION_OFFICER = "organisation_officer", _("Fatherland Front / organisation officer")
    WARD_BLOC_OFFICER = "ward_bloc_officer", _("Ward mass mobilization bloc officer")
    NEIGHBOURHOOD_COMMITTEE = "neighbourhood_committee", _("Neighbourhood front committee")
    RECEPTION_OFFICER = "reception_officer", _("Citizen reception officer")
    PORTAL_EDITOR = "portal_editor", _("Portal editor")
    PORTAL_APPROVER = "portal_approver", _("Portal approver")
    READONLY_LEADER = "readonly_leader", _("Leader (read only)")


ALL = "__all__"
ADMIN_ACCESS = "wagtailadmin.access_admin"


def _crud(*models_, actions=("add", "change", "delete", "view")):
    return {f"{m.split('.')[0]}.{a}_{m.split('.')[1]}" for m in models_ for a in actions}


_UNIT_READ = _crud("units.unit", "units.organisation", "units.term", actions=("view",))
_ORGANISATION_WRITE = _crud("units.organisation", "units.term")
_AUDIT_READ = {"accounts.view_auditentry"}

ROLE_PERMISSIONS = {
    Role.SYSTEM_ADMIN: ALL,
    Role.BOARD_LEADER: {ADMIN_ACCESS, *_UNIT_READ, *_ORGANISATION_WRITE, *_AUDIT_READ}
    | _crud("accounts.roleassignment"),
    Role.BOARD_SPECIALIST: {ADMIN_ACCESS, *_UNIT_READ, *_ORGANISATION_WRITE},
    Role.ORGANISATION_OFFICER: {ADMIN_ACCESS, *_UNIT_READ},
    Role.WARD_BLOC_OFFICER: {ADMIN_ACCESS, *_UNIT_READ, *_ORGANISATION_WRITE},
    Role.NEIGHBOURHOOD_COMMITTEE: {ADMIN_ACCESS, *_UNIT_READ},
    Role.RECEPTION_OFFICER: {ADMIN_ACCESS, *_UNIT_READ},
    Role.PORTAL_EDITOR: {ADMIN_ACCESS},
    Role.PORTAL_APPROVER: {ADMIN_ACCESS},
    Role.READONLY_LEADER: {ADMIN_ACCESS, *_UNIT_READ, *_AUDIT_READ},
}


def extend_role(role, permissions):
    """Let a domain app add its permissions to a role (called from its AppConfig.ready)."""
    if ROLE_PERMISSIONS[role] is not ALL:
        ROLE_PERMISSIONS[role] = set(ROLE_PERMISSIONS[role]) | set(permissions)
