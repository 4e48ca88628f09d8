"""The panel on the back-office home: the user's overdue and due-soon assignments."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from dvs.accounts import scope

from .models import DUE_SOON_DAYS, TaskAssignment, TaskStatus

SHOWN = 10


def urgent_assignments(user, on=None):
    """Assignments in the user's scope, not done, past due or due within a week."""
    on = on or timezone.localdate()
    return (
        scope.scoped(user, TaskAssignment)
        .exclude(status=TaskStatus.DONE)
        .filter(task__deadline__lte=on + datetime.timedelta(days=DUE_SOON_DAYS))
        .select_related("task", "unit", "organisation")
        .order_by("task__deadline", "task__title", "pk")
    )


class DeadlinesPanel(Component):
    name = "dvs_planning_deadlines"
    order = 20
    template_name = "planning/deadlines_panel.html"

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None):
        if not self.user.has_perm("planning.view_taskassignment"):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        rows = list(urgent_assignments(self.user, today)[: SHOWN + 1])
        return {
            "heading": _("Tasks overdue or due soon"),
            "overdue": [a for a in rows[:SHOWN] if a.task.deadline < today],
            "due_soon": [a for a in rows[:SHOWN] if a.task.deadline >= today],
            "more": len(rows) > SHOWN,
            "today": today,
            "can_record": self.user.has_perm("planning.record_progress_taskassignment"),
        }


def _task_items(user, limit):
    from django.urls import reverse

    from dvs.accounts.dashboard import WorkItem

    today = timezone.localdate()
    items = []
    for a in urgent_assignments(user, today)[:limit]:
        late = a.task.deadline < today
        note = f"{a.assignee} · {a.task.deadline:%d/%m/%Y} · " + str(
            _("overdue") if late else _("due soon")
        )
        url = reverse("task:inspect", args=[a.task_id])
        items.append(WorkItem(a.task.title, url, note, "overdue" if late else "due_soon"))
    return items


def _register_work():
    from django.urls import reverse

    from dvs.accounts.dashboard import register_work

    # The home page shows these in DeadlinesPanel (with "record progress" links).
    register_work(
        "tasks",
        _("Tasks overdue or due soon"),
        _task_items,
        all_url=lambda user: reverse("assignment:index") + "?overdue=true",
        permission="planning.view_taskassignment",
        order=30,
        on_home=False,
    )


_register_work()
