"""Grassroots democracy API (matters): the matters residents decide, their frozen roll,
the consents of a citizens' initiative, the ward's receipt and recognition, annulment and
amendment requests, and the two calculators the screens use too (POST
/matters/evaluate, POST /timeline).

Reads go through dvs.democracy.getters (missing and forbidden are both 404); writes
through dvs.democracy.actions.matters with the back office's checks: 422 with Vietnamese
messages, nothing saved; a write the caller may not do is 403, as in the back office.
"""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import field_validator

from dvs.accounts import scope
from dvs.api import doors
from dvs.api.enums import named_choices
from dvs.api.types import CleanStr, CleanText, IsoDate
from dvs.democracy import models as m
from dvs.democracy import rules
from dvs.democracy.actions import matters as actions
from dvs.democracy.getters import get_matter
from dvs.democracy.views_matters import summary
from dvs.lib.paging import CappedLimitOffsetPagination
from dvs.people.models import Household

router = Router(tags=["democracy"])

MatterStatus = named_choices("DemocracyMatterStatus", m.Matter.Status)
MatterProposer = named_choices("DemocracyMatterProposer", m.Proposer)
ReviewKind = named_choices("DemocracyReviewKind", m.MatterReview.Kind)
ReviewOutcome = named_choices("DemocracyReviewOutcome", m.MatterReview.Outcome)
VIEW = "democracy.view_matter"
MAX_HOUSEHOLDS = 100000
ItemNumber = Field(..., ge=1, le=6, description="Khoản 1–6 Điều 15 Luật 10/2022/QH15")


# Schemas ---------------------------------------------------------------------------------


class DemocracyMatterOut(Schema):
    id: int
    unit: str = Field(..., description="Mã thôn, tổ dân phố hoặc phường, xã")
    unit_name: str
    item: int
    title: str
    proposer: str
    status: str
    households: int | None = Field(..., description="Số hộ trong danh sách đã chốt")
    opened_on: datetime.date | None
    meeting_on: datetime.date | None
    decided_on: datetime.date | None
    passed: bool | None
    send_by: datetime.date | None
    sent_on: datetime.date | None
    received_on: datetime.date | None
    recognise_by: datetime.date | None
    recognised_on: datetime.date | None

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.code

    @staticmethod
    def resolve_unit_name(obj):
        return obj.unit.name


class DemocracyInitiativeOut(Schema):
    needed: int = Field(..., description="Số hộ cần đồng ý (10% số hộ)")
    valid: int = Field(..., description="Số ý kiến đồng ý còn hiệu lực (3 tháng)")
    lapsed: int
    accepted: bool = Field(..., description="Sáng kiến đủ điều kiện (hoặc Ban CTMT chấp thuận)")
    message: str


class DemocracyMatterDetailOut(DemocracyMatterOut):
    content: str
    front_approved: bool
    roll_count: int = Field(..., description="Số hộ có tên trong danh sách")
    roll_note: str
    required_yes: int | None = Field(..., description="Số hộ tán thành cần có để thông qua")
    initiative: DemocracyInitiativeOut | None
    meeting_place: str
    notice_on: datetime.date | None
    documents_on: datetime.date | None
    notice_by: datetime.date | None
    decided_form: str
    yes: int | None
    decision: str
    recognised_by: str | None = Field(
        ..., description="Cơ quan công nhận: peoples_committee, front hoặc null (không cần)"
    )
    refusal_reason: str
    effective_on: datetime.date | None
    warnings: list[str] = Field(..., description="Cảnh báo (tiếng Việt)")


class DemocracyMatterIn(Schema):
    unit: CleanStr = Field(..., description="Mã thôn, tổ dân phố hoặc phường, xã")
    item: int = ItemNumber
    title: CleanStr = Field(..., min_length=1, max_length=255)
    content: CleanText = ""
    proposer: MatterProposer = MatterProposer.HEAD
    front_approved: bool = False
    meeting_on: IsoDate | None = None
    meeting_place: CleanStr = Field("", max_length=255)
    notice_on: IsoDate | None = None
    documents_on: IsoDate | None = None

    _dates = field_validator("meeting_on", "notice_on", "documents_on")(doors.in_calendar)


class DemocracyOpenIn(Schema):
    on: IsoDate = Field(..., description="Ngày chốt danh sách hộ")

    _dates = field_validator("on")(doors.in_calendar)


