"""The back-office forms of filings and rule sets. Each saves through its action in
actions/filings.py (the action checks the scope and writes in one transaction); the form
only reads input. The filing form shows every field, each saying which kinds need it
(no script: the action refuses what a kind lacks, on the field)."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from dvs.accounts.viewsets import ActionModelForm
from dvs.lib.forms import DateField
from dvs.lib.forms import Form as CleanForm

from .actions import filings as actions
from .models import Filing, FilingKind, RuleSet

FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2099, 12, 31)

# Which kinds need a field, as the form says it (actions.REQUIRED is the rule).
HELP = {
    "establishment": _(
        "Needed for a registration of belief activities, a festival notice and a festival "
        "revenue report."
    ),
    "group": _("Needed for the registration of a group practising together."),
    "organisation": _("Needed for the yearly list of religious activities."),
    "activity_on": _(
        "Needed for a registration of belief activities (the day they start), a "
        "supplement (the day of the added activity) and a festival notice (its first day)."
    ),
    "festival_end_on": _("Needed for a festival revenue report; optional on a festival notice."),
    "recognised_on": _("Needed for the yearly list of religious activities."),
    "supplements": _("For a supplement: the filing of this ward it adds to (optional)."),
    "complete": _(
        "Untick when the dossier lacks documents: list them below; the reply clock starts "
        "only when it is complete."
    ),
}


class FilingForm(ActionModelForm):
    class Meta:
        model = Filing
        fields = [
            "unit",
            "kind",
            "submitted_by",
            "subject",
            "received_on",
            "complete",
            "missing_items",
            "complete_on",
            "establishment",
            "group",
            "organisation",
            "activity_on",
            "festival_end_on",
            "recognised_on",
            "supplements",
            "case",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, text in HELP.items():
            self.fields[name].help_text = text
        if self.instance.pk:
            # What the filing is and where it was received are its identity.
            self.fields["unit"].disabled = True
            self.fields["kind"].disabled = True
            self.fields["supplements"].queryset = self.fields["supplements"].queryset.exclude(
                pk=self.instance.pk
            )

    def create(self, *, by, unit=None, kind=None, **fields):
        return actions.receive(by, unit=unit, kind=kind, **fields)

    def update(self, instance, *, by, **fields):
        return actions.update(instance, by, **fields)


class AnswerForm(CleanForm):
    replied_on = DateField(label=_("Answered on"))
    outcome = forms.ChoiceField(label=_("Answer"), choices=Filing.Outcome.choices)
    reply_reference = forms.CharField(label=_("Answer's reference"), max_length=100, required=False)
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Required when refusing."),
    )

    def __init__(self, *args, filing, **kwargs):
        super().__init__(*args, **kwargs)
        self.filing = filing

    def save_by(self, user):
        data = self.cleaned_data
        return actions.answer(
            self.filing,
            user,
            data["replied_on"],
            data["outcome"],
            reasons=data.get("reasons") or "",
            reply_reference=data.get("reply_reference") or "",
        )


class CompleteForm(CleanForm):
    complete_on = DateField(label=_("Completed on"))

    def __init__(self, *args, filing, **kwargs):
        super().__init__(*args, **kwargs)
        self.filing = filing

    def save_by(self, user):
        return actions.complete(self.filing, user, self.cleaned_data["complete_on"])


class RuleSetForm(ActionModelForm):
    class Meta:
        model = RuleSet
        fields = list(actions.RULE_SET_FIELDS)

    def create(self, *, by, **fields):
        return actions.save_rule_set(by, **fields)

    def update(self, instance, *, by, **fields):
        return actions.save_rule_set(by, instance, **fields)


COMPLETE_CHOICES = [("yes", _("Complete")), ("no", _("Incomplete (missing items)"))]


class CheckForm(CleanForm):
    """The calculator's inputs: the dates a filing carries, typed dd/mm/yyyy."""

    kind = forms.ChoiceField(label=_("Kind"), choices=FilingKind.choices)
    received_on = DateField(label=_("Received on"))
    complete = forms.ChoiceField(
        label=_("Dossier"), choices=COMPLETE_CHOICES, initial="yes", required=False
    )
    complete_on = DateField(label=_("Completed on"), required=False)
    activity_on = DateField(label=_("Activities, festival or activity start on"), required=False)
    festival_end_on = DateField(label=_("Festival ends on"), required=False)
    recognised_on = DateField(label=_("Organisation recognised or registered on"), required=False)

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if isinstance(field, DateField) and value and not FIRST_DAY <= value <= LAST_DAY:
                self.add_error(name, _("The date must be between 01/01/2000 and 31/12/2099."))
        return cleaned

    def dates(self):
        data = dict(self.cleaned_data)
        data["complete"] = data.get("complete") != "no"
        return data
