"""Writes of the matters residents decide (Law 10/2022 Art. 15–22): the matter itself, the
freezing of its household roll when it opens (Art. 21: thresholds count on every household
of the roll, never on those present), corrections of that roll with their reason, the
consents of a citizens' initiative (Art. 16(3)), the ward's receipt, recognition or refusal
(Art. 21(2)) and the annulment and amendment requests (Art. 22).

The meeting's attendance and counts, the household ballot, the online vote and the sending
of the decision are the tallies part's (actions/tallies.py). Each write here is one
transaction, checks `by`'s scope and permission first, cleans its text and is audited.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from dvs.accounts import scope
from dvs.people.models import Household
from dvs.units.models import Level

from .. import rules
from ..models import Consent, Item, Matter, MatterReview, Proposer, RollEntry
from . import assign, check_can, check_unit, check_visible, clean_fields, not_future, refuse

# Custom audit actions (registered in admin_matters.py).
OPENED = "democracy.matter_opened"
ROLL_CORRECTED = "democracy.roll_corrected"
RECEIVED = "democracy.decision_received"
RECOGNISED = "democracy.decision_recognised"
REFUSED = "democracy.recognition_refused"

RECOGNISE = "democracy.recognise_matter"
UNIT_LEVELS = (Level.NEIGHBOURHOOD, Level.COMMUNE)
# A matter's statuses once its residents have decided (no more edits of the matter).
DECIDED = (
    Matter.Status.DECIDED,
    Matter.Status.SENT,
    Matter.Status.RECOGNISED,
    Matter.Status.REFUSED,
    Matter.Status.ANNULLED,
)
# What the matter's own form changes: its identity while a draft, its meeting kit until
# the decision (the meeting's record is the tallies part's).
MATTER_FIELDS = (
    "item",
    "title",
    "content",
    "proposer",
    "front_approved",
    "meeting_on",
    "meeting_place",
    "notice_on",
    "documents_on",
)
DRAFT_ONLY = ("unit", "item", "proposer")
BATCH = 2000


def _today():
    return timezone.localdate()


def _fresh(matter):
    """Lock the matter's row and read its state again: two clerks acting at once, or a
    caller holding an old copy, must not decide on a stale status."""
    Matter.objects.select_for_update().filter(pk=matter.pk).exists()
    matter.refresh_from_db()
    return matter


def _check_unit_level(unit):
    if unit is not None and unit.level not in UNIT_LEVELS:
        refuse(_("Choose a neighbourhood or a ward."), "unit")


def _check_item(item):
    if item not in Item.values:
        refuse(_("Choose the kind of matter."), "item")


def _check_meeting_dates(matter):
    """Notice and documents come before the meeting (late is a warning on the page, not
    a refusal: what was done must still be recorded)."""
    errors = {}
    for name in ("notice_on", "documents_on"):
        value = getattr(matter, name)
        if value and matter.meeting_on and value > matter.meeting_on:
            errors[name] = _("This cannot be after the meeting.")
    if errors:
        raise ValidationError(errors)


def _validate(matter):
    _check_item(matter.item)
    _check_unit_level(matter.unit)
    if matter.proposer not in Proposer.values:
        refuse(_("Choose who proposed the matter."), "proposer")
    if not (matter.title or "").strip():
        refuse(_("Give the matter a title."), "title")
    _check_meeting_dates(matter)
    matter.full_clean(exclude=["created_by"])


@transaction.atomic
def create_matter(by, *, unit, **fields):
    """A new matter, as a draft: its roll is frozen when it opens."""
    check_unit(by, Matter, unit, "add")
    unknown = set(fields) - set(MATTER_FIELDS)
    if unknown:
        refuse(_("Unknown field “%(name)s”.") % {"name": sorted(unknown)[0]})
    matter = Matter(unit=unit, created_by=by, status=Matter.Status.DRAFT)
    assign(matter, clean_fields(Matter, fields))
    _validate(matter)
    matter.save()
    log(matter, "wagtail.create", user=by)
    return matter


@transaction.atomic
def update_matter(matter, by, **fields):
    """Change a matter before its decision; its unit, kind and proposer only while it is
    a draft (the roll and the threshold hang on them)."""
    check_can(by, matter, "change")
    _fresh(matter)
    if matter.status in DECIDED:
        refuse(_("A decided matter can no longer be changed."))
    unknown = set(fields) - set(MATTER_FIELDS) - {"unit"}
    if unknown:
        refuse(_("Unknown field “%(name)s”.") % {"name": sorted(unknown)[0]})
    if matter.status != Matter.Status.DRAFT:
        for name in DRAFT_ONLY:
            if name in fields and fields[name] != getattr(matter, name):
                refuse(_("This can be changed only before the roll is frozen."), name)
    if "unit" in fields and fields["unit"] != matter.unit:
        check_unit(by, Matter, fields["unit"], "change")
    assign(matter, clean_fields(Matter, fields))
    _validate(matter)
    matter.save()
    log(matter, "wagtail.edit", user=by)
    return matter


@transaction.atomic
def delete_matter(matter, *, by):
    """Only a draft is deleted: an opened matter has a frozen roll the residents voted on."""
    check_can(by, matter, "delete")
    if matter.status != Matter.Status.DRAFT:
        refuse(_("Only a draft matter can be deleted."))
    log(matter, "wagtail.delete", user=by)
    matter.delete()


# The roll ---------------------------------------------------------------------------------


def current_households(unit):
    """The households of a unit's subtree today, in address order (the roll's order)."""
    return (
        Household.objects.filter(unit__path__startswith=unit.path)
        .select_related("head")
        .order_by("address", "pk")
    )


def initiative_state(matter, on=None, households=None):
    """rules.check_initiative on the matter's consents: on the roll once frozen, on the
    unit's current households before."""
    if households is None:
        households = (
            matter.households
            if matter.households is not None
            else current_households(matter.unit).count()
        )
    dates = list(matter.consents.values_list("signed_on", flat=True))
    return rules.check_initiative(
        households, dates, on or _today(), front_approved=matter.front_approved
    )


