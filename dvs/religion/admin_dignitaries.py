"""The back office of dignitaries, officials and practitioners (chức sắc, chức việc, nhà
tu hành): their list, record, positions and status history, and the import of the
provincial data-collection sheets (Phiếu số 3).

Lists, search and exports carry names, classification, position, establishment, unit
and status, never the protected fields (ID number and issue, ethnicity, ID image): those
are read on the dignitary's page only, on request, by those allowed, each reading logged.
Every opening of a dignitary's page is logged too ("dvs.open")."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.ui.tables import Column

from dvs.accounts.viewsets import (
    ActionCreateView,
    ActionEditView,
    ActionModelForm,
    ActionViewSet,
    ScopedIndexView,
    UnitFilterSet,
    register_screens,
)
from dvs.lib.vntext import fold

from . import views_dignitaries
from .actions import delete
from .actions import dignitaries as actions
from .forms_dignitaries import DignitaryForm
from .models import (
    Dignitary,
    DignitaryPosition,
    DignitaryStatus,
    DignitaryStatusChange,
    Religion,
)

MENU_HOOK = "register_religion_menu_item"

CLASSIFICATIONS = [
    ("dignitary", _("Dignitary")),
    ("official", _("Official")),
    ("practitioner", _("Practitioner")),
]


class DignitaryEditView(ActionEditView):
    """The edit page shows the record too: its opening is logged like the inspect page's."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        views_dignitaries.log_opening(self.object, request.user)
        return response


class _ViewSet(ActionViewSet):
    add_view_class = ActionCreateView
    edit_view_class = ActionEditView


def classification_text(dignitary):
    return ", ".join(dignitary.classification)


class DignitaryIndexView(ScopedIndexView):
    def search_queryset(self, queryset):
        # Accent-insensitive on the names only ("thich minh nhan" finds "Thích Minh
        # Nhẫn"); never on a protected field.
        if not self.is_searching:
            return queryset
        return queryset.filter(name_key__contains=fold(self.search_query))


class DignitaryFilterSet(UnitFilterSet):
    unit_depth = 4
    religion = ModelChoiceFilter(label=_("Religion"), queryset=Religion.objects.all())
    classification = ChoiceFilter(
        label=_("Classification"), choices=CLASSIFICATIONS, method="filter_classification"
    )
    status = ChoiceFilter(label=_("Status"), choices=DignitaryStatus.choices)

    class Meta:
        model = Dignitary
        fields = []

    def filter_classification(self, queryset, name, value):
        return queryset.filter(**{f"is_{value}": True}) if value else queryset


class DignitaryViewSet(_ViewSet):
    delete_function = staticmethod(actions.delete_dignitary)
    model = Dignitary
    # Under /admin/religion/: an individual's religion is shown on no other path.
    url_prefix = "religion/dignitaries"
    icon = "user"
    menu_label = _("Dignitaries, officials and practitioners")
    form_class = DignitaryForm
    edit_view_class = DignitaryEditView
    index_view_class = DignitaryIndexView
    inspect_view_class = views_dignitaries.DignitaryInspectView
    filterset_class = DignitaryFilterSet
    search_fields = ["name_key"]
    list_per_page = 50
    list_display = [
        Column("religious_name", label=_("Religious name"), accessor="religious_name"),
        "birth_name",
        Column("classification", label=_("Classification"), accessor=classification_text),
        "position",
        "establishment",
        "unit",
        Column("status", label=_("Status"), accessor="get_status_display"),
    ]
    # Never the ID number, its issue, the ID image or ethnicity.
    list_export = [
        "__str__",
        "religious_name",
        "birth_name",
        "birth_year",
        "get_sex_display",
        "religion",
        "organisation",
        "sect",
        "is_dignitary",
        "is_official",
        "is_practitioner",
        "position",
        "rank",
        "ordained_on",
        "get_scope_display",
        "establishment",
        "unit",
        "get_status_display",
        "status_on",
    ]
    export_headings = {
        "__str__": _("Name"),
        "get_sex_display": _("Sex"),
        "get_scope_display": _("Scope of activity"),
        "get_status_display": _("Status"),
    }

    def get_queryset(self, request):
        return Dignitary.objects.select_related("unit", "establishment", "religion", "organisation")


