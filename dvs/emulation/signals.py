"""Scope rules and role permissions of the emulation app."""

from dvs.accounts import scope
from dvs.accounts.policies import register_reference_data
from dvs.accounts.roles import Role, extend_role

from .models import (
    Criterion,
    Evaluation,
    Exemplar,
    ExemplarField,
    Indicator,
    IndicatorValue,
    Recognition,
)

scope.register(Exemplar, organisation="organisation")
scope.register(Evaluation, unit="exemplar__unit", organisation="exemplar__organisation")
scope.register(Recognition, unit="exemplar__unit", organisation="exemplar__organisation")
# Part of an exemplar (edited in its form); registered so figures can read it in scope.
scope.register(IndicatorValue, unit="exemplar__unit", organisation="exemplar__organisation")
# Fields, indicators and criteria serve every unit's exemplars: a ward's board reads them,
# the city's board keeps them (dvs.accounts.policies).
register_reference_data(ExemplarField, Indicator, Criterion)


def _perms(*names):
    return {f"emulation.{name}" for name in names}


def _crud(*models):
    return _perms(*(f"{a}_{m}" for m in models for a in ("add", "change", "delete", "view")))


_READ = _perms("view_exemplar", "view_indicatorvalue", "view_evaluation", "view_recognition")
# Units and organisations register and keep their own exemplars.
_REGISTER = _READ | _perms("add_exemplar", "change_exemplar")
# The board (its specialists do the emulation work) evaluates, recognises, publishes and
# keeps the fields, indicators and criteria.
_BOARD = (
    _READ
    | _crud("exemplar", "evaluation", "recognition", "exemplarfield", "indicator", "criterion")
    | _perms("publish_exemplar")
)

extend_role(Role.BOARD_LEADER, _BOARD)
extend_role(Role.BOARD_SPECIALIST, _BOARD)
extend_role(Role.READONLY_LEADER, _READ)
extend_role(Role.ORGANISATION_OFFICER, _REGISTER)
extend_role(Role.WARD_BLOC_OFFICER, _REGISTER)
extend_role(Role.NEIGHBOURHOOD_COMMITTEE, _REGISTER)
