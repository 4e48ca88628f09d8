"""Land clearance advocacy: key projects, their parties, steps and visits.

Reads go through the scope door (a ward officer sees a route through its ward's segment,
and only its segments' parties and figures); writes through dvs.clearance.actions, with
the same checks as the back office's forms: 422 with Vietnamese messages, nothing saved.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from dvs.accounts import scope
from dvs.api.enums import named_choices
from dvs.api.types import CleanStr, CleanText, IsoDate
from dvs.clearance import actions, stats
from dvs.clearance import models as clearance_models
from dvs.clearance.models import AffectedParty, Project, Segment
from dvs.lib.paging import CappedLimitOffsetPagination
from dvs.units.models import Organisation, Unit

router = Router(tags=["clearance"])

ProjectKind = named_choices("ClearanceProjectKind", clearance_models.ProjectKind)
ProjectStatus = named_choices("ClearanceProjectStatus", clearance_models.ProjectStatus)
PartyStage = named_choices("ClearanceStage", clearance_models.Stage)
MilestoneKind = named_choices("ClearanceMilestoneKind", clearance_models.MilestoneKind)
LandKind = named_choices("ClearanceLandKind", clearance_models.LandKind)
VisitOutcome = named_choices("ClearanceVisitOutcome", clearance_models.Outcome)


class ProjectOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    status: str
    unit: str = Field(..., alias="unit_code", description="Mã đơn vị chủ trì")
    investor: str
    length_km: Decimal | None
    area_ha: Decimal | None
    rule_set: str | None = Field(None, alias="rule_set_code")


class FiguresOut(Schema):
    affected: int
    persuaded: int = Field(..., description="Đã vận động ít nhất một lần")
    agreed: int
    paid: int
    handed_over: int
    outstanding: int
    with_obstacles: int = Field(
        ..., description="Số đối tượng còn vướng mắc (mỗi đối tượng một lần)"
    )
    handed_over_pct: float | None
    km_cleared: Decimal | None


class SegmentOut(Schema):
    id: int
    ward: str = Field(..., description="Mã phường, xã")
    ward_name: str
    km_from: Decimal | None
    km_to: Decimal | None
    planned_households: int
    last_reported_at: datetime.datetime | None
    has_data: bool = Field(..., description="Sai: «Chưa có số liệu»")
    silent: bool
    lagging: bool = Field(..., description="Cần đôn đốc")
    figures: FiguresOut


class ProjectDetailOut(ProjectOut):
    legal_basis: str
    rule_set_reason: str
    segments: list[SegmentOut]
    total: FiguresOut
    reporting: int = Field(..., description="Số phường, xã đã có số liệu")
    ward_count: int


class PartyOut(Schema):
    id: int
    name: str
    kind: str
    ward: str = Field(..., alias="ward_code")
    unit: str = Field(..., alias="unit_code")
    address: str
    must_relocate: bool
    step: str = Field(..., alias="stage")
    agreed: bool
    paid_on: datetime.date | None
    handed_over_on: datetime.date | None
    visit_count: int
    last_activity_on: datetime.date | None


class MilestoneIn(Schema):
    kind: MilestoneKind
    on: IsoDate
    at_time: datetime.time | None = Field(None, description="HH:MM")
    end_on: IsoDate | None = None
    land: LandKind | None = None
    reissued: bool = False
    early_consent: bool = False
    document_number: CleanStr = ""
    present: int | None = Field(None, ge=0)
    agree: int | None = Field(None, ge=0)
    disagree: int | None = Field(None, ge=0)
    other: int | None = Field(None, ge=0)
    amount: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=0)
    area_m2: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    minutes: CleanText = ""
    not_applicable: bool = False
    reason: CleanStr = ""


class MilestoneOut(Schema):
    id: int
    party: int | None = Field(None, alias="party_id")
    kind: str
    on: datetime.date
    warnings: list[str]


class VisitIn(Schema):
    on: IsoDate
    outcome: VisitOutcome
    concerns: list[CleanStr] = Field([], description="land_price, resettlement, land_origin, …")
    visitors: list[CleanStr] = Field([], description="Tên đăng nhập của người đi vận động")
    organisations: list[int] = []
    visitors_note: CleanStr = ""
    note: CleanText = ""
    next_step: CleanStr = ""
    next_on: IsoDate | None = None


class VisitOut(Schema):
    id: int
    party: int = Field(..., alias="party_id")
    on: datetime.date
    outcome: str
    concerns: list[str]


def _project(request, code):
    """A project the caller sees (of their scope, or through a ward segment of theirs)."""
    project = Project.objects.visible_to(request.user).filter(code=code).first()
    if project is None:
        raise Http404
    return project


def _party(request, code, party_id):
    project = _project(request, code)
    return scope.access(request.user, AffectedParty.objects.filter(project=project), party_id)


def _invalid(error):
    errors = error.message_dict if hasattr(error, "error_dict") else {}
    return Status(422, {"detail": _("Invalid data."), "errors": error.messages, "fields": errors})


@router.get("/projects", response=list[ProjectOut])
@paginate(CappedLimitOffsetPagination)
def list_projects(request, kind: ProjectKind | None = None, status: ProjectStatus | None = None):
    """Key projects the caller sees, by code: a ward sees the routes running through it."""
    projects = Project.objects.visible_to(request.user)
    if kind:
        projects = projects.filter(kind=kind)
    if status:
        projects = projects.filter(status=status)
    return projects.annotate(unit_code=F("unit__code"), rule_set_code=F("rule_set__code")).order_by(
        "code", "id"
    )


def _figures(figures):
    return {
        "affected": figures.affected,
        "persuaded": figures.persuaded,
        "agreed": figures.agreed,
        "paid": figures.paid,
        "handed_over": figures.handed_over,
        "outstanding": figures.outstanding,
        "with_obstacles": figures.with_obstacles,
        "handed_over_pct": figures.handed_over_pct,
        "km_cleared": figures.km_cleared,
    }


@router.get("/projects/{code}", response=ProjectDetailOut)
def get_project(request, code: str):
    """A key project with its segments (those the caller sees) and their figures."""
    project = _project(request, code)
    segments = scope.scoped(request.user, Segment).filter(project=project)
    rollup = stats.route_rollup(project, segments=segments)
    return {
        "id": project.pk,
        "code": project.code,
        "name": project.name,
        "kind": project.kind,
        "status": project.status,
        "unit_code": project.unit.code,
        "investor": project.investor,
        "length_km": project.length_km,
        "area_ha": project.area_ha,
        "rule_set_code": project.rule_set.code if project.rule_set_id else None,
        "legal_basis": project.legal_basis,
        "rule_set_reason": project.rule_set_reason,
        "segments": [
            {
                "id": row.segment.pk,
                "ward": row.segment.ward.code,
                "ward_name": row.segment.ward.name,
                "km_from": row.segment.km_from,
                "km_to": row.segment.km_to,
                "planned_households": row.segment.planned_households,
                "last_reported_at": row.segment.last_reported_at,
                "has_data": row.has_data,
                "silent": row.silent,
                "lagging": row.lagging,
                "figures": _figures(row.figures),
            }
            for row in rollup.wards
        ],
        "total": _figures(rollup.total),
        "reporting": rollup.reporting,
        "ward_count": rollup.ward_count,
    }


@router.get("/projects/{code}/parties", response=list[PartyOut])
@paginate(CappedLimitOffsetPagination)
def list_parties(
    request,
    code: str,
    ward: str | None = None,
    step: PartyStage | None = None,
    obstacle: bool | None = None,
):
    """The project's affected parties the caller sees (never their sensitive flags).
    `ward`: a unit code (its subtree), `step`: the party's stage, `obstacle`: with (true)
    or without (false) an open obstacle."""
    project = _project(request, code)
    parties = scope.scoped(request.user, AffectedParty).filter(project=project)
    if ward:
        unit = scope.scoped(request.user, Unit).filter(code=ward).first()
        if unit is None:
            raise Http404
        parties = parties.filter(unit__path__startswith=unit.path)
    if step:
        parties = parties.filter(stage=step)
    if obstacle is not None:
        blocked = AffectedParty.objects.with_open_obstacle().values("pk")
        parties = parties.filter(pk__in=blocked) if obstacle else parties.exclude(pk__in=blocked)
    return parties.annotate(ward_code=F("segment__ward__code"), unit_code=F("unit__code")).order_by(
        "segment__ward__path", "name_key", "id"
    )


@router.post(
    "/projects/{code}/parties/{party_id}/milestones",
    response={201: MilestoneOut, 422: dict},
)
def record_milestone(request, code: str, party_id: int, payload: MilestoneIn):
    """Record a step of a party, checked against its clock as in the back office: an
    error refuses it (422, nothing saved), a warning stays on the step. A step shared by
    the segment (plan, meeting, notice, inventory) is recorded on the segment unless the
    party is tracked separately."""
    party = _party(request, code, party_id)
    if not request.user.has_perm("clearance.add_milestone"):
        raise HttpError(403, _("You may not record steps."))
    data = payload.dict(exclude={"kind", "on"})
    fields = {k: v for k, v in data.items() if v not in (None, "")}
    try:
        milestone = actions.record_milestone(
            party, by=request.user, kind=payload.kind, on=payload.on, **fields
        )
    except ValidationError as error:
        return _invalid(error)
    return Status(201, milestone)


@router.post("/projects/{code}/parties/{party_id}/visits", response={201: VisitOut, 422: dict})
def log_visit(request, code: str, party_id: int, payload: VisitIn):
    """Log a persuasion visit to a party."""
    party = _party(request, code, party_id)
    if not request.user.has_perm("clearance.add_advocacyvisit"):
        raise HttpError(403, _("You may not log visits."))
    from dvs.accounts.models import User

    visitors = list(User.objects.filter(username__in=payload.visitors, is_active=True))
    organisations = list(Organisation.objects.filter(pk__in=payload.organisations))
    errors = []
    if len(visitors) != len(set(payload.visitors)):
        errors.append(_("Unknown user among those who went."))
    if len(organisations) != len(set(payload.organisations)):
        errors.append(_("Unknown organisation."))
    if errors:
        return Status(422, {"detail": _("Invalid data."), "errors": errors, "fields": {}})
    data = payload.dict(exclude={"on", "outcome", "concerns", "visitors", "organisations"})
    try:
        visit = actions.log_visit(
            party,
            by=request.user,
            on=payload.on,
            outcome=payload.outcome,
            concerns=payload.concerns,
            visitors=visitors,
            organisations=organisations,
            **{k: v for k, v in data.items() if v is not None},
        )
    except ValidationError as error:
        return _invalid(error)
    return Status(201, visit)
