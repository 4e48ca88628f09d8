"""Scope rules and role permissions of planning, and its pure rules (no database):
a task's status from its assignments, a progress figure, a program's budget, spending
and completion."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from dvs.accounts import scope
from dvs.accounts.roles import Role, extend_role

from .models import (
    Directive,
    Program,
    ProgramStatus,
    ProgressUpdate,
    Task,
    TaskAssignment,
    TaskStatus,
)

scope.register(Directive)
scope.register(Task)
# An assignment belongs to the unit (or organisation) that carries it out.
scope.register(TaskAssignment, organisation="organisation")
scope.register(Program, organisation="organisation")


def directive_for(user, pk):
    """The directive `pk` if `user` sees it (Directive.objects.visible_to), or Http404:
    its page, its API detail and its file, in the admin and the API alike."""
    try:
        return Directive.objects.visible_to(user).select_related("unit").get(pk=pk)
    except (Directive.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def evidence_for(user, pk):
    """The progress update `pk` with evidence that `user` may download, or Http404.

    The one door to evidence files, for the admin and the API alike: the assignee that
    recorded it (its unit's or organisation's subtree grants) and the scope of the unit
    that gave the task (that unit and above). Another assignee of the same task sees
    the task, not this evidence."""
    carried_out = scope.scoped(user, TaskAssignment).values("pk")
    given = scope.scoped(user, Task).values("pk")
    updates = ProgressUpdate.objects.exclude(evidence="").filter(
        Q(assignment__in=carried_out) | Q(assignment__task__in=given)
    )
    try:
        return updates.get(pk=pk)
    except (ProgressUpdate.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _perms(*names):
    return {f"planning.{name}" for name in names}


def _crud(*models):
    return _perms(*(f"{a}_{m}" for m in models for a in ("add", "change", "delete", "view")))


_READ = _perms("view_directive", "view_task", "view_taskassignment", "view_program")
_CARRY_OUT = _READ | _perms("record_progress_taskassignment")
_MANAGE = _crud("directive", "task", "taskassignment", "program") | _CARRY_OUT
_MANAGE |= _perms("order_program")
# The Front and the organisations propose programs; the board records the order.
_PROPOSE = _perms("add_program")

extend_role(Role.BOARD_LEADER, _MANAGE)
extend_role(Role.BOARD_SPECIALIST, _MANAGE)
extend_role(Role.WARD_BLOC_OFFICER, _CARRY_OUT)
extend_role(Role.ORGANISATION_OFFICER, _CARRY_OUT | _PROPOSE)
extend_role(Role.NEIGHBOURHOOD_COMMITTEE, _CARRY_OUT)
extend_role(Role.READONLY_LEADER, _READ)


# Pure rules ---------------------------------------------------------------------------


def assignment_status(percent):
    if percent >= 100:
        return TaskStatus.DONE
    return TaskStatus.IN_PROGRESS if percent > 0 else TaskStatus.NOT_STARTED


def task_status(assignment_statuses):
    """Done when every assignment is done, in progress once any has started."""
    statuses = list(assignment_statuses)
    if statuses and all(s == TaskStatus.DONE for s in statuses):
        return TaskStatus.DONE
    if any(s != TaskStatus.NOT_STARTED for s in statuses):
        return TaskStatus.IN_PROGRESS
    return TaskStatus.NOT_STARTED


def check_percent(value):
    """A whole number from 0 to 100, or ValidationError in Vietnamese."""
    try:
        number = int(str(value).strip().rstrip("%"))
    except (TypeError, ValueError):
        raise ValidationError(
            {"percent": _("The percentage done must be a whole number from 0 to 100.")}
        ) from None
    if not 0 <= number <= 100:
        raise ValidationError(
            {"percent": _("The percentage done must be a whole number from 0 to 100.")}
        )
    return number


def check_progress_date(value, *, today):
    if not isinstance(value, datetime.date):
        raise ValidationError({"date": _("Enter the date of the progress report.")})
    if value > today:
        raise ValidationError({"date": _("The date of a progress report cannot be in the future.")})
    return value


def check_amount(value, *, field="amount"):
    """A positive number of VND."""
    try:
        amount = Decimal(str(value).replace(".", "").replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Enter the amount in VND as a number.")}) from None
    if amount <= 0:
        raise ValidationError({field: _("The amount spent must be greater than 0.")})
    return amount


def check_spending(budget, amounts):
    """Spending may not go above the budget ordered."""
    if budget is None:
        raise ValidationError(_("Spending can only be recorded once the program is ordered."))
    total = sum((Decimal(a) for a in amounts), Decimal(0))
    if total > budget:
        raise ValidationError(
            _("Spending of %(total)s VND would exceed the budget of %(budget)s VND.")
            % {
                "total": f"{total:,.0f}".replace(",", "."),
                "budget": f"{budget:,.0f}".replace(",", "."),
            }
        )


def check_completion(outputs):
    """A program is completed only when it has outputs and each has its actual figure."""
    outputs = list(outputs)
    if not outputs:
        raise ValidationError(_("Record the program's outputs before completing it."))
    missing = [o.description for o in outputs if o.actual is None]
    if missing:
        raise ValidationError(
            _("Record the actual figure of every output before completing: %(outputs)s.")
            % {"outputs": ", ".join(missing)}
        )


_ORDERED = {ProgramStatus.ORDERED, ProgramStatus.IN_PROGRESS, ProgramStatus.COMPLETED}


def check_program(program):
    """The fields a program's status needs: an ordered program has its ordering date,
    decision number and budget; a completed one its completion date."""
    errors = {}
    if program.budget is not None and program.budget < 0:
        errors["budget"] = _("The budget cannot be negative.")
    if program.status in _ORDERED:
        if not program.ordered_on:
            errors["ordered_on"] = _("Enter the date the government ordered the program.")
        if not program.decision_number:
            errors["decision_number"] = _("Enter the number of the ordering decision.")
        if program.budget is None:
            errors["budget"] = _("Enter the budget ordered.")
    if program.ordered_on and program.proposed_on and program.ordered_on < program.proposed_on:
        errors["ordered_on"] = _("A program cannot be ordered before it was proposed.")
    if program.status == ProgramStatus.COMPLETED and not program.completed_on:
        errors["completed_on"] = _("Enter the completion date.")
    if errors:
        raise ValidationError(errors)


def program_is_open(program):
    return program.status in {ProgramStatus.ORDERED, ProgramStatus.IN_PROGRESS}
