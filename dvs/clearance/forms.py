"""The back-office forms of land clearance. Each saves through its action in actions.py
(the action checks scope and writes in one transaction); the form only reads input."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dvs.accounts import scope
from dvs.accounts.viewsets import ActionModelForm, add_errors  # noqa: F401 (views use it)
from dvs.lib.forms import DateField
from dvs.lib.forms import Form as CleanForm
from dvs.units.models import Organisation

from . import actions
from .models import (
    SENSITIVE_FLAGS,
    SHARED_KINDS,
    AdvocacyVisit,
    AffectedParty,
    Concern,
    Milestone,
    MilestoneKind,
    Obstacle,
    Project,
    Segment,
)

colleagues = actions.colleagues


class ProjectForm(ActionModelForm):
    class Meta:
        model = Project
        fields = [
            "code",
            "name",
            "kind",
            "unit",
            "investor",
            "legal_basis",
            "rule_set",
            "rule_set_reason",
            "length_km",
            "area_ha",
            "status",
            "lag_points",
            "silent_days",
        ]

    def create(self, *, by, **fields):
        return actions.create_project(by=by, **fields)

    def update(self, instance, *, by, **fields):
        return actions.update_project(instance, by=by, **fields)


class SegmentForm(ActionModelForm):
    class Meta:
        model = Segment
        fields = [
            "project",
            "ward",
            "km_from",
            "km_to",
            "km_cleared",
            "planned_households",
            "working_users",
            "working_organisations",
            "note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None:
            return
        self.fields["project"].queryset = Project.objects.visible_to(user)
        self.fields["working_users"].queryset = colleagues(user)
        self.fields["working_organisations"].queryset = scope.scoped(user, Organisation)
        if self.instance.pk:
            self.fields["project"].disabled = True
            board = (
                scope.writable_anchor(user, Segment, "add")
                .filter(pk=self.instance.ward_id)
                .exists()
            )
            if not board:
                # A ward reports its km cleared, note and working group; the board sets
                # up the rest.
                for name, field in self.fields.items():
                    if name not in actions.WARD_SEGMENT_FIELDS:
                        field.disabled = True

    def create(self, *, by, project, ward, **fields):
        return actions.add_segment(project, by=by, ward=ward, **fields)

    def update(self, instance, *, by, **fields):
        return actions.update_segment(instance, by=by, **fields)


SENSITIVE_CHOICES = [("", _("Unchanged")), ("yes", _("Yes")), ("no", _("No"))]


class PartyForm(ActionModelForm):
    """A party, with its sensitive flags written only (never shown here: the party's
    page reveals them to those allowed)."""

    policy_family = forms.ChoiceField(
        label=_("Policy family"), choices=SENSITIVE_CHOICES, required=False
    )
    poor_household = forms.ChoiceField(
        label=_("Poor household"), choices=SENSITIVE_CHOICES, required=False
    )

    class Meta:
        model = AffectedParty
        fields = [
            "segment",
            "unit",
            "kind",
            "name",
            "address",
            "household",
            "person",
            "agricultural_land",
            "non_agricultural_land",
            "residential_land",
            "area_m2",
            "must_relocate",
            "tracked_separately",
            "note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None:
            return
        self.fields["segment"].queryset = scope.scoped(user, Segment).select_related(
            "project", "ward"
        )
        if self.instance.pk:
            self.fields["segment"].disabled = True
        if not scope.scoped(user, AffectedParty, "view_sensitive").exists():
            for name in SENSITIVE_FLAGS:
                del self.fields[name]

    def _split(self, fields):
        sensitive = {}
        for name in SENSITIVE_FLAGS:
            value = fields.pop(name, "")
            if value:
                sensitive[name] = value == "yes"
        return sensitive

    def create(self, *, by, segment, **fields):
        sensitive = self._split(fields)
        return actions.add_party(segment, by=by, sensitive=sensitive, **fields)

    def update(self, instance, *, by, **fields):
        sensitive = self._split(fields)
        return actions.update_party(instance, by=by, sensitive=sensitive, **fields)


class ObstacleForm(ActionModelForm):
    def __init__(self, *args, party=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_fields(party)

    class Meta:
        model = Obstacle
        fields = [
            "party",
            "category",
            "description",
            "owner",
            "opened_on",
            "resolved_on",
            "resolution",
            "case",
            "dialogue",
        ]

    def _init_fields(self, party):
        self.fields["owner"].queryset = colleagues(self.for_user)
        if self.instance.pk:
            self.fields["party"].disabled = True
        if party is not None:
            self.fields["party"].initial = party.pk
            self.fields["party"].widget = forms.HiddenInput()

    def create(self, *, by, party, **fields):
        return actions.open_obstacle(party, by=by, **fields)

    def update(self, instance, *, by, **fields):
        return actions.update_obstacle(instance, by=by, **fields)


class VisitForm(ActionModelForm):
    concerns = forms.MultipleChoiceField(
        label=_("Concerns"),
        choices=Concern.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = AdvocacyVisit
        fields = [
            "party",
            "on",
            "outcome",
            "concerns",
            "visitors",
            "organisations",
            "visitors_note",
            "note",
            "next_step",
            "next_on",
        ]

    def __init__(self, *args, party=None, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.fields["visitors"].queryset = colleagues(user)
        if user is not None:
            self.fields["organisations"].queryset = scope.scoped(user, Organisation)
            self.fields["visitors"].initial = [user.pk]
        if party is not None:
            self.fields["party"].initial = party.pk
            self.fields["party"].widget = forms.HiddenInput()

    def create(self, *, by, party, **fields):
        return actions.log_visit(party, by=by, **fields)

    def update(self, instance, *, by, **fields):
        raise ValidationError(_("A visit is not changed once logged."))


class MilestoneForm(CleanForm):
    """A step reached by a party or a segment, with what its kind needs: the date and
    time, the tally of an opinion meeting, the written record of a persuasion, or "not
    applicable" and why."""

    kind = forms.ChoiceField(label=_("Step"))
    on = DateField(label=_("Date"))
    at_time = forms.TimeField(label=_("Time"), required=False, help_text=_("HH:MM"))
    end_on = DateField(label=_("Until"), required=False)
    land = forms.ChoiceField(
        label=_("Land"),
        required=False,
        choices=[("", "—"), *Milestone._meta.get_field("land").choices],
    )
    reissued = forms.BooleanField(label=_("Re-issued notice"), required=False)
    early_consent = forms.BooleanField(
        label=_("Land users agreed to earlier recovery"), required=False
    )
    document_number = forms.CharField(label=_("Document number"), max_length=100, required=False)
    present = forms.IntegerField(label=_("Households present"), min_value=0, required=False)
    agree = forms.IntegerField(label=_("Agree"), min_value=0, required=False)
    disagree = forms.IntegerField(label=_("Disagree"), min_value=0, required=False)
    other = forms.IntegerField(label=_("Other opinions"), min_value=0, required=False)
    amount = forms.DecimalField(
        label=_("Amount (VND)"), min_value=0, max_digits=16, decimal_places=0, required=False
    )
    area_m2 = forms.DecimalField(
        label=_("Area (m²)"), min_value=0, max_digits=12, decimal_places=2, required=False
    )
    record = forms.FileField(label=_("Written record"), required=False)
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea, required=False)
    not_applicable = forms.BooleanField(label=_("Not applicable"), required=False)
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)

    MAX_RECORD_BYTES = 20 * 1024 * 1024

    def __init__(self, *args, target, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target
        if isinstance(target, Segment):
            kinds = [c for c in MilestoneKind.choices if c[0] in SHARED_KINDS]
        else:
            separate = actions.SEPARATE_KINDS if target.tracked_separately else set()
            kinds = [
                c for c in MilestoneKind.choices if c[0] not in SHARED_KINDS or c[0] in separate
            ]
        self.fields["kind"].choices = kinds

    def clean_record(self):
        record = self.cleaned_data.get("record")
        if record and record.size > self.MAX_RECORD_BYTES:
            raise ValidationError(_("The file is larger than 20 MB."))
        return record

    def save_by(self, user):
        data = dict(self.cleaned_data)
        fields = {k: v for k, v in data.items() if v not in (None, "") and k != "record"}
        kind, on = fields.pop("kind"), fields.pop("on")
        return actions.record_milestone(
            self.target, by=user, kind=kind, on=on, record=data.get("record"), **fields
        )
