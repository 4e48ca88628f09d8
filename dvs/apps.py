from django.apps import AppConfig


class DvsConfig(AppConfig):
    name = "dvs"
    verbose_name = "Dân Vận Số"

    def ready(self):
        from dvs.lib import forms
        from dvs.lib.labels import translate_derived_labels
        from dvs.lib.permissions import translate_permission_names
        from dvs.lib.spreadsheet import make_wagtail_exports_safe

        make_wagtail_exports_safe()
        forms.use_for_model_forms()
        translate_permission_names()
        translate_derived_labels()
