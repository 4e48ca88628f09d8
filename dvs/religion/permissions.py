"""Scope rules and role permissions of religious affairs.

Every row belongs to the unit it was recorded in (a ward or one of its neighbourhoods; a
festival to its establishment's, a position or status change to its dignitary's).
Religion is sensitive: a grant limited to an organisation (the Front, a union) reaches
none of these rows; the Front's officers work here through a grant on a unit. Religions,
religious organisations and rule sets are reference data, the same for every unit.

Who sees what (docs/religion.md):
* a ward officer keeps the ward's registry, dignitaries (names and positions, not their
  ID numbers, ID images or ethnicity), filings, contacts, incidents, key people and
  follower counts;
* the Board's specialist also sees dignitaries' protected fields, and the Board sees
  exact small counts in the figures (others see "<5");
* the neighbourhood committee sees its establishments and groups and reports incidents;
* a read-only leader reads everything but the protected fields, with small cells hidden.
"""

from dvs.accounts import scope
from dvs.accounts.roles import Role, extend_role

from .models import (
    Contact,
    Dignitary,
    DignitaryPosition,
    DignitaryStatusChange,
    Establishment,
    Festival,
    Filing,
    FollowerCount,
    Group,
    Incident,
    KeyPerson,
)

for _model in (
    Establishment,
    Group,
    Dignitary,
    Filing,
    Contact,
    Incident,
    KeyPerson,
    FollowerCount,
):
    scope.register(_model, organisation_limited_sees_nothing=True)
scope.register(Festival, unit="establishment__unit", organisation_limited_sees_nothing=True)
scope.register(DignitaryPosition, unit="dignitary__unit", organisation_limited_sees_nothing=True)
scope.register(
    DignitaryStatusChange, unit="dignitary__unit", organisation_limited_sees_nothing=True
)

DOMAIN = (
    "establishment",
    "festival",
    "group",
    "dignitary",
    "dignitaryposition",
    "dignitarystatuschange",
    "filing",
    "contact",
    "incident",
    "keyperson",
    "followercount",
)
REFERENCE = ("religion", "religiousorganisation", "ruleset")


def _perms(*names):
    return {f"religion.{name}" for name in names}


def _crud(*models):
    return _perms(*(f"{a}_{m}" for m in models for a in ("add", "change", "delete", "view")))


_READ = _perms(*(f"view_{m}" for m in DOMAIN + REFERENCE))
_WARD = _READ | _crud(*DOMAIN) | _perms("import_dignitary")
_BOARD_SPECIALIST = (
    _WARD | _crud("religiousorganisation") | _perms("view_sensitive_dignitary", "view_exact_stats")
)
_BOARD_LEADER = _WARD | _crud("religiousorganisation") | _perms("view_exact_stats")
_NEIGHBOURHOOD = _perms(
    "view_establishment",
    "view_festival",
    "view_group",
    "view_incident",
    "add_incident",
    "view_religion",
    "view_religiousorganisation",
)

extend_role(Role.BOARD_LEADER, _BOARD_LEADER)
extend_role(Role.BOARD_SPECIALIST, _BOARD_SPECIALIST)
extend_role(Role.WARD_BLOC_OFFICER, _WARD)
extend_role(Role.NEIGHBOURHOOD_COMMITTEE, _NEIGHBOURHOOD)
extend_role(Role.READONLY_LEADER, _READ)
