"""Grassroots democracy API (tallies): a matter's meeting, household ballot (its count
entered twice), online vote and sending the decision, under
/democracy/matters/{matter_id}/….

Reads go through getters.get_matter (missing and out of scope are both 404); a caller who
sees the matter but may not change it gets 403; every write is an action of
dvs.democracy.actions.tallies, the back office's own: 422 with Vietnamese messages,
nothing saved. One exception, on purpose: a second count entry that does not match the
first is saved (the mismatch must be visible, side by side, until one entry is corrected)
and answered 422 "Hai lần nhập không khớp" with both entries.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import AwareDatetime, field_validator
from pydantic_core import PydanticCustomError

from dvs.api import doors
from dvs.api.enums import named_choices
from dvs.api.types import CleanStr, CleanText, IsoDate
from dvs.democracy import getters, rules
from dvs.democracy.actions import tallies as actions
from dvs.democracy.models import OnlineChoice, VoteMethod

router = Router(tags=["democracy"])

Method = named_choices("DemocracyVoteMethod", VoteMethod)
Choice = named_choices("DemocracyOnlineChoice", OnlineChoice)
MAX_COUNT = 1_000_000
MAX_ROLL = 100_000

Count = Field(..., ge=0, le=MAX_COUNT)
Numbers = Field(
    default_factory=list, max_length=MAX_ROLL, description="Số thứ tự hộ trong danh sách"
)


def _numbers_in_range(values):
    for value in values:
        if not 1 <= value <= MAX_ROLL:
            raise PydanticCustomError("invalid", str(_("A roll number is between 1 and 100000.")))
    return values


# Output ---------------------------------------------------------------------------------


class DemocracyMeetingOut(Schema):
    held: bool
    meeting_on: datetime.date | None
    present: int | None = Field(..., description="Số hộ có mặt (theo danh sách)")
    chair: str
    secretary: str
    vote_method: str
    counting_board: str
    witnesses: str
    yes: int | None
    no: int | None
    other: int | None
    can_reach_threshold: bool | None = Field(
        ..., description="Số hộ có mặt còn đạt được tỷ lệ thông qua trên tổng số hộ"
    )
    ballot_allowed: bool
    warnings: list[str] = Field(..., description="Cảnh báo (tiếng Việt)")


class DemocracyEntryOut(Schema):
    order: int
    clerk: str
    returned: int
    yes: int
    no: int
    invalid: int


class DemocracyBallotOut(Schema):
    id: int
    reason: str
    plan_on: datetime.date | None
    opens_on: datetime.date
    closes_on: datetime.date
    team: str
    closed: bool
    returned: int | None
    yes: int | None
    no: int | None
    invalid: int | None
    entries: list[DemocracyEntryOut]
    match: bool | None = Field(..., description="null: chưa đủ hai lần nhập")
    not_returned: list[int] | None = Field(
        ..., description="Số thứ tự các hộ không nộp phiếu; null: chưa dùng danh sách nộp phiếu"
    )
    count_record: bool = Field(..., description="Đã đính kèm biên bản kiểm phiếu (Mẫu 04)")


class DemocracyOnlineOut(Schema):
    id: int
    optin_polled_on: datetime.date
    optin_yes: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    platform: str
    team: str
    closed: bool
    participants: int
    yes: int
    no: int
    other: int
    voted: list[int] = Field(..., description="Số thứ tự các hộ đã biểu quyết")


class DemocracyDecisionOut(Schema):
    decided_form: str
    decided_on: datetime.date | None
    passed: bool | None
    yes: int | None
    send_by: datetime.date | None
    sent_on: datetime.date | None
    late: str | None = Field(..., description="Gửi chậm so với hạn (tiếng Việt)")


class DemocracyTalliesOut(Schema):
    matter: int
    item: int
    status: str
    households: int | None
    required_yes: int
    meeting: DemocracyMeetingOut
    ballot: DemocracyBallotOut | None
    online: DemocracyOnlineOut | None
    decision: DemocracyDecisionOut


class DemocracyCodeOut(Schema):
    number: int
    address: str
    representative: str
    code: str


class DemocracyOnlineStartOut(Schema):
    tallies: DemocracyTalliesOut
    codes: list[DemocracyCodeOut] = Field(
        ..., description="Mã của từng hộ, chỉ trả về một lần để in; hệ thống chỉ lưu bản băm"
    )


class DemocracyMismatchOut(Schema):
    detail: str
    tallies: DemocracyTalliesOut


# Input ----------------------------------------------------------------------------------


class DemocracyMeetingIn(Schema):
    meeting_on: IsoDate
    present: list[int] = Numbers
    chair: CleanStr = Field("", max_length=255)
    secretary: CleanStr = Field("", max_length=255)
    vote_method: Method
    counting_board: CleanText = Field(
        "", max_length=2000, description="Tổ kiểm phiếu, mỗi dòng một người"
    )
    witnesses: CleanText = Field(
        "", max_length=2000, description="Hai đại diện hộ chứng kiến, mỗi dòng một người"
    )
    yes: int | None = Field(None, ge=0, le=MAX_COUNT)
    no: int | None = Field(None, ge=0, le=MAX_COUNT)
    other: int | None = Field(None, ge=0, le=MAX_COUNT)

    _dates = field_validator("meeting_on")(doors.in_calendar)
    _numbers = field_validator("present")(_numbers_in_range)


class DemocracyBallotIn(Schema):
    reason: CleanText = Field(..., max_length=4000)
    opens_on: IsoDate
    closes_on: IsoDate
    plan_on: IsoDate | None = None
    team: CleanText = Field("", max_length=2000)

    _dates = field_validator("opens_on", "closes_on", "plan_on")(doors.in_calendar)


class DemocracyEntryIn(Schema):
    order: int = Field(..., ge=1, le=2)
    clerk: CleanStr = Field(..., max_length=255)
    returned: int = Count
    yes: int = Count
    no: int = Count
    invalid: int = Count


class DemocracyReturnedIn(Schema):
    numbers: list[int] = Numbers

    _numbers = field_validator("numbers")(_numbers_in_range)


class DemocracyOnlineIn(Schema):
    optin_polled_on: IsoDate
    optin_yes: int = Count
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    platform: CleanStr = Field("", max_length=255)
    team: CleanText = Field("", max_length=2000)

    _dates = field_validator("optin_polled_on")(doors.in_calendar)

    @field_validator("starts_at", "ends_at")
    @classmethod
    def _in_years(cls, value):
        doors.in_calendar(value.date())
        return value


class DemocracyHouseholdVoteIn(Schema):
    number: int = Field(..., ge=1, le=MAX_ROLL)
    choice: Choice


class DemocracySendIn(Schema):
    sent_on: IsoDate

    _dates = field_validator("sent_on")(doors.in_calendar)


class DemocracyEmptyIn(Schema):
    pass


# Helpers --------------------------------------------------------------------------------


def _meeting(matter):
    evaluation = actions.meeting_evaluation(matter)
    return {
        "held": matter.meeting_held,
        "meeting_on": matter.meeting_on,
        "present": actions.present_count(matter) if matter.meeting_held else None,
        "chair": matter.chair,
        "secretary": matter.secretary,
        "vote_method": matter.vote_method,
        "counting_board": matter.counting_board,
        "witnesses": matter.witnesses,
        "yes": matter.meeting_yes,
        "no": matter.meeting_no,
        "other": matter.meeting_other,
        "can_reach_threshold": evaluation.can_reach_threshold if evaluation else None,
        "ballot_allowed": actions.ballot_allowed(matter) if matter.households else False,
        "warnings": [str(w) for w in evaluation.warnings] if evaluation else [],
    }


def _ballot(matter):
    ballot = matter.ballots.order_by("-id").first()
    if ballot is None:
        return None
    first, second, match = actions.entries_state(ballot)
    missing = actions.not_returned(ballot)
    return {
        "id": ballot.pk,
        "reason": ballot.reason,
        "plan_on": ballot.plan_on,
        "opens_on": ballot.opens_on,
        "closes_on": ballot.closes_on,
        "team": ballot.team,
        "closed": ballot.closed,
        "returned": ballot.returned,
        "yes": ballot.yes,
        "no": ballot.no,
        "invalid": ballot.invalid,
        "entries": [
            {f: getattr(e, f) for f in ("order", "clerk", "returned", "yes", "no", "invalid")}
            for e in (first, second)
            if e
        ],
        "match": match,
        "not_returned": None if missing is None else [e.number for e in missing],
        "count_record": bool(ballot.count_record),
    }


def _online(matter):
    vote = matter.online_votes.order_by("-id").first()
    if vote is None:
        return None
    results = actions.online_results(vote)
    voted = vote.votes.exclude(choice="").values_list("roll_entry__number", flat=True)
    return {
        "id": vote.pk,
        "optin_polled_on": vote.optin_polled_on,
        "optin_yes": vote.optin_yes,
        "starts_at": vote.starts_at,
        "ends_at": vote.ends_at,
        "platform": vote.platform,
        "team": vote.team,
        "closed": vote.closed,
        **results,
        "voted": sorted(voted),
    }


def _tallies(matter):
    matter.refresh_from_db()
    late = rules.lateness(matter.sent_on, matter.send_by)
    return {
        "matter": matter.pk,
        "item": matter.item,
        "status": matter.status,
        "households": matter.households,
        "required_yes": rules.required_yes(matter.item, matter.households or 0),
        "meeting": _meeting(matter),
        "ballot": _ballot(matter),
        "online": _online(matter),
        "decision": {
            "decided_form": matter.decided_form,
            "decided_on": matter.decided_on,
            "passed": matter.passed,
            "yes": matter.yes,
            "send_by": matter.send_by,
            "sent_on": matter.sent_on,
            "late": str(late) if late else None,
        },
    }


def _current_ballot(matter):
    ballot = actions.open_ballot(matter)
    if ballot is None:
        raise ValidationError(_("No household ballot is under way for this matter."))
    return ballot


def _current_vote(matter):
    vote = matter.online_votes.filter(closed=False).order_by("-id").first()
    if vote is None:
        raise ValidationError(_("No online vote is under way for this matter."))
    return vote


# Routes ---------------------------------------------------------------------------------


@router.get("/matters/{matter_id}/tallies", response=DemocracyTalliesOut)
def get_tallies(request, matter_id: int):
    """The matter's meeting (attendance and counts, and whether those present can reach
    the threshold), its latest household ballot with both entries and whether they match,
    its online vote's results, and the decision with its sending."""
    return _tallies(getters.get_matter(request.user, matter_id))


