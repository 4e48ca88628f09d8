from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "dvs.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self):
        from dvs.accounts.roles import Role, extend_role

        from . import signals  # noqa: F401
        from .setup import ensure_portal

        # The roles reach pages through Wagtail groups (setup.py); these are the model
        # permissions the back office asks about besides pages.
        media = {
            "wagtailadmin.access_admin",
            "wagtailimages.add_image",
            "wagtailimages.change_image",
            "wagtailimages.choose_image",
            "wagtaildocs.add_document",
            "wagtaildocs.change_document",
            "wagtaildocs.choose_document",
        }
        extend_role(Role.PORTAL_EDITOR, {*media, "portal.view_dailypagestats"})
        extend_role(Role.PORTAL_APPROVER, {*media, "portal.view_dailypagestats"})
        extend_role(Role.BOARD_LEADER, {"portal.view_dailypagestats"})
        extend_role(Role.READONLY_LEADER, {"portal.view_dailypagestats"})
        # After every migrate (and every test-database flush): the portal's home page is
        # the site root, and its groups and workflow exist.
        post_migrate.connect(ensure_portal, sender=self, dispatch_uid="portal-setup")
