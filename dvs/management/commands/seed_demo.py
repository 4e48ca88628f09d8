from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from dvs.units.models import Unit


class Command(BaseCommand):
    help = "Load the demo city: every dvs app's demo.load(), in INSTALLED_APPS order."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if units already exist."
        )

    def handle(self, *args, if_empty=False, **options):
        if Unit.objects.exists():
            if if_empty:
                self.stdout.write("Dữ liệu mẫu đã có sẵn: giữ nguyên cơ sở dữ liệu.")
                return
            self.stderr.write("Cơ sở dữ liệu đã có dữ liệu; chỉ nạp dữ liệu mẫu vào CSDL trống.")
            return
        with transaction.atomic():
            for config in apps.get_app_configs():
                if not config.name.startswith("dvs."):
                    continue
                try:
                    demo = import_module(f"{config.name}.demo")
                except ModuleNotFoundError:
                    continue
                self.stdout.write(f"{config.label}:")
                demo.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu thành phố mẫu."))
