from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelChoiceFilter, NumberFilter
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from dvs.accounts.dashboard import register_count, register_work
from dvs.accounts.viewsets import (
    READING,
    ScopedIndexView,
    ScopedModelViewSet,
    UnitFilterSet,
    register_screens,
)
from dvs.lib.columns import CodeColumn
from dvs.lib.vntext import fold
from dvs.lib.widgets import SearchableCheckboxes

from . import views
from .forms import EvaluationForm, ExemplarForm, RecognitionForm
from .models import (
    Criterion,
    Evaluation,
    Exemplar,
    ExemplarField,
    Indicator,
    Level,
    Recognition,
    Status,
)


class ExemplarFilterSet(UnitFilterSet):
    unit_depth = 3
    field = ModelChoiceFilter(label=_("Field"), queryset=ExemplarField.objects.all())
    level = ChoiceFilter(label=_("Level"), choices=Level.choices)
    status = ChoiceFilter(label=_("Status"), choices=Status.choices)
    year = NumberFilter(label=_("Year of registration"))

    class Meta:
        model = Exemplar
        fields = []


class ExemplarIndexView(ScopedIndexView):
    def search_queryset(self, queryset):
        # Accent-insensitive: "nuoc sach" finds "Nước sạch".
        if not self.is_searching:
            return queryset
        return queryset.filter(name_key__contains=fold(self.search_query))


class ExemplarViewSet(ScopedModelViewSet):
    model = Exemplar
    icon = "pick"
    menu_label = _("Exemplars")
    empty_actions = [
        (_("Yearly registration"), "emulation_registration", "emulation.view_exemplar")
    ]
    index_view_class = ExemplarIndexView
    inspect_view_class = views.ExemplarInspectView
    filterset_class = ExemplarFilterSet
    search_fields = ["name"]
    ordering = ["-year", "name"]
    list_per_page = 50
    list_display = [
        "name",
        "field",
        Column("level", label=_("Level"), accessor="get_level_display"),
        "unit",
        "year",
        Column("status", label=_("Status"), accessor="get_status_display"),
        "origin",
    ]
    list_export = [
        "name",
        "field",
        "get_level_display",
        "unit",
        "organisation",
        "year",
        "started_on",
        "get_status_display",
        "origin",
        "people_count",
        "households_count",
    ]
    export_headings = {
        "get_level_display": _("Level"),
        "get_status_display": _("Status"),
    }
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("field"), FieldPanel("level"), FieldPanel("status")]),
            FieldRowPanel([FieldPanel("unit"), FieldPanel("organisation")]),
            FieldPanel("partners", widget=SearchableCheckboxes),
            FieldRowPanel([FieldPanel("year"), FieldPanel("started_on")]),
            FieldPanel("problem"),
            FieldPanel("method"),
            FieldPanel("participants"),
            FieldRowPanel([FieldPanel("people_count"), FieldPanel("households_count")]),
            InlinePanel(
                "indicator_values",
                label=_("Indicators"),
                panels=[
                    FieldRowPanel(
                        [
                            FieldPanel("indicator"),
                            FieldPanel("year"),
                            FieldPanel("baseline"),
                            FieldPanel("target"),
                            FieldPanel("actual"),
                        ]
                    )
                ],
            ),
            InlinePanel(
                "photos", label=_("Photos"), panels=[FieldPanel("image"), FieldPanel("caption")]
            ),
            InlinePanel("documents", label=_("Documents"), panels=[FieldPanel("document")]),
        ],
        base_form_class=ExemplarForm,
    )


class PrefilledCreateView(generic.CreateView):
    """A score sheet or recognition opened from an exemplar (`?exemplar=<id>&year=<year>`)."""

    def get_initial(self):
        initial = super().get_initial()
        for name in ("exemplar", "year"):
            if self.request.GET.get(name, "").isdecimal():
                initial[name] = int(self.request.GET[name])
        return initial


class EvaluationViewSet(ScopedModelViewSet):
    model = Evaluation
    icon = "success"
    menu_label = _("Evaluations")
    add_view_class = PrefilledCreateView
    list_display = [
        "exemplar",
        "year",
        "evaluator",
        Column("total", label=_("Total score")),
        "created_at",
    ]
    list_filter = ["year"]
    list_export = ["exemplar", "year", "evaluator", "total", "comment", "created_at"]
    search_fields = ["exemplar__name"]
    inspect_view_fields = ["exemplar", "year", "evaluator", "total", "comment", "created_at"]

    def get_form_class(self, for_update=False):
        return EvaluationForm


