"""STAND-IN for part D's figures (branch religion-F only; the lead keeps part D's
stats.py at the merge). It follows the names and shapes of part D's stats.py (branch
religion-D, 07/12/2026), so that the review section (report_indicators.review_tables) is written and tested against them:
`MEASURES`, `BELIEF`, `compute(unit, measure, as_of)` → RawTable (rows of RawRow with
int cells, columns of Column(code, name)), `present(raw, *, exact, threshold=None)` →
Table (cells int or "<5", `totals` {column code: Range(low, high)}, `threshold`).
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery

from dvs.units.models import Unit

from .models import BELIEF_KINDS, Dignitary, Establishment, FollowerCount, Group, Religion

MEASURES = {
    code: code
    for code in (
        "establishments",
        "groups",
        "dignitaries",
        "officials",
        "practitioners",
        "followers",
    )
}
BELIEF = "tin-nguong"


@dataclass(frozen=True)
class Column:
    code: str
    name: str


@dataclass
class RawRow:
    unit: object
    name: str
    cells: dict  # column code → int


@dataclass
class RawTable:
    unit: object
    measure: str
    as_of: datetime.date
    columns: list
    rows: list


@dataclass(frozen=True)
class Range:
    """A published total: exact when low == high."""

    low: int
    high: int


@dataclass
class Row:
    unit: object
    name: str
    cells: dict  # column code → int or "<5"
    total: Range


@dataclass
class Table:
    threshold: int
    exact: bool
    columns: list
    rows: list
    totals: dict  # column code → Range
    grand_total: Range
    sources: list = field(default_factory=list)


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


def compute(unit, measure, as_of=None):
    """The raw table of `measure` over `unit`'s subtree as of `as_of` (no scope check)."""
    if measure not in MEASURES:
        raise ValueError(measure)
    rows = _rows_of(unit)
    columns = [Column(r.code, r.name) for r in Religion.objects.all()]
    if measure == "establishments":
        columns.append(Column(BELIEF, "Tín ngưỡng"))
    cells = {row.pk: dict.fromkeys((c.code for c in columns), 0) for row in rows}
    row_key = _row_keys(rows)
    for path, code, n in _counts(measure, unit, as_of):
        if code is not None:
            row = cells[row_key(path)]
            row[code] = row.get(code, 0) + n
    return RawTable(
        unit, measure, as_of, columns, [RawRow(row, row.name, cells[row.pk]) for row in rows]
    )


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
    return Range(low, high)


def present(raw, *, exact, threshold=None):
    """The shown table: small cells as "<threshold" unless `exact`; each total the range
    it could take given the shown cells."""
    threshold = threshold or threshold_setting()
    codes = [c.code for c in raw.columns]
    rows = [
        Row(
            row.unit,
            row.name,
            {code: _shown(row.cells[code], exact, threshold) for code in codes},
            _range(row.cells.values(), exact, threshold),
        )
        for row in raw.rows
    ]
    return Table(
        threshold=threshold,
        exact=exact,
        columns=list(raw.columns),
        rows=rows,
        totals={
            code: _range([row.cells[code] for row in raw.rows], exact, threshold) for code in codes
        },
        grand_total=_range([v for row in raw.rows for v in row.cells.values()], exact, threshold),
    )
