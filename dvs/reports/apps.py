from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "dvs.reports"
    label = "reports"
    verbose_name = _("Periodic reports")

    def ready(self):
        from . import permissions  # noqa: F401
