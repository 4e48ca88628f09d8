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
from dvs.units.models import Organisation, Unit

from . import actions, permissions, review, rollup
from .models import FillState, ReportPeriod, ReviewReport


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
            "reviews": scope.scoped(request.user, ReviewReport).filter(period=period)[:10],
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
    # By unit: the unit's own part first (own records and own report), then each unit
    # below; the rows add up to the total shown under them.
    by_unit = [
        (unit, _("%(unit)s (own records)") % {"unit": unit.name}, data["own"], True),
        *[(child, child.name, f, False) for child, f in data["children"]],
    ]
    largest = max((abs(f.values.get(chosen, 0)) for *_a, f, _o in by_unit), default=0) or 1
    bars = [
        (
            of,
            name,
            f.values.get(chosen, 0),
            round(100 * abs(f.values.get(chosen, 0)) / largest),
            own,
        )
        for of, name, f, own in by_unit
    ]
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
            "bars": bars if data["children"] else [],
        },
    )


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


@require_safe
def review_job(request, pk):
    job = scope.access(request.user, ReviewReport.objects.select_related("period", "unit"), pk)
    running = job.status in (ReviewReport.Status.QUEUED, ReviewReport.Status.RUNNING)
    return TemplateResponse(
        request,
        "reports/review_job.html",
        {"title": _("Review report"), "job": job, "running": running},
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
