"""Back-office screens of periodic reports: periods, a unit's report, the upper level's
review, the leaders' dashboard and the generated review report. Every object comes
through `dvs.accounts.scope`."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from dvs.accounts import scope
from dvs.accounts.roles import Role
from dvs.lib import charts
from dvs.units.models import Organisation, Unit

from . import actions, permissions, review, rollup
from .models import FillState, ReportPeriod, ReviewReport

# The period page stays short: the newest review reports only, and a list of reports longer
# than this is folded (its heading says how many units have not submitted).
REVIEWS_SHOWN = 5
FOLD_AFTER = 12


def _period(request, pk):
    return get_object_or_404(ReportPeriod.objects.visible_to(request.user), pk=pk)


def _unit(request, code):
    return get_object_or_404(scope.scoped(request.user, Unit), code=code)


@require_safe
def index(request):
    periods = ReportPeriod.objects.visible_to(request.user).select_related("unit", "template")
    return TemplateResponse(
        request, "reports/index.html", {"title": _("Periodic reports"), "periods": periods}
    )


@require_safe
def period_detail(request, pk):
    period = _period(request, pk)
    visible = set(scope.scoped(request.user, Unit).values_list("pk", flat=True))
    rows = [(u, r) for u, r in actions.submission_status(period) if u.pk in visible]
    organisations = set(scope.scoped(request.user, Organisation).values_list("pk", flat=True))
    organisation_rows = [
        (o, r) for o, r in actions.organisation_status(period) if o.pk in organisations
    ]
    # The review reports generated for the period, newest first, each once.
    reviews = list(
        scope.scoped(request.user, ReviewReport)
        .filter(period=period)
        .select_related("unit")
        .order_by("-created_at", "-pk")
        .distinct()[: REVIEWS_SHOWN + 1]
    )
    return TemplateResponse(
        request,
        "reports/period.html",
        {
            "title": period.name,
            "period": period,
            "rows": rows,
            "organisation_rows": organisation_rows,
            "missing": sum(1 for _u, r in rows if not r or not r.filed),
            "can_compile": permissions.may_compile(request.user, period.unit),
            "owner_in_scope": period.unit_id in visible,
            "reviews": reviews[:REVIEWS_SHOWN],
            "more_reviews": len(reviews) > REVIEWS_SHOWN,
            "organisations_missing": sum(1 for _o, r in organisation_rows if not r or not r.filed),
            "fold_after": FOLD_AFTER,
            "fill": FillState.objects.filter(period=period).first(),
            "signer_title": settings.REPORT_SIGNATURE_TITLE,
            "signer_name": settings.REPORT_SIGNER_NAME,
        },
    )


def _texts_and_values(report, posted=None):
    """Sections with their rows (indicator, stored value, value shown in the input); after
    a refused save, the inputs show what was typed."""
    rollup.prefill(report)
    values = report.rows
    texts = report.text_by_section()
    posted = posted or {}

    def shown(code):
        if f"value_{code}" in posted:
            return posted[f"value_{code}"]
        value = values.get(code)
        return "" if value is None or value.value is None else value.value

    from .registry import computed_indicators

    computed = computed_indicators()
    indicators = {
        i["code"]: {
            **i,
            # What a computed figure counts, and as of which date.
            "help": computed[i["code"]].help if i["computed"] and i["code"] in computed else "",
        }
        for i in report.template_snapshot["indicators"]
    }
    sections = []
    for section in report.template_snapshot["sections"]:
        sections.append(
            {
                **section,
                "text": posted.get(f"text_{section['key']}", texts.get(section["key"], "")),
                "rows": [
                    (indicators[c], values.get(c), shown(c))
                    for c in section["indicators"]
                    if c in indicators
                ],
            }
        )
    return sections


def unit_report(request, pk, code):
    period = _period(request, pk)
    return _report_page(request, period, _unit(request, code))


def organisation_report(request, pk, organisation_id):
    period = _period(request, pk)
    organisation = get_object_or_404(scope.scoped(request.user, Organisation), pk=organisation_id)
    return _report_page(request, period, organisation.unit, organisation)


def _report_page(request, period, unit, organisation=None):
    """A unit's or an organisation's report for the period: filled by those who may,
    read by the rest of the scope, reviewed by the upper level."""
    action = "change" if request.method == "POST" else "view"
    report = permissions.get_for(request.user, period, unit, organisation, action)
    page = (
        reverse("reports_organisation", args=[period.pk, organisation.pk])
        if organisation
        else reverse("reports_unit", args=[period.pk, unit.code])
    )
    errors = {}
    if request.method == "POST":
        try:
            report = _save(request, report)
            if "submit" in request.POST:
                actions.submit_report(report, by=request.user)
                messages.success(request, _("The report was submitted to the upper level."))
            else:
                messages.success(request, _("The report was saved."))
            return redirect(page)
        except ValidationError as error:
            errors = (
                error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
            )
            messages.error(request, _("The report was not saved: correct the cells marked below."))
    collected = []
    if unit.pk == period.unit_id and organisation is None:
        collected = review.review_data(period, unit)["sections"]
    return TemplateResponse(
        request,
        "reports/unit_report.html",
        {
            "title": f"{organisation or unit.name} — {period.name}",
            "period": period,
            "unit": unit,
            "organisation": organisation,
            "review_url": reverse("reports_review_report", args=[report.pk]) if report.pk else "",
            "report": report,
            "sections": _texts_and_values(report, request.POST if errors else None),
            "editable": report.editable and permissions.may(request.user, report, "change"),
            "can_review": report.pk is not None and permissions.may(request.user, report, "review"),
            "errors": errors,
            "general_errors": errors.get(NON_FIELD_ERRORS, []),
            "collected": {s["key"]: s["collected"] for s in collected},
        },
    )


def _save(request, report):
    post = request.POST
    values = {k.removeprefix("value_"): v for k, v in post.items() if k.startswith("value_")}
    notes = {k.removeprefix("note_"): v for k, v in post.items() if k.startswith("note_")}
    texts = {k.removeprefix("text_"): v for k, v in post.items() if k.startswith("text_")}
    if not report.editable:
        return report  # a filed report is only submitted (and refused as already filed)
    return actions.save_report(report, values=values, notes=notes, texts=texts, by=request.user)


@require_POST
def review_unit_report(request, report_id):
    report = permissions.get_by_id(request.user, report_id, "review")
    period = report.period
    try:
        actions.review_report(
            report,
            accept=request.POST.get("decision") == "accept",
            comment=request.POST.get("comment", ""),
            by=request.user,
        )
        messages.success(request, _("The decision was recorded."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if report.organisation_id:
        return redirect("reports_organisation", period.pk, report.organisation_id)
    return redirect("reports_unit", period.pk, report.unit.code)


@require_safe
def dashboard(request, pk):
    period = _period(request, pk)
    code = request.GET.get("unit")
    unit = _unit(request, code) if code else None
    if unit is None:
        if not scope.scoped(request.user, Unit).filter(pk=period.unit_id).exists():
            tops = scope.top_units(request.user)
            if not tops:
                raise Http404
            unit = tops[0]
        else:
            unit = period.unit
    data = rollup.summary(period, unit)
    rows = data["rows"]
    chosen = request.GET.get("indicator") or (rows[0].code if rows else "")
    chart_list = dashboard_charts(period, unit, data, chosen)
    if request.GET.get("format") == "xlsx":
        name = f"bang-dieu-khien-{unit.code}-{period.end:%Y%m%d}.xlsx"
        return charts.xlsx_response(charts.chosen(request, chart_list), name)
    return TemplateResponse(
        request,
        "reports/dashboard.html",
        {
            "title": _("Leaders' dashboard"),
            "period": period,
            "unit": unit,
            "parent": unit.get_parent() if unit.pk != period.unit_id else None,
            "data": data,
            "chosen": chosen,
            "chosen_row": next((r for r in rows if r.code == chosen), None),
            "charts": {c.slug: c for c in charts.with_exports(request, chart_list)},
            "export_url": f"?unit={unit.code}&indicator={chosen}&format=xlsx",
        },
    )


def dashboard_charts(period, unit, data, chosen):
    """The dashboard's pictures, from the figures its tables show: each key figure this
    period against the previous one (each row on its own scale: the indicators count
    different things), and the chosen indicator by unit below, the laggards marked."""
    rows = data["rows"]
    previous = data["previous_period"].name if data["previous_period"] else _("Previous period")
    worse = _("worse")
    key = charts.Chart(
        _("Key figures and their trend"),
        [
            charts.Row(
                label=row.name,
                values=[row.value, row.previous or 0],
                flag=worse if row.trend == "bad" else "",
            )
            for row in rows
        ],
        series=[period.name, previous],
        label_header=_("Indicator"),
        slug="key",
        scale="row",
        table_elsewhere="key-figures",
        note=_("Each indicator is drawn on its own scale; red: worse than the previous period."),
    )
    # The sheet has the table's columns (the chart's table is the key figures' table).
    key.sheet = (
        [_("Indicator"), _("Unit of measure"), period.name, previous, _("Change"), _("Change (%)")],
        [(r.name, r.unit, r.value, r.previous, r.difference, r.change) for r in rows],
    )
    result = [key]
    chosen_row = next((r for r in rows if r.code == chosen), None)
    if data["children"] and chosen_row:
        own = _("%(unit)s (own records)") % {"unit": unit.name}
        children = [(child, f.values.get(chosen, 0)) for child, f in data["children"]]
        better = chosen_row.higher_is_better
        lagging = set()
        if better is not None and len(children) > 1:
            average = sum(v for _c, v in children) / len(children)
            lagging = {c.pk for c, v in children if (v < average if better else v > average)}
            # The laggards first: the worst at the top.
            children.sort(key=lambda item: item[1] if better else -item[1])
        query = f"&indicator={chosen}"
        result.append(
            charts.Chart(
                _("%(indicator)s — by unit") % {"indicator": chosen_row.name},
                [
                    charts.Row(label=own, values=[data["own"].values.get(chosen, 0)]),
                    *[
                        charts.Row(
                            label=child.name,
                            values=[value],
                            url=f"?unit={child.code}{query}",
                            flag=_("Lagging behind") if child.pk in lagging else "",
                        )
                        for child, value in children
                    ],
                ],
                series=[chosen_row.unit or _("Value")],
                label_header=_("Unit"),
                slug="units",
                limit=charts.LIMIT,
                note=_(
                    "Total: %(total)s. Units doing worse than the average of the units below are marked as lagging behind."
                )
                % {"total": chosen_row.value},
            )
        )
    return result


@require_POST
def refresh(request, pk):
    actions.refresh_figures(_period(request, pk), by=request.user)
    messages.success(request, _("The figures are being computed again from the platform's data."))
    return redirect("reports_period", pk)


@require_POST
def start_review(request, pk):
    period = _period(request, pk)
    unit = _unit(request, request.POST.get("unit") or period.unit.code)
    job = actions.start_review(
        period,
        unit,
        number=request.POST.get("number", ""),
        signer_title=request.POST.get("signer_title", ""),
        signer_name=request.POST.get("signer_name", ""),
        by=request.user,
    )
    return redirect("reports_review_job", job.pk)


def review_texts(request, pk, code):
    """The review report's sections before the final DOCX: the generated text as the
    starting point in a textarea per section; saving keeps the edits with the period,
    "reset" puts one section back to the generated text."""
    period, unit = permissions.get_compiled(request.user, pk, code)
    page = reverse("reports_review_texts", args=[period.pk, unit.code])
    if request.method == "POST":
        try:
            if request.POST.get("reset"):
                actions.reset_review_text(period, unit, request.POST["reset"], by=request.user)
                messages.success(request, _("The section is back to the generated text."))
            else:
                texts = {
                    k.removeprefix("text_"): v
                    for k, v in request.POST.items()
                    if k.startswith("text_")
                }
                actions.save_review_texts(period, unit, texts=texts, by=request.user)
                messages.success(request, _("The sections of the review report were saved."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(page)
    return TemplateResponse(
        request,
        "reports/review_texts.html",
        {
            "title": _("Sections of the review report"),
            "period": period,
            "unit": unit,
            "sections": review.review_sections(period, unit),
        },
    )


def is_administrator(user):
    """Who is shown the technical notices (a missing converter, a failure's cause)."""
    return user.is_superuser or any(g.role == Role.SYSTEM_ADMIN for g in scope.grants(user))


@require_safe
def review_job(request, pk):
    job = scope.access(request.user, ReviewReport.objects.select_related("period", "unit"), pk)
    running = job.status in (ReviewReport.Status.QUEUED, ReviewReport.Status.RUNNING)
    return TemplateResponse(
        request,
        "reports/review_job.html",
        {
            "title": _("Review report"),
            "job": job,
            "running": running,
            "is_admin": is_administrator(request.user),
        },
    )


@require_safe
def review_file(request, pk, fmt):
    job = scope.access(request.user, ReviewReport.objects.select_related("period", "unit"), pk)
    return serve_review_file(job, fmt)


def serve_review_file(job, fmt):
    file = {"docx": job.docx, "pdf": job.pdf}.get(fmt)
    if not file:
        raise Http404
    name = f"bao-cao-{job.unit.code}-{job.period.end:%Y%m%d}.{fmt}"
    return FileResponse(file.open("rb"), as_attachment=True, filename=name)
