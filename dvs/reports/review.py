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

from dvs.lib.vntext import clean_text

from . import document, registry, rollup
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
        "tables": registry.review_tables(period, unit),
    }


def start(period, unit, *, by, number="", signer_title="", signer_name=""):
    """Queue the generation of a review report; returns its job row."""
    from .tasks import generate_review

    review = ReviewReport.objects.create(
        period=period,
        unit=unit,
        created_by=by,
        number=number,
        signer_title=signer_title,
        signer_name=signer_name,
    )
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
        data["narrative"] = review_sections(period, review.unit, data)
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


# ---------------------------------------------------------------------------------------
# The generated draft (narrative.py) and the compiler's edits of it.


def same_period_last_year(period):
    """The period of the same kind and unit a year before this one, or None."""
    from .models import ReportPeriod

    try:
        start = period.start.replace(year=period.start.year - 1)
        end = period.end.replace(year=period.end.year - 1)
    except ValueError:  # 29 February
        return None
    return ReportPeriod.objects.filter(
        unit=period.unit, kind=period.kind, start=start, end=end
    ).first()


def _values_of(period, unit):
    for needed in (period,):
        if not rollup.is_filled(needed):
            rollup.fill(needed)
    found = rollup.figures(period, [unit]).get(unit.pk)
    return dict(found.values) if found else {}


def narrative_facts(period, unit, data=None):
    """What the draft is written from (narrative.Facts): the unit's figures now, in the
    previous period and in the same period last year, and the texts of the unit's own
    report and of the reports filed below it (units and organisations)."""
    from . import narrative

    data = data or review_data(period, unit)
    rows = data["rows"]
    previous = period.previous()
    last_year = same_period_last_year(period)
    structure = period.template.structure()
    parts = {s["key"]: (s["part"], s["title"]) for s in structure["sections"]}
    texts = []
    for author_unit, organisation, unit_id, section, text in (
        ReportText.objects.filter(
            report__period=period,
            report__unit__path__startswith=unit.path,
        )
        .filter(
            Q(report__unit=unit, report__organisation__isnull=True)
            | Q(report__status__in=(UnitReport.Status.SUBMITTED, UnitReport.Status.ACCEPTED))
        )
        .exclude(text="")
        .order_by("report__unit__path", "report__organisation__name")
        .values_list(
            "report__unit__name", "report__organisation__name", "report__unit_id", "section", "text"
        )
    ):
        if section not in parts:
            continue
        own = unit_id == unit.pk and organisation is None
        author = "" if own else (organisation or author_unit)
        part, title = parts[section]
        texts.append((author, part, title, clean_text(text, multiline=True)))
    # Units that must report to this one (the period's owning unit only: the units
    # below a ward do not report) and have not filed.
    expected = list(period.expected_units()) if unit.pk == period.unit_id else []
    filed = set(
        UnitReport.objects.filter(
            period=period,
            organisation__isnull=True,
            status__in=(UnitReport.Status.SUBMITTED, UnitReport.Status.ACCEPTED),
        ).values_list("unit_id", flat=True)
    )
    missing = [u.name for u in expected if u.pk not in filed]
    return narrative.Facts(
        unit_name=unit.name,
        period_label=data["period_label"],
        next_label=data["next_label"],
        period_end=period.end,
        now={code: row.value for code, row in rows.items()},
        previous=_values_of(previous, unit) if previous else None,
        previous_label=period_label(previous) if previous else None,
        last_year=_values_of(last_year, unit) if last_year else None,
        last_year_label=f"cùng kỳ năm {last_year.end.year}" if last_year else None,
        names={code: (row.name, row.unit) for code, row in rows.items()},
        higher_is_better={code: row.higher_is_better for code, row in rows.items()},
        texts=texts,
        expected=len(expected),
        missing=missing,
        table_areas={table["area"] for table in data.get("tables", [])},
    )


def review_sections(period, unit, data=None):
    """The sections of the review report as the DOCX will carry them: the generated
    draft, where the compiler edited a section their text instead. Each is a dict: key,
    heading, level, codes, generated, text, edited (bool), edited_by, edited_at."""
    from . import narrative
    from .models import ReviewSectionText

    edits = {
        e.key: e
        for e in ReviewSectionText.objects.filter(period=period, unit=unit).select_related(
            "edited_by"
        )
    }
    out = []
    for section in narrative.generate(narrative_facts(period, unit, data)):
        edit = edits.get(section.key)
        out.append(
            {
                "key": section.key,
                "heading": section.heading,
                "level": section.level,
                "codes": section.codes,
                "generated": section.text,
                "text": edit.text if edit else section.text,
                "edited": edit is not None,
                "edited_by": edit.edited_by if edit else None,
                "edited_at": edit.edited_at if edit else None,
            }
        )
    return out


def outline(period, unit):
    """[(heading, first sentence)] of the review report as it would be generated now
    (with the compiler's edits): the list the closing note of a review quotes."""
    from .narrative import first_sentence

    return [(s["heading"], first_sentence(s["text"])) for s in review_sections(period, unit)]
