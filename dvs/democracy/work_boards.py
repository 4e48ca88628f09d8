"""What is due or wrong on the inspection and monitoring boards, read by the boards'
pages, the API and the work list alike (no writes): a board's current members and their
composition problems, the by-election note, an inspection plan's due date and lateness,
recommendations past their answer date, and the quarterly reports to the Front that are
missing. The work list's sections are registered by importing this module (from
admin_boards.py)."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dvs.accounts import scope
from dvs.accounts.dashboard import WorkItem, register_work
from dvs.units.models import Level, Unit

from . import rules
from .models import Board, BoardPlan, BoardReport, Recommendation

# A seat that falls vacant with at least this much of the term left is filled by a
# by-election (Law 10/2022 Art. 36–37, Decree 59/2023 Art. 13); rules.py has no constant for it.
BY_ELECTION_MONTHS = 6
PLAN_DUE_SOON = datetime.timedelta(days=5)  # the work list's "due within 5 days"
QUARTERS = (1, 2, 3, 4)


def _today():
    return timezone.localdate()


def dmy(day):
    return date_format(day, "d/m/Y") if day else "—"


# Members and composition -----------------------------------------------------------------


def is_current(member, on=None):
    """A member sits on the board unless their membership ended before `on` (a member
    elected to start later already counts: the board is composed with them)."""
    on = on or _today()
    return member.until is None or member.until >= on


def current_members(members, on=None):
    return [member for member in members if is_current(member, on)]


def neighbourhoods_of(ward, on=None):
    """The neighbourhoods in force under a ward: the inspection board's size counts them."""
    return Unit.objects.current(on).filter(path__startswith=ward.path, level=Level.NEIGHBOURHOOD)


def composition_problems(board, members=None, on=None):
    """The composition rules the board's current members break (rules.board_problems),
    counted on the neighbourhoods in force under its ward."""
    members = list(board.members.all()) if members is None else members
    return rules.board_problems(
        board.kind,
        current_members(members, on),
        neighbourhoods=neighbourhoods_of(board.unit, on).count(),
    )


def by_election_note(board, members=None, on=None):
    """A seat is vacant with at least six months of the term left: it should be filled
    by a by-election (None when there is nothing to say)."""
    on = on or _today()
    if board.dissolved_on or board.kind != Board.Kind.INSPECTION:
        return None
    members = list(board.members.all()) if members is None else members
    size = rules.inspection_board_size(neighbourhoods_of(board.unit, on).count())
    seated = len(current_members(members, on))
    if not members or seated >= size:
        return None
    if board.term_to and board.term_to < on + relativedelta(months=BY_ELECTION_MONTHS):
        return None
    return _(
        "%(vacant)d seat(s) vacant with at least 6 months of the term left: hold a by-election."
    ) % {"vacant": size - seated}


# Inspection plans ------------------------------------------------------------------------


def plan_due_on(plan):
    """The day an inspection plan must reach the Front, the chair and the subject: 5
    working days before the inspection (Decree 59 Art. 14(2))."""
    return rules.inspection_plan_by(plan.inspection_on) if plan.inspection_on else None


def plan_state(plan, on=None):
    """(key, text) of a plan: sent on time, sent late, not sent (overdue or due by)."""
    on = on or _today()
    due = plan_due_on(plan)
    if plan.sent_on:
        if due and plan.sent_on > due:
            return "late", _("Plan sent late (due %(due)s, sent %(sent)s)") % {
                "due": dmy(due),
                "sent": dmy(plan.sent_on),
            }
        return "sent", _("Sent on %(date)s") % {"date": dmy(plan.sent_on)}
    if due is None:
        return "none", _("No inspection date")
    if due < on:
        return "overdue", _("Not sent, was due %(date)s") % {"date": dmy(due)}
    return "due", _("Not sent, due %(date)s") % {"date": dmy(due)}


def unsent_plans(user, on=None, within=PLAN_DUE_SOON):
    """Plans in scope not sent whose due date is past or within `within`: the due date
    is 5 working days before the inspection, so an inspection within 5 + `within` days
    (plus days off) is enough to look at; the exact due date is filtered in Python."""
    on = on or _today()
    horizon = on + within + datetime.timedelta(days=30)
    plans = (
        scope.scoped(user, BoardPlan)
        .filter(sent_on__isnull=True, inspection_on__isnull=False, inspection_on__lte=horizon)
        .filter(board__dissolved_on__isnull=True)
        .select_related("board", "board__unit")
        .order_by("inspection_on", "pk")
    )
    return [plan for plan in plans if plan_due_on(plan) <= on + within]


# Recommendations --------------------------------------------------------------------------


