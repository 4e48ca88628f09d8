import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from dvs.accounts import scope
from dvs.api.types import CleanText
from dvs.reports import actions, permissions, review, rollup
from dvs.reports.models import ReportPeriod, ReviewReport, UnitReport
from dvs.reports.views import serve_review_file
from dvs.units.models import Unit

router = Router(tags=["reports"])


class PeriodOut(Schema):
    id: int
    name: str
    kind: str
    start: datetime.date
    end: datetime.date
    due_on: datetime.date
    unit: str


class SubmitIn(Schema):
    # Any: a wrong type gets the platform's own Vietnamese message, not a schema error.
    values: dict[str, Any] = {}
    notes: dict[str, CleanText] = {}
    texts: dict[str, Any] = {}  # cleaned by the action (rules.check_text)


def _period(request, period_id):
    return get_object_or_404(ReportPeriod.objects.visible_to(request.user), pk=period_id)


def _unit(request, code):
    return get_object_or_404(scope.scoped(request.user, Unit), code=code)


def _report_out(report):
    rollup.prefill(report)
    values, texts = report.rows, report.text_by_section()
    return {
        "period": report.period_id,
        "unit": report.unit.code,
        "saved": report.pk is not None,
        "status": report.status,
        "status_label": UnitReport.Status.label_of(report.status),
        "template_version": report.template_version,
        "submitted_at": report.submitted_at,
        "review_comment": report.review_comment,
        "indicators": [
            {
                "code": i["code"],
                "name": i["name"],
                "unit": i["unit"],
                "computed": values[i["code"]].computed if i["code"] in values else None,
                "value": values[i["code"]].value if i["code"] in values else None,
                "note": values[i["code"]].note if i["code"] in values else "",
            }
            for i in report.template_snapshot["indicators"]
        ],
        "sections": [
            {"key": s["key"], "title": s["title"], "text": texts.get(s["key"], "")}
            for s in report.template_snapshot["sections"]
            if s["kind"] == "narrative"
        ],
    }


def _job_out(job):
    base = f"/api/v1/reports/{job.period_id}/review"
    return {
        "id": job.pk,
        "status": job.status,
        "progress": job.progress,
        "message": job.message,
        "created_at": job.created_at,
        "finished_at": job.finished_at,
        "docx": f"{base}.docx?unit={job.unit.code}" if job.docx else None,
        "pdf": f"{base}.pdf?unit={job.unit.code}" if job.pdf else None,
    }


def _errors(error):
    if hasattr(error, "error_dict"):
        return {"detail": _("Invalid data."), "errors": error.message_dict}
    return {"detail": " ".join(error.messages)}


@router.get("/periods", response=list[PeriodOut])
def list_periods(request):
    periods = ReportPeriod.objects.visible_to(request.user).select_related("unit")
    return [
        {
            **{f: getattr(p, f) for f in ("id", "name", "kind", "start", "end", "due_on")},
            "unit": p.unit.code,
        }
        for p in periods
    ]


@router.get("/{period_id}/units/{code}", response=dict)
def get_unit_report(request, period_id: int, code: str):
    """A unit's report. One not opened yet is shown as it would open (status "draft",
    "saved" false, the computed figures pre-filled); reading it makes no draft."""
    period, unit = _period(request, period_id), _unit(request, code)
    return _report_out(permissions.get_for(request.user, period, unit))


@router.post(
    "/{period_id}/units/{code}/submit", response={200: dict, 403: dict, 409: dict, 422: dict}
)
def submit_unit_report(request, period_id: int, code: str, payload: SubmitIn):
    """Save the figures and texts given and submit the report to the upper level: 404
    when the caller may not see it, 403 when they may see it but not fill it."""
    period, unit = _period(request, period_id), _unit(request, code)
    report = permissions.get_for(request.user, period, unit, action="change")
    if report.filed:
        try:
            actions.submit_report(report, by=request.user)
        except ValidationError as error:
            return Status(409, _errors(error))
    try:
        texts = {k: v if isinstance(v, str) else str(v) for k, v in payload.texts.items()}
        report = actions.save_report(
            report, values=payload.values, notes=payload.notes, texts=texts, by=request.user
        )
        actions.submit_report(report, by=request.user)
    except ValidationError as error:
        return Status(422, _errors(error))
    return Status(200, _report_out(UnitReport.objects.get(pk=report.pk)))