def initiative_message(state):
    return _(
        "Needs %(needed)d households; %(valid)d consents still valid, %(lapsed)d older than 3 months."
    ) % {"needed": state.needed, "valid": state.valid, "lapsed": state.lapsed}


@transaction.atomic
def open_matter(matter, by, on):
    """Open the matter: freeze its roll, one numbered entry per current household of its
    unit's subtree in address order (Art. 21). A citizens' initiative opens only when it
    stands (10% valid consents, or the Front's approval: Art. 16(3))."""
    check_can(by, matter, "change")
    _fresh(matter)
    if matter.status != Matter.Status.DRAFT:
        refuse(_("The roll of this matter is already frozen."))
    if on is None:
        refuse(_("Give the day the roll is frozen."), "on")
    not_future(on)
    households = list(current_households(matter.unit))
    if not households:
        refuse(_("The unit has no households in the residents registry."))
    if matter.proposer == Proposer.CITIZENS:
        state = initiative_state(matter, on, len(households))
        if not state.accepted:
            refuse(_("The citizens' initiative does not stand.") + " " + initiative_message(state))
    RollEntry.objects.bulk_create(
        (
            RollEntry(
                matter=matter,
                number=number,
                household=household,
                address=household.address,
                representative=household.head.full_name if household.head else "",
            )
            for number, household in enumerate(households, start=1)
        ),
        batch_size=BATCH,
    )
    matter.households = len(households)
    matter.opened_on = on
    matter.status = Matter.Status.OPEN
    matter.save(update_fields=["households", "opened_on", "status", "updated_at"])
    log(matter, OPENED, user=by)
    return matter


