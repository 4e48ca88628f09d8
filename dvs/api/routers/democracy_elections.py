"""Grassroots democracy API (elections, charters, conferences): the election of the head
of a neighbourhood with its clocks and its result, village charters through their
lifecycle and the province's yearly counts, and the conferences.

Reads go through the getters or the scope helper (missing and forbidden are both 404);
writes through dvs.democracy.actions with the back office's checks: 422 with Vietnamese
messages, nothing saved; a write the caller's role may not do is 403.
"""

import datetime

from django.core.exceptions import ValidationError
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
from dvs.democracy import getters
from dvs.democracy.actions import charters as charter_actions
from dvs.democracy.actions import conferences as conference_actions
from dvs.democracy.actions import elections as election_actions
from dvs.democracy.models import Charter, Conference, HeadElection, Matter
from dvs.lib.paging import CappedLimitOffsetPagination

router = Router(tags=["democracy"])

ElectionCause = named_choices("DemocracyElectionCause", HeadElection.Cause)
CharterKind = named_choices("DemocracyCharterKind", Charter.Kind)
ConferenceKind = named_choices("DemocracyConferenceKind", Conference.Kind)


def _filter_unit(request, queryset, code):
    if not code:
        return queryset
    place = doors.unit(request, code)
    return queryset.filter(unit__path__startswith=place.path)


def _matter(request, pk):
    if pk is None:
        return None
    matter = scope.scoped(request.user, Matter).filter(pk=pk).first()
    if matter is None:
        raise ValidationError({"matter": [_("The chosen record is outside your scope.")]})
    return matter


# Elections ------------------------------------------------------------------------------------


class DemocracyPersonIn(Schema):
    name: CleanStr = Field(..., min_length=1, max_length=255)
    role: CleanStr = Field("", max_length=100, description="Vai trò trong Tổ bầu cử")


class DemocracyCandidateOut(Schema):
    id: int
    name: str
    votes: int | None


class DemocracyTeamMemberOut(Schema):
    name: str
    role: str


class DemocracyElectionOut(Schema):
    id: int
    unit: str = Field(..., alias="unit.code", description="Mã thôn, tổ dân phố")
    unit_name: str = Field(..., alias="unit.name")
    cause: str
    election_on: datetime.date | None
    status: str
    elected: str
    recognised_on: datetime.date | None


class DemocracyStepOut(Schema):
    key: str
    label: str
    due_on: datetime.date
    done_on: datetime.date | None
    late: bool


class DemocracyElectionDetailOut(DemocracyElectionOut):
    dismissal_recognised_on: datetime.date | None
    interim_head: str
    plan_on: datetime.date | None
    candidates_on: datetime.date | None
    team_on: datetime.date | None
    notice_on: datetime.date | None
    matter: int | None = Field(None, alias="matter_id")
    note: str
    candidates: list[DemocracyCandidateOut]
    team: list[DemocracyTeamMemberOut]
    clocks: list[DemocracyStepOut] = Field(..., description="Các mốc 20/15/10/7 ngày")
    election_due_by: datetime.date | None = Field(
        ..., description="Hạn bầu cử sau khi miễn nhiệm được công nhận (60 ngày)"
    )
    recognise_by: datetime.date | None = Field(..., description="Hạn công nhận (5 ngày làm việc)")
    warnings: list[str] = Field(..., description="Cảnh báo (tiếng Việt)")


class DemocracyElectionIn(Schema):
    unit: CleanStr = Field(..., description="Mã thôn, tổ dân phố")
    cause: ElectionCause = HeadElection.Cause.TERM.value
    dismissal_recognised_on: IsoDate | None = None
    interim_head: CleanStr = Field("", max_length=255)
    election_on: IsoDate
    plan_on: IsoDate | None = None
    candidates_on: IsoDate | None = None
    team_on: IsoDate | None = None
    notice_on: IsoDate | None = None
    note: CleanText = ""
    candidates: list[DemocracyPersonIn] = Field(..., max_length=50)
    team: list[DemocracyPersonIn] = Field([], max_length=50)

    _dates = field_validator(
        "dismissal_recognised_on",
        "election_on",
        "plan_on",
        "candidates_on",
        "team_on",
        "notice_on",
    )(doors.in_calendar)


