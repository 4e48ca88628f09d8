"""The figures of land clearance: a route's roll-up per ward and in total.

STUB (issue 14, part "figures"): the shapes below are the contract the screens, the API
and the reports use; a simple version of the roll-up is given so that the other parts
can show figures; that part makes it complete and fast.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .models import AffectedParty


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


@dataclass
class WardRow:
    segment: object
    figures: Figures
    has_data: bool  # the ward has sent something ("Chưa có số liệu" when not)
    silent: bool = False  # nothing for the project's silent_days
    lagging: bool = False  # trails the route's rate by more than project.lag_points


@dataclass
class Rollup:
    project: object
    wards: list[WardRow] = field(default_factory=list)
    total: Figures = field(default_factory=Figures)

    @property
    def reporting(self):
        return sum(1 for row in self.wards if row.has_data)

    @property
    def ward_count(self):
        return len(self.wards)


def route_rollup(project, *, segments=None, today=None):
    """The project's figures per ward (all its segments, or `segments`: those a user
    sees) and in total."""
    rollup = Rollup(project=project)
    segments = segments if segments is not None else project.segments.all()
    for segment in segments.select_related("ward"):
        parties = AffectedParty.objects.filter(segment=segment)
        figures = Figures(
            affected=parties.count(),
            persuaded=parties.filter(visit_count__gt=0).count(),
            agreed=parties.filter(agreed=True).count(),
            paid=parties.filter(paid_on__isnull=False).count(),
            handed_over=parties.filter(handed_over_on__isnull=False).count(),
            with_obstacles=parties.with_open_obstacle().count(),
            km_cleared=segment.km_cleared,
        )
        rollup.wards.append(WardRow(segment, figures, has_data=figures.affected > 0))
        for name in ("affected", "persuaded", "agreed", "paid", "handed_over", "with_obstacles"):
            setattr(rollup.total, name, getattr(rollup.total, name) + getattr(figures, name))
    return rollup
