"""Indicators of the "Skilled Mass Mobilization" movement for periodic reports (format:
dvs/reports/registry.py): exemplars running by the end of the period, by field, those
recognised and those replicated during the period.

"Running by the end" is taken from the start date; a stopped exemplar is left out
whatever the date it stopped, because no date of stopping is recorded.
"""

from django.db.models import Count
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import Exemplar, ExemplarField, Recognition, Status


def _running(end):
    return Exemplar.objects.filter(started_on__lte=end).exclude(status=Status.STOPPED)


def _per_unit(queryset, unit="unit_id"):
    return dict(queryset.values_list(unit).annotate(n=Count("pk", distinct=True)).order_by())


def exemplars(start, end):
    return _per_unit(_running(end))


def recognised(start, end):
    recognitions = Recognition.objects.filter(decision_date__range=(start, end))
    return dict(
        recognitions.values_list("exemplar__unit_id")
        .annotate(n=Count("exemplar", distinct=True))
        .order_by()
    )


def replicated(start, end):
    return _per_unit(Exemplar.objects.filter(origin__isnull=False, started_on__range=(start, end)))


def _by_field(field_id):
    def compute(start, end):
        return _per_unit(_running(end).filter(field_id=field_id))

    return compute


RUNNING_HELP = _(
    "As of the period's last day: exemplars started by that day and not stopped (a "
    "stopped exemplar is left out whatever the date it stopped: none is recorded)."
)

INDICATORS = [
    {
        "code": "exemplars",
        "name": _("Exemplars in the movement"),
        "unit": _("exemplars"),
        "higher_is_better": True,
        "compute": exemplars,
        "help": RUNNING_HELP,
    },
    {
        "code": "exemplars_recognised",
        "name": _("Exemplars recognised"),
        "unit": _("exemplars"),
        "higher_is_better": True,
        "compute": recognised,
        "help": _("Exemplars with a recognition decision dated within the period."),
    },
    {
        "code": "exemplars_replicated",
        "name": _("Exemplars replicated"),
        "unit": _("exemplars"),
        "higher_is_better": True,
        "compute": replicated,
        "help": _("Replicas of another exemplar whose start date is within the period."),
    },
]


def indicators():
    """One indicator per field of the movement: exemplars_<field code>."""
    return [
        {
            "code": f"exemplars_{field.code}".replace("-", "_"),
            "name": format_lazy("{}: {}", _("Exemplars"), field.name),
            "unit": _("exemplars"),
            "higher_is_better": True,
            "compute": _by_field(field.pk),
            "help": RUNNING_HELP,
        }
        for field in ExemplarField.objects.order_by("sort_order", "name")
    ]
