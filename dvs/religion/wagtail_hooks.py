"""The back office of religious affairs: the menu "Công tác tôn giáo". Each part of the
app keeps its own viewsets and screens in an `admin_*.py` module (`VIEWSETS`, in menu
order; screens added with `register_screens("register_religion_menu_item", …)`); this
module only puts them into one menu group."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from . import admin_dignitaries, admin_figures, admin_filings, admin_registry

MENU_HOOK = "register_religion_menu_item"


class ReligionGroup(ViewSetGroup):
    menu_label = _("Religious affairs")
    menu_icon = "pick"
    menu_order = 370
    submenu_hook = MENU_HOOK
    items = (
        admin_registry.VIEWSETS
        + admin_dignitaries.VIEWSETS
        + admin_filings.VIEWSETS
        + admin_figures.VIEWSETS
    )


@hooks.register("register_admin_viewset")
def register_religion_viewsets():
    return ReligionGroup()
