"""Counts shown on the back-office home page, each scoped to the user.

Each app adds its own lines with `register_count(label, model)`; the core never imports
domain apps.
"""

from collections.abc import Callable
from dataclasses import dataclass

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

        from .viewsets import may_use_model

        counts = []
        for label, model, url_name in _COUNTS:
            # The lines of the lists the user's menu offers (see viewsets.may_use).
            if not self.user.has_perm(scope.permission_name(model, "view")):
                continue
            if not may_use_model(self.user, model):
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


# The work list: what waits for this user, each item a link to the action ---------------
#
# Each app registers its sources with `register_work`; a source is a function
# `rows(user, limit)` returning at most `limit` WorkItems in the user's scope (most urgent
# first), with the label of its section, the link to the whole list and the permission
# that makes it relevant. The home page shows the sections that have items; `manage.py
# work_list <username>` prints the same.

SHOWN = 10


@dataclass(frozen=True)
class WorkItem:
    title: str
    url: str
    note: str = ""
    state: str = ""  # "overdue", "due_soon" or "": the colour of the note


@dataclass(frozen=True)
class WorkSource:
    key: str
    label: object
    rows: Callable
    all_url: Callable | None = None  # user -> URL of the whole list, or None
    permission: str | None = None
    order: int = 100
    on_home: bool = True  # False: the home page shows it in a panel of its own


_WORK = {}


def register_work(key, label, rows, *, all_url=None, permission=None, order=100, on_home=True):
    _WORK[key] = WorkSource(key, label, rows, all_url, permission, order, on_home)


@dataclass
class WorkSection:
    source: WorkSource
    items: list
    more: bool
    all_url: str | None

    @property
    def label(self):
        return self.source.label


def work_list(user, limit=SHOWN, *, home=False):
    """The sections of `user`'s work list that have items, in order; each holds at most
    `limit` items and says whether there are more. home: only those the work list panel
    shows (not those with a panel of their own)."""
    from wagtail.hooks import search_for_hooks

    search_for_hooks()  # the apps register their sources in their wagtail_hooks
    sections = []
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return sections
    for source in sorted(_WORK.values(), key=lambda s: (s.order, s.key)):
        if home and not source.on_home:
            continue
        if source.permission and not user.has_perm(source.permission):
            continue
        items = list(source.rows(user, limit + 1))
        if not items:
            continue
        sections.append(
            WorkSection(
                source,
                items[:limit],
                len(items) > limit,
                source.all_url(user) if source.all_url else None,
            )
        )
    return sections


class WorkListPanel(Component):
    name = "dvs_work_list"
    order = 5
    template_name = "accounts/work_list_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"sections": work_list(self.user, home=True), "heading": _("Your work")}
