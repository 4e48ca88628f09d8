from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "dvs.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from . import checks, signals  # noqa: F401
