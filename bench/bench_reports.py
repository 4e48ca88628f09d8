"""The city's six-month review report at scale: BENCH_PEOPLE residents (default
1,000,000), BENCH_CASES cases (200,000) and BENCH_EXEMPLARS exemplars (5,000) over 200
wards, measured beside the bare aggregate SQL queries it needs, in the same run.

- bare queries: every computed indicator of the template, grouped per unit straight
  from the source tables, for the period and the previous one (what a report would run
  if it kept no counts);
- fill: the same counts written as narrow rows and rolled up the tree level by level
  (the background task, run once per period and nightly while reports are collected);
- review: the figures (against the previous period, per ward) and the DOCX, from the
  rows: what the specialist waits for.

Targets (PERFORMANCE.md): review < 1 s on PostgreSQL, < 3 s on SQLite.

python bench/run.py bench_reports                               # SQLite, own file
DATABASE_URL=postgres://postgres@127.0.0.1/dvs_bench_reports python bench/run.py bench_reports
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault(
    "SQLITE_PATH", str(Path(__file__).resolve().parent.parent / "var" / "bench_reports.sqlite3")
)
from common import setup_django  # noqa: E402

setup_django()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from dvs.cases.models import Case  # noqa: E402
from dvs.emulation.models import Exemplar  # noqa: E402
from dvs.people.models import Person  # noqa: E402
from dvs.reports import document, review, rollup  # noqa: E402
from dvs.reports.models import (  # noqa: E402
    PeriodKind,
    ReportPeriod,
    ReportTemplate,
    ReviewReport,
    TemplateIndicator,
    TemplateSection,
)
from dvs.reports.registry import computed_indicators  # noqa: E402
from dvs.units.models import Unit  # noqa: E402

PEOPLE = int(os.environ.get("BENCH_PEOPLE", 1_000_000))
CASES = int(os.environ.get("BENCH_CASES", 200_000))
EXEMPLARS = int(os.environ.get("BENCH_EXEMPLARS", 5_000))
RUNS = int(os.environ.get("BENCH_RUNS", 5))

call_command("migrate", verbosity=0)
if not Unit.objects.filter(code="SC").exists():
    print("generating the city (200 wards × 25 neighbourhoods) ...")
    call_command(
        "seed_scale", "--wards", "200", "--neighbourhoods", "25", stdout=open(os.devnull, "w")
    )
for model, option, target in (
    (Person, "--people", PEOPLE),
    (Case, "--cases", CASES),
    (Exemplar, "--exemplars", EXEMPLARS),
):
    have = model.objects.count()
    if have < target:
        print(f"generating {target - have} {model._meta.verbose_name_plural} ...")
        call_command("seed_scale", option, str(target - have), stdout=open(os.devnull, "w"))
print(
    f"people {Person.objects.count()}, cases {Case.objects.count()}, "
    f"exemplars {Exemplar.objects.count()}; database: {connection.vendor}"
)

city = Unit.objects.get(code="SC")
template = ReportTemplate.objects.filter(name="Bench").first()
if template is None:
    template = ReportTemplate(name="Bench")
    codes = list(computed_indicators())
    template.sections = [
        TemplateSection(key="lanh-dao", part="situation", kind="narrative", title="Lãnh đạo"),
        TemplateSection(
            key="so-lieu",
            part="results",
            kind="indicators",
            title="Số liệu",
            indicator_codes="\n".join(codes),
        ),
        TemplateSection(key="nhiem-vu", part="tasks", kind="narrative", title="Nhiệm vụ"),
    ]
    template.indicators = [
        TemplateIndicator(code=c, name=str(i.name), unit_of_measure=str(i.unit), source="computed")
        for c, i in computed_indicators().items()
    ]
    template.save()
year = datetime.date.today().year
periods = []
for start, end in (((year - 1, 7, 1), (year - 1, 12, 31)), ((year, 1, 1), (year, 6, 30))):
    period, _ = ReportPeriod.objects.get_or_create(
        unit=city,
        start=datetime.date(*start),
        end=datetime.date(*end),
        defaults={
            "name": f"Bench {start[0]}-{start[1]}",
            "kind": PeriodKind.SIX_MONTHS,
            "due_on": datetime.date(*end),
            "template": template,
        },
    )
    periods.append(period)
previous, period = periods
codes = rollup.codes_to_fill(period)
print(f"indicators: {len(codes)}")


def timed(function, runs=RUNS):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000, samples


def bare():
    indicators = computed_indicators()
    for p in periods:
        for code in codes:
            indicators[code].compute(p.start, p.end)


def fill():
    for p in periods:
        rollup.fill(p, restart=True)


job = ReviewReport.objects.create(period=period, unit=city, number="01")


def review_report():
    data = review.review_data(period, city)
    data["narrative"] = review.review_sections(period, city, data)  # the generated draft
    document.build(job, data)


bare_ms, _ = timed(bare, runs=3)
fill_ms, _ = timed(fill, runs=1)
with transaction.atomic():
    review_report()  # warm up
review_ms, samples = timed(review_report)
target = 1000 if connection.vendor == "postgresql" else 3000
print(f"bare aggregate queries (both periods, {len(codes)} indicators)  median {bare_ms:8.1f} ms")
print(f"fill: narrow rows rolled up the tree (both periods, once)  {fill_ms:8.1f} ms")
print(
    f"review report: figures + DOCX                            median {review_ms:8.1f} ms"
    f"  (max {max(samples) * 1000:.1f} ms; target < {target} ms; "
    f"{bare_ms / review_ms:.0f}× faster than the bare queries)"
)