@router.post("/matters/{matter_id}/meeting", response={200: DemocracyTalliesOut, 422: dict})
def record_meeting(request, matter_id: int, payload: DemocracyMeetingIn):
    """Record the meeting: attendance by roll number, who ran it, and — when `yes`, `no`
    and `other` are given — its vote, which decides the matter only when those present
    could reach the threshold on the whole roll."""
    matter = doors.changeable(request, getters.get_matter, matter_id)
    counts = (payload.yes, payload.no, payload.other)
    try:
        with transaction.atomic():
            actions.record_attendance(
                matter,
                by=request.user,
                present=payload.present,
                meeting_on=payload.meeting_on,
                chair=payload.chair,
                secretary=payload.secretary,
                vote_method=payload.vote_method,
                counting_board=payload.counting_board,
                witnesses=payload.witnesses,
            )
            if any(c is not None for c in counts):
                if any(c is None for c in counts):
                    raise ValidationError(_("Give yes, no and other together."))
                actions.record_meeting_vote(
                    matter, by=request.user, yes=payload.yes, no=payload.no, other=payload.other
                )
    except ValidationError as error:
        return doors.invalid(error)
    return _tallies(matter)


@router.post("/matters/{matter_id}/ballot", response={201: DemocracyTalliesOut, 422: dict})
def start_ballot(request, matter_id: int, payload: DemocracyBallotIn):
    """Start a household ballot (refused where the law keeps the matter to a meeting)."""
    matter = doors.changeable(request, getters.get_matter, matter_id)
    try:
        actions.start_ballot(matter, by=request.user, **payload.dict())
    except ValidationError as error:
        return doors.invalid(error)
    return Status(201, _tallies(matter))


