from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from dvs.tasks import refresh_statistics


def _scale_modules():
    for config in apps.get_app_configs():
        if config.name.startswith("dvs."):
            try:
                yield import_module(f"{config.name}.scale")
            except ModuleNotFoundError:
                continue


class Command(BaseCommand):
    help = "Bulk-generate data for benchmarks; each dvs app's scale.py adds its options."

    def add_arguments(self, parser):
        for module in _scale_modules():
            module.add_arguments(parser)

    def handle(self, *args, **options):
        with transaction.atomic():
            for module in _scale_modules():
                module.generate(options, self.stdout)
        refresh_statistics()
