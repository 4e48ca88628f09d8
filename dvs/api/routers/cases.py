"""Cases: a stable API that external checks use. A denouncer's identity never appears
here, except in `GET /cases/{id}/petitioners` for the handler and the leaders who must
know (and that read is logged)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import field_validator

from dvs.accounts import scope
from dvs.api.enums import named_choices
from dvs.api.types import CleanStr, CleanText, IsoDate
from dvs.cases import models, stats, workflow
from dvs.cases.models import Case, SubjectArea
from dvs.lib.paging import CappedLimitOffsetPagination
from dvs.units.models import Unit

router = Router(tags=["cases"])

CaseKind = named_choices("CaseKind", models.Kind)
CaseChannel = named_choices("CaseChannel", models.Channel)
CaseComplexity = named_choices("CaseComplexity", models.Complexity)
CaseStatus = named_choices("CaseStatus", models.Status)


class DeadlinesOut(Schema):
    rules: str
    accept_by: datetime.date | None
    resolve_by: datetime.date | None
    due: datetime.date | None = Field(None, description="Hạn của bước đang chờ")
    state: str | None = Field(None, description="on_time | due_soon | overdue")
    working_days: int | None = Field(None, description="Số ngày làm việc còn lại / quá hạn")
    provisional: bool = Field(
        False,
        description="true: thời hạn rơi vào năm chưa nhập quyết định nghỉ lễ của Chính phủ, "
        "chỉ tính theo ngày lễ luật định (tạm tính)",
    )
    missed_deadline: datetime.date | None = Field(
        None,
        description=(
            "Hạn giải quyết đã quá khi được gia hạn: hồ sơ vẫn tính là quá hạn từ ngày này"
        ),
    )


class CaseOut(Schema):
    id: int
    code: str
    kind: str
    channel: str
    received_on: datetime.date
    unit: str
    subject_area: str
    status: str
    stage: int
    complexity: str
    anonymous: bool
    multi_place_verification: bool = Field(
        ..., description="Tố cáo cần xác minh ở nhiều nơi hoặc ủy quyền xác minh: 10 ngày làm việc"
    )
    deadlines: DeadlinesOut


class CaseDetailOut(CaseOut):
    content: str
    petitioners: list[str] = Field(
        ..., description="Tên người gửi; với đơn tố cáo luôn được che (không bao giờ lộ danh tính)"
    )
    accepted_on: datetime.date | None
    concluded_on: datetime.date | None
    conclusion: str
    forwarded_to: str
    handler: str | None
    events: list[dict]
    warnings: list[str] = Field(
        [], description="Cảnh báo của bước vừa thực hiện (ví dụ: gia hạn sau khi đã quá hạn)"
    )


class PetitionerIn(Schema):
    name: CleanStr = ""
    address: CleanStr = ""
    phone: CleanStr = ""
    email: CleanStr = ""
    id_number: CleanStr = ""


class CaseIn(Schema):
    kind: CaseKind
    received_on: IsoDate
    unit: CleanStr = Field(..., description="Mã đơn vị")
    content: CleanText
    channel: CaseChannel = CaseChannel.POST
    subject_area: CleanStr = Field("other", description="Mã lĩnh vực (land, compensation, …)")
    petitioner_name: CleanStr = ""
    petitioner_address: CleanStr = ""
    petitioner_phone: CleanStr = ""
    petitioners: list[PetitionerIn] = []
    anonymous: bool = False
    multi_place_verification: bool = Field(
        False,
        description=(
            "Chỉ với đơn tố cáo: cần xác minh ở nhiều địa điểm hoặc ủy quyền xác minh "
            "(thời hạn thụ lý 10 ngày làm việc thay vì 7)"
        ),
    )
    stage: int = Field(1, ge=1, le=2, description="1: khiếu nại lần đầu; 2: lần hai")
    first_case: CleanStr | None = Field(None, description="Mã theo dõi của đơn khiếu nại lần đầu")
    forwarded_by: CleanStr = ""
    forwarded_reference: CleanStr = ""

    # The same checks as the intake form, with their Vietnamese messages (422).
    @field_validator("received_on")
    @classmethod
    def _received_on(cls, value):
        return _checked(workflow.check_received_on, value)

    @field_validator("stage", mode="before")
    @classmethod
    def _stage(cls, value):
        return _checked(workflow.check_stage, value)


def _checked(check, value):
    try:
        return check(value)
    except workflow.CaseError as error:
        raise ValueError(" ".join(error.messages)) from None


# A step's date, by the label the step's messages give it.
_STEP_DATES = {
    "accepted_on": gettext_lazy("accepted on"),
    "granted_on": gettext_lazy("granted on"),
    "concluded_on": gettext_lazy("concluded on"),
    "forwarded_on": gettext_lazy("forwarded on"),
    "archived_on": gettext_lazy("archived on"),
    "recorded_on": gettext_lazy("recorded on"),
}


class _StepIn(Schema):
    """A step's date gets the step's own check (workflow.check_step_date) here: 422."""

    @field_validator(*_STEP_DATES, check_fields=False)
    @classmethod
    def _date(cls, value, info):
        label = _STEP_DATES[info.field_name]
        return _checked(lambda date: workflow.check_step_date(date, label), value)


class AcceptIn(_StepIn):
    accepted_on: IsoDate
    complexity: CaseComplexity = CaseComplexity.NORMAL
    remote_area: bool = False
    note: CleanText = ""


class MultiPlaceIn(_StepIn):
    recorded_on: datetime.date
    multi_place_verification: bool = True
    note: CleanText = ""


class ExtendIn(_StepIn):
    granted_on: IsoDate
    days: int = Field(..., ge=1, le=workflow.MAX_EXTENSION_DAYS)
    reason: CleanText

    @field_validator("days", mode="before")
    @classmethod
    def _days(cls, value):
        return _checked(workflow.check_extension_days, value)


class ConcludeIn(_StepIn):
    concluded_on: IsoDate
    conclusion: CleanText


class ForwardIn(_StepIn):
    forwarded_on: IsoDate
    to: CleanStr
    note: CleanText = ""


class ArchiveIn(_StepIn):
    archived_on: IsoDate
    reason: CleanText


class AssignIn(Schema):
    handler: CleanStr = Field(..., description="Tên đăng nhập của người xử lý")
    note: CleanText = ""


def _out(case, detail=False):
    state = case.due_state
    data = {
        "id": case.pk,
        "code": case.code,
        "kind": case.kind,
        "channel": case.channel,
        "received_on": case.received_on,
        "unit": case.unit.code,
        "subject_area": case.subject_area.code,
        "status": case.status,
        "stage": case.stage,
        "complexity": case.complexity,
        "anonymous": case.anonymous,
        "multi_place_verification": case.multi_place_verification,
        "deadlines": {
            "rules": case.rules,
            "accept_by": case.accept_by,
            "resolve_by": case.resolve_by,
            "due": case.due,
            "state": state[0] if state else None,
            "working_days": state[1] if state else None,
            "provisional": case.deadlines_provisional,
            "missed_deadline": case.missed_deadline,
        },
    }
    if detail:
        data.update(
            content=case.content,
            petitioners=(
                [str(case.petitioner_names())]
                if case.confidential
                else [p.public_name for p in case.petitioners.all()]
            ),
            accepted_on=case.accepted_on,
            concluded_on=case.concluded_on,
            conclusion=case.conclusion,
            forwarded_to=case.forwarded_to,
            handler=case.handler.username if case.handler else None,
            events=[{"on": e.on, "step": e.kind, "note": e.note} for e in case.events.all()],
        )
    return data


@router.get("", response=list[CaseOut])
@paginate(CappedLimitOffsetPagination)
def list_cases(
    request,
    unit: str | None = None,
    kind: CaseKind | None = None,
    status: CaseStatus | None = None,
    overdue: bool | None = None,
    received_from: IsoDate | None = None,
    received_to: IsoDate | None = None,
    handler: CleanStr | None = None,
):
    """Cases in scope, newest first. `overdue=true`: open cases past their time limit
    today (a limit missed before a late extension, or before a suspension, counts).
    `handler`: `me` (the caller's own, as "Hồ sơ tôi xử lý"), `none` (no handler yet) or
    a handler's username."""
    cases = scope.scoped(request.user, Case).select_related("unit", "subject_area")
    if handler == "me":
        cases = cases.filter(handler=request.user)
    elif handler == "none":
        cases = cases.filter(handler__isnull=True)
    elif handler:
        cases = cases.filter(handler__username=handler)
    if unit:
        unit_obj = get_object_or_404(scope.scoped(request.user, Unit), code=unit)
        subtree = list(Unit.objects.subtree_of(unit_obj).values_list("pk", flat=True))
        cases = cases.filter(unit_id__in_ids=subtree)
    if kind:
        cases = cases.filter(kind=kind)
    if status:
        cases = cases.filter(status=status)
    if received_from:
        cases = cases.filter(received_on__gte=received_from)
    if received_to:
        cases = cases.filter(received_on__lte=received_to)
    if overdue is not None:
        late = models.overdue_now(timezone.localdate())
        cases = cases.filter(late) if overdue else cases.exclude(late)
    return _Shown(cases.order_by("-received_on", "-id"))


class _Shown:
    """A sliceable view of a queryset that renders each case as the API shows it."""

    def __init__(self, queryset):
        self.queryset = queryset

    def __getitem__(self, k):
        return [_out(case) for case in self.queryset[k]]

    def capped_count(self, cap):
        from dvs.lib.paging import capped_count

        return capped_count(self.queryset, cap)


@router.get("/stats", response=dict)
def case_stats(
    request,
    unit: str | None = None,
    received_from: IsoDate | None = None,
    received_to: IsoDate | None = None,
    by_month: bool = False,
):
    """The dashboard's figures for a period (default: this year) and unit subtree, with
    the breakdowns its charts draw (`by_kind`, `by_area`, …). `by_month=true` adds the
    chart of cases received by month: each month of the period beside the matching month
    of as many months just before it (`previous_month`, `previous`)."""
    today = timezone.localdate()
    start = received_from or datetime.date(today.year, 1, 1)
    end = received_to or today
    if start > end:
        raise HttpError(400, _("The period ends before it starts."))
    unit_obj = get_object_or_404(scope.scoped(request.user, Unit), code=unit) if unit else None
    figures = stats.summary(stats.Area(request.user, unit_obj), start, end)
    codes = dict(SubjectArea.objects.values_list("pk", "code"))  # subject areas by code
    body = {
        "received": figures.received,
        "accepted": figures.accepted,
        "resolved": figures.resolved,
        "resolved_on_time": figures.resolved_on_time,
        "backlog": figures.backlog,
        "overdue": figures.overdue,
        "long_running": figures.long_running,
        "by_kind": {key: n for key, _label, n in figures.by_kind},
        "by_channel": {key: n for key, _label, n in figures.by_channel},
        "by_status": {key: n for key, _label, n in figures.by_status},
        "by_area": {codes.get(key, str(key)): n for key, _label, n in figures.by_area},
    }
    if by_month:
        area = stats.Area(request.user, unit_obj)
        now, before = stats.received_by_month_compared(area, start, end)
        previous_months = stats.months_of(*stats.previous_months(start, end))
        body["by_month"] = [
            {
                "month": f"{month:%Y-%m}",
                "received": n,
                "previous_month": f"{previous_months[i]:%Y-%m}" if i < len(before) else None,
                "previous": before[i] if i < len(before) else None,
            }
            for i, (month, n) in enumerate(now.items())
        ]
    return body


@router.get("/{case_id}", response=CaseDetailOut)
def read_case(request, case_id: int):
    return _out(scope.access(request.user, Case, case_id), detail=True)


@router.get("/{case_id}/petitioners", response=list[dict])
def case_petitioners(request, case_id: int):
    """The petitioners' identity: for a denunciation only the handler and the leaders who
    must know. The ID number (`id_number`) only for roles that may see residents'
    protected data, and the handler; a denouncer's identity and every ID number shown are
    recorded in the audit log."""
    case = scope.access(request.user, Case, case_id)
    try:
        return case.reveal_identity(request.user)
    except PermissionDenied:
        raise HttpError(
            403, _("You may not see the identity of this case's petitioners.")
        ) from None


@router.post("", response={201: CaseDetailOut, 400: dict})
def create_case(request, payload: CaseIn):
    unit = scope.writable_anchor(request.user, Case, "add").filter(code=payload.unit).first()
    if unit is None:
        raise HttpError(404, _("No such unit in your scope."))
    area = SubjectArea.objects.filter(code=payload.subject_area).first()
    if area is None:
        return Status(400, {"detail": _("Unknown subject area.")})
    people = [p.dict() for p in payload.petitioners]
    if payload.petitioner_name:
        people.insert(
            0,
            {
                "name": payload.petitioner_name,
                "address": payload.petitioner_address,
                "phone": payload.petitioner_phone,
            },
        )
    first = None
    if payload.first_case:
        first = scope.scoped(request.user, Case).filter(code=payload.first_case.upper()).first()
        if first is None:
            return Status(400, {"detail": _("No case with this tracking code in your units.")})
    try:
        case = workflow.receive(
            unit=unit,
            kind=payload.kind,
            channel=payload.channel,
            received_on=payload.received_on,
            subject_area=area,
            content=payload.content,
            petitioners=people,
            by=request.user,
            anonymous=payload.anonymous,
            multi_place_verification=payload.multi_place_verification,
            stage=payload.stage,
            first_case=first,
            forwarded_by=payload.forwarded_by,
            forwarded_reference=payload.forwarded_reference,
        )
    except workflow.CaseError as error:
        return Status(400, {"detail": " ".join(error.messages)})
    return Status(201, _out(case, detail=True))


def _step(request, case_id, name, **arguments):
    case = scope.access(request.user, Case, case_id, "handle")
    try:
        done = getattr(workflow, name)(case, by=request.user, **arguments)
    except workflow.CaseError as error:
        return Status(400, {"detail": " ".join(error.messages)})
    case.refresh_from_db()
    return Status(200, {**_out(case, detail=True), "warnings": getattr(done, "warnings", [])})


@router.post("/{case_id}/accept", response={200: CaseDetailOut, 400: dict})
def accept_case(request, case_id: int, payload: AcceptIn):
    return _step(request, case_id, "accept", **payload.dict())


@router.post("/{case_id}/multi-place-verification", response={200: CaseDetailOut, 400: dict})
def multi_place_case(request, case_id: int, payload: MultiPlaceIn):
    """Denunciations: record that the content must be verified at several places, or that
    the verification is delegated (`false`: that it need not be). The time limit to decide
    on acceptance is recomputed: 10 working days after receipt instead of 7."""
    return _step(request, case_id, "multi_place", **payload.dict())


@router.post("/{case_id}/extend", response={200: CaseDetailOut, 400: dict})
def extend_case(request, case_id: int, payload: ExtendIn):
    """Extend the time limit. Granted after the limit had passed, the extension is
    recorded but the case stays late from the missed limit (`deadlines.missed_deadline`)
    and the answer carries a warning (`warnings`)."""
    return _step(request, case_id, "extend", **payload.dict())


@router.post("/{case_id}/conclude", response={200: CaseDetailOut, 400: dict})
def conclude_case(request, case_id: int, payload: ConcludeIn):
    return _step(request, case_id, "conclude", **payload.dict())


@router.post("/{case_id}/forward", response={200: CaseDetailOut, 400: dict})
def forward_case(request, case_id: int, payload: ForwardIn):
    return _step(request, case_id, "forward", **payload.dict())


@router.post("/{case_id}/archive", response={200: CaseDetailOut, 400: dict})
def archive_case(request, case_id: int, payload: ArchiveIn):
    return _step(request, case_id, "archive", **payload.dict())


@router.post("/{case_id}/assign", response={200: CaseDetailOut, 400: dict})
def assign_case(request, case_id: int, payload: AssignIn):
    """Name the handler: only a user whose role lets them handle cases over the case's
    unit (a reception officer or a board member) is accepted."""
    from django.contrib.auth import get_user_model

    handler = get_user_model().objects.filter(username=payload.handler).first()
    if handler is None:  # the same answer as for a user who may not handle the case
        return Status(
            400,
            {
                "detail": _("%(name)s may not handle cases of this unit.")
                % {"name": payload.handler}
            },
        )
    return _step(request, case_id, "assign", handler=handler, note=payload.note)
