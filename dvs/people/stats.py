"""Members by organisation and coverage: the share of eligible residents who are members.

One aggregate query counts residents per (neighbourhood, sex, year of birth) and one
counts active members per organisation; residents roll up the unit tree by path and
members roll up to parent organisations, in Python, so the cost does not grow with the
number of organisations shown.
"""

from collections import defaultdict

from django.db.models import Count
from django.utils import timezone

from dvs.accounts import scope
from dvs.units.models import Organisation, Unit

from .models import EligibilityRule, Membership, Person


def membership_stats(user, unit, on=None):
    on = on or timezone.localdate()
    organisations = list(
        scope.scoped(user, Organisation)
        .filter(unit__path__startswith=unit.path, is_active=True)
        .select_related("kind", "unit")
        .order_by("unit__path", "kind__sort_order", "name")
    )
    members = dict(
        Membership.objects.filter(
            organisation__in=organisations,
            ended_on__isnull=True,
            person__status=Person.Status.LIVING,
        )
        .values_list("organisation")
        .annotate(n=Count("id"))
    )
    members = _with_branches(members, organisations)
    rules = {rule.kind_id: rule for rule in EligibilityRule.objects.all()}
    residents = _resident_counts(user, unit)
    rows = []
    for organisation in organisations:
        rule = rules.get(organisation.kind_id)
        eligible = _eligible(residents, organisation.unit.path, rule, on) if rule else None
        count = members.get(organisation.pk, 0)
        rows.append(
            {
                "organisation": organisation,
                "members": count,
                "eligible": eligible,
                "coverage": round(100 * count / eligible, 1) if eligible else None,
            }
        )
    return rows


def _with_branches(members, organisations):
    """An organisation's members include those of its branches (a ward's women's union
    counts the members of its neighbourhood chapters)."""
    parents = {o.pk: o.parent_id for o in organisations}
    total = defaultdict(int)
    for organisation_id, count in members.items():
        seen = set()
        while organisation_id is not None and organisation_id not in seen:
            seen.add(organisation_id)
            total[organisation_id] += count
            organisation_id = parents.get(organisation_id)
    return total


def _resident_counts(user, unit):
    """{(unit path, sex, birth year): residents living here}, in one grouped query."""
    counts = (
        scope.scoped(user, Person)
        .living()
        .filter(unit__path__startswith=unit.path)
        .values_list("unit_id", "sex", "birth_year")
        .annotate(n=Count("id"))
    )
    paths = dict(Unit.objects.filter(path__startswith=unit.path).values_list("id", "path"))
    result = defaultdict(int)
    for unit_id, sex, year, n in counts:
        result[(paths[unit_id], sex, year)] += n
    return result


def _eligible(residents, path, rule, on):
    return sum(
        n
        for (unit_path, sex, year), n in residents.items()
        if unit_path.startswith(path) and rule.admits(sex, year, on)
    )