def _check_roll_open(matter):
    if matter.status == Matter.Status.DRAFT:
        refuse(_("The roll is frozen when the matter opens."))
    if matter.status in DECIDED:
        refuse(_("A decided matter's roll can no longer be corrected."))


def _note(matter, reason, on):
    line = f"{on:%d/%m/%Y}: {reason}"
    return f"{matter.roll_note}\n{line}".strip()


def _reason(reason):
    reason = clean_fields(Matter, {"roll_note": reason or ""})["roll_note"].strip()
    if not reason:
        refuse(_("Give the reason for the correction."), "reason")
    return reason


@transaction.atomic
def correct_roll(matter, by, households, reason):
    """Correct the number of households the thresholds count on, with its reason (the
    registry missed or double-counted households)."""
    check_can(by, matter, "change")
    _fresh(matter)
    _check_roll_open(matter)
    reason = _reason(reason)
    if households is None or not 1 <= households <= 100000:
        refuse(_("The number of households must be between 1 and 100000."), "households")
    matter.households = households
    matter.roll_note = _note(matter, reason, _today())
    matter.save(update_fields=["households", "roll_note", "updated_at"])
    log(matter, ROLL_CORRECTED, user=by)
    return matter


@transaction.atomic
def add_roll_entry(matter, by, *, address, representative="", reason, household=None):
    """Add a household the registry missed, numbered after the last; the count follows."""
    check_can(by, matter, "change")
    _check_roll_open(matter)
    reason = _reason(reason)
    fields = clean_fields(RollEntry, {"address": address or "", "representative": representative})
    if not fields["address"].strip():
        refuse(_("Give the household's address."), "address")
    if household is not None:
        check_visible(by, household, "household")
        if not household.unit.path.startswith(matter.unit.path):
            refuse(_("The household is not in the matter's unit."), "household")
        if matter.roll.filter(household=household).exists():
            refuse(_("This household is already on the roll."), "household")
    last = matter.roll.aggregate(last=Max("number"))["last"] or 0
    entry = RollEntry.objects.create(matter=matter, number=last + 1, household=household, **fields)
    matter.households = (matter.households or 0) + 1
    matter.roll_note = _note(matter, reason, _today())
    matter.save(update_fields=["households", "roll_note", "updated_at"])
    log(matter, ROLL_CORRECTED, user=by)
    return entry


@transaction.atomic
def remove_roll_entry(entry, by, reason):
    """Take a household off the roll (it moved away, it was counted twice); the count
    follows. Its number is not reused, so the ballots already printed stay valid."""
    matter = entry.matter
    check_can(by, matter, "change")
    _check_roll_open(matter)
    reason = _reason(reason)
    entry.delete()
    matter.households = max((matter.households or 1) - 1, 0)
    matter.roll_note = _note(matter, f"{reason} ({entry})", _today())
    matter.save(update_fields=["households", "roll_note", "updated_at"])
    log(matter, ROLL_CORRECTED, user=by)
    return matter


# A citizens' initiative -------------------------------------------------------------------


@transaction.atomic
def add_consent(matter, by, *, representative, signed_on, household=None):
    """One household's consent to a citizens' initiative (Art. 16(3)), gathered before the
    matter opens; a household consents once."""
    check_can(by, matter, "change")
    if matter.proposer != Proposer.CITIZENS:
        refuse(_("Only a citizens' initiative gathers consents."))
    if matter.status != Matter.Status.DRAFT:
        refuse(_("Consents are gathered before the matter opens."))
    fields = clean_fields(Consent, {"representative": representative or ""})
    if not fields["representative"].strip():
        refuse(_("Give the household representative's name."), "representative")
    if signed_on is None:
        refuse(_("Give the day the consent was signed."), "signed_on")
    not_future(signed_on, "signed_on")
    if household is not None:
        check_visible(by, household, "household")
        if not household.unit.path.startswith(matter.unit.path):
            refuse(_("The household is not in the matter's unit."), "household")
        if matter.consents.filter(household=household).exists():
            refuse(_("This household has already consented."), "household")
    consent = Consent.objects.create(
        matter=matter, household=household, signed_on=signed_on, **fields
    )
    log(matter, "wagtail.edit", user=by)
    return consent


