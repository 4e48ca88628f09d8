from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dvs.accounts import scope
from dvs.accounts.viewsets import ScopedModelForm
from dvs.lib.forms import Form as CleanForm
from dvs.units.models import Organisation, Unit

from . import actions
from .models import Criterion, Evaluation, Exemplar, Recognition, Status


class ExemplarForm(ScopedModelForm):
    """The back-office form of an exemplar, with its indicator values, photos and
    documents inline; new exemplars record who registered them."""

    # Evaluated, recognised and replicated follow the actions that make them true.
    HAND_SET = (Status.REGISTERED, Status.RUNNING, Status.STOPPED)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and "year" in self.fields:
            self.fields["year"].initial = timezone.localdate().year
        if "status" in self.fields:
            allowed = {*self.HAND_SET, self.instance.status}
            self.fields["status"].choices = [c for c in Status.choices if c[0] in allowed]

    @transaction.atomic
    def save(self, commit=True):
        # Indicator values are checked by IndicatorValue.clean() in the inline formset.
        if not self.instance.pk and self.for_user is not None:
            self.instance.created_by = self.for_user
        return super().save(commit=commit)


class EvaluationForm(ScopedModelForm):
    """A score sheet: one score for each criterion in use, checked against its range;
    saved through `actions.evaluate` (the weighted total, the exemplar's status)."""

    class Meta:
        model = Evaluation
        fields = ["exemplar", "year", "comment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(Criterion.objects.filter(is_active=True))
        given = {}
        if self.instance.pk:
            given = {s.criterion_id: s.score for s in self.instance.scores.all()}
            for name in ("exemplar", "year"):
                self.fields[name].disabled = True
        else:
            self.fields["year"].initial = timezone.localdate().year
        for criterion in self.criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.CharField(
                label=criterion.name,
                required=False,
                initial=given.get(criterion.pk),
                help_text=_("From 0 to %(max)s; weight %(weight)s")
                % {"max": f"{criterion.max_score:g}", "weight": f"{criterion.weight:g}"},
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
            )

    def score_fields(self):
        return [self[f"criterion_{c.pk}"] for c in self.criteria]

    def clean(self):
        cleaned = super().clean()
        exemplar = cleaned.get("exemplar")
        if exemplar is not None and cleaned.get("year") and self.for_user is not None:
            evaluator = self.instance.evaluator if self.instance.pk else self.for_user
            try:
                actions.check_evaluation(exemplar, year=cleaned["year"], by=evaluator)
            except ValidationError as error:
                self.add_error(None, error)
        scores = {c.pk: cleaned.get(f"criterion_{c.pk}") for c in self.criteria}
        try:
            self.checked = actions.check_scores(scores, self.criteria)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(name, message)
        return cleaned

    def save(self, commit=True):
        data = self.cleaned_data
        evaluator = self.instance.evaluator if self.instance.pk else self.for_user
        # Checked in clean(); the action checks again and writes in one transaction.
        self.instance = actions.evaluate(
            data["exemplar"],
            year=data["year"],
            scores={c.pk: data.get(f"criterion_{c.pk}") for c in self.criteria},
            by=evaluator,
            comment=data.get("comment", ""),
            evaluation=self.instance if self.instance.pk else None,
        )
        return self.instance


class RecognitionForm(ScopedModelForm):
    class Meta:
        model = Recognition
        fields = ["exemplar", "level", "decision_number", "decision_date", "issued_by", "note"]

    @transaction.atomic
    def save(self, commit=True):
        is_new = not self.instance.pk
        recognition = super().save(commit=commit)
        if is_new and self.for_user is not None:
            actions.after_recognition(recognition, by=self.for_user)
        return recognition


class ReplicateForm(CleanForm):
    unit = forms.ModelChoiceField(
        label=_("Unit adopting the exemplar"), queryset=Unit.objects.none()
    )
    organisation = forms.ModelChoiceField(
        label=_("Lead organisation"), queryset=Organisation.objects.none(), required=False
    )
    year = forms.IntegerField(label=_("Year of registration"))
    name = forms.CharField(
        label=_("Name of the replica"),
        max_length=255,
        required=False,
        help_text=_("Leave empty to keep the origin's name."),
    )

    def __init__(self, *args, user, origin, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.origin = user, origin
        self.fields["unit"].queryset = (
            scope.writable_anchor(user, Exemplar, "add").exclude(pk=origin.unit_id).order_by("path")
        )
        self.fields["organisation"].queryset = scope.scoped(user, Organisation)
        self.fields["year"].initial = timezone.localdate().year

    def save(self):
        data = self.cleaned_data
        return actions.replicate(
            self.origin,
            unit=data["unit"],
            organisation=data.get("organisation"),
            year=data["year"],
            name=data.get("name") or None,
            by=self.user,
        )


class StatsFilterForm(CleanForm):
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, to_field_name="code"
    )
    year = forms.IntegerField(label=_("Year of registration"), required=False)
    field = forms.ChoiceField(label=_("Field"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, user, **kwargs):
        from .models import ExemplarField, Level, Status

        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            scope.scoped(user, Unit).filter(depth__lte=3).order_by("path")
        )
        everything = [("", _("All"))]
        self.fields["field"].choices = everything + list(
            ExemplarField.objects.values_list("code", "name")
        )
        self.fields["level"].choices = everything + list(Level.choices)
        self.fields["status"].choices = everything + list(Status.choices)