@router.post(
    "/matters/{matter_id}/ballot/entries",
    response={200: DemocracyTalliesOut, 422: dict},
)
def enter_count(request, matter_id: int, payload: DemocracyEntryIn):
    """One of the two entries of the count (`order` 1 or 2), or its correction. When both
    exist and differ, the entry is kept and the answer is 422 "Hai lần nhập không khớp"
    with the tallies (both entries side by side)."""
    matter = doors.changeable(request, getters.get_matter, matter_id)
    try:
        ballot = _current_ballot(matter)
        actions.enter_count(ballot, by=request.user, **payload.dict())
    except ValidationError as error:
        return doors.invalid(error)
    if actions.entries_state(ballot)[2] is False:
        message = _("The two entries do not match.")
        return Status(
            422,
            {
                "detail": message,
                "errors": [message],
                "fields": {},
                "tallies": DemocracyTalliesOut.model_validate(_tallies(matter)).model_dump(
                    mode="json"
                ),
            },
        )
    return _tallies(matter)


@router.post("/matters/{matter_id}/ballot/returned", response={200: DemocracyTalliesOut, 422: dict})
def mark_returned(request, matter_id: int, payload: DemocracyReturnedIn):
    """The households whose ballot came back, by roll number (the whole list each time)."""
    matter = doors.changeable(request, getters.get_matter, matter_id)
    try:
        actions.mark_returned(_current_ballot(matter), by=request.user, numbers=payload.numbers)
    except ValidationError as error:
        return doors.invalid(error)
    return _tallies(matter)


