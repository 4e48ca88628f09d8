from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClearanceConfig(AppConfig):
    name = "dvs.clearance"
    label = "clearance"
    verbose_name = _("Land clearance advocacy")

    def ready(self):
        from . import permissions  # noqa: F401
