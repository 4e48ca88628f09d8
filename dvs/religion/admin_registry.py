"""The back office of the registry: establishments, festivals, groups, contacts,
incidents and key people (each list through the scope door, each create and edit through
actions/registry.py), the religious organisations and religions of the reference data,
and the festival calendar of a year.

Exports carry no individual's religion: an establishment's or a group's religion is the
row's own, and the key people's export has no religion column."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from dvs.accounts.viewsets import (
    ActionSaveMixin,
    ActionViewSet,
    ScopedIndexView,
    UnitFilterSet,
    register_screens,
)
from dvs.lib.vntext import fold

from . import views_registry
from .actions import delete
from .forms_registry import (
    ContactForm,
    EstablishmentForm,
    FestivalForm,
    GroupForm,
    IncidentForm,
    KeyPersonForm,
    ReligiousOrganisationForm,
)
from .models import (
    Contact,
    Establishment,
    EstablishmentKind,
    Festival,
    Group,
    Incident,
    KeyPerson,
    RelicRanking,
    Religion,
    ReligiousOrganisation,
)

# The action's refusal shown on the form -------------------------------------------------


# Establishments -------------------------------------------------------------------------


class EstablishmentFilterSet(UnitFilterSet):
    unit_depth = 4
    kind = ChoiceFilter(label=_("Kind"), choices=EstablishmentKind.choices)
    religion = ModelChoiceFilter(label=_("Religion"), queryset=Religion.objects.all())
    relic_ranking = ChoiceFilter(
        label=_("Relic ranking"),
        choices=[c for c in RelicRanking.choices if c[0]],
        empty_label=_("All"),
    )

    class Meta:
        model = Establishment
        fields = []


class EstablishmentIndexView(ScopedIndexView):
    def search_queryset(self, queryset):
        # Accent-insensitive: "chua phuc lam" finds "Chùa Phúc Lâm".
        if not self.is_searching:
            return queryset
        return queryset.filter(name_key__contains=fold(self.search_query))


class EstablishmentViewSet(ActionViewSet):
    delete_function = staticmethod(delete)
    model = Establishment
    icon = "home"
    menu_label = _("Establishments")
    form_class = EstablishmentForm
    index_view_class = EstablishmentIndexView
    inspect_view_class = views_registry.EstablishmentInspectView
    filterset_class = EstablishmentFilterSet
    search_fields = ["name"]
    list_per_page = 50
    list_display = [
        "name",
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        "religion",
        "unit",
        Column("relic_ranking", label=_("Relic ranking"), accessor="get_relic_ranking_display"),
    ]
    list_export = [
        "name",
        "get_kind_display",
        "religion",
        "organisation",
        "unit",
        "address",
        "get_relic_ranking_display",
        "representative",
        "founded_year",
    ]
    export_headings = {
        "get_kind_display": _("Kind"),
        "get_relic_ranking_display": _("Relic ranking"),
    }
    inspect_view_fields = [
        "name",
        "kind",
        "religion",
        "organisation",
        "unit",
        "address",
        "relic_ranking",
        "land_status",
        "representative",
        "board",
        "phone",
        "founded_year",
        "note",
    ]

    def get_queryset(self, request):
        return Establishment.objects.select_related("unit", "religion", "organisation")


# Festivals ------------------------------------------------------------------------------


class EstablishmentLinkedFilterSet(UnitFilterSet):
    """Rows of an establishment, filtered by the establishment's unit."""

    unit_depth = 4

    def filter_unit(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(establishment__unit__path__startswith=value.path)


class FestivalFilterSet(EstablishmentLinkedFilterSet):
    scale = ChoiceFilter(label=_("Scale"), choices=Festival.Scale.choices)

    class Meta:
        model = Festival
        fields = []


class FestivalViewSet(ActionViewSet):
    delete_function = staticmethod(delete)
    model = Festival
    icon = "date"
    menu_label = _("Festivals")
    form_class = FestivalForm
    filterset_class = FestivalFilterSet
    search_fields = ["name"]
    list_display = [
        "name",
        "establishment",
        Column("day_month", label=_("Day and month"), accessor=lambda f: f"{f.day}/{f.month}"),
        "lunar",
        Column("scale", label=_("Scale"), accessor="get_scale_display"),
    ]
    list_export = [
        "name",
        "establishment",
        "lunar",
        "day",
        "month",
        "leap_month",
        "duration_days",
        "get_scale_display",
    ]
    export_headings = {"get_scale_display": _("Scale")}
    inspect_view_fields = [
        "name",
        "establishment",
        "lunar",
        "day",
        "month",
        "leap_month",
        "duration_days",
        "scale",
        "note",
    ]

    def get_queryset(self, request):
        return Festival.objects.select_related("establishment__unit")


# Groups ---------------------------------------------------------------------------------


class GroupFilterSet(UnitFilterSet):
    unit_depth = 4
    state = ChoiceFilter(label=_("Registration"), choices=Group.State.choices)
    religion = ModelChoiceFilter(label=_("Religion"), queryset=Religion.objects.all())

    class Meta:
        model = Group
        fields = []


class GroupViewSet(ActionViewSet):
    delete_function = staticmethod(delete)
    model = Group
    icon = "group"
    menu_label = _("Religious groups")
    form_class = GroupForm
    filterset_class = GroupFilterSet
    search_fields = ["name", "venue"]
    list_display = [
        "name",
        "religion",
        "unit",
        Column("state", label=_("Registration"), accessor="get_state_display"),
        "state_on",
        "members",
    ]
    list_export = [
        "name",
        "religion",
        "organisation",
        "unit",
        "venue",
        "representative",
        "members",
        "get_state_display",
        "state_on",
    ]
    export_headings = {"get_state_display": _("Registration")}
    inspect_view_fields = [
        "name",
        "religion",
        "organisation",
        "unit",
        "venue",
        "representative",
        "members",
        "state",
        "state_on",
        "note",
    ]
    inspect_related = [(_("Incidents"), "incidents")]

    def get_queryset(self, request):
        return Group.objects.select_related("unit", "religion")


# Contacts and incidents -----------------------------------------------------------------


class ContactFilterSet(UnitFilterSet):
    unit_depth = 4
    kind = ChoiceFilter(label=_("Kind"), choices=Contact.Kind.choices)

    class Meta:
        model = Contact
        fields = []


class ContactViewSet(ActionViewSet):
    delete_function = staticmethod(delete)
    model = Contact
    icon = "user"
    menu_label = _("Contacts with dignitaries")
    form_class = ContactForm
    filterset_class = ContactFilterSet
    search_fields = ["topics"]
    list_display = [
        Column("title", label=_("Contact"), accessor="__str__"),
        "unit",
        "establishment",
        Column("topics", label=_("Topics"), accessor="topics"),
    ]
    # Dignitaries are named on the contact's page only (their record is protected).
    list_export = [
        "__str__",
        "get_kind_display",
        "on",
        "unit",
        "establishment",
        "topics",
        "outcome",
    ]
    export_headings = {"__str__": _("Contact"), "get_kind_display": _("Kind")}
    inspect_view_fields = [
        "kind",
        "on",
        "unit",
        "establishment",
        "dignitaries",
        "organisations",
        "others_present",
        "topics",
        "outcome",
        "created_by",
    ]

    def get_queryset(self, request):
        return Contact.objects.select_related("unit", "establishment")


class IncidentFilterSet(UnitFilterSet):
    unit_depth = 4
    kind = ChoiceFilter(label=_("Kind"), choices=Incident.Kind.choices)
    status = ChoiceFilter(label=_("Status"), choices=Incident.Status.choices)

    class Meta:
        model = Incident
        fields = []


class IncidentViewSet(ActionViewSet):
    delete_function = staticmethod(delete)
    model = Incident
    icon = "warning"
    menu_label = _("Incidents")
    form_class = IncidentForm
    filterset_class = IncidentFilterSet
    search_fields = ["description"]
    list_display = [
        Column("title", label=_("Incident"), accessor="__str__"),
        "unit",
        "establishment",
        "group",
        Column("status", label=_("Status"), accessor="get_status_display"),
        "resolved_on",
    ]
    list_export = [
        "__str__",
        "get_kind_display",
        "on",
        "unit",
        "establishment",
        "group",
        "description",
        "handling",
        "get_status_display",
        "resolved_on",
    ]
    export_headings = {
        "__str__": _("Incident"),
        "get_kind_display": _("Kind"),
        "get_status_display": _("Status"),
    }
    inspect_view_fields = [
        "kind",
        "on",
        "unit",
        "establishment",
        "group",
        "description",
        "handling",
        "status",
        "resolved_on",
        "case",
        "created_by",
    ]

    def get_queryset(self, request):
        return Incident.objects.select_related("unit", "establishment", "group")


# Key people -----------------------------------------------------------------------------


class KeyPersonFilterSet(UnitFilterSet):
    unit_depth = 4
    kind = ChoiceFilter(label=_("Kind"), choices=KeyPerson.Kind.choices)

    class Meta:
        model = KeyPerson
        fields = []


class KeyPersonIndexView(ScopedIndexView):
    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.filter(name__icontains=self.search_query)


class KeyPersonViewSet(ActionViewSet):
    delete_function = staticmethod(delete)
    model = KeyPerson
    icon = "user"
    menu_label = _("Key people")
    form_class = KeyPersonForm
    index_view_class = KeyPersonIndexView
    filterset_class = KeyPersonFilterSet
    search_fields = ["name"]
    list_display = [
        "name",
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        "unit",
        "programme",
        "since",
        "until",
    ]
    # No religion column: a key person's religion is never listed.
    list_export = [
        "name",
        "get_kind_display",
        "unit",
        "programme",
        "ethnic_minority_programme",
        "since",
        "until",
    ]
    export_headings = {"get_kind_display": _("Kind")}
    inspect_view_fields = [
        "name",
        "kind",
        "unit",
        "dignitary",
        "programme",
        "ethnic_minority_programme",
        "since",
        "until",
        "phone",
        "note",
    ]

    def get_queryset(self, request):
        return KeyPerson.objects.select_related("unit")


# Reference data -------------------------------------------------------------------------


class OrganisationCreateView(ActionSaveMixin, generic.CreateView):
    pass


class OrganisationEditView(ActionSaveMixin, generic.EditView):
    pass


class ReligiousOrganisationViewSet(ModelViewSet):
    """Reference data, the same for every unit (not scoped): the Board enters it, every
    religion officer reads it."""

    model = ReligiousOrganisation
    icon = "group"
    menu_label = _("Religious organisations")
    add_view_class = OrganisationCreateView
    edit_view_class = OrganisationEditView
    add_to_reference_index = False
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    search_fields = ["name"]
    list_filter = ["religion", "status"]
    list_display = [
        "name",
        "religion",
        "parent",
        Column("status", label=_("Status"), accessor="get_status_display"),
    ]
    list_export = ["name", "religion", "parent", "get_status_display", "recognised_on", "seat"]
    export_headings = {"get_status_display": _("Status")}
    export_formats = ["xlsx", "csv"]

    def get_form_class(self, for_update=False):
        return ReligiousOrganisationForm

    def get_queryset(self, request):
        return ReligiousOrganisation.objects.select_related("religion", "parent")


class ReligionViewSet(ModelViewSet):
    """The religions (data of migration 0002): read here, changed by administrators."""

    model = Religion
    icon = "list-ul"
    menu_label = _("Religions")
    add_to_reference_index = False
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["name", "recognised", "order"]
    list_display = ["name", "recognised", "order"]
    list_export = ["name", "recognised"]
    export_formats = ["xlsx", "csv"]


VIEWSETS = (
    EstablishmentViewSet,
    FestivalViewSet,
    GroupViewSet,
    ContactViewSet,
    IncidentViewSet,
    KeyPersonViewSet,
    ReligiousOrganisationViewSet,
    ReligionViewSet,
)


@hooks.register("register_admin_urls")
def register_registry_urls():
    return [
        path(
            "religion/festival-calendar/",
            views_registry.festival_calendar,
            name="religion_festival_calendar",
        ),
    ]


# The hook's name as wagtail_hooks.MENU_HOOK spells it (importing it would be circular).
register_screens(
    "register_religion_menu_item",
    [(_("Festival calendar"), "religion_festival_calendar", "date", "religion.view_festival")],
    start=110,
)
