"""Figures of the movement: counts by field, level, status, unit and year, indicator
totals, replications and the ranking, for the back office, its Excel export and the API.

Every figure starts from `exemplars_for()`, the same scoped and filtered queryset the
API lists, so a total always equals the list's count. Each figure is one grouped query
(a few dozen groups at most), whatever the number of exemplars.
"""

from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from dvs.accounts import scope
from dvs.units.models import Unit

from . import rules
from .models import Evaluation, Exemplar, ExemplarField, Indicator, IndicatorValue, Level, Status


def _conditions(prefix="", *, field=None, level=None, unit=None, year=None, status=None):
    wanted = {
        "field__code": field,
        "level": level,
        "unit__path__startswith": unit.path if unit is not None else None,
        "year": year,
        "status": status,
    }
    return Q(**{f"{prefix}{lookup}": value for lookup, value in wanted.items() if value})


def exemplars_for(user, **filters):
    """Exemplars `user` may see, filtered: `field` a field code, `level`, `unit` a Unit
    (its subtree), `year` of registration, `status`."""
    return scope.scoped(user, Exemplar).filter(_conditions(**filters))


def rows_of(user, model, **filters):
    """Rows of a model hanging off an exemplar (evaluations, indicator values) of the
    exemplars `exemplars_for(user, **filters)` returns, as one join: the database reads
    them from the year's index instead of testing each against a list of exemplars."""
    return scope.scoped(user, model).filter(_conditions("exemplar__", **filters))


def counts(exemplars):
    """{"total", "by_field", "by_level", "by_status"}: one grouped query. Every field,
    level and status appears, with 0 where there is none."""
    fields = dict(ExemplarField.objects.values_list("pk", "code"))
    by_field = dict.fromkeys(fields.values(), 0)
    by_level = dict.fromkeys(Level.values, 0)
    by_status = dict.fromkeys(Status.values, 0)
    total = 0
    groups = exemplars.order_by().values_list("field_id", "level", "status").annotate(n=Count("pk"))
    for field_id, level, status, n in groups:
        total += n
        by_field[fields[field_id]] += n
        by_level[level] = by_level.get(level, 0) + n
        by_status[status] = by_status.get(status, 0) + n
    return {"total": total, "by_field": by_field, "by_level": by_level, "by_status": by_status}


def by_unit(exemplars, unit):
    """[(unit, count)] for `unit` itself and each unit one level below it, largest first."""
    width = len(unit.path) + Unit.steplen
    groups = dict(
        exemplars.order_by()
        .filter(unit__path__startswith=unit.path)
        .annotate(branch=Substr("unit__path", 1, width))
        .values_list("branch")
        .annotate(n=Count("pk"))
    )
    units = {u.path: u for u in Unit.objects.filter(path__in=list(groups))}
    rows = [(units[path], n) for path, n in groups.items() if path in units]
    return sorted(rows, key=lambda row: (-row[1], row[0].path))


def by_year(exemplars):
    return list(exemplars.order_by().values_list("year").annotate(n=Count("pk")).order_by("year"))


@dataclass
class IndicatorTotal:
    indicator: Indicator
    exemplars: int
    baseline: object
    target: object
    actual: object

    @property
    def achieved(self):
        """Actual as a percentage of target (None without a target)."""
        if not self.target or self.actual is None:
            return None
        return round(100 * self.actual / self.target, 1)


def indicator_totals(user, of_year, **filters):
    """Baseline, target and actual summed per indicator over the values of `of_year` of the
    exemplars `exemplars_for(user, **filters)` returns."""
    rows = (
        rows_of(user, IndicatorValue, **filters)
        .filter(year=of_year)
        .order_by()
        .values("indicator")
        .annotate(
            # One value per exemplar, indicator and year (a unique constraint): rows = exemplars.
            n=Count("pk"),
            baseline=Sum("baseline"),
            target=Sum("target"),
            actual=Sum("actual"),
        )
    )
    indicators = {i.pk: i for i in Indicator.objects.all()}
    totals = [
        IndicatorTotal(indicators[r["indicator"]], r["n"], r["baseline"], r["target"], r["actual"])
        for r in rows
    ]
    return sorted(totals, key=lambda t: (t.indicator.sort_order, t.indicator.name))


