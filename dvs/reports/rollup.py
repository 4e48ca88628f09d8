"""Figures of a period: the platform's counts kept as narrow rows, rolled up the unit tree,
and the units' reported corrections on top.

`fill(period)` writes `IndicatorValue(period, unit, code, value)`: each capability's
`compute(start, end)` gives every unit's own count in one grouped query; then, from the
deepest level up, each parent's row becomes its own count plus the sum of its children's
rows (one ORM aggregate per level). A report then reads a few dozen rows instead of
scanning a million residents. Each indicator is filled in its own transaction and noted
in `FillState`, so an interrupted fill resumes where it stopped.

`figures(period, units)`: for each indicator of the template, the platform's count over a
unit's subtree, where each filed report replaces the platform's count of what it covers
by the figure it reported. What a report covers never overlaps another report:

- the report of a unit below the period's owner (a ward) covers the ward's whole subtree;
- the owner's own report (the city's) covers only what the city did itself: its own
  records for a computed indicator, its own work for one filled by hand. It adds to the
  wards' figures and never replaces them.

So a figure filled by hand rolls up as the sum of the reports (the city's own plus its
wards'), and a computed one as the platform's records with each report's corrections,
never counted twice. A unit's figure is always its own part plus its children's figures:
`summary()` gives that own part as a row of its own (`own`), so the rows by unit always
add up to the total.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from dvs.units.models import Unit

from .models import FillState, IndicatorValue, ReportValue, UnitReport
from .registry import computed_indicators

BATCH = 2000


def codes_to_fill(period):
    computed = computed_indicators()
    return [
        i["code"]
        for i in period.template.structure()["indicators"]
        if i["computed"] and i["code"] in computed
    ]


def fill(period, *, codes=None, restart=False, progress=None):
    """Fill (or resume filling) the period's platform figures; returns the codes filled."""
    codes = codes if codes is not None else codes_to_fill(period)
    state, _created = FillState.objects.get_or_create(period=period)
    if restart:
        state.done, state.finished_at = [], None
    state.started_at = timezone.now()
    state.save()
    filled = []
    for index, code in enumerate(codes):
        if code in state.done:
            continue
        with transaction.atomic():
            fill_indicator(period, code)
            state.done = [*state.done, code]
            state.save(update_fields=["done"])
        filled.append(code)
        if progress:
            progress(index + 1, len(codes))
    state.finished_at = timezone.now()
    state.save(update_fields=["finished_at"])
    return filled


def fill_indicator(period, code):
    indicator = computed_indicators()[code]
    own = {unit_id: n for unit_id, n in indicator.compute(period.start, period.end).items() if n}
    IndicatorValue.objects.filter(period=period, code=code).delete()
    if not own:
        return
    units = dict(Unit.objects.filter(pk__in=list(own)).values_list("pk", "depth"))
    IndicatorValue.objects.bulk_create(
        [IndicatorValue(period=period, unit_id=u, code=code, value=n) for u, n in own.items()],
        batch_size=BATCH,
    )
    deepest = max(units.values(), default=1)
    width = Unit.steplen
    for depth in range(deepest, 1, -1):
        # The totals of this level, summed per parent path: one aggregate query.
        sums = dict(
            IndicatorValue.objects.filter(period=period, code=code, unit__depth=depth)
            .annotate(parent=Substr("unit__path", 1, (depth - 1) * width))
            .values_list("parent")
            .annotate(total=Sum("value"))
            .order_by()
        )
        parents = dict(Unit.objects.filter(path__in=list(sums)).values_list("path", "pk"))
        existing = {
            row.unit_id: row
            for row in IndicatorValue.objects.filter(
                period=period, code=code, unit_id__in=list(parents.values())
            )
        }
        new, changed = [], []
        for path, total in sums.items():
            unit_id = parents.get(path)
            if unit_id is None:
                continue
            if unit_id in existing:
                existing[unit_id].value += total
                changed.append(existing[unit_id])
            else:
                new.append(IndicatorValue(period=period, unit_id=unit_id, code=code, value=total))
        IndicatorValue.objects.bulk_update(changed, ["value"], batch_size=BATCH)
        IndicatorValue.objects.bulk_create(new, batch_size=BATCH)


