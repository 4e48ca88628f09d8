"""Excel import of BENCH_IMPORT_ROWS rows (default 100,000), validated and committed,
against an openpyxl read-only parse of the same file, in the same run.

Target (PERFORMANCE.md): ≤ 3× the parse, under 60 s.
"""

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault(
    "SQLITE_PATH", str(Path(__file__).resolve().parent.parent / "var" / "bench.sqlite3")
)
from common import setup_django  # noqa: E402

setup_django()

import openpyxl  # noqa: E402
from django.core.files import File  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from dvs.accounts.models import User  # noqa: E402
from dvs.lib.fakenames import person_name  # noqa: E402
from dvs.people import importing  # noqa: E402
from dvs.people.models import ImportJob, Person  # noqa: E402
from dvs.units.models import Unit  # noqa: E402

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", 100_000))
call_command("migrate", verbosity=0)
if not Unit.objects.filter(code="SC").exists():
    call_command(
        "seed_scale", "--wards", "200", "--neighbourhoods", "25", stdout=open(os.devnull, "w")
    )
ward = Unit.objects.get(code="SW0199")
path = Path(__file__).resolve().parent.parent / "var" / f"bench-import-{ROWS}.xlsx"
if not path.exists():
    rng = random.Random(99)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(
        [
            "STT",
            "Họ và tên",
            "Ngày sinh",
            "Giới tính",
            "Số CCCD",
            "Dân tộc",
            "Tôn giáo",
            "Số điện thoại",
            "Khu phố",
        ]
    )
    for n in range(ROWS):
        female = rng.random() < 0.5
        year = rng.randint(1940, 2010)
        digit = (1 if female else 0) + (2 if year >= 2000 else 0)
        sheet.append(
            [
                n + 1,
                person_name(rng, female),
                f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}",
                "Nữ" if female else "Nam",
                f"027{digit}{year % 100:02d}{n:06d}",
                "Kinh",
                "Không",
                f"09{rng.randint(10000000, 99999999)}",
                f"Khu phố {rng.randint(1, 25)}",
            ]
        )
    workbook.save(path)

start = time.perf_counter()
book = openpyxl.load_workbook(path, read_only=True, data_only=True)
rows = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
book.close()
parse = time.perf_counter() - start

# Each run imports into a clean ward: remove what an earlier run imported there.
Person.objects.filter(unit__path__startswith=ward.path).delete()
user, _ = User.objects.get_or_create(username="bench_import", defaults={"is_superuser": True})
with path.open("rb") as handle:
    job = ImportJob.objects.create(
        unit=ward, file=File(handle, name=path.name), original_name=path.name, created_by=user
    )
start = time.perf_counter()
importing.run(job, commit=True)
wall = time.perf_counter() - start
print(f"database: {connection.vendor}; rows in file: {rows - 1}")
print(f"openpyxl read-only parse: {parse:6.1f} s")
print(
    f"import (checked + committed): {wall:6.1f} s   imported {job.imported_rows}, "
    f"rejected {job.rejected_rows}   ratio {wall / parse:4.2f}x"
)
