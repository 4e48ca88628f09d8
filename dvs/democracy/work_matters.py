"""The work list's matters: decisions not sent to the ward by their due date (Art. 20(3),
5 working days after the meeting or the ballot's end), and decisions the ward received
and has not recognised by theirs (Art. 21(2)). Registered by importing this module (from
admin_matters.py); the list's "overdue" filter uses the same two querysets."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dvs.accounts import scope
from dvs.accounts.dashboard import WorkItem, register_work

from .models import Item, Matter

PERMISSION = "democracy.view_matter"
RECOGNISED_ITEMS = (Item.CHARTER, Item.HEAD, Item.BOARDS)


def not_sent(queryset, today):
    """Decided, not sent, past the due date (stored by the tallies part, send_by)."""
    return queryset.filter(status=Matter.Status.DECIDED, sent_on__isnull=True, send_by__lt=today)


def not_recognised(queryset, today):
    """Received by the ward, neither recognised nor refused, past the due date."""
    return queryset.filter(
        Q(status=Matter.Status.SENT),
        item__in=RECOGNISED_ITEMS,
        received_on__isnull=False,
        recognised_on__isnull=True,
        recognise_by__lt=today,
    )


def _dmy(day):
    return day.strftime("%d/%m/%Y")


def _items(matters, due_of, limit):
    today = timezone.localdate()
    return [
        WorkItem(
            str(matter),
            reverse("democracy_matter:inspect", args=[matter.pk]),
            _("Due %(date)s · %(unit)s · overdue by %(days)s days")
            % {
                "date": _dmy(due_of(matter)),
                "unit": matter.unit.name,
                "days": (today - due_of(matter)).days,
            },
            "overdue",
        )
        for matter in matters[:limit]
    ]


def not_sent_items(user, limit):
    matters = not_sent(scope.scoped(user, Matter), timezone.localdate())
    return _items(
        matters.select_related("unit").order_by("send_by", "pk"), lambda m: m.send_by, limit
    )


def not_recognised_items(user, limit):
    matters = not_recognised(scope.scoped(user, Matter), timezone.localdate())
    return _items(
        matters.select_related("unit").order_by("recognise_by", "pk"),
        lambda m: m.recognise_by,
        limit,
    )


register_work(
    "democracy_matters_not_sent",
    gettext_lazy("Decisions of residents not sent to the ward on time"),
    not_sent_items,
    all_url=lambda user: reverse("democracy_matter:index") + "?late=send_overdue",
    permission=PERMISSION,
    order=80,
)
register_work(
    "democracy_matters_not_recognised",
    gettext_lazy("Decisions of residents not recognised on time"),
    not_recognised_items,
    all_url=lambda user: reverse("democracy_matter:index") + "?late=recognition_overdue",
    permission="democracy.recognise_matter",
    order=81,
)
