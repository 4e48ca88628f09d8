"""What every form of the platform does to the text it receives."""

from django import forms

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
