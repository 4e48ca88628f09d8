"""The back office of religious figures: follower counts (a ward's aggregate per religion,
with its source and date) and the figures page "Số liệu tôn giáo" (views_figures.py).
Every list goes through the scope door; every write through actions/figures.py."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_filters import ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.ui.tables import Column

from dvs.accounts.viewsets import (
    READING,
    ActionViewSet,
    ScopedDeleteView,
    UnitFilterSet,
    register_screens,
)

from . import views_figures
from .actions import figures as actions
from .forms_figures import FollowerCountForm
from .models import FollowerCount, Religion

MENU_HOOK = "register_religion_menu_item"  # wagtail_hooks.MENU_HOOK (it imports this module)


class FollowerCountFilterSet(UnitFilterSet):
    unit_depth = 3
    religion = ModelChoiceFilter(label=_("Religion"), queryset=Religion.objects.all())

    class Meta:
        model = FollowerCount
        fields = []


class FollowerCountDeleteView(ScopedDeleteView):
    def delete_action(self):
        actions.delete_follower_count(self.object, by=self.request.user)


class FollowerCountViewSet(ActionViewSet):
    model = FollowerCount
    icon = "group"
    menu_label = _("Follower counts")
    form_class = FollowerCountForm
    delete_view_class = FollowerCountDeleteView
    filterset_class = FollowerCountFilterSet
    search_fields = ["source"]
    list_display = [
        Column("religion", label=_("Religion"), accessor="religion"),
        "unit",
        "count",
        "as_of",
        "source",
    ]
    list_export = ["unit", "religion", "count", "as_of", "source"]
    inspect_view_fields = ["unit", "religion", "count", "as_of", "source", "created_by"]

    def get_queryset(self, request):
        return FollowerCount.objects.select_related("unit", "religion")


VIEWSETS = (FollowerCountViewSet,)


@hooks.register("register_admin_urls")
def register_figures_urls():
    return [path("religion/figures/", views_figures.figures, name="religion_figures")]


register_screens(
    MENU_HOOK,
    [(_("Religious figures"), "religion_figures", "table", views_figures.PERMISSION, READING)],
    start=410,
)
