from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter, ChoiceFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets import HeaderButton

from dvs.accounts import scope
from dvs.accounts.dashboard import register_count
from dvs.accounts.viewsets import (
    READING,
    ScopedEditView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedModelForm,
    ScopedModelViewSet,
    UnitFilterSet,
    register_screens,
)
from dvs.lib.forms import DateRangeFilter
from dvs.lib.paging import CappedPaginator
from dvs.units.models import Unit

from . import (
    reception_hooks,  # noqa: F401  (reception duties, sessions, dialogues)
    views,
    work,  # noqa: F401  (the home page's work list)
    workflow,
)
from .forms import STEP_LABELS
from .models import Case, Channel, Kind, Status, SubjectArea
from .rules import can_see_identity


class CaseFilterSet(UnitFilterSet):
    kind = ChoiceFilter(label=_("Kind"), choices=Kind.choices)
    channel = ChoiceFilter(label=_("Channel"), choices=Channel.choices)
    status = ChoiceFilter(label=_("Status"), choices=Status.choices)
    subject_area = ModelChoiceFilter(label=_("Subject area"), queryset=SubjectArea.objects.all())
    received_on = DateRangeFilter(label=_("Received"))
    overdue = BooleanFilter(label=_("Overdue"), method="filter_overdue")
    handler = ChoiceFilter(label=_("Handler"), choices=(), method="filter_handler")

    class Meta:
        model = Case
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        choices = [("me", _("Mine")), ("none", _("No handler yet"))]
        if request is not None:
            choices += [
                (str(user.pk), user.get_full_name() or user.username)
                for user in handlers_in_scope(request.user)
            ]
        self.filters["handler"].extra["choices"] = choices

    def filter_handler(self, queryset, name, value):
        if value == "me":
            return queryset.filter(handler=self.request.user)
        if value == "none":
            return queryset.filter(handler__isnull=True)
        if value and value.isdecimal():
            return queryset.filter(handler_id=int(value))
        return queryset

    def filter_unit(self, queryset, name, value):
        # Cases are scoped by unit ids (dvs/cases/rules.py): the subtree's too.
        if not value:
            return queryset
        return queryset.filter(
            unit_id__in_ids=list(Unit.objects.subtree_of(value).values_list("pk", flat=True))
        )

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = Case.objects.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


def handlers_in_scope(user):
    """Users who may handle cases somewhere in `user`'s scope (the handler filter's
    choices): one query on role assignments, not on the cases."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from dvs.accounts.models import RoleAssignment
    from dvs.accounts.roles import Role

    roles = [role for role in Role if scope.role_allows(role, "cases.handle_case")]
    paths = [unit.path for unit in scope.top_units(user)]
    if not paths:
        return get_user_model().objects.none()
    near = Q()
    for unit_path in paths:
        near |= Q(unit__path__startswith=unit_path)
    assigned = RoleAssignment.objects.active().filter(near, role__in=roles)
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=assigned.values("user"))
        .order_by("last_name", "first_name", "username")[:200]
    )


class DueColumn(Column):
    """Due date, days left or overdue, and the colour of its state."""

    cell_template_name = "cases/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["case"] = instance
        return context


class PetitionerColumn(Column):
    def get_value(self, instance):
        return instance.petitioner_names()


class CaseIndexView(ScopedIndexView):
    default_ordering = "-received_on"
    paginator_class = CappedPaginator

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("unit", "subject_area", "handler")
            .prefetch_related("petitioners")
        )

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        from dvs.lib.vntext import fold

        query = self.search_query.strip()
        return queryset.filter(code=query.upper()) | queryset.filter(
            content_key__contains=fold(query)
        )

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        buttons.append(
            HeaderButton(
                _("Cases I handle"), url=reverse("case:index") + "?handler=me", icon_name="user"
            )
        )
        if self.request.user.has_perm("cases.view_case"):
            buttons.append(
                HeaderButton(_("Dashboard"), url=reverse("cases_dashboard"), icon_name="table")
            )
        return buttons


class CaseInspectView(ScopedInspectView):
    template_name = "cases/case_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object
        user = self.request.user
        may_handle = scope.can(user, case, "handle")
        may_see_identity = can_see_identity(user, case)
        context.update(
            case=case,
            events=case.events.select_related("actor"),
            steps=[
                (name, STEP_LABELS[name], reverse("cases_step", args=[case.pk, name]))
                for name in workflow.allowed_steps(case)
                if name in STEP_LABELS
            ]
            if may_handle
            else [],
            may_see_identity=may_see_identity,
            attachments=[
                a for a in case.attachments.all() if not a.identifying or may_see_identity
            ],
            duplicates=case.duplicates.all(),
            today=timezone.localdate(),
        )
        return context


class CaseEditView(ScopedEditView):
    scope_action = "handle"  # the same rule as the edit action's own check

    def save_instance(self):
        from wagtail.log_actions import log

        data = self.form.cleaned_data
        case = workflow.edit(
            self.form.instance,
            by=self.request.user,
            **{name: data[name] for name in workflow.EDITABLE if name in data},
        )
        log(case, "wagtail.edit", user=self.request.user)
        return case


class CaseAddView(generic.CreateView):
    """New cases go through the intake screen (petitioners, duplicates, attachments),
    once Wagtail's dispatch has checked that the user may add a case."""

    def get(self, request, *args, **kwargs):
        return redirect("cases_intake")

    post = get


