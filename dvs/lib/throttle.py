"""Counters for rate limits that hold across web workers, processes and restarts.

They live in the database (dvs.models.Throttle), not in the cache: without REDIS_URL the
cache is local memory, one per process, and each worker would count on its own. Each
counter is a fixed window: it starts at the first hit and is reset when it expires.

hit() reserves an attempt *before* the work it limits, so parallel requests are counted
exactly: the increment is one UPDATE … SET count = count + 1 in a transaction, which
PostgreSQL serialises on the row and SQLite on the database.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from dvs.models import Throttle


def hit(key, *, window):
    """Count one attempt under `key` and return the count in the current window."""
    now = timezone.now()
    expires_at = now + timedelta(seconds=window)
    with transaction.atomic():
        row, created = Throttle.objects.get_or_create(
            key=key, defaults={"count": 1, "expires_at": expires_at}
        )
        if created:
            return 1
        Throttle.objects.filter(pk=row.pk, expires_at__lte=now).update(
            count=0, expires_at=expires_at
        )
        Throttle.objects.filter(pk=row.pk).update(count=F("count") + 1)
        return Throttle.objects.values_list("count", flat=True).get(pk=row.pk)


def count(key):
    """The attempts counted under `key` in its current window (0 once it expired)."""
    row = Throttle.objects.filter(key=key, expires_at__gt=timezone.now()).first()
    return row.count if row else 0


def give_back(key):
    """Return one attempt reserved by hit() (the attempt turned out not to count)."""
    Throttle.objects.filter(key=key, count__gt=0).update(count=F("count") - 1)


def reset(key):
    Throttle.objects.filter(key=key).delete()


def prune():
    """Delete expired counters (run hourly by dvs.tasks)."""
    return Throttle.objects.filter(expires_at__lte=timezone.now()).delete()[0]
