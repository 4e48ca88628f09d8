"""Religious affairs API: dignitaries, officials and practitioners (chức sắc, chức việc,
nhà tu hành), mounted at /api/v1/religion/figures.

The list never carries a protected field (ID number and issue, ethnicity, ID image). The
detail adds them, under `protected`, only for a caller allowed to read them on that row,
through `Dignitary.reveal()` (logged); every opening of a detail is logged too, as on the
back office's page. Reads go through the scope door (another ward's dignitary: 404);
writes through dvs.religion.actions.dignitaries with the form's checks (422 with
Vietnamese messages, nothing saved).
"""

import datetime
import enum

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from dvs.accounts import scope
from dvs.api.enums import named_choices
from dvs.api.types import CleanStr, CleanText, IsoDate
from dvs.lib.paging import CappedLimitOffsetPagination
from dvs.religion import models as religion_models
from dvs.religion.actions import dignitaries as actions
from dvs.religion.models import (
    Dignitary,
    Establishment,
    Religion,
    ReligiousOrganisation,
    can_see_sensitive,
)
from dvs.religion.views_dignitaries import get_dignitary, log_opening
from dvs.units.models import Unit

router = Router(tags=["religion"])

DignitaryStatus = named_choices("ReligionDignitaryStatus", religion_models.DignitaryStatus)
ActivityScope = named_choices("ReligionActivityScope", religion_models.Scope)

Classification = enum.StrEnum(
    "ReligionClassification",
    {"DIGNITARY": "dignitary", "OFFICIAL": "official", "PRACTITIONER": "practitioner"},
)
Sex = enum.StrEnum("ReligionSex", {"MALE": "male", "FEMALE": "female"})
CLASSIFICATIONS = ("dignitary", "official", "practitioner")


class DignitaryOut(Schema):
    id: int
    unit: str = Field(..., description="Mã đơn vị")
    religion: str = Field(..., description="Mã tôn giáo")
    organisation: int | None
    establishment: int | None
    birth_name: str
    religious_name: str
    birth_year: int | None
    sex: str
    classification: list[str] = Field(..., description="dignitary, official, practitioner")
    sect: str
    rank: str
    position: str
    ordained_on: datetime.date | None
    scope: str
    status: str
    status_on: datetime.date | None

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.code

    @staticmethod
    def resolve_religion(obj):
        return obj.religion.code

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation_id

    @staticmethod
    def resolve_establishment(obj):
        return obj.establishment_id

    @staticmethod
    def resolve_classification(obj):
        return [code for code in CLASSIFICATIONS if getattr(obj, f"is_{code}")]


class PositionOut(Schema):
    id: int
    title: str
    place: str
    started_on: datetime.date | None
    ended_on: datetime.date | None


class StatusChangeOut(Schema):
    status: str
    on: datetime.date
    note: str


class ProtectedOut(Schema):
    id_number: str
    id_issued_on: str = Field(..., description="YYYY-MM-DD hoặc rỗng")
    id_issued_by: str
    ethnicity: str
    has_id_image: bool


class DignitaryDetailOut(DignitaryOut):
    birth_date: datetime.date | None
    certificate: str
    education: str
    phone: str
    note: str
    positions: list[PositionOut] = Field(..., alias="positions_shown")
    status_changes: list[StatusChangeOut] = Field(..., alias="status_changes_shown")
    protected: ProtectedOut | None = Field(
        None, description="Chỉ cho người được xem dữ liệu được bảo vệ; mỗi lần xem được ghi nhật ký"
    )


class ProtectedIn(Schema):
    id_number: CleanStr = Field("", max_length=20)
    id_issued_on: IsoDate | None = None
    id_issued_by: CleanStr = Field("", max_length=255)
    ethnicity: CleanStr = Field("", max_length=100)


class DignitaryIn(Schema):
    unit: CleanStr = Field(..., description="Mã đơn vị (phường, xã hoặc tổ dân phố)")
    religion: CleanStr = Field(..., description="Mã tôn giáo, ví dụ phat-giao")
    classification: list[Classification] = Field(..., min_length=1)
    birth_name: CleanStr = Field(..., min_length=1, max_length=255)
    religious_name: CleanStr = Field("", max_length=255)
    birth_date: IsoDate | None = None
    birth_year: int | None = Field(None, ge=1900, le=2100)
    sex: Sex | None = None
    organisation: int | None = None
    establishment: int | None = None
    sect: CleanStr = Field("", max_length=100)
    rank: CleanStr = Field("", max_length=255)
    position: CleanStr = Field("", max_length=255)
    ordained_on: IsoDate | None = None
    scope: ActivityScope | None = None
    certificate: CleanStr = Field("", max_length=100)
    phone: CleanStr = Field("", max_length=30)
    note: CleanText = Field("", max_length=5000)
    protected: ProtectedIn | None = None


