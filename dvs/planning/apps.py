from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "dvs.planning"
    label = "planning"
    verbose_name = _("Directives and tasks")

    def ready(self):
        from . import rules  # noqa: F401
