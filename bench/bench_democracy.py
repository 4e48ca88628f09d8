"""Grassroots democracy at scale: BENCH_DEMOCRACY_WARDS wards (default 100) of 10
neighbourhoods with BENCH_DEMOCRACY_HOUSEHOLDS households each (default 200: 200,000
households) and 5 matters decided per neighbourhood (5,000 matters), a consultation with
opinions, 20 disclosures and an inspection board per ward (dvs/democracy/scale.py).

Measured: freezing the roll of a whole ward (2,000 households, `open_matter`, rolled back
after each run), through the whole Django stack with a bearer token the Board's list of
matters, a matter's detail and tallies (a roll of 200), the threshold calculator, the
disclosures that are late, and the public consultation page; and the review's "Thực hiện
dân chủ ở cơ sở" tables for the city.

Its own database: SQLite `var/bench_democracy.sqlite3`; with DATABASE_URL set, the
database `dvs_bench_democracy` on the same server (created when missing).

Target (shared/design/PERFORMANCE.md): lists and statistics p95 < 200 ms; a write < 500 ms.
"""

import datetime
import json
import os
import sys
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).parent))
ROOT = Path(__file__).resolve().parent.parent
DATABASE = "dvs_bench_democracy"
os.environ["SQLITE_PATH"] = str(ROOT / "var" / "bench_democracy.sqlite3")
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
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import APIToken  # noqa: E402

from dvs.accounts.models import RoleAssignment, User  # noqa: E402
from dvs.accounts.roles import Role  # noqa: E402
from dvs.democracy import report_indicators, scale  # noqa: E402
from dvs.democracy.actions import matters  # noqa: E402
from dvs.democracy.models import Consultation, Item, Matter, RollEntry  # noqa: E402
from dvs.people.models import Household  # noqa: E402
from dvs.units.models import Unit  # noqa: E402

WARDS = int(os.environ.get("BENCH_DEMOCRACY_WARDS", 100))
HOUSEHOLDS = int(os.environ.get("BENCH_DEMOCRACY_HOUSEHOLDS", 200))
RUNS = int(os.environ.get("BENCH_DEMOCRACY_RUNS", 30))
call_command("migrate", verbosity=0)
today = timezone.localdate()
if not Unit.objects.filter(code=scale.CITY).exists():
    print(f"generating {WARDS} wards × 10 neighbourhoods × {HOUSEHOLDS} households ...", flush=True)
    with transaction.atomic():
        scale.seed(wards=WARDS, households=HOUSEHOLDS, per_neighbourhood=5)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
city = Unit.objects.get(code=scale.CITY)
ward = Unit.objects.get(code="DW0007")
print(
    f"households: {Household.objects.count()}  matters: {Matter.objects.count()}  "
    f"roll entries: {RollEntry.objects.count()}  database: {connection.vendor}"
)


def officer(username, role, unit):
    user, _ = User.objects.get_or_create(username=username)
    RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
    return user


board = officer("bench_democracy_board", Role.BOARD_LEADER, city)
ward_officer = officer("bench_democracy_ward", Role.WARD_BLOC_OFFICER, ward)


class Rollback(Exception):
    pass


def freeze_ward_roll():
    def run():
        try:
            with transaction.atomic():
                by = User.objects.get(pk=ward_officer.pk)
                matter = matters.create_matter(
                    by, unit=ward, title="Việc toàn phường", item=Item.OTHER
                )
                matters.open_matter(matter, by, today)
                assert matter.roll.count() == 10 * HOUSEHOLDS
                raise Rollback
        except Rollback:
            pass

    return run


def review():
    period = SimpleNamespace(start=datetime.date(today.year, 1, 1), end=today)

    def run():
        report_indicators.review_tables(period, city)

    return run


token = APIToken.create_token(user=board, name="bench")[1]
client = Client(HTTP_HOST="localhost")
AUTH = {"Authorization": f"Bearer {token}"}


def api_get(path):
    def run():
        response = client.get(path, headers=AUTH, secure=True)
        assert response.status_code == 200, (path, response.status_code)

    return run


def api_post(path, body):
    def run():
        response = client.post(
            path, json.dumps(body), content_type="application/json", headers=AUTH, secure=True
        )
        assert response.status_code == 200, (path, response.status_code, response.content)

    return run


def page(path):
    public = Client(HTTP_HOST="localhost")

    def run():
        response = public.get(path, secure=True)
        assert response.status_code == 200, (path, response.status_code)

    return run


with_roll = RollEntry.objects.values_list("matter_id", flat=True).first()
consultation = Consultation.objects.filter(unit=ward).first()
Consultation.objects.filter(pk=consultation.pk).update(
    status=Consultation.Status.OPEN,
    published_on=today - datetime.timedelta(days=2),
    closes_on=today + datetime.timedelta(days=20),
    on_portal=True,
)

results = []


def measure(label, run, runs=RUNS):
    results.append((label, summary(label, timings(run, runs=runs))))


measure(f"freeze a ward's roll ({10 * HOUSEHOLDS} households), write", freeze_ward_roll(), 10)
measure(f"API matters, the Board, {WARDS} wards (first page)", api_get("/api/v1/democracy/matters"))
measure("API a matter's detail", api_get(f"/api/v1/democracy/matters/{with_roll}"))
measure(
    f"API a matter's tallies (roll of {HOUSEHOLDS})",
    api_get(f"/api/v1/democracy/matters/{with_roll}/tallies"),
)
measure(
    "API threshold calculator",
    api_post(
        "/api/v1/democracy/matters/evaluate",
        {"item": 1, "households": 180, "present": 85, "form": "meeting"},
    ),
)
measure("API disclosures, late, the Board", api_get("/api/v1/democracy/disclosures?late=true"))
measure("public consultation page", page(f"/lay-y-kien/{consultation.pk}/"))
measure("review tables 'Thực hiện dân chủ ở cơ sở', the city", review())

missed = [name for name, p95 in results if p95 >= (500 if "write" in name else 200)]
print("all within target" if not missed else f"over target: {', '.join(missed)}")
