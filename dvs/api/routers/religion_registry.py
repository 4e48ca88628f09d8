"""Religious affairs API, the registry: establishments (with their festivals' dates of a
year), groups, contacts, incidents and key people.

Reads go through the scope door (a row outside the caller's scope is not found, 404);
writes through dvs.religion.actions.registry, with the same checks as the back office's
forms: 422 with Vietnamese messages, nothing saved. No individual's religion and no
dignitary's protected field is in any answer: an establishment's or a group's religion
is the row's own, and a contact names its dignitaries by id only.
"""

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from dvs.accounts import scope
from dvs.api.enums import named_choices
from dvs.api.types import CleanStr, CleanText, IsoDate
from dvs.cases.models import Case
from dvs.lib.paging import CappedLimitOffsetPagination
from dvs.religion import models as religion_models
from dvs.religion.actions import registry as actions
from dvs.religion.models import (
    Contact,
    Dignitary,
    Establishment,
    Group,
    Incident,
    KeyPerson,
    Religion,
    ReligiousOrganisation,
)
from dvs.religion.views_registry import dates_in_solar_year
from dvs.units.models import Organisation, Unit

router = Router(tags=["religion"])

EstablishmentKind = named_choices("ReligionEstablishmentKind", religion_models.EstablishmentKind)
RelicRanking = named_choices(
    "ReligionRelicRanking", [c for c in religion_models.RelicRanking if c.value]
)
FestivalScale = named_choices("ReligionFestivalScale", religion_models.Festival.Scale)
GroupState = named_choices("ReligionGroupState", religion_models.Group.State)
ContactKind = named_choices("ReligionContactKind", religion_models.Contact.Kind)
IncidentKind = named_choices("ReligionIncidentKind", religion_models.Incident.Kind)
IncidentStatus = named_choices("ReligionIncidentStatus", religion_models.Incident.Status)
KeyPersonKind = named_choices("ReligionKeyPersonKind", religion_models.KeyPerson.Kind)


# Schemas --------------------------------------------------------------------------------


class EstablishmentOut(Schema):
    id: int
    name: str
    kind: str
    religion: str | None = Field(None, description="Mã tôn giáo; trống với cơ sở tín ngưỡng")
    organisation: int | None = Field(None, alias="organisation_id")
    unit: str = Field(..., description="Mã đơn vị")
    address: str
    relic_ranking: str
    representative: str

    @staticmethod
    def resolve_religion(obj):
        return obj.religion.code if obj.religion_id else None

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.code


class FestivalOut(Schema):
    id: int
    name: str
    lunar: bool
    day: int
    month: int
    leap_month: bool
    duration_days: int
    scale: str
    solar_date: datetime.date | None = Field(
        None, description="Ngày dương lịch của năm hỏi; trống nếu năm đó không có ngày này"
    )
    end_date: datetime.date | None
    notice_due_on: datetime.date | None = Field(
        None, description="Hạn thông báo lễ hội; trống nếu chưa có quy định áp dụng"
    )


class EstablishmentDetailOut(EstablishmentOut):
    land_status: str
    board: str
    phone: str
    founded_year: int | None
    note: str
    year: int
    festivals: list[FestivalOut] = Field(..., alias="festival_rows")


class EstablishmentIn(Schema):
    unit: CleanStr = Field(..., description="Mã đơn vị")
    name: CleanStr = Field(..., min_length=1, max_length=255)
    kind: EstablishmentKind
    religion: CleanStr | None = Field(None, description="Mã tôn giáo (trống với cơ sở tín ngưỡng)")
    organisation: int | None = Field(None, ge=1, le=2**31 - 1)
    address: CleanStr = Field("", max_length=255)
    relic_ranking: RelicRanking | None = None
    land_status: CleanStr = Field("", max_length=255)
    representative: CleanStr = Field("", max_length=255)
    board: CleanText = ""
    phone: CleanStr = Field("", max_length=30)
    founded_year: int | None = Field(None, ge=1, le=2100)
    note: CleanText = ""


class GroupOut(Schema):
    id: int
    name: str
    religion: str
    organisation: int | None = Field(None, alias="organisation_id")
    unit: str
    venue: str
    representative: str
    members: int | None
    state: str
    state_on: datetime.date | None

    @staticmethod
    def resolve_religion(obj):
        return obj.religion.code

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.code


class GroupDetailOut(GroupOut):
    note: str
    incidents: int = Field(..., alias="incident_count", description="Số vụ việc liên quan")


