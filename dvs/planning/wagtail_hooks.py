"""Back office of directives and tasks: menu group "Chỉ đạo và nhiệm vụ"."""

from django.http import Http404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter, ChoiceFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup

from dvs.accounts import scope
from dvs.accounts.dashboard import register_count
from dvs.accounts.viewsets import (
    ScopedIndexView,
    ScopedInspectView,
    ScopedModelViewSet,
    UnitFilterSet,
)
from dvs.cases.models import Dialogue
from dvs.units.models import Unit

from . import views
from .dashboard import DeadlinesPanel  # also registers the tasks in the work list
from .forms import AssignmentForm, ProgramForm, TaskForm
from .models import (
    Directive,
    DirectiveKind,
    DirectiveLevel,
    Program,
    ProgramStatus,
    Task,
    TaskAssignment,
    TaskStatus,
)
from .rules import directive_for


class DirectiveFilterSet(UnitFilterSet):
    unit_depth = 3
    kind = ChoiceFilter(label=_("Kind"), choices=DirectiveKind.choices)
    level = ChoiceFilter(label=_("Level"), choices=DirectiveLevel.choices)

    class Meta:
        model = Directive
        fields = []


class DirectiveIndexView(ScopedIndexView):
    def get_base_queryset(self):
        # The directives behind the tasks a ward carries out too, as in the API.
        return Directive.objects.visible_to(self.request.user).select_related("unit")


class DirectiveInspectView(ScopedInspectView):
    def get_object(self, *args, **kwargs):
        return directive_for(self.request.user, self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The tasks carrying the directive out, those the user sees (as on their list).
        tasks = list(
            Task.objects.visible_to(self.request.user)
            .filter(directive=self.object)
            .order_by("-assigned_on", "pk")[: self.related_shown + 1]
        )
        context["related_lists"].append(
            (
                _("Tasks carrying it out"),
                [
                    (task, reverse("task:inspect", args=[task.pk]))
                    for task in tasks[: self.related_shown]
                ],
                len(tasks) > self.related_shown,
            )
        )
        return context

    def get_file_display_value(self):
        """A link to the download view: the file is private, it has no public URL."""
        if not self.object.file:
            return "-"
        url = reverse("planning_directive_file", args=[self.object.pk])
        return format_html('<a href="{}">{}</a>', url, self.object.file.name.rsplit("/", 1)[-1])


class DirectiveViewSet(ScopedModelViewSet):
    model = Directive
    icon = "doc-full"
    index_view_class = DirectiveIndexView
    inspect_view_class = DirectiveInspectView
    menu_label = _("Directive documents")
    filterset_class = DirectiveFilterSet
    search_fields = ["number", "summary", "issuer"]
    list_display = [
        "__str__",
        "summary",
        "issuer",
        Column("issued_on", label=_("issued on")),
        "unit",
    ]
    list_export = ["__str__", "summary", "issuer", "issued_on", "level", "unit"]
    export_headings = {"__str__": _("directive document")}
    form_fields = ["kind", "number", "issuer", "issued_on", "level", "unit", "summary", "file"]
    inspect_view_fields = [
        "kind",
        "number",
        "issuer",
        "issued_on",
        "level",
        "unit",
        "summary",
        "file",
    ]


class TaskFilterSet(UnitFilterSet):
    unit_depth = 3
    status = ChoiceFilter(label=_("Status"), choices=TaskStatus.choices, method="filter_status")
    overdue = BooleanFilter(label=_("Overdue"), method="filter_overdue")
    unit = ModelChoiceFilter(
        label=_("Assigned to"), queryset=Unit.objects.none(), method="filter_assignee"
    )
    directive = ModelChoiceFilter(label=_("Directive document"), queryset=Directive.objects.none())

    class Meta:
        model = Task
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["directive"].queryset = scope.scoped(request.user, Directive)

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value) if value else queryset

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = Task.objects.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)

    def filter_assignee(self, queryset, name, value):
        if not value:
            return queryset
        assigned = TaskAssignment.objects.filter(unit__path__startswith=value.path)
        return queryset.filter(pk__in=assigned.values("task_id"))


class TaskIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return (
            Task.objects.visible_to(self.request.user)
            .select_related("unit", "directive")
            .prefetch_related("assignments__unit", "assignments__organisation")
        )


