from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from dvs.accounts import scope
from dvs.accounts.viewsets import ScopedModelForm

from .models import Unit


class UnitForm(ScopedModelForm):
    """Places a unit in the tree: a parent chosen within scope, moves refused into itself."""

    parent = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        label=_("parent unit"),
        help_text=_("Leave empty for a top-level unit."),
    )

    class Meta:
        model = Unit
        fields = ["parent", "code", "name", "level", "valid_from", "valid_until"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None:
            action = "change" if self.instance.pk else "add"
            self.fields["parent"].queryset = scope.scoped(user, Unit, action).order_by("path")
            self.fields["parent"].required = not user.is_superuser
        if self.instance.pk and not self.instance.is_root():
            self.initial["parent"] = self.instance.get_parent()

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent and self.instance.pk and parent.path.startswith(self.instance.path):
            raise forms.ValidationError(
                _("A unit cannot be moved under itself or one of its descendants.")
            )
        return parent

    @transaction.atomic
    def save(self, commit=True):
        parent = self.cleaned_data.get("parent")
        unit = self.instance
        if unit.pk is None:
            return parent.add_child(instance=unit) if parent else Unit.add_root(instance=unit)
        unit.save()
        current = None if unit.is_root() else unit.get_parent()
        if parent != current and parent is not None:
            unit.move_under(parent)
            unit.refresh_from_db()
        return unit
