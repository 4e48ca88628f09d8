"""Writes of the annual community conference of a neighbourhood (Law 10/2022 Art. 33;
Decree 59 Art. 10–11) and of the ward's yearly dialogue with its residents (Art. 32),
and the year's tracking of both (a read).

A community conference is held in a neighbourhood, once a year (a second one of the same
year is refused); the dialogue in a ward, at least once a year. Invitations delivered
less than 5 days before the conference are a warning on its page, not a refusal.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from dvs.accounts import scope
from dvs.units.models import Level, Unit

from .. import rules
from ..models import Conference
from . import assign, check_can, check_unit, clean_fields, refuse

FIRST_YEAR, LAST_YEAR = 2000, 2099
FIELDS = (
    "year",
    "held_on",
    "plan_sent_on",
    "invitation_on",
    "attendance",
    "result_sent_on",
    "summary",
)
LEVEL = {Conference.Kind.COMMUNITY: Level.NEIGHBOURHOOD, Conference.Kind.DIALOGUE: Level.COMMUNE}
ATTENDANCE_MAX = 100_000


def _check(conference):
    errors = {}
    if conference.unit.level != LEVEL[conference.kind]:
        errors["unit"] = (
            _("A community conference is held in a neighbourhood.")
            if conference.kind == Conference.Kind.COMMUNITY
            else _("The dialogue with residents is held by a ward.")
        )
    if not FIRST_YEAR <= (conference.year or 0) <= LAST_YEAR:
        errors["year"] = _("The year must be between 2000 and 2099.")
    held = conference.held_on
    if held and held.year != conference.year:
        errors["held_on"] = _("The conference is held in its year.")
    for name in ("plan_sent_on", "invitation_on"):
        value = getattr(conference, name)
        if held and value and value > held:
            errors[name] = _("This comes before the conference.")
    if held and conference.result_sent_on and conference.result_sent_on < held:
        errors["result_sent_on"] = _("The result is sent after the conference.")
    if conference.attendance is not None and conference.attendance > ATTENDANCE_MAX:
        errors["attendance"] = _("The attendance is too large.")
    if errors:
        raise ValidationError(errors)
    _check_once(conference)


def _check_once(conference):
    if conference.kind != Conference.Kind.COMMUNITY:
        return
    others = Conference.objects.filter(
        unit_id=conference.unit_id, kind=conference.kind, year=conference.year
    ).exclude(pk=conference.pk)
    if others.exists():
        refuse(
            _("This neighbourhood's community conference of this year is already recorded."),
            "year",
        )


def _known(fields):
    unknown = set(fields) - set(FIELDS)
    if unknown:
        refuse(_("Unknown field “%(name)s”.") % {"name": sorted(unknown)[0]})


@transaction.atomic
def create(by, *, unit, kind, **fields):
    check_unit(by, Conference, unit)
    _known(fields)
    conference = Conference(unit=unit, kind=kind, **clean_fields(Conference, fields))
    _check(conference)
    conference.save()
    log(conference, "wagtail.create", user=by)
    return conference


@transaction.atomic
def update(conference, by, **fields):
    check_can(by, conference, "change")
    _known(fields)
    assign(conference, clean_fields(Conference, fields))
    _check(conference)
    conference.save()
    log(conference, "wagtail.edit", user=by)
    return conference


def warnings_of(conference):
    """What the conference's page flags: invitations later than 5 days before."""
    warnings = []
    if conference.held_on and conference.invitation_on:
        due = rules.invitation_by(conference.held_on)
        late = rules.lateness(conference.invitation_on, due)
        if late:
            warnings.append(_("Invitations: %(late)s") % {"late": late})
    return warnings


# The year's tracking (a read) ----------------------------------------------------------------


@dataclass
class Tracked:
    unit: Unit
    conferences: list

    @property
    def held(self):
        return any(c.held_on for c in self.conferences)


def tracking(user, year):
    """For each neighbourhood the user sees, its community conference of `year`; for each
    ward, its dialogues. Those without one held are flagged by `held` False."""
    units = (
        scope.scoped(user, Unit)
        .filter(level__in=(Level.NEIGHBOURHOOD, Level.COMMUNE))
        .order_by("path")
    )
    found = {}
    for conference in scope.scoped(user, Conference).filter(year=year).order_by("held_on"):
        found.setdefault((conference.unit_id, conference.kind), []).append(conference)
    neighbourhoods, wards = [], []
    for unit in units:
        if unit.level == Level.NEIGHBOURHOOD:
            key = (unit.pk, Conference.Kind.COMMUNITY)
            neighbourhoods.append(Tracked(unit, found.get(key, [])))
        else:
            wards.append(Tracked(unit, found.get((unit.pk, Conference.Kind.DIALOGUE), [])))
    return neighbourhoods, wards
