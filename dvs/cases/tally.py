"""Keeping `CaseTally` (the dashboard's narrow rows) equal to the cases.

A change of a case recounts the (bucket, month) rows it counts in: the month it was
received (its kind, channel, area and current status count there), accepted and
concluded. Each bucket is a few dozen cases, recounted from the rows in the same
transaction, so the tallies cannot drift. `rebuild()` recounts everything after a bulk
load (seed_scale) and runs daily as a safety net.
"""

from collections import Counter

from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from dvs.units.models import Level, Unit

from .models import Case, CaseTally
from .stats import (
    ACCEPTED,
    BREAKDOWNS,
    ON_TIME,
    RECEIVED,
    RESOLVED,
    buckets,
    counters,
    month_end,
    month_start,
)


def refresh(bucket, months):
    """Recount a bucket's rows for these months (their first days)."""
    cases = Case.objects.counted()
    if bucket.level == Level.COMMUNE:
        cases = cases.filter(
            unit_id__in=Unit.objects.filter(path__startswith=bucket.path).values("pk")
        )
    else:
        cases = cases.filter(unit=bucket)
    with transaction.atomic():
        CaseTally.objects.filter(unit=bucket, month__in=months).delete()
        CaseTally.objects.bulk_create(
            CaseTally(unit=bucket, month=month, key=key, count=n)
            for month in months
            for key, n in counters(cases, month, month_end(month)).items()
        )


def refresh_case(case):
    bucket_id = buckets({case.unit_id: case.unit.path})[case.unit_id]
    bucket = case.unit if bucket_id == case.unit_id else Unit.objects.get(pk=bucket_id)
    days = (case.received_on, case.accepted_on, case.concluded_on)
    refresh(bucket, sorted({month_start(day) for day in days if day}))


def rebuild():
    """Every bucket again, from grouped counts of all cases (a few seconds for 200,000)."""
    bucket_of = buckets(dict(Unit.objects.values_list("pk", "path")))
    counts = Counter()
    cases = Case.objects.counted()

    def add(queryset, field, key_of):
        rows = (
            queryset.annotate(month=TruncMonth(field))
            .values_list("unit_id", "month", *key_of.fields)
            .annotate(n=Count("pk"))
            .order_by()
        )
        for unit_id, month, *values, n in rows:
            counts[(bucket_of[unit_id], month, key_of(*values))] += n

    received = cases.filter(received_on__isnull=False)
    add(received, "received_on", _Key(lambda: RECEIVED))
    for name in BREAKDOWNS:
        add(received, "received_on", _Key(lambda value, name=name: f"{name}:{value}", name))
    add(cases.filter(accepted_on__isnull=False), "accepted_on", _Key(lambda: ACCEPTED))
    concluded = cases.filter(concluded_on__isnull=False)
    add(concluded, "concluded_on", _Key(lambda: RESOLVED))
    add(concluded.filter(Q(resolved_on_time=True)), "concluded_on", _Key(lambda: ON_TIME))
    with transaction.atomic():
        CaseTally.objects.all().delete()
        CaseTally.objects.bulk_create(
            (
                CaseTally(unit_id=bucket, month=month, key=key, count=n)
                for (bucket, month, key), n in counts.items()
            ),
            batch_size=5000,
        )
    return len(counts)


class _Key:
    """How a grouped row becomes a tally key: the grouped fields and the key function."""

    def __init__(self, make, *fields):
        self.make, self.fields = make, fields

    def __call__(self, *values):
        return self.make(*values)
