"""Religious affairs API: the filings a ward receives and must answer, with their clocks,
and the calculator of those clocks (POST /check).

Reads go through the scope door (missing and forbidden are both 404); writes through
dvs.religion.actions.filings with the back office's checks: 422 with Vietnamese
messages, nothing saved. A filing carries no individual's religion: it names the
establishment, group or organisation that filed it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from dvs.accounts import scope
from dvs.api.enums import named_choices
from dvs.api.types import CleanStr, CleanText, IsoDate
from dvs.cases.models import Case
from dvs.lib.paging import CappedLimitOffsetPagination
from dvs.religion import clocks
from dvs.religion import models as religion_models
from dvs.religion.actions import filings as actions
from dvs.religion.models import Establishment, Filing, Group, ReligiousOrganisation
from dvs.units.models import Unit

router = Router(tags=["religion"])

FilingKind = named_choices("ReligionFilingKind", religion_models.FilingKind)
FilingOutcome = named_choices("ReligionFilingOutcome", Filing.Outcome)
FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2099, 12, 31)
VIEW = "religion.view_filing"


def _refused(message):
    return PydanticCustomError("invalid", str(message))


def _in_calendar(value):
    if value is not None and not FIRST_DAY <= value <= LAST_DAY:
        raise _refused(_("The date must be between 01/01/2000 and 31/12/2099."))
    return value


def _flag(value):
    if not isinstance(value, bool):
        raise _refused(_("Give true or false."))
    return value


_DATES = ("received_on", "complete_on", "activity_on", "festival_end_on", "recognised_on")


class FilingOut(Schema):
    id: int
    unit: str = Field(..., alias="unit_code", description="Mã phường, xã")
    unit_name: str
    kind: str
    subject: str
    submitted_by: str
    received_on: datetime.date
    complete: bool
    complete_on: datetime.date | None
    activity_on: datetime.date | None
    festival_end_on: datetime.date | None
    recognised_on: datetime.date | None
    establishment: int | None = Field(None, alias="establishment_id")
    group: int | None = Field(None, alias="group_id")
    organisation: int | None = Field(None, alias="organisation_id")
    supplements: int | None = Field(None, alias="supplements_id")
    rule_set: str | None = Field(
        None, alias="rule_set_code", description="null: chưa có quy định cho ngày tiếp nhận"
    )
    on_time: bool | None = Field(..., description="Nộp đúng thời hạn luật định; null: không xét")
    reply_due_on: datetime.date | None = Field(..., description="Hạn trả lời bằng văn bản")
    report_due_on: datetime.date | None = Field(..., description="Hạn báo cáo thu chi lễ hội")
    replied_on: datetime.date | None
    outcome: str
    reply_reference: str


class FilingDetailOut(FilingOut):
    missing_items: str
    reasons: str
    required_lead_days: int | None
    warnings: list[str] = Field(..., description="Cảnh báo (tiếng Việt)")


class FilingIn(Schema):
    unit: CleanStr = Field(..., description="Mã phường, xã tiếp nhận")
    kind: FilingKind
    submitted_by: CleanStr
    subject: CleanStr
    received_on: IsoDate
    complete: bool = Field(True, description="Hồ sơ đầy đủ; false: liệt kê missing_items")
    complete_on: IsoDate | None = None
    missing_items: CleanText = ""
    activity_on: IsoDate | None = Field(
        None, description="Ngày bắt đầu hoạt động, lễ hội hoặc hoạt động bổ sung"
    )
    festival_end_on: IsoDate | None = None
    recognised_on: IsoDate | None = Field(
        None, description="Ngày tổ chức được công nhận hoặc đăng ký (danh mục hằng năm)"
    )
    establishment: int | None = None
    group: int | None = None
    organisation: int | None = None
    supplements: int | None = Field(None, description="Hồ sơ được bổ sung (cùng phường, xã)")
    case: int | None = None

    _dates = field_validator(*_DATES)(_in_calendar)
    _complete = field_validator("complete", mode="before")(_flag)


class AnswerIn(Schema):
    replied_on: IsoDate
    outcome: FilingOutcome
    reasons: CleanText = Field("", description="Bắt buộc khi từ chối")
    reply_reference: CleanStr = Field("", description="Số văn bản trả lời")

    _dates = field_validator("replied_on")(_in_calendar)


class CompleteIn(Schema):
    complete_on: IsoDate = Field(..., description="Ngày hồ sơ được bổ sung đầy đủ")

    _dates = field_validator("complete_on")(_in_calendar)


class CheckIn(Schema):
    kind: FilingKind
    received_on: IsoDate
    complete: bool = True
    complete_on: IsoDate | None = None
    activity_on: IsoDate | None = None
    festival_end_on: IsoDate | None = None
    recognised_on: IsoDate | None = None

    _dates = field_validator(*_DATES)(_in_calendar)
    _complete = field_validator("complete", mode="before")(_flag)


class CheckOut(Schema):
    rule_set: str | None = Field(..., description="null: chưa có quy định cho ngày tiếp nhận")
    on_time: bool | None
    required_lead_days: int | None = Field(..., description="Số ngày phải nộp trước")
    latest_on: datetime.date | None = Field(..., description="Ngày cuối nộp đúng hạn")
    reply_due_on: datetime.date | None
    report_due_on: datetime.date | None
    warnings: list[str] = Field(..., description="Cảnh báo (tiếng Việt)")


def _invalid(error):
    fields = error.message_dict if hasattr(error, "error_dict") else {}
    return Status(422, {"detail": _("Invalid data."), "errors": error.messages, "fields": fields})


def _annotated(queryset):
    return queryset.annotate(
        unit_code=F("unit__code"), unit_name=F("unit__name"), rule_set_code=F("rule_set__code")
    )


def _filing(request, filing_id):
    return scope.access(request.user, Filing.objects.select_related("unit", "rule_set"), filing_id)


def _changeable(request, filing_id):
    """A filing the caller sees (else 404) and may change (else 403)."""
    filing = _filing(request, filing_id)
    if not scope.can(request.user, filing, "change"):
        raise HttpError(403, _("You may not change this record."))
    return filing


def _detail(filing, clock=None):
    clock = clock or clocks.clock_of(filing)
    filing.required_lead_days = clock.required_lead_days
    filing.warnings = [str(warning) for warning in clock.warnings]
    filing.unit_code = filing.unit.code
    filing.unit_name = filing.unit.name
    filing.rule_set_code = filing.rule_set.code if filing.rule_set else None
    return filing


def _scoped_or_none(request, model, pk, field):
    """The row `pk` of `model` the caller sees, None when no pk is given; a missing row
    and one out of scope get the same refusal on `field`."""
    if pk is None:
        return None
    row = scope.scoped(request.user, model).filter(pk=pk).first()
    if row is None:
        raise ValidationError({field: [_("The chosen record is outside your scope.")]})
    return row


def _links(request, payload):
    """The rows the body names, each one the caller sees (religious organisations are
    reference data, the same for everyone)."""
    links = {
        "establishment": _scoped_or_none(
            request, Establishment, payload.establishment, "establishment"
        ),
        "group": _scoped_or_none(request, Group, payload.group, "group"),
        "supplements": _scoped_or_none(request, Filing, payload.supplements, "supplements"),
        "case": _scoped_or_none(request, Case, payload.case, "case"),
        "organisation": None,
    }
    if payload.organisation is not None:
        links["organisation"] = ReligiousOrganisation.objects.filter(
            pk=payload.organisation
        ).first()
        if links["organisation"] is None:
            raise ValidationError({"organisation": [_("The chosen record is outside your scope.")]})
    return links


@router.get("", response=list[FilingOut])
@paginate(CappedLimitOffsetPagination)
def list_filings(
    request,
    unit: str | None = None,
    kind: FilingKind | None = None,
    overdue: bool | None = None,
):
    """The filings the caller sees, newest received first. `unit`: a unit code (its
    subtree); `kind`; `overdue=true`: unanswered past their reply date (false: the
    others)."""
    filings = scope.scoped(request.user, Filing)
    if unit:
        place = scope.scoped(request.user, Unit).filter(code=unit).first()
        if place is None:
            raise Http404
        filings = filings.filter(unit__path__startswith=place.path)
    if kind:
        filings = filings.filter(kind=kind)
    if overdue is not None:
        late = Filing.objects.overdue(timezone.localdate()).values("pk")
        filings = filings.filter(pk__in=late) if overdue else filings.exclude(pk__in=late)
    return _annotated(filings).order_by("-received_on", "-id")


@router.post("", response={201: FilingDetailOut, 422: dict})
def create_filing(request, payload: FilingIn):
    """Record a filing the ward received. Its clock is computed from the rule set in
    force on `received_on`; a late filing or a day no rule set covers yet is a warning in
    `warnings`, not a refusal."""
    unit = scope.scoped(request.user, Unit).filter(code=payload.unit).first()
    if unit is None:
        raise Http404
    if not scope.writable_anchor(request.user, Filing, "add").filter(pk=unit.pk).exists():
        raise HttpError(403, _("You may not record this in the chosen unit."))
    data = payload.dict(
        exclude={"unit", "kind", "establishment", "group", "organisation", "supplements", "case"}
    )
    try:
        filing = actions.receive(
            request.user, unit=unit, kind=payload.kind, **data, **_links(request, payload)
        )
    except ValidationError as error:
        return _invalid(error)
    return Status(201, _detail(filing, filing.clock))


@router.post("/check", response=CheckOut)
def check(request, payload: CheckIn):
    """The clock of a filing from its dates, under the rule set in force on
    `received_on`: whether it arrived on time, the reply and revenue report due dates
    (rolled past days off), and warnings. Reads and writes no row."""
    if not request.user.has_perm(VIEW):
        raise HttpError(403, _("You do not have permission to do this."))
    data = payload.dict(exclude={"kind", "received_on"})
    clock = clocks.check(payload.kind, payload.received_on, **data)
    return {
        "rule_set": clock.rule_set,
        "on_time": clock.on_time,
        "required_lead_days": clock.required_lead_days,
        "latest_on": clock.latest_on,
        "reply_due_on": clock.reply_due_on,
        "report_due_on": clock.report_due_on,
        "warnings": [str(warning) for warning in clock.warnings],
    }


@router.get("/{filing_id}", response=FilingDetailOut)
def get_filing(request, filing_id: int):
    """A filing the caller sees, with its clock and warnings."""
    return _detail(_filing(request, filing_id))


@router.post("/{filing_id}/answer", response={200: FilingDetailOut, 422: dict})
def answer_filing(request, filing_id: int, payload: AnswerIn):
    """The ward's written answer: accepted, refused (with reasons) or noted. Answering a
    group's registration sets the group's registration state."""
    filing = _changeable(request, filing_id)
    try:
        filing = actions.answer(
            filing,
            request.user,
            payload.replied_on,
            payload.outcome,
            reasons=payload.reasons,
            reply_reference=payload.reply_reference,
        )
    except ValidationError as error:
        return _invalid(error)
    return _detail(filing, filing.clock)


@router.post("/{filing_id}/complete", response={200: FilingDetailOut, 422: dict})
def complete_filing(request, filing_id: int, payload: CompleteIn):
    """The missing items of an incomplete dossier arrived: the reply clock starts."""
    filing = _changeable(request, filing_id)
    try:
        filing = actions.complete(filing, request.user, payload.complete_on)
    except ValidationError as error:
        return _invalid(error)
    return _detail(filing, filing.clock)
