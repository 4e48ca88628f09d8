"""The back-office and portal forms of consultations and disclosures. Each saves through
its action (actions/consultations.py, actions/disclosures.py); a form only reads input:
dates typed dd/mm/yyyy, numbers within bounds."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dvs.accounts.viewsets import ActionModelForm
from dvs.lib.forms import DateField
from dvs.lib.forms import Form as CleanForm

from .actions import consultations as consultation_actions
from .actions import disclosures as disclosure_actions
from .models import Consultation, Disclosure, Opinion


class ConsultationForm(ActionModelForm):
    class Meta:
        model = Consultation
        fields = ["unit", "subject", "title", "summary", "document", "on_portal"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].help_text = _("PDF or a Word or OpenDocument file, at most 20 MB.")
        if self.instance.pk:
            self.fields["unit"].disabled = True
            if self.instance.status != Consultation.Status.DRAFT:
                for name in ("subject", "title", "summary", "document"):
                    self.fields[name].disabled = True

    def create(self, *, by, unit=None, **fields):
        return consultation_actions.create(by, unit=unit, **fields)

    def update(self, instance, *, by, **fields):
        return consultation_actions.update(instance, by, **fields)


class OpinionForm(ActionModelForm):
    class Meta:
        model = Opinion
        fields = ["consultation", "channel", "stance", "count", "received_on", "name", "address"]
        fields += ["content"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [
            c for c in self.fields["channel"].choices if c[0] != Opinion.Channel.PORTAL
        ]
        self.fields["count"].min_value = 1
        self.fields["count"].max_value = consultation_actions.MAX_COUNT
        self.fields["count"].help_text = _(
            "For a meeting or a household ballot: the number of people or households "
            "holding this stance."
        )
        if self.instance.pk:
            self.fields["consultation"].disabled = True

    def create(self, *, by, consultation=None, **fields):
        if consultation is None:
            from django.core.exceptions import ValidationError

            raise ValidationError({"consultation": [_("This field is required.")]})
        return consultation_actions.add_opinion(consultation, by, **fields)

    def update(self, instance, *, by, **fields):
        return consultation_actions.update_opinion(instance, by, **fields)


class PublishForm(CleanForm):
    published_on = DateField(label=_("Published on"))
    closes_on = DateField(
        label=_("Opinions taken until"),
        help_text=_("At least 20 days after publication (Art. 28)."),
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation

    def save_by(self, user):
        data = self.cleaned_data
        return consultation_actions.publish(
            self.consultation, user, data["published_on"], data["closes_on"]
        )


class CloseForm(CleanForm):
    on = DateField(label=_("Closed on"))

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation

    def save_by(self, user):
        return consultation_actions.close(self.consultation, user, self.cleaned_data["on"])


class ResultForm(CleanForm):
    synthesis = forms.CharField(
        label=_("Synthesis of opinions"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    decision = forms.CharField(
        label=_("Decision taken"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    against_majority = forms.BooleanField(label=_("Decided against the majority"), required=False)
    explanation = forms.CharField(
        label=_("Explanation of opinions not taken up"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Required when the decision goes against the majority of opinions."),
    )
    publish = forms.BooleanField(label=_("Publish the result now"), required=False)
    published_on = DateField(label=_("Result published on"), required=False)

    def __init__(self, *args, consultation, **kwargs):
        kwargs.setdefault(
            "initial",
            {name: getattr(consultation, name) for name in consultation_actions.RESULT_FIELDS},
        )
        super().__init__(*args, **kwargs)
        self.consultation = consultation

    def save_by(self, user):
        data = self.cleaned_data
        fields = {name: data[name] for name in consultation_actions.RESULT_FIELDS}
        consultation = consultation_actions.record_result(self.consultation, user, **fields)
        if data.get("publish"):
            consultation_actions.publish_result(consultation, user, data.get("published_on"))
        return consultation


class DisclosureForm(ActionModelForm):
    class Meta:
        model = Disclosure
        fields = ["unit", *disclosure_actions.FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["unit"].disabled = True

    def create(self, *, by, unit=None, **fields):
        return disclosure_actions.create(by, unit=unit, **fields)

    def update(self, instance, *, by, **fields):
        return disclosure_actions.update(instance, by, **fields)


class PostForm(CleanForm):
    posted_from = DateField(label=_("Posted from"))

    def __init__(self, *args, disclosure, **kwargs):
        super().__init__(*args, **kwargs)
        self.disclosure = disclosure

    def save_by(self, user):
        return disclosure_actions.post(self.disclosure, user, self.cleaned_data["posted_from"])


class EndForm(CleanForm):
    posted_to = DateField(label=_("Posted until"))

    def __init__(self, *args, disclosure, **kwargs):
        super().__init__(*args, **kwargs)
        self.disclosure = disclosure

    def save_by(self, user):
        return disclosure_actions.end_posting(self.disclosure, user, self.cleaned_data["posted_to"])


class LoudspeakerForm(CleanForm):
    on = DateField(label=_("Read on"))
    remove = forms.BooleanField(label=_("Remove this day"), required=False)

    def __init__(self, *args, disclosure, **kwargs):
        super().__init__(*args, **kwargs)
        self.disclosure = disclosure

    def save_by(self, user):
        on = self.cleaned_data["on"]
        if self.cleaned_data.get("remove"):
            return disclosure_actions.remove_loudspeaker_day(self.disclosure, user, on)
        return disclosure_actions.add_loudspeaker_day(self.disclosure, user, on)


QUARTERS = [(q, f"Q{q}") for q in (1, 2, 3, 4)]


class QuarterForm(CleanForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2099)
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=QUARTERS, coerce=int)


# The portal -------------------------------------------------------------------------------


class PublicOpinionForm(CleanForm):
    """A resident's opinion on the portal. The phone number is asked only to keep one
    opinion per person; it is not stored, nor is it shown to anyone."""

    name = forms.CharField(label=_("Full name"), max_length=120)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        help_text=_("Used only to keep one opinion per person; it is not stored."),
    )
    stance = forms.ChoiceField(label=_("Your stance"), choices=Opinion.Stance.choices)
    content = forms.CharField(
        label=_("Your opinion"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000
    )
    # A field people never see: a robot filling every field gives itself away.
    website = forms.CharField(required=False, widget=forms.HiddenInput)
