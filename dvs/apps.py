from django.apps import AppConfig


class DvsConfig(AppConfig):
    name = "dvs"
    verbose_name = "Dân Vận Số"

    def ready(self):
        from dvs.lib.spreadsheet import make_wagtail_exports_safe

        make_wagtail_exports_safe()
