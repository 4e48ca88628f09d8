"""Figures of religious affairs by unit × religion, published so that no believer is exposed.

Everything is published at ONE grain, the ward (the issue's "counts by ward × religion"):
each recorded row counts in its grain cell, the ward on its unit's path, or its own unit
when it is recorded above ward level (a city's own row). Every other published number is
derived from the grain cells only, so tables of two levels cannot be subtracted to
recover a hidden cell (docs/religion-figures.md).

A table is asked for a unit at ward level or above (below, a neighbourhood, is refused
like a unit outside the scope). A ward's table is one row, the ward. Above, the rows are
the unit's children (the wards of a city, the cities and wards of a province), plus a row
for what is recorded on the unit itself when there is any; its columns are the religions
counted (and "Tín ngưỡng" for belief establishments). Each measure is one grouped query
(`compute`).

Publishing (`present`) hides small grain cells: a count n with 1 ≤ n < threshold
(`settings.RELIGION_SMALL_CELL_THRESHOLD`, 5 by default) is shown as "<5"; zero shows 0.
A row made of several grain cells (a city in the province's table) and every total
(row, column, grand) are sums of grain cells: exact when none of them is hidden, else
the range the published grain cells allow — low = shown + hidden × 1, high = shown +
hidden × (threshold − 1) (test_stats_suppression.py replaces each hidden value by every
other, across levels, and finds every table unchanged). Holders of
`religion.view_exact_stats` on the unit (the Board) see exact cells and totals, marked
"not for publication".

Part F's review section calls `compute` and `present` without a user (its caller has
chosen the unit); everyone else calls `table(user, unit, measure, as_of)`, which checks
the unit through the scope door first.
"""

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dvs.accounts import scope
from dvs.units.models import Level, Unit

from .models import BELIEF_KINDS, Dignitary, DignitaryStatus, Establishment, FollowerCount, Group
from .models import Religion as ReligionModel

BELIEF = "tin-nguong"  # the column of belief establishments (no religion)
EXACT_PERMISSION = "religion.view_exact_stats"


@dataclass(frozen=True)
class Measure:
    code: str
    label: str
    model: type


MEASURES = {
    m.code: m
    for m in (
        Measure("establishments", _("Establishments"), Establishment),
        Measure("groups", _("Groups practising together"), Group),
        Measure("dignitaries", _("Dignitaries"), Dignitary),
        Measure("officials", _("Officials"), Dignitary),
        Measure("practitioners", _("Practitioners"), Dignitary),
        Measure("followers", _("Followers"), FollowerCount),
    )
}


@dataclass(frozen=True)
class Column:
    code: str
    name: str


@dataclass(frozen=True)
class Source:
    """Where a follower count comes from (the page's footnote)."""

    unit: str
    religion: str
    source: str
    as_of: datetime.date


@dataclass
class RawRow:
    unit: Unit
    name: str
    cells: dict  # column code → int, the sum of the row's grain cells
    direct: bool = False  # what is recorded on the table's unit itself
    grain_cells: list = None  # [{column code → int}] the ward cells (default: [cells])
    grain: bool = True  # the row is one grain cell (a ward, a "directly" row)

    def __post_init__(self):
        if self.grain_cells is None:
            self.grain_cells = [self.cells]


@dataclass
class RawTable:
    """Exact counts: for the caller that decided the unit, never published as they are."""

    unit: Unit
    measure: str
    as_of: datetime.date
    columns: list[Column]
    rows: list[RawRow]
    sources: list[Source] = field(default_factory=list)


class Range(NamedTuple):
    """A published total, (low, high): exact when low == high."""

    low: int
    high: int

    @property
    def exact(self):
        return self.low == self.high

    def __str__(self):
        if self.exact:
            return number(self.low)
        return f"{number(self.low)}–{number(self.high)}"


@dataclass
class Row:
    unit: Unit
    name: str
    cells: dict  # column code → int, "<5" or Range (a sum over hidden grain cells)
    total: Range
    direct: bool = False


@dataclass
class Table:
    """A published table: what the page, the export, the API and the review show."""

    unit: Unit
    measure: str
    as_of: datetime.date
    threshold: int
    exact: bool
    columns: list[Column]
    rows: list[Row]
    totals: dict  # column code → Range
    grand_total: Range
    sources: list[Source]

    @property
    def hidden(self):
        return f"<{self.threshold}"

    @property
    def measure_label(self):
        return MEASURES[self.measure].label

    def cell_text(self, value):
        if isinstance(value, Range):
            return str(value)
        return value if isinstance(value, str) else number(value)


def number(value):
    """1234 → "1.234" (the Vietnamese thousands separator)."""
    return f"{value:,}".replace(",", ".")


def threshold_setting():
    return max(int(settings.RELIGION_SMALL_CELL_THRESHOLD), 1)


# Counting ---------------------------------------------------------------------------------


