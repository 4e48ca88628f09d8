from django import forms
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter, ChoiceFilter, ModelChoiceFilter, NumberFilter
from wagtail import hooks
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from dvs.accounts import crypto, scope
from dvs.accounts.dashboard import register_count, register_work
from dvs.accounts.viewsets import (
    ScopedChooseResultsView,
    ScopedChooserViewSet,
    ScopedChooseView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedModelForm,
    ScopedModelViewSet,
    UnitFilterSet,
    register_screens,
)
from dvs.lib import cccd
from dvs.lib.paging import CappedPaginator
from dvs.units.models import Organisation, Unit

from . import views
from .forms import MembershipForm, PersonForm
from .models import EligibilityRule, Household, Membership, Person, Sex


def _ward_name():
    parent_path = Substr(OuterRef("unit__path"), 1, Length(OuterRef("unit__path")) - Unit.steplen)
    return Subquery(Unit.objects.filter(path=parent_path).values("name")[:1])


class PersonFilterSet(UnitFilterSet):
    sex = ChoiceFilter(label=_("Sex"), choices=Sex.choices)
    status = ChoiceFilter(label=_("Status"), choices=Person.Status.choices)
    organisation = ModelChoiceFilter(
        label=_("Member of"), queryset=Organisation.objects.none(), method="filter_organisation"
    )
    born_from = NumberFilter(
        label=_("Born from (year)"), field_name="birth_year", lookup_expr="gte"
    )
    born_to = NumberFilter(label=_("Born until (year)"), field_name="birth_year", lookup_expr="lte")
    archived = BooleanFilter(
        label=_("Archived"), field_name="archived_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Person
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["organisation"].queryset = scope.scoped(request.user, Organisation)

    def filter_organisation(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.members_of(value, user=self.request.user)


class PersonIndexView(ScopedIndexView):
    default_ordering = "name_sort"
    paginator_class = CappedPaginator
    results_template_name = "people/person_results.html"

    def get_base_queryset(self):
        # The two names the list shows, rather than whole unit rows (select_related).
        people = (
            super().get_base_queryset().annotate(unit_name=F("unit__name"), ward_name=_ward_name())
        )
        if not self.request.GET.get("archived"):
            people = people.filter(archived_at__isnull=True)
        # Sensitive columns are never selected for a listing.
        return people.defer("id_number_encrypted", "ethnicity_encrypted", "religion_encrypted")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        number = cccd.normalise(self.search_query)
        if len(number) == 12 and number.isdecimal():
            # An ID number is searchable only by roles allowed to see ID numbers.
            allowed = scope.scoped(self.request.user, Person, "view_sensitive")
            return queryset.filter(
                pk__in=allowed.filter(id_number_index=crypto.blind_index(number)).values("pk")
            )
        return queryset.search(self.search_query)


class PersonInspectView(ScopedInspectView):
    template_name = "people/person_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        # Only memberships in the user's scope: an organisation's officer does not
        # learn which other organisations a resident belongs to.
        context["memberships"] = (
            scope.scoped(self.request.user, Membership)
            .filter(person=person)
            .select_related("organisation")
            .order_by("organisation__name", "pk")
        )
        context["can_see_sensitive"] = (
            person.pk
            and self.request.user.has_perm("people.view_sensitive_person")
            and scope.can(self.request.user, person, "view_sensitive")
        )
        return context


class PersonViewSet(ScopedModelViewSet):
    model = Person
    icon = "user"
    menu_label = _("Residents")
    empty_actions = [(_("Import from Excel"), "people_import_new", "people.import_person")]
    index_view_class = PersonIndexView
    inspect_view_class = PersonInspectView
    filterset_class = PersonFilterSet
    ordering = ["name_sort"]
    search_fields = ["full_name"]  # enables the search box; PersonIndexView does the search
    list_per_page = 50
    list_display = [
        Column("full_name", label=_("Full name"), sort_key="name_sort"),
        Column("birth_display", label=_("Date or year of birth"), sort_key="birth_year"),
        Column("sex", label=_("Sex"), accessor="get_sex_display"),
        Column("unit_name", label=_("Neighbourhood")),
        Column("ward_name", label=_("Ward / commune")),
        Column("status", label=_("Status"), accessor="get_status_display"),
    ]
    list_export = [
        "full_name",
        "birth_display",
        "get_sex_display",
        "unit_name",
        "ward_name",
        "phone",
        "get_status_display",
    ]
    export_headings = {
        "full_name": _("Full name"),
        "birth_display": _("Date or year of birth"),
        "get_sex_display": _("Sex"),
        "unit_name": _("Neighbourhood"),
        "ward_name": _("Ward / commune"),
        "phone": _("Phone"),
        "get_status_display": _("Status"),
    }
    # The form's plain fields; protected ones are shown on their own, logged page.
    inspect_view_fields = PersonForm.Meta.fields

    edit_handler = ObjectList(
        [
            FieldPanel("full_name"),
            FieldRowPanel([FieldPanel("sex"), FieldPanel("birth_date"), FieldPanel("birth_year")]),
            FieldRowPanel([FieldPanel("unit"), FieldPanel("household")]),
            FieldPanel("phone"),
            MultiFieldPanel(
                [FieldPanel("id_number"), FieldPanel("ethnicity"), FieldPanel("religion")],
                heading=_("Protected personal data"),
            ),
            FieldRowPanel([FieldPanel("status"), FieldPanel("status_on"), FieldPanel("moved_to")]),
        ],
        base_form_class=PersonForm,
    )


class HouseholdViewSet(ScopedModelViewSet):
    model = Household
    icon = "home"
    menu_label = _("Households")
    inspect_related = [(_("Members of the household"), "members")]
    list_display = ["address", "head", "unit"]
    list_export = ["address", "head", "unit"]
    search_fields = ["address"]
    edit_handler = ObjectList(
        [FieldPanel("unit"), FieldPanel("address"), FieldPanel("head")],
        base_form_class=ScopedModelForm,
    )


class MembershipViewSet(ScopedModelViewSet):
    model = Membership
    icon = "group"
    menu_label = _("Memberships")
    list_display = [
        "person",
        "organisation",
        Column("role", label=_("Role"), accessor="get_role_display"),
        "joined_on",
        "card_number",
        "ended_on",
    ]
    list_filter = ["role", "organisation__kind"]
    list_export = [
        "person",
        "organisation",
        "get_role_display",
        "joined_on",
        "card_number",
        "ended_on",
        "end_reason",
    ]
    export_headings = {"get_role_display": _("Role")}
    search_fields = ["person__full_name", "card_number"]

    def get_form_class(self, for_update=False):
        return MembershipForm


class EligibilityRuleViewSet(ModelViewSet):
    """Reference data for coverage figures: managed by administrators."""

    model = EligibilityRule
    icon = "tick"
    menu_label = _("Eligibility rules")
    list_display = ["kind", "sex", "min_age", "max_age"]
    form_fields = ["kind", "sex", "min_age", "max_age"]


class PeopleGroup(ViewSetGroup):
    menu_label = _("Residents and members")
    menu_icon = "group"
    menu_order = 300
    submenu_hook = "register_people_menu_item"
    items = (PersonViewSet, HouseholdViewSet, MembershipViewSet, EligibilityRuleViewSet)


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return PeopleGroup()


# Screens of the people menu that are not model listings: (label, URL name, icon, permission).
PEOPLE_SCREENS = [
    (_("Members and coverage"), "people_coverage", "doc-full", "people.view_membership"),
    (_("Import from Excel"), "people_import_list", "upload", "people.import_person"),
    (_("Possible duplicates"), "people_duplicates", "resubmit", "people.change_person"),
]
register_screens("register_people_menu_item", PEOPLE_SCREENS, start=10)


@hooks.register("register_admin_urls")
def register_people_urls():
    return [
        path("people/imports/", views.import_list, name="people_import_list"),
        path("people/imports/new/", views.import_new, name="people_import_new"),
        path("people/imports/<int:pk>/", views.import_detail, name="people_import_detail"),
        path(
            "people/imports/<int:pk>/mapping/", views.import_mapping, name="people_import_mapping"
        ),
        path("people/imports/<int:pk>/commit/", views.import_commit, name="people_import_commit"),
        path(
            "people/imports/<int:pk>/errors.xlsx", views.import_errors, name="people_import_errors"
        ),
        path("people/coverage/", views.coverage, name="people_coverage"),
        path("people/duplicates/", views.duplicates, name="people_duplicates"),
        path("people/duplicates/merge/", views.merge, name="people_merge"),
        path("people/<int:pk>/sensitive/", views.person_sensitive, name="people_person_sensitive"),
        path("people/export-full.xlsx", views.export_sensitive, name="people_export_sensitive"),
    ]


register_count(_("residents"), Person, url_name="person:index")
register_count(_("memberships"), Membership, url_name="membership:index")


class PersonSearchForm(BaseFilterForm):
    """The chooser's search: accent-insensitive, by name (PersonQuerySet.search)."""

    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name, with or without accents")}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        if query := self.cleaned_data.get("q"):
            self.is_searching, self.search_query = True, query
            objects = objects.search(query)
        return objects


class _PersonSearchMixin:
    filter_form_class = PersonSearchForm
    ordering = ["name_sort", "id"]


class PersonChooseView(_PersonSearchMixin, ScopedChooseView):
    pass


class PersonChooseResultsView(_PersonSearchMixin, ScopedChooseResultsView):
    pass


class PersonChooserViewSet(ScopedChooserViewSet):
    """Pick a resident (for a petitioner, a household head, a member) by name."""

    model = Person
    icon = "user"
    choose_one_text = _("Choose a resident")
    choose_another_text = _("Choose another resident")
    per_page = 20
    choose_view_class = PersonChooseView
    choose_results_view_class = PersonChooseResultsView


person_chooser_viewset = PersonChooserViewSet("person_chooser", url_prefix="people/chooser")


@hooks.register("register_admin_viewset")
def register_person_chooser():
    return person_chooser_viewset


def _imports_to_confirm(user, limit):
    """Checked imports in the user's scope that wait for someone to confirm them."""
    from dvs.accounts.dashboard import WorkItem

    from .models import ImportJob

    jobs = (
        scope.scoped(user, ImportJob)
        .filter(status=ImportJob.Status.VALIDATED)
        .select_related("unit")
        .order_by("created_at", "pk")[:limit]
    )
    return [
        WorkItem(
            str(job),
            reverse("people_import_detail", args=[job.pk]),
            _("%(unit)s · %(valid)s valid rows, %(rejected)s rejected: confirm to import")
            % {"unit": job.unit, "valid": job.valid_rows, "rejected": job.rejected_rows},
        )
        for job in jobs
    ]


register_work(
    "imports_to_confirm",
    _("Imports waiting for your confirmation"),
    _imports_to_confirm,
    all_url=lambda user: reverse("people_import_list"),
    permission="people.import_person",
    order=40,
)
