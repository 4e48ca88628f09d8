from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "dvs.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from . import checks, signals  # noqa: F401


class WagtailUsersConfig(WagtailUsersAppConfig):
    user_viewset = "dvs.accounts.viewsets.UserViewSet"
