"""The back-office forms of matters. Each saves through its action in actions/matters.py
(the action checks the scope and permission and writes in one transaction); the forms
only read input (dates typed dd/mm/yyyy, numbers with bounds)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dvs.accounts.viewsets import ActionModelForm
from dvs.lib.forms import DateField
from dvs.lib.forms import Form as CleanForm

from .actions import matters as actions
from .models import Form, Item, Matter, MatterReview

MAX_HOUSEHOLDS = 100000


class MatterForm(ActionModelForm):
    class Meta:
        model = Matter
        fields = list(("unit", *actions.MATTER_FIELDS))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = self.fields["unit"].queryset.filter(
            level__in=actions.UNIT_LEVELS
        )
        self.fields["documents_on"].help_text = _(
            "Needed for contributions, community funds and the village charter: documents reach each household at least 2 days before the meeting."
        )
        self.fields["notice_on"].help_text = _(
            "The notice (Form 01) reaches the households at least 2 days before the meeting."
        )
        if self.instance.pk and self.instance.status != Matter.Status.DRAFT:
            for name in actions.DRAFT_ONLY:
                self.fields[name].disabled = True

    def create(self, *, by, unit=None, **fields):
        return actions.create_matter(by, unit=unit, **fields)

    def update(self, instance, *, by, **fields):
        return actions.update_matter(instance, by, **fields)


class _MatterForm(CleanForm):
    def __init__(self, *args, matter, **kwargs):
        super().__init__(*args, **kwargs)
        self.matter = matter


class OpenForm(_MatterForm):
    on = DateField(label=_("Roll frozen on"))

    def save_by(self, user):
        return actions.open_matter(self.matter, user, self.cleaned_data["on"])


class CorrectRollForm(_MatterForm):
    households = forms.IntegerField(
        label=_("Households on the roll"), min_value=1, max_value=MAX_HOUSEHOLDS
    )
    reason = forms.CharField(
        label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def save_by(self, user):
        data = self.cleaned_data
        return actions.correct_roll(self.matter, user, data["households"], data["reason"])


class ConsentForm(_MatterForm):
    representative = forms.CharField(label=_("Household representative"), max_length=255)
    household = forms.ModelChoiceField(
        label=_("Household"), queryset=None, required=False, help_text=_("Optional.")
    )
    signed_on = DateField(label=_("Signed on"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = actions.scoped_matter_households(
            user, self.matter
        ).order_by("address")

    def save_by(self, user):
        data = self.cleaned_data
        return actions.add_consent(
            self.matter,
            user,
            representative=data["representative"],
            signed_on=data["signed_on"],
            household=data.get("household"),
        )


class ReceiveForm(_MatterForm):
    received_on = DateField(label=_("Received by the ward on"))

    def save_by(self, user):
        return actions.receive_decision(self.matter, user, self.cleaned_data["received_on"])


DECISIONS = [
    ("recognise", pgettext_lazy("democracy", "Recognise")),
    ("refuse", _("Refuse recognition")),
]


class RecogniseForm(_MatterForm):
    decision = forms.ChoiceField(label=_("Answer"), choices=DECISIONS)
    on = DateField(label=_("Answered on"))
    reason = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when refusing."),
    )

    def save_by(self, user):
        data = self.cleaned_data
        if data["decision"] == "refuse":
            return actions.refuse_recognition(self.matter, user, data["on"], data["reason"])
        return actions.recognise(self.matter, user, data["on"])


class ReviewForm(ActionModelForm):
    class Meta:
        model = MatterReview
        fields = list(("matter", *actions.REVIEW_FIELDS))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "matter" in self.fields:
            self.fields["matter"].queryset = self.fields["matter"].queryset.filter(
                status__in=actions.REVIEWABLE
            )
        if self.instance.pk:
            self.fields["matter"].disabled = True

    def create(self, *, by, matter=None, **fields):
        if matter is None:
            from django.core.exceptions import ValidationError

            raise ValidationError({"matter": [_("Choose the matter.")]})
        return actions.create_review(by, matter=matter, **fields)

    def update(self, instance, *, by, **fields):
        return actions.update_review(instance, by, **fields)


FORM_CHOICES = Form.choices


class EvaluateForm(CleanForm):
    """The calculator's inputs ("Tính tỷ lệ và thời hạn")."""

    item = forms.TypedChoiceField(label=_("Kind of matter"), choices=Item.choices, coerce=int)
    households = forms.IntegerField(
        label=_("Households on the roll"), min_value=1, max_value=MAX_HOUSEHOLDS
    )
    present = forms.IntegerField(
        label=_("Households present"), min_value=0, max_value=MAX_HOUSEHOLDS, required=False
    )
    yes = forms.IntegerField(
        label=_("Households in favour"), min_value=0, max_value=MAX_HOUSEHOLDS, required=False
    )
    form = forms.ChoiceField(label=_("Decided by"), choices=FORM_CHOICES, initial=Form.MEETING)
    optin_yes = forms.IntegerField(
        label=_("Households agreeing to vote online"),
        min_value=0,
        max_value=MAX_HOUSEHOLDS,
        required=False,
    )
    meeting_on = DateField(label=_("Meeting on"), required=False)
    ballot_closed_on = DateField(label=_("Ballot closed on"), required=False)
    received_on = DateField(label=_("Received by the ward on"), required=False)