@router.post("/matters/{matter_id}/ballot/confirm", response={200: DemocracyTalliesOut, 422: dict})
def confirm_ballot(request, matter_id: int, payload: DemocracyEmptyIn):
    """Confirm the count once both entries agree: it decides the matter on all households
    of the roll, on the day the ballots were collected."""
    matter = doors.changeable(request, getters.get_matter, matter_id)
    try:
        actions.confirm_ballot(_current_ballot(matter), by=request.user)
    except ValidationError as error:
        return doors.invalid(error)
    return _tallies(matter)


@router.post("/matters/{matter_id}/online", response={201: DemocracyOnlineStartOut, 422: dict})
def start_online(request, matter_id: int, payload: DemocracyOnlineIn):
    """Start the online vote of an item-6 matter whose opt-in poll passed; the answer
    carries each household's code, this once."""
    matter = doors.changeable(request, getters.get_matter, matter_id)
    try:
        vote, codes = actions.start_online_vote(matter, by=request.user, **payload.dict())
    except ValidationError as error:
        return doors.invalid(error)
    return Status(
        201,
        {
            "tallies": _tallies(matter),
            "codes": [
                {
                    "number": entry.number,
                    "address": entry.address,
                    "representative": entry.representative,
                    "code": code,
                }
                for entry, code in codes
            ],
        },
    )


@router.post("/matters/{matter_id}/online/votes", response={200: DemocracyTalliesOut, 422: dict})
def record_household_vote(request, matter_id: int, payload: DemocracyHouseholdVoteIn):
    """The team records a household's vote (one per household)."""
    matter = doors.changeable(request, getters.get_matter, matter_id)
    try:
        actions.record_household_vote(
            _current_vote(matter), by=request.user, number=payload.number, choice=payload.choice
        )
    except ValidationError as error:
        return doors.invalid(error)
    return _tallies(matter)


@router.post("/matters/{matter_id}/online/close", response={200: DemocracyTalliesOut, 422: dict})
def close_online(request, matter_id: int, payload: DemocracyEmptyIn):
    """Close the online vote after its end: it decides the matter on the whole roll."""
    matter = doors.changeable(request, getters.get_matter, matter_id)
    try:
        actions.close_online_vote(_current_vote(matter), by=request.user)
    except ValidationError as error:
        return doors.invalid(error)
    return _tallies(matter)


@router.post("/matters/{matter_id}/send", response={200: DemocracyTalliesOut, 422: dict})
def send_decision(request, matter_id: int, payload: DemocracySendIn):
    """The decision was sent to the ward's People's Committee and Front committee."""
    matter = doors.changeable(request, getters.get_matter, matter_id)
    try:
        actions.send_decision(matter, by=request.user, sent_on=payload.sent_on)
    except ValidationError as error:
        return doors.invalid(error)
    return _tallies(matter)