class PositionForm(ActionModelForm):
    class Meta:
        model = DignitaryPosition
        fields = ["dignitary", "title", "place", "started_on", "ended_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["dignitary"].disabled = True

    def create(self, *, by, dignitary, **fields):
        return actions.add_position(dignitary, by=by, **fields)

    def update(self, instance, *, by, **fields):
        return actions.update_position(instance, by=by, **fields)


class PositionViewSet(_ViewSet):
    delete_function = staticmethod(delete)
    model = DignitaryPosition
    url_prefix = "religion/dignitary-positions"
    icon = "list-ul"
    menu_label = _("Positions held")
    form_class = PositionForm
    search_fields = ["title"]
    list_display = ["title", "dignitary", "place", "started_on", "ended_on"]
    list_export = ["title", "dignitary", "place", "started_on", "ended_on"]

    def get_queryset(self, request):
        return DignitaryPosition.objects.select_related("dignitary")


class StatusChangeForm(ActionModelForm):
    class Meta:
        model = DignitaryStatusChange
        fields = ["dignitary", "status", "on", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["dignitary"].disabled = True

    def create(self, *, by, dignitary, **fields):
        return actions.record_status(dignitary, by=by, **fields)

    def update(self, instance, *, by, **fields):
        return actions.update_status_change(instance, by=by, **fields)


class StatusChangeViewSet(_ViewSet):
    delete_function = staticmethod(actions.delete_status_change)
    model = DignitaryStatusChange
    url_prefix = "religion/dignitary-status-changes"
    icon = "history"
    menu_label = _("Status changes")
    form_class = StatusChangeForm
    search_fields = ["note"]
    list_display = [
        Column("status", label=_("Status"), accessor="get_status_display"),
        "dignitary",
        "on",
        "note",
    ]
    list_export = ["dignitary", "get_status_display", "on", "note"]
    export_headings = {"get_status_display": _("Status")}

    def get_queryset(self, request):
        return DignitaryStatusChange.objects.select_related("dignitary")


VIEWSETS = (DignitaryViewSet(), PositionViewSet(), StatusChangeViewSet())


register_screens(
    MENU_HOOK,
    [
        (
            _("Import dignitaries"),
            "religion_import",
            "upload",
            "religion.import_dignitary",
        )
    ],
    start=210,
)


@hooks.register("register_log_actions")
def register_open_action(actions_registry):
    actions_registry.register_action(
        views_dignitaries.OPEN,
        _("Open a protected record"),
        _("Opened a dignitary's record"),
    )


@hooks.register("register_admin_urls")
def register_dignitary_urls():
    return [
        path(
            "religion/dignitaries/<int:pk>/id-image/",
            views_dignitaries.id_image,
            name="religion_dignitary_id_image",
        ),
        path(
            "religion/dignitaries/<int:pk>/positions/add/",
            views_dignitaries.add_position,
            name="religion_dignitary_position",
        ),
        path(
            "religion/dignitaries/<int:pk>/status/add/",
            views_dignitaries.record_status,
            name="religion_dignitary_status",
        ),
        path("religion/import/", views_dignitaries.import_start, name="religion_import"),
        path(
            "religion/import/check/", views_dignitaries.import_check, name="religion_import_check"
        ),
        path(
            "religion/import/commit/",
            views_dignitaries.import_commit,
            name="religion_import_commit",
        ),
        path(
            "religion/import/cancel/",
            views_dignitaries.import_cancel,
            name="religion_import_cancel",
        ),
        path(
            "religion/import/errors/",
            views_dignitaries.import_errors,
            name="religion_import_errors",
        ),
        path(
            "religion/import/template/",
            views_dignitaries.import_template,
            name="religion_import_template",
        ),
    ]
