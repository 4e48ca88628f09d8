"""Admin screens of this part of land clearance (issue 14), registered by importing this module from wagtail_hooks.py: the figures pages and the work list's wards to push."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from dvs.accounts.dashboard import register_work
from dvs.accounts.viewsets import READING, register_screens

from . import figures


@hooks.register("register_admin_urls")
def register_figures_urls():
    return [
        path("clearance/figures/", figures.city, name="clearance_figures"),
        path("clearance/figures/<str:code>/", figures.project, name="clearance_figures_project"),
    ]


register_screens(
    "register_clearance_menu_item",
    [(_("Figures"), "clearance_figures", "table", figures.PERMISSION, READING)],
    start=30,
)

register_work(
    "clearance_wards_to_push",
    _("Wards to push on land clearance"),
    figures.wards_to_push,
    all_url=lambda user: reverse("clearance_figures"),
    permission="clearance.change_project",
    order=70,
)