@transaction.atomic
def delete_consent(consent, by):
    check_can(by, consent.matter, "change")
    if consent.matter.status != Matter.Status.DRAFT:
        refuse(_("Consents are gathered before the matter opens."))
    consent.delete()
    log(consent.matter, "wagtail.edit", user=by)


# The ward's side: receipt, recognition, refusal (Art. 21(2)) -------------------------------


def _check_ward(by, matter):
    if not by.has_perm(RECOGNISE):
        refuse(_("Only the ward records the receipt and recognition of a decision."))
    check_can(by, matter, "change")
    _fresh(matter)


def _check_day(on, after, field, message):
    if on is None:
        refuse(_("Give the date."), field)
    not_future(on, field)
    if after and on < after:
        refuse(message, field)


@transaction.atomic
def receive_decision(matter, by, received_on):
    """The ward received the decision: the recognition clock starts for items 3–5."""
    _check_ward(by, matter)
    if matter.status not in (Matter.Status.DECIDED, Matter.Status.SENT):
        refuse(_("Only a decided matter's decision can be received."))
    if matter.received_on:
        refuse(_("The decision was already received."))
    _check_day(
        received_on,
        matter.sent_on or matter.decided_on,
        "received_on",
        _("The decision cannot be received before it was decided or sent."),
    )
    matter.received_on = received_on
    body = rules.recognising_body(matter.item)
    matter.recognise_by = rules.recognise_by(received_on) if body else None
    if matter.status == Matter.Status.DECIDED:
        matter.status = Matter.Status.SENT
    matter.save(update_fields=["received_on", "recognise_by", "status", "updated_at"])
    log(matter, RECEIVED, user=by)
    return matter


def _check_recognisable(matter):
    if rules.recognising_body(matter.item) is None:
        refuse(
            _(
                "This kind of matter takes effect when it is voted; it needs no recognition (Art. 21(2))."
            )
        )
    if matter.status != Matter.Status.SENT or not matter.received_on:
        refuse(_("Record the receipt of the decision first."))


@transaction.atomic
def recognise(matter, by, on):
    """Recognise the decision: by the People's Committee for the charter and the head's
    election, by the Front committee for the boards (rules.recognising_body); it takes
    effect from that day (rules.effective_on)."""
    _check_ward(by, matter)
    _check_recognisable(matter)
    if not matter.passed:
        refuse(_("A decision that did not pass cannot be recognised."))
    _check_day(
        on,
        matter.received_on,
        "on",
        _("Recognition cannot be before the decision was received."),
    )
    matter.recognised_on = on
    matter.recognised_body = rules.recognising_body(matter.item)
    matter.effective_on = rules.effective_on(matter.item, matter.decided_on, on)
    matter.status = Matter.Status.RECOGNISED
    matter.save(
        update_fields=[
            "recognised_on",
            "recognised_body",
            "effective_on",
            "status",
            "updated_at",
        ]
    )
    log(matter, RECOGNISED, user=by)
    return matter


@transaction.atomic
def refuse_recognition(matter, by, on, reason):
    """Refuse recognition in writing, with its reasons (Art. 21(2)); the day of the
    answer is kept in `recognised_on` with the body that answered."""
    _check_ward(by, matter)
    _check_recognisable(matter)
    reason = clean_fields(Matter, {"refusal_reason": reason or ""})["refusal_reason"].strip()
    if not reason:
        refuse(_("A refusal must give its reasons."), "reason")
    _check_day(
        on,
        matter.received_on,
        "on",
        _("Recognition cannot be before the decision was received."),
    )
    matter.recognised_on = on
    matter.recognised_body = rules.recognising_body(matter.item)
    matter.refusal_reason = reason
    matter.effective_on = None
    matter.status = Matter.Status.REFUSED
    matter.save(
        update_fields=[
            "recognised_on",
            "recognised_body",
            "refusal_reason",
            "effective_on",
            "status",
            "updated_at",
        ]
    )
    log(matter, REFUSED, user=by)
    return matter


