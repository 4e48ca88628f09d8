"""Writes of the registry: establishments and their festivals, groups, contacts,
incidents, key people, and the religious organisations of the reference data.

Each write checks the acting user's scope through the door before changing anything,
runs in one transaction, is audited (never with a protected value in the entry) and
refuses with the message a user reads (ValidationError, the form or the API shows it).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from dvs.accounts import scope
from dvs.religion.models import (
    BELIEF_KINDS,
    Contact,
    Dignitary,
    Establishment,
    Festival,
    Group,
    Incident,
    KeyPerson,
    ReligiousOrganisation,
)
from dvs.units.models import Organisation
from dvs.workdays import lunar

from . import assign, check_can, check_unit, check_visible, clean_fields, not_future, refuse

# How far around the current lunar year a leap month is looked for: a leap month of a
# given number comes back within a few Metonic cycles (19 years) at most.
LEAP_SEARCH_YEARS = 60


def _save(instance, by, created):
    instance.full_clean()
    instance.save()
    log(instance, "wagtail.create" if created else "wagtail.edit", user=by)
    return instance


def _in_unit(instance, unit, field):
    """A linked row (an establishment, a group, a dignitary) lies in `unit`'s subtree: a
    contact of a neighbourhood names that neighbourhood's establishment, not the ward's
    next door."""
    if instance is None or unit is None:
        return
    path = scope.unit_path_of(instance)
    if not path.startswith(unit.path):
        refuse(_("The chosen record is not in the chosen unit."), field)


def _check_linked(by, instance, unit, field):
    check_visible(by, instance, field)
    _in_unit(instance, unit, field)


def _check_organisation_religion(organisation, religion):
    if organisation is not None and (religion is None or organisation.religion_id != religion.pk):
        refuse(_("The religious organisation must belong to the chosen religion."), "organisation")


# Establishments ---------------------------------------------------------------------------


def _check_establishment(establishment):
    """A belief establishment (đình, đền, miếu, phủ, clan house) follows no religion; a
    religious one names its religion, and its organisation is of that religion."""
    if establishment.kind in BELIEF_KINDS:
        if establishment.religion_id:
            refuse(_("A belief establishment has no religion."), "religion")
        if establishment.organisation_id:
            refuse(
                _("A belief establishment belongs to no religious organisation."), "organisation"
            )
    elif not establishment.religion_id:
        refuse(_("Choose the religion of the establishment."), "religion")
    _check_organisation_religion(establishment.organisation, establishment.religion)


@transaction.atomic
def create_establishment(*, by, **fields):
    fields = clean_fields(Establishment, fields)
    check_unit(by, Establishment, fields.get("unit"), "add")
    establishment = Establishment(**fields)
    _check_establishment(establishment)
    return _save(establishment, by, created=True)


@transaction.atomic
def update_establishment(establishment, *, by, **fields):
    check_can(by, establishment, "change")
    fields = clean_fields(Establishment, fields)
    if "unit" in fields:
        check_unit(by, Establishment, fields["unit"], "change")
    assign(establishment, fields)
    _check_establishment(establishment)
    return _save(establishment, by, created=False)


# Festivals ------------------------------------------------------------------------------


def current_lunar_year(today=None):
    return lunar.to_lunar(today or timezone.localdate())[2]


def _check_festival_date(festival):
    """The day exists: a lunar day 1–30 of month 1–12 (a leap month only on the lunar
    calendar, and one that occurs), a solar day of its month; and the festival falls on a
    day in the current (lunar) year, so that its calendar and notice date can be shown."""
    from dvs.religion import clocks

    if not 1 <= festival.month <= 12:
        refuse(_("The month is from 1 to 12."), "month")
    if festival.lunar:
        if not 1 <= festival.day <= 30:
            refuse(_("A lunar day is from 1 to 30."), "day")
        if festival.leap_month and not _leap_month_occurs(festival.month):
            refuse(
                _("Lunar month %(month)s is never a leap month in the years around now.")
                % {"month": festival.month},
                "leap_month",
            )
        year = current_lunar_year()
    else:
        if festival.leap_month:
            refuse(_("Only a lunar month can be a leap month."), "leap_month")
        year = timezone.localdate().year
        try:
            datetime.date(year, festival.month, festival.day)
        except ValueError:
            refuse(
                _("Day %(day)s does not exist in month %(month)s of %(year)s.")
                % {"day": festival.day, "month": festival.month, "year": year},
                "day",
            )
    if clocks.festival_dates(festival, year) is None:
        refuse(_("This day does not exist in the current year."), "day")


def _leap_month_occurs(month):
    year = current_lunar_year()
    for candidate in range(
        max(lunar.MIN_YEAR, year - LEAP_SEARCH_YEARS),
        min(lunar.MAX_YEAR, year + LEAP_SEARCH_YEARS) + 1,
    ):
        try:
            lunar.to_solar(1, month, candidate, leap=True)
        except lunar.LunarDateError:
            continue
        return True
    return False


def _check_festival_establishment(by, establishment, action):
    """A festival is kept on an establishment the user may change, where they may
    `action` festivals."""
    if establishment is None or not (
        scope.writable_anchor(by, Festival, action).filter(pk=establishment.pk).exists()
        and scope.can(by, establishment, "change")
    ):
        refuse(_("You may not record festivals of this establishment."), "establishment")


@transaction.atomic
def create_festival(*, by, **fields):
    fields = clean_fields(Festival, fields)
    _check_festival_establishment(by, fields.get("establishment"), "add")
    festival = Festival(**fields)
    _check_festival_date(festival)
    return _save(festival, by, created=True)


@transaction.atomic
def update_festival(festival, *, by, **fields):
    check_can(by, festival, "change")
    fields = clean_fields(Festival, fields)
    if "establishment" in fields:
        _check_festival_establishment(by, fields["establishment"], "change")
    assign(festival, fields)
    _check_festival_date(festival)
    return _save(festival, by, created=False)


# Groups ---------------------------------------------------------------------------------


def _check_group(group, state_changed):
    if not group.religion_id:
        refuse(_("Choose the religion the group practises."), "religion")
    _check_organisation_religion(group.organisation, group.religion)
    if state_changed and group.state != Group.State.UNREGISTERED and not group.state_on:
        refuse(_("Give the date of the registration state."), "state_on")
    not_future(group.state_on, "state_on")


@transaction.atomic
def create_group(*, by, **fields):
    fields = clean_fields(Group, fields)
    check_unit(by, Group, fields.get("unit"), "add")
    group = Group(**fields)
    _check_group(group, state_changed=True)
    return _save(group, by, created=True)


@transaction.atomic
def update_group(group, *, by, **fields):
    """A change of registration state carries the day it took effect (`state_on`)."""
    check_can(by, group, "change")
    fields = clean_fields(Group, fields)
    if "unit" in fields:
        check_unit(by, Group, fields["unit"], "change")
    state_changed = "state" in fields and fields["state"] != group.state
    if state_changed and "state_on" not in fields:
        group.state_on = None  # the old state's date is not the new one's
    assign(group, fields)
    _check_group(group, state_changed)
    return _save(group, by, created=False)


# Contacts -------------------------------------------------------------------------------


def _check_dignitaries(by, dignitaries, unit):
    dignitaries = list(dignitaries)
    visible = set(
        scope.scoped(by, Dignitary)
        .filter(pk__in=[d.pk for d in dignitaries], unit__path__startswith=unit.path)
        .values_list("pk", flat=True)
    )
    if any(d.pk not in visible for d in dignitaries):
        refuse(_("A chosen dignitary is outside your scope or the chosen unit."), "dignitaries")
    return dignitaries


def _check_organisations(by, organisations):
    organisations = list(organisations)
    visible = set(
        scope.scoped(by, Organisation)
        .filter(pk__in=[o.pk for o in organisations])
        .values_list("pk", flat=True)
    )
    if any(o.pk not in visible for o in organisations):
        refuse(_("A chosen organisation is outside your scope."), "organisations")
    return organisations


def _save_contact(contact, by, created, dignitaries, organisations):
    _check_linked(by, contact.establishment, contact.unit, "establishment")
    not_future(contact.on)
    if dignitaries is not None:
        dignitaries = _check_dignitaries(by, dignitaries, contact.unit)
    elif not created:
        _check_dignitaries(by, contact.dignitaries.all(), contact.unit)
    if organisations is not None:
        organisations = _check_organisations(by, organisations)
    contact.full_clean()
    contact.save()
    if dignitaries is not None:
        contact.dignitaries.set(dignitaries)
    if organisations is not None:
        contact.organisations.set(organisations)
    log(contact, "wagtail.create" if created else "wagtail.edit", user=by)
    return contact


@transaction.atomic
def create_contact(*, by, dignitaries=(), organisations=(), **fields):
    fields = clean_fields(Contact, fields)
    check_unit(by, Contact, fields.get("unit"), "add")
    contact = Contact(**fields, created_by=by)
    return _save_contact(contact, by, True, dignitaries, organisations)


@transaction.atomic
def update_contact(contact, *, by, dignitaries=None, organisations=None, **fields):
    check_can(by, contact, "change")
    fields = clean_fields(Contact, fields)
    if "unit" in fields:
        check_unit(by, Contact, fields["unit"], "change")
    assign(contact, fields)
    return _save_contact(contact, by, False, dignitaries, organisations)


# Incidents ------------------------------------------------------------------------------


def _check_incident(by, incident):
    _check_linked(by, incident.establishment, incident.unit, "establishment")
    _check_linked(by, incident.group, incident.unit, "group")
    if incident.case is not None and not scope.can(by, incident.case, "view"):
        refuse(_("The chosen case is outside your scope."), "case")
    not_future(incident.on)
    not_future(incident.resolved_on, "resolved_on")
    if incident.status == Incident.Status.RESOLVED and not incident.resolved_on:
        refuse(_("Give the day the incident was resolved."), "resolved_on")
    if incident.resolved_on and incident.on and incident.resolved_on < incident.on:
        refuse(_("An incident cannot be resolved before it happened."), "resolved_on")


@transaction.atomic
def create_incident(*, by, **fields):
    fields = clean_fields(Incident, fields)
    check_unit(by, Incident, fields.get("unit"), "add")
    incident = Incident(**fields, created_by=by)
    _check_incident(by, incident)
    return _save(incident, by, created=True)


@transaction.atomic
def update_incident(incident, *, by, **fields):
    check_can(by, incident, "change")
    fields = clean_fields(Incident, fields)
    if "unit" in fields:
        check_unit(by, Incident, fields["unit"], "change")
    assign(incident, fields)
    _check_incident(by, incident)
    return _save(incident, by, created=False)


# Key people -----------------------------------------------------------------------------


def _check_key_person(by, person):
    _check_linked(by, person.dignitary, person.unit, "dignitary")
    if person.since and person.until and person.until < person.since:
        refuse(_("The end date cannot be before the start date."), "until")


@transaction.atomic
def create_key_person(*, by, **fields):
    fields = clean_fields(KeyPerson, fields)
    check_unit(by, KeyPerson, fields.get("unit"), "add")
    person = KeyPerson(**fields)
    _check_key_person(by, person)
    return _save(person, by, created=True)


@transaction.atomic
def update_key_person(person, *, by, **fields):
    check_can(by, person, "change")
    fields = clean_fields(KeyPerson, fields)
    if "unit" in fields:
        check_unit(by, KeyPerson, fields["unit"], "change")
    assign(person, fields)
    _check_key_person(by, person)
    return _save(person, by, created=False)


# Religious organisations (reference data) -----------------------------------------------


def _check_parent(organisation):
    parent = organisation.parent
    if parent is None:
        return
    if parent.religion_id != organisation.religion_id:
        refuse(_("The parent organisation must be of the same religion."), "parent")
    seen = set()
    while parent is not None and parent.pk not in seen:
        if organisation.pk and parent.pk == organisation.pk:
            refuse(_("An organisation cannot belong to itself."), "parent")
        seen.add(parent.pk)
        parent = parent.parent


@transaction.atomic
def create_religious_organisation(*, by, **fields):
    """Reference data, the same for every unit: the Board enters it (a permission, not a
    unit)."""
    if not by.has_perm("religion.add_religiousorganisation"):
        raise ValidationError(_("You may not add religious organisations."))
    organisation = ReligiousOrganisation(**clean_fields(ReligiousOrganisation, fields))
    _check_parent(organisation)
    return _save(organisation, by, created=True)


@transaction.atomic
def update_religious_organisation(organisation, *, by, **fields):
    if not by.has_perm("religion.change_religiousorganisation"):
        raise ValidationError(_("You may not change religious organisations."))
    assign(organisation, clean_fields(ReligiousOrganisation, fields))
    _check_parent(organisation)
    return _save(organisation, by, created=False)
