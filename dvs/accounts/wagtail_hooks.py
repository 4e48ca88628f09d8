from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column

from . import otp, scope
from .dashboard import ScopePanel, WorkListPanel
from .forms import RoleAssignmentForm
from .models import AuditEntry, RoleAssignment
from .viewsets import ScopedModelViewSet


class RoleAssignmentViewSet(ScopedModelViewSet):
    model = RoleAssignment
    icon = "key"
    menu_label = _("Role assignments")
    menu_order = 900
    add_to_admin_menu = True
    list_display = [
        "user",
        Column("role", label=_("role"), accessor="get_role_display"),
        "unit",
        "organisation",
        "starts_on",
        "ends_on",
    ]
    list_filter = ["role"]
    list_export = ["user", "role", "unit", "organisation", "starts_on", "ends_on"]
    search_fields = ["user__username", "user__full_name", "unit__name"]

    def get_form_class(self, for_update=False):
        return RoleAssignmentForm


@hooks.register("register_admin_viewset")
def register_role_assignments():
    return RoleAssignmentViewSet()


@hooks.register("register_log_actions")
def register_audit_log(actions):
    """Every scoped model's history goes to AuditEntry, which knows the unit it belongs to."""
    for model in scope.registered_models():
        actions.register_model(model, AuditEntry)
    actions.register_action(
        "dvs.reveal", _("View protected data"), _("Viewed protected personal data")
    )
    actions.register_action("dvs.merge", _("Merge records"), _("Merged a duplicate record"))
    actions.register_action(
        "dvs.export_sensitive", _("Export protected data"), _("Exported protected personal data")
    )


@hooks.register("construct_homepage_panels")
def add_scope_panel(request, panels):
    panels.insert(0, ScopePanel(request.user))
    panels.insert(0, WorkListPanel(request.user))


@hooks.register("register_admin_urls")
def register_otp_urls():
    return [path("otp/", otp.verify, name="dvs_otp_verify")]


@hooks.register("register_account_menu_item")
def register_otp_menu_item(request):
    return {
        "url": reverse("dvs_otp_verify"),
        "label": _("Two-factor authentication"),
        "help_text": _("Turn on or check codes from an authenticator app on your phone."),
    }
