"""Writes of the people's inspection board and the community investment-monitoring
boards (Law 10/2022 Art. 36–42; Decree 59/2023 Art. 13–18): the board and its member
list, its plans, inspections, recommendations and reports to the Front.

The member list is written whole (`set_members`): the composition rules (size, deputies,
ward officials, residents, relatives) are about the list, not about one member, so they
run on the whole list at once and any problem refuses it, nothing changed. A board may be
set up before its members are elected (an empty list); the board's page then says what
is missing. Lateness (a plan sent after its due date) is shown, not refused: the ward must
still record what happened.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from dvs.units.models import Level

from .. import work_boards
from ..models import Board, BoardMember, BoardPlan, BoardReport, Inspection, Recommendation
from . import assign, check_can, check_unit, clean_fields, refuse

FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2099, 12, 31)

BOARD_FIELDS = ("name", "project", "investor", "term_from", "term_to")
MEMBER_FIELDS = (
    "name",
    "role",
    "origin",
    "neighbourhood",
    "is_ward_official",
    "related_to_investor",
    "since",
    "until",
)
PLAN_FIELDS = ("period", "title", "subject", "inspection_on", "sent_on")
INSPECTION_FIELDS = ("plan", "subject", "held_on", "findings")
RECOMMENDATION_FIELDS = ("content", "addressed_to", "sent_on", "answer_by")
ANSWER_FIELDS = ("answer", "status", "closed_on")
REPORT_FIELDS = ("period", "year", "quarter", "sent_on", "content")


def _today():
    return timezone.localdate()


def _only(fields, allowed):
    unknown = set(fields) - set(allowed)
    if unknown:
        refuse(_("Unknown field “%(name)s”.") % {"name": sorted(unknown)[0]})


def _dates(instance, names, *, past=()):
    """Dates a user can mistype: within 2000–2099; those in `past` not in the future."""
    errors = {}
    for name in names:
        value = getattr(instance, name)
        if value is None:
            continue
        if not FIRST_DAY <= value <= LAST_DAY:
            errors[name] = _("The date must be between 01/01/2000 and 31/12/2099.")
        elif name in past and value > _today():
            errors[name] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)


def _required(instance, *names):
    errors = {
        name: _("This field is required.")
        for name in names
        if not str(getattr(instance, name) or "").strip()
    }
    if errors:
        raise ValidationError(errors)


# Boards ----------------------------------------------------------------------------------


def _check_board(board):
    _required(board, "name", "term_from")
    _dates(board, ("term_from", "term_to", "dissolved_on"))
    if board.term_to and board.term_to < board.term_from:
        refuse(_("The term cannot end before it starts."), "term_to")
    if board.unit.level != Level.COMMUNE:
        refuse(_("A board belongs to a ward or commune."), "unit")
    if board.kind == Board.Kind.MONITORING:
        _required(board, "project")
    else:
        _check_one_per_term(board)


def _check_one_per_term(board):
    """A ward has one people's inspection board per term (Art. 36(1))."""
    others = Board.objects.filter(
        unit=board.unit, kind=Board.Kind.INSPECTION, dissolved_on__isnull=True
    ).exclude(pk=board.pk)
    others = others.filter(Q(term_to__isnull=True) | Q(term_to__gte=board.term_from))
    if board.term_to:
        others = others.filter(term_from__lte=board.term_to)
    if others.exists():
        refuse(_("This ward already has a people's inspection board for this term."), "term_from")


@transaction.atomic
def create_board(by, *, unit, kind, members=None, **fields):
    """Set up a board in a ward, with its members when they are known (the composition
    rules then apply to them as to any member list)."""
    check_unit(by, Board, unit, "add")
    if kind not in Board.Kind.values:
        refuse(_("Choose the kind of board."), "kind")
    _only(fields, BOARD_FIELDS)
    board = Board(unit=unit, kind=kind)
    assign(board, clean_fields(Board, fields))
    _check_board(board)
    board.save()
    log(board, "wagtail.create", user=by)
    if members:
        _replace_members(board, members)
    return board


@transaction.atomic
def update_board(board, by, **fields):
    """Correct a board's name, project, investor or term (its ward and kind are what it
    is: a new board is set up instead)."""
    check_can(by, board, "change")
    _only(fields, BOARD_FIELDS)
    assign(board, clean_fields(Board, fields))
    _check_board(board)
    board.save()
    log(board, "wagtail.edit", user=by)
    return board


