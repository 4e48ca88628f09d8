"""Indicators planning offers the periodic reports.

Each `compute(units, start, end)` takes a Unit, a unit path, or an iterable of paths
(the subtrees to count) and the period's first and last day, and returns an int.
"""

from django.db.models import Q, Sum

from .models import Program, ProgramStatus, TaskAssignment, TaskStatus


def _in(units, lookup):
    """Q for rows whose unit (at `lookup`) lies in any of the given subtrees."""
    if hasattr(units, "path"):
        paths = [units.path]
    elif isinstance(units, str):
        paths = [units]
    else:
        paths = [getattr(u, "path", u) for u in units]
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{lookup}__startswith": path})
    return condition


def tasks_assigned(units, start, end):
    """Assignments given to units in the subtrees during the period."""
    return TaskAssignment.objects.filter(
        _in(units, "unit__path"), task__assigned_on__range=(start, end)
    ).count()


def tasks_done(units, start, end):
    """Assignments completed during the period."""
    return TaskAssignment.objects.filter(
        _in(units, "unit__path"), status=TaskStatus.DONE, completed_on__range=(start, end)
    ).count()


def tasks_overdue(units, start, end):
    """Assignments due by the period's end and not done by it (or done late)."""
    late = Q(completed_on__isnull=True) | Q(completed_on__gt=end)
    return (
        TaskAssignment.objects.filter(_in(units, "unit__path"), task__deadline__lt=end)
        .filter(late)
        .count()
    )


def programs_ordered(units, start, end):
    return Program.objects.filter(_in(units, "unit__path"), ordered_on__range=(start, end)).count()


def programs_completed(units, start, end):
    return Program.objects.filter(
        _in(units, "unit__path"),
        status=ProgramStatus.COMPLETED,
        completed_on__range=(start, end),
    ).count()


def programs_budget(units, start, end):
    """Budget (VND) of the programs ordered during the period."""
    total = Program.objects.filter(
        _in(units, "unit__path"), ordered_on__range=(start, end)
    ).aggregate(total=Sum("budget"))["total"]
    return int(total or 0)


INDICATORS = [
    {
        "code": "tasks_assigned",
        "name": "Nhiệm vụ được giao",
        "unit": "nhiệm vụ",
        "compute": tasks_assigned,
    },
    {
        "code": "tasks_done",
        "name": "Nhiệm vụ đã hoàn thành",
        "unit": "nhiệm vụ",
        "compute": tasks_done,
    },
    {
        "code": "tasks_overdue",
        "name": "Nhiệm vụ quá hạn",
        "unit": "nhiệm vụ",
        "compute": tasks_overdue,
    },
    {
        "code": "programs_ordered",
        "name": "Chương trình, đề án được Chính quyền đặt hàng",
        "unit": "chương trình",
        "compute": programs_ordered,
    },
    {
        "code": "programs_completed",
        "name": "Chương trình đặt hàng đã hoàn thành",
        "unit": "chương trình",
        "compute": programs_completed,
    },
    {
        "code": "programs_budget",
        "name": "Kinh phí Chính quyền đặt hàng",
        "unit": "đồng",
        "compute": programs_budget,
    },
]
