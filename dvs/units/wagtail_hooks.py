from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from dvs.accounts.dashboard import register_count
from dvs.accounts.viewsets import (
    ScopedChooserViewSet,
    ScopedIndexView,
    ScopedModelForm,
    ScopedModelViewSet,
)

from .forms import UnitForm
from .models import Organisation, OrganisationKind, Term, Unit, UnitChange


class UnitIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().with_parent_name()


class UnitViewSet(ScopedModelViewSet):
    model = Unit
    icon = "site"
    menu_label = _("Administrative units")
    add_to_admin_menu = False
    list_display = [
        "name",
        "code",
        Column("level", label=_("level"), accessor="get_level_display"),
    ]
    list_filter = ["level"]
    list_export = ["code", "name", "level", "depth", "valid_from", "valid_until"]
    search_fields = ["name", "code"]
    ordering = ["path"]
    inspect_related = [(_("Organisations"), "organisations")]
    form_fields = ["code", "name", "level", "valid_from", "valid_until"]
    # The tree's bookkeeping (depth, path, numchild, search_key, name_sort) is not for people.
    inspect_view_fields = form_fields

    def get_form_class(self, for_update=False):
        return UnitForm


class OrganisationViewSet(ScopedModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "kind", "unit", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    list_export = ["name", "abbreviation", "kind", "unit", "parent", "is_active"]
    search_fields = ["name", "abbreviation"]
    inspect_related = [
        (_("Branches"), "children"),
        (_("Terms"), "terms"),
        (_("Members"), "memberships"),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("abbreviation")]),
            FieldRowPanel([FieldPanel("unit"), FieldPanel("parent")]),
            FieldPanel("is_active"),
        ],
        base_form_class=ScopedModelForm,
    )


class TermViewSet(ScopedModelViewSet):
    model = Term
    icon = "date"
    menu_label = _("Terms")
    list_display = ["organisation", "name", "starts_on", "ends_on", "congress_on"]
    list_filter = ["starts_on"]
    list_export = ["organisation", "name", "starts_on", "ends_on", "congress_on"]
    search_fields = ["name", "organisation__name"]
    edit_handler = ObjectList(
        [
            FieldPanel("organisation"),
            FieldRowPanel([FieldPanel("name"), FieldPanel("congress_on")]),
            FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
            InlinePanel("leaders", label=_("Leaders of the term"), heading=_("Leaders")),
        ],
        base_form_class=ScopedModelForm,
    )


class OrganisationKindViewSet(ModelViewSet):
    """Reference data, the same for every unit: managed by administrators only."""

    model = OrganisationKind
    icon = "tag"
    menu_label = _("Organisation kinds")
    list_display = ["name", "abbreviation", "code", "sort_order", "is_socio_political"]
    form_fields = ["code", "name", "abbreviation", "sort_order", "is_socio_political"]


class UnitChangeViewSet(ModelViewSet):
    """Merges and splits span units: read by staff, written by administrators."""

    model = UnitChange
    icon = "resubmit"
    menu_label = _("Mergers and splits")
    list_display = ["__str__", "kind", "effective_on", "legal_basis"]
    list_filter = ["kind"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("kind"), FieldPanel("effective_on")]),
            FieldPanel("legal_basis"),
            FieldPanel("note"),
            InlinePanel("successions", label=_("Old unit → new unit"), min_num=1),
        ]
    )


class UnitChooserViewSet(ScopedChooserViewSet):
    model = Unit
    icon = "site"
    choose_one_text = _("Choose a unit")
    choose_another_text = _("Choose another unit")
    edit_item_text = _("Edit this unit")
    per_page = 30


unit_chooser_viewset = UnitChooserViewSet("unit_chooser", url_prefix="units/chooser")


@hooks.register("register_admin_viewset")
def register_unit_chooser():
    return unit_chooser_viewset


class UnitsGroup(ViewSetGroup):
    menu_label = _("Units and organisations")
    menu_icon = "site"
    menu_order = 200
    items = (
        UnitViewSet,
        OrganisationViewSet,
        TermViewSet,
        OrganisationKindViewSet,
        UnitChangeViewSet,
    )


@hooks.register("register_admin_viewset")
def register_units_viewsets():
    return UnitsGroup()


register_count(_("administrative units"), Unit, url_name="unit:index")
register_count(_("organisations"), Organisation, url_name="organisation:index")
register_count(_("terms"), Term, url_name="term:index")
