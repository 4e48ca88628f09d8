"""Directive documents, the tasks derived from them and assigned to units and
organisations, progress reported with evidence, and programs ordered by the government
from the Front and organisations ("Chính quyền đặt hàng").

A task's status is derived from its assignments (`Task.refresh_status`), and whether it is
overdue from its deadline on the day asked. Writes that span rows go through `actions.py`.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from dvs.storage import private_storage
from dvs.units.models import Organisation, Unit

# Assignments due within this many days are "due soon" on the dashboard.
DUE_SOON_DAYS = 7


class DirectiveKind(models.TextChoices):
    RESOLUTION = "resolution", _("Resolution")
    DIRECTIVE = "directive", _("Directive")
    CONCLUSION = "conclusion", _("Conclusion")
    PLAN = "plan", _("Plan")
    INSTRUCTION = "instruction", _("Instruction")


class DirectiveLevel(models.TextChoices):
    HIGHER = "higher", _("Higher level")
    CITY = "city", _("City")


def directive_path(instance, filename):
    """An unguessable folder per file (private storage); the file keeps the name it was
    uploaded with, which the download gives back."""
    return f"directives/{timezone.now():%Y}/{secrets.token_urlsafe(16)}/{filename}"


class DirectiveQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Directives in the user's scope, and those behind the tasks the user sees (a
        ward reads the city directive its task carries out). The one getter of a
        directive's page and file, in the admin and the API."""
        from dvs.accounts import scope

        behind = Task.objects.visible_to(user).exclude(directive=None).values("directive_id")
        mine = scope.scoped(user, self.model).values("pk")
        return self.filter(Q(pk__in=mine) | Q(pk__in=behind))


