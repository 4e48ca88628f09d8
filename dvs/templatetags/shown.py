"""How a raw value reads on a screen: yes/no for booleans, a dash for nothing."""

from django import template
from django.utils.formats import localize
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _

register = template.Library()

EMPTY = "—"


@register.filter
def shown(value):
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    if value is None or value == "":
        return EMPTY
    # as {{ value }} would: a time in the reader's time zone, then in the local format
    return localize(template_localtime(value))


@register.filter
def app_name(app_label):
    """An application's name as people call it (Cổng thông tin), not its code (portal)."""
    from django.apps import apps

    try:
        return apps.get_app_config(app_label).verbose_name
    except LookupError:
        return app_label


@register.filter
def permission_label(permission):
    from dvs.lib.permissions import permission_label

    return permission_label(permission)