@router.get("/{period_id}/summary", response=dict)
def period_summary(request, period_id: int, unit: str | None = None):
    """The rolled-up indicators of a unit (the period's owning unit by default), against
    the previous period, and by unit: first the unit's own part (`"own": true`: its own
    records and its own report), then each unit one level below, so that the rows of
    `units` add up to `indicators`. `trend` says how a change reads: "good", "bad",
    "neutral" or "" (no change)."""
    period = _period(request, period_id)
    target = _unit(request, unit or period.unit.code)
    data = rollup.summary(period, target)
    codes = [row.code for row in data["rows"]]
    status = {u.pk: r.status if r else None for u, r in actions.submission_status(period)}
    own_report = data["own_report"]

    def unit_row(of, figures, report, own=False):
        return {
            "code": of.code,
            "name": _("%(unit)s (own records)") % {"unit": of.name} if own else of.name,
            "own": own,
            "report": report,
            "report_label": UnitReport.Status.label_of(report),
            "values": {c: figures.values.get(c, 0) for c in codes},
        }

    return {
        "period": period.pk,
        "unit": target.code,
        "previous_period": data["previous_period"].pk if data["previous_period"] else None,
        "figures_computed_at": data["filled_at"],
        "indicators": [
            {
                "code": row.code,
                "name": row.name,
                "unit": row.unit,
                "value": row.value,
                "computed": row.computed,
                "previous": row.previous,
                "change_percent": row.change,
                "higher_is_better": row.higher_is_better,
                "trend": row.trend,
            }
            for row in data["rows"]
        ],
        "units": [
            unit_row(target, data["own"], own_report.status if own_report else None, own=True),
            *[
                unit_row(child, figures, status.get(child.pk))
                for child, figures in data["children"]
            ],
        ],
    }


@router.post("/{period_id}/review", response={202: dict, 403: dict})
def start_review(
    request,
    period_id: int,
    unit: str | None = None,
    number: str = "",
    signer_title: str = "",
    signer_name: str = "",
):
    """Start generating the review report of a unit (the period's owning unit by default):
    404 for a unit outside the caller's scope, 403 when they may not compile it. The
    signer's title and name default to the deployment's settings."""
    period = _period(request, period_id)
    target = _unit(request, unit or period.unit.code)
    job = actions.start_review(
        period,
        target,
        number=number,
        signer_title=signer_title,
        signer_name=signer_name,
        by=request.user,
    )
    return Status(202, _job_out(job))


class SectionsIn(Schema):
    # {key: text}; null puts the section back to the generated text.
    sections: dict[str, CleanText | None] = {}


def _sections_out(period, unit, sections):
    return {
        "period": period.pk,
        "unit": unit.code,
        "sections": [
            {
                "key": s["key"],
                "heading": s["heading"],
                "level": s["level"],
                "text": s["text"],
                "generated": s["generated"],
                "edited": s["edited"],
                "edited_by": s["edited_by"].username if s["edited_by"] else None,
                "edited_at": s["edited_at"],
            }
            for s in sections
        ],
    }


@router.get("/{period_id}/review/sections", response={200: dict, 403: dict})
def review_sections(request, period_id: int, unit: str | None = None):
    """The sections of the review report of a unit (the period's owning unit by
    default) before it is generated: the text generated from the figures and the units'
    reports, or the compiler's edit of it. 403 for those who may not compile it."""
    period, target = permissions.get_compiled(request.user, period_id, unit)
    return _sections_out(period, target, review.review_sections(period, target))


@router.put("/{period_id}/review/sections", response={200: dict, 403: dict, 422: dict})
def edit_review_sections(request, period_id: int, payload: SectionsIn, unit: str | None = None):
    """Keep edits of the review report's sections with the period (null: back to the
    generated text); the next generated DOCX and PDF carry them."""
    period, target = permissions.get_compiled(request.user, period_id, unit)
    try:
        sections = actions.save_review_texts(
            period, target, texts=payload.sections, by=request.user
        )
    except ValidationError as error:
        return Status(422, _errors(error))
    return Status(200, _sections_out(period, target, sections))


@router.get("/{period_id}/review", response=dict)
def review_status(request, period_id: int, unit: str | None = None):
    """The latest generation job of the review report: status and progress."""
    return _job_out(_latest(request, period_id, unit, done=False))


def _latest(request, period_id, unit, done=True):
    period = _period(request, period_id)
    jobs = scope.scoped(request.user, ReviewReport).filter(
        period=period, unit__code=unit or period.unit.code
    )
    if done:
        jobs = jobs.filter(status=ReviewReport.Status.DONE)
    job = jobs.select_related("unit", "period").order_by("-created_at", "-pk").first()
    if job is None:
        raise HttpError(404, _("No review report was generated yet."))
    return job


@router.get("/{period_id}/review.docx")
def review_docx(request, period_id: int, unit: str | None = None):
    return serve_review_file(_latest(request, period_id, unit), "docx")


@router.get("/{period_id}/review.pdf")
def review_pdf(request, period_id: int, unit: str | None = None):
    return serve_review_file(_latest(request, period_id, unit), "pdf")