class TaskInspectView(ScopedInspectView):
    template_name = "planning/task_inspect.html"

    def get_object(self, *args, **kwargs):
        # A task is also shown to the units and organisations it is given to.
        queryset = Task.objects.visible_to(self.request.user)
        try:
            return queryset.get(pk=self.pk)
        except (Task.DoesNotExist, ValueError):
            raise Http404 from None

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        assignments = list(
            self.object.assignments.select_related("unit", "organisation").prefetch_related(
                "updates__recorded_by"
            )
        )
        mine = set(
            scope.scoped(user, TaskAssignment, "record_progress")
            .filter(task=self.object)
            .values_list("pk", flat=True)
        )
        visible = set(
            scope.scoped(user, TaskAssignment).filter(task=self.object).values_list("pk", flat=True)
        )
        if scope.can(user, self.object):
            visible = {a.pk for a in assignments}
        context.update(
            {
                "task": self.object,
                "assignments": [a for a in assignments if a.pk in visible],
                "may_record": mine,
            }
        )
        return context


class TaskCreateView(generic.CreateView):
    """`?dialogue=<id>`: a task following up a dialogue's matters, pre-filled from it."""

    def get_initial(self):
        initial = super().get_initial()
        dialogue_id = self.request.GET.get("dialogue")
        if dialogue_id:
            dialogue = scope.access(self.request.user, Dialogue, dialogue_id)
            initial.update(
                dialogue=dialogue,
                title=_("Follow up the dialogue “%(topic)s”") % {"topic": dialogue.topic},
                description=dialogue.matters,
            )
        return initial


class TaskViewSet(ScopedModelViewSet):
    model = Task
    icon = "tasks"
    menu_label = _("Tasks")
    add_view_class = TaskCreateView
    index_view_class = TaskIndexView
    inspect_view_class = TaskInspectView
    filterset_class = TaskFilterSet
    search_fields = ["title", "description"]
    ordering = ["deadline", "title"]
    list_per_page = 50
    list_display = [
        "title",
        "unit",
        Column("deadline", label=_("deadline")),
        Column("percent_done", label=_("percent done"), accessor="percent_done"),
        Column("status", label=_("Status"), accessor="get_current_status_display"),
    ]
    list_export = [
        "title",
        "directive",
        "unit",
        "assigned_on",
        "deadline",
        "owner",
        "get_current_status_display",
        "percent_done",
        "progress_summary",
    ]
    export_headings = {
        "get_current_status_display": _("Status"),
        "percent_done": _("percent done"),
        "progress_summary": _("progress"),
    }
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("directive"), FieldPanel("dialogue")]),
            FieldRowPanel([FieldPanel("unit"), FieldPanel("owner")]),
            FieldRowPanel([FieldPanel("assigned_on"), FieldPanel("deadline")]),
            FieldPanel("description"),
            InlinePanel(
                "assignments",
                label=_("Assigned to"),
                panels=[FieldRowPanel([FieldPanel("unit"), FieldPanel("organisation")])],
            ),
        ],
        base_form_class=TaskForm,
    )


class AssignmentFilterSet(UnitFilterSet):
    unit_depth = 3
    status = ChoiceFilter(label=_("Status"), choices=TaskStatus.choices, method="filter_status")
    overdue = BooleanFilter(label=_("Overdue"), method="filter_overdue")

    class Meta:
        model = TaskAssignment
        fields = []

    def filter_status(self, queryset, name, value):
        if not value:
            return queryset
        if value == TaskStatus.OVERDUE:
            return self.filter_overdue(queryset, name, True)
        if value == TaskStatus.DONE:
            return queryset.filter(status=value)
        return queryset.filter(status=value, task__deadline__gte=_today())

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.exclude(status=TaskStatus.DONE).filter(task__deadline__lt=_today())
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))


def _today():
    from django.utils import timezone

    return timezone.localdate()


class AssignmentIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("task", "unit", "organisation")


