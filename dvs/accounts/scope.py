"""The one door to scoped data.

Every list, detail, search, export, chooser and API query of a scoped model starts
here: `scoped(user, Model, action)` for many rows, `access(user, Model, pk, action)` for
one. A user's scope is the set of their active role assignments; each grants its role's
permissions over a unit's subtree (a prefix match on the tree's materialized path), and
optionally over one organisation (and its branches) only. Deny by default: a model that
was never registered here cannot be queried through the door at all.

A grant limited to an organisation reaches, of a model registered with
`organisation=<lookup>`, the rows of that organisation and its branches; of a model
registered with `organisation_limited_sees_nothing=True` (rows that belong to no
organisation: reception sessions, dialogues), nothing; of any other model, the rows of
its subtree.
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.http import Http404

from dvs.lib import queries  # noqa: F401  (the __in_ids lookup)

from .roles import ALL, ROLE_PERMISSIONS, Role


@dataclass(frozen=True)
class ScopeRule:
    path: str  # lookup to the unit's materialized path, e.g. "unit__path"
    organisation: str | None  # lookup to an Organisation, "self" for Organisation itself
    by_unit_ids: bool = False  # every grant as its subtree's unit ids (see _in_subtree)
    organisation_limited_sees_nothing: bool = False


_REGISTRY: dict[type, ScopeRule] = {}

# Grants at this depth or above (province, city) cover most of the data.
BROAD_SUBTREE_DEPTH = 2


def is_broad(unit_path):
    """Whether the subtree at `unit_path` is a province's or a city's (at depth
    BROAD_SUBTREE_DEPTH or above)."""
    from dvs.units.models import Unit

    return len(unit_path) <= BROAD_SUBTREE_DEPTH * Unit.steplen


def register(
    model,
    *,
    unit="unit",
    organisation=None,
    by_unit_ids=False,
    organisation_limited_sees_nothing=False,
):
    """Declare how rows of `model` belong to a unit (unit=None: the model is the unit)
    and to an organisation (a lookup; "self" for Organisation itself).

    by_unit_ids: for models whose lists are filtered, dated and counted rather than
    walked in an order a unit join helps (cases): a city grant too becomes the list of
    its units' ids, so the database starts from the model's own indexes.
    organisation_limited_sees_nothing: the rows belong to no organisation, and a grant
    limited to one reaches none of them."""
    _REGISTRY[model] = ScopeRule(
        path=f"{unit}__path" if unit else "path",
        organisation=organisation,
        by_unit_ids=by_unit_ids,
        organisation_limited_sees_nothing=organisation_limited_sees_nothing,
    )
    return model


def registered_models():
    return list(_REGISTRY)


def rule_for(model):
    try:
        return _REGISTRY[model]
    except KeyError:
        raise ImproperlyConfigured(
            f"{model.__name__} has no scope rule: register it in dvs.accounts.scope."
        ) from None


@dataclass(frozen=True)
class Grant:
    role: str
    unit_path: str
    organisation_id: int | None


def grants(user):
    """The user's active role assignments, read once per request (cached on the user)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    if not hasattr(user, "_dvs_grants"):
        from .models import RoleAssignment

        user._dvs_grants = tuple(
            Grant(role, path, organisation_id)
            for role, path, organisation_id in RoleAssignment.objects.active()
            .filter(user=user)
            .values_list("role", "unit__path", "organisation_id")
        )
    return user._dvs_grants


def role_allows(role, permission):
    allowed = ROLE_PERMISSIONS.get(role, ())
    return allowed is ALL or permission in allowed


