"""The back-office forms of a matter's vote. Each reads and bounds its input and saves
through its action in actions/tallies.py, which checks the scope and the law."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dvs.lib.forms import DateField, DateTimeField
from dvs.lib.forms import Form as CleanForm

from .actions import tallies as actions
from .models import OnlineChoice, RollEntry, VoteMethod

MAX_HOUSEHOLDS = 1_000_000


def _numbers(matter):
    return RollEntry.objects.filter(matter=matter).values_list("number", flat=True)


class _MatterForm(CleanForm):
    def __init__(self, *args, matter, **kwargs):
        super().__init__(*args, **kwargs)
        self.matter = matter


def _count(label, high):
    return forms.IntegerField(label=label, min_value=0, max_value=high)


class AttendanceForm(_MatterForm):
    meeting_on = DateField(label=_("Meeting on"))
    chair = forms.CharField(label=_("Chaired by"), max_length=255)
    secretary = forms.CharField(label=_("Secretary"), max_length=255)
    vote_method = forms.ChoiceField(label=_("Vote by"), choices=VoteMethod.choices)
    counting_board = forms.CharField(
        label=_("Counting board (3–5 people)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required for a secret ballot: one name per line."),
    )
    witnesses = forms.CharField(
        label=_("Two household representatives witnessing"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One name per line."),
    )
    present = forms.TypedMultipleChoiceField(
        label=_("Households present"), coerce=int, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        matter = self.matter
        self.fields["present"].choices = [(n, n) for n in _numbers(matter)]
        if not self.is_bound:
            self.initial.update(
                {
                    "meeting_on": matter.meeting_on,
                    "chair": matter.chair,
                    "secretary": matter.secretary,
                    "vote_method": matter.vote_method or VoteMethod.HANDS,
                    "counting_board": matter.counting_board,
                    "witnesses": matter.witnesses,
                    "present": list(
                        RollEntry.objects.filter(matter=matter, present=True).values_list(
                            "number", flat=True
                        )
                    ),
                }
            )

    def save_by(self, user):
        data = self.cleaned_data
        return actions.record_attendance(
            self.matter,
            by=user,
            present=data["present"],
            meeting_on=data["meeting_on"],
            chair=data["chair"],
            secretary=data["secretary"],
            vote_method=data["vote_method"],
            counting_board=data.get("counting_board") or "",
            witnesses=data["witnesses"],
        )


class MeetingVoteForm(_MatterForm):
    yes = _count(_("Households in favour"), MAX_HOUSEHOLDS)
    no = _count(_("Households against"), MAX_HOUSEHOLDS)
    other = _count(_("Other opinions or invalid"), MAX_HOUSEHOLDS)

    def __init__(self, *args, present=0, **kwargs):
        super().__init__(*args, **kwargs)
        # Bounded by the households present (the action checks their sum too).
        for name in ("yes", "no", "other"):
            self.fields[name] = _count(self.fields[name].label, present)

    def save_by(self, user):
        return actions.record_meeting_vote(self.matter, by=user, **self.cleaned_data)


class BallotStartForm(_MatterForm):
    reason = forms.CharField(label=_("Why a ballot"), widget=forms.Textarea(attrs={"rows": 2}))
    plan_on = DateField(label=_("Plan issued on"), required=False)
    opens_on = DateField(label=_("Ballots handed out from"))
    closes_on = DateField(label=_("Ballots collected until"))
    team = forms.CharField(
        label=_("Ballot team (3–5 people, led by the Front's work committee)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.matter.meeting_held:
            self.initial["reason"] = _(
                "The meeting lacked households: the pass threshold could not be reached."
            )

    def save_by(self, user):
        return actions.start_ballot(self.matter, by=user, **self.cleaned_data)


class ReturnedForm(_MatterForm):
    returned = forms.TypedMultipleChoiceField(
        label=_("Ballots returned"), coerce=int, required=False
    )

    def __init__(self, *args, ballot, **kwargs):
        super().__init__(*args, **kwargs)
        self.ballot = ballot
        self.fields["returned"].choices = [(n, n) for n in _numbers(self.matter)]

    def save_by(self, user):
        return actions.mark_returned(self.ballot, by=user, numbers=self.cleaned_data["returned"])


class EntryForm(_MatterForm):
    order = forms.TypedChoiceField(
        label=_("Entry"), coerce=int, choices=[(1, _("First")), (2, _("Second"))]
    )
    clerk = forms.CharField(label=_("Clerk"), max_length=255)
    returned = _count(_("Ballots returned"), MAX_HOUSEHOLDS)
    yes = _count(_("In favour"), MAX_HOUSEHOLDS)
    no = _count(_("Against"), MAX_HOUSEHOLDS)
    invalid = _count(_("Other or invalid"), MAX_HOUSEHOLDS)

    def __init__(self, *args, ballot, **kwargs):
        super().__init__(*args, **kwargs)
        self.ballot = ballot

    def save_by(self, user):
        return actions.enter_count(self.ballot, by=user, **self.cleaned_data)


class UploadForm(_MatterForm):
    file = forms.FileField(
        label=_("Photo or scan"),
        help_text=_("JPEG, PNG, WebP or PDF, at most 10 MB; kept in private storage."),
    )

    def __init__(self, *args, target, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target

    def save_by(self, user):
        attach = (
            actions.attach_count_record
            if hasattr(self.target, "count_record")
            else actions.attach_screenshot
        )
        return attach(self.target, by=user, upload=self.cleaned_data["file"])


class OnlineStartForm(_MatterForm):
    optin_polled_on = DateField(label=_("Opt-in poll held on"))
    optin_yes = _count(_("Households agreeing to vote online"), MAX_HOUSEHOLDS)
    starts_at = DateTimeField(label=_("Starts at"))
    ends_at = DateTimeField(label=_("Ends at"))
    platform = forms.CharField(
        label=_("Application or network used"), max_length=255, required=False
    )
    team = forms.CharField(
        label=_("Team (3–5 people, led by the Front's work committee)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def save_by(self, user):
        return actions.start_online_vote(self.matter, by=user, **self.cleaned_data)


class HouseholdVoteForm(_MatterForm):
    number = forms.IntegerField(label=_("Household number on the roll"), min_value=1)
    choice = forms.ChoiceField(label=_("Choice"), choices=OnlineChoice.choices)

    def __init__(self, *args, vote, **kwargs):
        super().__init__(*args, **kwargs)
        self.vote = vote

    def save_by(self, user):
        return actions.record_household_vote(self.vote, by=user, **self.cleaned_data)


class CloseForm(_MatterForm):
    def __init__(self, *args, vote, **kwargs):
        super().__init__(*args, **kwargs)
        self.vote = vote

    def save_by(self, user):
        return actions.close_online_vote(self.vote, by=user)


class ConfirmForm(_MatterForm):
    def __init__(self, *args, ballot, **kwargs):
        super().__init__(*args, **kwargs)
        self.ballot = ballot

    def save_by(self, user):
        return actions.confirm_ballot(self.ballot, by=user)


class SendForm(_MatterForm):
    sent_on = DateField(label=_("Sent to the ward on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["sent_on"] = timezone.localdate()

    def save_by(self, user):
        return actions.send_decision(self.matter, by=user, sent_on=self.cleaned_data["sent_on"])
