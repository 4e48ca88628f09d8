"""Figures of religious affairs by unit × religion, published so that no believer is exposed.

A table's rows are the children of the chosen unit (the wards of a city, the
neighbourhoods of a ward; a unit without children is its own one row), plus a row for
what is recorded on the unit itself when there is any; its columns are the religions
counted (and "Tín ngưỡng" for belief establishments); each cell counts over its row's
subtree. Each measure is one grouped query (`compute`).

Publishing (`present`) hides small cells: a count n with 1 ≤ n < threshold
(`settings.RELIGION_SMALL_CELL_THRESHOLD`, 5 by default) is shown as "<5"; zero shows 0.
A total whose line holds hidden cells is shown as the range it could take given what is
published — low = shown + hidden × 1, high = shown + hidden × (threshold − 1) — so it is
computed from the published cells alone and no subtraction recovers a hidden one
(test_stats_suppression.py replaces each hidden value by every other and finds the
output unchanged). Holders of `religion.view_exact_stats` on the unit (the Board) see
exact cells and totals, marked "not for publication". docs/religion-figures.md.

Part F's review section calls `compute` and `present` without a user (its caller has
chosen the unit); everyone else calls `table(user, unit, measure, as_of)`, which checks
the unit through the scope door first.
"""

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Substr
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dvs.accounts import scope
from dvs.units.models import Unit

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
    cells: dict  # column code → int
    direct: bool = False  # what is recorded on the table's unit itself


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
    cells: dict  # column code → int or "<5"
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


def _branch(unit):
    """The path of the row (a child of `unit`, or `unit` itself) a unit path falls in."""
    return Substr("unit__path", 1, len(unit.path) + Unit.steplen)


def _counts(unit, measure, as_of, user):
    """{(branch path, column code): count} and the follower sources, in one query."""
    rows = _queryset(measure, user).filter(unit__path__startswith=unit.path).order_by()
    if measure == "followers":
        return _follower_counts(unit, rows, as_of)
    if measure == "establishments":
        column = "religion__code"
        belief = Q(kind__in=list(BELIEF_KINDS)) | Q(religion__isnull=True)
        grouped = (
            rows.annotate(branch=_branch(unit))
            .values("branch", column)
            .annotate(n=Count("pk", filter=~belief), belief=Count("pk", filter=belief))
        )
        counts = {}
        for row in grouped:
            if row["n"]:
                key = (row["branch"], row[column])
                counts[key] = counts.get(key, 0) + row["n"]
            if row["belief"]:
                key = (row["branch"], BELIEF)
                counts[key] = counts.get(key, 0) + row["belief"]
        return counts, []
    grouped = (
        rows.annotate(branch=_branch(unit))
        .values("branch", "religion__code")
        .annotate(n=Count("pk"))
    )
    return {(r["branch"], r["religion__code"]): r["n"] for r in grouped}, []


def _follower_counts(unit, rows, as_of):
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
        .annotate(branch=_branch(unit))
        .values_list(
            "branch", "religion__code", "count", "unit__name", "religion__name", "source", "as_of"
        )
        .order_by("unit__path", "religion__order", "religion__name")
    )
    counts, sources = {}, []
    for branch, code, count, unit_name, religion_name, source, dated in found:
        counts[(branch, code)] = counts.get((branch, code), 0) + count
        sources.append(Source(unit_name, religion_name, source, dated))
    return counts, sources


def _rows_of(unit, branches):
    """The table's units: the children of `unit` in force (and any dissolved child that
    still holds figures), or `unit` itself when it has none; plus `unit` itself as a
    "directly" row when figures are recorded on it."""
    depth = unit.depth + 1
    children = list(
        Unit.objects.filter(path__startswith=unit.path, depth=depth)
        .filter(Q(valid_until__isnull=True) | Q(path__in=branches) | Q(valid_until__gt=_today()))
        .order_by("path")
    )
    if not children:
        return [(unit, unit.name, False)]
    rows = [(child, child.name, False) for child in children]
    if unit.path in branches:
        rows.append((unit, _("Recorded on %(unit)s itself") % {"unit": unit.name}, True))
    return rows


def _today():
    return timezone.localdate()


def compute(unit, measure, as_of=None, *, user=None):
    """The exact table of `measure` under `unit` as of a date (today by default). No scope
    check when `user` is None: the caller has decided the unit (the six-month review)."""
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}")
    as_of = as_of or _today()
    counts, sources = _counts(unit, measure, as_of, user)
    branches = {branch for branch, _code in counts}
    codes = {code for _branch, code in counts}
    religions = ReligionModel.objects.filter(code__in=codes).order_by("order", "name")
    columns = [Column(r.code, r.name) for r in religions]
    if measure == "establishments":
        columns.append(Column(BELIEF, str(_("Belief"))))
    rows = []
    for row_unit, name, direct in _rows_of(unit, branches):
        # A unit without children is its own row: every figure is on it.
        keys = list(branches) if row_unit.pk == unit.pk and not direct else [row_unit.path]
        cells = {c.code: sum(counts.get((k, c.code), 0) for k in keys) for c in columns}
        rows.append(RawRow(row_unit, str(name), cells, direct))
    return RawTable(unit, measure, as_of, columns, rows, sources)


# Publishing -------------------------------------------------------------------------------


def _line_total(values, exact, threshold):
    """The published total of a line of exact `values`: exact when none is hidden, else
    the range the published cells allow."""
    if exact:
        total = sum(values)
        return Range(total, total)
    shown = sum(v for v in values if not 0 < v < threshold)
    hidden = sum(1 for v in values if 0 < v < threshold)
    return Range(shown + hidden, shown + hidden * (threshold - 1))


def present(raw, *, exact, threshold=None):
    """The published table of `raw`: small cells hidden and totals as ranges, unless
    `exact` (the Board)."""
    threshold = threshold or threshold_setting()
    codes = [c.code for c in raw.columns]

    def cell(value):
        return value if exact or not 0 < value < threshold else f"<{threshold}"

    rows = [
        Row(
            r.unit,
            r.name,
            {code: cell(r.cells[code]) for code in codes},
            _line_total([r.cells[code] for code in codes], exact, threshold),
            r.direct,
        )
        for r in raw.rows
    ]
    totals = {
        code: _line_total([r.cells[code] for r in raw.rows], exact, threshold) for code in codes
    }
    grand = _line_total([r.cells[code] for r in raw.rows for code in codes], exact, threshold)
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
    """The table `user` may read: 404 for a unit outside their scope of `measure`'s rows;
    exact for the Board, small cells hidden for everyone else."""
    if unit is None or not units_for(user, measure).filter(pk=unit.pk).exists():
        raise Http404
    raw = compute(unit, measure, as_of, user=user)
    return present(raw, exact=sees_exact(user, unit))
