import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from dvs.accounts import scope
from dvs.api.enums import named_choices
from dvs.api.types import CleanStr, CleanText, IsoDate
from dvs.emulation import actions, stats
from dvs.emulation import models as emulation_models
from dvs.emulation.models import Exemplar, ExemplarField, Level
from dvs.lib.paging import CappedLimitOffsetPagination
from dvs.units.models import Organisation, Unit

router = Router(tags=["exemplars"])

ExemplarStatus = named_choices("ExemplarStatus", emulation_models.Status)


class ExemplarOut(Schema):
    id: int
    name: str
    year: int = Field(..., description="Năm đăng ký")
    field: str = Field(..., alias="field_code")
    level: str
    status: str
    unit: str = Field(..., alias="unit_code", description="Mã đơn vị sở hữu")
    organisation: int | None = Field(None, alias="organisation_id")
    origin: int | None = Field(None, alias="origin_id", description="Mô hình gốc (nếu nhân rộng)")
    started_on: datetime.date
    published: bool = Field(..., alias="is_published")


class IndicatorValueOut(Schema):
    indicator: str
    unit_of_measure: str
    year: int
    baseline: Decimal | None
    target: Decimal | None
    actual: Decimal | None


class RecognitionOut(Schema):
    level: str
    decision_number: str
    decision_date: datetime.date


class ExemplarDetailOut(ExemplarOut):
    problem: str
    method: str
    participants: str
    people_count: int | None
    households_count: int | None
    indicators: list[IndicatorValueOut]
    recognitions: list[RecognitionOut]
    replicas: int = Field(..., description="Số mô hình nhân rộng từ mô hình này")


class IndicatorValueIn(Schema):
    indicator: CleanStr = Field(..., description="Mã chỉ tiêu, ví dụ households")
    year: int | None = None
    # Any: a wrong type gets the platform's own Vietnamese message, not a schema error.
    baseline: Any = None
    target: Any = None
    actual: Any = None


class ExemplarIn(Schema):
    name: CleanStr
    field: CleanStr = Field(..., description="Mã lĩnh vực: economy, culture_society, …")
    level: Level
    unit: CleanStr = Field(..., description="Mã đơn vị sở hữu")
    organisation: int | None = None
    year: int
    started_on: IsoDate
    problem: CleanText
    method: CleanText
    participants: CleanText = ""
    people_count: int | None = None
    households_count: int | None = None
    indicators: list[IndicatorValueIn] = []


class StatsOut(Schema):
    total: int
    by_field: dict[str, int]
    by_level: dict[str, int]
    by_status: dict[str, int]


def _unit_in_scope(request, code):
    return get_object_or_404(scope.scoped(request.user, Unit), code=code)


def _filtered(request, field, level, unit, year, status):
    return stats.exemplars_for(
        request.user,
        field=field,
        level=level,
        unit=_unit_in_scope(request, unit) if unit else None,
        year=year,
        status=status,
    )


@router.get("", response=list[ExemplarOut])
@paginate(CappedLimitOffsetPagination)
def list_exemplars(
    request,
    field: str | None = None,
    level: Level | None = None,
    unit: str | None = None,
    year: int | None = None,
    status: ExemplarStatus | None = None,
):
    """Exemplars in scope, newest year first. `unit` is a unit code (its whole subtree),
    `field` a field code, `year` the year of registration."""
    exemplars = _filtered(request, field, level, unit, year, status)
    return exemplars.annotate(field_code=F("field__code"), unit_code=F("unit__code")).order_by(
        "-year", "name", "id"
    )


@router.get("/stats", response=StatsOut)
def exemplar_statistics(
    request,
    year: int | None = None,
    unit: str | None = None,
    field: str | None = None,
    level: Level | None = None,
    status: ExemplarStatus | None = None,
):
    """Counts by field (every field, also those added as data), level and status; `total`
    equals the `count` of GET /exemplars with the same filters."""
    return stats.counts(_filtered(request, field, level, unit, year, status))


def _detail(exemplar):
    return {
        "id": exemplar.pk,
        "name": exemplar.name,
        "year": exemplar.year,
        "field_code": exemplar.field.code,
        "level": exemplar.level,
        "status": exemplar.status,
        "unit_code": exemplar.unit.code,
        "organisation_id": exemplar.organisation_id,
        "origin_id": exemplar.origin_id,
        "started_on": exemplar.started_on,
        "is_published": exemplar.is_published,
        "problem": exemplar.problem,
        "method": exemplar.method,
        "participants": exemplar.participants,
        "people_count": exemplar.people_count,
        "households_count": exemplar.households_count,
        "indicators": [
            {
                "indicator": v.indicator.code,
                "unit_of_measure": v.indicator.unit_of_measure,
                "year": v.year,
                "baseline": v.baseline,
                "target": v.target,
                "actual": v.actual,
            }
            for v in exemplar.indicator_values.select_related("indicator").order_by(
                "year", "indicator__sort_order"
            )
        ],
        "recognitions": list(
            exemplar.recognitions.values("level", "decision_number", "decision_date")
        ),
        "replicas": exemplar.replica_count(),
    }


@router.get("/{exemplar_id}", response=ExemplarDetailOut)
def get_exemplar(request, exemplar_id: int):
    exemplar = scope.access(
        request.user, Exemplar.objects.select_related("field", "unit"), exemplar_id
    )
    return _detail(exemplar)


@router.post("", response={201: ExemplarDetailOut, 422: dict})
def create_exemplar(request, payload: ExemplarIn):
    """Register an exemplar with its indicator values; checked as in the back office,
    all or nothing."""
    if not request.user.has_perm("emulation.add_exemplar"):
        raise HttpError(403, _("You may not register exemplars."))
    unit = scope.writable_anchor(request.user, Exemplar, "add").filter(code=payload.unit).first()
    if unit is None:
        raise HttpError(404, _("No such unit in your scope."))
    field = ExemplarField.objects.filter(code=payload.field).first()
    if field is None:
        return Status(422, {"detail": _("Invalid data."), "errors": [_("No such field.")]})
    organisation = None
    if payload.organisation is not None:
        organisation = (
            scope.scoped(request.user, Organisation).filter(pk=payload.organisation).first()
        )
        if organisation is None:
            return Status(
                422, {"detail": _("Invalid data."), "errors": [_("Unknown organisation.")]}
            )
    data = payload.dict(exclude={"indicators", "unit", "field", "organisation"})
    try:
        exemplar = actions.register_exemplar(
            by=request.user,
            unit=unit,
            field=field,
            organisation=organisation,
            indicator_values=[value.dict() for value in payload.indicators],
            **data,
        )
    except ValidationError as error:
        return Status(422, {"detail": _("Invalid data."), "errors": error.messages})
    exemplar = Exemplar.objects.select_related("field", "unit").get(pk=exemplar.pk)
    return Status(201, _detail(exemplar))
