"""The back office of consultations (tham gia ý kiến) and the disclosure register (sổ công
khai): the viewsets of consultations, opinions and disclosures, the forms of a
consultation's and a disclosure's steps, the draft document's download and the quarterly
list. The work list's reminders are in work_consultations.py."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter, ChoiceFilter
from wagtail import hooks
from wagtail.admin.ui.tables import Column

from dvs.accounts.viewsets import (
    ActionCreateView,
    ActionViewSet,
    UnitFilterSet,
    register_screens,
)

from . import views_consultations as views
from . import work_consultations  # noqa: F401 (registers the work list's reminders)
from .actions import consultations as consultation_actions
from .actions import disclosures as disclosure_actions
from .forms_consultations import ConsultationForm, DisclosureForm, OpinionForm
from .models import Consultation, Disclosure, DisclosureItem, Opinion

MENU_HOOK = "register_democracy_menu_item"


def _dmy(day):
    return day.strftime("%d/%m/%Y") if day else "—"


class ConsultationFilterSet(UnitFilterSet):
    unit_depth = 4
    status = ChoiceFilter(label=_("Status"), choices=Consultation.Status.choices)

    class Meta:
        model = Consultation
        fields = []


class ConsultationViewSet(ActionViewSet):
    model = Consultation
    icon = "comment"
    menu_label = _("Consultations")
    form_class = ConsultationForm
    delete_function = staticmethod(consultation_actions.delete)
    inspect_view_class = views.ConsultationInspectView
    filterset_class = ConsultationFilterSet
    search_fields = ["title", "summary"]
    list_per_page = 50
    list_display = [
        "title",
        "unit",
        Column("subject", label=_("Matter under Art. 25"), accessor="get_subject_display"),
        Column("published_on", label=_("Published on"), accessor=lambda c: _dmy(c.published_on)),
        Column("closes_on", label=_("Opinions taken until"), accessor=lambda c: _dmy(c.closes_on)),
        Column("state", label=_("State"), accessor=views.consultation_state),
    ]
    list_export = [
        "title",
        "unit",
        "get_subject_display",
        "get_status_display",
        "published_on",
        "closes_on",
        "against_majority",
        "result_published_on",
    ]
    export_headings = {
        "get_subject_display": _("Matter under Art. 25"),
        "get_status_display": _("Status"),
    }

    def get_queryset(self, request):
        return Consultation.objects.select_related("unit")


class OpinionFilterSet(UnitFilterSet):
    channel = ChoiceFilter(label=_("Opinion channel"), choices=Opinion.Channel.choices)
    stance = ChoiceFilter(label=_("Stance"), choices=Opinion.Stance.choices)

    class Meta:
        model = Opinion
        fields = []

    def filter_unit(self, queryset, name, value):
        return (
            queryset.filter(consultation__unit__path__startswith=value.path) if value else queryset
        )


class OpinionCreateView(ActionCreateView):
    """Opened from a consultation's page ("Add opinions"): the consultation is chosen,
    and saving goes back to its page with the counts."""

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("consultation", "").isdigit():
            initial["consultation"] = self.request.GET["consultation"]
        return initial

    def get_success_url(self):
        return reverse("democracy_consultation:inspect", args=[self.object.consultation_id])


class OpinionViewSet(ActionViewSet):
    model = Opinion
    icon = "comment"
    menu_label = _("Opinions")
    form_class = OpinionForm
    add_view_class = OpinionCreateView
    delete_function = staticmethod(consultation_actions.delete)
    filterset_class = OpinionFilterSet
    search_fields = ["content", "name"]
    list_per_page = 50
    list_display = [
        Column("content", label=_("Opinion"), accessor=lambda o: o.content[:80] or str(o)),
        "consultation",
        Column("channel", label=_("Opinion channel"), accessor="get_channel_display"),
        Column("stance", label=_("Stance"), accessor="get_stance_display"),
        "count",
        Column("received_on", label=_("Received on"), accessor=lambda o: _dmy(o.received_on)),
    ]
    # No contact hash anywhere: it is not for reading.
    inspect_view_fields = [
        "consultation",
        "channel",
        "stance",
        "count",
        "name",
        "address",
        "content",
        "received_on",
    ]
    list_export = [
        "__str__",
        "consultation",
        "get_channel_display",
        "get_stance_display",
        "count",
        "name",
        "content",
        "received_on",
    ]
    export_headings = {
        "__str__": _("Opinion"),
        "get_channel_display": _("Opinion channel"),
        "get_stance_display": _("Stance"),
    }

    def get_queryset(self, request):
        return Opinion.objects.select_related("consultation", "consultation__unit")


class DisclosureFilterSet(UnitFilterSet):
    unit_depth = 4
    item = ChoiceFilter(label=_("Item (Art. 11)"), choices=DisclosureItem.choices)
    late = BooleanFilter(label=_("Disclosed late"), method="filter_late")

    class Meta:
        model = Disclosure
        fields = []

    def filter_late(self, queryset, name, value):
        if value is None:
            return queryset
        late = disclosure_actions.late_filter(timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)


class DisclosureViewSet(ActionViewSet):
    model = Disclosure
    icon = "doc-full"
    menu_label = _("Disclosure register")
    form_class = DisclosureForm
    delete_function = staticmethod(disclosure_actions.delete)
    inspect_view_class = views.DisclosureInspectView
    filterset_class = DisclosureFilterSet
    search_fields = ["title", "place", "responsible"]
    list_per_page = 50
    list_display = [
        "title",
        "unit",
        Column("item", label=_("Item (Art. 11)"), accessor="item"),
        Column("decided_on", label=_("Decided on"), accessor=lambda d: _dmy(d.decided_on)),
        Column(
            "disclose_by", label=_("To be disclosed by"), accessor=lambda d: _dmy(d.disclose_by)
        ),
        Column("posted_from", label=_("Posted from"), accessor=lambda d: _dmy(d.posted_from)),
        Column("flags", label=_("Warnings"), accessor=views.flags_text),
    ]
    list_export = [
        "title",
        "unit",
        "item",
        "decided_on",
        "disclose_by",
        "posted_from",
        "posted_to",
        "place",
        "responsible",
    ]

    def get_queryset(self, request):
        return Disclosure.objects.select_related("unit").prefetch_related("loudspeaker_days")


@hooks.register("register_admin_urls")
def register_consultation_urls():
    return [
        path(
            "democracy/consultations/<int:pk>/publish/",
            views.publish,
            name="democracy_consultation_publish",
        ),
        path(
            "democracy/consultations/<int:pk>/close/",
            views.close,
            name="democracy_consultation_close",
        ),
        path(
            "democracy/consultations/<int:pk>/result/",
            views.result,
            name="democracy_consultation_result",
        ),
        path(
            "democracy/consultations/<int:pk>/document/",
            views.document,
            name="democracy_consultation_document",
        ),
        path("democracy/disclosures/<int:pk>/post/", views.post, name="democracy_disclosure_post"),
        path("democracy/disclosures/<int:pk>/end/", views.end, name="democracy_disclosure_end"),
        path(
            "democracy/disclosures/<int:pk>/loudspeaker/",
            views.loudspeaker,
            name="democracy_disclosure_loudspeaker",
        ),
        path(
            "democracy/disclosures/quarterly/",
            views.quarterly,
            name="democracy_disclosures_quarterly",
        ),
    ]


register_screens(
    MENU_HOOK,
    [
        (
            _("Quarterly list of disclosures"),
            "democracy_disclosures_quarterly",
            "list-ul",
            views.VIEW_DISCLOSURE,
        ),
    ],
    start=410,
)

VIEWSETS = (
    ConsultationViewSet("democracy_consultation", url_prefix="democracy/consultations"),
    OpinionViewSet("democracy_opinion", url_prefix="democracy/opinions"),
    DisclosureViewSet("democracy_disclosure", url_prefix="democracy/disclosures"),
)
