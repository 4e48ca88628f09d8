"""Figures of the petition work for a period and a unit subtree: the dashboard, its
Excel export, the API and the periodic reports read them from here.

A period's figures are counters ("received", "kind:complaint", "status:accepted", …).
Whole months of the tally buckets the user sees whole (wards, units outside any ward)
come from the narrow rows of `CaseTally` (see tally.py); the days at the ends of the
period, and units whose ward the user does not see whole, are counted from the cases
themselves. With 200,000 cases a city's year sums a few thousand rows instead of reading
100,000 cases (docs/performance.md).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from dvs.accounts import scope
from dvs.lib import queries  # noqa: F401  (the __in_ids lookup)
from dvs.units.models import Level, Unit

from .models import (
    Case,
    CaseTally,
    Channel,
    Kind,
    Status,
    SubjectArea,
    open_now,
    open_on,
    overdue_now,
    overdue_on,
)

RECEIVED, ACCEPTED, RESOLVED, ON_TIME = "received", "accepted", "resolved", "on_time"
BREAKDOWNS = ("kind", "channel", "subject_area", "status")


def long_running_months():
    return settings.CASE_LONG_RUNNING_MONTHS


# Months ------------------------------------------------------------------------------------


def month_start(day):
    return day.replace(day=1)


def next_month(day):
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def month_end(month):
    return next_month(month) - timedelta(days=1)


def whole_months(start, end):
    """(first, last): the first and last month wholly inside [start, end], or None."""
    first = start if start.day == 1 else next_month(start)
    last = month_start(end)
    if next_month(last) - timedelta(days=1) > end:  # the end month is cut
        last = month_start(last - timedelta(days=1))
    return (first, last) if first <= last else None


def tallied_months(start, end, today=None):
    """The whole months of [start, end] the tallies answer for. No case has a date after
    today (every step refuses one), so a period reaching today covers its month whole."""
    today = today or timezone.localdate()
    if end >= today:
        end = max(end, month_end(month_start(end)))
    return whole_months(start, end), end


def edges(start, end, months):
    """The parts of [start, end] outside the whole months (first, last)."""
    first, last = months
    parts = []
    if start < first:
        parts.append((start, first - timedelta(days=1)))
    after = next_month(last)
    if after <= end:
        parts.append((after, end))
    return parts


# Counters ----------------------------------------------------------------------------------


def counters(cases, start, end):
    """The period's counters over `cases` (rows), for [start, end]."""
    counts = Counter()
    received = cases.filter(received_on__range=(start, end))
    for *values, n in received.values_list(*BREAKDOWNS).annotate(n=Count("pk")).order_by():
        counts[RECEIVED] += n
        for name, value in zip(BREAKDOWNS, values, strict=True):
            counts[f"{name}:{value}"] += n
    counts[ACCEPTED] += cases.filter(accepted_on__range=(start, end)).count()
    resolved = cases.filter(concluded_on__range=(start, end)).aggregate(
        n=Count("pk"), on_time=Count("pk", filter=Q(resolved_on_time=True))
    )
    counts[RESOLVED] += resolved["n"]
    counts[ON_TIME] += resolved["on_time"]
    return +counts


def buckets(units):
    """Each unit's tally bucket (see CaseTally): its ward (the unit itself if it is
    one), or the unit itself outside any ward. `units`: {id: path}."""
    # Every ward and commune: a province has at most a few thousand.
    wards = dict(Unit.objects.filter(level=Level.COMMUNE).values_list("path", "pk"))
    bucket_of = {}
    for pk, path in units.items():
        bucket_of[pk] = next(
            (
                wards[path[:cut]]
                for cut in range(Unit.steplen, len(path) + 1, Unit.steplen)
                if path[:cut] in wards
            ),
            pk,
        )
    return bucket_of


# Above this many units in an area, its open cases are read through the status index
# rather than the unit index (`Area._open_now`): a ward of the scale city has 26 units, the
# city 5,201.
MANY_UNITS = 500


