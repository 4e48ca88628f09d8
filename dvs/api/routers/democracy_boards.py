"""Grassroots democracy API (boards): the people's inspection board and the community
investment-monitoring boards, their member lists (replaced whole through the law's
composition check), plans, inspections, recommendations and reports to the Front.

Reads go through the getters and the scope door (missing and forbidden are both 404);
writes through dvs.democracy.actions.boards, the same as the back office: 422 with
Vietnamese messages, nothing saved."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from dvs.accounts import scope
from dvs.api import doors
from dvs.api.enums import named_choices
from dvs.api.types import CleanStr, CleanText, IsoDate
from dvs.democracy import getters, work_boards
from dvs.democracy.actions import boards as actions
from dvs.democracy.models import (
    Board,
    BoardMember,
    BoardPlan,
    BoardReport,
    Inspection,
    Recommendation,
)
from dvs.lib.paging import CappedLimitOffsetPagination

router = Router(tags=["democracy"])

BoardKind = named_choices("DemocracyBoardKind", Board.Kind)
MemberRole = named_choices("DemocracyBoardMemberRole", BoardMember.Role)
MemberOrigin = named_choices("DemocracyBoardMemberOrigin", BoardMember.Origin)
PlanPeriod = named_choices("DemocracyBoardPlanPeriod", BoardPlan.Period)
ReportPeriod = named_choices("DemocracyBoardReportPeriod", BoardReport.Period)
RecommendationStatus = named_choices("DemocracyRecommendationStatus", Recommendation.Status)


# Schemas ------------------------------------------------------------------------------------


class DemocracyBoardMemberOut(Schema):
    name: str
    role: str
    origin: str
    neighbourhood: str | None = Field(None, description="Mã thôn, tổ dân phố bầu ra")
    is_ward_official: bool
    related_to_investor: bool
    since: datetime.date | None
    until: datetime.date | None
    current: bool = Field(..., description="Đang là thành viên")


class DemocracyBoardMemberIn(Schema):
    name: CleanStr = Field(..., max_length=255)
    role: MemberRole = MemberRole.MEMBER
    origin: MemberOrigin = MemberOrigin.RESIDENT
    neighbourhood: CleanStr | None = Field(None, description="Mã thôn, tổ dân phố bầu ra")
    is_ward_official: bool = False
    related_to_investor: bool = False
    since: IsoDate | None = None
    until: IsoDate | None = None


class DemocracyMembersIn(Schema):
    members: list[DemocracyBoardMemberIn] = Field(..., max_length=200)


class DemocracyBoardOut(Schema):
    id: int
    unit: str = Field(..., alias="unit_code", description="Mã phường, xã")
    kind: str
    name: str
    project: str
    investor: str
    term_from: datetime.date
    term_to: datetime.date | None
    dissolved_on: datetime.date | None


class DemocracyBoardDetailOut(DemocracyBoardOut):
    unit: str = Field(..., description="Mã phường, xã")
    members: list[DemocracyBoardMemberOut]
    problems: list[str] = Field(..., description="Vi phạm quy định về cơ cấu (tiếng Việt)")
    by_election: str | None = Field(None, description="Ghi chú bầu bổ sung (tiếng Việt)")


class DemocracyBoardIn(Schema):
    unit: CleanStr = Field(..., description="Mã phường, xã")
    kind: BoardKind
    name: CleanStr = Field(..., max_length=255)
    project: CleanStr = Field("", max_length=255)
    investor: CleanStr = Field("", max_length=255)
    term_from: IsoDate
    term_to: IsoDate | None = None
    members: list[DemocracyBoardMemberIn] = Field([], max_length=200)


class DemocracyBoardPlanOut(Schema):
    id: int
    board: int = Field(..., alias="board_id")
    period: str
    title: str
    subject: str
    inspection_on: datetime.date | None
    sent_on: datetime.date | None
    send_by: datetime.date | None = Field(None, description="Hạn gửi kế hoạch (5 ngày làm việc)")
    state: str = Field(..., description="sent, late, due, overdue, none")

    @staticmethod
    def resolve_send_by(plan):
        return work_boards.plan_due_on(plan)

    @staticmethod
    def resolve_state(plan):
        return work_boards.plan_state(plan)[0]


class DemocracyBoardPlanIn(Schema):
    period: PlanPeriod
    title: CleanStr = Field(..., max_length=255)
    subject: CleanStr = Field("", max_length=255)
    inspection_on: IsoDate | None = None
    sent_on: IsoDate | None = None


class DemocracyInspectionOut(Schema):
    id: int
    board: int = Field(..., alias="board_id")
    plan: int | None = Field(None, alias="plan_id")
    subject: str
    held_on: datetime.date
    findings: str


class DemocracyInspectionIn(Schema):
    plan: int | None = None
    subject: CleanStr = Field(..., max_length=255)
    held_on: IsoDate
    findings: CleanText = ""


class DemocracyRecommendationOut(Schema):
    id: int
    inspection: int = Field(..., alias="inspection_id")
    content: str
    addressed_to: str
    sent_on: datetime.date
    answer_by: datetime.date | None
    answer: str
    status: str
    closed_on: datetime.date | None


class DemocracyRecommendationIn(Schema):
    content: CleanText
    addressed_to: CleanStr = Field(..., max_length=255)
    sent_on: IsoDate
    answer_by: IsoDate | None = None


class DemocracyAnswerIn(Schema):
    status: RecommendationStatus
    answer: CleanText = ""
    closed_on: IsoDate | None = None


class DemocracyBoardReportOut(Schema):
    id: int
    board: int = Field(..., alias="board_id")
    period: str
    year: int
    quarter: int | None
    sent_on: datetime.date
    content: str


class DemocracyBoardReportIn(Schema):
    period: ReportPeriod
    year: int = Field(..., ge=2000, le=2099)
    quarter: int | None = Field(None, ge=1, le=4)
    sent_on: IsoDate
    content: CleanText


# Helpers ------------------------------------------------------------------------------------


def _out(board):
    return {**_fields(board), "unit": board.unit.code}


def _fields(board):
    return {
        name: getattr(board, name)
        for name in (
            "id",
            "kind",
            "name",
            "project",
            "investor",
            "term_from",
            "term_to",
            "dissolved_on",
        )
    }


def _detail(board):
    members = list(board.members.select_related("neighbourhood").order_by("pk"))
    return {
        **_out(board),
        "members": [
            {
                **{n: getattr(m, n) for n in actions.MEMBER_FIELDS if n != "neighbourhood"},
                "neighbourhood": m.neighbourhood.code if m.neighbourhood else None,
                "current": work_boards.is_current(m),
            }
            for m in members
        ],
        "problems": work_boards.composition_problems(board, members)
        if members
        else [_("No members have been entered yet.")],
        "by_election": work_boards.by_election_note(board, members),
    }


def _writable_board(request, board_id, model):
    """The board the caller sees (else 404) and may add `model` rows to (else 403)."""
    board = getters.get_board(request.user, board_id)
    if not scope.writable_anchor(request.user, model, "add").filter(pk=board.pk).exists():
        raise HttpError(403, _("You may not change this record."))
    return board


def _members(board, members):
    """The member dicts of the actions from the body: a neighbourhood is named by its code
    and must be one of the board's ward (refused on `members` otherwise)."""
    codes = {m.neighbourhood for m in members if m.neighbourhood}
    places = {u.code: u for u in work_boards.neighbourhoods_of(board.unit).filter(code__in=codes)}
    out = []
    for number, member in enumerate(members, start=1):
        data = member.dict()
        code = data.pop("neighbourhood")
        if code and code not in places:
            raise ValidationError(
                {
                    "members": [
                        _("Member %(number)d: the neighbourhood must be one of the board's ward.")
                        % {"number": number}
                    ]
                }
            )
        out.append({**data, "neighbourhood": places.get(code) if code else None})
    return out


