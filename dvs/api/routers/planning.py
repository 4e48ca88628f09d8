"""Directives, tasks with their assignments and progress, and government-ordered
programs. Every query goes through `dvs.accounts.scope`; a task is also visible to the
units and organisations it is given to."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from dvs.accounts import scope
from dvs.api.types import CleanText, IsoDate
from dvs.lib.paging import CappedLimitOffsetPagination
from dvs.planning import actions
from dvs.planning.models import (
    Directive,
    Program,
    ProgramStatus,
    Task,
    TaskAssignment,
    TaskStatus,
)
from dvs.planning.rules import directive_for, evidence_for
from dvs.planning.views import serve_directive_file, serve_evidence
from dvs.units.models import Unit

router = Router(tags=["tasks"])
directives_router = Router(tags=["directives"])
programs_router = Router(tags=["programs"])


class DirectiveOut(Schema):
    id: int
    kind: str
    number: str
    issuer: str
    issued_on: datetime.date
    summary: str
    level: str
    unit: str = Field(..., alias="unit.code")
    has_file: bool

    @staticmethod
    def resolve_has_file(obj):
        return bool(obj.file)  # GET /directives/{id}/file


class AssignmentOut(Schema):
    id: int
    unit: str = Field(..., alias="unit.code", description="Mã đơn vị thực hiện")
    organisation: int | None = Field(None, alias="organisation_id")
    assignee: str
    status: str
    percent: int
    completed_on: datetime.date | None

    @staticmethod
    def resolve_assignee(obj):
        return str(obj.assignee)

    @staticmethod
    def resolve_status(obj):
        return TaskStatus.OVERDUE if obj.is_overdue() else obj.status


class TaskOut(Schema):
    id: int
    title: str
    directive: int | None = Field(None, alias="directive_id")
    unit: str = Field(..., alias="unit.code", description="Mã đơn vị giao nhiệm vụ")
    assigned_on: datetime.date
    deadline: datetime.date
    status: str = Field(..., description="not_started, in_progress, done, overdue")
    percent_done: int

    @staticmethod
    def resolve_status(obj):
        return obj.current_status()

    @staticmethod
    def resolve_percent_done(obj):
        return obj.percent_done()


class ProgressOut(Schema):
    id: int
    date: datetime.date
    percent: int
    note: str
    has_evidence: bool

    @staticmethod
    def resolve_has_evidence(obj):
        return bool(obj.evidence)  # GET /tasks/progress/{id}/evidence


class AssignmentDetailOut(AssignmentOut):
    updates: list[ProgressOut]

    @staticmethod
    def resolve_updates(obj):
        return list(obj.updates.all())


class TaskDetailOut(TaskOut):
    description: str
    owner: str | None = None
    assignments: list[AssignmentDetailOut]

    @staticmethod
    def resolve_owner(obj):
        return str(obj.owner) if obj.owner else None

    @staticmethod
    def resolve_assignments(obj):
        return list(obj.assignments_shown)


class ProgressIn(Schema):
    # Any: a wrong type gets the platform's own Vietnamese message, not a schema error.
    percent: Any
    date: IsoDate | None = None
    note: CleanText = ""


class OutputOut(Schema):
    description: str
    unit_of_measure: str
    target: Decimal
    actual: Decimal | None


class ProgramOut(Schema):
    id: int
    title: str
    organisation: int = Field(..., alias="organisation_id")
    unit: str = Field(..., alias="unit.code")
    proposed_on: datetime.date
    ordered_on: datetime.date | None
    decision_number: str
    budget: Decimal | None
    spent: Decimal
    status: str

    @staticmethod
    def resolve_spent(obj):
        return obj.spent()


class ProgramDetailOut(ProgramOut):
    content: str
    outputs: list[OutputOut]

    @staticmethod
    def resolve_outputs(obj):
        return list(obj.outputs.all())


def _tasks(request):
    return Task.objects.visible_to(request.user).select_related("unit")


@router.get("", response=list[TaskOut])
@paginate(CappedLimitOffsetPagination)
def list_tasks(
    request,
    unit: str | None = None,
    status: TaskStatus | None = None,
    overdue: bool | None = None,
):
    """Tasks in scope and tasks given to units in scope, by deadline. `unit` is a unit
    code: tasks given to that unit's subtree; `status` includes `overdue`."""
    tasks = _tasks(request).prefetch_related("assignments")
    if unit:
        place = get_object_or_404(scope.scoped(request.user, Unit), code=unit)
        given = TaskAssignment.objects.filter(unit__path__startswith=place.path)
        tasks = tasks.filter(pk__in=given.values("task_id"))
    if status:
        tasks = tasks.with_status(status)
    if overdue is not None:
        late = Task.objects.overdue().values("pk")
        tasks = tasks.filter(pk__in=late) if overdue else tasks.exclude(pk__in=late)
    return tasks.order_by("deadline", "pk")


