"""STAND-IN for part D's figures (branch religion-F only; the lead keeps part D's
stats.py at the merge). It implements the contract of /work/brief/part-D.md item 1 so
that the review section (report_indicators.review_tables) can be written and tested:
`MEASURES`, `compute(unit, measure, as_of)` (raw, no scope check) and
`present(raw, *, exact, threshold=None)` (cells int or "<5", totals as (low, high)).

Shapes assumed by report_indicators.py (keep them, or adapt `_column_totals` there):
raw = {"unit", "measure", "as_of", "columns": [{"code", "name"}],
       "rows": [{"unit", "name", "cells": {column_code: int}}]}
shown = {"threshold", "exact", "columns", "rows": [{… "cells": {code: int | "<5"},
         "total": (low, high)}], "totals": {column_code: (low, high)},
         "grand_total": (low, high)}
"""

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery

from dvs.units.models import Unit

from .models import BELIEF_KINDS, Dignitary, Establishment, FollowerCount, Group, Religion

MEASURES = ("establishments", "groups", "dignitaries", "officials", "practitioners", "followers")
BELIEF = "tin-nguong"


def threshold_setting():
    return getattr(settings, "RELIGION_SMALL_CELL_THRESHOLD", 5)


def _rows_of(unit):
    """The unit's children (wards of a city, neighbourhoods of a ward), and the unit
    itself for rows recorded on it directly."""
    children = list(unit.get_children()) if not unit.is_leaf() else []
    return [unit, *children]


def _row_keys(rows):
    """fn(path) -> the row a unit's path falls in: its child of the table's unit, else
    the unit itself."""
    children = {row.path: row.pk for row in rows[1:]}
    width = len(rows[0].path) + Unit.steplen
    return lambda path: children.get(path[:width], rows[0].pk)


def _counts(measure, unit, as_of):
    """[(unit path, column code, count)] over the unit's subtree."""
    subtree = Q(unit__path__startswith=unit.path)
    if measure == "establishments":
        rows = (
            Establishment.objects.filter(subtree)
            .values_list("unit__path", "religion__code", "kind")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return [(p, BELIEF if k in BELIEF_KINDS else c, n) for p, c, k, n in rows]
    if measure == "groups":
        query = Group.objects.filter(subtree).exclude(state=Group.State.STOPPED)
        field = "religion__code"
    elif measure == "followers":
        latest = FollowerCount.objects.filter(
            unit=OuterRef("unit"), religion=OuterRef("religion"), as_of__lte=as_of
        ).order_by("-as_of", "-pk")
        rows = (
            FollowerCount.objects.filter(subtree, as_of__lte=as_of)
            .filter(pk=Subquery(latest.values("pk")[:1]))
            .values_list("unit__path", "religion__code", "count")
        )
        return list(rows)
    else:
        flag = {
            "dignitaries": "is_dignitary",
            "officials": "is_official",
            "practitioners": "is_practitioner",
        }[measure]
        query = Dignitary.objects.filter(subtree, status="active", **{flag: True})
        field = "religion__code"
    rows = query.values_list("unit__path", field).annotate(n=Count("pk")).order_by()
    return list(rows)


def compute(unit, measure, as_of):
    """The raw table of `measure` over `unit`'s subtree as of `as_of` (no scope check)."""
    if measure not in MEASURES:
        raise ValueError(measure)
    rows = _rows_of(unit)
    columns = [{"code": r.code, "name": r.name} for r in Religion.objects.all()]
    if measure == "establishments":
        columns.append({"code": BELIEF, "name": "Tín ngưỡng"})
    cells = {row.pk: dict.fromkeys((c["code"] for c in columns), 0) for row in rows}
    row_key = _row_keys(rows)
    for path, code, n in _counts(measure, unit, as_of):
        if code is not None:
            row = cells[row_key(path)]
            row[code] = row.get(code, 0) + n
    return {
        "unit": unit,
        "measure": measure,
        "as_of": as_of,
        "columns": columns,
        "rows": [{"unit": row, "name": row.name, "cells": cells[row.pk]} for row in rows],
    }


def _shown(value, exact, threshold):
    if not exact and 1 <= value < threshold:
        return f"<{threshold}"
    return value


def _range(values, exact, threshold):
    low = high = 0
    for value in values:
        if not exact and 1 <= value < threshold:
            low, high = low + 1, high + threshold - 1
        else:
            low, high = low + value, high + value
    return (low, high)


def present(raw, *, exact, threshold=None):
    """The shown table: small cells as "<threshold" unless `exact`; each total the range
    it could take given the shown cells."""
    threshold = threshold or threshold_setting()
    codes = [c["code"] for c in raw["columns"]]
    rows = [
        {
            **row,
            "cells": {code: _shown(row["cells"][code], exact, threshold) for code in codes},
            "total": _range(row["cells"].values(), exact, threshold),
        }
        for row in raw["rows"]
    ]
    all_cells = [v for row in raw["rows"] for v in row["cells"].values()]
    return {
        "threshold": threshold,
        "exact": exact,
        "columns": raw["columns"],
        "rows": rows,
        "totals": {
            code: _range([row["cells"][code] for row in raw["rows"]], exact, threshold)
            for code in codes
        },
        "grand_total": _range(all_cells, exact, threshold),
    }
