"""Exemplar statistics at scale: BENCH_EXEMPLARS exemplars (default 50,000) with their
indicator values, score sheets and one replica in ten, as the API and the back office
compute them (scope filter included).

Its own database, so it never touches the residents' benchmark data:
SQLite `var/bench_exemplars.sqlite3`; with DATABASE_URL set, the database
`dvs_bench_exemplars` on the same server (created when missing).

Target (PERFORMANCE.md): exemplar statistics p95 < 200 ms.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).parent))
ROOT = Path(__file__).resolve().parent.parent
DATABASE = "dvs_bench_exemplars"
os.environ["SQLITE_PATH"] = str(ROOT / "var" / "bench_exemplars.sqlite3")
if os.environ.get("DATABASE_URL"):
    url = urlsplit(os.environ["DATABASE_URL"])
    os.environ["DATABASE_URL"] = urlunsplit(url._replace(path=f"/{DATABASE}"))
    import psycopg

    with psycopg.connect(urlunsplit(url._replace(path="/postgres")), autocommit=True) as pg:
        if not pg.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone():
            pg.execute(f'CREATE DATABASE "{DATABASE}"')

from common import setup_django, summary, timings  # noqa: E402

setup_django()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from dvs.accounts.models import RoleAssignment, User  # noqa: E402
from dvs.accounts.roles import Role  # noqa: E402
from dvs.emulation import stats  # noqa: E402
from dvs.emulation.models import Exemplar  # noqa: E402
from dvs.units.models import Unit  # noqa: E402

TARGET = int(os.environ.get("BENCH_EXEMPLARS", 50_000))
call_command("migrate", verbosity=0)
have = Exemplar.objects.count()
if have < TARGET:
    print(f"generating {TARGET - have} exemplars ...")
    call_command("seed_scale", "--exemplars", str(TARGET - have), stdout=open(os.devnull, "w"))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
print(f"exemplars: {Exemplar.objects.count()}  database: {connection.vendor}")


def officer(username, role, unit_code):
    user, _ = User.objects.get_or_create(username=username)
    RoleAssignment.objects.get_or_create(
        user=user, role=role, unit=Unit.objects.get(code=unit_code)
    )
    return user


def fresh(user):
    # A new request reads the user's role assignments again.
    return User.objects.get(pk=user.pk)


city_user = officer("bench_city", Role.BOARD_LEADER, "SC")
ward_user = officer("bench_ward", Role.WARD_BLOC_OFFICER, "SW0100")
city = Unit.objects.get(code="SC")
ward = Unit.objects.get(code="SW0100")


def api_stats(user, **filters):
    def run():
        stats.counts(stats.exemplars_for(fresh(user), **filters))

    return run


def screen(user, unit, year=None):
    def run():
        stats.report(fresh(user), unit=unit, year=year)

    return run


total = stats.counts(stats.exemplars_for(city_user))["total"]
listed = stats.exemplars_for(city_user).count()
assert total == listed, (total, listed)

summary("API stats, city leader, all years", timings(api_stats(city_user)))
summary("API stats, city leader, one year", timings(api_stats(city_user, year=2024)))
summary(
    "API stats, city leader, a ward and a year", timings(api_stats(city_user, unit=ward, year=2024))
)
summary("API stats, ward officer", timings(api_stats(ward_user)))
summary("statistics screen, city, all years (every figure)", timings(screen(city_user, city)))
summary("statistics screen, city, one year (every figure)", timings(screen(city_user, city, 2024)))
summary("statistics screen, ward officer", timings(screen(ward_user, ward, 2024)))