def _task_detail(request, task_id):
    task = get_object_or_404(_tasks(request), pk=task_id)
    shown = task.assignments.select_related("unit", "organisation").prefetch_related("updates")
    if not scope.can(request.user, task):
        shown = shown.filter(pk__in=scope.scoped(request.user, TaskAssignment).values("pk"))
    task.assignments_shown = shown
    return task


@router.get("/{task_id}", response=TaskDetailOut)
def get_task(request, task_id: int):
    return _task_detail(request, task_id)


@router.post(
    "/{task_id}/assignments/{assignment_id}/progress",
    response={201: AssignmentDetailOut, 422: dict},
)
def record_progress(request, task_id: int, assignment_id: int, payload: ProgressIn):
    """Report progress (0–100 %) of an assignment the caller's unit or organisation
    carries out; the task's status follows."""
    assignment = scope.access(
        request.user,
        TaskAssignment.objects.filter(task_id=task_id),
        assignment_id,
        "record_progress",
    )
    try:
        actions.record_progress(
            assignment,
            by=request.user,
            percent=payload.percent,
            date=payload.date or timezone.localdate(),
            note=payload.note,
        )
    except ValidationError as error:
        return Status(422, {"detail": _("Invalid data."), "errors": error.messages})
    assignment = TaskAssignment.objects.select_related("task", "unit", "organisation").get(
        pk=assignment.pk
    )
    return Status(201, assignment)


@router.get("/progress/{update_id}/evidence")
def download_evidence(request, update_id: int):
    """The evidence file of a progress update, for the assignee that recorded it and the
    scope of the unit that gave the task (not for the task's other assignees)."""
    return serve_evidence(evidence_for(request.user, update_id))


@directives_router.get("", response=list[DirectiveOut])
@paginate(CappedLimitOffsetPagination)
def list_directives(request, kind: str | None = None):
    directives = Directive.objects.visible_to(request.user).select_related("unit")
    return directives.filter(kind=kind) if kind else directives


@directives_router.get("/{directive_id}", response=DirectiveOut)
def get_directive(request, directive_id: int):
    return directive_for(request.user, directive_id)


@directives_router.get("/{directive_id}/file")
def download_directive_file(request, directive_id: int):
    """The directive's document, under the name it was uploaded with, for those who see
    the directive (404 otherwise, and when it has no file)."""
    return serve_directive_file(directive_for(request.user, directive_id))


@programs_router.get("", response=list[ProgramOut])
@paginate(CappedLimitOffsetPagination)
def list_programs(request, status: ProgramStatus | None = None):
    programs = scope.scoped(request.user, Program).select_related("unit")
    programs = programs.prefetch_related("spendings")
    return programs.filter(status=status) if status else programs


@programs_router.get("/{program_id}", response=ProgramDetailOut)
def get_program(request, program_id: int):
    return scope.access(request.user, Program.objects.select_related("unit"), program_id)
