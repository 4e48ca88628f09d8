"""The cases' lines of the home page's work list (dvs.accounts.dashboard): the cases the
user handles with their days left, and the cases waiting for a handler."""

from django.db.models import Case as CaseWhen
from django.db.models import F, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dvs.accounts import scope
from dvs.accounts.dashboard import WorkItem, register_work

from .models import Case, Status


def _with_due(queryset):
    """Open cases by their next deadline (see Case.due), soonest first."""
    return queryset.annotate(
        due_on=CaseWhen(
            When(status=Status.RECEIVED, then=F("accept_by")),
            When(status=Status.ACCEPTED, then=Coalesce(F("missed_deadline"), F("resolve_by"))),
        )
    ).order_by(F("due_on").asc(nulls_last=True), "received_on", "pk")


def my_cases(user):
    """Open cases in the user's scope that the user handles."""
    return _with_due(scope.scoped(user, Case).open().filter(handler=user))


def waiting_for_handler(user):
    """Received cases the user may handle that nobody handles yet."""
    return _with_due(
        scope.scoped(user, Case, "handle").filter(status=Status.RECEIVED, handler__isnull=True)
    )


def due_note(case):
    """("…working days left" or "…overdue", state) of an open case."""
    state = case.due_state
    if state is None:
        return case.get_status_display(), ""
    kind, days = state
    if kind == "overdue":
        text = ngettext("%(days)s working day overdue", "%(days)s working days overdue", days) % {
            "days": days
        }
    else:
        text = ngettext("%(days)s working day left", "%(days)s working days left", days) % {
            "days": days
        }
    return f"{case.get_status_display()} · {case.due:%d/%m/%Y} · {text}", kind


def _items(queryset, limit):
    items = []
    for case in queryset.select_related("subject_area")[:limit]:
        note, state = due_note(case)
        title = f"{case.code} — {case.get_kind_display()}"
        if case.subject_area:
            title += f" ({case.subject_area})"
        items.append(WorkItem(title, reverse("case:inspect", args=[case.pk]), note, state))
    return items


register_work(
    "my_cases",
    _("Cases I handle"),
    lambda user, limit: _items(my_cases(user), limit),
    all_url=lambda user: reverse("case:index") + "?handler=me",
    permission="cases.view_case",
    order=10,
)
register_work(
    "cases_to_assign",
    _("Cases waiting for a handler"),
    lambda user, limit: _items(waiting_for_handler(user), limit),
    all_url=lambda user: reverse("case:index") + "?status=received&handler=none",
    permission="cases.handle_case",
    order=11,
)
