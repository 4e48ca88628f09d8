from django.core.management.base import BaseCommand, CommandError

from dvs.reports import review
from dvs.reports.models import PeriodKind, ReportPeriod
from dvs.units.models import Unit


class Command(BaseCommand):
    help = (
        "Print the section headings and first sentences of a unit's review report for a "
        "period, as it would be generated now (with the compiler's edits). Without "
        "--period: the latest six-month period ending in June."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period", type=int, help="the report period's id")
        parser.add_argument("--unit", help="the unit's code (default: the period's unit)")

    def handle(self, *args, **options):
        periods = ReportPeriod.objects.select_related("unit", "template")
        if options["period"]:
            period = periods.filter(pk=options["period"]).first()
        else:
            period = (
                periods.filter(kind=PeriodKind.SIX_MONTHS, end__month=6).order_by("-end").first()
            )
        if period is None:
            raise CommandError("No such report period.")
        unit = period.unit
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"No unit with code {options['unit']}.")
        self.stdout.write(f"{period.name} — {unit.name} (period {period.pk}, unit {unit.code})")
        for heading, sentence in review.outline(period, unit):
            self.stdout.write(heading)
            if sentence:
                self.stdout.write(f"    {sentence}")
