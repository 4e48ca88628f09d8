"""The back office of the matters residents decide ("Nội dung Nhân dân bàn và quyết
định"): the list with its filters (unit, kind, status, overdue for sending or for
recognition), the form, the matter's page (views_matters), the roll, the meeting kit's
DOCX, the ward's receipt and recognition, the annulment and amendment requests, the
calculator "Tính tỷ lệ và thời hạn" and the work list's reminders (work_matters)."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter
from wagtail import hooks
from wagtail.admin.ui.tables import Column

from dvs.accounts.viewsets import ActionCreateView, ActionViewSet, UnitFilterSet, register_screens

from . import views_matters, work_matters
from .actions import matters as actions
from .forms_matters import MatterForm, ReviewForm
from .models import Item, Matter, MatterReview

MENU_HOOK = "register_democracy_menu_item"

LATE = [
    ("send_overdue", _("Overdue for sending")),
    ("recognition_overdue", _("Overdue for recognition")),
]


class MatterFilterSet(UnitFilterSet):
    unit_depth = 5
    item = ChoiceFilter(label=_("Kind of matter"), choices=Item.choices)
    status = ChoiceFilter(label=_("Status"), choices=Matter.Status.choices)
    late = ChoiceFilter(label=_("Overdue"), choices=LATE, method="filter_late")

    class Meta:
        model = Matter
        fields = []

    def filter_late(self, queryset, name, value):
        today = timezone.localdate()
        if value == "send_overdue":
            return work_matters.not_sent(queryset, today)
        if value == "recognition_overdue":
            return work_matters.not_recognised(queryset, today)
        return queryset


class MatterCreateView(ActionCreateView):
    def get_success_url(self):
        # The matter's page: what to do next (consents, open, meeting kit) is there.
        return reverse("democracy_matter:inspect", args=[self.object.pk])


def _dmy(day):
    return day.strftime("%d/%m/%Y") if day else "—"


class MatterViewSet(ActionViewSet):
    delete_function = staticmethod(actions.delete_matter)
    model = Matter
    icon = "group"
    menu_label = _("Matters to decide")
    form_class = MatterForm
    add_view_class = MatterCreateView
    inspect_view_class = views_matters.MatterInspectView
    filterset_class = MatterFilterSet
    search_fields = ["title"]
    list_per_page = 50
    list_display = [
        "title",
        Column("item", label=_("Kind of matter"), accessor="get_item_display"),
        "unit",
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("households", label=_("Households on the roll"), accessor="households"),
        Column("meeting_on", label=_("Meeting on"), accessor=lambda m: _dmy(m.meeting_on)),
        Column("send_by", label=_("To be sent by"), accessor=lambda m: _dmy(m.send_by)),
    ]
    list_export = [
        "__str__",
        "unit",
        "get_item_display",
        "get_proposer_display",
        "get_status_display",
        "households",
        "opened_on",
        "meeting_on",
        "decided_on",
        "get_decided_form_display",
        "passed",
        "yes",
        "sent_on",
        "received_on",
        "recognise_by",
        "recognised_on",
        "effective_on",
    ]
    export_headings = {
        "__str__": _("Matter to decide"),
        "get_item_display": _("Kind of matter"),
        "get_proposer_display": _("Proposed by"),
        "get_status_display": _("Status"),
        "get_decided_form_display": _("Decided by"),
    }

    def get_queryset(self, request):
        return Matter.objects.select_related("unit")


class ReviewViewSet(ActionViewSet):
    delete_function = staticmethod(actions.delete_review)
    model = MatterReview
    icon = "warning"
    menu_label = _("Annulment and amendment requests")
    form_class = ReviewForm
    search_fields = ["reason", "requested_by"]
    list_per_page = 50
    list_display = [
        Column("matter", label=_("Matter to decide"), accessor="matter"),
        Column("kind", label=_("Request"), accessor="get_kind_display"),
        Column("requested_on", label=_("Requested on"), accessor=lambda r: _dmy(r.requested_on)),
        Column("outcome", label=_("Outcome"), accessor="get_outcome_display"),
    ]
    list_export = [
        "__str__",
        "matter",
        "get_kind_display",
        "requested_on",
        "requested_by",
        "reason",
        "get_outcome_display",
        "resolved_on",
        "note",
    ]
    export_headings = {
        "__str__": _("Annulment or amendment request"),
        "get_kind_display": _("Request"),
        "get_outcome_display": _("Outcome"),
    }

    def get_queryset(self, request):
        return MatterReview.objects.select_related("matter", "matter__unit")


@hooks.register("register_admin_urls")
def register_matter_urls():
    prefix = "democracy/matters/<int:pk>"
    return [
        path(f"{prefix}/open/", views_matters.open_matter, name="democracy_matter_open"),
        path(f"{prefix}/roll/", views_matters.roll, name="democracy_matter_roll"),
        path(f"{prefix}/roll.xlsx", views_matters.roll_xlsx, name="democracy_matter_roll_xlsx"),
        path(
            f"{prefix}/roll/correct/",
            views_matters.correct_roll,
            name="democracy_matter_roll_correct",
        ),
        path(f"{prefix}/consents/add/", views_matters.add_consent, name="democracy_matter_consent"),
        path(f"{prefix}/receive/", views_matters.receive, name="democracy_matter_receive"),
        path(f"{prefix}/recognise/", views_matters.recognise, name="democracy_matter_recognise"),
        path(
            f"{prefix}/documents/<slug:kind>.docx",
            views_matters.document,
            name="democracy_matter_document",
        ),
        path(
            "democracy/matters/calculator/",
            views_matters.calculator,
            name="democracy_matters_calculator",
        ),
    ]


@hooks.register("register_log_actions")
def register_matter_log_actions(actions_registry):
    for action, label, message in (
        (actions.OPENED, _("Open a matter"), _("Froze the roll and opened the matter")),
        (actions.ROLL_CORRECTED, _("Correct a roll"), _("Corrected the roll")),
        (actions.RECEIVED, _("Receive a decision"), _("Recorded the ward's receipt")),
        (actions.RECOGNISED, _("Recognise a decision"), _("Recognised the decision")),
        (actions.REFUSED, _("Refuse recognition"), _("Refused recognition")),
    ):
        actions_registry.register_action(action, label, message)


register_screens(
    MENU_HOOK,
    [
        (
            _("Thresholds and deadlines"),
            "democracy_matters_calculator",
            "time",
            views_matters.PERMISSION,
        ),
    ],
    start=120,
)

VIEWSETS = (
    MatterViewSet("democracy_matter", url_prefix="democracy/matters"),
    ReviewViewSet("democracy_matterreview", url_prefix="democracy/matter-reviews"),
)
