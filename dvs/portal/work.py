"""The portal's lines of the work list (dvs.accounts.dashboard): an editor's drafts not
yet sent for approval, and the pages waiting for this user's approval in the moderation
workflow (the home page shows those in Wagtail's own "Awaiting your review" panel, and an
editor's pages in review in Wagtail's "Your pages in a workflow"; `manage.py work_list`
prints them too)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, TaskState, WorkflowState

from dvs.accounts.dashboard import WorkItem, register_work


def awaiting_review(user):
    if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
        return TaskState.objects.none()
    return (
        TaskState.objects.reviewable_by(user)
        .select_related("revision", "workflow_state")
        .order_by("started_at", "pk")
    )


def _items(user, limit):
    items = []
    for state in awaiting_review(user)[: limit * 2]:
        obj = state.revision.content_object if state.revision else None
        if obj is None:
            continue
        if isinstance(obj, Page):
            url = reverse("wagtailadmin_pages:edit", args=[obj.pk])
        else:
            continue
        started = timezone.localtime(state.started_at)
        note = _("sent for approval on %(date)s") % {"date": f"{started:%d/%m/%Y}"}
        items.append(WorkItem(obj.get_admin_display_title(), url, note))
        if len(items) >= limit:
            break
    return items


def my_drafts(user):
    """Pages the user owns that were never published and are not in a workflow."""
    from .models import ArticlePage

    # Pages in moderation are few; their ids are text in WorkflowState (any model).
    in_workflow = WorkflowState.objects.active().filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    in_workflow = [int(pk) for pk in in_workflow.values_list("object_id", flat=True)]
    return (
        ArticlePage.objects.filter(owner=user, live=False, first_published_at__isnull=True)
        .exclude(pk__in=in_workflow)
        .order_by("-latest_revision_created_at", "-pk")
    )


def _draft_items(user, limit):
    items = []
    for page in my_drafts(user)[:limit]:
        changed = page.latest_revision_created_at
        note = (
            _("draft, last saved on %(date)s") % {"date": f"{timezone.localtime(changed):%d/%m/%Y}"}
            if changed
            else _("draft")
        )
        items.append(
            WorkItem(
                page.get_admin_display_title(),
                reverse("wagtailadmin_pages:edit", args=[page.pk]),
                note,
            )
        )
    return items


register_work(
    "my_drafts",
    _("Your drafts not yet sent for approval"),
    _draft_items,
    all_url=lambda user: reverse("wagtailadmin_home"),
    permission="wagtailadmin.access_admin",
    order=49,
)
register_work(
    "pages_to_approve",
    _("Portal pages waiting for your approval"),
    _items,
    all_url=lambda user: reverse("wagtailadmin_home"),
    order=50,
    on_home=False,  # Wagtail's "Awaiting your review" panel shows them
)
