"""People at scale: accent-insensitive name search and a sorted page of a ward's
residents over BENCH_PEOPLE residents (default 1,000,000), as the API and the back
office run them (scope filter, a page of 50 and the count, exact up to 10,000).

Targets (PERFORMANCE.md): search p95 < 50 ms; a ward's sorted page p95 < 100 ms.
"""

import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault(
    "SQLITE_PATH", str(Path(__file__).resolve().parent.parent / "var" / "bench.sqlite3")
)
from common import setup_django, summary, timings  # noqa: E402

setup_django()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from dvs.accounts import scope  # noqa: E402
from dvs.accounts.models import RoleAssignment, User  # noqa: E402
from dvs.accounts.roles import Role  # noqa: E402
from dvs.lib.fakenames import FAMILY, GIVEN_FEMALE, GIVEN_MALE, MIDDLE_MALE  # noqa: E402
from dvs.lib.paging import capped_count  # noqa: E402
from dvs.lib.vntext import fold  # noqa: E402
from dvs.people.models import Person  # noqa: E402
from dvs.units.models import Unit  # noqa: E402

TARGET = int(os.environ.get("BENCH_PEOPLE", 1_000_000))
call_command("migrate", verbosity=0)
have = Person.objects.count()
if have < TARGET:
    print(f"generating {TARGET - have} people ...")
    # seed_scale ends with ANALYZE: the planners need the new table statistics.
    call_command("seed_scale", "--people", str(TARGET - have), stdout=open(os.devnull, "w"))
print(f"people: {Person.objects.count()}  database: {connection.vendor}")


def officer(username, role, unit_code):
    user, _ = User.objects.get_or_create(username=username)
    RoleAssignment.objects.get_or_create(
        user=user, role=role, unit=Unit.objects.get(code=unit_code)
    )
    return user


city = officer("bench_city", Role.BOARD_LEADER, "SC")
ward = officer("bench_ward", Role.WARD_BLOC_OFFICER, "SW0100")
rng = random.Random(7)
queries = (
    [
        fold(f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_MALE)} {rng.choice(GIVEN_MALE)}")
        for _ in range(20)
    ]
    + [fold(rng.choice(GIVEN_MALE + GIVEN_FEMALE)) for _ in range(15)]
    + [fold(rng.choice(FAMILY)) for _ in range(10)]
    + ["nguyen van an", "dang thi", "tran", "an", "yen"]
)


def fresh(user):
    return User.objects.get(pk=user.pk)


def search(user):
    def run():
        query = rng.choice(queries)
        people = scope.scoped(fresh(user), Person).living().search(query)
        list(people.order_by("name_sort")[:50])
        capped_count(people)

    return run


def ward_page(user):
    ward_unit = Unit.objects.get(code="SW0100")
    pages = [0, 50, 100, 1000]

    def run():
        people = (
            scope.scoped(fresh(user), Person).living().filter(unit__path__startswith=ward_unit.path)
        )
        offset = rng.choice(pages)
        list(people.order_by("name_sort", "id")[offset : offset + 50])
        capped_count(people)

    return run


summary("name search, city leader (whole city), page + count", timings(search(city), runs=100))
summary("name search, ward officer, page + count", timings(search(ward), runs=100))
summary("ward residents sorted by name, page + count", timings(ward_page(ward), runs=100))


def city_page(user):
    def run():
        people = scope.scoped(fresh(user), Person).living()
        offset = rng.choice([0, 50, 1000])
        list(people.order_by("name_sort", "id")[offset : offset + 50])
        capped_count(people)

    return run


summary("city residents sorted by name, page + count", timings(city_page(city), runs=50))