def _queryset(measure, user):
    model = MEASURES[measure].model
    rows = scope.scoped(user, model) if user is not None else model.objects.all()
    if measure == "groups":
        return rows.exclude(state=Group.State.STOPPED)
    if measure in ("dignitaries", "officials", "practitioners"):
        flag = {"dignitaries": "is_dignitary", "officials": "is_official"}.get(
            measure, "is_practitioner"
        )
        return rows.filter(status=DignitaryStatus.ACTIVE, **{flag: True})
    return rows


def below_ward(unit):
    """Whether `unit` lies below ward level (a neighbourhood): its table would publish a
    grain finer than the ward's, so it has none."""
    if unit.level == Level.NEIGHBOURHOOD:
        return True
    above = [unit.path[:cut] for cut in range(Unit.steplen, len(unit.path), Unit.steplen)]
    return Unit.objects.filter(path__in=above, level=Level.COMMUNE).exists()


def publishable(units):
    """The units of `units` (an iterable) a table may be asked for: at ward level or above."""
    units = [u for u in units if u.level != Level.NEIGHBOURHOOD]
    above = {u.path[:cut] for u in units for cut in range(Unit.steplen, len(u.path), Unit.steplen)}
    wards = set(
        Unit.objects.filter(path__in=above, level=Level.COMMUNE).values_list("path", flat=True)
    )
    return [
        u
        for u in units
        if not any(u.path[:cut] in wards for cut in range(Unit.steplen, len(u.path), Unit.steplen))
    ]


def _counts(unit, measure, as_of, user):
    """{(unit path, column code): count} and the follower sources, in one query."""
    rows = _queryset(measure, user).filter(unit__path__startswith=unit.path).order_by()
    if measure == "followers":
        return _follower_counts(rows, as_of)
    if measure == "establishments":
        column = "religion__code"
        belief = Q(kind__in=list(BELIEF_KINDS)) | Q(religion__isnull=True)
        grouped = rows.values("unit__path", column).annotate(
            n=Count("pk", filter=~belief), belief=Count("pk", filter=belief)
        )
        counts = {}
        for row in grouped:
            if row["n"]:
                key = (row["unit__path"], row[column])
                counts[key] = counts.get(key, 0) + row["n"]
            if row["belief"]:
                key = (row["unit__path"], BELIEF)
                counts[key] = counts.get(key, 0) + row["belief"]
        return counts, []
    grouped = rows.values("unit__path", "religion__code").annotate(n=Count("pk"))
    return {(r["unit__path"], r["religion__code"]): r["n"] for r in grouped}, []


def _follower_counts(rows, as_of):
    """The latest count per ward × religion dated on or before `as_of`."""
    latest = (
        FollowerCount.objects.filter(
            unit=OuterRef("unit"), religion=OuterRef("religion"), as_of__lte=as_of
        )
        .order_by("-as_of")
        .values("as_of")[:1]
    )
    found = (
        rows.filter(as_of__lte=as_of, as_of=Subquery(latest))
        .values_list(
            "unit__path",
            "religion__code",
            "count",
            "unit__name",
            "religion__name",
            "source",
            "as_of",
        )
        .order_by("unit__path", "religion__order", "religion__name")
    )
    counts, sources = {}, []
    for path, code, count, unit_name, religion_name, source, dated in found:
        counts[(path, code)] = counts.get((path, code), 0) + count
        sources.append(Source(unit_name, religion_name, source, dated))
    return counts, sources


def _grain_cells(unit, counts):
    """{(grain path, column code): count}: each count moved to its grain, the ward on its
    unit's path (or its own unit when recorded above ward level). Every published number
    is derived from these cells alone, so no two tables differ by a hidden cell."""
    wards = set(
        Unit.objects.filter(path__startswith=unit.path, level=Level.COMMUNE).values_list(
            "path", flat=True
        )
    )
    cells = {}
    for (path, code), n in counts.items():
        cuts = range(len(unit.path), len(path) + 1, Unit.steplen)
        grain = next((path[:cut] for cut in cuts if path[:cut] in wards), path)
        cells[(grain, code)] = cells.get((grain, code), 0) + n
    return cells


def _rows_of(unit, branches):
    """The table's units, each with whether it is one grain cell: a ward is its own one
    row; above, the children in force (and any dissolved child that still holds
    figures), or `unit` itself when it has none; plus `unit` itself as a "directly" row
    when figures are recorded on it. (unit, name, direct, grain)."""
    if unit.level == Level.COMMUNE:
        return [(unit, unit.name, False, True)]
    depth = unit.depth + 1
    children = list(
        Unit.objects.filter(path__startswith=unit.path, depth=depth)
        .filter(Q(valid_until__isnull=True) | Q(path__in=branches) | Q(valid_until__gt=_today()))
        .order_by("path")
    )
    if not children:
        return [(unit, unit.name, False, True)]
    rows = [(child, child.name, False, child.level == Level.COMMUNE) for child in children]
    if unit.path in branches:
        name = _("Recorded on %(unit)s itself") % {"unit": unit.name}
        rows.append((unit, name, True, True))
    return rows