def is_filled(period):
    state = FillState.objects.filter(period=period).first()
    return bool(state and state.finished_at and set(codes_to_fill(period)) <= set(state.done))


def computed_for(period, unit):
    """{code: platform count over the unit's subtree} (0 where nothing was counted)."""
    return dict(
        IndicatorValue.objects.filter(period=period, unit=unit).values_list("code", "value")
    )


def own_counts(period, unit):
    """{code: platform count of the unit's own records}, those of the units below left out:
    its subtree's count less its children's (two queries)."""
    below = dict(
        IndicatorValue.objects.filter(
            period=period, unit__path__startswith=unit.path, unit__depth=unit.depth + 1
        )
        .values_list("code")
        .annotate(total=Sum("value"))
        .order_by()
    )
    return {
        code: value - (below.get(code) or 0) for code, value in computed_for(period, unit).items()
    }


def covered_counts(period, unit):
    """{code: platform count} of what the unit's own report covers: the owner of the
    period reports its own records (its units below report theirs), a unit below the owner
    its whole subtree."""
    if unit.pk == period.unit_id:
        return own_counts(period, unit)
    return computed_for(period, unit)


def own_share(total, parts, codes):
    """{code: total less the parts}: the part of a unit's figures that is its own, so
    that its own row and its children's rows add up to its total."""
    parts = list(parts)
    return {code: total.get(code, 0) - sum(p.get(code, 0) for p in parts) for code in codes}


def prefill(report):
    """Bring a report up to date as it opens now, in memory (no report row is written): a
    draft follows a changed template, and a computed figure not corrected by hand follows
    the platform's count. Sets `report.rows`, {code: ReportValue} in the template's order,
    and returns the rows a write must save (new ones unsaved, refreshed ones changed)."""
    report.follow_template()
    own = report.organisation_id is None
    if own and not is_filled(report.period):
        fill(report.period)  # once per period; the nightly task keeps it fresh
    computed = covered_counts(report.period, report.unit) if own else {}
    stored = {v.code: v for v in report.values.all()} if report.pk else {}
    report.rows, changed = {}, []
    for indicator in report.template_snapshot["indicators"]:
        code = indicator["code"]
        count = computed.get(code, 0) if indicator["computed"] and own else None
        row = stored.get(code)
        if row is None:
            row = ReportValue(report=report, code=code, computed=count, value=count)
            changed.append(row)
        elif report.editable and row.computed != count and not row.corrected:
            row.computed = row.value = count
            changed.append(row)
        report.rows[code] = row
    return changed


@dataclass
class Figures:
    unit: Unit
    values: dict = field(default_factory=dict)  # code -> figure
    computed: dict = field(default_factory=dict)  # code -> platform count
    reported_units: int = 0


def figures(period, units):
    """{unit.pk: Figures} for several units of the tree at once (a unit and its children)
    in a few queries, whatever the size of their subtrees. Each filed report in a unit's
    subtree replaces the platform's count of what it covers (`covered_counts`) by what it
    reported; the reports cover parts of the tree that never overlap."""
    units = list(units)
    if not units:
        return {}
    paths = [u.path for u in units]
    platform = defaultdict(dict)
    for unit_id, code, value in IndicatorValue.objects.filter(
        period=period, unit__in=units
    ).values_list("unit_id", "code", "value"):
        platform[unit_id][code] = value
    # The filed unit reports in these subtrees (organisation reports are narrative).
    filed = list(
        UnitReport.objects.filter(
            period=period,
            organisation__isnull=True,
            status__in=(UnitReport.Status.SUBMITTED, UnitReport.Status.ACCEPTED),
        )
        .filter(_under_any(paths))
        .values_list("pk", "unit_id", "unit__path")
    )
    # The owner's own report covers its own records only and always counts; below it, only
    # the highest filed report of a branch counts (a ward's report covers its subtree).
    below = {path for _pk, unit_id, path in filed if unit_id != period.unit_id}
    counted = [
        (pk, unit_id, path)
        for pk, unit_id, path in filed
        if unit_id == period.unit_id or not any(p != path and path.startswith(p) for p in below)
    ]
    reported = defaultdict(dict)
    for report_id, code, value in ReportValue.objects.filter(
        report_id__in=[pk for pk, _u, _p in counted]
    ).values_list("report_id", "code", "value"):
        reported[report_id][code] = value or 0
    covered = {}
    for _pk, unit_id, _path in counted:
        if unit_id == period.unit_id:
            covered[unit_id] = own_counts(period, period.unit)
    for unit_id, code, value in IndicatorValue.objects.filter(
        period=period, unit_id__in=[u for _pk, u, _p in counted if u != period.unit_id]
    ).values_list("unit_id", "code", "value"):
        covered.setdefault(unit_id, {})[code] = value
    codes = [i["code"] for i in period.template.structure()["indicators"]]
    result = {}
    for unit in units:
        values = {code: platform[unit.pk].get(code, 0) for code in codes}
        count = 0
        for report_id, unit_id, path in counted:
            if not path.startswith(unit.path):
                continue
            count += 1
            mine = covered.get(unit_id, {})
            # A code the report does not hold (the template changed since it was filed)
            # keeps the platform's count.
            for code, value in reported[report_id].items():
                if code in values:
                    values[code] += value - mine.get(code, 0)
        result[unit.pk] = Figures(unit, values, dict(platform[unit.pk]), count)
    return result