class DemocracyVoteIn(Schema):
    candidate: int
    votes: int = Field(..., ge=0, le=100_000)


class DemocracyElectionResultIn(Schema):
    elected: int | None = Field(None, description="Mã người trúng cử (một ứng cử viên)")
    votes: list[DemocracyVoteIn] = Field([], max_length=50)
    matter: int | None = Field(None, description="Nội dung bầu (khoản 4), cùng thôn, tổ")
    recognised_on: IsoDate | None = Field(None, description="Ngày UBND phường, xã công nhận")
    rerun: bool = Field(False, description="Bầu lại")
    note: CleanText = ""

    _dates = field_validator("recognised_on")(doors.in_calendar)


def _election_detail(election):
    """The election with its clocks (its candidates and team are its relations)."""
    clock = election_actions.clock_of(election)
    election.clocks = [vars(step) for step in clock.steps]
    election.election_due_by = clock.due_by
    election.recognise_by = clock.recognise_by
    election.warnings = [str(warning) for warning in clock.warnings]
    return election


@router.get("/elections", response=list[DemocracyElectionOut])
@paginate(CappedLimitOffsetPagination)
def list_elections(request, unit: str | None = None):
    """The elections of neighbourhood heads the caller sees, latest first; `unit`: a unit
    code (its subtree)."""
    elections = scope.scoped(request.user, HeadElection).select_related("unit")
    return _filter_unit(request, elections, unit).order_by("-election_on", "-id")


@router.post("/elections", response={201: DemocracyElectionDetailOut, 422: dict})
def create_election(request, payload: DemocracyElectionIn):
    """Plan an election with its candidates and team. A team member who is a candidate
    is refused; steps later than the law's leads are warnings."""
    unit = doors.unit(request, payload.unit, HeadElection)
    data = payload.dict(exclude={"unit", "candidates", "team"})
    try:
        election = election_actions.create(
            request.user,
            unit=unit,
            candidates=[{"name": c.name} for c in payload.candidates],
            team=[{"name": m.name, "role": m.role} for m in payload.team],
            **data,
        )
    except ValidationError as error:
        return doors.invalid(error)
    return Status(201, _election_detail(election))


@router.get("/elections/{election_id}", response=DemocracyElectionDetailOut)
def get_election(request, election_id: int):
    """An election with its candidates, team, clocks and warnings."""
    return _election_detail(getters.get_election(request.user, election_id))


@router.post(
    "/elections/{election_id}/result", response={200: DemocracyElectionDetailOut, 422: dict}
)
def election_result(request, election_id: int, payload: DemocracyElectionResultIn):
    """The result: the candidate elected and the votes; the ward records recognition or
    a re-run (`democracy.recognise_matter`)."""
    election = doors.changeable(request, getters.get_election, election_id)
    try:
        election = election_actions.record_result(
            election,
            request.user,
            elected=payload.elected,
            votes={v.candidate: v.votes for v in payload.votes},
            matter=_matter(request, payload.matter),
            recognised_on=payload.recognised_on,
            rerun=payload.rerun,
            note=payload.note,
        )
    except ValidationError as error:
        return doors.invalid(error)
    return _election_detail(election)


# Charters --------------------------------------------------------------------------------------


class DemocracyCharterOut(Schema):
    id: int
    unit: str = Field(..., alias="unit.code")
    unit_name: str = Field(..., alias="unit.name")
    kind: str
    title: str
    status: str
    status_on: datetime.date | None


class DemocracyCharterDetailOut(DemocracyCharterOut):
    amends: int | None = Field(None, alias="amends_id")
    matter: int | None = Field(None, alias="matter_id")
    draft_posted_on: datetime.date | None
    vote_earliest_on: datetime.date | None = Field(..., description="Biểu quyết không trước ngày")
    adopted_on: datetime.date | None
    dossier_by: datetime.date | None = Field(..., description="Hạn gửi hồ sơ công nhận")
    dossier_on: datetime.date | None
    recognise_by: datetime.date | None = Field(..., description="Hạn công nhận")
    recognised_on: datetime.date | None
    refusal_reason: str
    reviews: list[dict]

    @staticmethod
    def resolve_vote_earliest_on(obj):
        return charter_actions.vote_earliest_on(obj)

    @staticmethod
    def resolve_dossier_by(obj):
        return charter_actions.dossier_by(obj)

    @staticmethod
    def resolve_recognise_by(obj):
        return charter_actions.recognise_by(obj)

    @staticmethod
    def resolve_reviews(obj):
        return [
            {"year": r.year, "due_on": r.due_on, "done_on": r.done_on} for r in obj.reviews.all()
        ]


