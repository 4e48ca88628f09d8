"""The back-office forms of elections, charters, reviews and conferences. Each saves
through its action (actions/elections.py, charters.py, conferences.py), which checks the
scope and the law; the form only reads input (dates dd/mm/yyyy)."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from dvs.accounts import scope
from dvs.accounts.viewsets import ActionModelForm
from dvs.lib.forms import DateField
from dvs.lib.forms import Form as CleanForm

from .actions import charters as charter_actions
from .actions import conferences as conference_actions
from .actions import elections as election_actions
from .models import Charter, CharterReview, Conference, HeadElection, Item, Matter

FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2099, 12, 31)


def _in_calendar(form, cleaned):
    for name, field in form.fields.items():
        value = cleaned.get(name)
        if isinstance(field, DateField) and value and not FIRST_DAY <= value <= LAST_DAY:
            form.add_error(name, _("The date must be between 01/01/2000 and 31/12/2099."))
    return cleaned


# Elections ---------------------------------------------------------------------------------


class ElectionForm(ActionModelForm):
    """The election with its candidates and team (inline formsets of the edit handler):
    both go to the action, which refuses a team holding a candidate."""

    class Meta:
        model = HeadElection
        fields = ["unit", *election_actions.FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["unit"].disabled = True

    def _people(self, name, fields):
        formset = self.formsets.get(name)
        if formset is None:
            return []
        rows = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not data.get("name"):
                continue
            rows.append({field: data.get(field) for field in fields})
        return rows

    def save_by(self, user):
        fields = {
            name: self.cleaned_data.get(name)
            for name in election_actions.FIELDS
            if name in self.cleaned_data
        }
        candidates = self._people("candidates", ("name", "votes"))
        team = self._people("team", ("name", "role"))
        if self.instance.pk:
            return election_actions.update(
                self.instance, user, candidates=candidates, team=team, **fields
            )
        return election_actions.create(
            user, unit=self.cleaned_data.get("unit"), candidates=candidates, team=team, **fields
        )

    def clean(self):
        return _in_calendar(self, super().clean())


class ElectionResultForm(CleanForm):
    elected = forms.ChoiceField(label=_("Elected"), required=False)
    matter = forms.ModelChoiceField(
        label=_("The vote (item 4 matter)"), queryset=Matter.objects.none(), required=False
    )
    recognised_on = DateField(label=_("Recognised by the ward on"), required=False)
    rerun = forms.BooleanField(label=_("To be held again"), required=False)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, election, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.election = election
        candidates = list(election.candidates.all())
        self.fields["elected"].choices = [("", "—")] + [(str(c.pk), c.name) for c in candidates]
        for candidate in candidates:
            self.fields[f"votes_{candidate.pk}"] = forms.IntegerField(
                label=_("Votes for %(name)s") % {"name": candidate.name},
                min_value=0,
                max_value=100_000,
                required=False,
                initial=candidate.votes,
            )
        self.fields["matter"].queryset = election_actions.matters_for(user, election)
        if not user.has_perm(election_actions.RECOGNISE):
            del self.fields["recognised_on"]
            del self.fields["rerun"]

    def clean(self):
        return _in_calendar(self, super().clean())

    def save_by(self, user):
        data = self.cleaned_data
        votes = {
            int(name.removeprefix("votes_")): value
            for name, value in data.items()
            if name.startswith("votes_") and value is not None
        }
        return election_actions.record_result(
            self.election,
            user,
            elected=data.get("elected") or None,
            votes=votes,
            matter=data.get("matter"),
            recognised_on=data.get("recognised_on"),
            rerun=bool(data.get("rerun")),
            note=data.get("note") or "",
        )


# Charters -----------------------------------------------------------------------------------


class CharterForm(ActionModelForm):
    class Meta:
        model = Charter
        fields = ["unit", "kind", "title", "amends"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["unit"].disabled = True
            self.fields["amends"].queryset = self.fields["amends"].queryset.exclude(
                pk=self.instance.pk
            )

    def create(self, *, by, unit=None, **fields):
        return charter_actions.create(by, unit=unit, **fields)

    def update(self, instance, *, by, **fields):
        return charter_actions.update(instance, by, **fields)


class StepForm(CleanForm):
    """A lifecycle step on a day: the draft posted, the dossier sent, recognition,
    suspension, annulment."""

    on = DateField(label=_("On"))

    def __init__(self, *args, charter, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.charter, self.step = charter, step

    def clean(self):
        return _in_calendar(self, super().clean())

    def save_by(self, user):
        return self.step(self.charter, user, self.cleaned_data["on"])


class RefuseForm(StepForm):
    reason = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def save_by(self, user):
        data = self.cleaned_data
        return charter_actions.refuse_recognition(
            self.charter, user, data["on"], data.get("reason") or ""
        )


class LinkVoteForm(CleanForm):
    matter = forms.ModelChoiceField(
        label=_("The vote (item 3 matter)"), queryset=Matter.objects.none()
    )

    def __init__(self, *args, charter, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.charter = charter
        self.fields["matter"].queryset = scope.scoped(user, Matter).filter(
            item=Item.CHARTER, unit_id=charter.unit_id
        )

    def save_by(self, user):
        return charter_actions.link_vote(self.charter, user, self.cleaned_data["matter"])


class CharterReviewForm(ActionModelForm):
    class Meta:
        model = CharterReview
        fields = ["charter", "year", "due_on", "done_on", "result"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].required = False
        if self.instance.pk:
            self.fields["charter"].disabled = True
            self.fields["year"].disabled = True

    def clean(self):
        return _in_calendar(self, super().clean())

    def save_by(self, user):
        data = self.cleaned_data
        if self.instance.pk:
            return charter_actions.record_review(
                self.instance,
                user,
                done_on=data.get("done_on"),
                result=data.get("result") or "",
                due_on=data.get("due_on"),
            )
        return charter_actions.add_review(
            user,
            charter=data.get("charter"),
            year=data.get("year"),
            due_on=data.get("due_on"),
            done_on=data.get("done_on"),
            result=data.get("result") or "",
        )


class YearForm(CleanForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2099, required=False)


# Conferences ----------------------------------------------------------------------------------


class ConferenceForm(ActionModelForm):
    class Meta:
        model = Conference
        fields = ["unit", "kind", *conference_actions.FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendance"].max_value = conference_actions.ATTENDANCE_MAX
        if self.instance.pk:
            self.fields["unit"].disabled = True
            self.fields["kind"].disabled = True

    def clean(self):
        return _in_calendar(self, super().clean())

    def create(self, *, by, unit=None, kind=None, **fields):
        return conference_actions.create(by, unit=unit, kind=kind, **fields)

    def update(self, instance, *, by, **fields):
        return conference_actions.update(instance, by, **fields)
