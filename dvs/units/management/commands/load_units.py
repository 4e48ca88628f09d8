from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from dvs.units.loaders import load_province


class Command(BaseCommand):
    help = (
        "Load a province and its communes/wards (post-2025 two-tier structure) from the "
        "vietnam-provinces package, e.g. `load_units 24` for Bắc Ninh. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("province_code", type=int)

    def handle(self, *args, province_code, **options):
        try:
            with transaction.atomic():
                province, created = load_province(province_code)
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{province.name}: {created} units created, "
            f"{province.get_descendant_count()} communes/wards in all."
        )