def replication(exemplars, limit=5):
    """Replicas among the exemplars, the trees they belong to, and the most replicated."""
    groups = list(
        exemplars.order_by()
        .filter(lineage_root__isnull=False)
        .values_list("lineage_root")
        .annotate(n=Count("pk"))
        .order_by("-n", "lineage_root")
    )
    top = groups[:limit]
    roots = Exemplar.objects.select_related("unit").in_bulk([root for root, _n in top])
    return {
        "replicas": sum(n for _root, n in groups),
        "trees": len(groups),
        "top": [(roots[root], n) for root, n in top if root in roots],
    }


@dataclass
class Ranked:
    rank: int
    exemplar: Exemplar
    score: object
    sheets: int


def ranking(user, of_year, limit=None, **filters):
    """Exemplars evaluated in `of_year`, best average total first, ties sharing a rank."""
    rows = (
        rows_of(user, Evaluation, **filters)
        .filter(year=of_year)
        .values_list("exemplar")
        .annotate(score=Avg("total"), sheets=Count("pk"))
        .order_by("-score", "exemplar")
    )
    rows = list(rows[:limit] if limit else rows)
    found = Exemplar.objects.select_related("unit", "field").in_bulk([r[0] for r in rows])
    ranks = rules.competition_ranks([round(r[1], 2) for r in rows])
    return [
        Ranked(rank, found[pk], round(score, 2), sheets)
        for rank, (pk, score, sheets) in zip(ranks, rows, strict=True)
        if pk in found
    ]


def latest_evaluated_year(user, years, **filters):
    """The latest of `years` with a score sheet (an indexed look-up per year, newest first)."""
    evaluations = rows_of(user, Evaluation, **filters)
    return next(
        (y for y in sorted(years, reverse=True) if evaluations.filter(year=y).exists()), None
    )


def report(user, *, unit, year=None, field=None, level=None, status=None, top=10):
    """Everything the statistics screen and its Excel export show.

    `year` filters the exemplars by year of registration (None: all years); indicator
    totals and the ranking are those of `year`, or of the latest year evaluated."""
    filters = {"unit": unit, "year": year, "field": field, "level": level, "status": status}
    exemplars = exemplars_for(user, **filters)
    years = by_year(exemplars)
    report_year = (
        year
        or latest_evaluated_year(user, [y for y, _n in years], **filters)
        or timezone.localdate().year
    )
    return {
        "unit": unit,
        "year": year,
        "report_year": report_year,
        "counts": counts(exemplars),
        "fields": list(ExemplarField.objects.all()),
        "by_unit": by_unit(exemplars, unit),
        "by_year": years,
        "indicators": indicator_totals(user, report_year, **filters),
        "replication": replication(exemplars),
        "ranking": ranking(user, report_year, limit=top, **filters),
    }


def registration(user, *, unit, year):
    """Who registered what in `year`, and what is missing: for each unit one level
    below `unit` (in scope), its registered exemplars; the units with none; exemplars
    of the year without indicators; and earlier exemplars still running that have no
    figures for the year."""
    exemplars = exemplars_for(user, unit=unit).select_related("unit", "field")
    registered = list(exemplars.filter(year=year).order_by("unit__path", "name"))
    children = list(
        scope.scoped(user, Unit).filter(path__startswith=unit.path, depth=unit.depth + 1)
    )
    rows = []
    for child in children:
        mine = [e for e in registered if e.unit.path.startswith(child.path)]
        rows.append({"unit": child, "exemplars": mine})
    own = [e for e in registered if e.unit_id == unit.pk]
    has_values = IndicatorValue.objects.filter(exemplar=OuterRef("pk"), year=year)
    without_indicators = [
        e for e in exemplars.filter(year=year).exclude(Exists(has_values)).order_by("name")
    ]
    not_reported = list(
        exemplars.filter(year__lt=year)
        .exclude(status=Status.STOPPED)
        .exclude(Exists(has_values))
        .order_by("unit__path", "name")[:200]
    )
    return {
        "rows": rows,
        "own": own,
        "missing_units": [row["unit"] for row in rows if not row["exemplars"]],
        "without_indicators": without_indicators,
        "not_reported": not_reported,
        "total": len(registered),
    }
