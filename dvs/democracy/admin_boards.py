"""The back office of the people's inspection board and the community
investment-monitoring boards: boards (their page shows members, composition problems and
the by-election note), plans (with the 5-working-day due date and "sent late"),
inspections, recommendations (with their answer and the overdue filter), reports to the
Front, the yearly tracking of quarterly reports, and the work list's reminders
(work_boards.py)."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_filters import BooleanFilter, ChoiceFilter
from wagtail import hooks
from wagtail.admin.ui.tables import Column

from dvs.accounts import scope
from dvs.accounts.viewsets import (
    ActionCreateView,
    ActionViewSet,
    ScopedInspectView,
    UnitFilterSet,
    register_screens,
)

from . import views_boards, work_boards
from .actions import delete
from .forms_boards import (
    BoardForm,
    BoardPlanForm,
    BoardReportForm,
    InspectionForm,
    RecommendationForm,
)
from .models import Board, BoardPlan, BoardReport, Inspection, Recommendation

MENU_HOOK = "register_democracy_menu_item"


def _dmy(day):
    return day.strftime("%d/%m/%Y") if day else "—"


class _ParentFromQueryMixin:
    """`?board=<id>` (or `?inspection=<id>`) on an add page: the form starts with that
    parent chosen, when the user sees it (the form's choices are scoped anyway)."""

    parent_field = "board"

    def get_initial(self):
        initial = super().get_initial()
        value = self.request.GET.get(self.parent_field, "")
        if value.isdigit():
            initial[self.parent_field] = int(value)
        return initial


class BoardChildCreateView(_ParentFromQueryMixin, ActionCreateView):
    pass


class RecommendationCreateView(_ParentFromQueryMixin, ActionCreateView):
    parent_field = "inspection"


class _BoardUnitFilterSet(UnitFilterSet):
    """The unit filter of rows that belong to a board: the board's ward."""

    unit_depth = 3
    unit_path = "board__unit__path"

    def filter_unit(self, queryset, name, value):
        return (
            queryset.filter(**{f"{self.unit_path}__startswith": value.path}) if value else queryset
        )


# Boards -----------------------------------------------------------------------------------------


class BoardFilterSet(UnitFilterSet):
    unit_depth = 3
    kind = ChoiceFilter(label=pgettext_lazy("board", "Kind"), choices=Board.Kind.choices)
    dissolved = BooleanFilter(label=_("Dissolved"), method="filter_dissolved")

    class Meta:
        model = Board
        fields = []

    def filter_dissolved(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(dissolved_on__isnull=not value)


class BoardCreateView(ActionCreateView):
    def get_success_url(self):
        # The members come next: the board's page says what its composition lacks.
        return reverse("democracy_board_members", args=[self.object.pk])


class BoardViewSet(ActionViewSet):
    delete_function = staticmethod(delete)
    model = Board
    icon = "group"
    menu_label = _("Inspection and monitoring boards")
    form_class = BoardForm
    add_view_class = BoardCreateView
    inspect_view_class = views_boards.BoardInspectView
    filterset_class = BoardFilterSet
    search_fields = ["name", "project", "investor"]
    list_per_page = 50
    list_display = [
        "name",
        Column("kind", label=pgettext_lazy("board", "Kind"), accessor="get_kind_display"),
        "unit",
        Column("term_from", label=_("Term from"), accessor=lambda b: _dmy(b.term_from)),
        Column("dissolved_on", label=_("Dissolved on"), accessor=lambda b: _dmy(b.dissolved_on)),
    ]
    list_export = [
        "__str__",
        "get_kind_display",
        "unit",
        "project",
        "investor",
        "term_from",
        "term_to",
        "dissolved_on",
    ]
    export_headings = {
        "__str__": _("Board"),
        "get_kind_display": pgettext_lazy("board", "Kind"),
    }

    def get_queryset(self, request):
        return Board.objects.select_related("unit")


# Plans --------------------------------------------------------------------------------------------

PLAN_STATES = [
    ("unsent", _("Not sent yet")),
    ("overdue", _("Not sent, past its due date")),
    ("late", _("Sent late")),
]


class BoardPlanFilterSet(_BoardUnitFilterSet):
    period = ChoiceFilter(label=_("Plan for"), choices=BoardPlan.Period.choices)
    state = ChoiceFilter(label=_("State"), choices=PLAN_STATES, method="filter_state")

    class Meta:
        model = BoardPlan
        fields = []

    def filter_state(self, queryset, name, value):
        if value == "unsent":
            return queryset.filter(sent_on__isnull=True)
        if value in ("overdue", "late"):
            today = timezone.localdate()
            dated = queryset.filter(inspection_on__isnull=False)
            keys = [p.pk for p in dated if work_boards.plan_state(p, today)[0] == value]
            return queryset.filter(pk__in=keys)
        return queryset


def _plan_state_html(plan):
    key, text = work_boards.plan_state(plan)
    if key in ("late", "overdue"):
        return format_html(
            '<span class="dvs-plan-{}" style="color:#cd4444;font-weight:600">{}</span>', key, text
        )
    return text


class BoardPlanViewSet(ActionViewSet):
    delete_function = staticmethod(delete)
    model = BoardPlan
    icon = "clipboard-list"
    menu_label = _("Board plans")
    form_class = BoardPlanForm
    add_view_class = BoardChildCreateView
    filterset_class = BoardPlanFilterSet
    search_fields = ["title", "subject"]
    list_per_page = 50
    list_display = [
        "title",
        "board",
        Column("period", label=_("Plan for"), accessor="get_period_display"),
        Column(
            "inspection_on",
            label=_("Inspection starts on"),
            accessor=lambda p: _dmy(p.inspection_on),
        ),
        Column("due_on", label=_("Send by"), accessor=lambda p: _dmy(work_boards.plan_due_on(p))),
        Column("state", label=_("Sending"), accessor=_plan_state_html),
    ]
    list_export = [
        "__str__",
        "board",
        "get_period_display",
        "subject",
        "inspection_on",
        "sent_on",
    ]
    export_headings = {"__str__": _("Plan"), "get_period_display": _("Plan for")}
    inspect_view_fields = ["board", "period", "title", "subject", "inspection_on", "sent_on"]

    def get_queryset(self, request):
        return BoardPlan.objects.select_related("board", "board__unit")


# Inspections ---------------------------------------------------------------------------------------


class InspectionFilterSet(_BoardUnitFilterSet):
    class Meta:
        model = Inspection
        fields = []


class InspectionViewSet(ActionViewSet):
    delete_function = staticmethod(delete)
    model = Inspection
    icon = "view"
    menu_label = _("Inspections")
    form_class = InspectionForm
    add_view_class = BoardChildCreateView
    filterset_class = InspectionFilterSet
    search_fields = ["subject", "findings"]
    list_per_page = 50
    list_display = [
        "subject",
        "board",
        Column(
            "held_on",
            label=pgettext_lazy("democracy", "Held on"),
            accessor=lambda i: _dmy(i.held_on),
        ),
        "plan",
    ]
    list_export = ["__str__", "board", "plan", "subject", "held_on", "findings"]
    export_headings = {"__str__": _("Inspection")}
    inspect_view_fields = ["board", "plan", "subject", "held_on", "findings"]
    inspect_related = ((_("Recommendations"), "recommendations"),)

    def get_queryset(self, request):
        return Inspection.objects.select_related("board", "board__unit", "plan")


# Recommendations ---------------------------------------------------------------------------------


class RecommendationFilterSet(_BoardUnitFilterSet):
    unit_path = "inspection__board__unit__path"
    status = ChoiceFilter(label=_("Status"), choices=Recommendation.Status.choices)
    overdue = BooleanFilter(label=_("Past the answer date"), method="filter_overdue")

    class Meta:
        model = Recommendation
        fields = []

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = work_boards.overdue_recommendations(queryset).values("pk")
        return queryset.filter(pk__in=late) if value else queryset.exclude(pk__in=late)


class RecommendationInspectView(ScopedInspectView):
    template_name = "democracy/boards/recommendation_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_answer"] = scope.can(self.request.user, self.object, "change")
        return context


class RecommendationViewSet(ActionViewSet):
    delete_function = staticmethod(delete)
    model = Recommendation
    icon = "comment"
    menu_label = _("Recommendations")
    form_class = RecommendationForm
    add_view_class = RecommendationCreateView
    inspect_view_class = RecommendationInspectView
    filterset_class = RecommendationFilterSet
    search_fields = ["content", "addressed_to"]
    list_per_page = 50
    list_display = [
        "content",
        "addressed_to",
        Column("sent_on", label=_("Sent on"), accessor=lambda r: _dmy(r.sent_on)),
        Column("answer_by", label=_("Answer expected by"), accessor=lambda r: _dmy(r.answer_by)),
        Column("status", label=_("Status"), accessor="get_status_display"),
    ]
    list_export = [
        "__str__",
        "inspection",
        "addressed_to",
        "sent_on",
        "answer_by",
        "get_status_display",
        "answer",
        "closed_on",
    ]
    export_headings = {"__str__": _("Recommendation"), "get_status_display": _("Status")}
    inspect_view_fields = [
        "inspection",
        "content",
        "addressed_to",
        "sent_on",
        "answer_by",
        "status",
        "answer",
        "closed_on",
    ]

    def get_queryset(self, request):
        return Recommendation.objects.select_related("inspection", "inspection__board__unit")


# Reports to the Front ---------------------------------------------------------------------------


class BoardReportFilterSet(_BoardUnitFilterSet):
    period = ChoiceFilter(label=_("Report for"), choices=BoardReport.Period.choices)

    class Meta:
        model = BoardReport
        fields = []


class BoardReportViewSet(ActionViewSet):
    delete_function = staticmethod(delete)
    model = BoardReport
    icon = "doc-full"
    menu_label = _("Board reports to the Front")
    form_class = BoardReportForm
    add_view_class = BoardChildCreateView
    filterset_class = BoardReportFilterSet
    search_fields = ["content"]
    list_per_page = 50
    list_display = [
        Column("title", label=_("Report"), accessor="__str__"),
        Column("sent_on", label=_("Sent to the Front on"), accessor=lambda r: _dmy(r.sent_on)),
    ]
    list_export = [
        "__str__",
        "board",
        "get_period_display",
        "year",
        "quarter",
        "sent_on",
        "content",
    ]
    export_headings = {"__str__": _("Report"), "get_period_display": _("Report for")}
    inspect_view_fields = ["board", "period", "year", "quarter", "sent_on", "content"]

    def get_queryset(self, request):
        return BoardReport.objects.select_related("board", "board__unit")


@hooks.register("register_admin_urls")
def register_board_urls():
    return [
        path(
            "democracy/boards/<int:pk>/members/",
            views_boards.members,
            name="democracy_board_members",
        ),
        path(
            "democracy/boards/<int:pk>/dissolve/",
            views_boards.dissolve,
            name="democracy_board_dissolve",
        ),
        path(
            "democracy/recommendations/<int:pk>/answer/",
            views_boards.answer,
            name="democracy_recommendation_answer",
        ),
        path(
            "democracy/board-reports/tracking/",
            views_boards.report_tracking,
            name="democracy_board_reports",
        ),
    ]


@hooks.register("register_log_actions")
def register_board_log_actions(actions):
    actions.register_action(
        "democracy.board.members", _("Change the members"), _("Changed the board's members")
    )
    actions.register_action(
        "democracy.board.dissolve", _("Dissolve the board"), _("Dissolved the board")
    )
    actions.register_action(
        "democracy.recommendation.answer",
        _("Answer to the recommendation"),
        _("Recorded the answer to the recommendation"),
    )


register_screens(
    MENU_HOOK,
    [
        (
            _("Quarterly reports of the boards"),
            "democracy_board_reports",
            "date",
            views_boards.TRACKING_PERMISSION,
        ),
    ],
    start=550,
)

VIEWSETS = (
    BoardViewSet("democracy_board", url_prefix="democracy/boards"),
    BoardPlanViewSet("democracy_boardplan", url_prefix="democracy/board-plans"),
    InspectionViewSet("democracy_inspection", url_prefix="democracy/inspections"),
    RecommendationViewSet("democracy_recommendation", url_prefix="democracy/recommendations"),
    BoardReportViewSet("democracy_boardreport", url_prefix="democracy/board-reports"),
)
