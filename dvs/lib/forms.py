"""What every form of the platform does to the text it receives."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from .vntext import clean_text


class CleanTextMixin:
    """Text fields arrive clean (`dvs.lib.vntext.clean_text`): NFC, without control or
    invisible characters; a textarea keeps its line breaks. Subclasses that override
    `clean()` call `super().clean()` first."""

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            field = self.fields.get(name)
            if (
                isinstance(value, str)
                and isinstance(field, forms.CharField)
                and not isinstance(field, forms.JSONField)
            ):
                multiline = isinstance(field.widget, forms.Textarea)
                cleaned[name] = clean_text(value, multiline=multiline)
        return cleaned


class Form(CleanTextMixin, forms.Form):
    """The base of every plain (non-model) form of the platform."""


# Dates and times: typed dd/mm/yyyy (day first, with or without leading zeros), shown the
# same way, refused with a message naming the format when unreadable, never replaced.
# The formats are DATE_INPUT_FORMATS / DATETIME_INPUT_FORMATS of dvs/formats; the widgets
# are Wagtail's, whose picker writes WAGTAIL_DATE_FORMAT and, with dvs/static/dvs/
# admin-dates.js, leaves text it cannot read as it is for the field to refuse.
# Every date field of the back office is one of these: our own forms declare them, and
# Wagtail's model forms get them by `use_for_model_forms()` (dvs.apps).

DATE_INVALID = _("Enter the date as day/month/year, for example 01/03/2026.")
DATETIME_INVALID = _(
    "Enter the date and time as day/month/year hours:minutes, for example 01/03/2026 14:30."
)


class DateInput(AdminDateInput):
    def __init__(self, attrs=None, format=None):
        super().__init__(attrs={"placeholder": _("dd/mm/yyyy"), **(attrs or {})}, format=format)


class DateTimeInput(AdminDateTimeInput):
    def __init__(self, attrs=None, format=None, **kwargs):
        attrs = {"placeholder": _("dd/mm/yyyy hh:mm"), **(attrs or {})}
        super().__init__(attrs=attrs, format=format, **kwargs)


class DateField(forms.DateField):
    widget = DateInput
    default_error_messages = {"invalid": DATE_INVALID}


class DateTimeField(forms.DateTimeField):
    widget = DateTimeInput
    default_error_messages = {"invalid": DATETIME_INVALID}


class DateRangeField(django_filters.fields.DateRangeField):
    """The two dates of a list filter's range (`DateRangeFilter`)."""

    def __init__(self, *args, **kwargs):
        # RangeField's own __init__ with our two fields (its subclass hard-codes Django's).
        django_filters.fields.RangeField.__init__(self, (DateField(), DateField()), *args, **kwargs)


class DateRangeFilter(django_filters.DateFromToRangeFilter):
    """A "from – to" date filter of a back-office list, read like every other date field."""

    field_class = DateRangeField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", DateRangePickerWidget)
        super().__init__(*args, **kwargs)


def use_for_model_forms():
    """Wagtail's model forms (snippets, model viewsets, pages) build the form field of a
    model DateField/DateTimeField from its registry: register ours there."""
    from django.db import models
    from wagtail.admin.forms.models import register_form_field_override

    register_form_field_override(
        models.DateField, override={"form_class": DateField, "widget": DateInput}
    )
    register_form_field_override(
        models.DateTimeField, override={"form_class": DateTimeField, "widget": DateTimeInput}
    )
