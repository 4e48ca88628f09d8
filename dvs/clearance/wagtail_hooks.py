"""The back office of land clearance advocacy: the menu "Giải phóng mặt bằng" with key
projects, segments, affected parties, steps, visits and obstacles. Every list goes
through the scope door; every create and edit saves through actions.py. The screens of
the clocks, the figures and the import are registered by their own modules, imported
here (each adds to this menu with `register_screens("register_clearance_menu_item", …,
start=20+)`)."""

from django.db.models import Q
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter, ChoiceFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup

from dvs.accounts.viewsets import (
    ActionViewSet,
    ScopedIndexView,
    ScopedModelViewSet,
    UnitFilterSet,
)
from dvs.lib.vntext import fold

from . import clock_hooks, figures_hooks, import_hooks, views  # noqa: F401
from .forms import ObstacleForm, PartyForm, ProjectForm, SegmentForm, VisitForm
from .models import (
    AdvocacyVisit,
    AffectedParty,
    Milestone,
    MilestoneKind,
    Obstacle,
    ObstacleCategory,
    Outcome,
    Project,
    ProjectKind,
    ProjectStatus,
    Segment,
    Stage,
)

# Key projects ---------------------------------------------------------------------------


class ProjectIndexView(ScopedIndexView):
    def get_base_queryset(self):
        # A ward officer sees the route its ward's segment belongs to.
        return Project.objects.visible_to(self.request.user).select_related("unit")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.filter(
            Q(name__icontains=self.search_query) | Q(code__icontains=self.search_query)
        )


class ProjectFilterSet(UnitFilterSet):
    unit_depth = 3
    kind = ChoiceFilter(label=_("Kind"), choices=ProjectKind.choices)
    status = ChoiceFilter(label=_("Status"), choices=ProjectStatus.choices)

    class Meta:
        model = Project
        fields = []


class ProjectViewSet(ActionViewSet):
    model = Project
    icon = "site"
    menu_label = _("Key projects")
    form_class = ProjectForm
    index_view_class = ProjectIndexView
    inspect_view_class = views.ProjectInspectView
    filterset_class = ProjectFilterSet
    search_fields = ["name", "code"]
    list_display = [
        "code",
        "name",
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        "unit",
        Column("status", label=_("Status"), accessor="get_status_display"),
    ]
    list_export = [
        "code",
        "name",
        "get_kind_display",
        "unit",
        "investor",
        "length_km",
        "area_ha",
        "get_status_display",
    ]
    export_headings = {"get_kind_display": _("Kind"), "get_status_display": _("Status")}


# Segments -------------------------------------------------------------------------------


