from django.core.management.base import BaseCommand

from dvs.cases import tally


class Command(BaseCommand):
    help = "Recount the dashboard's case tallies from the cases (after a bulk load)."

    def handle(self, *args, **options):
        rows = tally.rebuild()
        self.stdout.write(f"{rows} tally rows")
