"""Writes on unit reports: open (pre-filled), save, submit, accept, return; and starting
the review report and a refresh of the figures. Each takes the
acting user `by`, checks their permission itself (permissions.check) before it changes
anything, checks its rule, runs in one transaction and writes an audit entry."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.log_actions import log

from dvs.lib.vntext import clean_text
from dvs.units.models import Organisation

from . import permissions, review, rules, tasks
from .models import ReportText, ReportValue, ReviewSectionText, UnitReport
from .rollup import prefill


def open_report(period, unit, *, organisation=None, by):
    """The unit's (or organisation's) report for the period, written as a draft with the
    computed figures pre-filled; a draft follows a template that changed since it was
    opened. Reading a report never makes it: this does, for those who may fill it."""
    return _open(permissions.get_for(by, period, unit, organisation, "change"))


def _open(report):
    """Write the report as it opens now (see rollup.prefill): made if new, refreshed."""
    if report.pk is None:
        report.follow_template()
        report, _created = UnitReport.objects.get_or_create(
            period=report.period,
            unit=report.unit,
            organisation=report.organisation,
            defaults={
                "template_version": report.template_version,
                "template_snapshot": report.template_snapshot,
            },
        )
    if report.follow_template():
        report.save(update_fields=["template_version", "template_snapshot"])
    for row in prefill(report):
        if row.pk is None:
            row.report = report
            row.save()
        else:
            row.save(update_fields=["computed", "value"])
    return report


def save_report(report, *, values=None, notes=None, texts=None, by):
    """Check every cell first, then write them all (nothing half-saved, not even the
    draft). `values`: {code: raw input}, `notes`: {code: text}, `texts`: {section key:
    text}. Raises a ValidationError listing every bad cell by its field. Returns the
    saved report (made here if it was not opened yet)."""
    permissions.check(by, report, "change")
    if not report.editable:
        raise ValidationError(rules.NOT_EDITABLE)
    values, texts = values or {}, texts or {}
    notes = {code: clean_text(note, multiline=True) for code, note in (notes or {}).items()}
    with transaction.atomic():
        report = _open(report)
        snapshot = report.template_snapshot
        names = {i["code"]: i["name"] for i in snapshot["indicators"]}
        current = report.rows
        errors, parsed = {}, {}
        for code, raw in values.items():
            if code not in names:
                continue
            try:
                parsed[code] = rules.parse_count(names[code], raw)
                computed = current[code].computed if code in current else None
                note = notes.get(code, current[code].note if code in current else "")
                rules.check_correction(names[code], computed, parsed[code], note)
            except ValidationError as error:
                errors[f"value_{code}"] = error.messages
        narrative = {s["key"]: s["title"] for s in snapshot["sections"] if s["kind"] == "narrative"}
        cleaned = {}
        for key, text in texts.items():
            if key not in narrative:
                continue
            try:
                cleaned[key] = rules.check_text(narrative[key], text)
            except ValidationError as error:
                errors[f"text_{key}"] = error.messages
        if errors:
            raise ValidationError(errors)  # rolls back the draft made above too
        for code, value in parsed.items():
            row = current.get(code) or ReportValue(report=report, code=code)
            row.value = value
            if code in notes:
                row.note = notes[code]
            row.save()
        for key, text in cleaned.items():
            ReportText.objects.update_or_create(report=report, section=key, defaults={"text": text})
        report.save(update_fields=["updated_at"])
        log(report, "dvs.report.save", user=by)
    return report


def submit_report(report, *, by):
    """Submit to the upper level; the instance given is updated too."""
    permissions.check(by, report, "change")
    with transaction.atomic():
        if report.pk is None:
            report = _open(report)
        locked = UnitReport.objects.select_for_update().get(pk=report.pk)
        if locked.filed:
            report.status, report.submitted_at = locked.status, locked.submitted_at
            raise ValidationError(
                rules.ALREADY_SUBMITTED,
                params={"when": _when(report.submitted_at)},
            )
        report.status = UnitReport.Status.SUBMITTED
        report.submitted_at, report.submitted_by = timezone.now(), by
        report.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
        log(report, "dvs.report.submit", user=by)
    return report


def review_report(report, *, accept, comment="", by):
    """The upper level accepts the report, or returns it to the unit with comments."""
    permissions.check(by, report, "review")
    if report.status != UnitReport.Status.SUBMITTED:
        raise ValidationError(rules.NOT_SUBMITTED)
    comment = clean_text(comment, multiline=True)
    if not accept and not comment:
        raise ValidationError({"comment": [rules.RETURN_NEEDS_COMMENT]})
    with transaction.atomic():
        report.status = UnitReport.Status.ACCEPTED if accept else UnitReport.Status.RETURNED
        report.review_comment = comment
        report.reviewed_at, report.reviewed_by = timezone.now(), by
        report.save()
        log(report, "dvs.report.accept" if accept else "dvs.report.return", user=by)
    return report


def start_review(period, unit, *, number="", signer_title="", signer_name="", by):
    """Queue the generation of the review report of `unit` for the period (its figures,
    narrative and the units' texts, with the compiler's edits); returns the job row.
    `signer_title`/`signer_name`: who signs (blank: the deployment's settings)."""
    if not permissions.may_compile(by, unit):
        raise PermissionDenied(rules.MAY_NOT_COMPILE)
    return review.start(
        period,
        unit,
        by=by,
        number=clean_text(number)[:20],
        signer_title=clean_text(signer_title)[:60],
        signer_name=clean_text(signer_name)[:120],
    )


def save_review_texts(period, unit, *, texts, by):
    """Keep the compiler's edits of the review report's sections ({key: text}) with the
    period: the next DOCX and PDF carry them. A text equal to the generated one is no
    edit, and neither is None (both put the section back to the generated text); unknown
    keys are refused and nothing is changed. Returns the sections as they now stand
    (review.review_sections)."""
    if not permissions.may_compile(by, unit):
        raise PermissionDenied(rules.MAY_NOT_COMPILE)
    sections = {s["key"]: s for s in review.review_sections(period, unit)}
    unknown = sorted(set(texts) - set(sections))
    if unknown:
        raise ValidationError(rules.UNKNOWN_SECTION, params={"keys": ", ".join(unknown)})
    with transaction.atomic():
        for key, text in texts.items():
            if text is not None:
                text = clean_text(text if isinstance(text, str) else str(text), multiline=True)
            if text is None or text.strip() == sections[key]["generated"].strip():
                ReviewSectionText.objects.filter(period=period, unit=unit, key=key).delete()
                continue
            ReviewSectionText.objects.update_or_create(
                period=period, unit=unit, key=key, defaults={"text": text, "edited_by": by}
            )
        log(period, "dvs.review.edit", user=by, data={"unit": unit.code, "keys": sorted(texts)})
    return review.review_sections(period, unit)


def reset_review_text(period, unit, key, *, by):
    """Drop the compiler's edit of one section: it goes back to the generated text."""
    if not permissions.may_compile(by, unit):
        raise PermissionDenied(rules.MAY_NOT_COMPILE)
    with transaction.atomic():
        deleted, _rows = ReviewSectionText.objects.filter(
            period=period, unit=unit, key=key
        ).delete()
        if deleted:
            log(period, "dvs.review.reset", user=by, data={"unit": unit.code, "key": key})
    return bool(deleted)


def refresh_figures(period, *, by):
    """Compute the period's figures again from the platform's data, in the background."""
    if not permissions.may_compile(by, period.unit):
        raise PermissionDenied(rules.MAY_NOT_COMPILE)
    tasks.fill_period.enqueue(period.pk, True)


def submission_status(period):
    """[(unit, report or None)] for every unit expected to report in the period."""
    reports = {
        r.unit_id: r for r in UnitReport.objects.filter(period=period, organisation__isnull=True)
    }
    return [(unit, reports.get(unit.pk)) for unit in period.expected_units()]


def organisation_status(period):
    """[(organisation, report or None)] for the active organisations of the period's unit
    and of the units expected to report: the Front and the organisations fill their own
    reports (narrative and figures by hand) beside the units'."""
    units = [period.unit, *period.expected_units()]
    reports = {
        r.organisation_id: r
        for r in UnitReport.objects.filter(period=period, organisation__isnull=False)
    }
    organisations = Organisation.objects.filter(unit__in=units, is_active=True).select_related(
        "unit", "kind"
    )
    return [(o, reports.get(o.pk)) for o in organisations.order_by("unit__path", "name")]


def _when(moment):
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