class DemocracyRollIn(Schema):
    households: int = Field(..., ge=1, le=MAX_HOUSEHOLDS)
    reason: CleanText = Field(..., min_length=1)


class DemocracyConsentIn(Schema):
    representative: CleanStr = Field(..., min_length=1, max_length=255)
    signed_on: IsoDate
    household: int | None = None

    _dates = field_validator("signed_on")(doors.in_calendar)


class DemocracyConsentOut(Schema):
    id: int
    representative: str
    household: int | None = Field(None, alias="household_id")
    signed_on: datetime.date
    valid_until: datetime.date

    @staticmethod
    def resolve_valid_until(obj):
        return rules.consent_valid_until(obj.signed_on)


class DemocracyReceiveIn(Schema):
    received_on: IsoDate

    _dates = field_validator("received_on")(doors.in_calendar)


class DemocracyRecogniseIn(Schema):
    on: IsoDate

    _dates = field_validator("on")(doors.in_calendar)


class DemocracyRefuseIn(Schema):
    on: IsoDate
    reason: CleanText = Field(..., min_length=1)

    _dates = field_validator("on")(doors.in_calendar)


class DemocracyReviewIn(Schema):
    kind: ReviewKind
    requested_on: IsoDate
    requested_by: CleanStr = Field("", max_length=255)
    reason: CleanText = Field(..., min_length=1)

    _dates = field_validator("requested_on")(doors.in_calendar)


class DemocracyReviewOut(Schema):
    id: int
    kind: str
    requested_on: datetime.date
    requested_by: str
    reason: str
    outcome: str
    resolved_on: datetime.date | None
    note: str


class DemocracyEvaluateIn(Schema):
    item: int = ItemNumber
    households: int = Field(..., ge=1, le=MAX_HOUSEHOLDS)
    present: int | None = Field(None, ge=0, le=MAX_HOUSEHOLDS)
    yes: int | None = Field(None, ge=0, le=MAX_HOUSEHOLDS)
    form: Literal["meeting", "ballot", "online"] = "meeting"
    optin_yes: int | None = Field(None, ge=0, le=MAX_HOUSEHOLDS)


class DemocracyEvaluateOut(Schema):
    required_yes: int
    passes: bool | None = Field(..., description="null khi chưa có số hộ tán thành")
    can_reach_threshold: bool
    ballot_allowed: bool
    online_allowed: bool
    warnings: list[str] = Field(..., description="Cảnh báo (tiếng Việt)")


TIMELINE_DATES = (
    "meeting_on",
    "ballot_closed_on",
    "received_on",
    "consultation_published_on",
    "decided_on",
    "posted_on",
    "election_on",
    "dismissal_recognised_on",
    "inspection_on",
    "charter_posted_on",
    "conference_on",
)


class DemocracyTimelineIn(Schema):
    meeting_on: IsoDate | None = None
    ballot_closed_on: IsoDate | None = None
    received_on: IsoDate | None = None
    consultation_published_on: IsoDate | None = None
    decided_on: IsoDate | None = None
    disclosure_item: int | None = Field(None, ge=1, le=14, description="Khoản 1–14 Điều 11")
    posted_on: IsoDate | None = None
    election_on: IsoDate | None = None
    dismissal_recognised_on: IsoDate | None = None
    inspection_on: IsoDate | None = None
    charter_posted_on: IsoDate | None = None
    conference_on: IsoDate | None = None

    _dates = field_validator(*TIMELINE_DATES)(doors.in_calendar)


class DemocracyTimelineOut(Schema):
    notice_by: datetime.date | None = None
    send_by: datetime.date | None = None
    recognise_by: datetime.date | None = None
    consultation_closes_earliest_on: datetime.date | None = None
    disclose_by: datetime.date | None = None
    posting_ends_earliest_on: datetime.date | None = None
    election_plan_by: datetime.date | None = None
    candidates_by: datetime.date | None = None
    election_team_by: datetime.date | None = None
    election_notice_by: datetime.date | None = None
    election_due_by: datetime.date | None = None
    inspection_plan_by: datetime.date | None = None
    charter_vote_earliest_on: datetime.date | None = None
    invitation_by: datetime.date | None = None


