"""Land clearance figures at scale: BENCH_CLEARANCE_PARTIES affected parties (default
50,000) in BENCH_CLEARANCE_WARDS wards (default 200), one route through every ward and
nine through twenty wards each, with visits and obstacles (dvs/clearance/scale.py).

Its own database: SQLite `var/bench_clearance.sqlite3`; with DATABASE_URL set, the
database `dvs_bench_clearance` on the same server (created when missing).

Target (docs/performance.md): the route roll-up, the city summary and the figures
page p95 < 200 ms.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).parent))
ROOT = Path(__file__).resolve().parent.parent
DATABASE = "dvs_bench_clearance"
os.environ["SQLITE_PATH"] = str(ROOT / "var" / "bench_clearance.sqlite3")
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
from django.test import RequestFactory  # noqa: E402

from dvs.accounts.models import RoleAssignment, User  # noqa: E402
from dvs.accounts.roles import Role  # noqa: E402
from dvs.clearance import figures, scale, stats  # noqa: E402
from dvs.clearance.models import AffectedParty, Project  # noqa: E402
from dvs.units.models import Unit  # noqa: E402

PARTIES = int(os.environ.get("BENCH_CLEARANCE_PARTIES", 50_000))
WARDS = int(os.environ.get("BENCH_CLEARANCE_WARDS", 200))
call_command("migrate", verbosity=0)
if not Project.objects.filter(code="GPMB-0000").exists():
    print(f"generating {PARTIES} parties in {WARDS} wards ...", flush=True)
    scale.seed(parties=PARTIES, wards=WARDS)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
route = Project.objects.get(code="GPMB-0000")
print(
    f"parties: {AffectedParty.objects.count()}  wards on the long route: "
    f"{route.segments.count()}  database: {connection.vendor}"
)


def officer(username, role, unit_code):
    user, _ = User.objects.get_or_create(username=username)
    RoleAssignment.objects.get_or_create(
        user=user, role=role, unit=Unit.objects.get(code=unit_code)
    )
    return user


def fresh(user):
    # A new request reads the user's role assignments again.
    return User.objects.get(pk=user.pk)


city_user = officer("bench_gpmb_city", Role.BOARD_LEADER, scale.CITY)
ward_user = officer("bench_gpmb_ward", Role.WARD_BLOC_OFFICER, "GW0007")
rollup = stats.route_rollup(route)
assert rollup.ward_count == WARDS, rollup.ward_count
assert rollup.total.affected == sum(r.figures.affected for r in rollup.wards)


def page(user, view, *args):
    factory = RequestFactory()

    def run():
        request = factory.get("/admin/clearance/figures/")
        request.user = fresh(user)
        request.session = {}
        view(request, *args).render()

    return run


summary(f"route roll-up, {WARDS} wards", timings(lambda: stats.route_rollup(route)))
summary(
    f"route roll-up as of a date, {WARDS} wards",
    timings(lambda: stats.route_rollup(route, as_of=route.created_at.date())),
)
summary(
    "city summary, city leader (every project)",
    timings(lambda: stats.visible_summary(fresh(city_user))),
)
summary(
    "figures page of the long route, city leader",
    timings(page(city_user, figures.project, route.code)),
)
summary(
    "figures page of the long route, ward officer",
    timings(page(ward_user, figures.project, route.code)),
)
summary("city figures page, city leader", timings(page(city_user, figures.city)))