class ProjectScopedFilterSet(UnitFilterSet):
    """Lists of a route's rows: by project (those the user sees) and by unit."""

    unit_depth = 4
    # How a row reaches its project and its unit.
    project_lookup = "project"
    unit_lookup = "unit"
    project = ModelChoiceFilter(
        label=_("Key project"), queryset=Project.objects.none(), method="filter_project"
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["project"].queryset = Project.objects.visible_to(request.user)

    def filter_project(self, queryset, name, value):
        return queryset.filter(**{self.project_lookup: value}) if value else queryset

    def filter_unit(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(**{f"{self.unit_lookup}__path__startswith": value.path})


class SegmentFilterSet(ProjectScopedFilterSet):
    unit_lookup = "ward"

    class Meta:
        model = Segment
        fields = []


class SegmentViewSet(ActionViewSet):
    model = Segment
    icon = "list-ol"
    menu_label = _("Segments")
    form_class = SegmentForm
    filterset_class = SegmentFilterSet
    search_fields = ["ward__name", "project__name"]
    list_display = [
        Column("project", label=_("Key project"), accessor="project"),
        "ward",
        "km_from",
        "km_to",
        "km_cleared",
        "planned_households",
        "last_reported_at",
    ]
    list_export = [
        "project",
        "ward",
        "km_from",
        "km_to",
        "km_cleared",
        "planned_households",
        "last_reported_at",
        "note",
    ]
    inspect_view_fields = [
        "project",
        "ward",
        "km_from",
        "km_to",
        "km_cleared",
        "planned_households",
        "working_users",
        "working_organisations",
        "note",
        "last_reported_at",
    ]
    inspect_related = [(_("Affected parties"), "parties")]

    def get_queryset(self, request):
        return Segment.objects.select_related("project", "ward")


# Affected parties -----------------------------------------------------------------------


class PartyFilterSet(ProjectScopedFilterSet):
    stage = ChoiceFilter(label=_("Step"), choices=Stage.choices)
    obstacle = BooleanFilter(label=_("Has obstacles"), method="filter_obstacle")
    dialogue = BooleanFilter(label=_("Needs dialogue"), method="filter_dialogue")

    class Meta:
        model = AffectedParty
        fields = []

    def filter_obstacle(self, queryset, name, value):
        if value is None:
            return queryset
        blocked = AffectedParty.objects.with_open_obstacle().values("pk")
        return queryset.filter(pk__in=blocked) if value else queryset.exclude(pk__in=blocked)

    def filter_dialogue(self, queryset, name, value):
        if value is None:
            return queryset
        needs = AffectedParty.objects.needs_dialogue().values("pk")
        return queryset.filter(pk__in=needs) if value else queryset.exclude(pk__in=needs)


class PartyIndexView(ScopedIndexView):
    def search_queryset(self, queryset):
        # Accent-insensitive: "tran van binh" finds "Trần Văn Bình".
        if not self.is_searching:
            return queryset
        return queryset.filter(name_key__contains=fold(self.search_query))


class PartyViewSet(ActionViewSet):
    model = AffectedParty
    icon = "group"
    menu_label = _("Affected parties")
    form_class = PartyForm
    index_view_class = PartyIndexView
    inspect_view_class = views.PartyInspectView
    filterset_class = PartyFilterSet
    search_fields = ["name"]
    list_per_page = 50
    list_display = [
        "name",
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        "project",
        "unit",
        Column("stage", label=_("Step"), accessor="get_stage_display"),
        "agreed",
        "visit_count",
        "last_activity_on",
    ]
    # Never the sensitive flags (they are only on the party's page, on request).
    list_export = [
        "name",
        "get_kind_display",
        "project",
        "segment",
        "unit",
        "address",
        "area_m2",
        "must_relocate",
        "get_stage_display",
        "agreed",
        "paid_on",
        "handed_over_on",
        "visit_count",
        "last_activity_on",
    ]
    export_headings = {"get_kind_display": _("Kind"), "get_stage_display": _("Step")}

    def get_queryset(self, request):
        return AffectedParty.objects.select_related(
            "project", "unit", "segment__ward", "segment__project"
        )


# Steps, visits and obstacles -----------------------------------------------------------------


class MilestoneFilterSet(ProjectScopedFilterSet):
    project_lookup = "segment__project"
    kind = ChoiceFilter(label=_("Step"), choices=MilestoneKind.choices)

    class Meta:
        model = Milestone
        fields = []


class MilestoneViewSet(ScopedModelViewSet):
    """The steps recorded, as a list; they are recorded from a party's or a project's page
    (the clock's checks need the form there)."""

    model = Milestone
    icon = "date"
    menu_label = _("Steps")
    add_view_enabled = False
    filterset_class = MilestoneFilterSet
    search_fields = ["party__name", "document_number"]
    form_fields = ["document_number", "minutes"]
    list_display = [
        Column("title", label=_("Step"), accessor="__str__"),
        "party",
        "segment",
        "not_applicable",
        "created_by",
    ]
    list_export = [
        "__str__",
        "get_kind_display",
        "on",
        "party",
        "segment",
        "document_number",
        "present",
        "agree",
        "disagree",
        "other",
        "not_applicable",
        "reason",
    ]
    export_headings = {"__str__": _("Step"), "get_kind_display": _("Kind")}
    inspect_view_fields = [
        "kind",
        "on",
        "at_time",
        "party",
        "segment",
        "document_number",
        "present",
        "agree",
        "disagree",
        "other",
        "not_applicable",
        "reason",
        "minutes",
        "warnings",
    ]

    def get_queryset(self, request):
        return Milestone.objects.select_related(
            "party", "segment__project", "segment__ward", "created_by"
        )


class VisitFilterSet(ProjectScopedFilterSet):
    project_lookup = "party__project"
    unit_lookup = "party__unit"
    outcome = ChoiceFilter(label=_("Outcome"), choices=Outcome.choices)

    class Meta:
        model = AdvocacyVisit
        fields = []


class VisitViewSet(ActionViewSet):
    model = AdvocacyVisit
    icon = "user"
    menu_label = _("Advocacy visits")
    form_class = VisitForm
    filterset_class = VisitFilterSet
    search_fields = ["party__name"]
    list_display = [
        Column("title", label=_("Visit"), accessor="__str__"),
        "on",
        Column("outcome", label=_("Outcome"), accessor="get_outcome_display"),
        Column("concerns", label=_("Concerns"), accessor="get_concerns_display"),
        "next_on",
    ]
    list_export = [
        "__str__",
        "party",
        "on",
        "get_outcome_display",
        "get_concerns_display",
        "visitors_note",
        "next_step",
        "next_on",
    ]
    export_headings = {
        "__str__": _("Visit"),
        "get_outcome_display": _("Outcome"),
        "get_concerns_display": _("Concerns"),
    }
    inspect_view_fields = [
        "party",
        "on",
        "outcome",
        "visitors",
        "organisations",
        "visitors_note",
        "note",
        "next_step",
        "next_on",
        "created_by",
    ]

    def get_queryset(self, request):
        return AdvocacyVisit.objects.select_related("party")


class ObstacleFilterSet(ProjectScopedFilterSet):
    project_lookup = "party__project"
    unit_lookup = "party__unit"
    category = ChoiceFilter(label=_("Category"), choices=ObstacleCategory.choices)
    open = BooleanFilter(label=_("Still open"), method="filter_open")

    class Meta:
        model = Obstacle
        fields = []

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        still = Obstacle.objects.open().values("pk")
        return queryset.filter(pk__in=still) if value else queryset.exclude(pk__in=still)


class ObstacleViewSet(ActionViewSet):
    model = Obstacle
    icon = "warning"
    menu_label = _("Obstacles")
    form_class = ObstacleForm
    filterset_class = ObstacleFilterSet
    search_fields = ["party__name", "description"]
    list_display = [
        Column("title", label=_("Obstacle"), accessor="__str__"),
        "opened_on",
        "resolved_on",
        "owner",
        "case",
    ]
    list_export = [
        "__str__",
        "party",
        "get_category_display",
        "description",
        "opened_on",
        "resolved_on",
        "resolution",
        "case",
        "dialogue",
    ]
    export_headings = {"__str__": _("Obstacle"), "get_category_display": _("Category")}
    inspect_view_fields = [
        "party",
        "category",
        "description",
        "owner",
        "opened_on",
        "resolved_on",
        "resolution",
        "case",
        "dialogue",
        "created_by",
    ]

    def get_queryset(self, request):
        return Obstacle.objects.select_related("party", "owner", "case")


class ClearanceGroup(ViewSetGroup):
    menu_label = _("Land clearance")
    menu_icon = "site"
    menu_order = 360
    submenu_hook = "register_clearance_menu_item"
    items = (
        ProjectViewSet,
        SegmentViewSet,
        PartyViewSet,
        MilestoneViewSet,
        VisitViewSet,
        ObstacleViewSet,
    )


@hooks.register("register_admin_viewset")
def register_clearance_viewsets():
    return ClearanceGroup()


@hooks.register("register_admin_urls")
def register_clearance_urls():
    return [
        path("clearance/parties/<int:pk>/step/", views.party_step, name="clearance_party_step"),
        path("clearance/parties/<int:pk>/visit/", views.party_visit, name="clearance_party_visit"),
        path(
            "clearance/parties/<int:pk>/obstacle/",
            views.party_obstacle,
            name="clearance_party_obstacle",
        ),
        path(
            "clearance/segments/<int:pk>/step/", views.segment_step, name="clearance_segment_step"
        ),
        path(
            "clearance/steps/<int:pk>/record/",
            views.milestone_record,
            name="clearance_milestone_record",
        ),
        path(
            "clearance/obstacles/<int:pk>/resolve/",
            views.resolve_obstacle,
            name="clearance_obstacle_resolve",
        ),
    ]


@hooks.register("register_log_actions")
def register_clearance_log_actions(actions):
    actions.register_action("dvs.resolve", _("Resolve"), _("Resolved an obstacle"))
