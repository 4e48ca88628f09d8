"""Writes of the filings a ward receives and must answer, and of the rule sets that give
their clocks.

A filing is received (`receive`), completed when its dossier was missing items
(`complete`), answered (`answer`) or corrected (`update`); each write recomputes the
filing's stored clock (clocks.refresh) so that overdue lists stay one query. A late
filing or a day no rule set covers is a warning kept on the filing's page, not a
refusal: the ward must still record what it received. Rule sets are reference data
entered by administrators (`save_rule_set`); saving one recomputes the filings it covers,
so that filings received from 1/1/2027 get their dates once Law 07/2026's numbers are in.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from dvs.accounts import scope

from .. import clocks, tasks
from ..models import REPLY_KINDS, Filing, FilingKind, Group, RuleSet
from . import assign, check_can, check_unit, check_visible, clean_fields, refuse

FIRST_DAY = datetime.date(2000, 1, 1)

# The fields a kind cannot be received without (the law's dates and the row it is about).
REQUIRED = {
    FilingKind.BELIEF_REGISTRATION: ("establishment", "activity_on"),
    FilingKind.SUPPLEMENT: ("activity_on",),
    FilingKind.FESTIVAL_NOTICE: ("establishment", "activity_on"),
    FilingKind.FESTIVAL_REPORT: ("establishment", "festival_end_on"),
    FilingKind.GROUP_REGISTRATION: ("group",),
    FilingKind.ANNUAL_LIST: ("organisation", "recognised_on"),
}

# What a user may change with `update` (the answer and the completion have their own).
INTAKE_FIELDS = (
    "submitted_by",
    "subject",
    "received_on",
    "complete",
    "complete_on",
    "missing_items",
    "activity_on",
    "festival_end_on",
    "recognised_on",
    "establishment",
    "group",
    "organisation",
    "supplements",
    "case",
)
DATE_FIELDS = ("received_on", "complete_on", "activity_on", "festival_end_on", "recognised_on")


def _today():
    return timezone.localdate()


def _check_dates(filing):
    """Dates a user can mistype: none before 2000; receipt and completion not in the
    future (activities and festivals may be); completion not before receipt."""
    errors = {}
    for name in DATE_FIELDS:
        value = getattr(filing, name)
        if value is not None and value < FIRST_DAY:
            errors[name] = _("The date cannot be before 01/01/2000.")
    if filing.received_on and filing.received_on > _today():
        errors["received_on"] = _("The date cannot be in the future.")
    if filing.complete_on:
        if filing.complete_on > _today():
            errors["complete_on"] = _("The date cannot be in the future.")
        elif filing.received_on and filing.complete_on < filing.received_on:
            errors["complete_on"] = _("The dossier cannot be complete before it was received.")
    if (
        filing.festival_end_on
        and filing.activity_on
        and filing.kind == FilingKind.FESTIVAL_NOTICE
        and filing.festival_end_on < filing.activity_on
    ):
        errors["festival_end_on"] = _("The festival cannot end before it starts.")
    if errors:
        raise ValidationError(errors)


def _check_kind(filing):
    """The fields the filing's kind needs, the dossier's missing items, and the rows it
    names: in the filing's ward and in `by`'s scope (checked by `_check_links`)."""
    errors = {}
    for name in REQUIRED.get(filing.kind, ()):
        if getattr(filing, f"{name}_id" if name in _LINKS else name) is None:
            errors[name] = _("This kind of filing needs this field.")
    if not filing.complete and not filing.missing_items.strip():
        errors["missing_items"] = _("List what the incomplete dossier is missing.")
    if filing.complete and filing.kind not in REPLY_KINDS and filing.complete_on:
        filing.complete_on = None  # only a registration waits for a complete dossier
    if errors:
        raise ValidationError(errors)


_LINKS = ("establishment", "group", "organisation", "supplements", "case")


def _in_ward(filing, row):
    return row.unit.path.startswith(filing.unit.path)


def _check_links(by, filing):
    for name in ("establishment", "group", "case"):
        check_visible(by, getattr(filing, name), name)
    for name in ("establishment", "group"):
        row = getattr(filing, name)
        if row is not None and not _in_ward(filing, row):
            refuse(_("The chosen record is not in the filing's ward."), name)
    if filing.organisation_id and not by.has_perm("religion.view_religiousorganisation"):
        refuse(_("The chosen record is outside your scope."), "organisation")
    supplements = filing.supplements
    if supplements is not None:
        if not scope.can(by, supplements, "view"):
            refuse(_("The chosen record is outside your scope."), "supplements")
        if supplements.unit_id != filing.unit_id or supplements.pk == filing.pk:
            refuse(_("A supplement completes another filing of the same ward."), "supplements")


def _check_once(filing):
    """The yearly list of religious activities is sent once per organisation and ward
    (Law 02/2016 art. 43): what comes later is a supplement."""
    if filing.kind != FilingKind.ANNUAL_LIST or not filing.organisation_id:
        return
    earlier = Filing.objects.filter(
        kind=FilingKind.ANNUAL_LIST, organisation_id=filing.organisation_id, unit_id=filing.unit_id
    ).exclude(pk=filing.pk)
    if earlier.exists():
        refuse(
            _(
                "This organisation's yearly list was already received in this ward; record "
                "what it adds as a supplementary registration."
            ),
            "organisation",
        )


def _validate(by, filing):
    _check_kind(filing)
    _check_dates(filing)
    _check_links(by, filing)
    _check_once(filing)
    filing.full_clean(exclude=["rule_set", "on_time", "reply_due_on", "report_due_on"])


def _with_clock(filing):
    """Store the filing's clock; the clock (its warnings) rides on the returned row."""
    filing.clock = clocks.refresh(filing)
    return filing