class GroupIn(Schema):
    unit: CleanStr
    name: CleanStr = Field(..., min_length=1, max_length=255)
    religion: CleanStr = Field(..., description="Mã tôn giáo")
    organisation: int | None = Field(None, ge=1, le=2**31 - 1)
    venue: CleanStr = Field("", max_length=255)
    representative: CleanStr = Field("", max_length=255)
    members: int | None = Field(None, ge=0, le=1_000_000)
    state: GroupState = GroupState.UNREGISTERED
    state_on: IsoDate | None = None
    note: CleanText = ""


class ContactOut(Schema):
    id: int
    kind: str
    on: datetime.date
    unit: str
    establishment: int | None = Field(None, alias="establishment_id")
    dignitaries: list[int] = Field(..., description="Mã số (id) các chức sắc đã gặp")
    organisations: list[int]
    topics: str
    outcome: str

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.code

    @staticmethod
    def resolve_dignitaries(obj):
        return sorted(d.pk for d in obj.dignitaries.all())

    @staticmethod
    def resolve_organisations(obj):
        return sorted(o.pk for o in obj.organisations.all())


class ContactIn(Schema):
    unit: CleanStr
    kind: ContactKind
    on: IsoDate
    establishment: int | None = Field(None, ge=1, le=2**31 - 1)
    dignitaries: list[int] = []
    organisations: list[int] = []
    others_present: CleanText = ""
    topics: CleanText = Field(..., min_length=1)
    outcome: CleanText = ""


class IncidentOut(Schema):
    id: int
    kind: str
    on: datetime.date
    unit: str
    establishment: int | None = Field(None, alias="establishment_id")
    group: int | None = Field(None, alias="group_id")
    description: str
    handling: str
    status: str
    resolved_on: datetime.date | None
    case: int | None = Field(None, alias="case_id")

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.code


class IncidentIn(Schema):
    unit: CleanStr
    kind: IncidentKind
    on: IsoDate
    establishment: int | None = Field(None, ge=1, le=2**31 - 1)
    group: int | None = Field(None, ge=1, le=2**31 - 1)
    description: CleanText = Field(..., min_length=1)
    handling: CleanText = ""
    status: IncidentStatus = IncidentStatus.OPEN
    resolved_on: IsoDate | None = None
    case: int | None = Field(None, ge=1, le=2**31 - 1)


class KeyPersonOut(Schema):
    id: int
    kind: str
    name: str
    unit: str
    dignitary: int | None = Field(None, alias="dignitary_id")
    programme: str
    ethnic_minority_programme: bool
    since: datetime.date | None
    until: datetime.date | None
    phone: str
    note: str

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.code


class KeyPersonIn(Schema):
    unit: CleanStr
    kind: KeyPersonKind
    name: CleanStr = Field(..., min_length=1, max_length=255)
    dignitary: int | None = Field(None, ge=1, le=2**31 - 1)
    programme: CleanStr = Field("", max_length=255)
    ethnic_minority_programme: bool = False
    since: IsoDate | None = None
    until: IsoDate | None = None
    phone: CleanStr = Field("", max_length=30)
    note: CleanText = ""


# Helpers --------------------------------------------------------------------------------


def _invalid(error):
    errors = error.message_dict if hasattr(error, "error_dict") else {}
    return Status(422, {"detail": _("Invalid data."), "errors": error.messages, "fields": errors})


def _unknown(field, message):
    return Status(
        422, {"detail": _("Invalid data."), "errors": [message], "fields": {field: [message]}}
    )


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise HttpError(403, _("You may not record this."))


def _writable_unit(request, model, code):
    """The unit a new row goes to: one where the caller may add `model`, else 404 (an
    unknown unit and one outside the scope alike)."""
    unit = scope.writable_anchor(request.user, model, "add").filter(code=code).first()
    if unit is None:
        raise HttpError(404, _("No such unit in your scope."))
    return unit


def _in_unit_filter(request, rows, code):
    if not code:
        return rows
    unit = scope.scoped(request.user, Unit).filter(code=code).first()
    if unit is None:
        raise Http404
    return rows.filter(unit__path__startswith=unit.path)


def _religion(code):
    return Religion.objects.filter(code=code).first() if code else None


def _row(model, pk):
    """A linked row by id (None if absent): the action decides whether the caller may
    link it (outside their scope: 422, as in the form)."""
    return model.objects.filter(pk=pk).first() if pk else None