class RecognitionViewSet(ScopedModelViewSet):
    model = Recognition
    icon = "pick"
    add_view_class = PrefilledCreateView
    menu_label = _("Recognitions")
    list_display = [
        "exemplar",
        Column("level", label=_("Level"), accessor="get_level_display"),
        "decision_number",
        "decision_date",
        "issued_by",
    ]
    list_filter = ["level"]
    list_export = ["exemplar", "get_level_display", "decision_number", "decision_date", "issued_by"]
    export_headings = {"get_level_display": _("Level")}
    search_fields = ["exemplar__name", "decision_number"]

    def get_form_class(self, for_update=False):
        return RecognitionForm


class ReferenceViewSet(ModelViewSet):
    """Reference data of the movement, kept by the board."""

    add_to_reference_index = False
    search_backend_name = None


class ExemplarFieldViewSet(ReferenceViewSet):
    model = ExemplarField
    icon = "tag"
    menu_label = _("Fields")
    list_display = ["name", "code", "sort_order"]
    form_fields = ["name", "code", "sort_order"]


class IndicatorViewSet(ReferenceViewSet):
    model = Indicator
    icon = "order"
    menu_label = _("Indicators")
    list_display = [
        "name",
        CodeColumn("code", label=_("code")),
        "unit_of_measure",
        "whole_number",
        "allows_negative",
    ]
    form_fields = [
        "name",
        "code",
        "unit_of_measure",
        "whole_number",
        "allows_negative",
        "sort_order",
    ]


class CriterionViewSet(ReferenceViewSet):
    model = Criterion
    icon = "list-ol"
    menu_label = _("Evaluation criteria")
    list_display = ["name", "weight", "max_score", "is_active"]
    form_fields = ["name", "description", "weight", "max_score", "sort_order", "is_active"]


class EmulationGroup(ViewSetGroup):
    menu_label = _("“Skilled Mass Mobilization”")
    menu_icon = "pick"
    menu_order = 350
    submenu_hook = "register_emulation_menu_item"
    items = (
        ExemplarViewSet,
        EvaluationViewSet,
        RecognitionViewSet,
        ExemplarFieldViewSet,
        IndicatorViewSet,
        CriterionViewSet,
    )


@hooks.register("register_admin_viewset")
def register_emulation_viewsets():
    return EmulationGroup()


# Screens of the menu that are not model listings: (label, URL name, icon, permission).
EMULATION_SCREENS = [
    (_("Statistics"), "emulation_stats", "doc-full", "emulation.view_exemplar", READING),
    (_("Yearly registration"), "emulation_registration", "list-ul", "emulation.view_exemplar"),
]

register_screens("register_emulation_menu_item", EMULATION_SCREENS, start=1)


@hooks.register("register_admin_urls")
def register_emulation_urls():
    return [
        path("emulation/statistics/", views.statistics, name="emulation_stats"),
        path("emulation/statistics.xlsx", views.statistics_export, name="emulation_stats_export"),
        path("emulation/registration/", views.registration, name="emulation_registration"),
        path("emulation/<int:pk>/replicate/", views.replicate, name="emulation_replicate"),
        path("emulation/<int:pk>/publish/", views.publish, name="emulation_publish"),
        path("emulation/<int:pk>/unpublish/", views.unpublish, name="emulation_unpublish"),
    ]


@hooks.register("register_log_actions")
def register_emulation_log_actions(actions):
    actions.register_action("dvs.evaluate", _("Evaluate"), _("Evaluated an exemplar"))
    actions.register_action("dvs.recognise", _("Recognise"), _("Recognised an exemplar"))
    actions.register_action("dvs.replicate", _("Replicate"), _("Replicated an exemplar"))
    actions.register_action("dvs.publish", _("Publish"), _("Published on the portal"))
    actions.register_action("dvs.unpublish", _("Unpublish"), _("Removed from the portal"))


register_count(_("exemplars"), Exemplar, url_name="exemplar:index")


def exemplars_to_score(user, year=None):
    """Exemplars the user may evaluate, still running, that the user has not scored this
    year."""
    from django.utils import timezone

    from dvs.accounts import scope

    from .actions import _BEFORE_EVALUATED

    year = year or timezone.localdate().year
    return (
        scope.writable_anchor(user, Evaluation, "add")
        .filter(status__in=_BEFORE_EVALUATED, year__lte=year)
        .exclude(evaluations__evaluator=user, evaluations__year=year)
        .select_related("unit")
        .order_by("year", "name", "pk")
    )


def _score_items(user, limit):
    from django.utils import timezone

    from dvs.accounts.dashboard import WorkItem

    year = timezone.localdate().year
    add = reverse("evaluation:add")
    return [
        WorkItem(
            exemplar.name,
            f"{add}?exemplar={exemplar.pk}&year={year}",
            f"{exemplar.unit} · {exemplar.get_status_display()}",
        )
        for exemplar in exemplars_to_score(user, year)[:limit]
    ]


register_work(
    "exemplars_to_score",
    _("Exemplars to score"),
    _score_items,
    all_url=lambda user: reverse("exemplar:index"),
    permission="emulation.add_evaluation",
    order=60,
)