class Directive(models.Model):
    """A document of the Party, the Front or the government that tasks derive from."""

    kind = models.CharField(_("kind"), max_length=20, choices=DirectiveKind.choices)
    number = models.CharField(_("number"), max_length=60, help_text=_("For example: 35-CT/TU"))
    issuer = models.CharField(_("issuer"), max_length=200)
    issued_on = models.DateField(_("issued on"))
    summary = models.TextField(_("summary"))
    # Private storage, never under MEDIA_ROOT: served by the planning_directive_file view
    # and GET /api/v1/directives/{id}/file to those who see the directive.
    file = models.FileField(
        _("file"), upload_to=directive_path, storage=private_storage, blank=True, max_length=255
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("owning unit")
    )
    level = models.CharField(_("level"), max_length=20, choices=DirectiveLevel.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = DirectiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("directive document")
        verbose_name_plural = _("directive documents")
        ordering = ["-issued_on", "number"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    def clean(self):
        if self.issued_on and self.issued_on > timezone.localdate():
            raise ValidationError({"issued_on": _("The issue date cannot be in the future.")})


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    OVERDUE = "overdue", _("Overdue")


class TaskQuerySet(models.QuerySet):
    def overdue(self, on=None):
        on = on or timezone.localdate()
        return self.filter(deadline__lt=on).exclude(status=TaskStatus.DONE)

    def with_status(self, status, on=None):
        """Filter by the status a user reads: overdue is a not-done task past its deadline."""
        on = on or timezone.localdate()
        if status == TaskStatus.OVERDUE:
            return self.overdue(on)
        if status == TaskStatus.DONE:
            return self.filter(status=status)
        return self.filter(status=status, deadline__gte=on)

    def visible_to(self, user):
        """Tasks in the user's scope, and tasks assigned to units or organisations in it
        (a ward sees the city's tasks it has to carry out)."""
        from dvs.accounts import scope

        assigned = scope.scoped(user, TaskAssignment).values("task_id")
        mine = scope.scoped(user, self.model).values("pk")
        return self.filter(Q(pk__in=mine) | Q(pk__in=assigned))


class Task(ClusterableModel):
    directive = models.ForeignKey(
        Directive,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("directive document"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    dialogue = models.ForeignKey(
        "cases.Dialogue",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("raised at the dialogue"),
        help_text=_("A matter raised at a dialogue with residents that this task follows up."),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("assigning unit")
    )
    assigned_on = models.DateField(_("assigned on"), default=datetime.date.today)
    deadline = models.DateField(_("deadline"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person in charge"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
        editable=False,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TaskStatus.choices[:3],
        default=TaskStatus.NOT_STARTED,
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["deadline", "title"]
        indexes = [models.Index(fields=["unit", "deadline"])]

    def __str__(self):
        return self.title

    def clean(self):
        if self.deadline and self.assigned_on and self.deadline < self.assigned_on:
            raise ValidationError(
                {"deadline": _("The deadline cannot be before the day the task is assigned.")}
            )

    def is_overdue(self, on=None):
        return self.status != TaskStatus.DONE and self.deadline < (on or timezone.localdate())

    def current_status(self, on=None):
        return TaskStatus.OVERDUE if self.is_overdue(on) else TaskStatus(self.status)

    def get_current_status_display(self):
        return self.current_status().label

    get_current_status_display.short_description = _("status")

    def percent_done(self):
        percents = [a.percent for a in self.assignments.all()]
        return round(sum(percents) / len(percents)) if percents else 0

    percent_done.short_description = _("percent done")

    def progress_summary(self):
        """ "Phường An Bình: 50%; Hội LHPN phường An Bình: 100%" for lists and exports."""
        return "; ".join(f"{a.assignee}: {a.percent}%" for a in self.assignments.all())

    progress_summary.short_description = _("progress")

    def derived_status(self):
        from .rules import task_status

        return task_status([a.status for a in self.assignments.all()])

    def refresh_status(self):
        self.status = self.derived_status()
        self.save(update_fields=["status"])


class TaskAssignment(Orderable):
    """A task given to one unit or one organisation (whose unit is then set from it)."""

    task = ParentalKey(
        Task, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("task")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("unit"),
        blank=True,
        help_text=_("Leave empty when the task is given to an organisation."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TaskStatus.choices[:3],
        default=TaskStatus.NOT_STARTED,
        editable=False,
    )
    percent = models.PositiveSmallIntegerField(_("percent done"), default=0, editable=False)
    completed_on = models.DateField(_("completed on"), null=True, blank=True, editable=False)

    class Meta(Orderable.Meta):
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        permissions = [("record_progress_taskassignment", "Can record progress")]
        indexes = [models.Index(fields=["unit", "status"])]

    def __str__(self):
        return f"{self.task} — {self.assignee}"

    @property
    def assignee(self):
        return self.organisation or self.unit

    def clean(self):
        if self.organisation_id:
            self.unit = self.organisation.unit
        elif not self.unit_id:
            raise ValidationError(_("Choose the unit or the organisation the task is given to."))

    def save(self, *args, **kwargs):
        if self.organisation_id and not self.unit_id:
            self.unit_id = self.organisation.unit_id
        super().save(*args, **kwargs)

    @property
    def deadline(self):
        return self.task.deadline

    def is_overdue(self, on=None):
        return self.status != TaskStatus.DONE and self.task.deadline < (on or timezone.localdate())

    def get_current_status_display(self):
        return (TaskStatus.OVERDUE if self.is_overdue() else TaskStatus(self.status)).label

    get_current_status_display.short_description = _("status")


def evidence_path(instance, filename):
    """An unguessable folder per file; the file keeps the name it was uploaded with,
    which the download gives back."""
    return f"planning/evidence/{timezone.now():%Y/%m}/{secrets.token_urlsafe(16)}/{filename}"


class ProgressUpdate(models.Model):
    assignment = models.ForeignKey(TaskAssignment, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date"))
    percent = models.PositiveSmallIntegerField(_("percent done"))
    note = models.TextField(_("note"), blank=True)
    evidence = models.FileField(
        _("evidence"), upload_to=evidence_path, storage=private_storage, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.assignment}: {self.percent}% ({self.date:%d/%m/%Y})"


class ProgramStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ORDERED = "ordered", _("Ordered")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class Program(ClusterableModel):
    """A program or project the Front or an organisation proposes and the government
    orders with a budget (in VND), tracked by its outputs and spending to completion."""

    title = models.CharField(_("title"), max_length=300)
    content = models.TextField(_("content"))
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposing organisation"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"), editable=False
    )
    proposed_on = models.DateField(_("proposed on"))
    ordered_by = models.CharField(
        _("ordered by"), max_length=200, blank=True, help_text=_("For example: UBND thành phố")
    )
    ordered_on = models.DateField(_("ordered on"), null=True, blank=True)
    decision_number = models.CharField(_("ordering decision number"), max_length=60, blank=True)
    budget = models.DecimalField(
        _("budget (VND)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProgramStatus.choices, default=ProgramStatus.PROPOSED
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("government-ordered program")
        verbose_name_plural = _("government-ordered programs")
        ordering = ["-proposed_on", "title"]
        permissions = [
            ("order_program", _("Can record the government's order, spending and completion"))
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.organisation_id:
            self.unit_id = self.organisation.unit_id
        super().save(*args, **kwargs)

    def clean(self):
        from . import rules

        if self.organisation_id:
            self.unit_id = self.organisation.unit_id
        rules.check_program(self)

    def spent(self):
        return sum((s.amount for s in self.spendings.all()), 0)

    spent.short_description = _("spent (VND)")


class ProgramOutput(Orderable):
    program = ParentalKey(Program, on_delete=models.CASCADE, related_name="outputs")
    description = models.CharField(_("output"), max_length=300)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=40)
    target = models.DecimalField(_("target"), max_digits=15, decimal_places=2)
    actual = models.DecimalField(
        _("actual"), max_digits=15, decimal_places=2, null=True, blank=True
    )

    class Meta(Orderable.Meta):
        verbose_name = _("program output")
        verbose_name_plural = _("program outputs")

    def __str__(self):
        return self.description

    def clean(self):
        for name in ("target", "actual"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValidationError({name: _("The number cannot be negative.")})


class ProgramSpending(Orderable):
    program = ParentalKey(Program, on_delete=models.CASCADE, related_name="spendings")
    spent_on = models.DateField(_("date"))
    amount = models.DecimalField(_("amount (VND)"), max_digits=15, decimal_places=0)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("program spending")
        verbose_name_plural = _("program spending")

    def __str__(self):
        return f"{self.spent_on:%d/%m/%Y}: {self.amount:,.0f} đ"

    def clean(self):
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": _("The amount spent must be greater than 0.")})
