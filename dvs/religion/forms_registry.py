"""The back-office forms of the registry. Each only reads input and saves through its
action in actions/registry.py, which checks scope and writes in one transaction."""

from dvs.accounts import scope
from dvs.accounts.viewsets import ActionModelForm
from dvs.units.models import Organisation

from .actions import registry as actions
from .models import (
    Contact,
    Establishment,
    Festival,
    Group,
    Incident,
    KeyPerson,
    ReligiousOrganisation,
)


class EstablishmentForm(ActionModelForm):
    class Meta:
        model = Establishment
        fields = [
            "unit",
            "name",
            "kind",
            "religion",
            "organisation",
            "address",
            "relic_ranking",
            "land_status",
            "representative",
            "board",
            "phone",
            "founded_year",
            "note",
        ]

    def create(self, *, by, **fields):
        return actions.create_establishment(by=by, **fields)

    def update(self, instance, *, by, **fields):
        return actions.update_establishment(instance, by=by, **fields)


class FestivalForm(ActionModelForm):
    class Meta:
        model = Festival
        fields = [
            "establishment",
            "name",
            "lunar",
            "day",
            "month",
            "leap_month",
            "duration_days",
            "scale",
            "note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            # Establishments the user may change, not every one they see.
            action = "change" if self.instance.pk else "add"
            self.fields["establishment"].queryset = scope.scoped(
                self.for_user, Establishment, "change"
            ).filter(pk__in=scope.writable_anchor(self.for_user, Festival, action).values("pk"))

    def create(self, *, by, **fields):
        return actions.create_festival(by=by, **fields)

    def update(self, instance, *, by, **fields):
        return actions.update_festival(instance, by=by, **fields)


class GroupForm(ActionModelForm):
    class Meta:
        model = Group
        fields = [
            "unit",
            "name",
            "religion",
            "organisation",
            "venue",
            "representative",
            "members",
            "state",
            "state_on",
            "note",
        ]

    def create(self, *, by, **fields):
        return actions.create_group(by=by, **fields)

    def update(self, instance, *, by, **fields):
        return actions.update_group(instance, by=by, **fields)


class ContactForm(ActionModelForm):
    class Meta:
        model = Contact
        fields = [
            "unit",
            "kind",
            "on",
            "establishment",
            "dignitaries",
            "organisations",
            "others_present",
            "topics",
            "outcome",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["organisations"].queryset = scope.scoped(self.for_user, Organisation)

    def create(self, *, by, **fields):
        return actions.create_contact(by=by, **fields)

    def update(self, instance, *, by, **fields):
        return actions.update_contact(instance, by=by, **fields)


class IncidentForm(ActionModelForm):
    class Meta:
        model = Incident
        fields = [
            "unit",
            "kind",
            "on",
            "establishment",
            "group",
            "description",
            "handling",
            "status",
            "resolved_on",
            "case",
        ]

    def create(self, *, by, **fields):
        return actions.create_incident(by=by, **fields)

    def update(self, instance, *, by, **fields):
        return actions.update_incident(instance, by=by, **fields)


class KeyPersonForm(ActionModelForm):
    class Meta:
        model = KeyPerson
        fields = [
            "unit",
            "kind",
            "name",
            "dignitary",
            "programme",
            "ethnic_minority_programme",
            "since",
            "until",
            "phone",
            "note",
        ]

    def create(self, *, by, **fields):
        return actions.create_key_person(by=by, **fields)

    def update(self, instance, *, by, **fields):
        return actions.update_key_person(instance, by=by, **fields)


class ReligiousOrganisationForm(ActionModelForm):
    class Meta:
        model = ReligiousOrganisation
        fields = ["religion", "name", "parent", "status", "recognised_on", "seat", "note"]

    def create(self, *, by, **fields):
        return actions.create_religious_organisation(by=by, **fields)

    def update(self, instance, *, by, **fields):
        return actions.update_religious_organisation(instance, by=by, **fields)