class DemocracyCharterIn(Schema):
    unit: CleanStr = Field(..., description="Mã thôn, tổ dân phố")
    kind: CharterKind = Charter.Kind.QUY_UOC.value
    title: CleanStr = Field(..., min_length=1, max_length=255)
    amends: int | None = Field(None, description="Hương ước, quy ước được sửa đổi")


class DemocracyOnIn(Schema):
    on: IsoDate

    _dates = field_validator("on")(doors.in_calendar)


class DemocracyAdoptIn(Schema):
    matter: int | None = Field(None, description="Nội dung biểu quyết (khoản 3), nếu chưa gắn")


class DemocracyRefuseIn(DemocracyOnIn):
    reason: CleanText = Field(..., min_length=1)


class DemocracyCountOut(Schema):
    unit: str | None
    unit_name: str
    recognised: int
    refused: int
    amended: int
    suspended: int
    annulled: int


class DemocracyCountsOut(Schema):
    year: int
    rows: list[DemocracyCountOut]
    total: DemocracyCountOut


def _count(row):
    return {
        "unit": row.unit.code if row.unit else None,
        "unit_name": row.unit.name if row.unit else _("Total"),
        **dict(zip(charter_actions.COUNTS, row.values(), strict=True)),
    }


@router.get("/charters", response=list[DemocracyCharterOut])
@paginate(CappedLimitOffsetPagination)
def list_charters(request, unit: str | None = None):
    """The village charters the caller sees; `unit`: a unit code (its subtree)."""
    charters = scope.scoped(request.user, Charter).select_related("unit")
    return _filter_unit(request, charters, unit).order_by("unit__path", "-id")


@router.get("/charters/counts", response=DemocracyCountsOut)
def charter_counts(
    request,
    year: int | None = Query(None, ge=2000, le=2099, description="Năm (mặc định: năm nay)"),
    unit: str | None = Query(None),
):
    """Decree 61 Art. 16: per ward of the caller's scope (under `unit`), the charters
    recognised, refused, amended, suspended and annulled in `year`, and the total."""
    if not request.user.has_perm("democracy.view_charter"):
        raise HttpError(403, _("You do not have permission to do this."))
    top = None
    if unit:
        top = doors.unit(request, unit)
    year = year or timezone.localdate().year
    rows, total = charter_actions.yearly_counts(request.user, year, top)
    return {"year": year, "rows": [_count(r) for r in rows], "total": _count(total)}


@router.post("/charters", response={201: DemocracyCharterDetailOut, 422: dict})
def create_charter(request, payload: DemocracyCharterIn):
    """A charter's draft in a neighbourhood (or an amendment of a recognised one)."""
    unit = doors.unit(request, payload.unit, Charter)
    try:
        amends = None
        if payload.amends is not None:
            amends = scope.scoped(request.user, Charter).filter(pk=payload.amends).first()
            if amends is None:
                raise ValidationError({"amends": [_("The chosen record is outside your scope.")]})
        charter = charter_actions.create(
            request.user, unit=unit, title=payload.title, kind=payload.kind, amends=amends
        )
    except ValidationError as error:
        return doors.invalid(error)
    return Status(201, charter)


@router.get("/charters/{charter_id}", response=DemocracyCharterDetailOut)
def get_charter(request, charter_id: int):
    """A charter with its clocks (vote not before, dossier and recognition due) and
    reviews."""
    return getters.get_charter(request.user, charter_id)


def _step(request, charter_id, call):
    charter = doors.changeable(request, getters.get_charter, charter_id)
    try:
        return call(charter)
    except ValidationError as error:
        return doors.invalid(error)


@router.post(
    "/charters/{charter_id}/post-draft", response={200: DemocracyCharterDetailOut, 422: dict}
)
def post_draft(request, charter_id: int, payload: DemocracyOnIn):
    """The draft was posted for opinions: the vote may come 30 days later."""
    return _step(
        request, charter_id, lambda c: charter_actions.post_draft(c, request.user, payload.on)
    )


