from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dvs.accounts import scope
from dvs.lib.forms import DateField
from dvs.lib.forms import Form as CleanForm
from dvs.people.models import Person
from dvs.units.models import Unit

from .models import Case, Channel, Complexity, Kind, SubjectArea


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        single = super().clean
        return [single(item, initial) for item in (data if isinstance(data, list) else [data])]


class DashboardPeriodForm(CleanForm):
    """The dashboard's period, in the query string as `from` and `to` (links give ISO
    dates, the inputs dd/mm/yyyy). Empty: from 1 January to today."""

    start = DateField(label=_("From"), required=False)
    end = DateField(label=_("To"), required=False)

    def add_prefix(self, field_name):
        return {"start": "from", "end": "to"}.get(field_name, field_name)


class IntakeForm(CleanForm):
    """A case as the reception officer records it: the matter, then its petitioners."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    received_on = DateField(label=_("Received on"))
    unit = forms.ModelChoiceField(label=_("Unit where the matter is"), queryset=Unit.objects.none())
    subject_area = forms.ModelChoiceField(
        label=_("Subject area"), queryset=SubjectArea.objects.all()
    )
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 6}))
    stage = forms.TypedChoiceField(
        label=_("Stage"),
        coerce=int,
        choices=[(1, _("First-time")), (2, _("Second-time"))],
        initial=1,
    )
    first_case_code = forms.CharField(
        label=_("Tracking code of the first-time complaint"), required=False, max_length=12
    )
    anonymous = forms.BooleanField(label=_("Anonymous denunciation"), required=False)
    multi_place_verification = forms.BooleanField(
        label=_("Denunciation to verify at several places, or verification delegated"),
        required=False,
        help_text=_("10 working days to decide on acceptance instead of 7."),
    )
    group_case = forms.BooleanField(label=_("Group case (several petitioners)"), required=False)
    forwarded_by = forms.CharField(label=_("Forwarded by (agency)"), required=False)
    forwarded_reference = forms.CharField(label=_("Forwarding letter number"), required=False)
    attachments = MultipleFileField(label=_("Attachments"), required=False)
    attachments_identifying = forms.BooleanField(
        label=_("The attachments identify the denouncer"), required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = scope.writable_anchor(user, Case, "add").order_by("path")
        self.fields["received_on"].initial = timezone.localdate()

    def clean_received_on(self):
        from .workflow import check_received_on

        return check_received_on(self.cleaned_data["received_on"])

    def clean(self):
        from .workflow import CaseError, check_multi_place

        data = super().clean()
        try:
            check_multi_place(data.get("kind"), data.get("multi_place_verification"))
        except CaseError as error:
            self.add_error("multi_place_verification", error)
        return data

    def clean_first_case_code(self):
        code = self.cleaned_data["first_case_code"].strip().upper()
        if not code:
            return None
        found = scope.scoped(self.user, Case).filter(code=code).first()
        if found is None:
            raise forms.ValidationError(_("No case with this tracking code in your units."))
        return found


class PetitionerForm(CleanForm):
    person = forms.ModelChoiceField(
        label=_("Resident in the registry"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Or type the name and contacts below."),
    )
    name = forms.CharField(label=_("Full name"), max_length=120, required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    id_number = forms.CharField(label=_("ID number"), max_length=12, required=False)

    def __init__(self, *args, user=None, **kwargs):
        from dvs.people.wagtail_hooks import person_chooser_viewset

        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = scope.scoped(user, Person)
        self.fields["person"].widget = person_chooser_viewset.widget_class()


PetitionerFormSet = forms.formset_factory(PetitionerForm, extra=3, max_num=20)


# One form per step of the workflow: the fields become the step function's arguments.


class AcceptForm(CleanForm):
    accepted_on = DateField(label=_("Accepted on"))
    complexity = forms.ChoiceField(label=_("Complexity"), choices=Complexity.choices)
    remote_area = forms.BooleanField(label=_("Remote or difficult area"), required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))


class MultiPlaceForm(CleanForm):
    recorded_on = DateField(label=_("Recorded on"))
    multi_place_verification = forms.BooleanField(
        label=_("The content must be verified at several places, or the verification is delegated"),
        required=False,
        initial=True,
        help_text=_("10 working days after receipt to decide on acceptance instead of 7."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))


class ForwardForm(CleanForm):
    forwarded_on = DateField(label=_("Forwarded on"))
    to = forms.CharField(label=_("Competent body"), max_length=255)
    note = forms.CharField(
        label=_("Forwarding letter"), required=False, widget=forms.Textarea({"rows": 2})
    )


class GuideForm(CleanForm):
    guided_on = DateField(label=_("Guided on"))
    note = forms.CharField(label=_("Guidance given"), widget=forms.Textarea({"rows": 3}))


class ArchiveForm(CleanForm):
    archived_on = DateField(label=_("Archived on"))
    reason = forms.CharField(label=_("Legal reason"), widget=forms.Textarea({"rows": 3}))


class AssignForm(CleanForm):
    handler = forms.ModelChoiceField(label=_("Handler"), queryset=None)
    note = forms.CharField(label=_("Note"), required=False)

    def __init__(self, *args, case=None, **kwargs):
        from .rules import possible_handlers

        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = possible_handlers(case)


class ExtendForm(CleanForm):
    granted_on = DateField(label=_("Granted on"))
    days = forms.IntegerField(label=_("Days"), min_value=1)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea({"rows": 2}))


class VerifyForm(CleanForm):
    verified_on = DateField(label=_("Date"))
    note = forms.CharField(label=_("Verification"), widget=forms.Textarea({"rows": 3}))


class SuspendForm(CleanForm):
    suspended_on = DateField(label=_("Suspended on"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea({"rows": 2}))


class ResumeForm(CleanForm):
    resumed_on = DateField(label=_("Resumed on"))
    note = forms.CharField(label=_("Note"), required=False)


class ConcludeForm(CleanForm):
    concluded_on = DateField(label=_("Concluded on"))
    conclusion = forms.CharField(
        label=_("Conclusion or decision"), widget=forms.Textarea({"rows": 4})
    )


class NotifyForm(CleanForm):
    notified_on = DateField(label=_("Notified on"))
    note = forms.CharField(label=_("How the petitioner was notified"), required=False)


STEP_FORMS = {
    "accept": AcceptForm,
    "multi_place": MultiPlaceForm,
    "forward": ForwardForm,
    "guide": GuideForm,
    "archive": ArchiveForm,
    "assign": AssignForm,
    "extend": ExtendForm,
    "verify": VerifyForm,
    "suspend": SuspendForm,
    "resume": ResumeForm,
    "conclude": ConcludeForm,
    "notify": NotifyForm,
}

STEP_LABELS = {
    "accept": _("Accept"),
    "multi_place": _("Verification at several places"),
    "forward": _("Forward"),
    "guide": _("Guide the petitioner"),
    "archive": _("Archive"),
    "assign": _("Assign a handler"),
    "extend": _("Extend the time limit"),
    "verify": _("Record verification"),
    "suspend": _("Suspend"),
    "resume": _("Resume"),
    "conclude": _("Conclude"),
    "notify": _("Notify the result"),
}


class PublicSubmissionForm(CleanForm):
    """A citizen's petition or feedback from the portal."""

    kind = forms.ChoiceField(
        label=_("Kind of submission"),
        choices=[(Kind.FEEDBACK, Kind.FEEDBACK.label), (Kind.PETITION, Kind.PETITION.label)],
    )
    unit = forms.ModelChoiceField(label=_("Ward or commune where the matter is"), queryset=None)
    subject_area = forms.ModelChoiceField(
        label=_("Subject area"), queryset=SubjectArea.objects.all()
    )
    content = forms.CharField(
        label=_("Content"), widget=forms.Textarea(attrs={"rows": 8}), max_length=10000
    )
    name = forms.CharField(label=_("Full name"), max_length=120)
    address = forms.CharField(label=_("Address"), max_length=255)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    attachments = MultipleFileField(label=_("Attachments"), required=False)
    # A field people never see: a robot filling every field gives itself away.
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        from dvs.units.models import Level

        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.current().filter(level=Level.COMMUNE)

    def clean_attachments(self):
        # Each file's type and size are checked on receipt (workflow.check_attachment);
        # here, what one anonymous submission may bring in all.
        files = self.cleaned_data["attachments"]
        most, total = (
            settings.CASE_PUBLIC_ATTACHMENTS_MAX,
            settings.CASE_PUBLIC_ATTACHMENTS_MAX_BYTES,
        )
        if len(files) > most:
            raise forms.ValidationError(
                _("Send at most %(count)d files with one submission.") % {"count": most},
                code="too_many_files",
            )
        if sum(f.size for f in files) > total:
            raise forms.ValidationError(
                _("The files sent with one submission may not exceed %(max)s in all.")
                % {"max": filesizeformat(total)},
                code="too_large",
            )
        return files


class TrackForm(CleanForm):
    code = forms.CharField(label=_("Tracking code"), max_length=20)
