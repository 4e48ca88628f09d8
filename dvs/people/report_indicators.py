"""Indicators the people registry gives periodic reports (format: dvs/reports/registry.py).

Residents and households are counted as they stand (the registry keeps no history);
members by organisation kind count active memberships of living residents, on the unit
of the organisation.
"""

from django.db.models import Count
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from dvs.units.models import OrganisationKind

from .models import Household, Membership, Person


def residents(start, end):
    return dict(Person.objects.living().values_list("unit_id").annotate(n=Count("pk")).order_by())


def households(start, end):
    return dict(Household.objects.values_list("unit_id").annotate(n=Count("pk")).order_by())


def _members(kind_id=None):
    def compute(start, end):
        members = Membership.objects.filter(
            ended_on__isnull=True, person__status=Person.Status.LIVING
        )
        if kind_id is not None:
            members = members.filter(organisation__kind_id=kind_id)
        return dict(members.values_list("organisation__unit_id").annotate(n=Count("pk")).order_by())

    return compute


INDICATORS = [
    {"code": "residents", "name": _("Residents"), "unit": _("people"), "compute": residents},
    {"code": "households", "name": _("Households"), "unit": _("households"), "compute": households},
    {
        "code": "members",
        "name": _("Members of organisations"),
        "unit": _("people"),
        "compute": _members(),
        "higher_is_better": True,
    },
]


def indicators():
    """One indicator per organisation kind: members_<kind code>."""
    return [
        {
            "code": f"members_{kind.code}".replace("-", "_"),
            "name": format_lazy("{}: {}", _("Members"), kind.name),
            "unit": _("people"),
            "compute": _members(kind.pk),
            "higher_is_better": True,
        }
        for kind in OrganisationKind.objects.order_by("sort_order", "name")
    ]
