"""Bulk units for benchmarks: a province with one city, N wards and M neighbourhoods each,
inserted with precomputed materialized paths (no per-node tree queries)."""

from dvs.lib.vntext import fold, sort_key

from .models import Level, Unit


def add_arguments(parser):
    parser.add_argument("--wards", type=int, default=0, help="wards of the scale city")
    parser.add_argument(
        "--neighbourhoods", type=int, default=10, help="neighbourhoods in each ward"
    )


def generate(options, stdout):
    wards = options["wards"]
    if not wards:
        return
    step = Unit._get_path
    root_count = Unit.get_root_nodes().count()
    province_path = step(None, 1, root_count + 1)
    rows = [_unit(province_path, 1, "SP", "Tỉnh Thử Nghiệm", Level.PROVINCE, wards)]
    city_path = step(province_path, 2, 1)
    rows.append(_unit(city_path, 2, "SC", "Thành phố Thử Nghiệm", Level.DISTRICT, wards))
    for w in range(1, wards + 1):
        ward_path = step(city_path, 3, w)
        count = options["neighbourhoods"]
        rows.append(_unit(ward_path, 3, f"SW{w:04d}", f"Phường Số {w}", Level.COMMUNE, count))
        for n in range(1, count + 1):
            rows.append(
                _unit(
                    step(ward_path, 4, n),
                    4,
                    f"SW{w:04d}K{n:03d}",
                    f"Khu phố {n}",
                    Level.NEIGHBOURHOOD,
                    0,
                )
            )
    rows[0].numchild, rows[1].numchild = 1, wards
    Unit.objects.bulk_create(rows, batch_size=2000)
    stdout.write(f"  units: {len(rows)}")


def _unit(path, depth, code, name, level, numchild):
    return Unit(
        path=path,
        depth=depth,
        numchild=numchild,
        code=code,
        name=name,
        level=level,
        search_key=fold(name),
        name_sort=sort_key(name),
    )