def _festival_out(festival, year):
    dates = dates_in_solar_year(festival, year)
    first = dates[0] if dates else None
    return {
        "id": festival.pk,
        "name": festival.name,
        "lunar": festival.lunar,
        "day": festival.day,
        "month": festival.month,
        "leap_month": festival.leap_month,
        "duration_days": festival.duration_days,
        "scale": festival.scale,
        "solar_date": first.first if first else None,
        "end_date": first.last if first else None,
        "notice_due_on": first.notice_due if first else None,
    }


# Establishments -------------------------------------------------------------------------


@router.get("/establishments", response=list[EstablishmentOut])
@paginate(CappedLimitOffsetPagination)
def list_establishments(
    request,
    unit: str | None = None,
    kind: EstablishmentKind | None = None,
    religion: str | None = None,
):
    """Establishments the caller sees. `unit`: a unit code (its subtree), `kind`, `religion`:
    a religion's code."""
    rows = _in_unit_filter(request, scope.scoped(request.user, Establishment), unit)
    if kind:
        rows = rows.filter(kind=kind)
    if religion:
        rows = rows.filter(religion__code=religion)
    return rows.select_related("unit", "religion").order_by("unit__path", "name_key", "id")


@router.get("/establishments/{establishment_id}", response=EstablishmentDetailOut)
def get_establishment(
    request,
    establishment_id: int,
    year: int | None = Query(None, ge=1902, le=2098, description="Năm dương lịch"),
):
    """An establishment with its festivals' solar dates and notice due dates in `year`
    (this year by default)."""
    establishment = scope.access(
        request.user, Establishment.objects.select_related("unit", "religion"), establishment_id
    )
    establishment.year = year or timezone.localdate().year
    festivals = scope.scoped(request.user, establishment.festivals.all())
    establishment.festival_rows = [_festival_out(f, establishment.year) for f in festivals]
    return establishment


@router.post("/establishments", response={201: EstablishmentOut, 422: dict})
def create_establishment(request, payload: EstablishmentIn):
    """Record an establishment (a belief establishment has no religion)."""
    _require(request, "religion.add_establishment")
    unit = _writable_unit(request, Establishment, payload.unit)
    religion = _religion(payload.religion)
    if payload.religion and religion is None:
        return _unknown("religion", _("Unknown religion."))
    organisation = _row(ReligiousOrganisation, payload.organisation)
    if payload.organisation and organisation is None:
        return _unknown("organisation", _("Unknown religious organisation."))
    data = payload.dict(exclude={"unit", "religion", "organisation", "relic_ranking"})
    try:
        establishment = actions.create_establishment(
            by=request.user,
            unit=unit,
            religion=religion,
            organisation=organisation,
            relic_ranking=payload.relic_ranking or "",
            **data,
        )
    except ValidationError as error:
        return _invalid(error)
    return Status(201, establishment)


# Groups ---------------------------------------------------------------------------------


@router.get("/groups", response=list[GroupOut])
@paginate(CappedLimitOffsetPagination)
def list_groups(
    request,
    unit: str | None = None,
    state: GroupState | None = None,
    religion: str | None = None,
):
    """Groups practising together the caller sees; `state=unregistered` lists the
    unregistered gathering points."""
    rows = _in_unit_filter(request, scope.scoped(request.user, Group), unit)
    if state:
        rows = rows.filter(state=state)
    if religion:
        rows = rows.filter(religion__code=religion)
    return rows.select_related("unit", "religion").order_by("unit__path", "name", "id")


@router.get("/groups/{group_id}", response=GroupDetailOut)
def get_group(request, group_id: int):
    group = scope.access(request.user, Group.objects.select_related("unit", "religion"), group_id)
    group.incident_count = scope.scoped(request.user, Incident).filter(group=group).count()
    return group


@router.post("/groups", response={201: GroupOut, 422: dict})
def create_group(request, payload: GroupIn):
    _require(request, "religion.add_group")
    unit = _writable_unit(request, Group, payload.unit)
    religion = _religion(payload.religion)
    if religion is None:
        return _unknown("religion", _("Unknown religion."))
    organisation = _row(ReligiousOrganisation, payload.organisation)
    if payload.organisation and organisation is None:
        return _unknown("organisation", _("Unknown religious organisation."))
    data = payload.dict(exclude={"unit", "religion", "organisation"})
    try:
        group = actions.create_group(
            by=request.user, unit=unit, religion=religion, organisation=organisation, **data
        )
    except ValidationError as error:
        return _invalid(error)
    return Status(201, group)