class Area:
    """The user's view of a unit subtree: the ids of its units, and the tally buckets
    it sees whole (a ward seen whole, a unit outside any ward)."""

    def __init__(self, user, unit=None):
        self.user, self.unit = user, unit
        # The units whose cases the user may see (through the scope door), as ids: the
        # database then starts from the cases' own indexes, not from the units (with a
        # join on paths SQLite reads a city's 200,000 cases unit by unit).
        units = scope.writable_anchor(user, Case, "view")
        if unit is not None:
            units = units.filter(path__startswith=unit.path)
        self.units = dict(units.values_list("pk", "path"))
        self.bucket_of = buckets(self.units)
        self.tallied = {b for b in self.bucket_of.values() if b in self.units}
        self.in_tallied = [u for u, b in self.bucket_of.items() if b in self.tallied]
        self.untallied = [u for u, b in self.bucket_of.items() if b not in self.tallied]
        self.cases = Case.objects.counted()
        self._as_of = {}

    def as_of(self, day, today):
        """{unit id: (backlog, overdue, long-running)} on `day`, from the dates on the
        cases (through the status indexes when `day` is today). One grouped query, kept:
        the dashboard's summary and its drill-down by unit read the same rows."""
        key = (day, today)
        if key not in self._as_of:
            cutoff = day - timedelta(days=round(30.44 * long_running_months()))
            late = Q(received_on__lt=cutoff)
            if day >= today:
                self._as_of[key] = self._open_now(today, late)
            else:
                rows = (
                    self.all_cases()
                    .filter(open_on(day))
                    .values_list("unit_id")
                    .annotate(
                        backlog=Count("pk"),
                        overdue=Count("pk", filter=overdue_on(day)),
                        long_running=Count("pk", filter=late),
                    )
                    .order_by()
                )
                self._as_of[key] = {unit: counts for unit, *counts in rows}
        return self._as_of[key]

    def _open_now(self, today, long_running):
        """`as_of` today: the open cases (a few percent of all) counted here. Grouped in
        SQL, SQLite walked the index on the unit over every case of a city to save the
        sort (0.6 s instead of 0.08 s for 200,000 cases, docs/performance.md)."""
        # A ward's few units: its cases through the unit index. A city's thousands: the
        # open cases of all through the status index, this area's kept by their unit.
        lookup = "in_ids_unindexed" if len(self.units) > MANY_UNITS else "in_ids"
        rows = (
            self.cases.filter(**{f"unit_id__{lookup}": self.units})
            .filter(open_now())
            .annotate(
                late=ExpressionWrapper(overdue_now(today), output_field=BooleanField()),
                long=ExpressionWrapper(long_running, output_field=BooleanField()),
            )
            .values_list("unit_id", "late", "long")
            .order_by()
        )
        counts = {}
        for unit, late, long in rows.iterator(chunk_size=5000):
            backlog, overdue, long_running_ = counts.get(unit, (0, 0, 0))
            counts[unit] = (backlog + 1, overdue + bool(late), long_running_ + bool(long))
        return counts

    def all_cases(self):
        return self.cases.filter(unit_id__in_ids=self.units)

    def tallied_cases(self):
        return self.cases.filter(unit_id__in_ids=self.in_tallied)

    def period_counters(self, start, end):
        months, end = tallied_months(start, end) if self.tallied else (None, end)
        if months is None:
            return counters(self.all_cases(), start, end)
        counts = tally_counters(list(self.tallied), months)
        for a, b in edges(start, end, months):
            counts += counters(self.tallied_cases(), a, b)
        if self.untallied:
            counts += counters(self.cases.filter(unit_id__in_ids=self.untallied), start, end)
        return counts


def tally_counters(bucket_ids, months, by_bucket=False, keys=None):
    first, last = months
    rows = CaseTally.objects.filter(unit_id__in=bucket_ids, month__range=(first, last))
    if keys:
        rows = rows.filter(key__in=keys)
    if by_bucket:
        result = {}
        grouped = rows.values_list("unit_id", "key").annotate(n=Sum("count")).order_by()
        for bucket, key, n in grouped:
            result.setdefault(bucket, Counter())[key] += n
        return result
    return Counter(dict(rows.values_list("key").annotate(n=Sum("count")).order_by()))


# The dashboard ------------------------------------------------------------------------------


@dataclass
class Summary:
    received: int = 0
    accepted: int = 0
    resolved: int = 0
    resolved_on_time: int = 0
    backlog: int = 0
    overdue: int = 0
    long_running: int = 0
    by_kind: list = field(default_factory=list)
    by_channel: list = field(default_factory=list)
    by_area: list = field(default_factory=list)
    by_status: list = field(default_factory=list)
    as_of: date | None = None  # the day backlog, overdue and long-running are counted on

    @property
    def on_time_share(self):
        return round(100 * self.resolved_on_time / self.resolved) if self.resolved else None


