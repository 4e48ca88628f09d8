"""Back-office screens of citizen reception and dialogues, in their own admin menu
"Citizen reception and dialogues": reception sessions, dialogues, reception duties and
the compliance view. Loaded by `wagtail_hooks.py` (`from . import reception_hooks`)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.base import ViewSetGroup

from dvs.accounts import scope
from dvs.accounts.viewsets import ScopedInspectView, ScopedModelViewSet, register_screens

from . import reception_views
from .models import Case, Dialogue, ReceptionDuty, ReceptionSession
from .reception_forms import DialogueForm, ReceptionDutyForm, ReceptionSessionForm


class _MattersInspectView(ScopedInspectView):
    """A session's or dialogue's record, with the cases recorded from it and the way to
    record more."""

    template_name = "cases/reception/inspect.html"
    cases_url_name = ""
    link_field = ""

    def may_record(self):
        return None  # None: allowed; otherwise the reason why not

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        cases = (
            scope.scoped(user, Case)
            .filter(**{self.link_field: self.object})
            .select_related("subject_area")
            .prefetch_related("petitioners")
            .order_by("id")
        )
        may_add = user.has_perm("cases.add_case") and (
            scope.writable_anchor(user, Case, "add").filter(pk=self.object.unit_id).exists()
        )
        context.update(
            cases=cases,
            record_url=reverse(self.cases_url_name, args=[self.object.pk]) if may_add else "",
            record_blocked=self.may_record(),
        )
        return context


class SessionInspectView(_MattersInspectView):
    cases_url_name = "reception_session_cases"
    link_field = "reception_session"


class DialogueInspectView(_MattersInspectView):
    cases_url_name = "dialogue_cases"
    link_field = "dialogue"

    def may_record(self):
        if self.object.status != Dialogue.Status.HELD:
            return _("Cases can be recorded once the dialogue has been held.")
        return None

    def get_context_data(self, **kwargs):
        # Other capabilities follow matters up in their own way (planning: tasks); each
        # adds its part through the "dialogue_follow_ups" hook.
        context = super().get_context_data(**kwargs)
        context["follow_ups"] = [
            part
            for hook in hooks.get_hooks("dialogue_follow_ups")
            if (part := hook(self.request, self.object))
        ]
        return context


class ReceptionSessionViewSet(ScopedModelViewSet):
    model = ReceptionSession
    name = "reception_session"
    url_prefix = "cases/reception/sessions"
    icon = "user"
    menu_label = _("Reception sessions")
    inspect_view_class = SessionInspectView
    list_display = [
        TitleColumn(
            "held_on", label=_("Held on"), url_name="reception_session:inspect", sort_key="held_on"
        ),
        Column("kind", label=_("Reception kind"), accessor="get_kind_display"),
        "unit",
        "leader",
        "officer",
        "citizens_received",
    ]
    list_filter = ["kind"]
    search_fields = ["matters", "officer"]
    list_export = [
        "held_on",
        "get_kind_display",
        "unit",
        "leader",
        "officer",
        "citizens_received",
        "matters",
        "conclusion",
    ]
    export_headings = {"get_kind_display": _("Reception kind")}
    export_filename = "tiep-cong-dan"
    inspect_view_fields = ReceptionSessionForm.Meta.fields
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("unit"), FieldPanel("held_on"), FieldPanel("kind")]),
            FieldRowPanel([FieldPanel("leader"), FieldPanel("officer")]),
            FieldPanel("citizens_received"),
            FieldPanel("matters"),
            FieldPanel("conclusion"),
        ],
        base_form_class=ReceptionSessionForm,
    )


class DialogueViewSet(ScopedModelViewSet):
    model = Dialogue
    name = "dialogue"
    url_prefix = "cases/reception/dialogues"
    icon = "group"
    menu_label = _("Dialogues")
    inspect_view_class = DialogueInspectView
    list_display = [
        TitleColumn("topic", label=_("Topic"), url_name="dialogue:inspect"),
        "unit",
        "participants",
        "planned_on",
        "held_on",
        Column("status", label=_("Status"), accessor="get_status_display"),
        "attendance",
    ]
    list_filter = ["status"]
    search_fields = ["topic", "participants"]
    list_export = [
        "topic",
        "unit",
        "participants",
        "leaders",
        "planned_on",
        "held_on",
        "get_status_display",
        "attendance",
        "matters",
        "follow_up",
    ]
    export_headings = {"get_status_display": _("Status")}
    export_filename = "doi-thoai"
    inspect_view_fields = DialogueForm.Meta.fields
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("unit"), FieldPanel("status")]),
            FieldPanel("topic"),
            FieldRowPanel([FieldPanel("participants"), FieldPanel("leaders")]),
            FieldRowPanel(
                [FieldPanel("planned_on"), FieldPanel("held_on"), FieldPanel("attendance")]
            ),
            FieldPanel("matters"),
            FieldPanel("follow_up"),
        ],
        base_form_class=DialogueForm,
    )


class ReceptionDutyViewSet(ScopedModelViewSet):
    model = ReceptionDuty
    name = "reception_duty"
    url_prefix = "cases/reception/duties"
    icon = "date"
    menu_label = _("Reception duties")
    list_display = [
        "leader",
        Column("position", label=_("Position"), accessor="get_position_display"),
        "unit",
        "days_required",
        Column("per", label=_("Per"), accessor="get_per_display"),
        Column("weekday", label=_("Usual weekday"), accessor="get_weekday_display"),
        "active",
    ]
    list_filter = ["position", "active"]
    search_fields = ["leader__full_name", "leader__username"]
    list_export = [
        "leader",
        "get_position_display",
        "unit",
        "days_required",
        "get_per_display",
        "get_weekday_display",
        "active",
    ]
    export_headings = {
        "get_position_display": _("Position"),
        "get_per_display": _("Per"),
        "get_weekday_display": _("Usual weekday"),
    }
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("unit"), FieldPanel("leader")]),
            FieldPanel("position"),
            FieldRowPanel([FieldPanel("days_required"), FieldPanel("per"), FieldPanel("weekday")]),
            FieldPanel("active"),
        ],
        base_form_class=ReceptionDutyForm,
    )


class ReceptionGroup(ViewSetGroup):
    menu_label = _("Citizen reception and dialogues")
    menu_icon = "user"
    menu_order = 311  # right after "Petitions and reception" (310)
    submenu_hook = "register_reception_menu_item"
    items = (ReceptionSessionViewSet, DialogueViewSet, ReceptionDutyViewSet)


@hooks.register("register_admin_viewset")
def register_reception_viewsets():
    return ReceptionGroup()


# Screens of the reception menu that are not model listings: (label, URL name, icon, permission).
RECEPTION_SCREENS = [
    (_("Reception compliance"), "reception_compliance", "tasks", "cases.view_receptionduty"),
]

register_screens("register_reception_menu_item", RECEPTION_SCREENS, start=10)


@hooks.register("register_admin_urls")
def register_reception_urls():
    return [
        path(
            "cases/reception/sessions/<int:pk>/cases/",
            reception_views.session_cases,
            name="reception_session_cases",
        ),
        path(
            "cases/reception/dialogues/<int:pk>/cases/",
            reception_views.dialogue_cases,
            name="dialogue_cases",
        ),
        path(
            "cases/reception/compliance/",
            reception_views.compliance_view,
            name="reception_compliance",
        ),
    ]
