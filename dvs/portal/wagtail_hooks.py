from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, work  # noqa: F401  (work: the work list's portal line)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("portal/thong-ke/", admin_views.portal_stats, name="portal_stats")]


class StatsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("portal.view_dailypagestats")


@hooks.register("register_reports_menu_item")
def register_stats_menu_item():
    return StatsMenuItem(
        _("Portal statistics"), reverse("portal_stats"), icon_name="doc-full-inverse", order=50
    )
