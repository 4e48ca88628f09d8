"""The back-office forms of dignitaries: the record (with its protected fields and ID
image only for those allowed to read them), a position held and a change of status.
Each saves through actions/dignitaries.py, which checks scope and writes in one
transaction; the form only reads input."""

import datetime

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from dvs.accounts import scope
from dvs.accounts.viewsets import ActionModelForm
from dvs.lib.forms import DateField
from dvs.lib.forms import Form as CleanForm

from .actions import dignitaries as actions
from .models import Dignitary, DignitaryStatus, can_see_sensitive


def as_date(text):
    """A protected date as stored (ISO text) back into a date, or None."""
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None


SENSITIVE_FORM_FIELDS = ("id_number", "id_issued_on", "id_issued_by", "ethnicity")


class DignitaryForm(ActionModelForm):
    """The record. The protected fields (ID number and issue, ethnicity, ID image) are
    fields of the form only for a user allowed to read them on this row (or, for a new
    row, in a unit they may add to); for others they do not exist, so nothing can be
    typed over them."""

    id_number = forms.CharField(label=_("ID number (CCCD)"), required=False, max_length=20)
    id_issued_on = DateField(label=_("ID issued on"), required=False)
    id_issued_by = forms.CharField(label=_("ID issued by"), required=False, max_length=255)
    ethnicity = forms.CharField(label=_("Ethnicity"), required=False, max_length=100)
    id_image_remove = forms.BooleanField(label=_("Remove the ID card image"), required=False)

    class Meta:
        model = Dignitary
        fields = [
            "unit",
            "establishment",
            "religion",
            "organisation",
            "birth_name",
            "religious_name",
            "birth_date",
            "birth_year",
            "sex",
            "is_dignitary",
            "is_official",
            "is_practitioner",
            "sect",
            "rank",
            "position",
            "ordained_on",
            "scope",
            "certificate",
            "education",
            "phone",
            "note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Added after the base form's set-up, which takes every file field for a model
        # field (this one is the form's own: the model's image is not editable).
        self.fields["id_image_upload"] = forms.FileField(
            label=_("ID card image"),
            required=False,
            help_text=_("A photograph or scan (JPEG, PNG or WebP); kept in private storage."),
        )
        self.fields["id_image_remove"] = self.fields.pop("id_image_remove")
        user = self.for_user
        if user is None:
            self.shows_sensitive = False
        elif self.instance.pk:
            self.shows_sensitive = can_see_sensitive(user, self.instance)
        else:
            self.shows_sensitive = scope.writable_anchor(user, Dignitary, "view_sensitive").exists()
        if not self.shows_sensitive:
            for name in (*SENSITIVE_FORM_FIELDS, "id_image_upload", "id_image_remove"):
                del self.fields[name]
        elif self.instance.pk:
            # Reading them into the form is a reading: logged by reveal().
            values = self.instance.reveal(user)
            self.initial.update({name: values[name] for name in SENSITIVE_FORM_FIELDS})
            self.initial["id_issued_on"] = as_date(values["id_issued_on"])
            if not values["has_id_image"]:
                del self.fields["id_image_remove"]
        else:
            del self.fields["id_image_remove"]

    def action_fields(self):
        extra = {*SENSITIVE_FORM_FIELDS, "id_image_upload", "id_image_remove"}
        return {k: v for k, v in super().action_fields().items() if k not in extra}

    def sensitive_values(self):
        changed = [name for name in SENSITIVE_FORM_FIELDS if name in self.changed_data]
        if not self.instance.pk:
            changed = [name for name in SENSITIVE_FORM_FIELDS if self.cleaned_data.get(name)]
        return {name: self.cleaned_data.get(name) or "" for name in changed} or None

    def save_by(self, user):
        """The record, its protected fields and its image together, or nothing."""
        with transaction.atomic():
            fields = self.action_fields()
            sensitive = self.sensitive_values() if self.shows_sensitive else None
            if self.instance.pk:
                dignitary = actions.update_dignitary(
                    self.instance, by=user, sensitive=sensitive, **fields
                )
            else:
                dignitary = actions.create_dignitary(by=user, sensitive=sensitive, **fields)
            if self.shows_sensitive and self.cleaned_data.get("id_image_upload"):
                actions.set_id_image(
                    dignitary, by=user, upload=self.cleaned_data["id_image_upload"]
                )
            elif self.shows_sensitive and self.cleaned_data.get("id_image_remove"):
                actions.remove_id_image(dignitary, by=user)
            return dignitary


class PositionForm(CleanForm):
    title = forms.CharField(label=_("Position"), max_length=255)
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    started_on = DateField(label=_("From"), required=False)
    ended_on = DateField(label=_("Until"), required=False)

    def __init__(self, *args, dignitary, **kwargs):
        super().__init__(*args, **kwargs)
        self.dignitary = dignitary

    def save_by(self, user):
        return actions.add_position(self.dignitary, by=user, **self.cleaned_data)


class StatusForm(CleanForm):
    status = forms.ChoiceField(label=_("Status"), choices=DignitaryStatus.choices)
    on = DateField(label=_("On"))
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args, dignitary, **kwargs):
        super().__init__(*args, **kwargs)
        self.dignitary = dignitary

    def save_by(self, user):
        return actions.record_status(self.dignitary, by=user, **self.cleaned_data)
