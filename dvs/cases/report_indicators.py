"""Indicators of the petition work for periodic reports (format: dvs/reports/registry.py).

Counts follow `stats.summary`: cases linked to an earlier one are not counted; received,
accepted and resolved are dated within the period; overdue is counted as of the end of
the period (or today, for a period not yet over). A rise of petitions resolved, reception
sessions and dialogues is good news, of overdue petitions bad news; received, accepted and
citizens received are neither (`higher_is_better`, dvs/reports/registry.py).
"""

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Case, Dialogue, ReceptionSession, Status


def _per_unit(queryset, aggregate=None):
    return dict(queryset.values_list("unit_id").annotate(n=aggregate or Count("pk")).order_by())


def received(start, end):
    return _per_unit(Case.objects.counted().filter(received_on__range=(start, end)))


def accepted(start, end):
    return _per_unit(Case.objects.counted().filter(accepted_on__range=(start, end)))


def resolved(start, end):
    return _per_unit(Case.objects.counted().filter(concluded_on__range=(start, end)))


def resolved_on_time(start, end):
    return _per_unit(
        Case.objects.counted().filter(concluded_on__range=(start, end), resolved_on_time=True)
    )


def overdue(start, end):
    on = min(end, timezone.localdate())
    return _per_unit(
        Case.objects.filter(
            Q(status=Status.RECEIVED, accept_by__lt=on)
            | Q(status=Status.ACCEPTED, resolve_by__lt=on),
            received_on__lte=end,
        )
    )


def reception_sessions(start, end):
    return _per_unit(ReceptionSession.objects.filter(held_on__range=(start, end)))


def citizens_received(start, end):
    sessions = ReceptionSession.objects.filter(held_on__range=(start, end))
    return {k: v or 0 for k, v in _per_unit(sessions, Sum("citizens_received")).items()}


def dialogues(start, end):
    return _per_unit(
        Dialogue.objects.filter(status=Dialogue.Status.HELD, held_on__range=(start, end))
    )


def _item(code, name, unit, compute, higher_is_better=None):
    return {
        "code": code,
        "name": name,
        "unit": unit,
        "compute": compute,
        "higher_is_better": higher_is_better,
    }


INDICATORS = [
    _item("cases_received", _("Petitions received"), _("cases"), received),
    _item("cases_accepted", _("Petitions accepted for resolution"), _("cases"), accepted),
    _item("cases_resolved", _("Petitions resolved"), _("cases"), resolved, higher_is_better=True),
    _item(
        "cases_resolved_on_time",
        _("Petitions resolved on time"),
        _("cases"),
        resolved_on_time,
        higher_is_better=True,
    ),
    _item("cases_overdue", _("Petitions overdue"), _("cases"), overdue, higher_is_better=False),
    _item(
        "reception_sessions",
        _("Citizen reception sessions"),
        _("sessions"),
        reception_sessions,
        higher_is_better=True,
    ),
    _item("citizens_received", _("Citizens received"), _("people"), citizens_received),
    _item(
        "dialogues",
        _("Dialogues held with residents"),
        _("dialogues"),
        dialogues,
        higher_is_better=True,
    ),
]
