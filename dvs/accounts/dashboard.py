"""Counts shown on the back-office home page, each scoped to the user.

Each app adds its own lines with `register_count(label, model)`; the core never imports
domain apps.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from dvs.lib.paging import capped_count

from . import scope

_COUNTS = []


def register_count(label, model, *, url_name=None):
    _COUNTS.append((label, model, url_name))


class ScopePanel(Component):
    name = "dvs_scope"
    order = 10
    template_name = "accounts/scope_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        from django.urls import NoReverseMatch, reverse

        counts = []
        for label, model, url_name in _COUNTS:
            if not self.user.has_perm(scope.permission_name(model, "view")):
                continue
            try:
                url = reverse(url_name) if url_name else None
            except NoReverseMatch:
                url = None
            count, capped = capped_count(scope.scoped(self.user, model))
            counts.append((label, count, capped, url))
        return {
            "top_units": scope.top_units(self.user),
            "roles": scope.roles_of(self.user),
            "counts": counts,
            "heading": _("Your scope"),
        }