@transaction.atomic
def receive(by, *, unit, kind, **fields):
    """Record a filing the ward received; its clock is computed from the rule set in
    force on `received_on`. Warnings (late filing, no rule set yet) are on
    `filing.clock.warnings`."""
    check_unit(by, Filing, unit, "add")
    if kind not in FilingKind.values:
        refuse(_("Unknown kind of filing."), "kind")
    filing = Filing(unit=unit, kind=kind, created_by=by)
    assign(filing, clean_fields(Filing, fields))
    _validate(by, filing)
    if kind == FilingKind.GROUP_REGISTRATION:
        _set_group_state(by, filing.group, Group.State.SUBMITTED, filing.received_on)
    filing.save()
    log(filing, "wagtail.create", user=by)
    return _with_clock(filing)


@transaction.atomic
def update(filing, by, **fields):
    """Correct what was recorded at intake; the clock is recomputed."""
    check_can(by, filing, "change")
    unknown = set(fields) - set(INTAKE_FIELDS)
    if unknown:
        refuse(_("Unknown field “%(name)s”.") % {"name": sorted(unknown)[0]})
    assign(filing, clean_fields(Filing, fields))
    _validate(by, filing)
    filing.save()
    log(filing, "wagtail.edit", user=by)
    return _with_clock(filing)


@transaction.atomic
def complete(filing, by, complete_on):
    """The missing items arrived on `complete_on`: the reply clock starts that day."""
    check_can(by, filing, "change")
    if filing.complete:
        refuse(_("The dossier is already complete."))
    if complete_on is None:
        refuse(_("Give the day the dossier became complete."), "complete_on")
    filing.complete = True
    filing.complete_on = complete_on
    _check_dates(filing)
    filing.save(update_fields=["complete", "complete_on", "updated_at"])
    log(filing, "wagtail.edit", user=by)
    return _with_clock(filing)


