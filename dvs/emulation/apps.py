from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "dvs.emulation"
    label = "emulation"
    verbose_name = _("“Skilled Mass Mobilization” models")

    def ready(self):
        from . import signals  # noqa: F401