def _labelled(counts, name, choices):
    return [(key, label, counts.get(f"{name}:{key}", 0)) for key, label in choices]


def summary(area, start, end, today=None):
    """What the area (a user's view of a unit subtree) received in [start, end] by kind,
    channel, area and (current) status; accepted and resolved in the period; and, as of
    the period's last day (today for a period not yet over), the backlog, the overdue and
    the long-running cases, from the dates on the cases. Overdue also counts the cases
    resolved late within the period (as the report indicator `cases_overdue` does).
    Linked repeats are not counted."""
    today = today or timezone.localdate()
    day = min(end, today)
    counts = area.period_counters(start, end)
    backlog, overdue, long_running = (
        sum(column) for column in zip(*area.as_of(day, today).values(), (0, 0, 0), strict=True)
    )
    # Concluded within the period and not on time (the tallies' resolved minus on time).
    resolved_late = counts[RESOLVED] - counts[ON_TIME]
    areas = [(a.pk, a.name) for a in SubjectArea.objects.all()]
    return Summary(
        received=counts[RECEIVED],
        accepted=counts[ACCEPTED],
        resolved=counts[RESOLVED],
        resolved_on_time=counts[ON_TIME],
        backlog=backlog,
        overdue=overdue + resolved_late,
        long_running=long_running,
        by_kind=_labelled(counts, "kind", Kind.choices),
        by_channel=_labelled(counts, "channel", Channel.choices),
        by_area=_labelled(counts, "subject_area", areas),
        by_status=_labelled(counts, "status", Status.choices),
        as_of=day,
    )


def by_child_unit(area, start, end, today=None):
    """Drill-down: for each unit one level below `unit` (or the top of the user's
    scope) that the user sees, received and resolved in the period and overdue in it (as
    `summary` counts them), over its whole subtree."""
    today = today or timezone.localdate()
    day = min(end, today)  # the day overdue is counted on
    unit = area.unit
    if unit is None:
        children = scope.top_units(area.user)
    else:
        below = Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1)
        children = [child for child in below if child.pk in area.units]
    if not children:
        return []
    child_by_path = {child.path: child.pk for child in children}
    child_of = {}
    for pk, path in area.units.items():
        for cut in range(Unit.steplen, len(path) + 1, Unit.steplen):
            if path[:cut] in child_by_path:
                child_of[pk] = child_by_path[path[:cut]]
                break
    rows = {child.pk: Counter() for child in children}

    def add(counts_by_unit, key):
        for unit_id, n in counts_by_unit:
            if unit_id in child_of:
                rows[child_of[unit_id]][key] += n

    def raw(cases, a, b):
        add(_per_unit(cases.filter(received_on__range=(a, b))), RECEIVED)
        concluded = cases.filter(concluded_on__range=(a, b))
        add(_per_unit(concluded), RESOLVED)
        add(_per_unit(concluded.filter(resolved_on_time=True)), ON_TIME)

    months, end = tallied_months(start, end, today) if area.tallied else (None, end)
    if months:
        # Buckets wholly inside a child (a ward, a unit outside wards) from the tallies.
        inside = {b for b in area.tallied if b in child_of}
        keys = [RECEIVED, RESOLVED, ON_TIME]
        tallies = tally_counters(list(inside), months, by_bucket=True, keys=keys)
        for bucket, counts in tallies.items():
            for key in keys:
                rows[child_of[bucket]][key] += counts[key]
        in_buckets = [u for u in area.in_tallied if area.bucket_of[u] in inside]
        for a, b in edges(start, end, months):
            raw(area.cases.filter(unit_id__in_ids=in_buckets), a, b)
        counted = set(in_buckets)
        others = [u for u in child_of if u not in counted]
        if others:
            raw(area.cases.filter(unit_id__in_ids=others), start, end)
    else:
        raw(area.all_cases(), start, end)
    # Overdue as `summary` counts it: overdue on the period's last day (through the status
    # indexes when that is today), plus concluded late within the period (resolved less
    # on time, from the same tallies as above).
    add(((unit, n) for unit, (_b, n, _l) in area.as_of(day, today).items()), "overdue")
    return [
        (
            child,
            {
                "received": rows[child.pk][RECEIVED],
                "resolved": rows[child.pk][RESOLVED],
                "overdue": rows[child.pk]["overdue"]
                + rows[child.pk][RESOLVED]
                - rows[child.pk][ON_TIME],
            },
        )
        for child in children
    ]


