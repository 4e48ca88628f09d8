"""Pickers that fit their data."""

from django import forms


class SearchableCheckboxes(forms.CheckboxSelectMultiple):
    """A choice of several among many (partner organisations, related articles): a box
    to type a few letters in (without accents too) above a short scrolling list of
    checkboxes, the chosen ones kept in view; instead of a long multi-select that needs
    Ctrl-click. Works without the script as a plain list of checkboxes."""

    template_name = "dvs/widgets/searchable_checkboxes.html"

    class Media:
        js = ["dvs/searchable.js"]