def _ward(request, code):
    return doors.unit(request, code)


# Boards -----------------------------------------------------------------------------------------


@router.get("/boards", response=list[DemocracyBoardOut])
@paginate(CappedLimitOffsetPagination)
def list_boards(request, unit: str | None = None, kind: BoardKind | None = None):
    """The boards the caller sees. `unit`: a unit code (its subtree); `kind`."""
    boards = scope.scoped(request.user, Board).select_related("unit")
    if unit:
        boards = boards.filter(unit__path__startswith=_ward(request, unit).path)
    if kind:
        boards = boards.filter(kind=kind)
    return boards.annotate(unit_code=F("unit__code")).order_by("unit__path", "kind", "name")


@router.post("/boards", response={201: DemocracyBoardDetailOut, 422: dict})
def create_board(request, payload: DemocracyBoardIn):
    """Set up a board in a ward, with its members when they are known: the law's
    composition rules run on the whole list (a people's inspection board has one member
    per neighbourhood, at least 5; at most 2 deputies; no ward officials; a monitoring
    board at least 5 members, at most 5 residents, no relatives of the investor)."""
    unit = _ward(request, payload.unit)
    if not scope.writable_anchor(request.user, Board, "add").filter(pk=unit.pk).exists():
        raise HttpError(403, _("You may not record this in the chosen unit."))
    data = payload.dict(exclude={"unit", "kind", "members"})
    board = Board(unit=unit, kind=payload.kind)
    try:
        members = _members(board, payload.members)
        board = actions.create_board(
            request.user, unit=unit, kind=payload.kind, members=members, **data
        )
    except ValidationError as error:
        return doors.invalid(error)
    return Status(201, _detail(board))


