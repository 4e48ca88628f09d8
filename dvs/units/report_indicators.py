"""Indicators of the Front and the organisations' terms for periodic reports (format:
dvs/reports/registry.py): congresses held during the period (a term whose congress date
falls in it), counted on the organisation's unit."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Term


def congresses(start, end):
    return dict(
        Term.objects.filter(congress_on__range=(start, end))
        .values_list("organisation__unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    )


INDICATORS = [
    {
        "code": "congresses",
        "name": _("Congresses of the Front and the organisations"),
        "unit": _("congresses"),
        "compute": congresses,
        "help": _("Terms whose congress date is within the period, on the organisation's unit."),
    },
]
