from django import template
from django.core.cache import caches
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import counting

register = template.Library()


@register.simple_tag(takes_context=True)
def site_stats(context):
    """{"online": n, "total": n} for the footer; the visitor looking at it is online."""
    request = context.get("request")
    return counting.site_stats(counting.online_visitor(request) if request else None)


@register.simple_tag(takes_context=True)
def portal_menu(context):
    """The site's top menu: (title, url) of the home page's children shown in menus."""
    from ..models import HomePage

    key = f"menu:{get_language()}"
    menu = caches["portal"].get(key)
    if menu is None:
        home = HomePage.objects.first()
        menu = []
        if home:
            for page in home.get_children().live().public().in_menu():
                menu.append((page.title, page.url))
        try:  # the public showcase of the emulation capability, when it is installed
            menu.append((_("“Skilled Mass Mobilization” models"), reverse("emulation_showcase")))
        except NoReverseMatch:
            pass
        caches["portal"].set(key, menu, 60)
    return menu


@register.simple_tag(takes_context=True)
def portal_url(context, path):
    """`path` as a full address on the portal's public address (links.absolute)."""
    from ..links import absolute

    return absolute(path, context.get("request"))


@register.filter
def dots(number):
    """3089933 → 3.089.933 (Vietnamese thousands separator)."""
    try:
        return f"{int(number):,}".replace(",", ".")
    except (TypeError, ValueError):
        return number
