"""Bulk exemplars for benchmarks: `seed_scale --exemplars N` spreads N exemplars over the
wards and neighbourhoods of the scale city (made with --wards, or 200 × 25 if there are
none), over five years, with indicator values, score sheets for half of them and one
replica in ten."""

import datetime
import random
from decimal import Decimal

from dvs.accounts.models import User
from dvs.lib.vntext import fold
from dvs.units import scale as unit_scale
from dvs.units.models import Level as UnitLevel
from dvs.units.models import Unit

from . import reference
from .models import (
    Evaluation,
    Exemplar,
    ExemplarField,
    Indicator,
    IndicatorValue,
    Level,
    Status,
)

BATCH = 5000
YEARS = (2021, 2022, 2023, 2024, 2025)


def add_arguments(parser):
    parser.add_argument("--exemplars", type=int, default=0, help="exemplars to generate")


def generate(options, stdout):
    total = options.get("exemplars") or 0
    if not total:
        return
    reference.install()
    city = Unit.objects.filter(code="SC").first()
    if city is None:
        unit_scale.generate({"wards": 200, "neighbourhoods": 25}, stdout)
        city = Unit.objects.get(code="SC")
    units = list(
        Unit.objects.subtree_of(city)
        .filter(level__in=[UnitLevel.COMMUNE, UnitLevel.NEIGHBOURHOOD])
        .values_list("id", "level")
    )
    fields = list(ExemplarField.objects.values_list("id", flat=True))
    indicators = list(Indicator.objects.values_list("id", flat=True))
    evaluator, _created = User.objects.get_or_create(username="scale_evaluator")
    rng = random.Random(5)
    statuses = [s for s in Status.values if s != Status.REPLICATED]
    made, batch, created, ids = 0, [], {}, []
    while made < total:
        unit_id, unit_level = units[made % len(units)]
        year = YEARS[made % len(YEARS)]
        name = f"Mô hình số {made + 1}"
        batch.append(
            Exemplar(
                name=name,
                name_key=fold(name),
                field_id=fields[made % len(fields)],
                level=Level.WARD if unit_level == UnitLevel.COMMUNE else Level.NEIGHBOURHOOD,
                unit_id=unit_id,
                year=year,
                started_on=datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                problem="—",
                method="—",
                status=rng.choice(statuses),
            )
        )
        made += 1
        if len(batch) == BATCH or made == total:
            _write(batch, created, ids, indicators, evaluator, rng)
            batch = []
    stdout.write(f"  exemplars: {total}")


def _write(exemplars, created, ids, indicators, evaluator, rng):
    Exemplar.objects.bulk_create(exemplars)
    # One in ten is a replica of an exemplar made before it (ids come back from the insert).
    replicas = []
    for index, exemplar in enumerate(exemplars):
        if created and index % 10 == 5:
            exemplar.origin_id = rng.choice(ids)
            exemplar.lineage_root_id = created[exemplar.origin_id] or exemplar.origin_id
            replicas.append(exemplar)
        created[exemplar.pk] = exemplar.lineage_root_id
        ids.append(exemplar.pk)
    Exemplar.objects.bulk_update(replicas, ["origin", "lineage_root"], batch_size=1000)
    values, evaluations = [], []
    for exemplar in exemplars:
        for indicator_id in rng.sample(indicators, 2):
            target = Decimal(rng.randint(10, 500))
            values.append(
                IndicatorValue(
                    exemplar_id=exemplar.id,
                    indicator_id=indicator_id,
                    year=exemplar.year,
                    baseline=target / 4,
                    target=target,
                    actual=target * Decimal(rng.randint(50, 130)) / 100,
                )
            )
        if rng.random() < 0.5:
            evaluations.append(
                Evaluation(
                    exemplar_id=exemplar.id,
                    year=exemplar.year,
                    evaluator=evaluator,
                    total=Decimal(rng.randint(4000, 10000)) / 100,
                )
            )
    IndicatorValue.objects.bulk_create(values, batch_size=BATCH)
    Evaluation.objects.bulk_create(evaluations, batch_size=BATCH)