def months_of(start, end):
    """The first day of each month [start, end] touches."""
    month, months = month_start(start), []
    while month <= end:
        months.append(month)
        month = next_month(month)
    return months


def previous_months(start, end):
    """The period to compare with: as many whole months, just before the period's first."""
    count = len(months_of(start, end))
    first = month_start(start)
    for _i in range(count):
        first = month_start(first - timedelta(days=1))
    return first, month_start(start) - timedelta(days=1)


def received_by_month(area, start, end, today=None):
    """{first day of month: cases received in [start, end] that month}, as `summary`
    counts received: whole months of the buckets seen whole from the tallies (one grouped
    query), the rest from the cases (one grouped query each)."""
    from django.db.models.functions import TruncMonth

    result = dict.fromkeys(months_of(start, end), 0)

    def raw(cases, a, b):
        rows = (
            cases.filter(received_on__range=(a, b))
            .annotate(month=TruncMonth("received_on"))
            .values_list("month")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for month, n in rows:
            month = month.date() if hasattr(month, "date") else month
            result[month_start(month)] += n

    months, end = tallied_months(start, end, today) if area.tallied else (None, end)
    if months is None:
        raw(area.all_cases(), start, end)
    else:
        tallies = (
            CaseTally.objects.filter(
                unit_id__in=list(area.tallied), month__range=months, key=RECEIVED
            )
            .values_list("month")
            .annotate(n=Sum("count"))
            .order_by()
        )
        for month, n in tallies:
            result[month] = result.get(month, 0) + n
        for a, b in edges(start, end, months):
            raw(area.tallied_cases(), a, b)
        if area.untallied:
            raw(area.cases.filter(unit_id__in_ids=area.untallied), start, end)
    return {month: n for month, n in result.items() if month <= end}


def received_by_month_compared(area, start, end, today=None):
    """(this period's {month: received}, the previous months' list of received): one
    count over both when the period starts on the 1st (the usual case), else two."""
    previous_start, previous_end = previous_months(start, end)
    if start.day != 1:
        now = received_by_month(area, start, end, today)
        before = received_by_month(area, previous_start, previous_end, today)
        return now, list(before.values())
    both = received_by_month(area, previous_start, end, today)
    now = {month: n for month, n in both.items() if month >= start}
    return now, [n for month, n in both.items() if month < start]


def _per_unit(cases):
    return cases.values_list("unit_id").annotate(n=Count("pk")).order_by()


def own_row(area, figures, children):
    """The drill-down's row of the area's unit itself: the cases received at its own level
    (the city's, not its wards'), so that the rows add up to the totals above them (same
    counts as `summary`, less the children's). None when the rows are not the children of
    one unit."""
    if area.unit is None or not children:
        return None
    total = {"received": figures.received, "resolved": figures.resolved, "overdue": figures.overdue}
    return {key: n - sum(row[key] for _child, row in children) for key, n in total.items()}


def summary_rows(figures, children, own=None, unit=None):
    """The dashboard as rows for a spreadsheet (`own`: the unit's own row, see own_row)."""
    own_rows = [(_("%(unit)s (own records)") % {"unit": unit.name}, *own.values())] if own else []
    rows = [
        (_("Received"), figures.received),
        (_("Accepted"), figures.accepted),
        (_("Resolved"), figures.resolved),
        (_("Resolved on time"), figures.resolved_on_time),
        (_("Backlog (open)"), figures.backlog),
        (_("Overdue"), figures.overdue),
        (_("Long-running"), figures.long_running),
        (),
        (_("By kind"),),
        *[(label, n) for _key, label, n in figures.by_kind],
        (),
        (_("By channel"),),
        *[(label, n) for _key, label, n in figures.by_channel],
        (),
        (_("By subject area"),),
        *[(label, n) for _key, label, n in figures.by_area],
        (),
        (_("By status"),),
        *[(label, n) for _key, label, n in figures.by_status],
        (),
        (_("Unit"), _("Received"), _("Resolved"), _("Overdue")),
        *own_rows,
        *[(u.name, r["received"], r["resolved"], r["overdue"]) for u, r in children],
    ]
    return rows
