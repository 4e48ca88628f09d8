"""Back-office screens of the movement that are not plain listings: an exemplar's page
(indicators, evaluations and rank, recognitions, the replication tree and the actions),
statistics with charts and their Excel export, the yearly registration, replicating and
publishing; and the public showcase."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST, require_safe

from dvs.accounts import scope
from dvs.accounts.viewsets import ScopedInspectView
from dvs.lib import charts as charts_lib
from dvs.units.models import Unit

from . import actions, charts, stats
from .forms import ReplicateForm, StatsFilterForm
from .models import Exemplar, Level, Recognition, Status

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


# An exemplar's page ---------------------------------------------------------------------


class ExemplarInspectView(ScopedInspectView):
    template_name = "emulation/exemplar_inspect.html"

    def get_fields(self):
        # The template lays the exemplar out itself; and Wagtail's generic field listing
        # would take `get_field_display_value` for a display hook of our `field` field.
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exemplar, user = self.object, self.request.user
        evaluations = list(
            exemplar.evaluations.select_related("evaluator").prefetch_related("scores__criterion")
        )
        years = sorted({e.year for e in evaluations}, reverse=True)
        ranks = {}
        for year in years:
            for row in stats.ranking(user, year):
                if row.exemplar.pk == exemplar.pk:
                    ranks[year] = row
        ancestors, descendants = exemplar.replication_tree()
        context.update(
            {
                "exemplar": exemplar,
                "indicator_values": exemplar.indicator_values.select_related("indicator").order_by(
                    "-year", "indicator__sort_order"
                ),
                "evaluations": evaluations,
                "ranks": [(y, ranks[y]) for y in years if y in ranks],
                "recognitions": exemplar.recognitions.all(),
                "photos": exemplar.photos.select_related("image"),
                "documents": exemplar.documents.select_related("document"),
                "partners": exemplar.partners.all(),
                "ancestors": ancestors,
                "descendants": descendants,
                "replica_count": _count(descendants),
                "can_evaluate": actions.may_evaluate(user, exemplar),
                "can_recognise": scope.writable_anchor(user, Recognition, "add")
                .filter(pk=exemplar.pk)
                .exists(),
                "can_replicate": user.has_perm("emulation.add_exemplar"),
                "can_publish": user.has_perm("emulation.publish_exemplar")
                and scope.can(user, exemplar, "change"),
                "this_year": timezone.localdate().year,
            }
        )
        return context


def _count(tree):
    return sum(1 + _count(children) for _node, children in tree)


def _publication(request, pk, action, done):
    exemplar = scope.access(request.user, Exemplar, pk)
    try:
        action(exemplar, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done % {"name": exemplar})
    return redirect("exemplar:inspect", exemplar.pk)


@require_POST
def publish(request, pk):
    return _publication(request, pk, actions.publish, _("“%(name)s” is now shown on the portal."))


@require_POST
def unpublish(request, pk):
    return _publication(
        request, pk, actions.unpublish, _("“%(name)s” was removed from the portal.")
    )


def replicate(request, pk):
    _require(request, "emulation.add_exemplar")
    origin = scope.access(request.user, Exemplar, pk)
    form = ReplicateForm(request.POST or None, user=request.user, origin=origin)
    if request.method == "POST" and form.is_valid():
        try:
            replica = form.save()
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(
                request,
                _("“%(name)s” was replicated into %(unit)s.")
                % {"name": origin, "unit": replica.unit},
            )
            return redirect("exemplar:inspect", replica.pk)
    return TemplateResponse(request, "emulation/replicate.html", {"origin": origin, "form": form})


# Statistics and registration -----------------------------------------------------------


def _top_unit(request, code):
    tops = scope.top_units(request.user)
    if not tops:
        raise PermissionDenied
    if code:
        unit = scope.scoped(request.user, Unit).filter(code=code).first()
        if unit is None:
            raise Http404
        return unit
    return tops[0]


def _int(value):
    return int(value) if value and str(value).isdecimal() else None


def _report(request):
    _require(request, "emulation.view_exemplar")
    form = StatsFilterForm(request.GET or None, user=request.user)
    unit = _top_unit(request, request.GET.get("unit"))
    data = form.data
    return form, stats.report(
        request.user,
        unit=unit,
        year=_int(data.get("year")),
        field=data.get("field") or None,
        level=data.get("level") or None,
        status=data.get("status") or None,
    )


def _charts(request, report):
    """The statistics' charts, each with its table and a link to its Excel sheet."""
    counts = report["counts"]
    field_names = {f.code: f.name for f in report["fields"]}
    empty = {"empty_text": _("No exemplars."), "series": [_("Exemplars")]}
    return charts_lib.with_exports(
        request,
        [
            charts.bars(
                _("By field"),
                [(field_names[code], n) for code, n in counts["by_field"].items()],
                slug="field",
                label_header=_("Field"),
                **empty,
            ),
            charts.bars(
                _("By level"),
                [(Level(code).label, n) for code, n in counts["by_level"].items()],
                slug="level",
                label_header=_("Level"),
                **empty,
            ),
            charts.bars(
                _("By status"),
                [(Status(code).label, n) for code, n in counts["by_status"].items()],
                slug="status",
                label_header=_("Status"),
                **empty,
            ),
            charts.bars(
                _("By unit"),
                [(unit.name, n) for unit, n in report["by_unit"]][:25],
                slug="unit",
                label_header=_("Unit"),
                **empty,
            ),
            charts.bars(
                _("By year of registration"),
                [(str(y), n) for y, n in report["by_year"]],
                slug="year",
                label_header=_("Year of registration"),
                **empty,
            ),
        ],
    )


