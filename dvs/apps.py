from django.apps import AppConfig


class DvsConfig(AppConfig):
    name = "dvs"
    verbose_name = "Dân Vận Số"
