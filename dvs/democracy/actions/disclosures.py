"""Writes of the disclosure register (sổ công khai, Law 10/2022 Art. 11–14), and the flags
its list and work list show.

An entry is recorded with the law's item and the date of the decision (`create`); it must
be disclosed within 5 working days (`disclose_by`, stored). Posting it (`post`) late is
flagged, not refused: the ward must still record what it did. Taking it down
(`end_posting`) is refused before 30 days (items 1–3, 5–12) and always for items 4 and
13, which stay posted. Items 7–12 are also read on the loudspeakers on at least 3
consecutive days (`add_loudspeaker_day`, `remove_loudspeaker_day`); until they are logged
the entry is flagged.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import rules
from ..models import Disclosure, DisclosureItem, LoudspeakerDay
from . import check_can, check_unit, clean_fields, delete, refuse  # noqa: F401

FIRST_DAY = datetime.date(2000, 1, 1)
FIELDS = (
    "item",
    "title",
    "decided_on",
    "on_notice_board",
    "on_loudspeaker",
    "on_portal",
    "at_meeting",
    "place",
    "responsible",
    "note",
)


def _today():
    return timezone.localdate()


def _check(disclosure):
    errors = {}
    if disclosure.item not in DisclosureItem.values:
        errors["item"] = [_("Choose an item of Art. 11.")]
    if not (disclosure.title or "").strip():
        errors["title"] = [_("This field is required.")]
    decided = disclosure.decided_on
    if decided is None:
        errors["decided_on"] = [_("This field is required.")]
    elif decided < FIRST_DAY:
        errors["decided_on"] = [_("The date cannot be before 01/01/2000.")]
    elif decided > _today():
        errors["decided_on"] = [_("The date cannot be in the future.")]
    if errors:
        raise ValidationError(errors)


def _fields(fields):
    unknown = set(fields) - set(FIELDS)
    if unknown:
        refuse(_("Unknown field “%(name)s”.") % {"name": sorted(unknown)[0]})
    return clean_fields(Disclosure, fields)


@transaction.atomic
def create(by, *, unit, **fields):
    """An entry of `unit`'s register; its disclose-by date follows from the decision's."""
    check_unit(by, Disclosure, unit)
    disclosure = Disclosure(unit=unit, **_fields(fields))
    _check(disclosure)
    disclosure.disclose_by = rules.disclose_by(disclosure.decided_on)
    disclosure.save()
    log(disclosure, "wagtail.create", user=by)
    return disclosure


@transaction.atomic
def update(disclosure, by, **fields):
    check_can(by, disclosure, "change")
    for name, value in _fields(fields).items():
        setattr(disclosure, name, value)
    _check(disclosure)
    disclosure.disclose_by = rules.disclose_by(disclosure.decided_on)
    if disclosure.posted_from and disclosure.posted_from < disclosure.decided_on:
        refuse(_("It cannot be posted before the decision."), "decided_on")
    disclosure.save()
    log(disclosure, "wagtail.edit", user=by, data={"fields": sorted(fields)})
    return disclosure


@transaction.atomic
def post(disclosure, by, posted_from):
    """Posted from `posted_from`: after the disclose-by date it is flagged late."""
    check_can(by, disclosure, "change")
    if posted_from is None:
        refuse(_("This field is required."), "posted_from")
    if posted_from < disclosure.decided_on:
        refuse(_("It cannot be posted before the decision."), "posted_from")
    if posted_from > _today():
        refuse(_("The date cannot be in the future."), "posted_from")
    if disclosure.posted_to and posted_from > disclosure.posted_to:
        refuse(_("The posting cannot start after it ended."), "posted_from")
    disclosure.posted_from = posted_from
    disclosure.save(update_fields=["posted_from"])
    log(disclosure, "wagtail.edit", user=by, data={"action": "post"})
    return disclosure


@transaction.atomic
def end_posting(disclosure, by, posted_to):
    """Taken down on `posted_to`: not before 30 days, never for items 4 and 13."""
    check_can(by, disclosure, "change")
    if disclosure.posted_from is None:
        refuse(_("Record when it was posted first."))
    if disclosure.item in rules.PERMANENT_ITEMS:
        refuse(_("This item stays posted permanently and is kept up to date."), "posted_to")
    if posted_to is None:
        refuse(_("This field is required."), "posted_to")
    earliest = rules.posting_ends_earliest_on(disclosure.item, disclosure.posted_from)
    if earliest and posted_to < earliest:
        refuse(
            _("It stays posted at least %(days)s days: not before %(date)s.")
            % {"days": rules.POSTING_DAYS, "date": rules._d(earliest)},
            "posted_to",
        )
    if posted_to < disclosure.posted_from:
        refuse(_("The posting cannot end before it started."), "posted_to")
    disclosure.posted_to = posted_to
    disclosure.save(update_fields=["posted_to"])
    log(disclosure, "wagtail.edit", user=by, data={"action": "end_posting"})
    return disclosure


@transaction.atomic
def add_loudspeaker_day(disclosure, by, on):
    check_can(by, disclosure, "change")
    if on is None:
        refuse(_("This field is required."), "on")
    if on < disclosure.decided_on:
        refuse(_("It cannot be read before the decision."), "on")
    if on > _today():
        refuse(_("The date cannot be in the future."), "on")
    day, created = LoudspeakerDay.objects.get_or_create(disclosure=disclosure, on=on)
    if not created:
        refuse(_("This day is already logged."), "on")
    if not disclosure.on_loudspeaker:
        disclosure.on_loudspeaker = True
        disclosure.save(update_fields=["on_loudspeaker"])
    log(disclosure, "wagtail.edit", user=by, data={"loudspeaker_day": on.isoformat()})
    return day


@transaction.atomic
def remove_loudspeaker_day(disclosure, by, on):
    check_can(by, disclosure, "change")
    deleted, _rows = LoudspeakerDay.objects.filter(disclosure=disclosure, on=on).delete()
    if not deleted:
        refuse(_("This day is not logged."), "on")
    log(disclosure, "wagtail.edit", user=by, data={"loudspeaker_day_removed": on.isoformat()})


# Flags (read-only) ----------------------------------------------------------------------


def _due(disclosure):
    """The stored disclose-by date (a row imported without one: computed)."""
    return disclosure.disclose_by or rules.disclose_by(disclosure.decided_on)


def is_late(disclosure, today=None):
    """Posted after its disclose-by date, or not posted and that date has passed."""
    return (disclosure.posted_from or today or _today()) > _due(disclosure)


def posting_too_short(disclosure):
    if not disclosure.posted_to or not disclosure.posted_from:
        return False
    if disclosure.item in rules.PERMANENT_ITEMS:
        return True
    earliest = rules.posting_ends_earliest_on(disclosure.item, disclosure.posted_from)
    return bool(earliest and disclosure.posted_to < earliest)


def loudspeaker_missing(disclosure, days=None):
    if not rules.loudspeaker_needed(disclosure.item):
        return False
    if days is None:
        days = [d.on for d in disclosure.loudspeaker_days.all()]
    return rules.longest_run(days) < rules.LOUDSPEAKER_DAYS


def flags(disclosure, today=None):
    """The warnings an entry carries, as (key, sentence)."""
    out = []
    if is_late(disclosure, today):
        if disclosure.posted_from:
            out.append(
                (
                    "late",
                    rules.lateness(disclosure.posted_from, _due(disclosure))
                    or _("Disclosed late."),
                )
            )
        else:
            out.append(
                (
                    "late",
                    _("Not yet disclosed; due by %(date)s.") % {"date": rules._d(_due(disclosure))},
                )
            )
    if posting_too_short(disclosure):
        out.append(("short", _("Posted for less than the law's minimum.")))
    if loudspeaker_missing(disclosure):
        out.append(
            (
                "loudspeaker",
                _("Needs at least %(days)s consecutive loudspeaker days.")
                % {"days": rules.LOUDSPEAKER_DAYS},
            )
        )
    return out


def late_filter(today=None):
    """A Q for the entries `is_late` flags, for lists and the API's `late=true`."""
    today = today or _today()
    return Q(posted_from__isnull=True, disclose_by__lt=today) | Q(posted_from__gt=F("disclose_by"))


def quarter_bounds(year, quarter):
    first = datetime.date(year, 3 * quarter - 2, 1)
    last = (
        datetime.date(year + 1, 1, 1) if quarter == 4 else datetime.date(year, 3 * quarter + 1, 1)
    ) - datetime.timedelta(days=1)
    return first, last


def in_quarter(queryset, year, quarter):
    """The entries of a quarter (Art. 12: the quarterly list is posted too): those posted
    in it, and those not posted yet whose decision falls in it."""
    first, last = quarter_bounds(year, quarter)
    return queryset.filter(
        Q(posted_from__range=(first, last))
        | Q(posted_from__isnull=True, decided_on__range=(first, last))
    )