@require_safe
def statistics(request):
    form, report = _report(request)
    if request.GET.get("format") == "xlsx":
        chosen = charts_lib.chosen(request, _charts(request, report))
        return charts_lib.xlsx_response(chosen, "thong-ke-mo-hinh.xlsx")
    context = {
        "form": form,
        "report": report,
        "charts": _charts(request, report),
        "query": request.GET.urlencode(),
    }
    return TemplateResponse(request, "emulation/statistics.html", context)


@require_safe
def statistics_export(request):
    """The statistics screen as an Excel workbook, one sheet per table."""
    import openpyxl

    from dvs.lib.spreadsheet import xlsx_row

    _form, report = _report(request)
    counts = report["counts"]
    field_names = {f.code: f.name for f in report["fields"]}
    workbook = openpyxl.Workbook(write_only=True)

    def sheet(title, header, rows):
        ws = workbook.create_sheet(str(title)[:31])
        ws.append(xlsx_row(ws, header))
        for row in rows:
            ws.append(xlsx_row(ws, row))

    sheet(
        _("Summary"),
        [_("Unit"), _("Year of registration"), _("Exemplars")],
        [(report["unit"].name, report["year"] or _("All"), counts["total"])],
    )
    sheet(
        _("By field"),
        [_("Field"), _("Exemplars")],
        [(field_names[c], n) for c, n in counts["by_field"].items()],
    )
    sheet(
        _("By level"),
        [_("Level"), _("Exemplars")],
        [(Level(c).label, n) for c, n in counts["by_level"].items()],
    )
    sheet(
        _("By status"),
        [_("Status"), _("Exemplars")],
        [(Status(c).label, n) for c, n in counts["by_status"].items()],
    )
    sheet(
        _("By unit"),
        [_("Unit"), _("Unit code"), _("Exemplars")],
        [(u.name, u.code, n) for u, n in report["by_unit"]],
    )
    sheet(_("By year"), [_("Year of registration"), _("Exemplars")], report["by_year"])
    sheet(
        _("Indicators"),
        [
            _("Indicator"),
            _("Unit of measure"),
            _("Exemplars"),
            _("Baseline"),
            _("Target"),
            _("Actual"),
        ],
        [
            (
                t.indicator.name,
                t.indicator.unit_of_measure,
                t.exemplars,
                t.baseline,
                t.target,
                t.actual,
            )
            for t in report["indicators"]
        ],
    )
    sheet(
        _("Ranking"),
        [_("Rank"), _("Exemplar"), _("Unit"), _("Average score"), _("Score sheets")],
        [
            (r.rank, r.exemplar.name, r.exemplar.unit.name, r.score, r.sheets)
            for r in report["ranking"]
        ],
    )
    replication = report["replication"]
    sheet(
        _("Replication"),
        [_("Exemplar"), _("Unit"), _("Replicas")],
        [(root.name, root.unit.name, n) for root, n in replication["top"]]
        + [(_("Replicas in all"), "", replication["replicas"])],
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    name = f"mo-hinh-dan-van-kheo-{report['unit'].code}-{report['year'] or 'tat-ca'}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
def registration(request):
    _require(request, "emulation.view_exemplar")
    unit = _top_unit(request, request.GET.get("unit"))
    year = _int(request.GET.get("year")) or timezone.localdate().year
    data = stats.registration(request.user, unit=unit, year=year)
    return TemplateResponse(
        request,
        "emulation/registration.html",
        {
            "unit": unit,
            "year": year,
            "years": range(timezone.localdate().year + 1, timezone.localdate().year - 6, -1),
            "data": data,
            "units": scope.scoped(request.user, Unit).filter(depth__lte=3).order_by("path"),
            "can_add": request.user.has_perm("emulation.add_exemplar"),
            "add_url": reverse("exemplar:add"),
        },
    )


# Public showcase ------------------------------------------------------------------------


# The portal's page cache keeps anonymous pages for a while; an exemplar taken off the
# showcase must disappear at once, and these pages are two light queries: not cached.
showcase_page = cache_control(private=True, max_age=0)


@login_not_required
@showcase_page
def showcase_list(request):
    exemplars = (
        Exemplar.objects.published()
        .select_related("unit", "field")
        .prefetch_related("photos__image")
        .order_by("-published_at")
    )
    return TemplateResponse(request, "emulation/showcase_list.html", {"exemplars": exemplars})


@login_not_required
@showcase_page
def showcase_detail(request, pk):
    exemplar = get_object_or_404(
        Exemplar.objects.published().select_related("unit", "field", "organisation"), pk=pk
    )
    return TemplateResponse(
        request,
        "emulation/showcase_detail.html",
        {
            "exemplar": exemplar,
            "photos": exemplar.photos.select_related("image"),
            "results": exemplar.indicator_values.select_related("indicator")
            .filter(actual__isnull=False)
            .order_by("-year", "indicator__sort_order"),
            "recognitions": exemplar.recognitions.all(),
            "replicas": exemplar.replica_count(),
        },
    )
