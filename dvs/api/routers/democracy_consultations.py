"""Grassroots democracy API: consultations (Art. 25–28) with their opinions, synthesis and
result; the public opinion endpoint of the portal (anonymous, one opinion per phone
number, limited per connection); the disclosure register (Art. 11–14) with its postings,
loudspeaker days and quarterly list.

Reads go through the getters and the scope door (missing and forbidden are both 404);
writes through dvs.democracy.actions (422 with Vietnamese messages, nothing saved)."""

import datetime
import enum

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import field_validator

from dvs.accounts import scope
from dvs.api import doors
from dvs.api.enums import named_choices
from dvs.api.types import CleanStr, CleanText, IsoDate
from dvs.democracy import getters, rules
from dvs.democracy.actions import consultations as consultation_actions
from dvs.democracy.actions import disclosures as disclosure_actions
from dvs.democracy.models import Consultation, Disclosure, Opinion
from dvs.democracy.public_consultations import over_limit, throttle_key
from dvs.lib import throttle
from dvs.lib.paging import CappedLimitOffsetPagination

router = Router(tags=["democracy"])

ConsultationStatus = named_choices("DemocracyConsultationStatus", Consultation.Status)
OpinionStance = named_choices("DemocracyOpinionStance", Opinion.Stance)
# The channels staff enter (the portal's opinions come from the public endpoint).
StaffChannel = enum.StrEnum(
    "DemocracyOpinionChannel", {c.upper(): c for c in consultation_actions.STAFF_CHANNELS}
)


# Consultations ----------------------------------------------------------------------------


class DemocracyConsultationOut(Schema):
    id: int
    unit: str = Field(..., description="Mã đơn vị")
    unit_name: str
    subject: int = Field(..., description="Nội dung theo Điều 25 (1–9)")
    title: str
    summary: str
    status: str
    has_document: bool
    published_on: datetime.date | None
    closes_on: datetime.date | None
    on_portal: bool
    result_published_on: datetime.date | None

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.code

    @staticmethod
    def resolve_unit_name(obj):
        return obj.unit.name

    @staticmethod
    def resolve_has_document(obj):
        return bool(obj.document)


class DemocracyOpinionCounts(Schema):
    by_stance: dict[str, int]
    by_channel: dict[str, int]
    total: int
    majority: str | None = Field(..., description="Ý kiến chiếm nhiều nhất; null nếu ngang nhau")


class DemocracyConsultationDetailOut(DemocracyConsultationOut):
    counts: DemocracyOpinionCounts
    earliest_close_on: datetime.date | None = Field(
        ..., description="Ngày sớm nhất được kết thúc lấy ý kiến (≥20 ngày)"
    )
    synthesis: str
    decision: str
    against_majority: bool
    explanation: str


class DemocracyConsultationIn(Schema):
    unit: CleanStr = Field(..., description="Mã phường hoặc tổ dân phố")
    subject: int = Field(9, ge=1, le=9, description="Nội dung theo Điều 25 (1–9)")
    title: CleanStr = Field(..., max_length=255)
    summary: CleanText
    on_portal: bool = True


class DemocracyPublishIn(Schema):
    published_on: IsoDate
    closes_on: IsoDate

    _dates = field_validator("published_on", "closes_on")(doors.in_calendar)


class DemocracyCloseIn(Schema):
    on: IsoDate

    _dates = field_validator("on")(doors.in_calendar)


class DemocracyResultIn(Schema):
    synthesis: CleanText = ""
    decision: CleanText = ""
    against_majority: bool = False
    explanation: CleanText = ""
    publish_on: IsoDate | None = Field(
        None, description="Nếu có: công bố kết quả vào ngày này (từ chối nếu thiếu giải trình)"
    )

    _dates = field_validator("publish_on")(doors.in_calendar)


class DemocracyOpinionIn(Schema):
    channel: StaffChannel
    stance: OpinionStance
    count: int = Field(1, ge=1, le=consultation_actions.MAX_COUNT)
    received_on: IsoDate
    name: CleanStr = Field("", max_length=255)
    address: CleanStr = Field("", max_length=255)
    content: CleanText = Field("", max_length=10000)

    _dates = field_validator("received_on")(doors.in_calendar)


class DemocracyOpinionOut(Schema):
    id: int
    channel: str
    stance: str
    count: int
    received_on: datetime.date
    content: str