# Contacts -------------------------------------------------------------------------------


@router.get("/contacts", response=list[ContactOut])
@paginate(CappedLimitOffsetPagination)
def list_contacts(request, unit: str | None = None, kind: ContactKind | None = None):
    rows = _in_unit_filter(request, scope.scoped(request.user, Contact), unit)
    if kind:
        rows = rows.filter(kind=kind)
    return (
        rows.select_related("unit")
        .prefetch_related("dignitaries", "organisations")
        .order_by("-on", "-id")
    )


@router.post("/contacts", response={201: ContactOut, 422: dict})
def create_contact(request, payload: ContactIn):
    """Record a contact with dignitaries or a board; the dignitaries and the
    establishment must be in the contact's unit and the caller's scope."""
    _require(request, "religion.add_contact")
    unit = _writable_unit(request, Contact, payload.unit)
    establishment = _row(Establishment, payload.establishment)
    if payload.establishment and establishment is None:
        return _unknown("establishment", _("The chosen record is outside your scope."))
    dignitaries = list(Dignitary.objects.filter(pk__in=payload.dignitaries))
    if len(dignitaries) != len(set(payload.dignitaries)):
        return _unknown(
            "dignitaries", _("A chosen dignitary is outside your scope or the chosen unit.")
        )
    organisations = list(Organisation.objects.filter(pk__in=payload.organisations))
    if len(organisations) != len(set(payload.organisations)):
        return _unknown("organisations", _("Unknown organisation."))
    data = payload.dict(exclude={"unit", "establishment", "dignitaries", "organisations"})
    try:
        contact = actions.create_contact(
            by=request.user,
            unit=unit,
            establishment=establishment,
            dignitaries=dignitaries,
            organisations=organisations,
            **data,
        )
    except ValidationError as error:
        return _invalid(error)
    return Status(201, contact)


# Incidents ------------------------------------------------------------------------------


@router.get("/incidents", response=list[IncidentOut])
@paginate(CappedLimitOffsetPagination)
def list_incidents(
    request,
    unit: str | None = None,
    kind: IncidentKind | None = None,
    status: IncidentStatus | None = None,
):
    rows = _in_unit_filter(request, scope.scoped(request.user, Incident), unit)
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    return rows.select_related("unit").order_by("-on", "-id")


@router.post("/incidents", response={201: IncidentOut, 422: dict})
def create_incident(request, payload: IncidentIn):
    """Report an incident, optionally linked to a case the caller sees."""
    _require(request, "religion.add_incident")
    unit = _writable_unit(request, Incident, payload.unit)
    linked = {}
    for field, model in (("establishment", Establishment), ("group", Group), ("case", Case)):
        pk = getattr(payload, field)
        linked[field] = _row(model, pk)
        if pk and linked[field] is None:
            return _unknown(field, _("The chosen record is outside your scope."))
    data = payload.dict(exclude={"unit", *linked})
    try:
        incident = actions.create_incident(by=request.user, unit=unit, **linked, **data)
    except ValidationError as error:
        return _invalid(error)
    return Status(201, incident)


# Key people -------------------------------------------------------------------------------


@router.get("/key-people", response=list[KeyPersonOut])
@paginate(CappedLimitOffsetPagination)
def list_key_people(request, unit: str | None = None, kind: KeyPersonKind | None = None):
    rows = _in_unit_filter(request, scope.scoped(request.user, KeyPerson), unit)
    if kind:
        rows = rows.filter(kind=kind)
    return rows.select_related("unit").order_by("unit__path", "name", "id")


@router.post("/key-people", response={201: KeyPersonOut, 422: dict})
def create_key_person(request, payload: KeyPersonIn):
    """Record a key person (cốt cán, người có uy tín), optionally linked to a dignitary
    record the caller sees."""
    _require(request, "religion.add_keyperson")
    unit = _writable_unit(request, KeyPerson, payload.unit)
    dignitary = _row(Dignitary, payload.dignitary)
    if payload.dignitary and dignitary is None:
        return _unknown("dignitary", _("The chosen record is outside your scope."))
    data = payload.dict(exclude={"unit", "dignitary"})
    try:
        person = actions.create_key_person(by=request.user, unit=unit, dignitary=dignitary, **data)
    except ValidationError as error:
        return _invalid(error)
    return Status(201, person)
