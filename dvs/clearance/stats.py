"""The figures of land clearance: a route's roll-up per ward and in total, a city's
summary across its projects, and the monthly trend.

Everything is counted by a few grouped queries over the stored state of the parties
(`visit_count`, `agreed`, `paid_on`, `handed_over_on`, recomputed by
`AffectedParty.refresh_state()` after each write), grouped by segment, plus one query
for the parties blocked by an open obstacle (a party counts once however many it has):
a city of 200 wards and 50,000 parties is read in the same number of queries as one
ward (bench/bench_clearance.py).

As of a date (`as_of`, for a period's report and the six-month review): a party counts
as paid when `paid_on <= as_of`, handed over when `handed_over_on <= as_of`, persuaded
when it has a visit dated by then, agreed when handed over by then or when its last
visit by then ended "agrees", blocked by the obstacles open on that day
(`Obstacle.objects.open(on=as_of)`). Every party on the books counts as affected
(parties are not dated: one entered late was affected all along), and the km cleared
are the segment's current figure (no history is kept of it). Without `as_of` the
stored state is read as it is now; for today both give the same counts.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import CharField, Count, Exists, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Cast, Substr
from django.utils import timezone

from .models import AdvocacyVisit, AffectedParty, Obstacle, Outcome, Project, Segment

COUNTS = ("affected", "persuaded", "agreed", "paid", "handed_over", "with_obstacles")


@dataclass
class Figures:
    affected: int = 0
    persuaded: int = 0  # visited at least once
    agreed: int = 0
    paid: int = 0
    handed_over: int = 0
    with_obstacles: int = 0  # a party with several open obstacles counts once
    km_cleared: Decimal | None = None

    @property
    def outstanding(self):
        return self.affected - self.handed_over

    @property
    def handed_over_pct(self):
        """Percent handed over, one decimal, or None without parties."""
        if not self.affected:
            return None
        return round(100 * self.handed_over / self.affected, 1)

    def add(self, other):
        """Add `other`'s counts (and km) to these."""
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        if other.km_cleared is not None:
            self.km_cleared = (self.km_cleared or Decimal(0)) + other.km_cleared


@dataclass
class WardRow:
    segment: object
    figures: Figures
    has_data: bool  # the ward has sent something ("Chưa có số liệu" when not)
    silent: bool = False  # nothing for the project's silent_days
    lagging: bool = False  # trails the route's rate by more than project.lag_points
    silent_days: int | None = None  # days since its last report, when known


@dataclass
class Rollup:
    project: object
    wards: list[WardRow] = field(default_factory=list)
    total: Figures = field(default_factory=Figures)
    as_of: datetime.date | None = None

    @property
    def reporting(self):
        return sum(1 for row in self.wards if row.has_data)

    @property
    def ward_count(self):
        return len(self.wards)

    @property
    def lagging(self):
        return [row for row in self.wards if row.lagging]

    @property
    def silent(self):
        return [row for row in self.wards if row.silent]

    @property
    def complete(self):
        """Every ward has reported and every party has handed over."""
        return (
            bool(self.wards)
            and self.reporting == self.ward_count
            and self.total.affected > 0
            and self.total.outstanding == 0
        )


def _counts_by_segment(parties, as_of=None, segment_ids=None):
    """{segment_id: Figures} of `parties` (a queryset), in two grouped queries.
    `segment_ids`: the segments `parties` is limited to, so that the obstacles are
    joined to their party's segment instead of tested against a subquery of every
    party's id (0.3 s on SQLite for 30,000 parties)."""
    if as_of is None:
        aggregates = {
            "affected": Count("pk"),
            "persuaded": Count("pk", filter=Q(visit_count__gt=0)),
            "agreed": Count("pk", filter=Q(agreed=True)),
            "paid": Count("pk", filter=Q(paid_on__isnull=False)),
            "handed_over": Count("pk", filter=Q(handed_over_on__isnull=False)),
        }
        open_obstacles = Obstacle.objects.open()
    else:
        visits = AdvocacyVisit.objects.filter(party=OuterRef("pk"), on__lte=as_of)
        last_outcome = visits.order_by("-on", "-pk").values("outcome")[:1]
        parties = parties.annotate(_visited=Exists(visits), _last_outcome=Subquery(last_outcome))
        handed = Q(handed_over_on__lte=as_of)
        aggregates = {
            "affected": Count("pk"),
            "persuaded": Count("pk", filter=Q(_visited=True)),
            "agreed": Count("pk", filter=handed | Q(_last_outcome=Outcome.AGREES)),
            "paid": Count("pk", filter=Q(paid_on__lte=as_of)),
            "handed_over": Count("pk", filter=handed),
        }
        open_obstacles = Obstacle.objects.open(on=as_of)
    found = {}
    for row in parties.order_by().values("segment_id").annotate(**aggregates):
        found[row["segment_id"]] = Figures(**{name: row[name] for name in aggregates})
    if segment_ids is not None:
        open_obstacles = open_obstacles.filter(party__segment_id__in=segment_ids)
    else:
        open_obstacles = open_obstacles.filter(party__in=parties.values("pk"))
    blocked = (
        open_obstacles.order_by()
        .values("party__segment_id")
        .annotate(n=Count("party_id", distinct=True))
    )
    for row in blocked:
        found.setdefault(row["party__segment_id"], Figures()).with_obstacles = row["n"]
    return found


def _local_date(moment):
    return timezone.localdate(moment) if moment else None