def overdue_recommendations(queryset, on=None):
    """Recommendations still awaiting their answer past the day it was expected."""
    return queryset.filter(status=Recommendation.Status.OPEN, answer_by__lt=on or _today())


# Quarterly reports to the Front ----------------------------------------------------------


def quarter_bounds(year, quarter):
    start = datetime.date(year, 3 * quarter - 2, 1)
    return start, start + relativedelta(months=3) - datetime.timedelta(days=1)


def board_sits_in(board, start, end):
    """Whether the board was in office during part of [start, end]."""
    if board.term_from > end:
        return False
    if board.term_to and board.term_to < start:
        return False
    return not (board.dissolved_on and board.dissolved_on < start)


def report_tracking(boards, year, on=None):
    """For each board, its four quarters of `year`: ("sent", report), ("missing", None)
    once the quarter has ended without a quarterly report, ("pending", None) before its
    end, or ("none", None) when the board was not in office then."""
    on = on or _today()
    boards = list(boards)
    sent = {}
    reports = BoardReport.objects.filter(
        board__in=boards, year=year, period=BoardReport.Period.QUARTER
    ).order_by("sent_on", "pk")
    for report in reports:
        sent.setdefault((report.board_id, report.quarter), report)
    rows = []
    for board in boards:
        cells = []
        for quarter in QUARTERS:
            start, end = quarter_bounds(year, quarter)
            report = sent.get((board.pk, quarter))
            if report:
                cells.append(("sent", report))
            elif not board_sits_in(board, start, end):
                cells.append(("none", None))
            elif end < on:
                cells.append(("missing", None))
            else:
                cells.append(("pending", None))
        rows.append((board, cells))
    return rows


def missing_reports(user, on=None):
    """(board, year, quarter) of the quarterly reports missing in the last four ended
    quarters, for the boards in the user's scope."""
    on = on or _today()
    quarters = []
    year, quarter = on.year, (on.month - 1) // 3 + 1
    for _step in range(4):
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
        quarters.append((year, quarter))
    earliest = quarter_bounds(*quarters[-1])[0]
    boards = (
        scope.scoped(user, Board)
        .filter(term_from__lte=on)
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=earliest))
        .select_related("unit")
    )
    missing = []
    for year in sorted({y for y, _q in quarters}, reverse=True):
        for board, cells in report_tracking(boards, year, on):
            for quarter, (state, _report) in zip(QUARTERS, cells, strict=True):
                if state == "missing" and (year, quarter) in quarters:
                    missing.append((board, year, quarter))
    return missing


# The work list -----------------------------------------------------------------------------


def plan_items(user, limit):
    on = _today()
    items = []
    for plan in unsent_plans(user, on)[:limit]:
        key, text = plan_state(plan, on)
        items.append(
            WorkItem(
                f"{plan} · {plan.board}",
                reverse("democracy_boardplan:edit", args=[plan.pk]),
                text,
                "overdue" if key == "overdue" else "due_soon",
            )
        )
    return items


def recommendation_items(user, limit):
    on = _today()
    rows = overdue_recommendations(scope.scoped(user, Recommendation), on).select_related(
        "inspection__board"
    )
    return [
        WorkItem(
            str(row),
            reverse("democracy_recommendation:inspect", args=[row.pk]),
            _("%(board)s · answer expected by %(date)s")
            % {"board": row.inspection.board, "date": dmy(row.answer_by)},
            "overdue",
        )
        for row in rows.order_by("answer_by", "pk")[:limit]
    ]


def report_items(user, limit):
    return [
        WorkItem(
            str(board),
            reverse("democracy_board_reports") + f"?year={year}",
            _("Quarterly report Q%(quarter)d/%(year)d not sent to the Front")
            % {"quarter": quarter, "year": year},
            "overdue",
        )
        for board, year, quarter in missing_reports(user)[:limit]
    ]


register_work(
    "democracy_board_plans",
    gettext_lazy("Inspection plans to send"),
    plan_items,
    all_url=lambda user: reverse("democracy_boardplan:index") + "?state=unsent",
    permission="democracy.change_boardplan",
    order=81,
)
register_work(
    "democracy_recommendations_overdue",
    gettext_lazy("Recommendations past their answer date"),
    recommendation_items,
    all_url=lambda user: reverse("democracy_recommendation:index") + "?overdue=true",
    permission="democracy.view_recommendation",
    order=82,
)
register_work(
    "democracy_board_reports_missing",
    gettext_lazy("Quarterly board reports missing"),
    report_items,
    all_url=lambda user: reverse("democracy_board_reports"),
    permission="democracy.change_boardreport",
    order=83,
)
