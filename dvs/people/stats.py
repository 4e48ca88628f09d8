"""Members by organisation and coverage: the share of eligible residents who are members.

One aggregate query counts residents per (neighbourhood, sex, year of birth) and one
counts active members per organisation; both roll up the unit tree in Python by path,
so the cost does not grow with the number of organisations shown.
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
    total = 0
    for (unit_path, sex, year), n in residents.items():
        if not unit_path.startswith(path) or year is None:
            continue
        if rule.sex and sex != rule.sex:
            continue
        age = on.year - year
        if rule.min_age is not None and age < rule.min_age:
            continue
        if rule.max_age is not None and age > rule.max_age:
            continue
        total += n
    return total
