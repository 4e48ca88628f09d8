"""Writes on unit reports: open (pre-filled), save, submit, accept, return. Each checks its
rule, runs in one transaction and writes an audit entry."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.log_actions import log

from dvs.units.models import Organisation

from . import rules
from .models import ReportText, ReportValue, UnitReport
from .rollup import computed_for, fill, is_filled


def open_report(period, unit, *, organisation=None):
    """The unit's report for the period, created as a draft with the computed figures
    pre-filled; a draft follows a template that changed since it was opened."""
    if not is_filled(period):
        fill(period)  # once per period; the nightly task keeps it fresh
    report, created = UnitReport.objects.get_or_create(
        period=period,
        unit=unit,
        organisation=organisation,
        defaults={
            "template_version": period.template.version,
            "template_snapshot": period.template.snapshot(),
        },
    )
    outdated = report.template_version != period.template.version or not report.template_snapshot
    if not created and report.editable and outdated:
        report.template_version = period.template.version
        report.template_snapshot = period.template.snapshot()
        report.save(update_fields=["template_version", "template_snapshot"])
    computed = computed_for(period, unit) if organisation is None else {}
    existing = {v.code: v for v in report.values.all()}
    new = []
    for indicator in report.template_snapshot["indicators"]:
        code = indicator["code"]
        count = computed.get(code, 0) if indicator["computed"] and organisation is None else None
        if code not in existing:
            new.append(ReportValue(report=report, code=code, computed=count, value=count))
        elif report.editable and existing[code].computed != count and not existing[code].corrected:
            # Fresh platform figures replace an uncorrected pre-filled value.
            existing[code].computed = existing[code].value = count
            existing[code].save(update_fields=["computed", "value"])
    ReportValue.objects.bulk_create(new)
    return report


def save_report(report, *, values=None, notes=None, texts=None, by):
    """Check every cell first, then write them all (nothing half-saved). `values`: {code:
    raw input}, `notes`: {code: text}, `texts`: {section key: text}. Raises a
    ValidationError listing every bad cell by its field."""
    if not report.editable:
        raise ValidationError(rules.NOT_EDITABLE)
    values, notes, texts = values or {}, notes or {}, texts or {}
    snapshot = report.template_snapshot
    names = {i["code"]: i["name"] for i in snapshot["indicators"]}
    current = {v.code: v for v in report.values.all()}
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
        raise ValidationError(errors)
    with transaction.atomic():
        for code, value in parsed.items():
            row = current.get(code) or ReportValue(report=report, code=code)
            row.value = value
            if code in notes:
                row.note = notes[code].strip()
            row.save()
        for key, text in cleaned.items():
            ReportText.objects.update_or_create(report=report, section=key, defaults={"text": text})
        report.save(update_fields=["updated_at"])
        log(report, "dvs.report.save", user=by)
    return report


def submit_report(report, *, by):
    """Submit to the upper level; the instance given is updated too."""
    with transaction.atomic():
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
    if report.status != UnitReport.Status.SUBMITTED:
        raise ValidationError(rules.NOT_SUBMITTED)
    if not accept and not comment.strip():
        raise ValidationError({"comment": [rules.RETURN_NEEDS_COMMENT]})
    with transaction.atomic():
        report.status = UnitReport.Status.ACCEPTED if accept else UnitReport.Status.RETURNED
        report.review_comment = comment.strip()
        report.reviewed_at, report.reviewed_by = timezone.now(), by
        report.save()
        log(report, "dvs.report.accept" if accept else "dvs.report.return", user=by)
    return report


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