@router.get("/boards/{board_id}", response=DemocracyBoardDetailOut)
def get_board(request, board_id: int):
    """A board with its members, its composition problems and the by-election note."""
    return _detail(getters.get_board(request.user, board_id))


def _replace_members(request, board_id, payload):
    board = doors.changeable(request, getters.get_board, board_id)
    try:
        actions.set_members(board, request.user, _members(board, payload.members))
    except ValidationError as error:
        return doors.invalid(error)
    return 200, _detail(board)


@router.put("/boards/{board_id}/members", response={200: DemocracyBoardDetailOut, 422: dict})
def put_members(request, board_id: int, payload: DemocracyMembersIn):
    """Replace the board's member list, through the same composition check."""
    return _replace_members(request, board_id, payload)


@router.post("/boards/{board_id}/members", response={200: DemocracyBoardDetailOut, 422: dict})
def post_members(request, board_id: int, payload: DemocracyMembersIn):
    """The same as PUT, for clients that only POST."""
    return _replace_members(request, board_id, payload)


# Plans, inspections, reports of a board -----------------------------------------------------


@router.get("/boards/{board_id}/plans", response=list[DemocracyBoardPlanOut])
@paginate(CappedLimitOffsetPagination)
def list_plans(request, board_id: int):
    """The board's plans, with the day each inspection plan must be sent by and its state."""
    board = getters.get_board(request.user, board_id)
    plans = scope.scoped(request.user, BoardPlan).filter(board=board)
    return plans.order_by("-inspection_on", "-id")


@router.post("/boards/{board_id}/plans", response={201: DemocracyBoardPlanOut, 422: dict})
def create_plan(request, board_id: int, payload: DemocracyBoardPlanIn):
    """Record a plan; an inspection plan must reach the Front, the chair and the subject
    5 working days before the inspection (`send_by`); one sent later is `late`."""
    board = _writable_board(request, board_id, BoardPlan)
    try:
        plan = actions.create_plan(request.user, board=board, **payload.dict())
    except ValidationError as error:
        return doors.invalid(error)
    return Status(201, plan)


@router.get("/boards/{board_id}/inspections", response=list[DemocracyInspectionOut])
@paginate(CappedLimitOffsetPagination)
def list_inspections(request, board_id: int):
    board = getters.get_board(request.user, board_id)
    return scope.scoped(request.user, Inspection).filter(board=board).order_by("-held_on", "-id")


