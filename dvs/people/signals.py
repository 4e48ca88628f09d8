"""Scope rules and role permissions of the people app."""

from dvs.accounts import scope
from dvs.accounts.roles import Role, extend_role

from .models import Household, ImportJob, Membership, Person

scope.register(Person)
scope.register(Household)
scope.register(ImportJob)
scope.register(Membership, unit="organisation__unit", organisation="organisation")


def _perms(*names):
    return {f"people.{name}" for name in names}


_READ = _perms("view_person", "view_household", "view_membership", "view_importjob")
_WRITE = _READ | _perms(
    "add_person",
    "change_person",
    "delete_person",
    "import_person",
    "add_household",
    "change_household",
    "delete_household",
    "add_membership",
    "change_membership",
    "delete_membership",
    "view_importjob",
    "add_importjob",
)
_SENSITIVE = _perms("view_sensitive_person")

extend_role(Role.BOARD_LEADER, _READ)
extend_role(Role.BOARD_SPECIALIST, _READ)
extend_role(Role.READONLY_LEADER, _READ)
extend_role(Role.RECEPTION_OFFICER, _perms("view_person"))
extend_role(
    Role.ORGANISATION_OFFICER,
    _READ | _perms("add_membership", "change_membership", "delete_membership"),
)
# The committees and ward blocs keep the registry, so they see what they collect.
extend_role(Role.WARD_BLOC_OFFICER, _WRITE | _SENSITIVE)
extend_role(Role.NEIGHBOURHOOD_COMMITTEE, _WRITE | _SENSITIVE)
