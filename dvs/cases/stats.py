"""Figures of the petition work for a period and a unit subtree: the dashboard, its
Excel export, the API and (later) the six-month report read them from here."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from dvs.units.models import Unit

from .models import OPEN_STATUSES, Channel, Kind, Status, SubjectArea


def long_running_months():
    return settings.CASE_LONG_RUNNING_MONTHS


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

    @property
    def on_time_share(self):
        return round(100 * self.resolved_on_time / self.resolved) if self.resolved else None


def _labelled(counts, choices):
    labels = dict(choices)
    return [(key, labels.get(key, key), counts.get(key, 0)) for key in labels]


def summary(cases, start, end, unit=None, today=None):
    """`cases`: the user's scoped cases. Counts cases received in [start, end] by kind,
    channel, area and status; accepted and resolved in the period; and, as of today,
    the backlog, the overdue and the long-running ones. Linked repeats are not counted."""
    today = today or timezone.localdate()
    cases = cases.counted()
    if unit is not None:
        cases = cases.filter(unit__path__startswith=unit.path)
    received = cases.filter(received_on__range=(start, end))
    # One pass over the period's cases, grouped by every breakdown at once (a few hundred
    # groups), instead of one scan per breakdown: with 200,000 cases each scan of a
    # city's year costs ~100 ms on SQLite (docs/performance.md).
    groups = list(
        received.values_list("kind", "channel", "subject_area", "status")
        .annotate(n=Count("pk"), accepted=Count("pk", filter=Q(accepted_on__range=(start, end))))
        .order_by()
    )
    figures = {
        "received": sum(row[4] for row in groups),
        "accepted": sum(row[5] for row in groups),
    }
    resolved = cases.filter(concluded_on__range=(start, end)).aggregate(
        resolved=Count("pk"), on_time=Count("pk", filter=Q(resolved_on_time=True))
    )
    open_cases = cases.filter(status__in=OPEN_STATUSES)
    cutoff = today - timedelta(days=round(30.44 * long_running_months()))
    current = open_cases.aggregate(
        backlog=Count("pk"),
        overdue=Count(
            "pk",
            filter=Q(status=Status.RECEIVED, accept_by__lt=today)
            | Q(status=Status.ACCEPTED, resolve_by__lt=today),
        ),
        long_running=Count("pk", filter=Q(received_on__lt=cutoff)),
    )

    def grouped(name):
        position = ("kind", "channel", "subject_area", "status").index(name)
        counts = {}
        for row in groups:
            counts[row[position]] = counts.get(row[position], 0) + row[4]
        return counts

    areas = grouped("subject_area")
    return Summary(
        received=figures["received"],
        accepted=figures["accepted"],
        resolved=resolved["resolved"],
        resolved_on_time=resolved["on_time"],
        backlog=current["backlog"],
        overdue=current["overdue"],
        long_running=current["long_running"],
        by_kind=_labelled(grouped("kind"), Kind.choices),
        by_channel=_labelled(grouped("channel"), Channel.choices),
        by_area=[(a.pk, a.name, areas.get(a.pk, 0)) for a in SubjectArea.objects.all()],
        by_status=_labelled(grouped("status"), Status.choices),
    )


def by_child_unit(cases, start, end, unit, today=None):
    """Drill-down: for each unit one level below `unit` (or the roots), received and
    resolved in the period and overdue now, over its whole subtree."""
    today = today or timezone.localdate()
    children = list(unit.get_children()) if unit else list(Unit.get_root_nodes())
    if not children:
        return []
    length = len(children[0].path)
    # Only the rows any column counts: most cases of past years count in none.
    relevant = (
        Q(received_on__range=(start, end))
        | Q(concluded_on__range=(start, end))
        | Q(status__in=(Status.RECEIVED, Status.ACCEPTED))
    )
    rows = (
        cases.counted()
        .filter(relevant, unit__path__startswith=unit.path if unit else "")
        .annotate(branch=Substr("unit__path", 1, length))
        .values("branch")
        .annotate(
            received=Count("pk", filter=Q(received_on__range=(start, end))),
            resolved=Count("pk", filter=Q(concluded_on__range=(start, end))),
            overdue=Count(
                "pk",
                filter=Q(status=Status.RECEIVED, accept_by__lt=today)
                | Q(status=Status.ACCEPTED, resolve_by__lt=today),
            ),
        )
        .order_by()
    )
    by_path = {row["branch"]: row for row in rows}
    empty = {"received": 0, "resolved": 0, "overdue": 0}
    return [(child, by_path.get(child.path, empty)) for child in children]


def summary_rows(figures, children):
    """The dashboard as rows for a spreadsheet."""
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
        *[(u.name, r["received"], r["resolved"], r["overdue"]) for u, r in children],
    ]
    return rows