@transaction.atomic
def dissolve(board, by, dissolved_on):
    """A monitoring board dissolves when its programme or project ends (Art. 41(3))."""
    check_can(by, board, "change")
    if board.kind != Board.Kind.MONITORING:
        refuse(_("Only a community investment-monitoring board is dissolved with its project."))
    if board.dissolved_on:
        refuse(_("The board is already dissolved."))
    if dissolved_on is None:
        refuse(_("Give the day the board was dissolved."), "dissolved_on")
    board.dissolved_on = dissolved_on
    _dates(board, ("dissolved_on",), past=("dissolved_on",))
    if dissolved_on < board.term_from:
        refuse(_("The board cannot be dissolved before it was set up."), "dissolved_on")
    board.save(update_fields=["dissolved_on"])
    log(board, "democracy.board.dissolve", user=by)
    return board


# Members -----------------------------------------------------------------------------------


def _member(board, number, data):
    """One member from its fields, checked on its own; its errors name its line."""
    _only(data, MEMBER_FIELDS)
    member = BoardMember(board=board)
    assign(member, clean_fields(BoardMember, data))
    problems = []
    if not member.name.strip():
        problems.append(_("give the full name."))
    if member.role not in BoardMember.Role.values:
        problems.append(_("choose the role."))
    if member.origin not in BoardMember.Origin.values:
        problems.append(_("choose where the member comes from."))
    place = member.neighbourhood
    if place is not None and (
        place.level != Level.NEIGHBOURHOOD or not place.path.startswith(board.unit.path)
    ):
        problems.append(_("the neighbourhood must be one of the board's ward."))
    for name in ("since", "until"):
        value = getattr(member, name)
        if value is not None and not FIRST_DAY <= value <= LAST_DAY:
            problems.append(_("the date must be between 01/01/2000 and 31/12/2099."))
    if member.since and member.until and member.until < member.since:
        problems.append(_("the membership cannot end before it starts."))
    return member, [
        _("Member %(number)d: %(problem)s") % {"number": number, "problem": problem}
        for problem in problems
    ]


def _replace_members(board, members):
    """Check the whole list, then replace the board's members with it."""
    if board.dissolved_on:
        refuse(_("The board is dissolved: its members cannot change."))
    built, errors = [], []
    for number, data in enumerate(members, start=1):
        member, problems = _member(board, number, dict(data))
        built.append(member)
        errors.extend(problems)
    if errors:
        raise ValidationError({"members": errors})
    problems = work_boards.composition_problems(board, built)
    if problems:
        raise ValidationError({"members": problems})
    board.members.all().delete()
    BoardMember.objects.bulk_create(built)
    return built


@transaction.atomic
def set_members(board, by, members):
    """Replace a board's member list (each member a dict of MEMBER_FIELDS). The law's
    composition rules run on the whole list; any problem refuses it, nothing changed."""
    check_can(by, board, "change")
    built = _replace_members(board, list(members))
    log(board, "democracy.board.members", user=by, data={"members": len(built)})
    return board


# Plans ---------------------------------------------------------------------------------------


def _check_plan(plan):
    _required(plan, "title")
    if plan.period not in BoardPlan.Period.values:
        refuse(_("Choose what the plan is for."), "period")
    _dates(plan, ("inspection_on", "sent_on"), past=("sent_on",))


def _open_board(board):
    if board.dissolved_on:
        refuse(_("The board is dissolved."), "board")


@transaction.atomic
def create_plan(by, *, board, **fields):
    """Record a plan; an inspection plan's due date (5 working days before the
    inspection) and its lateness are read from it (work_boards.plan_state)."""
    check_unit(by, BoardPlan, board, "add", field="board")
    _open_board(board)
    _only(fields, PLAN_FIELDS)
    plan = BoardPlan(board=board)
    assign(plan, clean_fields(BoardPlan, fields))
    _check_plan(plan)
    plan.save()
    log(plan, "wagtail.create", user=by)
    return plan


@transaction.atomic
def update_plan(plan, by, **fields):
    check_can(by, plan, "change")
    _only(fields, PLAN_FIELDS)
    assign(plan, clean_fields(BoardPlan, fields))
    _check_plan(plan)
    plan.save()
    log(plan, "wagtail.edit", user=by)
    return plan


# Inspections -------------------------------------------------------------------------------


def _check_inspection(inspection):
    _required(inspection, "subject", "held_on")
    _dates(inspection, ("held_on",), past=("held_on",))
    if inspection.plan_id and inspection.plan.board_id != inspection.board_id:
        refuse(_("The plan must be one of the same board."), "plan")


@transaction.atomic
def create_inspection(by, *, board, **fields):
    """Record an inspection held, with or without a plan, and its findings."""
    check_unit(by, Inspection, board, "add", field="board")
    _only(fields, INSPECTION_FIELDS)
    inspection = Inspection(board=board)
    assign(inspection, clean_fields(Inspection, fields))
    _check_inspection(inspection)
    inspection.save()
    log(inspection, "wagtail.create", user=by)
    return inspection