def _rows(project, segments, counts, today):
    rollup = Rollup(project=project)
    for segment in segments:
        figures = counts.get(segment.pk) or Figures()
        figures.km_cleared = segment.km_cleared
        last = _local_date(segment.last_reported_at)
        days = (today - last).days if last else None
        rollup.wards.append(
            WardRow(
                segment,
                figures,
                has_data=figures.affected > 0,
                # A ward that never reported is already the red "no figures" row.
                silent=days is not None and days > project.silent_days,
                silent_days=days,
            )
        )
        rollup.total.add(figures)
    route_pct = rollup.total.handed_over_pct
    if route_pct is not None:
        for row in rollup.wards:
            pct = row.figures.handed_over_pct
            row.lagging = row.has_data and pct is not None and route_pct - pct > project.lag_points
    return rollup


def route_rollup(project, *, segments=None, today=None, as_of=None):
    """The project's figures per ward (all its segments, or `segments`: those a user
    sees) and in total (the total of the wards shown). `as_of`: count as of that day
    (see the module's docstring); `today` (default: as_of, else the local date) is the
    day "silent for N days" is measured from. Lagging: a ward with figures whose %
    handed over trails the route's by more than `project.lag_points`."""
    today = today or as_of or timezone.localdate()
    segments = segments if segments is not None else project.segments.all()
    segments = list(segments.filter(project=project).select_related("ward"))
    ids = [s.pk for s in segments]
    parties = AffectedParty.objects.filter(segment__in=ids)
    rollup = _rows(project, segments, _counts_by_segment(parties, as_of, ids), today)
    rollup.as_of = as_of
    return rollup


def city_summary(projects, *, segments=None, today=None, as_of=None):
    """One Rollup per project of `projects` (in their order), each from the segments of
    `segments` (default: all), counted together in the same few queries whatever the
    number of projects."""
    today = today or as_of or timezone.localdate()
    projects = list(projects)
    segments = segments if segments is not None else Segment.objects.all()
    segments = list(segments.filter(project__in=[p.pk for p in projects]).select_related("ward"))
    ids = [s.pk for s in segments]
    parties = AffectedParty.objects.filter(segment__in=ids)
    counts = _counts_by_segment(parties, as_of, ids)
    by_project = {}
    for segment in segments:
        by_project.setdefault(segment.project_id, []).append(segment)
    rollups = []
    for project in projects:
        rollup = _rows(project, by_project.get(project.pk, []), counts, today)
        rollup.as_of = as_of
        rollups.append(rollup)
    return rollups


def summary_total(rollups):
    """The Figures of several roll-ups added up (a city's line of totals)."""
    total = Figures()
    for rollup in rollups:
        total.add(rollup.total)
    return total


def visible_segments(user, project=None):
    """The segments `user` sees (scoped), of `project` when given: the rows a roll-up
    shows to that user."""
    from dvs.accounts import scope

    segments = scope.scoped(user, Segment)
    if project is not None:
        segments = segments.filter(project=project)
    return segments


def visible_summary(user, *, as_of=None):
    """The city summary of the projects `user` sees, each with the wards they see."""
    projects = Project.objects.visible_to(user).order_by("code")
    return city_summary(projects, segments=visible_segments(user), as_of=as_of)


def _month_starts(end, months):
    first = end.replace(day=1)
    starts = []
    for _i in range(months):
        starts.append(first)
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return list(reversed(starts))


def monthly_trend(parties, *, end=None, months=12, segment_ids=None):
    """[(first day of month, handed over, agreed)] for the `months` months up to `end`:
    parties handed over in each month (by `handed_over_on`) and parties agreeing in
    each month (by the date of a visit that ended "agrees", a party once per month).
    `segment_ids`: the segments `parties` is limited to (a faster join)."""
    end = end or timezone.localdate()
    starts = _month_starts(end, months)
    start = starts[0]
    # Grouped by the day (read from the covering index), then bucketed by month here:
    # truncating in SQLite calls a Python function per row.
    handed = {}
    for day, n in (
        parties.filter(handed_over_on__range=(start, end))
        .order_by()
        .values_list("handed_over_on")
        .annotate(n=Count("pk"))
    ):
        month = day.replace(day=1)
        handed[month] = handed.get(month, 0) + n
    visits = AdvocacyVisit.objects.filter(outcome=Outcome.AGREES, on__range=(start, end))
    if segment_ids is not None:  # a join on the party's segment, not a subquery of ids
        visits = visits.filter(party__segment_id__in=segment_ids)
    else:
        visits = visits.filter(party__in=parties.values("pk"))
    # The month as the date's text "YYYY-MM", computed by the database itself: SQLite's
    # TruncMonth calls a Python function per row (~200 ms for a 200-ward route).
    agreed = {
        datetime.date(int(month[:4]), int(month[5:7]), 1): n
        for month, n in visits.annotate(month=Substr(Cast("on", CharField()), 1, 7))
        .order_by()
        .values_list("month")
        .annotate(n=Count("party_id", distinct=True))
    }
    return [(month, handed.get(month, 0), agreed.get(month, 0)) for month in starts]


def km_cleared(segments):
    """The km cleared of `segments`, summed (None when none says)."""
    return segments.aggregate(km=Sum("km_cleared"))["km"]


def complaints_by_project(segments, *, as_of=None):
    """{project_id: complaint cases} of `segments`' parties: the distinct cases linked
    to their obstacles open on `as_of` (default: now), a case counted once however many
    parties or obstacles it links."""
    obstacles = Obstacle.objects.open(on=as_of) if as_of else Obstacle.objects.open()
    return dict(
        obstacles.filter(case__isnull=False, party__segment__in=segments.values("pk"))
        .order_by()
        .values_list("party__project_id")
        .annotate(n=Count("case_id", distinct=True))
    )
