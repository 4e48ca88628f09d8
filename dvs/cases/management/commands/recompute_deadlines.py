from django.core.management.base import BaseCommand

from dvs.cases import workflow
from dvs.cases.models import Case, Status

# Cases whose deadlines still run: their stored dates must follow the calendar.
RUNNING = (Status.RECEIVED, Status.ACCEPTED, Status.SUSPENDED)
BATCH = 500


class Command(BaseCommand):
    help = (
        "Recompute the stored deadlines of running cases (received, accepted, suspended), "
        "after a holiday decision was entered or a rule default changed."
    )

    def handle(self, *args, **options):
        cases = (
            Case.objects.filter(status__in=RUNNING)
            .prefetch_related("extensions", "suspensions")
            .order_by("pk")
        )
        changed, batch = 0, []
        for case in cases.iterator(chunk_size=BATCH):
            before = (case.rules, case.accept_by, case.resolve_by)
            workflow.refresh_deadlines(case)
            if (case.rules, case.accept_by, case.resolve_by) != before:
                batch.append(case)
            if len(batch) >= BATCH:
                changed += self._save(batch)
        changed += self._save(batch)
        self.stdout.write(f"{changed} cases with new deadlines")

    def _save(self, batch):
        # Derived fields only: no step, no audit entry.
        Case.objects.bulk_update(batch, ["rules", "accept_by", "resolve_by"])
        count = len(batch)
        batch.clear()
        return count
