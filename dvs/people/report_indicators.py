"""Indicators the people registry gives periodic reports (format: dvs/reports/registry.py).

Counted as of the period's end, from the dates the registry keeps: a resident who moved
away or died after the period (`status_on`) was still living there at its end, and a
membership counts from the day it began (`joined_on`, when known) until the day it ended
(`ended_on`). Households have no dates: they are counted as they stand today, and so are
residents' and members' units (a move inside the city is not dated). Archived residents
are left out.
"""

from django.db.models import Count, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from dvs.units.models import OrganisationKind

from .models import Household, Membership, Person

Status = Person.Status


def _living_on(day, prefix=""):
    """Living in the registry on `day`: living now, or gone (moved, deceased) after it."""
    gone_later = Q(**{f"{prefix}status__in": (Status.MOVED, Status.DECEASED)}) & Q(
        **{f"{prefix}status_on__gt": day}
    )
    return (Q(**{f"{prefix}status": Status.LIVING}) | gone_later) & Q(
        **{f"{prefix}archived_at__isnull": True}
    )


def residents(start, end):
    people = Person.objects.filter(_living_on(end))
    return dict(people.values_list("unit_id").annotate(n=Count("pk")).order_by())


def households(start, end):
    return dict(Household.objects.values_list("unit_id").annotate(n=Count("pk")).order_by())


def _members(kind_id=None):
    def compute(start, end):
        members = Membership.objects.filter(
            Q(joined_on__isnull=True) | Q(joined_on__lte=end),
            Q(ended_on__isnull=True) | Q(ended_on__gt=end),
            _living_on(end, "person__"),
        )
        if kind_id is not None:
            members = members.filter(organisation__kind_id=kind_id)
        return dict(members.values_list("organisation__unit_id").annotate(n=Count("pk")).order_by())

    return compute


MEMBERS_HELP = _(
    "As of the period's last day: memberships begun by that day (or with no date) and not "
    "ended on it, of residents living there on that day; on the organisation's unit."
)

INDICATORS = [
    {
        "code": "residents",
        "name": _("Residents"),
        "unit": _("people"),
        "compute": residents,
        "help": _(
            "As of the period's last day: residents living in the registry on that day "
            "(those who moved away or died after it included), on their current unit."
        ),
    },
    {
        "code": "households",
        "name": _("Households"),
        "unit": _("households"),
        "compute": households,
        "help": _("As they stand today: the registry keeps no dates for households."),
    },
    {
        "code": "members",
        "name": _("Members of organisations"),
        "unit": _("people"),
        "compute": _members(),
        "higher_is_better": True,
        "help": MEMBERS_HELP,
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
            "help": MEMBERS_HELP,
        }
        for kind in OrganisationKind.objects.order_by("sort_order", "name")
    ]
