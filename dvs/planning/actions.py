"""Writes of planning that span rows or must be checked against scope: assigning a task,
recording progress, ordering a program, recording its spending, completing it.

Each is one transaction (nothing half-saved), takes the acting user as `by`, checks
scope itself and raises ValidationError with the message a user reads.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from dvs.accounts import scope

from . import rules
from .models import (
    Program,
    ProgramSpending,
    ProgramStatus,
    ProgressUpdate,
    Task,
    TaskAssignment,
    TaskStatus,
)


def check_assignee(task_unit, *, unit=None, organisation=None, by):
    """Refuse an assignee outside the assigner's scope or outside the task's unit."""
    target = organisation.unit if organisation is not None else unit
    if target is None:
        raise ValidationError(_("Choose the unit or the organisation the task is given to."))
    name = organisation or unit
    writable = [u.path for u in scope.writable_anchor(by, Task, "add")]
    if not by.is_superuser and not any(target.path.startswith(p) for p in writable):
        raise ValidationError(
            _("“%(name)s” is outside your scope: you can only assign tasks within your units.")
            % {"name": name}
        )
    if task_unit is not None and not target.path.startswith(task_unit.path):
        raise ValidationError(
            _("“%(name)s” is not under %(unit)s, the unit assigning the task.")
            % {"name": name, "unit": task_unit}
        )


@transaction.atomic
def assign_task(*, by, assignees, directive=None, **fields):
    """Create a task and give it to `assignees` (Units and Organisations).

    Every assignee is checked before anything is written."""
    if not assignees:
        raise ValidationError(_("Give the task to at least one unit or organisation."))
    task = Task(directive=directive, assigned_by=by, **fields)
    if task.unit_id and not scope.writable_anchor(by, Task, "add").filter(pk=task.unit_id):
        raise ValidationError({"unit": _("This unit is outside your scope.")})
    task.full_clean()
    pairs = []
    for assignee in assignees:
        unit, organisation = _split(assignee)
        check_assignee(task.unit, unit=unit, organisation=organisation, by=by)
        pairs.append((unit, organisation))
    task.save()
    for unit, organisation in pairs:
        add_assignment(task, unit=unit, organisation=organisation, by=by)
    log(task, "wagtail.create", user=by)
    return task


def _split(assignee):
    from dvs.units.models import Organisation

    if isinstance(assignee, Organisation):
        return assignee.unit, assignee
    return assignee, None


@transaction.atomic
def add_assignment(task, *, unit=None, organisation=None, by):
    check_assignee(task.unit, unit=unit, organisation=organisation, by=by)
    exists = TaskAssignment.objects.filter(task=task, organisation=organisation)
    if organisation is None:
        exists = exists.filter(unit=unit)
    if exists.exists():
        raise ValidationError(
            _("The task is already given to %(name)s.") % {"name": organisation or unit}
        )
    assignment = TaskAssignment(task=task, unit=unit, organisation=organisation)
    assignment.full_clean(exclude=["task"])
    assignment.save()
    task.refresh_status()
    return assignment


@transaction.atomic
def record_progress(assignment, *, by, percent, date=None, note="", evidence=None):
    """Record how far an assignee has got, with evidence; the assignment's and the task's
    status follow."""
    assignment = (
        scope.scoped(by, TaskAssignment, "record_progress")
        .select_for_update()
        .filter(pk=assignment.pk)
        .first()
    )
    if assignment is None:
        raise ValidationError(_("You cannot report progress on this assignment."))
    today = timezone.localdate()
    percent = rules.check_percent(percent)
    date = rules.check_progress_date(date or today, today=today)
    if date < assignment.task.assigned_on:
        raise ValidationError(
            {"date": _("The date of a progress report cannot be before the task was assigned.")}
        )
    if percent < 100 and assignment.status == TaskStatus.DONE and not note.strip():
        raise ValidationError(
            {"note": _("Explain in the note why a completed assignment is reopened.")}
        )
    update = ProgressUpdate(
        assignment=assignment, date=date, percent=percent, note=note.strip(), recorded_by=by
    )
    if evidence:
        update.evidence = evidence
    update.save()
    assignment.percent = percent
    assignment.status = rules.assignment_status(percent)
    assignment.completed_on = date if percent >= 100 else None
    assignment.save(update_fields=["percent", "status", "completed_on"])
    assignment.task.refresh_status()
    log(assignment.task, "wagtail.edit", user=by)
    return update


def _program_for_change(program, by):
    program = scope.scoped(by, Program, "change").select_for_update().filter(pk=program.pk).first()
    if program is None:
        raise ValidationError(_("This program is outside your scope."))
    return program


@transaction.atomic
def order_program(program, *, by, ordered_on, decision_number, budget, ordered_by=""):
    """The government orders a proposed program with a budget."""
    program = _program_for_change(program, by)
    if program.status != ProgramStatus.PROPOSED:
        raise ValidationError(_("Only a proposed program can be ordered."))
    program.budget = rules.check_amount(budget, field="budget")
    program.ordered_on = ordered_on
    program.decision_number = (decision_number or "").strip()
    program.ordered_by = ordered_by or program.ordered_by
    program.status = ProgramStatus.ORDERED
    program.full_clean()
    program.save()
    log(program, "wagtail.edit", user=by)
    return program


@transaction.atomic
def spend(program, *, by, spent_on, amount, note=""):
    """Record spending on an ordered program; never above its budget."""
    program = _program_for_change(program, by)
    if not rules.program_is_open(program):
        raise ValidationError(_("Spending can only be recorded on an ordered program."))
    amount = rules.check_amount(amount)
    if spent_on < program.ordered_on:
        raise ValidationError({"spent_on": _("Spending cannot come before the order.")})
    rules.check_spending(
        program.budget, [*program.spendings.values_list("amount", flat=True), amount]
    )
    spending = ProgramSpending(program=program, spent_on=spent_on, amount=amount, note=note)
    spending.full_clean(exclude=["program"])
    spending.save()
    if program.status == ProgramStatus.ORDERED:
        program.status = ProgramStatus.IN_PROGRESS
        program.save(update_fields=["status"])
    log(program, "wagtail.edit", user=by)
    return spending


@transaction.atomic
def complete_program(program, *, by, completed_on=None):
    """Complete an ordered program once every output has its actual figure."""
    program = _program_for_change(program, by)
    if not rules.program_is_open(program):
        raise ValidationError(_("Only an ordered program in progress can be completed."))
    rules.check_completion(program.outputs.all())
    program.status = ProgramStatus.COMPLETED
    program.completed_on = completed_on or timezone.localdate()
    program.full_clean()
    program.save()
    log(program, "wagtail.edit", user=by)
    return program
