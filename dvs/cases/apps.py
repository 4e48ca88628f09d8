from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "dvs.cases"
    label = "cases"
    verbose_name = _("Petitions and citizen reception")

    def ready(self):
        from . import rules  # noqa: F401
