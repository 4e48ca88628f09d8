"""The back office of grassroots democracy: the menu "Dân chủ ở cơ sở". Each part of the app
keeps its own viewsets and screens in an `admin_*.py` module (`VIEWSETS`, in menu order;
screens added with `register_screens("register_democracy_menu_item", …)`); this module
only puts them into one menu group."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from . import admin_boards, admin_consultations, admin_elections, admin_matters, admin_tallies

MENU_HOOK = "register_democracy_menu_item"


class DemocracyGroup(ViewSetGroup):
    menu_label = _("Grassroots democracy")
    menu_icon = "group"
    menu_order = 375
    submenu_hook = MENU_HOOK
    items = (
        admin_matters.VIEWSETS
        + admin_tallies.VIEWSETS
        + admin_elections.VIEWSETS
        + admin_consultations.VIEWSETS
        + admin_boards.VIEWSETS
    )


@hooks.register("register_admin_viewset")
def register_democracy_viewsets():
    return DemocracyGroup()
