from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "dvs.workdays"
    label = "workdays"
    verbose_name = _("Working days and public holidays")

    def ready(self):
        from . import signals  # noqa: F401  (clears the calendar cache when decisions change)