def _detail(user, dignitary, *, protected=None):
    """The detail's extra fields set on the row itself (the schema reads attributes)."""
    dignitary.positions_shown = list(scope.scoped(user, dignitary.positions.all()))
    dignitary.status_changes_shown = list(scope.scoped(user, dignitary.status_changes.all()))
    dignitary.protected = protected
    return dignitary


def _invalid(error):
    errors = error.message_dict if hasattr(error, "error_dict") else {}
    return Status(422, {"detail": _("Invalid data."), "errors": error.messages, "fields": errors})


def _invalid_field(name, message):
    return Status(
        422, {"detail": _("Invalid data."), "errors": [message], "fields": {name: [message]}}
    )


@router.get("", response=list[DignitaryOut])
@paginate(CappedLimitOffsetPagination)
def list_figures(
    request,
    unit: str | None = None,
    religion: str | None = None,
    classification: Classification | None = None,
    status: DignitaryStatus | None = None,
):
    """Dignitaries, officials and practitioners the caller sees, never their protected
    fields. `unit`: a unit code (its subtree); `religion`: a religion's code."""
    figures = scope.scoped(request.user, Dignitary).select_related("unit", "religion")
    if unit:
        found = scope.scoped(request.user, Unit).filter(code=unit).first()
        if found is None:
            raise Http404
        figures = figures.filter(unit__path__startswith=found.path)
    if religion:
        figures = figures.filter(religion__code=religion)
    if classification:
        figures = figures.filter(**{f"is_{classification}": True})
    if status:
        figures = figures.filter(status=status)
    return figures.order_by("unit__path", "name_key", "id")


@router.get("/{dignitary_id}", response=DignitaryDetailOut)
def get_figure(request, dignitary_id: int):
    """One dignitary with positions and status history; every opening is logged. The
    protected fields only for a caller allowed to read them (each reading logged)."""
    dignitary = get_dignitary(request.user, dignitary_id)
    log_opening(dignitary, request.user)
    protected = None
    if can_see_sensitive(request.user, dignitary):
        protected = dignitary.reveal(request.user)
    return _detail(request.user, dignitary, protected=protected)


@router.post("", response={201: DignitaryDetailOut, 422: dict})
def create_figure(request, payload: DignitaryIn):
    """Record a dignitary in a unit the caller may add to (another unit: 404)."""
    if not request.user.has_perm("religion.add_dignitary"):
        raise HttpError(403, _("You may not record dignitaries."))
    unit = scope.writable_anchor(request.user, Dignitary, "add").filter(code=payload.unit).first()
    if unit is None:
        raise Http404
    religion = Religion.objects.filter(code=payload.religion).first()
    if religion is None:
        return _invalid_field(
            "religion", _("Unknown religion “%(value)s”.") % {"value": payload.religion}
        )
    fields = {
        "unit": unit,
        "religion": religion,
        **{f"is_{code}": True for code in payload.classification},
    }
    for name in ("organisation", "establishment"):
        pk = getattr(payload, name)
        if pk is None:
            continue
        model = ReligiousOrganisation if name == "organisation" else Establishment
        row = model.objects.filter(pk=pk).first()
        if row is None:
            return _invalid_field(name, _("The chosen record is outside your scope."))
        fields[name] = row
    data = payload.dict(
        exclude={"unit", "religion", "classification", "organisation", "establishment", "protected"}
    )
    fields.update({k: v for k, v in data.items() if v is not None})
    sensitive = None
    if payload.protected is not None:
        sensitive = {k: v for k, v in payload.protected.dict().items() if v not in (None, "")}
    try:
        dignitary = actions.create_dignitary(by=request.user, sensitive=sensitive or None, **fields)
    except ValidationError as error:
        return _invalid(error)
    return Status(201, _detail(request.user, dignitary))
