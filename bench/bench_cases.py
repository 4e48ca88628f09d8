"""Cases at scale: the case list with filters, as the back office (CaseFilterSet over the
scoped queryset) and the API (`GET /api/v1/cases`) run it, and the dashboard
(`stats.summary` + `stats.by_child_unit`), over BENCH_CASES cases (default 200,000) in
the scale city. Own databases: var/bench_cases.sqlite3, or DATABASE_URL (for example
postgres://postgres@127.0.0.1:5432/dvs_bench_cases).

Target (PERFORMANCE.md): p95 < 200 ms for every list and for the dashboard.
"""

import datetime
import os
import random
import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault(
    "SQLITE_PATH", str(Path(__file__).resolve().parent.parent / "var" / "bench_cases.sqlite3")
)
from common import setup_django, summary, timings  # noqa: E402

setup_django()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from dvs.accounts import scope  # noqa: E402
from dvs.accounts.models import RoleAssignment, User  # noqa: E402
from dvs.accounts.roles import Role  # noqa: E402
from dvs.api.routers.cases import list_cases  # noqa: E402
from dvs.cases import stats  # noqa: E402
from dvs.cases.models import Case  # noqa: E402
from dvs.cases.wagtail_hooks import CaseFilterSet  # noqa: E402
from dvs.lib.paging import capped_count  # noqa: E402
from dvs.units.models import Level, Unit  # noqa: E402

TARGET = int(os.environ.get("BENCH_CASES", 200_000))
RUNS = int(os.environ.get("BENCH_RUNS", 100))
call_command("migrate", verbosity=0)
have = (
    Case.objects.filter(unit__path__startswith=Unit.objects.get(code="SC").path).count()
    if (Unit.objects.filter(code="SC").exists())
    else 0
)
if have < TARGET:
    print(f"generating {TARGET - have} cases ...")
    # seed_scale makes the scale city (200 wards × 25 neighbourhoods) if it is missing,
    # and ends with ANALYZE.
    call_command("seed_scale", "--cases", str(TARGET - have), stdout=open(os.devnull, "w"))
print(f"cases: {Case.objects.count()}  database: {connection.vendor}")


def officer(username, role, unit_code):
    user, _ = User.objects.get_or_create(username=username)
    RoleAssignment.objects.get_or_create(
        user=user, role=role, unit=Unit.objects.get(code=unit_code)
    )
    return user


city_unit = Unit.objects.get(code="SC")
ward_unit = Unit.objects.get(code="SW0100")
city = officer("bench_city", Role.BOARD_LEADER, "SC")
ward = officer("bench_ward", Role.WARD_BLOC_OFFICER, "SW0100")
today = timezone.localdate()
rng = random.Random(11)
some_wards = list(
    Unit.objects.filter(level=Level.COMMUNE, path__startswith=city_unit.path)
    .order_by("path")
    .values_list("pk", "code")[::20]
)
neighbourhoods = list(ward_unit.get_children().values_list("pk", "code"))
since = (today - datetime.timedelta(days=90)).isoformat()

# (label, back-office filter data, API arguments); unit filters are chosen per user.
FILTERS = [
    ("no filter", {}, {}),
    ("unit", "unit", "unit"),
    ("kind=complaint", {"kind": "complaint"}, {"kind": "complaint"}),
    ("status=accepted", {"status": "accepted"}, {"status": "accepted"}),
    ("overdue=true", {"overdue": "true"}, {"overdue": True}),
    (
        "received in the last 90 days",
        {"received_on_after": since, "received_on_before": today.isoformat()},
        {"received_from": datetime.date.fromisoformat(since), "received_to": today},
    ),
    (
        "kind=denunciation, status=received, unit",
        {"kind": "denunciation", "status": "received", "unit": "unit"},
        {"kind": "denunciation", "status": "received", "unit": "unit"},
    ),
]


def fresh(user):
    return User.objects.get(pk=user.pk)


def units_for(user):
    return some_wards if user is city else neighbourhoods


def with_unit(data, user, key):
    """Replace the "unit" placeholder with a unit in the user's scope (pk or code)."""
    if data == "unit":
        data = {"unit": "unit"}
    data = dict(data)
    if data.get("unit") == "unit":
        pk, code = rng.choice(units_for(user))
        data["unit"] = pk if key == "pk" else code
    return data


def admin_list(user, data):
    def run():
        request = SimpleNamespace(user=fresh(user))
        base = (
            scope.scoped(request.user, Case)
            .select_related("unit", "subject_area")
            .prefetch_related("petitioners")
        )
        filters = CaseFilterSet(with_unit(data, user, "pk"), queryset=base, request=request)
        cases = filters.qs.order_by("-received_on")
        list(cases[:50])
        capped_count(cases)

    return run


def api_list(user, arguments):
    view = list_cases.__wrapped__  # the router's function without its paginator

    def run():
        request = SimpleNamespace(user=fresh(user))
        shown = view(request, **with_unit(arguments, user, "code"))
        shown[0:50]
        capped_count(shown)

    return run


def dashboard(user, unit, start=None, end=None, charts=False):
    """This year (the open cases now, by their status), or a past period (counted as of
    its last day from the dates on the cases: issue 12's "as of the period's end").
    `charts`: also what the page's charts add (received by month, this period and as many
    months before it; the other charts reuse the figures)."""
    start = start or datetime.date(today.year, 1, 1)
    end = end or today

    def run():
        user_now = fresh(user)
        area = stats.Area(user_now, unit)
        stats.summary(area, start, end, today=today)
        stats.by_child_unit(area, start, end, today=today)
        if charts:
            stats.received_by_month_compared(area, start, end, today=today)

    return run


results = []
# BENCH_DASHBOARD_ONLY=1: the dashboard rows only (the lists take most of the run).
lists = not os.environ.get("BENCH_DASHBOARD_ONLY")
for who, user in (("city leader", city), ("ward officer", ward)) if lists else ():
    for label, data, arguments in FILTERS:
        for form, run in (("admin", admin_list(user, data)), ("API", api_list(user, arguments))):
            name = f"list {form}, {who}, {label}"
            results.append((name, summary(name, timings(run, runs=RUNS))))
last_year = today.year - 1
first_half = (datetime.date(last_year, 1, 1), datetime.date(last_year, 6, 30))
for name, user, unit, period in (
    ("dashboard, city leader, the city, this year", city, city_unit, ()),
    ("dashboard, ward officer, the ward, this year", ward, ward_unit, ()),
    (f"dashboard, city leader, the city, first half {last_year}", city, city_unit, first_half),
    (f"dashboard, ward officer, the ward, first half {last_year}", ward, ward_unit, first_half),
):
    run = dashboard(user, unit, *period)
    results.append((name, summary(name, timings(run, runs=RUNS))))
for name, user, unit, period in (
    ("dashboard with its charts, city leader, the city, this year", city, city_unit, ()),
    ("dashboard with its charts, ward officer, the ward, this year", ward, ward_unit, ()),
    (
        f"dashboard with its charts, city leader, first half {last_year}",
        city,
        city_unit,
        first_half,
    ),
):
    run = dashboard(user, unit, *period, charts=True)
    results.append((name, summary(name, timings(run, runs=RUNS))))

missed = [name for name, p95 in results if p95 >= 200]
print("all p95 < 200 ms" if not missed else f"p95 >= 200 ms: {', '.join(missed)}")