@transaction.atomic
def update_inspection(inspection, by, **fields):
    check_can(by, inspection, "change")
    _only(fields, INSPECTION_FIELDS)
    assign(inspection, clean_fields(Inspection, fields))
    _check_inspection(inspection)
    inspection.save()
    log(inspection, "wagtail.edit", user=by)
    return inspection


# Recommendations ------------------------------------------------------------------------


def _check_recommendation(row):
    _required(row, "content", "addressed_to", "sent_on")
    _dates(row, ("sent_on", "answer_by", "closed_on"), past=("sent_on", "closed_on"))
    if row.answer_by and row.answer_by < row.sent_on:
        refuse(_("The answer cannot be expected before the recommendation was sent."), "answer_by")
    if row.inspection.held_on and row.sent_on < row.inspection.held_on:
        refuse(_("A recommendation is sent after its inspection."), "sent_on")


@transaction.atomic
def create_recommendation(by, *, inspection, **fields):
    """A recommendation following an inspection, awaiting its answer."""
    check_unit(by, Recommendation, inspection, "add", field="inspection")
    _only(fields, RECOMMENDATION_FIELDS)
    row = Recommendation(inspection=inspection, status=Recommendation.Status.OPEN)
    assign(row, clean_fields(Recommendation, fields))
    _check_recommendation(row)
    row.save()
    log(row, "wagtail.create", user=by)
    return row


@transaction.atomic
def update_recommendation(row, by, **fields):
    check_can(by, row, "change")
    _only(fields, RECOMMENDATION_FIELDS)
    assign(row, clean_fields(Recommendation, fields))
    _check_recommendation(row)
    row.save()
    log(row, "wagtail.edit", user=by)
    return row


@transaction.atomic
def answer_recommendation(row, by, *, status, answer="", closed_on=None):
    """Record the answer and follow-up: answered (the answer's text), carried out or not
    accepted (closed on a day), or back to awaiting an answer."""
    check_can(by, row, "change")
    if status not in Recommendation.Status.values:
        refuse(_("Choose the status."), "status")
    row.answer = clean_fields(Recommendation, {"answer": answer or ""})["answer"]
    row.status, row.closed_on = status, closed_on
    closes = status in (Recommendation.Status.DONE, Recommendation.Status.REJECTED)
    if status != Recommendation.Status.OPEN and not row.answer.strip():
        refuse(_("Write the answer and its follow-up."), "answer")
    if closes and closed_on is None:
        refuse(_("Give the day it was closed."), "closed_on")
    if not closes and closed_on is not None:
        refuse(_("Only a recommendation carried out or not accepted is closed."), "closed_on")
    _check_recommendation(row)
    if closed_on and closed_on < row.sent_on:
        refuse(_("It cannot be closed before it was sent."), "closed_on")
    row.save(update_fields=["answer", "status", "closed_on"])
    log(row, "democracy.recommendation.answer", user=by)
    return row


# Reports to the Front -----------------------------------------------------------------------


def _check_report(report):
    _required(report, "content", "sent_on")
    if report.period not in BoardReport.Period.values:
        refuse(_("Choose what the report is for."), "period")
    if report.year is None or not FIRST_DAY.year <= report.year <= LAST_DAY.year:
        refuse(_("The year must be between 2000 and 2099."), "year")
    if report.period == BoardReport.Period.QUARTER:
        if report.quarter not in (1, 2, 3, 4):
            refuse(_("Choose the quarter (1 to 4)."), "quarter")
        _check_one_per_quarter(report)
    elif report.quarter is not None:
        refuse(_("Only a quarterly report names a quarter."), "quarter")
    _dates(report, ("sent_on",), past=("sent_on",))


def _check_one_per_quarter(report):
    earlier = BoardReport.objects.filter(
        board_id=report.board_id,
        period=BoardReport.Period.QUARTER,
        year=report.year,
        quarter=report.quarter,
    ).exclude(pk=report.pk)
    if earlier.exists():
        refuse(_("This quarter's report was already recorded."), "quarter")


@transaction.atomic
def create_report(by, *, board, **fields):
    """A report the board sent to the Front committee (quarterly, half-yearly, yearly,
    per term or ad hoc; Decree 59 Art. 14(4), 18)."""
    check_unit(by, BoardReport, board, "add", field="board")
    _only(fields, REPORT_FIELDS)
    report = BoardReport(board=board)
    assign(report, clean_fields(BoardReport, fields))
    _check_report(report)
    report.save()
    log(report, "wagtail.create", user=by)
    return report


@transaction.atomic
def update_report(report, by, **fields):
    check_can(by, report, "change")
    _only(fields, REPORT_FIELDS)
    assign(report, clean_fields(BoardReport, fields))
    _check_report(report)
    report.save()
    log(report, "wagtail.edit", user=by)
    return report
