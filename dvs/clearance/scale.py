"""Bulk data for the land clearance benchmark (bench/bench_clearance.py): a city of
`wards` wards, one route through every ward and shorter routes through twenty wards
each, `parties` affected parties with their stored state, visits and obstacles.

Rows are written with bulk_create and their state set directly (as refresh_state would
leave it): the benchmark measures reading, not writing. Deterministic (a fixed seed).
"""

import datetime
import random
from decimal import Decimal

from dvs.units.models import Level, Unit

from .models import (
    AdvocacyVisit,
    AffectedParty,
    Obstacle,
    ObstacleCategory,
    Outcome,
    PartyKind,
    Project,
    ProjectKind,
    Segment,
    Stage,
)

CITY = "GC"
BATCH = 5000


def _units(wards):
    city = Unit.objects.filter(code=CITY).first()
    if city is None:
        province = Unit.add_root(code="GP", name="Tỉnh Thử GPMB", level=Level.PROVINCE)
        city = province.add_child(code=CITY, name="Thành phố Thử GPMB", level=Level.DISTRICT)
    have = {u.code: u for u in Unit.objects.filter(code__startswith="GW")}
    out = []
    for n in range(wards):
        code = f"GW{n:04d}"
        if code not in have:
            city = Unit.objects.get(pk=city.pk)
            have[code] = city.add_child(code=code, name=f"Phường GPMB {n}", level=Level.COMMUNE)
        out.append(have[code])
    return Unit.objects.get(pk=city.pk), out


def add_arguments(parser):
    """`manage.py seed_scale --clearance-parties N` (the plug-in every app's scale.py is)."""
    parser.add_argument(
        "--clearance-parties",
        type=int,
        default=0,
        help="affected parties of land clearance to generate (with 200 wards of their own)",
    )


def generate(options, stdout):
    parties = options.get("clearance_parties") or 0
    if parties:
        seed(parties=parties)
        stdout.write(f"clearance: {parties} affected parties")


def seed(parties=50_000, wards=200, routes=10, seed=14):
    """Create the city, its routes and `parties` parties; returns (city, the long route)."""
    rng = random.Random(seed)
    city, ward_units = _units(wards)
    long_route = Project.objects.create(
        unit=city, code="GPMB-0000", name="Tuyến vành đai thử", kind=ProjectKind.TRANSPORT
    )
    projects = [long_route]
    for n in range(1, routes):
        projects.append(
            Project.objects.create(
                unit=city, code=f"GPMB-{n:04d}", name=f"Dự án thử {n}", kind=ProjectKind.URBAN
            )
        )
    segments = []
    for n, ward in enumerate(ward_units):
        # Some wards of the long route never report (the "no figures" rows).
        segments.append(
            Segment(
                project=long_route,
                ward=ward,
                km_from=Decimal(n),
                km_to=Decimal(n + 1),
                km_cleared=Decimal(rng.randint(0, 1000)) / 1000,
            )
        )
    for n, project in enumerate(projects[1:]):
        for ward in ward_units[n * 20 : n * 20 + 20]:
            segments.append(Segment(project=project, ward=ward))
    Segment.objects.bulk_create(segments, batch_size=BATCH)
    segments = list(Segment.objects.filter(project__in=projects).order_by("pk"))
    silent = set(rng.sample(range(len(segments)), len(segments) // 20))
    reporting = [s for n, s in enumerate(segments) if n not in silent]
    start = datetime.date(2025, 7, 1)
    rows = []
    for n in range(parties):
        segment = reporting[n % len(reporting)]
        progress = rng.random()
        handed = start + datetime.timedelta(days=rng.randint(0, 500)) if progress > 0.4 else None
        paid = handed or (start + datetime.timedelta(days=rng.randint(0, 500)))
        visits = rng.randint(0, 5)
        rows.append(
            AffectedParty(
                project_id=segment.project_id,
                segment_id=segment.pk,
                unit_id=segment.ward_id,
                kind=PartyKind.HOUSEHOLD,
                name=f"Hộ thử {n}",
                name_key=f"ho thu {n}",
                stage=Stage.COMPLETED if handed else Stage.IN_PROGRESS,
                agreed=bool(handed) or progress > 0.3,
                paid_on=paid if progress > 0.35 else None,
                handed_over_on=handed,
                visit_count=visits,
                not_yet_count=visits if progress < 0.1 else 0,
            )
        )
    AffectedParty.objects.bulk_create(rows, batch_size=BATCH)
    ids = list(
        AffectedParty.objects.filter(project__in=projects).values_list(
            "pk", "visit_count", "agreed"
        )
    )
    visits, obstacles = [], []
    for pk, count, agreed in ids:
        for v in range(count):
            on = start + datetime.timedelta(days=rng.randint(0, 500))
            last = v == count - 1
            outcome = Outcome.AGREES if (last and agreed) else Outcome.NOT_YET
            visits.append(AdvocacyVisit(party_id=pk, on=on, outcome=outcome))
        if rng.random() < 0.05:
            for _o in range(rng.randint(1, 3)):
                obstacles.append(
                    Obstacle(
                        party_id=pk,
                        category=ObstacleCategory.LAND_PRICE,
                        description="Chưa thống nhất giá đất",
                        opened_on=start,
                    )
                )
        if len(visits) >= BATCH:
            AdvocacyVisit.objects.bulk_create(visits, batch_size=BATCH)
            visits = []
    AdvocacyVisit.objects.bulk_create(visits, batch_size=BATCH)
    Obstacle.objects.bulk_create(obstacles, batch_size=BATCH)
    return city, long_route
