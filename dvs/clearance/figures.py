"""The figures pages of land clearance: the city's projects and each route's wards.

They only read: every figure comes from `stats.py` over the segments the user sees
(`scope.scoped(user, Segment)`), so a ward officer's route total is the total of their
own wards, and the dashboard, the reports and the review count the same way.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from dvs.accounts import scope
from dvs.lib import charts as charts_lib

from . import stats
from .models import AffectedParty, Project

PERMISSION = "clearance.view_project"
DIALOGUE_SHOWN = 50


def _require(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _pct(value):
    return "—" if value is None else (f"{value}%").replace(".", ",")


def _km(value):
    return "" if value is None else (f"{value.normalize()}").replace(".", ",")


def _city_table(rollups):
    header = [
        _("Code"),
        _("Key project"),
        _("Wards with figures"),
        _("Affected"),
        _("Persuaded"),
        _("Agreed"),
        _("Paid"),
        _("Handed over"),
        _("% handed over"),
        _("Outstanding"),
        _("With obstacles"),
        _("Km cleared"),
        _("Wards to push"),
        _("Silent wards"),
    ]
    rows = []
    for rollup in rollups:
        figures = rollup.total
        rows.append(
            [
                rollup.project.code,
                rollup.project.name,
                f"{rollup.reporting}/{rollup.ward_count}",
                figures.affected,
                figures.persuaded,
                figures.agreed,
                figures.paid,
                figures.handed_over,
                _pct(figures.handed_over_pct),
                figures.outstanding,
                figures.with_obstacles,
                _km(figures.km_cleared),
                len(rollup.lagging),
                len(rollup.silent),
            ]
        )
    return header, rows


def _ward_table(rollup):
    header = [
        _("Ward"),
        _("From km"),
        _("To km"),
        _("Affected"),
        _("Persuaded"),
        _("Agreed"),
        _("Paid"),
        _("Handed over"),
        _("% handed over"),
        _("Outstanding"),
        _("With obstacles"),
        _("Km cleared"),
        _("Note"),
    ]
    rows = []
    for row in rollup.wards:
        figures = row.figures
        rows.append(
            [
                row.segment.ward.name,
                _km(row.segment.km_from),
                _km(row.segment.km_to),
                *(
                    (
                        figures.affected,
                        figures.persuaded,
                        figures.agreed,
                        figures.paid,
                        figures.handed_over,
                        _pct(figures.handed_over_pct),
                        figures.outstanding,
                        figures.with_obstacles,
                    )
                    if row.has_data
                    else ("",) * 8
                ),
                _km(figures.km_cleared),
                _ward_note(rollup.project, row),
            ]
        )
    total = rollup.total
    rows.append(
        [
            _route_label(rollup),
            "",
            "",
            total.affected,
            total.persuaded,
            total.agreed,
            total.paid,
            total.handed_over,
            _pct(total.handed_over_pct),
            total.outstanding,
            total.with_obstacles,
            _km(total.km_cleared),
            "",
        ]
    )
    return header, rows


def _route_label(rollup):
    return _("Whole route (%(reporting)s/%(wards)s wards with figures)") % {
        "reporting": rollup.reporting,
        "wards": rollup.ward_count,
    }


def _ward_note(project, row):
    notes = []
    if not row.has_data:
        notes.append(_("No figures yet"))
    if row.lagging:
        notes.append(_("to push"))
    if row.silent:
        notes.append(_("silent for %(days)s days") % {"days": row.silent_days})
    return "; ".join(notes)


def _xlsx(title, header, rows, filename):
    return charts_lib.xlsx_response([], filename, extra=[(title, header, rows)])


@require_safe
def city(request):
    """Every project the user sees, with the wards they see of each."""
    _require(request)
    rollups = stats.visible_summary(request.user)
    if request.GET.get("format") == "xlsx":
        header, rows = _city_table(rollups)
        return _xlsx(_("Key projects"), header, rows, "giai-phong-mat-bang.xlsx")
    context = {
        "title": _("Land clearance figures"),
        "rollups": [
            (r, reverse("clearance_figures_project", args=[r.project.code])) for r in rollups
        ],
        "total": stats.summary_total(rollups),
        "reporting": sum(r.reporting for r in rollups),
        "wards": sum(r.ward_count for r in rollups),
    }
    return TemplateResponse(request, "clearance/figures/city.html", context)


def _trend_chart(request, segment_ids):
    parties = AffectedParty.objects.filter(segment__in=segment_ids)
    rows = [
        (f"{month:%m/%Y}", [handed, agreed])
        for month, handed, agreed in stats.monthly_trend(parties, segment_ids=segment_ids)
    ]
    chart = charts_lib.bars(
        _("Monthly trend"),
        rows,
        series=[_("Handed over"), _("Agreed")],
        slug="trend",
        label_header=_("Month"),
        empty_text=_("Nothing handed over or agreed in the last twelve months."),
    )
    return charts_lib.with_exports(request, [chart])


@require_safe
def project(request, code):
    """A route's wards (those the user sees), its total, trend and parties to meet."""
    _require(request)
    project = get_object_or_404(Project.objects.visible_to(request.user), code=code)
    segments = stats.visible_segments(request.user, project)
    rollup = stats.route_rollup(project, segments=segments)
    parties = scope.scoped(request.user, AffectedParty).filter(
        project=project, segment__in=segments.values("pk")
    )
    # The trend counts what the ward table counts: the parties of the wards shown.
    charts = _trend_chart(request, [row.segment.pk for row in rollup.wards])
    if request.GET.get("format") == "xlsx":
        if request.GET.get("chart"):
            return charts_lib.xlsx_response(
                charts_lib.chosen(request, charts), f"xu-huong-{project.pk}.xlsx"
            )
        header, rows = _ward_table(rollup)
        return _xlsx(project.code, header, rows, f"giai-phong-mat-bang-{project.pk}.xlsx")
    dialogue = (
        parties.needs_dialogue()
        .select_related("segment__ward")
        .order_by("segment", "name_key", "pk")
    )
    context = {
        "title": project.name,
        "subtitle": project.code,
        "project": project,
        "rollup": rollup,
        "rows": [(row, _ward_note(project, row)) for row in rollup.wards],
        "route_label": _route_label(rollup),
        "charts": charts,
        "dialogue": dialogue[:DIALOGUE_SHOWN],
        "dialogue_count": dialogue.count(),
        "export_query": "format=xlsx",
    }
    return TemplateResponse(request, "clearance/figures/project.html", context)


def wards_to_push(user, limit):
    """The work list's lagging and silent wards of the projects under way the user
    sees, lagging first."""
    from dvs.accounts.dashboard import WorkItem

    from .models import ProjectStatus

    items = []
    for rollup in stats.visible_summary(user):
        if rollup.project.status != ProjectStatus.UNDER_WAY:
            continue
        url = reverse("clearance_figures_project", args=[rollup.project.code])
        route_pct = rollup.total.handed_over_pct
        for row in rollup.wards:
            if row.lagging:
                note = _("%(ward)s handed over against %(route)s for the route") % {
                    "ward": _pct(row.figures.handed_over_pct),
                    "route": _pct(route_pct),
                }
                items.append((0, rollup.project, row, url, note))
            elif row.silent:
                items.append((1, rollup.project, row, url, _ward_note(rollup.project, row)))
    items.sort(key=lambda item: item[0])
    return [
        WorkItem(
            f"{row.segment.ward.name} — {project.code}",
            url,
            note,
            "overdue" if order == 0 else "due_soon",
        )
        for order, project, row, url, note in items[:limit]
    ]
