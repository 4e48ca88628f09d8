"""Bulk residents for benchmarks: `seed_scale --people N` spreads N people over the
neighbourhoods of the scale city (made with --wards, or 200 × 25 if there are none)."""

import datetime
import random

from dvs.lib.fakenames import FAMILY, GIVEN_FEMALE, GIVEN_MALE, MIDDLE_FEMALE, MIDDLE_MALE
from dvs.lib.vntext import fold, name_sort_key
from dvs.units import scale as unit_scale
from dvs.units.models import Level, Unit

from .models import Person, Sex

BATCH = 5000


def add_arguments(parser):
    parser.add_argument("--people", type=int, default=0, help="residents to generate")


def generate(options, stdout):
    total = options["people"]
    if not total:
        return
    city = Unit.objects.filter(code="SC").first()
    if city is None:
        unit_scale.generate({"wards": 200, "neighbourhoods": 25}, stdout)
        city = Unit.objects.get(code="SC")
    neighbourhoods = list(
        Unit.objects.subtree_of(city).filter(level=Level.NEIGHBOURHOOD).values_list("id", flat=True)
    )
    rng = random.Random(42)
    keys = {}
    batch = []
    for number in range(total):
        male = rng.random() < 0.49
        name = " ".join(
            (
                rng.choice(FAMILY),
                rng.choice(MIDDLE_MALE if male else MIDDLE_FEMALE),
                rng.choice(GIVEN_MALE if male else GIVEN_FEMALE),
            )
        )
        if name not in keys:
            folded = fold(name).split()
            keys[name] = (
                name_sort_key(name),
                " ".join(folded),
                " ".join([folded[-1], *folded[1:-1], folded[0]]),
            )
        sort, search, given = keys[name]
        year = rng.randint(1930, 2024)
        batch.append(
            Person(
                unit_id=neighbourhoods[number % len(neighbourhoods)],
                full_name=name,
                sex=Sex.MALE if male else Sex.FEMALE,
                birth_year=year,
                birth_date=datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                name_sort=sort,
                search_key=search,
                given_key=given,
                family_key=search.split()[0],
            )
        )
        if len(batch) == BATCH:
            Person.objects.bulk_create(batch)
            batch = []
    Person.objects.bulk_create(batch)
    stdout.write(f"  people: {total}")