@router.post("/boards/{board_id}/inspections", response={201: DemocracyInspectionOut, 422: dict})
def create_inspection(request, board_id: int, payload: DemocracyInspectionIn):
    """Record an inspection held, with or without one of the board's plans."""
    board = _writable_board(request, board_id, Inspection)
    data = payload.dict(exclude={"plan"})
    try:
        plan = None
        if payload.plan is not None:
            plan = scope.scoped(request.user, BoardPlan).filter(pk=payload.plan).first()
            if plan is None:
                raise ValidationError({"plan": [_("The chosen record is outside your scope.")]})
        inspection = actions.create_inspection(request.user, board=board, plan=plan, **data)
    except ValidationError as error:
        return doors.invalid(error)
    return Status(201, inspection)


@router.get("/boards/{board_id}/reports", response=list[DemocracyBoardReportOut])
@paginate(CappedLimitOffsetPagination)
def list_reports(request, board_id: int):
    board = getters.get_board(request.user, board_id)
    return scope.scoped(request.user, BoardReport).filter(board=board)


@router.post("/boards/{board_id}/reports", response={201: DemocracyBoardReportOut, 422: dict})
def create_report(request, board_id: int, payload: DemocracyBoardReportIn):
    """Record a report the board sent to the Front (one quarterly report a quarter)."""
    board = _writable_board(request, board_id, BoardReport)
    try:
        report = actions.create_report(request.user, board=board, **payload.dict())
    except ValidationError as error:
        return doors.invalid(error)
    return Status(201, report)


# Recommendations ------------------------------------------------------------------------------


@router.get("/recommendations", response=list[DemocracyRecommendationOut])
@paginate(CappedLimitOffsetPagination)
def list_recommendations(
    request,
    unit: str | None = None,
    status: RecommendationStatus | None = None,
    overdue: bool | None = None,
):
    """The recommendations the caller sees, newest first. `unit`: a unit code;
    `overdue=true`: awaiting an answer past the day it was expected (false: the others)."""
    rows = scope.scoped(request.user, Recommendation)
    if unit:
        rows = rows.filter(inspection__board__unit__path__startswith=_ward(request, unit).path)
    if status:
        rows = rows.filter(status=status)
    if overdue is not None:
        late = work_boards.overdue_recommendations(rows).values("pk")
        rows = rows.filter(pk__in=late) if overdue else rows.exclude(pk__in=late)
    return rows.order_by("-sent_on", "-id")


@router.get(
    "/inspections/{inspection_id}/recommendations", response=list[DemocracyRecommendationOut]
)
@paginate(CappedLimitOffsetPagination)
def list_inspection_recommendations(request, inspection_id: int):
    inspection = scope.access(request.user, Inspection, inspection_id)
    return scope.scoped(request.user, Recommendation).filter(inspection=inspection)


@router.post(
    "/inspections/{inspection_id}/recommendations",
    response={201: DemocracyRecommendationOut, 422: dict},
)
def create_recommendation(request, inspection_id: int, payload: DemocracyRecommendationIn):
    """A recommendation following an inspection, awaiting its answer."""
    inspection = scope.access(request.user, Inspection, inspection_id)
    if (
        not scope.writable_anchor(request.user, Recommendation, "add")
        .filter(pk=inspection.pk)
        .exists()
    ):
        raise HttpError(403, _("You may not change this record."))
    try:
        row = actions.create_recommendation(request.user, inspection=inspection, **payload.dict())
    except ValidationError as error:
        return doors.invalid(error)
    return Status(201, row)


@router.post(
    "/recommendations/{recommendation_id}/answer",
    response={200: DemocracyRecommendationOut, 422: dict},
)
def answer_recommendation(request, recommendation_id: int, payload: DemocracyAnswerIn):
    """The answer and its follow-up: answered, carried out or not accepted (with the day
    it was closed)."""
    row = doors.changeable(
        request, lambda user, pk: scope.access(user, Recommendation, pk), recommendation_id
    )
    try:
        row = actions.answer_recommendation(row, request.user, **payload.dict())
    except ValidationError as error:
        return doors.invalid(error)
    return row
