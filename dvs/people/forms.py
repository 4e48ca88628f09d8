from django import forms
from django.utils.translation import gettext_lazy as _

from dvs.accounts.viewsets import ScopedModelForm
from dvs.lib import cccd
from dvs.lib.forms import Form as CleanForm
from dvs.units.models import Unit

from .importing import CCCD_ERRORS
from .models import Membership, Person, can_see_sensitive
from .reference import ETHNICITIES, RELIGIONS


class PersonForm(ScopedModelForm):
    """A resident; the sensitive fields appear only for roles that may see them."""

    id_number = forms.CharField(label=_("Citizen ID number"), required=False, max_length=20)
    ethnicity = forms.ChoiceField(
        label=_("Ethnicity"),
        required=False,
        choices=[("", "---------")] + [(e, e) for e in ETHNICITIES],
    )
    religion = forms.ChoiceField(
        label=_("Religion"),
        required=False,
        choices=[("", "---------")] + [(r, r) for r in RELIGIONS],
    )

    class Meta:
        model = Person
        fields = [
            "full_name",
            "sex",
            "birth_date",
            "birth_year",
            "unit",
            "household",
            "phone",
            "status",
            "status_on",
            "moved_to",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.shows_sensitive = user is not None and (
            can_see_sensitive(user, self.instance)
            if self.instance.pk
            else user.has_perm("people.view_sensitive_person")
        )
        if not self.shows_sensitive:
            for name in ("id_number", "ethnicity", "religion"):
                del self.fields[name]
        elif self.instance.pk:
            self.initial.update(self.instance.reveal(user))
        if user is not None:
            self.fields["unit"].queryset = self.fields["unit"].queryset.filter(
                level="neighbourhood"
            )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("birth_date") and not cleaned.get("birth_year"):
            self.add_error("birth_year", _("Give the date or at least the year of birth."))
        number = cccd.normalise(cleaned.get("id_number"))
        if number:
            year = (
                cleaned["birth_date"].year
                if cleaned.get("birth_date")
                else cleaned.get("birth_year")
            )
            errors = cccd.validate(number, sex=cleaned.get("sex"), birth_year=year)
            for code in errors:
                self.add_error("id_number", CCCD_ERRORS[code])
            from dvs.accounts import crypto

            clash = Person.objects.filter(id_number_index=crypto.blind_index(number))
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if not errors and clash.exists():
                self.add_error(
                    "id_number", _("A person with this citizen ID number is already registered.")
                )
            cleaned["id_number"] = number
        return cleaned

    def save(self, commit=True):
        person = super().save(commit=False)
        if self.shows_sensitive:
            person.set_sensitive(
                id_number=self.cleaned_data.get("id_number", ""),
                ethnicity=self.cleaned_data.get("ethnicity", ""),
                religion=self.cleaned_data.get("religion", ""),
            )
        if commit:
            person.save()
        return person


class MembershipForm(ScopedModelForm):
    class Meta:
        model = Membership
        fields = [
            "person",
            "organisation",
            "role",
            "joined_on",
            "card_number",
            "ended_on",
            "end_reason",
        ]


class ImportUploadForm(CleanForm):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("Excel (.xlsx, .xls) or CSV; old TCVN3 and VNI fonts are converted."),
    )
    # Any unit: the action (people.actions.start_import) refuses one the user may not
    # import into, as the API does; only those are offered.
    unit = forms.ModelChoiceField(queryset=Unit.objects.all(), label=_("Import into"))

    def __init__(self, *args, user, **kwargs):
        from .actions import importable_units

        super().__init__(*args, **kwargs)
        offered = forms.ModelChoiceField(importable_units(user).order_by("path"))
        self.fields["unit"].widget.choices = offered.choices


class MappingForm(CleanForm):
    """One choice per column of the file: which kind of data it holds."""

    def __init__(self, *args, headers, samples, mapping, encodings, **kwargs):
        from .importing import FIELDS

        super().__init__(*args, **kwargs)
        choices = [("", _("(ignore this column)"))] + [(k, v) for k, v in FIELDS.items()]
        self.columns = []
        for index, header in enumerate(headers):
            name = f"column_{index}"
            self.fields[name] = forms.ChoiceField(
                label=header, choices=choices, required=False, initial=mapping.get(str(index), "")
            )
            self.columns.append(
                {
                    "field": name,
                    "header": header,
                    "samples": samples[index],
                    "encoding": encodings.get(str(index), "unicode"),
                }
            )

    def mapping(self):
        return {
            name.removeprefix("column_"): value
            for name, value in self.cleaned_data.items()
            if value
        }
