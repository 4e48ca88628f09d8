"""Bulk data for the religious affairs benchmark (bench/bench_religion.py): a city of
`wards` wards, each with `per_ward` establishments, `per_ward` dignitaries, `2 × per_ward`
filings (about one in twelve overdue, the rest answered or not yet due) and follower
counts of six religions (some of them small cells).

Rows are written with bulk_create, each filing's clock set directly as clocks.refresh
would leave it under Law 02/2016 (no day-off roll-over: the benchmark measures reading,
not the calendar). Deterministic (a fixed seed).
"""

import datetime
import random

from django.utils import timezone

from dvs.units.models import Level, Unit

from .models import (
    BELIEF_KINDS,
    Dignitary,
    Establishment,
    EstablishmentKind,
    Filing,
    FilingKind,
    FollowerCount,
    Religion,
    RuleSet,
)

CITY = "RC"
BATCH = 5000
RELIGIONS = ("phat-giao", "cong-giao", "tin-lanh", "cao-dai", "phat-giao-hoa-hao", "hoi-giao")


def add_arguments(parser):
    """`manage.py seed_scale --religion-wards N [--religion-per-ward M]`."""
    parser.add_argument(
        "--religion-wards",
        type=int,
        default=0,
        help="wards of religious affairs to generate (in a city of their own)",
    )
    parser.add_argument(
        "--religion-per-ward",
        type=int,
        default=20,
        help="establishments and dignitaries per ward (twice as many filings)",
    )


def generate(options, stdout):
    wards = options.get("religion_wards") or 0
    if wards:
        per_ward = options.get("religion_per_ward") or 20
        seed(wards=wards, per_ward=per_ward)
        stdout.write(f"religion: {wards} wards × {per_ward} establishments")


def _units(wards):
    city = Unit.objects.filter(code=CITY).first()
    if city is None:
        province = Unit.add_root(code="RP", name="Tỉnh Thử Tôn giáo", level=Level.PROVINCE)
        city = province.add_child(code=CITY, name="Thành phố Thử Tôn giáo", level=Level.DISTRICT)
    have = {u.code: u for u in Unit.objects.filter(code__startswith="RW")}
    out = []
    for n in range(wards):
        code = f"RW{n:04d}"
        if code not in have:
            city = Unit.objects.get(pk=city.pk)
            have[code] = city.add_child(code=code, name=f"Phường Tôn giáo {n}", level=Level.COMMUNE)
        out.append(have[code])
    return Unit.objects.get(pk=city.pk), out


def seed(wards=200, per_ward=20, seed=15, today=None):
    """Create the city and its rows; returns the city."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    city, ward_units = _units(wards)
    religions = {r.code: r for r in Religion.objects.filter(code__in=RELIGIONS)}
    rule_set = RuleSet.objects.filter(code="TNTG2016").first()
    kinds = list(EstablishmentKind.values)
    establishments = []
    for ward in ward_units:
        for n in range(per_ward):
            kind = kinds[n % len(kinds)]
            religion = None if kind in BELIEF_KINDS else religions[RELIGIONS[n % 3]]
            name = f"Cơ sở {n} {ward.name}"
            establishments.append(
                Establishment(
                    unit=ward, name=name, name_key=name.lower(), kind=kind, religion=religion
                )
            )
    Establishment.objects.bulk_create(establishments, batch_size=BATCH)
    dignitaries = []
    for ward in ward_units:
        for n in range(per_ward):
            religion = religions[RELIGIONS[rng.choice((0, 0, 0, 1, 1, 2, 3))]]
            dignitaries.append(
                Dignitary(
                    unit=ward,
                    religion=religion,
                    birth_name=f"Chức sắc thử {n}",
                    name_key=f"chuc sac thu {n}",
                    is_dignitary=n % 3 == 0,
                    is_official=n % 3 == 1,
                    is_practitioner=n % 3 != 1,
                    status="active" if rng.random() < 0.9 else "retired",
                )
            )
    Dignitary.objects.bulk_create(dignitaries, batch_size=BATCH)
    Filing.objects.bulk_create(
        _filings(rng, ward_units, per_ward * 2, rule_set, today), batch_size=BATCH
    )
    counts = []
    for ward in ward_units:
        for code in RELIGIONS:
            count = rng.choice((0, 1, 2, 3, 4, 7, 40, 300, 2500))
            if count:
                counts.append(
                    FollowerCount(
                        unit=ward,
                        religion=religions[code],
                        count=count,
                        as_of=datetime.date(2025, 12, 31),
                        source="Số liệu thử",
                    )
                )
    # A second run adds establishments, dignitaries and filings; the counts stay.
    FollowerCount.objects.bulk_create(counts, batch_size=BATCH, ignore_conflicts=True)
    return city


def _filings(rng, wards, per_ward, rule_set, today):
    day = datetime.timedelta(days=1)
    for ward in wards:
        for n in range(per_ward):
            received = today - rng.randint(1, 500) * day
            kind = FilingKind.GROUP_REGISTRATION if n % 4 == 0 else FilingKind.BELIEF_REGISTRATION
            due = received + (20 if kind == FilingKind.GROUP_REGISTRATION else 15) * day
            answered = None
            if due >= today or rng.random() < 0.92:
                answered = received + rng.randint(3, 22) * day
                answered = answered if answered <= today else None
            yield Filing(
                unit=ward,
                kind=kind,
                submitted_by="Ban quản lý thử",
                subject=f"Hồ sơ thử {n}",
                received_on=received,
                activity_on=received + 40 * day,
                rule_set=rule_set,
                on_time=True,
                reply_due_on=due,
                replied_on=answered,
                outcome=Filing.Outcome.ACCEPTED if answered else "",
            )
