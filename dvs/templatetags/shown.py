"""How a raw value reads on a screen: yes/no for booleans, a dash for nothing."""

from django import template
from django.utils.formats import localize
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
    return localize(value)
