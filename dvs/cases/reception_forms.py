"""Forms of the citizen reception screens: duties, sessions, dialogues, the matters
raised at a session or dialogue, and the compliance period."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dvs.accounts import scope
from dvs.accounts.viewsets import ScopedModelForm
from dvs.lib.forms import DateField
from dvs.lib.forms import Form as CleanForm
from dvs.units.models import Unit

from . import reception
from .models import Dialogue, Kind, ReceptionDuty, ReceptionSession, SubjectArea


def _add_errors(form, error):
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class _LeaderMixin:
    """The leader is chosen among the users holding a role where the user writes."""

    def _narrow_leader(self):
        field = self.fields.get("leader")
        if field is None or self.for_user is None:
            return
        field.queryset = reception.leader_choices(
            self.for_user, self._meta.model, include=self.instance.leader_id
        )


class ReceptionDutyForm(_LeaderMixin, ScopedModelForm):
    """Days required and per are pre-filled from the position (duty.js) and, if left
    empty, take the position's legal minimum."""

    class Meta:
        model = ReceptionDuty
        fields = ["unit", "leader", "position", "days_required", "per", "weekday", "active"]

    class Media:
        js = ["cases/reception/duty.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._narrow_leader()
        self.fields["days_required"].required = False
        self.fields["per"].required = False
        self.fields["days_required"].help_text = _(
            "Filled in from the position's legal minimum; you may change it."
        )
        if not self.instance.pk:
            self.initial.pop("days_required", None)
            self.initial.pop("per", None)
        defaults = {key: list(value) for key, value in reception.DEFAULT_FREQUENCY.items()}
        self.fields["position"].widget.attrs["data-reception-frequency"] = json.dumps(defaults)

    def clean(self):
        cleaned = super().clean()
        position = cleaned.get("position")
        if position:
            days, per = reception.default_frequency(position)
            if cleaned.get("days_required") is None:
                cleaned["days_required"] = days
            if not cleaned.get("per"):
                cleaned["per"] = per
        try:
            reception.check_duty(
                unit=cleaned.get("unit"),
                leader=cleaned.get("leader"),
                position=position,
                days_required=cleaned.get("days_required"),
                per=cleaned.get("per"),
                active=cleaned.get("active", True),
                pk=self.instance.pk,
            )
        except ValidationError as error:
            _add_errors(self, error)
        return cleaned


class ReceptionSessionForm(_LeaderMixin, ScopedModelForm):
    class Meta:
        model = ReceptionSession
        fields = [
            "unit",
            "held_on",
            "kind",
            "leader",
            "officer",
            "citizens_received",
            "matters",
            "conclusion",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._narrow_leader()

    def clean(self):
        cleaned = super().clean()
        try:
            reception.check_session(
                held_on=cleaned.get("held_on"),
                kind=cleaned.get("kind"),
                leader=cleaned.get("leader"),
                officer=cleaned.get("officer"),
            )
        except ValidationError as error:
            _add_errors(self, error)
        return cleaned


class DialogueForm(ScopedModelForm):
    class Meta:
        model = Dialogue
        fields = [
            "unit",
            "topic",
            "participants",
            "leaders",
            "planned_on",
            "status",
            "held_on",
            "attendance",
            "matters",
            "follow_up",
        ]

    def clean(self):
        cleaned = super().clean()
        try:
            reception.check_dialogue(
                status=cleaned.get("status"),
                planned_on=cleaned.get("planned_on"),
                held_on=cleaned.get("held_on"),
                attendance=cleaned.get("attendance"),
                has_cases=bool(self.instance.pk) and self.instance.cases.exists(),
            )
        except ValidationError as error:
            _add_errors(self, error)
        return cleaned


# Matters raised → cases -------------------------------------------------------------------


class MatterForm(CleanForm):
    """One matter raised at a session or dialogue, to be recorded as a case."""

    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "---------"), *Kind.choices])
    subject_area = forms.ModelChoiceField(
        label=_("Subject area"), queryset=SubjectArea.objects.all()
    )
    name = forms.CharField(label=_("Petitioner's name"), max_length=120, required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    content = forms.CharField(
        label=_("Content"), widget=forms.Textarea(attrs={"rows": 2, "cols": 40})
    )


MatterFormSet = forms.formset_factory(MatterForm, extra=3, max_num=50, absolute_max=50)


def filled_matters(formset):
    """The matters of the rows filled in (empty rows are skipped), with their forms."""
    return [(form, form.cleaned_data) for form in formset.forms if form.has_changed()]


# Compliance -------------------------------------------------------------------------------


class PeriodForm(CleanForm):
    """The period of the compliance view: a preset, or dates from and to."""

    preset = forms.ChoiceField(
        label=_("Period"),
        required=False,
        choices=[("", _("Dates below")), *reception.PRESETS.items()],
    )
    start = DateField(label=_("From"), required=False)
    end = DateField(label=_("To"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, to_field_name="code"
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scope.scoped(user, Unit).order_by("path")

    def clean(self):
        cleaned = super().clean()
        preset = cleaned.get("preset")
        start, end = cleaned.get("start"), cleaned.get("end")
        if preset or not (start or end):
            start, end = reception.preset_period(preset or "month")
        elif not (start and end):
            raise ValidationError(_("Give both dates of the period, or choose a preset."))
        elif end < start:
            raise ValidationError(_("The end of the period is before its start."))
        elif (end - start).days > 5 * 366:
            raise ValidationError(_("Choose a period of at most five years."))
        cleaned["start"], cleaned["end"] = start, end
        return cleaned
