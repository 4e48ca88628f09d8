"""The portal's line of the work list (dvs.accounts.dashboard): pages and drafts waiting
for this user's approval in the moderation workflow. The home page shows them in
Wagtail's own "Awaiting your review" panel; `manage.py work_list` prints them too."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, TaskState

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


register_work(
    "pages_to_approve",
    _("Portal pages waiting for your approval"),
    _items,
    all_url=lambda user: reverse("wagtailadmin_home"),
    order=50,
    on_home=False,  # Wagtail's "Awaiting your review" panel shows them
)
