"""Indicators planning offers the periodic reports (format: dvs/reports/registry.py):
each `compute(start, end)` returns {unit id: value} for the period, counted on the unit
of the assignment or program, in one grouped query."""

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Directive, Program, ProgramStatus, TaskAssignment, TaskStatus


def _per_unit(queryset, aggregate=None):
    rows = queryset.values_list("unit_id").annotate(n=aggregate or Count("pk")).order_by()
    return {unit: int(n or 0) for unit, n in rows}


def directives_issued(start, end):
    """Directive documents (resolutions, directives, plans, guidance) issued during the
    period, on the unit that owns them: what the board advised the committee to issue."""
    return _per_unit(Directive.objects.filter(issued_on__range=(start, end)))


def tasks_assigned(start, end):
    """Assignments given to units during the period."""
    return _per_unit(TaskAssignment.objects.filter(task__assigned_on__range=(start, end)))


def tasks_done(start, end):
    """Assignments completed during the period."""
    return _per_unit(
        TaskAssignment.objects.filter(status=TaskStatus.DONE, completed_on__range=(start, end))
    )


def tasks_overdue(start, end):
    """Assignments past their deadline on the period's last day (today, for a period not
    yet over) and not done by it (done later, or not yet)."""
    day = min(end, timezone.localdate())
    late = Q(completed_on__isnull=True) | Q(completed_on__gt=day)
    return _per_unit(TaskAssignment.objects.filter(late, task__deadline__lt=day))


def programs_ordered(start, end):
    return _per_unit(Program.objects.filter(ordered_on__range=(start, end)))


def programs_completed(start, end):
    return _per_unit(
        Program.objects.filter(status=ProgramStatus.COMPLETED, completed_on__range=(start, end))
    )


def programs_budget(start, end):
    """Budget (VND) of the programs ordered during the period."""
    return _per_unit(Program.objects.filter(ordered_on__range=(start, end)), Sum("budget"))


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
        "directives_issued",
        _("Directive documents issued"),
        _("documents"),
        directives_issued,
        _(
            "Directive documents (resolutions, directives, plans, guidance) whose issue date "
            "is within the period, on the unit that owns them."
        ),
    ),
    _item(
        "tasks_assigned",
        _("Tasks assigned"),
        _("tasks"),
        tasks_assigned,
        _("Assignments of tasks whose date assigned is within the period."),
    ),
    _item(
        "tasks_done",
        _("Tasks completed"),
        _("tasks"),
        tasks_done,
        _("Assignments whose completion date is within the period."),
        higher_is_better=True,
    ),
    _item(
        "tasks_overdue",
        _("Tasks overdue"),
        _("tasks"),
        tasks_overdue,
        _(
            "As of the period's last day (or today, for a period not yet over): assignments "
            "whose deadline was before that day and that were not completed by it "
            "(completed later, or not yet)."
        ),
        higher_is_better=False,
    ),
    _item(
        "programs_ordered",
        _("Programs ordered by the government"),
        _("programs"),
        programs_ordered,
        _("Programs whose order date is within the period."),
        higher_is_better=True,
    ),
    _item(
        "programs_completed",
        _("Ordered programs completed"),
        _("programs"),
        programs_completed,
        _("Ordered programs whose completion date is within the period."),
        higher_is_better=True,
    ),
    _item(
        "programs_budget",
        _("Budget of ordered programs"),
        _("VND"),
        programs_budget,
        _("Budget of the programs whose order date is within the period."),
    ),
]