def _under_any(paths):
    from django.db.models import Q

    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(unit__path__startswith=path)
    return condition


@dataclass
class Row:
    code: str
    name: str
    unit: str
    value: int
    previous: int | None
    computed: int | None
    higher_is_better: bool | None = None

    @property
    def difference(self):
        return None if self.previous is None else self.value - self.previous

    @property
    def trend(self):
        """How the change reads: "good", "bad", "neutral" (a change that is neither, or
        an indicator that does not say), or "" (no change, or nothing to compare)."""
        if not self.difference:
            return ""
        if self.higher_is_better is None:
            return "neutral"
        return "good" if (self.difference > 0) == self.higher_is_better else "bad"

    @property
    def change(self):
        if self.previous in (None, 0):
            return None
        return round(100 * (self.value - self.previous) / self.previous, 1)


def directions(template):
    """{code: higher_is_better} of a template's indicators: what the template says, else
    what the capability declares for a computed one (None: neither)."""
    declared = {code: i.higher_is_better for code, i in computed_indicators().items()}
    return {
        i.code: i.higher_is_better
        if i.higher_is_better is not None
        else (declared.get(i.code) if i.source == i.Source.COMPUTED else None)
        for i in template.indicators.all()
    }


def summary(period, unit):
    """The unit's figures for the period against the previous period, per child unit, and
    the unit's own part (`own`: its own records and its own report), so that `own` and the
    children add up to the unit's figures."""
    structure = period.template.structure()
    children = list(unit.get_children())
    previous_period = period.previous()
    for needed in filter(None, (period, previous_period)):
        if not is_filled(needed):
            fill(needed)  # once per period; the nightly task keeps open periods fresh
    now = figures(period, [unit, *children])
    before = figures(previous_period, [unit]).get(unit.pk) if previous_period else None
    better = directions(period.template)
    rows = [
        Row(
            code=i["code"],
            name=i["name"],
            unit=i["unit"],
            value=now[unit.pk].values.get(i["code"], 0),
            previous=before.values.get(i["code"], 0) if before else None,
            computed=now[unit.pk].computed.get(i["code"]) if i["computed"] else None,
            higher_is_better=better.get(i["code"]),
        )
        for i in structure["indicators"]
    ]
    codes = [row.code for row in rows]
    own_report = (
        UnitReport.objects.filter(period=period, unit=unit, organisation__isnull=True)
        .only("pk", "status", "unit_id", "period_id")
        .first()
    )
    own = Figures(
        unit,
        own_share(now[unit.pk].values, (now[c.pk].values for c in children), codes),
        own_counts(period, unit),
        1 if own_report and own_report.filed else 0,
    )
    return {
        "period": period,
        "previous_period": previous_period,
        "unit": unit,
        "rows": rows,
        "children": [(child, now[child.pk]) for child in children],
        "own": own,
        "own_report": own_report,
        "filled_at": FillState.objects.filter(period=period).aggregate(t=Max("finished_at"))["t"],
    }
