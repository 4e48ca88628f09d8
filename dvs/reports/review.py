"""Compiling and generating the review report of a unit for a period.

`review_data()` gathers what the document needs: the figures against the previous period
(`rollup.summary`), the compiler's own narrative (the owning unit's report) and the
narrative sections the units below filed, collected under each section. `generate()`
makes the DOCX, then the PDF, recording progress on the `ReviewReport` row the browser
and the API poll.
"""

from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import document, rollup
from .models import PeriodKind, ReportText, ReviewReport, SectionKind, UnitReport

ANNEX_COLUMNS = 6
# The same words as the screens and the API (UnitReport.Status), in Vietnamese.
STATUS_LABELS = UnitReport.Status.labels_in("vi")


def period_label(period):
    if period.kind == PeriodKind.SIX_MONTHS:
        half = "6 tháng đầu năm" if period.end.month <= 6 else "6 tháng cuối năm"
        return f"{half} {period.end.year}"
    if period.kind == PeriodKind.YEAR:
        return f"Năm {period.end.year}"
    return period.name


def next_label(period):
    if period.kind == PeriodKind.SIX_MONTHS and period.end.month <= 6:
        return f"6 tháng cuối năm {period.end.year}"
    if period.kind in (PeriodKind.SIX_MONTHS, PeriodKind.YEAR):
        return f"năm {period.end.year + 1}"
    return "thời gian tới"


def review_data(period, unit):
    summary = rollup.summary(period, unit)
    structure = period.template.structure()
    own = UnitReport.objects.filter(period=period, unit=unit, organisation__isnull=True).first()
    own_texts = dict(own.texts.values_list("section", "text")) if own else {}
    # Narrative the units below filed, by section: one query.
    collected = {}
    for section, text, unit_name, organisation in (
        ReportText.objects.filter(
            report__period=period,
            report__unit__path__startswith=unit.path,
            report__status__in=(UnitReport.Status.SUBMITTED, UnitReport.Status.ACCEPTED),
        )
        .filter(~Q(report__unit=unit) | Q(report__organisation__isnull=False))
        .exclude(text="")
        .order_by("report__unit__path", "report__organisation__name")
        .values_list("section", "text", "report__unit__name", "report__organisation__name")
    ):
        collected.setdefault(section, []).append((organisation or unit_name, text))
    sections = [
        {
            **section,
            "text": own_texts.get(section["key"], "")
            if section["kind"] == SectionKind.NARRATIVE
            else "",
            # With the compiler's own text, the units' texts stay out of the document.
            "collected": [] if own_texts.get(section["key"]) else collected.get(section["key"], []),
        }
        for section in structure["sections"]
    ]
    statuses = {
        r.unit_id: STATUS_LABELS[r.status]
        for r in UnitReport.objects.filter(period=period, organisation__isnull=True)
    }
    children = [
        (child, figures, statuses.get(child.pk, STATUS_LABELS[UnitReport.Status.DRAFT]))
        for child, figures in summary["children"]
    ]
    filed = (STATUS_LABELS[UnitReport.Status.ACCEPTED], STATUS_LABELS[UnitReport.Status.SUBMITTED])
    reported = sum(1 for _c, _f, s in children if s in filed)
    previous = summary["previous_period"]
    return {
        "period": period,
        "unit": unit,
        "sections": sections,
        "rows": {row.code: row for row in summary["rows"]},
        "children": children,
        "annex_codes": [row.code for row in summary["rows"]][:ANNEX_COLUMNS],
        "period_label": period_label(period),
        "previous_label": period_label(previous) if previous else "Kỳ trước",
        "next_label": next_label(period),
        "reported_label": f"{reported}/{len(children)} đã nộp",
    }


def start(period, unit, *, by, number=""):
    """Queue the generation of a review report; returns its job row."""
    from .tasks import generate_review

    review = ReviewReport.objects.create(period=period, unit=unit, created_by=by, number=number)
    generate_review.enqueue(review.pk)
    review.refresh_from_db()
    return review


STOPPED = gettext_lazy(
    "The generation stopped unexpectedly (the background worker ended): start it again."
)


def fail_stale(now=None):
    """Mark failed the review reports whose worker died: running with no progress for
    JOBS_STALE_AFTER_MINUTES (a queued one has no heartbeat yet). Returns their number."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import translation

    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.JOBS_STALE_AFTER_MINUTES)
    with translation.override(settings.LANGUAGE_CODE):
        return ReviewReport.objects.filter(
            status=ReviewReport.Status.RUNNING, heartbeat_at__lt=cutoff
        ).update(status=ReviewReport.Status.FAILED, message=str(STOPPED))


def generate(review, *, pdf=True):
    """Fill the figures if needed, build the DOCX, then the PDF; progress on the row."""

    def step(progress, status=ReviewReport.Status.RUNNING):
        review.progress, review.status = progress, status
        review.heartbeat_at = timezone.now()
        review.save(update_fields=["progress", "status", "heartbeat_at"])

    try:
        step(5)
        period = review.period
        for needed in filter(None, (period, period.previous())):
            if not rollup.is_filled(needed):
                rollup.fill(needed)
                step(30)
        step(40)
        data = review_data(period, review.unit)
        content = document.build(review, data)
        name = f"bao-cao-{period.pk}-{review.unit.code}-{review.pk}"
        review.docx.save(f"{name}.docx", ContentFile(content), save=False)
        review.save(update_fields=["docx"])
        step(70)
        if pdf:
            converted = document.to_pdf(content)
            if converted is None:
                review.message = _("LibreOffice is not installed: no PDF was made.")
            else:
                review.pdf.save(f"{name}.pdf", ContentFile(converted), save=False)
        review.status, review.progress = ReviewReport.Status.DONE, 100
        review.finished_at = timezone.now()
        review.save()
    except Exception as error:  # the job must say it failed, not stay "running"
        review.status, review.message = ReviewReport.Status.FAILED, str(error)[:2000]
        review.save(update_fields=["status", "message"])
        raise
    return review
