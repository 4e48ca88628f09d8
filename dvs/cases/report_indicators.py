"""Indicators of the petition work for periodic reports (format: dvs/reports/registry.py).

Every count is taken as of the period's end from the dates stored on the case (received,
accepted, concluded, closed, its deadlines), never from its current status, so a period's
figures do not change when a case moves on after the period: a case overdue on 30/6 and
concluded on 10/7 stays overdue in the first six months. The one exception is a case
linked to an earlier one (the same matter again), which is never counted. "Overdue" is
counted on the period's last day, or today for a period not yet over. The help of each
indicator says what it counts; docs/indicators.md lists them all.
"""

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from .models import Case, Dialogue, ReceptionSession


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
    return _per_unit(Case.objects.counted().late_in(start, end))


def reception_sessions(start, end):
    return _per_unit(ReceptionSession.objects.filter(held_on__range=(start, end)))


def citizens_received(start, end):
    sessions = ReceptionSession.objects.filter(held_on__range=(start, end))
    return {k: v or 0 for k, v in _per_unit(sessions, Sum("citizens_received")).items()}


def dialogues(start, end):
    # Only a held dialogue has a date held (reception.check_dialogue).
    return _per_unit(
        Dialogue.objects.filter(status=Dialogue.Status.HELD, held_on__range=(start, end))
    )


def _item(code, name, unit, compute, help_text, higher_is_better=None):
    return {
        "code": code,
        "name": name,
        "unit": unit,
        "compute": compute,
        "help": help_text,
        "higher_is_better": higher_is_better,
    }


INDICATORS = [
    _item(
        "cases_received",
        _("Petitions received"),
        _("cases"),
        received,
        _(
            "Cases whose date received is within the period (a repeat linked to an "
            "earlier case is not counted)."
        ),
    ),
    _item(
        "cases_accepted",
        _("Petitions accepted for resolution"),
        _("cases"),
        accepted,
        _("Cases whose date accepted for resolution is within the period."),
    ),
    _item(
        "cases_resolved",
        _("Petitions resolved"),
        _("cases"),
        resolved,
        _("Cases whose date of conclusion is within the period."),
        higher_is_better=True,
    ),
    _item(
        "cases_resolved_on_time",
        _("Petitions resolved on time"),
        _("cases"),
        resolved_on_time,
        _(
            "Cases concluded within the period on or before their time limit; a case "
            "extended after its time limit had passed is not on time."
        ),
        higher_is_better=True,
    ),
    _item(
        "cases_overdue",
        _("Petitions overdue"),
        _("cases"),
        overdue,
        _(
            "As of the period's last day (or today, for a period not yet over): cases not "
            "yet accepted or resolved on that day whose time limit had passed, including a "
            "limit missed before a late extension; plus cases concluded within the period "
            "after their time limit. A case concluded after the period still counts."
        ),
        higher_is_better=False,
    ),
    _item(
        "reception_sessions",
        _("Citizen reception sessions"),
        _("sessions"),
        reception_sessions,
        _("Reception sessions held within the period (regular, periodic and ad hoc)."),
        higher_is_better=True,
    ),
    _item(
        "citizens_received",
        _("Citizens received"),
        _("people"),
        citizens_received,
        _("Citizens received at the reception sessions held within the period."),
    ),
    _item(
        "dialogues",
        _("Dialogues held with residents"),
        _("dialogues"),
        dialogues,
        _("Dialogues whose date held is within the period."),
        higher_is_better=True,
    ),
]
