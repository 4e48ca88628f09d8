"""Scope filter cost over a large unit tree: a ward officer's and a city leader's
scoped unit list (first page and count), against the same query without scope.

Data: a scale city of 1,000 wards × 20 neighbourhoods (21,000 units), created once in
its own benchmark database (`var/bench_scope.sqlite3` unless DATABASE_URL is set: the
residents' benchmark makes a 200-ward city in `var/bench.sqlite3`, which has no ward
SW0500).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault(
    "SQLITE_PATH", str(Path(__file__).resolve().parent.parent / "var" / "bench_scope.sqlite3")
)
from common import setup_django, summary, timings  # noqa: E402

setup_django()

from django.core.management import call_command  # noqa: E402

from dvs.accounts import scope  # noqa: E402
from dvs.accounts.models import RoleAssignment, User  # noqa: E402
from dvs.accounts.roles import Role  # noqa: E402
from dvs.units.models import Unit  # noqa: E402

call_command("migrate", verbosity=0)
if not Unit.objects.filter(code="SC").exists():
    call_command(
        "seed_scale", "--wards", "1000", "--neighbourhoods", "20", stdout=open(os.devnull, "w")
    )


def officer(username, role, unit_code):
    user, _ = User.objects.get_or_create(username=username)
    RoleAssignment.objects.get_or_create(
        user=user, role=role, unit=Unit.objects.get(code=unit_code)
    )
    return User.objects.get(pk=user.pk)


ward = officer("bench_ward", Role.WARD_BLOC_OFFICER, "SW0500")
city = officer("bench_city", Role.BOARD_LEADER, "SC")
print(f"units: {Unit.objects.count()}  database: {Unit.objects.db}")


def page(queryset):
    return lambda: (list(queryset.order_by("path")[:50]), queryset.count())


def fresh(user):
    return User.objects.get(pk=user.pk)  # grants are cached per request: re-read them


summary("unscoped: first page + count", timings(page(Unit.objects.all())))
summary(
    "ward officer: scoped first page + count",
    timings(lambda: page(scope.scoped(fresh(ward), Unit))()),
)
summary(
    "city leader: scoped first page + count",
    timings(lambda: page(scope.scoped(fresh(city), Unit))()),
)
