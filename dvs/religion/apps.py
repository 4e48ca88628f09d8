from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReligionConfig(AppConfig):
    name = "dvs.religion"
    label = "religion"
    verbose_name = _("Religious affairs")

    def ready(self):
        from . import permissions  # noqa: F401
