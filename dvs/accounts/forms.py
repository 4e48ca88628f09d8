from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.users import forms as wagtail_user_forms

from dvs.lib import throttle
from dvs.lib.net import client_ip

from . import scope
from .models import RoleAssignment
from .roles import ALL, ROLE_PERMISSIONS
from .viewsets import ScopedModelForm

THROTTLED = _("Too many failed sign-in attempts. Please try again in %(minutes)d minutes.")


class LoginForm(WagtailLoginForm):
    """Wagtail's sign-in form, refusing further tries after repeated failures.

    Two counters in the database (dvs.lib.throttle), so every worker shares them and a
    restart keeps them: the pair (username, address) is locked after LOGIN_FAILURE_LIMIT
    failures, even with the right password; the address alone only after the much higher
    LOGIN_ADDRESS_FAILURE_LIMIT, so colleagues behind one office NAT still sign in while
    one of them is locked. Each try is counted before the password is checked, so
    parallel tries cannot check more passwords than the limit.
    """

    error_messages = {
        **WagtailLoginForm.error_messages,
        "invalid_login": _("Wrong username or password."),
        "inactive": _("This account is disabled."),
    }

    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip().lower()
        if not username or not self.cleaned_data.get("password"):
            return super().clean()
        address = client_ip(self.request) if self.request else ""
        pair, place = f"login:pair:{address}:{username}", f"login:addr:{address}"
        window = settings.LOGIN_FAILURE_WINDOW
        if (
            throttle.hit(pair, window=window) > settings.LOGIN_FAILURE_LIMIT
            or throttle.hit(place, window=window) > settings.LOGIN_ADDRESS_FAILURE_LIMIT
        ):
            raise forms.ValidationError(
                THROTTLED, code="throttled", params={"minutes": max(1, window // 60)}
            )
        cleaned = super().clean()  # a failure keeps the try counted
        throttle.reset(pair)
        throttle.give_back(place)
        return cleaned


class RoleAssignmentForm(ScopedModelForm):
    """An assigner may only grant, inside their own scope, roles no wider than their own."""

    class Meta:
        model = RoleAssignment
        fields = ["user", "role", "unit", "organisation", "starts_on", "ends_on"]

    def clean(self):
        cleaned = super().clean()
        unit, role = cleaned.get("unit"), cleaned.get("role")
        assigner = self.for_user
        if not unit or not role or assigner is None or assigner.is_superuser:
            return cleaned
        if not _covers(assigner, unit, role):
            raise forms.ValidationError(
                {"role": _("You cannot assign a role with wider permissions than your own.")}
            )
        return cleaned


def _covers(assigner, unit, role):
    wanted = ROLE_PERMISSIONS.get(role, set())
    held = set()
    for grant in scope.grants(assigner):
        if unit.path.startswith(grant.unit_path):
            allowed = ROLE_PERMISSIONS.get(grant.role, set())
            if allowed is ALL:
                return True
            held |= allowed
    return wanted is not ALL and set(wanted) <= held


class UserCreationForm(wagtail_user_forms.UserCreationForm):
    class Meta(wagtail_user_forms.UserCreationForm.Meta):
        fields = wagtail_user_forms.UserCreationForm.Meta.fields | {
            "full_name",
            "position",
            "phone",
        }


class UserEditForm(wagtail_user_forms.UserEditForm):
    class Meta(wagtail_user_forms.UserEditForm.Meta):
        fields = wagtail_user_forms.UserEditForm.Meta.fields | {"full_name", "position", "phone"}