class DemocracyPublicOpinionIn(Schema):
    name: CleanStr = Field(..., min_length=1, max_length=120)
    address: CleanStr = Field("", max_length=255)
    phone: CleanStr = Field(
        ..., max_length=20, description="Chỉ dùng để mỗi người góp một ý kiến; không lưu"
    )
    stance: OpinionStance
    content: CleanText = Field(..., min_length=1, max_length=5000)
    website: str = Field("", max_length=200, description="Để trống (chống máy gửi tự động)")


class DemocracyPublicOpinionReceipt(Schema):
    received: bool


def _consultation_detail(consultation):
    counts = consultation_actions.counts(consultation)
    consultation.counts = counts
    consultation.earliest_close_on = consultation.published_on and (
        rules.consultation_closes_earliest_on(consultation.published_on)
    )
    return consultation


@router.get("/consultations", response=list[DemocracyConsultationOut])
@paginate(CappedLimitOffsetPagination)
def list_consultations(request, unit: str | None = None, status: ConsultationStatus | None = None):
    """The consultations the caller sees, newest first. `unit`: a unit code (its subtree)."""
    rows = scope.scoped(request.user, Consultation).select_related("unit")
    if unit:
        place = doors.unit(request, unit)
        rows = rows.filter(unit__path__startswith=place.path)
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-published_on", "-id")


@router.post("/consultations", response={201: DemocracyConsultationDetailOut, 422: dict})
def create_consultation(request, payload: DemocracyConsultationIn):
    """A draft consultation (its document is uploaded in the back office)."""
    unit = doors.unit(request, payload.unit, Consultation)
    try:
        consultation = consultation_actions.create(
            request.user, unit=unit, **payload.dict(exclude={"unit"})
        )
    except ValidationError as error:
        return doors.invalid(error)
    return Status(201, _consultation_detail(consultation))


@router.get("/consultations/{consultation_id}", response=DemocracyConsultationDetailOut)
def get_consultation(request, consultation_id: int):
    """A consultation with its opinions counted by stance and channel."""
    return _consultation_detail(getters.get_consultation(request.user, consultation_id))


@router.post(
    "/consultations/{consultation_id}/publish",
    response={200: DemocracyConsultationDetailOut, 422: dict},
)
def publish_consultation(request, consultation_id: int, payload: DemocracyPublishIn):
    """Open it for opinions until `closes_on` (at least 20 days after `published_on`)."""
    consultation = doors.changeable(request, getters.get_consultation, consultation_id)
    try:
        consultation_actions.publish(
            consultation, request.user, payload.published_on, payload.closes_on
        )
    except ValidationError as error:
        return doors.invalid(error)
    return _consultation_detail(consultation)


@router.post(
    "/consultations/{consultation_id}/opinions", response={201: DemocracyOpinionOut, 422: dict}
)
def add_opinion(request, consultation_id: int, payload: DemocracyOpinionIn):
    """Opinions received through a meeting, a ballot (with their count), the box, the
    Front, social networks or a dialogue."""
    consultation = getters.get_consultation(request.user, consultation_id)
    if not scope.writable_anchor(request.user, Opinion, "add").filter(pk=consultation.pk).exists():
        raise HttpError(403, _("You may not record this in the chosen unit."))
    try:
        opinion = consultation_actions.add_opinion(consultation, request.user, **payload.dict())
    except ValidationError as error:
        return doors.invalid(error)
    return Status(201, opinion)


@router.post(
    "/consultations/{consultation_id}/close",
    response={200: DemocracyConsultationDetailOut, 422: dict},
)
def close_consultation(request, consultation_id: int, payload: DemocracyCloseIn):
    """Stop taking opinions (not before the closing date announced)."""
    consultation = doors.changeable(request, getters.get_consultation, consultation_id)
    try:
        consultation_actions.close(consultation, request.user, payload.on)
    except ValidationError as error:
        return doors.invalid(error)
    return _consultation_detail(consultation)


@router.post(
    "/consultations/{consultation_id}/result",
    response={200: DemocracyConsultationDetailOut, 422: dict},
)
def consultation_result(request, consultation_id: int, payload: DemocracyResultIn):
    """The synthesis and the decision; with `publish_on`, the result is published, which
    a decision against the majority cannot be without its explanation."""
    consultation = doors.changeable(request, getters.get_consultation, consultation_id)
    fields = payload.dict(exclude={"publish_on"})
    try:
        consultation_actions.record_result(consultation, request.user, **fields)
        if payload.publish_on:
            consultation_actions.publish_result(consultation, request.user, payload.publish_on)
    except ValidationError as error:
        return doors.invalid(error)
    return _consultation_detail(consultation)


