from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.models import Permission

from .roles import ALL, ROLE_PERMISSIONS
from .scope import grants


def _all_permission_names():
    return {
        f"{app_label}.{codename}"
        for app_label, codename in Permission.objects.values_list(
            "content_type__app_label", "codename"
        )
    }


class RoleBackend(BaseBackend):
    """Model permissions come from the roles a user holds (roles.ROLE_PERMISSIONS).

    Which rows they reach is decided by scope.scoped(); this backend only answers
    "may this user ever change an Organisation", which Wagtail's menus and views ask.
    """

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_dvs_role_perm_cache"):
            permissions = set()
            for grant in grants(user_obj):
                allowed = ROLE_PERMISSIONS.get(grant.role, set())
                if allowed is ALL:
                    permissions |= _all_permission_names()
                    permissions.add("wagtailadmin.access_admin")
                else:
                    permissions |= allowed
            user_obj._dvs_role_perm_cache = permissions
        return user_obj._dvs_role_perm_cache