# Helpers ---------------------------------------------------------------------------------


def _detail(matter, user):
    facts = summary(matter, user)
    initiative = None
    if facts["initiative"]:
        state = facts["initiative"]["state"]
        initiative = {
            "needed": state.needed,
            "valid": state.valid,
            "lapsed": state.lapsed,
            "accepted": state.accepted,
            "message": str(facts["initiative"]["message"]),
        }
    warnings = [str(w) for w in facts["kit_warnings"]]
    for late in (facts["send_late"], facts["recognise_late"]):
        if late:
            warnings.append(str(late))
    matter.roll_count = facts["roll_count"]
    matter.required_yes = facts["threshold"]
    matter.initiative = initiative
    matter.notice_by = facts["notice_by"]
    matter.recognised_by = facts["body"].value if facts["body"] else None
    matter.effective_on = facts["effective_on"]
    matter.send_by = facts["send_due"] or matter.send_by
    matter.recognise_by = facts["recognise_due"] or matter.recognise_by
    matter.warnings = warnings
    return matter


def _write(request, matter_id, do, permission=None):
    matter = doors.changeable(request, get_matter, matter_id, permission)
    try:
        matter = do(matter)
    except ValidationError as error:
        return doors.invalid(error)
    return _detail(get_matter(request.user, matter.pk), request.user)


# Routes ----------------------------------------------------------------------------------


@router.get("/matters", response=list[DemocracyMatterOut])
@paginate(CappedLimitOffsetPagination)
def list_matters(
    request,
    unit: str | None = None,
    item: int | None = Query(None, ge=1, le=6),
    status: MatterStatus | None = None,
):
    """The matters the caller sees, newest first. `unit`: a unit code (its subtree);
    `item`: the kind (1–6); `status`."""
    matters = scope.scoped(request.user, m.Matter).select_related("unit")
    if unit:
        matters = matters.filter(unit__path__startswith=doors.unit(request, unit).path)
    if item:
        matters = matters.filter(item=item)
    if status:
        matters = matters.filter(status=status)
    return matters.order_by("-created_at", "-id")


@router.post("/matters", response={201: DemocracyMatterDetailOut, 422: dict})
def create_matter(request, payload: DemocracyMatterIn):
    """A new matter, as a draft (its roll is frozen when it opens)."""
    unit = doors.unit(request, payload.unit)
    if not scope.writable_anchor(request.user, m.Matter, "add").filter(pk=unit.pk).exists():
        raise HttpError(403, _("You may not record this in the chosen unit."))
    try:
        matter = actions.create_matter(request.user, unit=unit, **payload.dict(exclude={"unit"}))
    except ValidationError as error:
        return doors.invalid(error)
    return Status(201, _detail(matter, request.user))


@router.post("/matters/evaluate", response=DemocracyEvaluateOut)
def evaluate(request, payload: DemocracyEvaluateIn):
    """What the law says of a vote (Art. 17, 19, 21): households in favour needed
    (counted on all households of the roll), whether `yes` passes, whether those present
    can reach the threshold, whether a ballot or an online vote is allowed, and warnings.
    Reads and writes no row."""
    if not request.user.has_perm(VIEW):
        raise HttpError(403, _("You do not have permission to do this."))
    result = rules.evaluate(
        payload.item,
        payload.households,
        present=payload.present,
        yes=payload.yes,
        form=payload.form,
        optin_yes=payload.optin_yes,
    )
    return {
        "required_yes": result.required_yes,
        "passes": result.passes,
        "can_reach_threshold": result.can_reach_threshold,
        "ballot_allowed": result.ballot_allowed,
        "online_allowed": result.online_allowed,
        "warnings": [str(w) for w in result.warnings],
    }


@router.post("/timeline", response=DemocracyTimelineOut, exclude_none=True)
def timeline(request, payload: DemocracyTimelineIn):
    """The due dates the given dates lead to (only those that apply), on the platform's
    calendar of working days. Reads and writes no row."""
    if not request.user.has_perm(VIEW):
        raise HttpError(403, _("You do not have permission to do this."))
    return rules.timeline(**payload.dict())


@router.get("/matters/{matter_id}", response=DemocracyMatterDetailOut)
def get_matter_detail(request, matter_id: int):
    """A matter with its roll count, initiative check, dates, decision and recognition."""
    return _detail(get_matter(request.user, matter_id), request.user)


