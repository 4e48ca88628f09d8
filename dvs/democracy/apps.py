from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemocracyConfig(AppConfig):
    name = "dvs.democracy"
    label = "democracy"
    verbose_name = _("Grassroots democracy")

    def ready(self):
        from . import permissions  # noqa: F401