class CaseViewSet(ScopedModelViewSet):
    model = Case
    icon = "mail"
    menu_label = _("Cases")
    add_to_admin_menu = False
    index_view_class = CaseIndexView
    inspect_view_class = CaseInspectView
    edit_view_class = CaseEditView
    filterset_class = CaseFilterSet
    search_fields = ["content"]  # enables the search box; CaseIndexView does the search
    list_per_page = 50
    list_display = [
        TitleColumn("code", label=_("Code"), url_name="case:inspect", sort_key="code"),
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        Column("received_on", label=_("Received"), sort_key="received_on"),
        PetitionerColumn("petitioners", label=_("Petitioner")),
        Column("subject_area", label=_("Subject area")),
        Column("unit", label=_("Unit")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("handler", label=_("Handler")),
        DueColumn("due", label=_("Due"), sort_key="accept_by"),
    ]
    # Exports never carry a petitioner's identity: a denouncer's must not leave the record.
    list_export = [
        "code",
        "get_kind_display",
        "get_channel_display",
        "received_on",
        "subject_area",
        "unit",
        "get_status_display",
        "accept_by",
        "resolve_by",
        "concluded_on",
    ]
    export_headings = {
        "code": _("Code"),
        "get_kind_display": _("Kind"),
        "get_channel_display": _("Channel"),
        "received_on": _("Received"),
        "subject_area": _("Subject area"),
        "unit": _("Unit"),
        "get_status_display": _("Status"),
        "accept_by": _("Accept by"),
        "resolve_by": _("Resolve by"),
        "concluded_on": _("Concluded on"),
    }
    export_filename = "don-thu"
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("subject_area"), FieldPanel("complexity")]),
            FieldPanel("content"),
            FieldRowPanel([FieldPanel("remote_area"), FieldPanel("group_case")]),
        ],
        base_form_class=ScopedModelForm,
    )

    add_view_class = CaseAddView


class CaseGroup(ViewSetGroup):
    menu_label = _("Petitions and reception")
    menu_icon = "mail"
    menu_order = 310
    submenu_hook = "register_cases_menu_item"
    items = (CaseViewSet,)


@hooks.register("register_admin_viewset")
def register_cases_viewsets():
    return CaseGroup()


CASES_SCREENS = [
    (_("New case"), "cases_intake", "plus", "cases.add_case"),
    (_("Case dashboard"), "cases_dashboard", "table", "cases.view_case", READING),
    (_("My reminders"), "cases_reminders", "warning", "cases.view_case"),
]

register_screens("register_cases_menu_item", CASES_SCREENS, start=1)


@hooks.register("insert_global_admin_css")
def cases_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("cases/admin.css"))


@hooks.register("register_admin_urls")
def register_cases_urls():
    return [
        path("cases/new/", views.intake, name="cases_intake"),
        path("cases/dashboard/", views.dashboard, name="cases_dashboard"),
        path("cases/reminders/", views.reminders, name="cases_reminders"),
        path("cases/<int:pk>/step/<slug:name>/", views.step, name="cases_step"),
        path("cases/<int:pk>/identity/", views.identity, name="cases_identity"),
        path(
            "cases/<int:pk>/attachments/<int:attachment_id>/",
            views.attachment,
            name="cases_attachment",
        ),
    ]


register_count(_("cases"), Case, url_name="case:index")
