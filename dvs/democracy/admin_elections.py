"""The back office of elections of neighbourhood heads, village charters and their yearly
reviews, and conferences: their listings (CSV/XLSX), forms saving through the actions,
pages with their clocks and lifecycle steps, and the screens "Charter reviews due",
"Village charters: yearly counts" and "Conferences of the year"; the work list's items
(work_elections.py)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_filters import ChoiceFilter, NumberFilter
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column

from dvs.accounts.viewsets import ActionViewSet, UnitFilterSet, register_screens

from . import views_elections, work_elections  # noqa: F401 (work registers its items)
from .actions import delete
from .forms_elections import CharterForm, CharterReviewForm, ConferenceForm, ElectionForm
from .models import Charter, CharterReview, Conference, HeadElection

MENU_HOOK = "register_democracy_menu_item"


def _dmy(day):
    return day.strftime("%d/%m/%Y") if day else "—"


# Elections --------------------------------------------------------------------------------------


class ElectionFilterSet(UnitFilterSet):
    unit_depth = 4
    status = ChoiceFilter(label=_("Status"), choices=HeadElection.Status.choices)

    class Meta:
        model = HeadElection
        fields = []


class ElectionViewSet(ActionViewSet):
    delete_function = staticmethod(delete)
    model = HeadElection
    icon = "user"
    menu_label = _("Elections of neighbourhood heads")
    inspect_view_class = views_elections.ElectionInspectView
    filterset_class = ElectionFilterSet
    search_fields = ["elected", "interim_head", "unit__name"]
    list_per_page = 50
    list_display = [
        Column("__str__", label=_("Election"), accessor="__str__"),
        "unit",
        Column("election_on", label=_("Election on"), accessor=lambda e: _dmy(e.election_on)),
        Column("status", label=_("Status"), accessor="get_status_display"),
        "elected",
    ]
    list_export = [
        "__str__",
        "unit",
        "get_cause_display",
        "election_on",
        "plan_on",
        "candidates_on",
        "team_on",
        "notice_on",
        "dismissal_recognised_on",
        "interim_head",
        "elected",
        "recognised_on",
        "get_status_display",
    ]
    export_headings = {
        "__str__": _("Election"),
        "get_cause_display": _("Cause"),
        "get_status_display": _("Status"),
    }
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("unit"), FieldPanel("cause")]),
            FieldRowPanel([FieldPanel("dismissal_recognised_on"), FieldPanel("interim_head")]),
            FieldPanel("election_on"),
            FieldRowPanel(
                [
                    FieldPanel("plan_on"),
                    FieldPanel("candidates_on"),
                    FieldPanel("team_on"),
                    FieldPanel("notice_on"),
                ]
            ),
            InlinePanel(
                "candidates",
                label=_("Candidates"),
                heading=_("Candidates"),
                panels=[FieldPanel("name")],
                min_num=1,
            ),
            InlinePanel(
                "team",
                label=_("Election team"),
                heading=_("Election team (no candidate in it)"),
                panels=[FieldRowPanel([FieldPanel("name"), FieldPanel("role")])],
            ),
            FieldPanel("note"),
        ],
        base_form_class=ElectionForm,
    )

    def get_form_class(self, for_update=False):
        return self._edit_handler.get_form_class()

    def get_queryset(self, request):
        return HeadElection.objects.select_related("unit")


# Charters and their reviews -----------------------------------------------------------------------


class CharterFilterSet(UnitFilterSet):
    unit_depth = 4
    status = ChoiceFilter(label=_("Status"), choices=Charter.Status.choices)

    class Meta:
        model = Charter
        fields = []


class CharterViewSet(ActionViewSet):
    delete_function = staticmethod(delete)
    model = Charter
    icon = "doc-full"
    menu_label = _("Village charters")
    form_class = CharterForm
    inspect_view_class = views_elections.CharterInspectView
    filterset_class = CharterFilterSet
    search_fields = ["title"]
    list_per_page = 50
    list_display = [
        "title",
        "unit",
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("status_on", label=_("Status since"), accessor=lambda c: _dmy(c.status_on)),
    ]
    list_export = [
        "__str__",
        "title",
        "unit",
        "get_kind_display",
        "amends",
        "draft_posted_on",
        "adopted_on",
        "dossier_on",
        "recognised_on",
        "get_status_display",
        "status_on",
    ]
    export_headings = {
        "__str__": _("Village charter"),
        "get_kind_display": _("Kind"),
        "get_status_display": _("Status"),
    }

    def get_queryset(self, request):
        return Charter.objects.select_related("unit", "amends")


class ReviewFilterSet(UnitFilterSet):
    unit_depth = 4
    year = NumberFilter(label=_("Year"))

    class Meta:
        model = CharterReview
        fields = []

    def filter_unit(self, queryset, name, value):
        return queryset.filter(charter__unit__path__startswith=value.path) if value else queryset


class CharterReviewViewSet(ActionViewSet):
    delete_function = staticmethod(delete)
    model = CharterReview
    icon = "date"
    menu_label = _("Yearly reviews of charters")
    form_class = CharterReviewForm
    filterset_class = ReviewFilterSet
    search_fields = ["charter__title"]
    list_per_page = 50
    list_display = [
        Column("__str__", label=_("Review"), accessor="__str__"),
        Column("due_on", label=_("Due on"), accessor=lambda r: _dmy(r.due_on)),
        Column("done_on", label=_("Reviewed on"), accessor=lambda r: _dmy(r.done_on)),
    ]
    list_export = ["__str__", "charter", "year", "due_on", "done_on", "result"]
    export_headings = {"__str__": _("Review")}

    def get_queryset(self, request):
        return CharterReview.objects.select_related("charter", "charter__unit")


# Conferences --------------------------------------------------------------------------------------


class ConferenceFilterSet(UnitFilterSet):
    unit_depth = 4
    kind = ChoiceFilter(label=_("Kind"), choices=Conference.Kind.choices)
    year = NumberFilter(label=_("Year"))

    class Meta:
        model = Conference
        fields = []


class ConferenceViewSet(ActionViewSet):
    delete_function = staticmethod(delete)
    model = Conference
    icon = "group"
    menu_label = _("Conferences")
    form_class = ConferenceForm
    inspect_view_class = views_elections.ConferenceInspectView
    filterset_class = ConferenceFilterSet
    search_fields = ["unit__name", "summary"]
    list_per_page = 50
    list_display = [
        Column("__str__", label=_("Conference"), accessor="__str__"),
        "unit",
        "year",
        Column(
            "held_on",
            label=pgettext_lazy("democracy", "Held on"),
            accessor=lambda c: _dmy(c.held_on),
        ),
    ]
    list_export = [
        "__str__",
        "unit",
        "get_kind_display",
        "year",
        "held_on",
        "plan_sent_on",
        "invitation_on",
        "attendance",
        "result_sent_on",
        "summary",
    ]
    export_headings = {"__str__": _("Conference"), "get_kind_display": _("Kind")}

    def get_queryset(self, request):
        return Conference.objects.select_related("unit")


@hooks.register("register_admin_urls")
def register_election_urls():
    return [
        path(
            "democracy/elections/<int:pk>/result/",
            views_elections.election_result,
            name="democracy_election_result",
        ),
        path(
            "democracy/charters/<int:pk>/step/<slug:step>/",
            views_elections.charter_step,
            name="democracy_charter_step",
        ),
        path(
            "democracy/charters/reviews-due/",
            views_elections.charter_reviews,
            name="democracy_charter_reviews",
        ),
        path(
            "democracy/charters/counts/",
            views_elections.charter_counts,
            name="democracy_charter_counts",
        ),
        path(
            "democracy/conferences/tracking/",
            views_elections.conference_tracking,
            name="democracy_conference_tracking",
        ),
    ]


register_screens(
    MENU_HOOK,
    [
        (
            _("Charter reviews due"),
            "democracy_charter_reviews",
            "warning",
            "democracy.view_charterreview",
        ),
        (
            _("Village charters: yearly counts"),
            "democracy_charter_counts",
            "table",
            "democracy.view_charter",
        ),
        (
            _("Conferences of the year"),
            "democracy_conference_tracking",
            "date",
            "democracy.view_conference",
        ),
    ],
    start=530,
)

VIEWSETS = (
    ElectionViewSet("headelection", url_prefix="democracy/elections"),
    CharterViewSet("charter", url_prefix="democracy/charters"),
    CharterReviewViewSet("charterreview", url_prefix="democracy/charter-reviews"),
    ConferenceViewSet("conference", url_prefix="democracy/conferences"),
)