def permission_name(model, action):
    """`view` on Person is "people.view_person"; `view_sensitive` is "people.view_sensitive_person"."""
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def _in_subtree(path_lookup, unit_path, by_unit_ids=False):
    """Rows whose unit is in the subtree at `unit_path`.

    Two forms, by the size of the subtree:
    - a ward or neighbourhood: `unit_id IN (<the subtree's unit ids>)`, so the database
      reads the model's own (unit, …) index unit by unit;
    - a province or city (BROAD_SUBTREE_DEPTH), which holds most rows: a join on the
      unit's path, so the database can walk the index of the order asked for instead.
    The Unit model itself is filtered on its own path.
    """
    from dvs.units.models import Unit

    broad = is_broad(unit_path)
    if path_lookup == "path" or (broad and not by_unit_ids):
        # A province or city holds most rows: the unit filter is not selective, so the
        # join lets the database walk the order asked for (a name index) instead.
        return Q(**{f"{path_lookup}__startswith": unit_path})
    fk = path_lookup.removesuffix("__path")
    # A ward's few dozen unit ids, read once and written out, give the planner an exact
    # estimate (PostgreSQL misjudges a LIKE subquery and reads a key index instead).
    units = list(Unit.objects.filter(path__startswith=unit_path).values_list("pk", flat=True))
    # Thousands of ids (a city) are written as literals: resolving each as a parameter
    # costs Django longer than the query (dvs.lib.queries.InIntegers).
    return Q(**{f"{fk}__in_ids" if broad else f"{fk}__in": units})


def _condition(rule, grant):
    """The rows `grant` reaches, or None for none."""
    if grant.organisation_id and rule.organisation_limited_sees_nothing:
        return None
    condition = _in_subtree(rule.path, grant.unit_path, rule.by_unit_ids)
    if grant.organisation_id and rule.organisation == "self":
        condition &= Q(pk=grant.organisation_id) | Q(parent_id=grant.organisation_id)
    elif grant.organisation_id and rule.organisation:
        org = rule.organisation
        condition &= Q(**{f"{org}_id": grant.organisation_id}) | Q(
            **{f"{org}__parent_id": grant.organisation_id}
        )
    return condition


def scoped(user, model_or_queryset, action="view"):
    """Rows of a registered model that `user` may `action` ("view", "change", "delete")."""
    queryset = getattr(model_or_queryset, "_default_manager", model_or_queryset)
    queryset = queryset.all()
    rule = rule_for(queryset.model)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    permission = permission_name(queryset.model, action)
    condition = None
    for grant in grants(user):
        part = _condition(rule, grant) if role_allows(grant.role, permission) else None
        if part is not None:
            condition = part if condition is None else condition | part
    if condition is None:
        return queryset.none()
    return queryset.filter(condition)


def access(user, model_or_queryset, pk, action="view"):
    """One row, or Http404 for missing and forbidden alike (no existence leak)."""
    queryset = scoped(user, model_or_queryset, action)
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def can(user, obj, action="view"):
    return scoped(user, type(obj), action).filter(pk=obj.pk).exists()


def unit_path_of(instance):
    """The materialized path of the unit an object belongs to ("" if not scoped)."""
    rule = _REGISTRY.get(type(instance))
    if rule is None:
        return ""
    value = instance
    for attribute in rule.path.split("__"):
        value = getattr(value, attribute, None)
        if value is None:
            return ""
    return value


def audit_paths(user):
    """Subtrees whose audit trail the user may read; None means all of it."""
    if user.is_superuser:
        return None
    return [
        grant.unit_path
        for grant in grants(user)
        if role_allows(grant.role, "accounts.view_auditentry")
    ]


def top_units(user):
    """The highest units of the user's scope (for the dashboard and default filters)."""
    from dvs.units.models import Unit

    if user.is_superuser:
        return list(Unit.get_root_nodes())
    paths = sorted({grant.unit_path for grant in grants(user)})
    tops = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
    return list(Unit.objects.filter(path__in=tops).order_by("path"))


def roles_of(user):
    return sorted({Role(grant.role).label for grant in grants(user)}, key=str)


def writable_anchor(user, model, action):
    """Rows a new or changed `model` row may be attached to (its unit or organisation).

    For a model scoped by `unit`, the units where the user may `action` that model;
    for one scoped through another model (Term → organisation), the rows of that model
    inside the same subtrees.
    """
    from dvs.units.models import Unit

    rule = rule_for(model)
    anchor, *rest = rule.path.split("__")
    related = model._meta.get_field(anchor).related_model if anchor != "path" else Unit
    queryset = related._default_manager.all()
    if user.is_superuser:
        return queryset
    lookup = "__".join(rest) if rest else "path"
    permission = permission_name(model, action)
    condition = None
    for grant in grants(user):
        if grant.organisation_id and rule.organisation_limited_sees_nothing:
            continue
        if role_allows(grant.role, permission):
            part = Q(**{f"{lookup}__startswith": grant.unit_path})
            condition = part if condition is None else condition | part
    return queryset.filter(condition) if condition is not None else queryset.none()