class AssignmentViewSet(ScopedModelViewSet):
    model = TaskAssignment
    name = "assignment"
    icon = "list-ul"
    menu_label = _("Assignments")
    index_view_class = AssignmentIndexView
    filterset_class = AssignmentFilterSet
    search_fields = ["task__title"]
    ordering = ["task__deadline", "pk"]
    list_per_page = 50
    list_display = [
        "task",
        Column("assignee", label=_("Assigned to"), accessor="assignee"),
        Column("deadline", label=_("deadline"), accessor="deadline"),
        Column("percent", label=_("percent done")),
        Column("status", label=_("Status"), accessor="get_current_status_display"),
    ]
    list_export = [
        "task",
        "assignee",
        "deadline",
        "percent",
        "get_current_status_display",
        "completed_on",
    ]
    export_headings = {
        "assignee": _("Assigned to"),
        "deadline": _("deadline"),
        "get_current_status_display": _("Status"),
    }
    inspect_view_fields = ["task", "unit", "organisation", "percent", "status", "completed_on"]

    def get_form_class(self, for_update=False):
        from django.forms import modelform_factory

        return modelform_factory(
            TaskAssignment, form=AssignmentForm, fields=["task", "unit", "organisation"]
        )


class ProgramFilterSet(UnitFilterSet):
    unit_depth = 3
    status = ChoiceFilter(label=_("Status"), choices=ProgramStatus.choices)

    class Meta:
        model = Program
        fields = []


class ProgramViewSet(ScopedModelViewSet):
    model = Program
    icon = "clipboard-list"
    menu_label = _("Government-ordered programs")
    filterset_class = ProgramFilterSet
    search_fields = ["title", "decision_number"]
    list_display = [
        "title",
        "organisation",
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("budget", label=_("budget (VND)")),
        Column("spent", label=_("spent (VND)"), accessor="spent"),
    ]
    list_export = [
        "title",
        "organisation",
        "proposed_on",
        "ordered_by",
        "ordered_on",
        "decision_number",
        "budget",
        "spent",
        "get_status_display",
        "completed_on",
    ]
    export_headings = {"get_status_display": _("Status"), "spent": _("spent (VND)")}
    inspect_view_fields = [
        "title",
        "content",
        "organisation",
        "proposed_on",
        "ordered_by",
        "ordered_on",
        "decision_number",
        "budget",
        "status",
        "completed_on",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("organisation"), FieldPanel("proposed_on")]),
            FieldPanel("content"),
            FieldRowPanel(
                [FieldPanel("ordered_by"), FieldPanel("ordered_on"), FieldPanel("decision_number")]
            ),
            FieldRowPanel([FieldPanel("budget"), FieldPanel("status"), FieldPanel("completed_on")]),
            InlinePanel(
                "outputs",
                label=_("Outputs"),
                panels=[
                    FieldRowPanel(
                        [
                            FieldPanel("description"),
                            FieldPanel("unit_of_measure"),
                            FieldPanel("target"),
                            FieldPanel("actual"),
                        ]
                    )
                ],
            ),
            InlinePanel(
                "spendings",
                label=_("Spending"),
                panels=[
                    FieldRowPanel(
                        [FieldPanel("spent_on"), FieldPanel("amount"), FieldPanel("note")]
                    )
                ],
            ),
        ],
        base_form_class=ProgramForm,
    )


class PlanningGroup(ViewSetGroup):
    menu_label = _("Directives and tasks")
    menu_icon = "tasks"
    menu_order = 360
    items = (TaskViewSet, AssignmentViewSet, DirectiveViewSet, ProgramViewSet)


@hooks.register("register_admin_viewset")
def register_planning_viewsets():
    return PlanningGroup()


@hooks.register("register_admin_urls")
def register_planning_urls():
    return [
        path(
            "planning/assignments/<int:pk>/progress/",
            views.record_progress,
            name="planning_record_progress",
        ),
        path("planning/evidence/<int:pk>/", views.evidence, name="planning_evidence"),
        path(
            "planning/directives/<int:pk>/file/",
            views.directive_file,
            name="planning_directive_file",
        ),
    ]


@hooks.register("construct_homepage_panels")
def add_deadlines_panel(request, panels):
    panels.append(DeadlinesPanel(request.user))


register_count(_("tasks"), Task, url_name="task:index")


@hooks.register("dialogue_follow_ups")
def tasks_from_dialogue(request, dialogue):
    """On a dialogue's page: the tasks following up its matters, and a way to add one."""
    user = request.user
    may_add = user.has_perm("planning.add_task")
    return {
        "heading": _("Tasks following up the matters raised"),
        "items": [
            (task.title, reverse("task:inspect", args=[task.pk]), task.get_current_status_display())
            for task in Task.objects.visible_to(user).filter(dialogue=dialogue)
        ],
        "empty": _("No tasks yet."),
        "add_label": _("Assign a task from these matters") if may_add else "",
        "add_url": f"{reverse('task:add')}?dialogue={dialogue.pk}" if may_add else "",
    }
