"""Scope rules and role permissions of the cases app, and who may see a denouncer.

The identity of a denouncer is shown only to the case's handler and to those whose role
carries `cases.view_identity_case` over the case's unit (the leaders who must know):
Law on Denunciation, Art. 8(3) and 47.
"""

from django.db.models import Q

from dvs.accounts import scope
from dvs.accounts.roles import Role, extend_role

from .models import Case, Dialogue, Kind, ReceptionDuty, ReceptionSession

# Case lists are filtered, dated and counted: ids, not a unit join (docs/performance.md).
# An organisation's officer sees the cases passed on by the organisation (or its
# branches), never the rest of the ward's (denunciations among them); sessions, duties
# and dialogues belong to no organisation, so such a grant sees none of them.
scope.register(Case, by_unit_ids=True, organisation="organisation")
scope.register(ReceptionSession, organisation_limited_sees_nothing=True)
scope.register(ReceptionDuty, organisation_limited_sees_nothing=True)
scope.register(Dialogue, organisation_limited_sees_nothing=True)


def _perms(*names):
    return {f"cases.{name}" for name in names}


_CASE_READ = _perms("view_case", "view_receptionsession", "view_dialogue", "view_receptionduty")
# Recording a case is open to every bloc that receives citizens' matters; editing and
# handling one are the handler's and the board's (and the reception officers'), never a
# ward bloc's or an organisation's, which may be the subject of the matter.
_CASE_INTAKE = _CASE_READ | _perms("add_case")
_CASE_HANDLE = _CASE_INTAKE | _perms("change_case", "handle_case")
_RECEPTION = _perms(
    "add_receptionsession",
    "change_receptionsession",
    "delete_receptionsession",
    "add_dialogue",
    "change_dialogue",
    "delete_dialogue",
)
_DUTIES = _perms("add_receptionduty", "change_receptionduty", "delete_receptionduty")

extend_role(Role.BOARD_LEADER, _CASE_HANDLE | _RECEPTION | _DUTIES | _perms("view_identity_case"))
extend_role(Role.BOARD_SPECIALIST, _CASE_HANDLE | _RECEPTION)
extend_role(Role.WARD_BLOC_OFFICER, _CASE_INTAKE | _RECEPTION | _DUTIES)
extend_role(Role.RECEPTION_OFFICER, _CASE_HANDLE | _RECEPTION)
extend_role(Role.ORGANISATION_OFFICER, _CASE_INTAKE)
extend_role(Role.NEIGHBOURHOOD_COMMITTEE, _CASE_INTAKE)
extend_role(Role.READONLY_LEADER, _CASE_READ)


def identity_visible(user):
    """Cases in `user`'s scope whose petitioners' identity `user` may see: any case but a
    denunciation; a denunciation for its handler and for the roles with
    `cases.view_identity_case` over its unit. The one rule, for one case or many."""
    if not getattr(user, "is_authenticated", False):
        return Case.objects.none()
    protected = Q(kind=Kind.DENUNCIATION) & ~Q(handler_id=user.pk)
    allowed = scope.scoped(user, Case, "view_identity").values("pk")
    return scope.scoped(user, Case).exclude(protected & ~Q(pk__in=allowed))


def can_see_identity(user, case):
    """The handler of the case, or a role allowed to see identities over its unit."""
    if not case.pk:
        return False
    return identity_visible(user).filter(pk=case.pk).exists()


def can_see_id_numbers(user, case):
    """Petitioners' ID numbers (CCCD) follow the residents' rule: a role that may see
    residents' protected data (people.view_sensitive_person) over the case's unit, and
    the case's handler, who must verify who petitions; always among those who may see
    the petitioners at all."""
    from dvs.people.models import SENSITIVE_PERMISSION, Person

    if not can_see_identity(user, case):
        return False
    if case.handler_id == user.pk:
        return True
    anchors = scope.writable_anchor(user, Person, SENSITIVE_PERMISSION)
    return anchors.filter(pk=case.unit_id).exists()


def possible_handlers(case):
    """Active users whose role lets them handle cases over the case's unit."""
    from django.contrib.auth import get_user_model

    from dvs.accounts.models import RoleAssignment
    from dvs.accounts.scope import role_allows

    roles = [role for role in Role if role_allows(role, "cases.handle_case")]
    path, step = case.unit.path, type(case.unit).steplen
    ancestors = [path[:end] for end in range(step, len(path) + 1, step)]
    assigned = RoleAssignment.objects.active().filter(role__in=roles, unit__path__in=ancestors)
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=assigned.values("user"))
        .order_by("last_name", "first_name", "username")
    )
