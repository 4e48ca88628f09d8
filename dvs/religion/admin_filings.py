"""The back office of the filings a ward receives and must answer: the list with each
filing's state ("Quá hạn N ngày", "Còn N ngày", "Đã trả lời …", "Chưa có quy định", "Chờ
bổ sung hồ sơ"), the intake form, the filing's page with its clock, the answer and
completion forms, the overdue list, the calculator, the rule sets (reference data for
administrators) and the work list's reminders (work.py)."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from dvs.accounts.viewsets import (
    ActionCreateView,
    ActionSaveMixin,
    ActionViewSet,
    UnitFilterSet,
    register_screens,
)

from . import views_filings, work  # noqa: F401 (work registers the reminders)
from .actions import delete
from .forms_filings import FilingForm, RuleSetForm
from .models import REPLY_KINDS, Filing, FilingKind, RuleSet

MENU_HOOK = "register_religion_menu_item"

STATES = [
    ("overdue", _("Overdue for an answer")),
    ("waiting", _("Waiting for an answer")),
    ("due_soon", _("Due within 3 days")),
    ("answered", _("Answered")),
    ("incomplete", _("Waiting for the missing items")),
    ("norule", _("No rule set yet")),
]


class FilingFilterSet(UnitFilterSet):
    unit_depth = 3
    kind = ChoiceFilter(label=_("Kind"), choices=FilingKind.choices)
    state = ChoiceFilter(label=_("State"), choices=STATES, method="filter_state")

    class Meta:
        model = Filing
        fields = []

    def filter_state(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.overdue(today)
        if value == "waiting":
            return queryset.unanswered().filter(reply_due_on__gte=today)
        if value == "due_soon":
            return queryset.unanswered().filter(
                reply_due_on__gte=today, reply_due_on__lte=today + work.DUE_SOON
            )
        if value == "answered":
            return queryset.filter(replied_on__isnull=False)
        if value == "incomplete":
            return queryset.filter(complete=False, kind__in=REPLY_KINDS, replied_on__isnull=True)
        if value == "norule":
            return queryset.filter(rule_set__isnull=True, replied_on__isnull=True)
        return queryset


class FilingCreateView(ActionCreateView):
    def get_success_url(self):
        # The filing's page: its clock, reply date and warnings are what intake is for.
        return reverse("filing:inspect", args=[self.object.pk])


class FilingViewSet(ActionViewSet):
    delete_function = staticmethod(delete)
    model = Filing
    icon = "doc-full"
    menu_label = _("Filings")
    form_class = FilingForm
    add_view_class = FilingCreateView
    inspect_view_class = views_filings.FilingInspectView
    filterset_class = FilingFilterSet
    search_fields = ["subject", "submitted_by"]
    list_per_page = 50
    list_display = [
        "subject",
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        "unit",
        Column("received_on", label=_("Received on"), accessor=lambda f: _dmy(f.received_on)),
        Column("reply_due_on", label=_("Reply due on"), accessor=lambda f: _dmy(f.reply_due_on)),
        Column("state", label=_("State"), accessor=views_filings.state_html),
    ]
    list_export = [
        "__str__",
        "subject",
        "get_kind_display",
        "unit",
        "submitted_by",
        "received_on",
        "on_time",
        "reply_due_on",
        "report_due_on",
        "replied_on",
        "get_outcome_display",
        "reply_reference",
    ]
    export_headings = {
        "__str__": _("Filing"),
        "get_kind_display": _("Kind"),
        "get_outcome_display": _("Answer"),
    }

    def get_queryset(self, request):
        return Filing.objects.select_related("unit", "rule_set")


def _dmy(day):
    return day.strftime("%d/%m/%Y") if day else "—"


# Rule sets: reference data, for system administrators ------------------------------------


class RuleSetCreateView(ActionSaveMixin, generic.CreateView):
    pass


class RuleSetEditView(ActionSaveMixin, generic.EditView):
    pass


class RuleSetViewSet(ModelViewSet):
    """The numbers and sources of the religion law's clocks by period: Law 02/2016 until
    31/12/2026; Law 07/2026/QH16 from 1/1/2027 once an administrator enters it. Saving
    recomputes the filings the period covers."""

    model = RuleSet
    icon = "clipboard-list"
    menu_label = _("Rule sets of the religion law")
    add_view_class = RuleSetCreateView
    edit_view_class = RuleSetEditView
    form_class = RuleSetForm
    add_to_reference_index = False
    search_backend_name = None
    inspect_view_enabled = True
    list_display = [
        "code",
        "name",
        Column(
            "effective_from", label=_("In force from"), accessor=lambda r: _dmy(r.effective_from)
        ),
        Column("effective_to", label=_("In force until"), accessor=lambda r: _dmy(r.effective_to)),
        Column("confidence", label=_("Confidence"), accessor="get_confidence_display"),
    ]
    list_export = ["code", "name", "effective_from", "effective_to", "source", "confidence"]

    def get_form_class(self, for_update=False):
        return self.form_class


@hooks.register("register_admin_urls")
def register_filing_urls():
    return [
        path("religion/filings/overdue/", views_filings.overdue, name="religion_filings_overdue"),
        path("religion/filings/check/", views_filings.check, name="religion_filings_check"),
        path(
            "religion/filings/<int:pk>/answer/", views_filings.answer, name="religion_filing_answer"
        ),
        path(
            "religion/filings/<int:pk>/complete/",
            views_filings.complete,
            name="religion_filing_complete",
        ),
    ]


register_screens(
    MENU_HOOK,
    [
        (
            _("Filings overdue for an answer"),
            "religion_filings_overdue",
            "warning",
            views_filings.PERMISSION,
        ),
        (_("Filing deadlines"), "religion_filings_check", "time", views_filings.PERMISSION),
    ],
    start=310,
)

VIEWSETS = (
    FilingViewSet("filing", url_prefix="religion/filings"),
    RuleSetViewSet("religion_ruleset", url_prefix="religion/rule-sets"),
)
