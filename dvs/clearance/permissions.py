"""Scope rules and role permissions of land clearance advocacy.

A key project belongs to the unit that runs it (the city); its segments to their ward;
an affected party to its neighbourhood where known, else to its segment's ward; a
milestone, visit or obstacle to its party's unit (a shared milestone to its segment's
ward). A grant limited to an organisation (the Front, a union) reaches the rows of its
subtree: the organisations go on the visits and sit in the working groups, and none of
these rows belongs to one organisation. A ward officer sees a project through its
ward's segment (`Project.objects.visible_to`).
"""

from dvs.accounts import scope
from dvs.accounts.roles import Role, extend_role

from .models import AdvocacyVisit, AffectedParty, Milestone, Obstacle, Project, Segment

scope.register(Project)
scope.register(Segment, unit="ward")
scope.register(AffectedParty)
scope.register(Milestone, unit="unit")
scope.register(AdvocacyVisit, unit="party__unit")
scope.register(Obstacle, unit="party__unit")


def _perms(*names):
    return {f"clearance.{name}" for name in names}


def _crud(*models):
    return _perms(*(f"{a}_{m}" for m in models for a in ("add", "change", "delete", "view")))


_READ = _perms(
    "view_project",
    "view_segment",
    "view_affectedparty",
    "view_milestone",
    "view_advocacyvisit",
    "view_obstacle",
)
# A ward keeps its segment's figures and every party's steps, visits and obstacles.
_WARD = (
    _READ
    | _perms("change_segment")
    | _crud("affectedparty", "milestone", "advocacyvisit", "obstacle")
    | _perms("import_affectedparty", "view_sensitive_affectedparty")
)
# The board sets up projects and their segments as well.
_BOARD = _WARD | _crud("project", "segment")
# The Front, the unions and the neighbourhood log visits and raise obstacles.
_ADVOCATE = _READ | _perms("add_advocacyvisit", "add_obstacle")

extend_role(Role.BOARD_LEADER, _BOARD)
extend_role(Role.BOARD_SPECIALIST, _BOARD)
extend_role(Role.WARD_BLOC_OFFICER, _WARD)
extend_role(Role.ORGANISATION_OFFICER, _ADVOCATE)
extend_role(Role.NEIGHBOURHOOD_COMMITTEE, _ADVOCATE)
extend_role(Role.READONLY_LEADER, _READ)
