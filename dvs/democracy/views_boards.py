"""Back-office screens of the boards that are not plain listings: a board's page (its
members, composition problems, the by-election note, plans with their due dates,
inspections, recommendations and reports), the member list's form, the dissolution of a
monitoring board, a recommendation's answer and the yearly tracking of quarterly reports
to the Front. Every read goes through the getters or the scope helper, every write
through actions/boards.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from dvs.accounts import scope
from dvs.accounts.viewsets import ScopedInspectView, add_errors

from . import getters, work_boards
from .forms_boards import AnswerForm, DissolveForm, TrackingForm, member_formset, member_initial
from .models import Board, Recommendation

TRACKING_PERMISSION = "democracy.view_boardreport"


# A board's page -------------------------------------------------------------------------------


class BoardInspectView(ScopedInspectView):
    template_name = "democracy/boards/inspect.html"

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        board, user = self.object, self.request.user
        today = timezone.localdate()
        members = list(board.members.select_related("neighbourhood").order_by("pk"))
        plans = list(scope.scoped(user, board.plans.all()).order_by("-inspection_on", "-pk"))
        inspections = list(scope.scoped(user, board.inspections.all()).select_related("plan"))
        recommendations = scope.scoped(user, Recommendation).filter(inspection__board=board)
        can_change = scope.can(user, board, "change")
        context.update(
            {
                "board": board,
                "members": [(m, work_boards.is_current(m, today)) for m in members],
                "problems": work_boards.composition_problems(board, members, today)
                if members
                else [_("No members have been entered yet.")],
                "by_election": work_boards.by_election_note(board, members, today),
                "plans": [(p, work_boards.plan_state(p, today)) for p in plans],
                "inspections": inspections,
                "recommendations": list(recommendations.order_by("-sent_on", "-pk")),
                "overdue_ids": set(
                    work_boards.overdue_recommendations(recommendations, today).values_list(
                        "pk", flat=True
                    )
                ),
                "reports": list(scope.scoped(user, board.reports.all())),
                "can_change": can_change,
                "can_dissolve": can_change
                and board.kind == Board.Kind.MONITORING
                and not board.dissolved_on,
                "can_add": {
                    name: user.has_perm(f"democracy.add_{name}") and can_change
                    for name in ("boardplan", "inspection", "boardreport")
                },
            }
        )
        return context


# Forms on a board ------------------------------------------------------------------------------


def _changeable_board(request, pk):
    board = getters.get_board(request.user, pk)
    if not scope.can(request.user, board, "change"):
        raise PermissionDenied
    return board


def _form_page(request, form, *, title, subtitle, back, done, template="form_page.html"):
    if request.method == "POST" and form.is_valid():
        try:
            form.save_by(request.user)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, done)
            return redirect(back)
    context = {"page_title": title, "subtitle": subtitle, "cancel_url": back, "form": form}
    return TemplateResponse(request, f"democracy/boards/{template}", context)


def _errors(form, error):
    if hasattr(form, "forms"):  # a formset: the action's refusals above the list
        form.action_errors = error.messages
    else:
        add_errors(form, error)


def members(request, pk):
    """The member list of a board, saved whole through the composition check."""
    board = _changeable_board(request, pk)
    initial = member_initial(board)
    formset = member_formset(board, len(initial))(
        request.POST or None,
        board=board,
        initial=None if request.method == "POST" else initial,
        prefix="members",
    )
    return _form_page(
        request,
        formset,
        title=_("Members of the board"),
        subtitle=str(board),
        back=reverse("democracy_board:inspect", args=[board.pk]),
        done=_("The member list was saved."),
        template="members.html",
    )


def dissolve(request, pk):
    """A monitoring board dissolves when its project ends."""
    board = _changeable_board(request, pk)
    return _form_page(
        request,
        DissolveForm(request.POST or None, board=board),
        title=_("Dissolve the board"),
        subtitle=str(board),
        back=reverse("democracy_board:inspect", args=[board.pk]),
        done=_("The board was dissolved."),
    )


def answer(request, pk):
    """The answer to a recommendation and its follow-up."""
    recommendation = scope.access(request.user, Recommendation, pk)
    if not scope.can(request.user, recommendation, "change"):
        raise PermissionDenied
    form = AnswerForm(
        request.POST or None,
        recommendation=recommendation,
        initial={
            "status": recommendation.status,
            "answer": recommendation.answer,
            "closed_on": recommendation.closed_on,
        },
    )
    return _form_page(
        request,
        form,
        title=_("Answer to the recommendation"),
        subtitle=str(recommendation),
        back=reverse("democracy_recommendation:inspect", args=[recommendation.pk]),
        done=_("The answer was recorded."),
    )


# Quarterly reports to the Front ------------------------------------------------------------


@require_safe
def report_tracking(request):
    """For a year, each board in scope and its four quarterly reports to the Front:
    sent (with the day), missing after the quarter's end, or not yet due."""
    if not request.user.has_perm(TRACKING_PERMISSION):
        raise PermissionDenied
    today = timezone.localdate()
    form = TrackingForm(request.GET or None)
    year = today.year
    if form.is_bound and form.is_valid():
        year = form.cleaned_data.get("year") or year
    boards = scope.scoped(request.user, Board).select_related("unit").order_by("unit__path", "name")
    rows = work_boards.report_tracking(boards, year, today)
    return TemplateResponse(
        request,
        "democracy/boards/tracking.html",
        {
            "title": _("Quarterly reports of the boards"),
            "form": form,
            "year": year,
            "rows": rows,
            "missing": sum(1 for _b, cells in rows for state, _r in cells if state == "missing"),
        },
    )
