from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dvs.accounts import scope
from dvs.accounts.viewsets import ScopedModelForm
from dvs.lib.forms import DateField
from dvs.lib.forms import Form as CleanForm
from dvs.units.models import Organisation

from . import actions, rules
from .models import Program, ProgramStatus, Task


def _live(formset):
    """The forms of an inline formset that will be saved (filled in, not deleted)."""
    formset.is_valid()  # the parent form is cleaned before its formsets
    return [
        form
        for form in formset.forms
        if hasattr(form, "cleaned_data")
        if form.has_changed() or form.instance.pk
        if not (formset.can_delete and form.cleaned_data.get(DELETION_FIELD_NAME))
    ]


def _narrow_subforms(formset, narrow):
    """Apply `narrow(form)` to every form of an inline formset, the blank one included."""
    for form in formset.forms:
        narrow(form)
    base = formset.form

    def __init__(self, *args, **kwargs):
        base.__init__(self, *args, **kwargs)
        narrow(self)

    formset.form = type(base.__name__, (base,), {"__init__": __init__})


class TaskForm(ScopedModelForm):
    """A task with its assignments inline; every assignee must be within the assigner's
    scope and under the assigning unit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None or "assignments" not in self.formsets:
            return
        units = scope.writable_anchor(self.for_user, Task, "add")
        organisations = Organisation.objects.filter(unit__in=units, is_active=True)

        def narrow(form):
            form.fields["unit"].queryset = units.order_by("path")
            form.fields["organisation"].queryset = organisations.select_related("unit")

        _narrow_subforms(self.formsets["assignments"], narrow)

    def clean(self):
        cleaned = super().clean()
        unit = cleaned.get("unit")
        formset = self.formsets.get("assignments")
        if formset is None or self.for_user is None:
            return cleaned
        live = _live(formset)
        if not live:
            self.add_error(None, _("Give the task to at least one unit or organisation."))
        seen = set()
        for form in live:
            target_unit = form.cleaned_data.get("unit")
            organisation = form.cleaned_data.get("organisation")
            key = (
                (organisation.pk, None)
                if organisation
                else (None, getattr(target_unit, "pk", None))
            )
            if key in seen:
                form.add_error(
                    None,
                    _("The task is already given to %(name)s.")
                    % {"name": organisation or target_unit},
                )
            seen.add(key)
            try:
                actions.check_assignee(
                    unit, unit=target_unit, organisation=organisation, by=self.for_user
                )
            except ValidationError as error:
                form.add_error(None, error)
                self.add_error(None, error)
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        if not self.instance.pk and self.for_user is not None:
            self.instance.assigned_by = self.for_user
        task = super().save(commit=commit)
        if commit:
            task.refresh_status()
        return task


class AssignmentForm(ScopedModelForm):
    """One assignment edited on its own: the same checks as in the task's form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            units = scope.writable_anchor(self.for_user, Task, "add")
            self.fields["unit"].queryset = units.order_by("path")
            self.fields["organisation"].queryset = Organisation.objects.filter(unit__in=units)

    def clean(self):
        cleaned = super().clean()
        task = cleaned.get("task") or getattr(self.instance, "task", None)
        if task is not None and self.for_user is not None:
            try:
                actions.check_assignee(
                    task.unit,
                    unit=cleaned.get("unit"),
                    organisation=cleaned.get("organisation"),
                    by=self.for_user,
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        assignment = super().save(commit=commit)
        if commit:
            assignment.task.refresh_status()
        return assignment


class ProgramForm(ScopedModelForm):
    """A program with its outputs and spending inline: spending stays within the budget,
    and a program is completed only with every output's actual figure."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "organisation" in self.fields:
            action = "change" if self.instance.pk else "add"
            units = scope.writable_anchor(self.for_user, Program, action)
            # An organisation officer proposes for their own organisation only.
            self.fields["organisation"].queryset = (
                scope.scoped(self.for_user, Organisation)
                .filter(unit__in=units)
                .select_related("unit")
            )
        if self.for_user is not None and not self.for_user.has_perm("planning.order_program"):
            # Proposing: the order, its budget and the status are the board's to record.
            for name in ("status", "ordered_by", "ordered_on", "decision_number", "budget"):
                if name in self.fields:
                    self.fields[name].disabled = True

    def clean(self):
        cleaned = super().clean()
        spendings = self.formsets.get("spendings")
        outputs = self.formsets.get("outputs")
        if spendings is not None:
            amounts = [
                f.cleaned_data["amount"]
                for f in _live(spendings)
                if f.cleaned_data.get("amount") is not None
            ]
            if amounts:
                try:
                    if cleaned.get("status") not in rules._ORDERED:
                        raise ValidationError(
                            _("Spending can only be recorded on an ordered program.")
                        )
                    rules.check_spending(cleaned.get("budget"), amounts)
                except ValidationError as error:
                    self.add_error(None, error)
        if outputs is not None and cleaned.get("status") == ProgramStatus.COMPLETED:
            rows = [f.instance for f in _live(outputs)]
            for f, row in zip(_live(outputs), rows, strict=True):
                row.actual = f.cleaned_data.get("actual")
                row.description = f.cleaned_data.get("description") or ""
            try:
                rules.check_completion(rows)
            except ValidationError as error:
                self.add_error("status", error)
        return cleaned


class ProgressForm(CleanForm):
    date = DateField(label=_("Date"), initial=timezone.localdate)
    percent = forms.IntegerField(
        label=_("Percentage done"),
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": _("The percentage done must be a whole number from 0 to 100."),
            "max_value": _("The percentage done must be a whole number from 0 to 100."),
            "invalid": _("The percentage done must be a whole number from 0 to 100."),
        },
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.FileField(
        label=_("Evidence"),
        required=False,
        help_text=_("A photo, minutes or report showing the work done."),
    )