@router.post(
    "/public/consultations/{consultation_id}/opinions",
    response={201: DemocracyPublicOpinionReceipt, 422: dict, 429: dict},
    auth=None,
)
def public_opinion(request, consultation_id: int, payload: DemocracyPublicOpinionIn):
    """A resident's opinion, without an account: the same rules as the portal's page (one
    opinion per phone number and consultation, the hidden field, the hourly limit per
    connection). 404 for a consultation not open on the portal."""
    consultation = (
        consultation_actions.portal_open(Consultation.objects.all())
        .filter(pk=consultation_id)
        .first()
    )
    if consultation is None:
        raise Http404
    if payload.website:
        return Status(201, {"received": True})  # a robot: answered as if it worked
    key = throttle_key(request)
    if over_limit(key):
        return Status(
            429,
            {"detail": _("Too many submissions from this connection. Please try again later.")},
        )
    try:
        consultation_actions.submit_public_opinion(
            consultation, **payload.dict(exclude={"website"})
        )
    except ValidationError as error:
        throttle.give_back(key)
        return doors.invalid(error)
    return Status(201, {"received": True})


# Disclosures ------------------------------------------------------------------------------


class DemocracyDisclosureOut(Schema):
    id: int
    unit: str
    unit_name: str
    item: int
    title: str
    decided_on: datetime.date
    disclose_by: datetime.date | None = Field(..., description="Hạn công khai (5 ngày làm việc)")
    on_notice_board: bool
    on_loudspeaker: bool
    on_portal: bool
    at_meeting: bool
    place: str
    posted_from: datetime.date | None
    posted_to: datetime.date | None
    responsible: str
    flags: list[str] = Field(..., description="Cảnh báo: late, short, loudspeaker")
    warnings: list[str] = Field(..., description="Cảnh báo (tiếng Việt)")

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.code

    @staticmethod
    def resolve_unit_name(obj):
        return obj.unit.name

    @staticmethod
    def resolve_flags(obj):
        return [key for key, _text in disclosure_actions.flags(obj)]

    @staticmethod
    def resolve_warnings(obj):
        return [str(text) for _key, text in disclosure_actions.flags(obj)]


class DemocracyDisclosureDetailOut(DemocracyDisclosureOut):
    loudspeaker_days: list[datetime.date]
    posting_ends_earliest_on: datetime.date | None = Field(
        ..., description="Ngày sớm nhất được kết thúc niêm yết; null: niêm yết thường xuyên"
    )
    note: str

    @staticmethod
    def resolve_loudspeaker_days(obj):
        return [day.on for day in obj.loudspeaker_days.all()]

    @staticmethod
    def resolve_posting_ends_earliest_on(obj):
        if not obj.posted_from:
            return None
        return rules.posting_ends_earliest_on(obj.item, obj.posted_from)


class DemocracyDisclosureIn(Schema):
    unit: CleanStr
    item: int = Field(..., ge=1, le=14, description="Khoản của Điều 11 (1–14)")
    title: CleanStr = Field(..., max_length=255)
    decided_on: IsoDate
    on_notice_board: bool = False
    on_loudspeaker: bool = False
    on_portal: bool = False
    at_meeting: bool = False
    place: CleanStr = Field("", max_length=255)
    responsible: CleanStr = Field("", max_length=255)
    note: CleanText = ""

    _dates = field_validator("decided_on")(doors.in_calendar)


class DemocracyPostIn(Schema):
    posted_from: IsoDate

    _dates = field_validator("posted_from")(doors.in_calendar)


class DemocracyEndIn(Schema):
    posted_to: IsoDate

    _dates = field_validator("posted_to")(doors.in_calendar)


class DemocracyLoudspeakerIn(Schema):
    on: IsoDate
    remove: bool = Field(False, description="true: bỏ ngày này")

    _dates = field_validator("on")(doors.in_calendar)


class DemocracyQuarterlyOut(Schema):
    year: int
    quarter: int
    items: list[DemocracyDisclosureOut]


def _disclosures(request):
    return scope.scoped(request.user, Disclosure).select_related("unit")