@router.post("/charters/{charter_id}/adopt", response={200: DemocracyCharterDetailOut, 422: dict})
def adopt(request, charter_id: int, payload: DemocracyAdoptIn):
    """Adopted by the households: its item-3 matter (linked now when given) passed."""

    def call(charter):
        if payload.matter is not None:
            charter = charter_actions.link_vote(
                charter, request.user, _matter(request, payload.matter)
            )
        return charter_actions.adopt(charter, request.user)

    return _step(request, charter_id, call)


@router.post(
    "/charters/{charter_id}/recognise", response={200: DemocracyCharterDetailOut, 422: dict}
)
def recognise(request, charter_id: int, payload: DemocracyOnIn):
    """The ward recognised the charter (its dossier sent the same day when not yet
    recorded); the yearly review on 18/11 is created."""

    def call(charter):
        if charter.status == Charter.Status.ADOPTED:
            charter = charter_actions.send_dossier(charter, request.user, payload.on)
        return charter_actions.recognise(charter, request.user, payload.on)

    return _step(request, charter_id, call)


@router.post("/charters/{charter_id}/refuse", response={200: DemocracyCharterDetailOut, 422: dict})
def refuse(request, charter_id: int, payload: DemocracyRefuseIn):
    """The ward refused recognition in writing, with its reasons."""
    return _step(
        request,
        charter_id,
        lambda c: charter_actions.refuse_recognition(c, request.user, payload.on, payload.reason),
    )


# Conferences -------------------------------------------------------------------------------------


class DemocracyConferenceOut(Schema):
    id: int
    unit: str = Field(..., alias="unit.code")
    unit_name: str = Field(..., alias="unit.name")
    kind: str
    year: int
    held_on: datetime.date | None
    plan_sent_on: datetime.date | None
    invitation_on: datetime.date | None
    attendance: int | None
    result_sent_on: datetime.date | None


class DemocracyConferenceDetailOut(DemocracyConferenceOut):
    summary: str
    warnings: list[str]

    @staticmethod
    def resolve_warnings(obj):
        return [str(w) for w in conference_actions.warnings_of(obj)]


class DemocracyConferenceIn(Schema):
    unit: CleanStr = Field(..., description="Thôn, tổ (hội nghị) hoặc phường, xã (đối thoại)")
    kind: ConferenceKind
    year: int = Field(..., ge=2000, le=2099)
    held_on: IsoDate | None = None
    plan_sent_on: IsoDate | None = None
    invitation_on: IsoDate | None = None
    attendance: int | None = Field(None, ge=0, le=conference_actions.ATTENDANCE_MAX)
    result_sent_on: IsoDate | None = None
    summary: CleanText = ""

    _dates = field_validator("held_on", "plan_sent_on", "invitation_on", "result_sent_on")(
        doors.in_calendar
    )


@router.get("/conferences", response=list[DemocracyConferenceOut])
@paginate(CappedLimitOffsetPagination)
def list_conferences(
    request, unit: str | None = None, year: int | None = Query(None, ge=2000, le=2099)
):
    """The conferences the caller sees; `unit` (its subtree) and `year`."""
    conferences = scope.scoped(request.user, Conference).select_related("unit")
    if year is not None:
        conferences = conferences.filter(year=year)
    return _filter_unit(request, conferences, unit).order_by("-year", "unit__path", "-id")


@router.post("/conferences", response={201: DemocracyConferenceDetailOut, 422: dict})
def create_conference(request, payload: DemocracyConferenceIn):
    """Record a neighbourhood's community conference or a ward's dialogue."""
    unit = doors.unit(request, payload.unit, Conference)
    try:
        conference = conference_actions.create(
            request.user, unit=unit, **payload.dict(exclude={"unit"})
        )
    except ValidationError as error:
        return doors.invalid(error)
    return Status(201, conference)


@router.get("/conferences/{conference_id}", response=DemocracyConferenceDetailOut)
def get_conference(request, conference_id: int):
    """A conference with its warnings (invitations later than 5 days before)."""
    return getters.get_conference(request.user, conference_id)
