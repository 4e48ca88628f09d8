"""Permission names in the reader's language. Django stores them in English ("Can add
case"); the group screens show str(permission), which now reads "Thêm đơn thư"."""

from django.contrib.auth.models import Permission
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# Names of custom permissions declared without gettext (so that migrations keep English).
CUSTOM = [gettext_noop("Can record progress")]

ACTIONS = {
    "add": lambda name: _("Add %(name)s") % {"name": name},
    "change": lambda name: _("Edit %(name)s") % {"name": name},
    "delete": lambda name: _("Delete %(name)s") % {"name": name},
    "view": lambda name: _("View %(name)s") % {"name": name},
}


def permission_label(permission):
    model = permission.content_type.model_class()
    if model is not None:
        action, _sep, model_name = permission.codename.partition("_")
        if model_name == model._meta.model_name and action in ACTIONS:
            return ACTIONS[action](model._meta.verbose_name)
    return _(permission.name)


def translate_permission_names():
    Permission.__str__ = permission_label