@router.get("/disclosures", response=list[DemocracyDisclosureOut])
@paginate(CappedLimitOffsetPagination)
def list_disclosures(
    request,
    unit: str | None = None,
    item: int | None = Query(None, ge=1, le=14),
    late: bool | None = None,
):
    """The disclosure register the caller sees, newest decision first. `late=true`: not
    disclosed by the due date (false: the others)."""
    rows = _disclosures(request).prefetch_related("loudspeaker_days")
    if unit:
        place = doors.unit(request, unit)
        rows = rows.filter(unit__path__startswith=place.path)
    if item:
        rows = rows.filter(item=item)
    if late is not None:
        condition = disclosure_actions.late_filter(timezone.localdate())
        rows = rows.filter(condition) if late else rows.exclude(condition)
    return rows.order_by("-decided_on", "-id")


@router.post("/disclosures", response={201: DemocracyDisclosureDetailOut, 422: dict})
def create_disclosure(request, payload: DemocracyDisclosureIn):
    unit = doors.unit(request, payload.unit, Disclosure)
    try:
        disclosure = disclosure_actions.create(
            request.user, unit=unit, **payload.dict(exclude={"unit"})
        )
    except ValidationError as error:
        return doors.invalid(error)
    return Status(201, disclosure)


@router.get("/disclosures/quarterly", response=DemocracyQuarterlyOut)
def quarterly(
    request,
    year: int | None = Query(None, ge=2000, le=2099),
    quarter: int | None = Query(None, ge=1, le=4),
    unit: str | None = None,
):
    """The quarterly list (Art. 12): the entries posted in the quarter, and those not yet
    posted whose decision falls in it, per unit. Without `year` and `quarter`: the
    current quarter."""
    if not request.user.has_perm("democracy.view_disclosure"):
        raise HttpError(403, _("You do not have permission to do this."))
    today = timezone.localdate()
    year = year or today.year
    quarter = quarter or (today.month - 1) // 3 + 1
    rows = _disclosures(request).prefetch_related("loudspeaker_days")
    if unit:
        place = doors.unit(request, unit)
        rows = rows.filter(unit__path__startswith=place.path)
    rows = disclosure_actions.in_quarter(rows, year, quarter)
    return {
        "year": year,
        "quarter": quarter,
        "items": list(rows.order_by("unit__path", "decided_on", "pk")),
    }


@router.get("/disclosures/{disclosure_id}", response=DemocracyDisclosureDetailOut)
def get_disclosure(request, disclosure_id: int):
    return getters.get_disclosure(request.user, disclosure_id)


@router.post(
    "/disclosures/{disclosure_id}/post", response={200: DemocracyDisclosureDetailOut, 422: dict}
)
def post_disclosure(request, disclosure_id: int, payload: DemocracyPostIn):
    """Posted from `posted_from`; after the due date it is flagged late, not refused."""
    disclosure = doors.changeable(request, getters.get_disclosure, disclosure_id)
    try:
        disclosure_actions.post(disclosure, request.user, payload.posted_from)
    except ValidationError as error:
        return doors.invalid(error)
    return disclosure


@router.post(
    "/disclosures/{disclosure_id}/end", response={200: DemocracyDisclosureDetailOut, 422: dict}
)
def end_disclosure(request, disclosure_id: int, payload: DemocracyEndIn):
    """Taken down: refused before 30 days, and for items 4 and 13 (posted permanently)."""
    disclosure = doors.changeable(request, getters.get_disclosure, disclosure_id)
    try:
        disclosure_actions.end_posting(disclosure, request.user, payload.posted_to)
    except ValidationError as error:
        return doors.invalid(error)
    return disclosure


@router.post(
    "/disclosures/{disclosure_id}/loudspeaker-days",
    response={200: DemocracyDisclosureDetailOut, 422: dict},
)
def loudspeaker_day(request, disclosure_id: int, payload: DemocracyLoudspeakerIn):
    """Log (or with `remove`, drop) a day it was read on the loudspeakers."""
    disclosure = doors.changeable(request, getters.get_disclosure, disclosure_id)
    try:
        if payload.remove:
            disclosure_actions.remove_loudspeaker_day(disclosure, request.user, payload.on)
        else:
            disclosure_actions.add_loudspeaker_day(disclosure, request.user, payload.on)
    except ValidationError as error:
        return doors.invalid(error)
    return disclosure