@router.post("/matters/{matter_id}/open", response={200: DemocracyMatterDetailOut, 422: dict})
def open_matter(request, matter_id: int, payload: DemocracyOpenIn):
    """Freeze the roll (one entry per current household of the unit) and open the
    matter; a citizens' initiative that does not stand is refused."""
    return _write(request, matter_id, lambda mt: actions.open_matter(mt, request.user, payload.on))


@router.post("/matters/{matter_id}/roll", response={200: DemocracyMatterDetailOut, 422: dict})
def correct_roll(request, matter_id: int, payload: DemocracyRollIn):
    """Correct the number of households on the roll, with its reason."""
    return _write(
        request,
        matter_id,
        lambda mt: actions.correct_roll(mt, request.user, payload.households, payload.reason),
    )


@router.get("/matters/{matter_id}/consents", response=list[DemocracyConsentOut])
@paginate(CappedLimitOffsetPagination)
def list_consents(request, matter_id: int):
    """The consents of a citizens' initiative, oldest first."""
    return get_matter(request.user, matter_id).consents.order_by("signed_on", "id")


@router.post("/matters/{matter_id}/consents", response={201: DemocracyConsentOut, 422: dict})
def add_consent(request, matter_id: int, payload: DemocracyConsentIn):
    """A household's consent to a citizens' initiative (before the matter opens)."""
    matter = doors.changeable(request, get_matter, matter_id)
    household = None
    try:
        if payload.household is not None:
            household = scope.scoped(request.user, Household).filter(pk=payload.household).first()
            if household is None:
                raise ValidationError(
                    {"household": [_("The chosen record is outside your scope.")]}
                )
        consent = actions.add_consent(
            matter,
            request.user,
            representative=payload.representative,
            signed_on=payload.signed_on,
            household=household,
        )
    except ValidationError as error:
        return doors.invalid(error)
    return Status(201, consent)


@router.post("/matters/{matter_id}/receive", response={200: DemocracyMatterDetailOut, 422: dict})
def receive(request, matter_id: int, payload: DemocracyReceiveIn):
    """The ward received the decision (its recognition clock starts for items 3–5)."""
    return _write(
        request,
        matter_id,
        lambda mt: actions.receive_decision(mt, request.user, payload.received_on),
        actions.RECOGNISE,
    )


@router.post("/matters/{matter_id}/recognise", response={200: DemocracyMatterDetailOut, 422: dict})
def recognise(request, matter_id: int, payload: DemocracyRecogniseIn):
    """The ward's recognition: the People's Committee for items 3–4, the Front committee
    for item 5 (`recognised_by`); items 1, 2, 6 need none (422)."""
    return _write(
        request,
        matter_id,
        lambda mt: actions.recognise(mt, request.user, payload.on),
        actions.RECOGNISE,
    )


@router.post("/matters/{matter_id}/refuse", response={200: DemocracyMatterDetailOut, 422: dict})
def refuse(request, matter_id: int, payload: DemocracyRefuseIn):
    """The ward's written refusal of recognition, with its reasons."""
    return _write(
        request,
        matter_id,
        lambda mt: actions.refuse_recognition(mt, request.user, payload.on, payload.reason),
        actions.RECOGNISE,
    )


@router.get("/matters/{matter_id}/reviews", response=list[DemocracyReviewOut])
@paginate(CappedLimitOffsetPagination)
def list_reviews(request, matter_id: int):
    """The annulment and amendment requests of a matter."""
    matter = get_matter(request.user, matter_id)
    return scope.scoped(request.user, matter.reviews.all()).order_by("-requested_on", "-id")


@router.post("/matters/{matter_id}/reviews", response={201: DemocracyReviewOut, 422: dict})
def add_review(request, matter_id: int, payload: DemocracyReviewIn):
    """A request to annul or amend a decided matter's decision (the ward's)."""
    matter = get_matter(request.user, matter_id)
    if not scope.writable_anchor(request.user, m.MatterReview, "add").filter(pk=matter.pk).exists():
        raise HttpError(403, _("You may not change this record."))
    try:
        review = actions.create_review(request.user, matter=matter, **payload.dict())
    except ValidationError as error:
        return doors.invalid(error)
    return Status(201, review)
