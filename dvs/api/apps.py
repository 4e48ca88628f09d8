from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "dvs.api"
    label = "api"
    verbose_name = "API"