@transaction.atomic
def answer(filing, by, replied_on, outcome, reasons="", reply_reference=""):
    """The ward's written answer. A refusal gives its reasons (Law 02/2016 art. 12(2),
    17); answering a group's registration sets the group's registration state."""
    check_can(by, filing, "change")
    errors = {}
    if filing.replied_on:
        refuse(_("This filing was already answered."))
    if outcome not in Filing.Outcome.values:
        errors["outcome"] = _("Choose the answer.")
    reasons = clean_fields(Filing, {"reasons": reasons or ""})["reasons"]
    reference = clean_fields(Filing, {"reply_reference": reply_reference or ""})["reply_reference"]
    if outcome == Filing.Outcome.REFUSED and not reasons.strip():
        errors["reasons"] = _("A refusal must give its reasons.")
    if replied_on is None:
        errors["replied_on"] = _("Give the day of the answer.")
    elif replied_on > _today():
        errors["replied_on"] = _("The date cannot be in the future.")
    elif replied_on < filing.received_on:
        errors["replied_on"] = _("The answer cannot be before the filing was received.")
    if (
        filing.kind == FilingKind.GROUP_REGISTRATION
        and outcome == Filing.Outcome.NOTED
        and "outcome" not in errors
    ):
        errors["outcome"] = _("A group's registration is accepted or refused.")
    if errors:
        raise ValidationError(errors)
    filing.replied_on = replied_on
    filing.outcome = outcome
    filing.reasons = reasons
    filing.reply_reference = reference
    if filing.kind == FilingKind.GROUP_REGISTRATION and filing.group_id:
        state = Group.State.APPROVED if outcome == Filing.Outcome.ACCEPTED else Group.State.REFUSED
        _set_group_state(by, filing.group, state, replied_on)
    filing.save(update_fields=["replied_on", "outcome", "reasons", "reply_reference", "updated_at"])
    log(filing, "wagtail.edit", user=by)
    return _with_clock(filing)


def _set_group_state(by, group, state, on):
    if not scope.can(by, group, "change"):
        refuse(_("You may not change this record."), "group")
    group.state = state
    group.state_on = on
    group.save(update_fields=["state", "state_on", "updated_at"])
    log(group, "wagtail.edit", user=by)


# Rule sets ------------------------------------------------------------------------------

RULE_SET_FIELDS = tuple(
    field.name
    for field in RuleSet._meta.get_fields()
    if getattr(field, "editable", False)
    and not field.auto_created
    and field.name not in ("created_at", "updated_at")
)


@transaction.atomic
def save_rule_set(by, instance=None, **fields):
    """Enter or change a rule set (administrators): its source is required, its period
    must not overlap another's, and the filings it covers are recomputed in the task
    worker."""
    action = "change" if instance is not None and instance.pk else "add"
    if not by.has_perm(f"religion.{action}_ruleset"):
        refuse(_("You may not change the rule sets."))
    unknown = set(fields) - set(RULE_SET_FIELDS)
    if unknown:
        refuse(_("Unknown field “%(name)s”.") % {"name": sorted(unknown)[0]})
    rule_set = instance if instance is not None else RuleSet()
    assign(rule_set, clean_fields(RuleSet, fields))
    errors = {}
    if not (rule_set.source or "").strip():
        errors["source"] = _("Give the source of these numbers (the law and its articles).")
    start, end = rule_set.effective_from, rule_set.effective_to
    if start and end and end < start:
        errors["effective_to"] = _("The end of the period cannot be before its start.")
    if errors:
        raise ValidationError(errors)
    rule_set.full_clean()
    overlapping = RuleSet.objects.exclude(pk=rule_set.pk).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=start)
    )
    if end:
        overlapping = overlapping.filter(effective_from__lte=end)
    other = overlapping.first()
    if other is not None:
        refuse(_("The period overlaps that of %(code)s.") % {"code": other.code}, "effective_from")
    rule_set.save()
    log(rule_set, f"wagtail.{'edit' if action == 'change' else 'create'}", user=by)
    # In the task worker: enqueued in this transaction, its job becomes visible to the
    # worker only once the rule set is saved.
    tasks.refresh_filings.enqueue(rule_set.pk)
    return rule_set