def _today():
    return timezone.localdate()


def compute(unit, measure, as_of=None, *, user=None):
    """The exact table of `measure` under `unit` (at ward level or above) as of a date
    (today by default), each row holding its grain cells. No scope check when `user` is
    None: the caller has decided the unit (the six-month review)."""
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}")
    if below_ward(unit):
        raise ValueError(f"no table below ward level ({unit.code})")
    as_of = as_of or _today()
    counts, sources = _counts(unit, measure, as_of, user)
    grains = _grain_cells(unit, counts)
    width = len(unit.path) + Unit.steplen
    branches = {path[:width] for path, _code in grains}
    codes = {code for _path, code in grains}
    religions = ReligionModel.objects.filter(code__in=codes).order_by("order", "name")
    columns = [Column(r.code, r.name) for r in religions]
    if measure == "establishments":
        columns.append(Column(BELIEF, str(_("Belief"))))
    paths = sorted({path for path, _code in grains})
    by_branch = {}
    for path in paths:
        if path != unit.path:
            by_branch.setdefault(path[:width], []).append(path)
    rows = []
    for row_unit, name, direct, grain in _rows_of(unit, branches):
        if direct:
            mine = [unit.path]
        elif row_unit.pk == unit.pk:
            mine = paths  # a unit without children is its own row: every figure is on it
        else:
            mine = by_branch.get(row_unit.path, [])
        cells = [{c.code: grains.get((p, c.code), 0) for c in columns} for p in mine]
        total = {c.code: sum(g[c.code] for g in cells) for c in columns}
        rows.append(RawRow(row_unit, str(name), total, direct, cells, grain))
    return RawTable(unit, measure, as_of, columns, rows, sources)


# Publishing -------------------------------------------------------------------------------


def _line_total(values, exact, threshold):
    """The published sum of exact grain `values`: exact when none is hidden, else the
    range the published grain cells allow."""
    if exact:
        total = sum(values)
        return Range(total, total)
    shown = sum(v for v in values if not 0 < v < threshold)
    hidden = sum(1 for v in values if 0 < v < threshold)
    return Range(shown + hidden, shown + hidden * (threshold - 1))


def _row_cell(row, code, exact, threshold):
    """A row's published cell: a grain cell's value or "<5"; above, the sum of its grain
    cells, exact when none is hidden, else the range they allow."""
    if row.grain and len(row.grain_cells) <= 1:
        value = row.cells[code]
        return value if exact or not 0 < value < threshold else f"<{threshold}"
    total = _line_total([g[code] for g in row.grain_cells], exact, threshold)
    return total.low if total.exact else total


def present(raw, *, exact, threshold=None):
    """The published table of `raw`: small grain cells hidden, sums over hidden cells as
    ranges, unless `exact` (the Board)."""
    threshold = threshold or threshold_setting()
    codes = [c.code for c in raw.columns]
    rows = [
        Row(
            r.unit,
            r.name,
            {code: _row_cell(r, code, exact, threshold) for code in codes},
            _line_total([g[code] for g in r.grain_cells for code in codes], exact, threshold),
            r.direct,
        )
        for r in raw.rows
    ]
    grains = [g for r in raw.rows for g in r.grain_cells]
    totals = {code: _line_total([g[code] for g in grains], exact, threshold) for code in codes}
    grand = _line_total([g[code] for g in grains for code in codes], exact, threshold)
    return Table(
        raw.unit,
        raw.measure,
        raw.as_of,
        threshold,
        exact,
        list(raw.columns),
        rows,
        totals,
        grand,
        list(raw.sources),
    )


# Through the scope door -------------------------------------------------------------------


def units_for(user, measure):
    """The units whose figures of `measure` `user` may read: the subtrees of the grants
    allowing to view its rows (an organisation-limited grant reaches none)."""
    return scope.writable_anchor(user, MEASURES[measure].model, "view")


def sees_exact(user, unit):
    """Whether `user` holds `religion.view_exact_stats` over `unit` (the Board)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(
        unit.path.startswith(grant.unit_path)
        and not grant.organisation_id
        and scope.role_allows(grant.role, EXACT_PERMISSION)
        for grant in scope.grants(user)
    )


def table(user, unit, measure, as_of=None):
    """The table `user` may read: 404 for a unit outside their scope of `measure`'s rows
    or below ward level (a finer grain than the published one); exact for the Board,
    small cells hidden for everyone else."""
    if unit is None or not units_for(user, measure).filter(pk=unit.pk).exists():
        raise Http404
    if below_ward(unit):
        raise Http404
    raw = compute(unit, measure, as_of, user=user)
    return present(raw, exact=sees_exact(user, unit))