# Annulment and amendment requests (Art. 22) ------------------------------------------------

REVIEW_FIELDS = ("kind", "requested_on", "requested_by", "reason", "outcome", "resolved_on", "note")
REVIEWABLE = (
    Matter.Status.DECIDED,
    Matter.Status.SENT,
    Matter.Status.RECOGNISED,
    Matter.Status.REFUSED,
)


def _validate_review(review):
    errors = {}
    if review.kind not in MatterReview.Kind.values:
        errors["kind"] = _("Choose the request.")
    if not (review.reason or "").strip():
        errors["reason"] = _("Give the reason.")
    if review.requested_on is None:
        errors["requested_on"] = _("Give the date.")
    elif review.requested_on > _today():
        errors["requested_on"] = _("The date cannot be in the future.")
    if review.outcome != MatterReview.Outcome.PENDING:
        if review.resolved_on is None:
            errors["resolved_on"] = _("Give the day the request was resolved.")
        elif review.requested_on and review.resolved_on < review.requested_on:
            errors["resolved_on"] = _("A request cannot be resolved before it was made.")
        elif review.resolved_on > _today():
            errors["resolved_on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    review.full_clean()


def _apply_outcome(review, by):
    """An annulment carried out annuls the decision (Art. 22)."""
    matter = review.matter
    if (
        review.kind == MatterReview.Kind.ANNUL
        and review.outcome == MatterReview.Outcome.DONE
        and matter.status != Matter.Status.ANNULLED
    ):
        matter.status = Matter.Status.ANNULLED
        matter.effective_on = None
        matter.save(update_fields=["status", "effective_on", "updated_at"])
        log(matter, "wagtail.edit", user=by)


@transaction.atomic
def create_review(by, *, matter, **fields):
    """A request to annul or amend a decided matter's decision."""
    check_unit(by, MatterReview, matter, "add", field="matter")
    unknown = set(fields) - set(REVIEW_FIELDS)
    if unknown:
        refuse(_("Unknown field “%(name)s”.") % {"name": sorted(unknown)[0]})
    if matter.status not in REVIEWABLE:
        refuse(_("Only a decided matter's decision can be annulled or amended."), "matter")
    review = MatterReview(matter=matter)
    assign(review, clean_fields(MatterReview, fields))
    _validate_review(review)
    review.save()
    log(review, "wagtail.create", user=by)
    _apply_outcome(review, by)
    return review


@transaction.atomic
def update_review(review, by, **fields):
    """Change or resolve a request; a resolved one is final."""
    check_can(by, review, "change")
    review = MatterReview.objects.select_related("matter").select_for_update().get(pk=review.pk)
    if review.outcome != MatterReview.Outcome.PENDING:
        refuse(_("A resolved request can no longer be changed."))
    unknown = set(fields) - set(REVIEW_FIELDS)
    if unknown:
        refuse(_("Unknown field “%(name)s”.") % {"name": sorted(unknown)[0]})
    assign(review, clean_fields(MatterReview, fields))
    _validate_review(review)
    review.save()
    log(review, "wagtail.edit", user=by)
    _apply_outcome(review, by)
    return review


@transaction.atomic
def delete_review(review, *, by):
    check_can(by, review, "delete")
    if review.outcome != MatterReview.Outcome.PENDING:
        refuse(_("A resolved request can no longer be changed."))
    log(review, "wagtail.delete", user=by)
    review.delete()


def scoped_matter_households(by, matter):
    """Households a consent or roll entry may name: in the matter's unit and in scope."""
    return scope.scoped(by, Household).filter(unit__path__startswith=matter.unit.path)
