"""The back office of religious figures: follower counts (a ward's aggregate per religion,
with its source and date) and the figures page "Số liệu tôn giáo" (views_figures.py).
Every list goes through the scope door; every write through actions/figures.py."""

from django.db.models import Case, CharField, Q, Value, When
from django.db.models.functions import Cast
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_filters import ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.ui.tables import Column

from dvs.accounts import scope
from dvs.accounts.viewsets import (
    READING,
    ActionViewSet,
    ScopedIndexView,
    ScopedInspectView,
    UnitFilterSet,
    register_screens,
)

from . import stats, views_figures
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


# A count is one cell of the figures (a ward × a religion): its list, export and page show
# a small count as "<5" too, except to those who keep it (may change it) and the Board.


def _exact_rows(user):
    """The counts `user` reads exactly: those they may change, and those under a grant
    seeing exact figures (stats.sees_exact)."""
    if user.is_superuser:
        return Q(pk__isnull=False)
    condition = Q(pk__in=scope.scoped(user, FollowerCount, "change").values("pk"))
    for grant in scope.grants(user):
        if not grant.organisation_id and scope.role_allows(grant.role, stats.EXACT_PERMISSION):
            condition |= Q(unit__path__startswith=grant.unit_path)
    return condition


def with_published_count(queryset, user):
    threshold = stats.threshold_setting()
    exact = Cast("count", output_field=CharField())
    return queryset.annotate(
        published_count=Case(
            When(_exact_rows(user), then=exact),
            When(count__gte=1, count__lt=threshold, then=Value(f"<{threshold}")),
            default=exact,
            output_field=CharField(),
        )
    )


class FollowerCountIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return with_published_count(super().get_base_queryset(), self.request.user)


class FollowerCountInspectView(ScopedInspectView):
    def get_count_display_value(self):
        queryset = FollowerCount.objects.filter(pk=self.object.pk)
        return with_published_count(queryset, self.request.user).get().published_count


class FollowerCountViewSet(ActionViewSet):
    model = FollowerCount
    icon = "group"
    menu_label = _("Follower counts")
    form_class = FollowerCountForm
    index_view_class = FollowerCountIndexView
    inspect_view_class = FollowerCountInspectView
    delete_function = staticmethod(actions.delete_follower_count)
    filterset_class = FollowerCountFilterSet
    search_fields = ["source"]
    list_display = [
        Column("religion", label=_("Religion"), accessor="religion"),
        "unit",
        Column("published_count", label=_("followers"), accessor="published_count"),
        "as_of",
        "source",
    ]
    list_export = ["unit", "religion", "published_count", "as_of", "source"]
    export_headings = {"published_count": _("followers")}
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
