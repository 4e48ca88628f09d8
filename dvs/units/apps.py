from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "dvs.units"
    label = "units"
    verbose_name = _("Administrative units")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
