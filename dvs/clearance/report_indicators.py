"""Indicators of land clearance advocacy for periodic reports (format:
dvs/reports/registry.py), each keyed by the ward of the party's segment.

The parties' counts (affected, persuaded, agreed, paid, handed over, outstanding, with
obstacles) are those of the figures pages as of the period's last day: the same
`stats._counts_by_segment(…, as_of=end)`, added up per ward, so a report and the
dashboard on the same date agree (see stats.py for what "as of" means). Visits,
opinion meetings, dialogues and enforcements count those dated within the period. The
km cleared are the segments' current figure, in metres (reports hold whole numbers).
"""

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import stats
from .models import AdvocacyVisit, AffectedParty, Milestone, MilestoneKind, Segment


def figures_by_ward(end):
    """{ward_id: Figures} of every segment's parties as of `end`."""
    wards = dict(Segment.objects.values_list("pk", "ward_id"))
    found = {}
    for segment_id, figures in stats._counts_by_segment(AffectedParty.objects.all(), end).items():
        found.setdefault(wards[segment_id], stats.Figures()).add(figures)
    return found


def _party_count(name):
    def compute(start, end):
        return {ward: getattr(f, name) for ward, f in figures_by_ward(end).items()}

    compute.__name__ = name
    return compute


def visits(start, end):
    return dict(
        AdvocacyVisit.objects.filter(on__range=(start, end))
        .order_by()
        .values_list("party__segment__ward_id")
        .annotate(n=Count("pk"))
    )


def _milestones(kind):
    def compute(start, end):
        return dict(
            Milestone.objects.filter(kind=kind, on__range=(start, end), not_applicable=False)
            .order_by()
            .values_list("segment__ward_id")
            .annotate(n=Count("pk"))
        )

    return compute


def metres_cleared(start, end):
    rows = (
        Segment.objects.filter(km_cleared__isnull=False)
        .order_by()
        .values_list("ward_id")
        .annotate(km=Sum("km_cleared"))
    )
    return {ward: int(km * 1000) for ward, km in rows}


AS_OF = _("As of the period's last day, from the dates on the party's steps and visits.")
PARTIES = _("affected parties")

INDICATORS = [
    {
        "code": "clearance_affected",
        "name": _("Parties affected by land recovery"),
        "unit": PARTIES,
        "compute": _party_count("affected"),
        "help": _("Every affected party on the books of a key project's segment."),
    },
    {
        "code": "clearance_persuaded",
        "name": _("Affected parties persuaded"),
        "unit": PARTIES,
        "higher_is_better": True,
        "compute": _party_count("persuaded"),
        "help": _("Parties visited at least once by the period's last day."),
    },
    {
        "code": "clearance_agreed",
        "name": _("Affected parties agreeing"),
        "unit": PARTIES,
        "higher_is_better": True,
        "compute": _party_count("agreed"),
        "help": AS_OF,
    },
    {
        "code": "clearance_paid",
        "name": _("Affected parties paid"),
        "unit": PARTIES,
        "higher_is_better": True,
        "compute": _party_count("paid"),
        "help": AS_OF,
    },
    {
        "code": "clearance_handed_over",
        "name": _("Affected parties that handed over their land"),
        "unit": PARTIES,
        "higher_is_better": True,
        "compute": _party_count("handed_over"),
        "help": AS_OF,
    },
    {
        "code": "clearance_outstanding",
        "name": _("Affected parties yet to hand over"),
        "unit": PARTIES,
        "higher_is_better": False,
        "compute": _party_count("outstanding"),
        "help": AS_OF,
    },
    {
        "code": "clearance_with_obstacles",
        "name": _("Affected parties with obstacles"),
        "unit": PARTIES,
        "higher_is_better": False,
        "compute": _party_count("with_obstacles"),
        "help": _("Parties with an obstacle open on the period's last day, once however many."),
    },
    {
        "code": "clearance_visits",
        "name": _("Number of advocacy visits"),
        "unit": pgettext_lazy("advocacy", "visits"),
        "higher_is_better": True,
        "compute": visits,
        "help": _("Advocacy visits dated within the period."),
    },
    {
        "code": "clearance_opinion_meetings",
        "name": _("Opinion meetings on compensation plans"),
        "unit": _("meetings"),
        "compute": _milestones(MilestoneKind.OPINION_MEETING),
        "help": _("Opinion meetings dated within the period."),
    },
    {
        "code": "clearance_dialogues",
        "name": _("Dialogues on compensation plans"),
        "unit": _("dialogues"),
        "compute": _milestones(MilestoneKind.DIALOGUE),
        "help": _("Dialogues dated within the period."),
    },
    {
        "code": "clearance_enforcements",
        "name": _("Enforcements carried out"),
        "unit": _("enforcements"),
        "higher_is_better": False,
        "compute": _milestones(MilestoneKind.ENFORCEMENT),
        "help": _("Enforcements carried out within the period."),
    },
    {
        "code": "clearance_metres_cleared",
        "name": _("Land cleared along key routes"),
        "unit": _("metres"),
        "higher_is_better": True,
        "compute": metres_cleared,
        "help": _("The segments' km cleared as last entered, in metres."),
    },
]


def review_tables(period, unit):
    """The six-month review's table "Công tác tham gia bồi thường, GPMB": each key project
    running through the unit's subtree, with the figures of its segments there as of the
    period's end, counted by the same roll-up as the figures pages (stats.city_summary)."""
    from django.db.models import Q

    from .models import Project

    segments = Segment.objects.filter(ward__path__startswith=unit.path)
    projects = Project.objects.filter(
        Q(pk__in=segments.values("project_id")) | Q(unit__path__startswith=unit.path)
    ).order_by("code")
    rollups = stats.city_summary(projects, segments=segments, as_of=period.end)
    if not rollups:
        return []
    complaints = stats.complaints_by_project(segments, as_of=period.end)
    rows = [
        [
            f"{r.project.code} — {r.project.name}",
            r.total.affected,
            r.total.agreed,
            r.total.handed_over,
            r.total.outstanding,
            complaints.get(r.project.pk, 0),
        ]
        for r in rollups
    ]
    return [
        {
            "area": "clearance",
            "title": "Kết quả tham gia bồi thường, giải phóng mặt bằng các dự án trọng điểm "
            f"(đến ngày {period.end:%d/%m/%Y})",
            "header": [
                "Dự án",
                "Số hộ bị ảnh hưởng",
                "Đã đồng ý",
                "Đã bàn giao",
                "Chưa bàn giao",
                "Khiếu nại",
            ],
            "rows": rows,
        }
    ]
