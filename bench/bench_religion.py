"""Religious affairs at scale: BENCH_RELIGION_WARDS wards (default 200) with
BENCH_RELIGION_PER_WARD establishments and dignitaries each (default 50) and twice as many
filings (dvs/religion/scale.py: 10,000 establishments, 10,000 dignitaries, 20,000
filings, about 1,700 of them overdue, by default).

Measured: the overdue filings list (the city's Board: first page of 50, its count and the
count per ward; a ward officer: the ward's list), the figures table of the city (each
measure computed and suppressed, stats.compute + stats.present; stats.table with the
scope check when part D's is installed), the review's "Công tác tôn giáo" tables, and,
through the whole Django stack with a bearer token, the API's stats and overdue filings
(`/api/v1/religion/stats`, `/api/v1/religion/filings?overdue=true`) when they are mounted.

Its own database: SQLite `var/bench_religion.sqlite3`; with DATABASE_URL set, the
database `dvs_bench_religion` on the same server (created when missing).

Target (shared/design/PERFORMANCE.md): lists and statistics p95 < 200 ms.
"""

import datetime
import os
import sys
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).parent))
ROOT = Path(__file__).resolve().parent.parent
DATABASE = "dvs_bench_religion"
os.environ["SQLITE_PATH"] = str(ROOT / "var" / "bench_religion.sqlite3")
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
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import APIToken  # noqa: E402

from dvs.accounts import scope  # noqa: E402
from dvs.accounts.models import RoleAssignment, User  # noqa: E402
from dvs.accounts.roles import Role  # noqa: E402
from dvs.religion import report_indicators, scale, stats  # noqa: E402
from dvs.religion.models import Establishment, Filing  # noqa: E402
from dvs.units.models import Unit  # noqa: E402

WARDS = int(os.environ.get("BENCH_RELIGION_WARDS", 200))
PER_WARD = int(os.environ.get("BENCH_RELIGION_PER_WARD", 50))
RUNS = int(os.environ.get("BENCH_RELIGION_RUNS", 50))
call_command("migrate", verbosity=0)
today = timezone.localdate()
if not Unit.objects.filter(code=scale.CITY).exists():
    print(f"generating {WARDS} wards × {PER_WARD} establishments ...", flush=True)
    scale.seed(wards=WARDS, per_ward=PER_WARD)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
city = Unit.objects.get(code=scale.CITY)
ward = Unit.objects.get(code="RW0007")
print(
    f"establishments: {Establishment.objects.count()}  filings: {Filing.objects.count()}  "
    f"overdue: {Filing.objects.overdue(today).count()}  database: {connection.vendor}"
)


def officer(username, role, unit):
    user, _ = User.objects.get_or_create(username=username)
    RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
    return user


def fresh(user):
    # A new request reads the user's role assignments again.
    return User.objects.get(pk=user.pk)


board = officer("bench_religion_board", Role.BOARD_LEADER, city)
ward_officer = officer("bench_religion_ward", Role.WARD_BLOC_OFFICER, ward)


def overdue_list(user, per_ward=False):
    def run():
        filings = (
            scope.scoped(fresh(user), Filing)
            .overdue(today)
            .select_related("unit", "establishment", "group")
            .order_by("reply_due_on", "pk")
        )
        list(filings[:50])
        filings.count()
        if per_ward:
            # The Board's count per ward (the "provincial count of overdue filings").
            dict(
                filings.order_by()
                .values_list("unit__path")
                .annotate(n=Count("pk"))
                .values_list("unit__path", "n")
            )

    return run


def figures_table(measure):
    def run():
        stats.present(stats.compute(city, measure, today), exact=False)

    return run


def scoped_table(measure):
    def run():
        stats.table(fresh(board), city, measure, as_of=today)

    return run


def review():
    period = SimpleNamespace(start=datetime.date(today.year, 1, 1), end=today)

    def run():
        report_indicators.review_tables(period, city)

    return run


def api(path, user):
    """A run through the whole stack, and the status of a first call (404 when the
    route is not mounted yet)."""
    client = Client(HTTP_HOST="localhost")
    token = APIToken.create_token(user=user, name="bench")[1]

    def run():
        response = client.get(path, headers={"Authorization": f"Bearer {token}"}, secure=True)
        assert response.status_code == 200, (path, response.status_code)

    return run, client.get(
        path, headers={"Authorization": f"Bearer {token}"}, secure=True
    ).status_code


results = []


def measure(label, run):
    results.append((label, summary(label, timings(run, runs=RUNS))))


measure(
    f"overdue filings, the Board, {WARDS} wards (page, count, per ward)", overdue_list(board, True)
)
measure("overdue filings, a ward officer", overdue_list(ward_officer))
for code in stats.MEASURES:
    measure(f"figures table of the city, {code} ({WARDS} wards)", figures_table(code))
if callable(getattr(stats, "table", None)):
    measure("figures table with the scope check, followers", scoped_table("followers"))
measure("review tables 'Công tác tôn giáo', the city", review())
for label, path in (
    (
        "API stats, followers, the city",
        f"/api/v1/religion/stats?unit={scale.CITY}&measure=followers",
    ),
    ("API overdue filings, the Board", "/api/v1/religion/filings?overdue=true"),
):
    run, status = api(path, board)
    if status == 200:
        measure(label, run)
    else:
        print(f"{label:<55} not measured: {path} answers {status} (not mounted yet)")

missed = [name for name, p95 in results if p95 >= 200]
print("all p95 < 200 ms" if not missed else f"p95 >= 200 ms: {', '.join(missed)}")
