"""The work list's religious affairs: the filings of the user's units past their reply
date, and those due within three days. Registered by importing this module (from
admin_filings.py). The notes name the filing's kind, ward and date, never a person's
religion."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dvs.accounts import scope
from dvs.accounts.dashboard import WorkItem, register_work

from .models import Filing
from .rules import dmy

DUE_SOON = datetime.timedelta(days=3)
PERMISSION = "religion.view_filing"


def _unanswered(user):
    return (
        scope.scoped(user, Filing)
        .unanswered()
        .select_related("unit")
        .order_by("reply_due_on", "pk")
    )


def _item(filing, note, state):
    return WorkItem(str(filing), reverse("filing:inspect", args=[filing.pk]), note, state)


def overdue_items(user, limit):
    today = timezone.localdate()
    return [
        _item(
            filing,
            _("Due %(date)s · %(ward)s · overdue by %(days)s days")
            % {
                "date": dmy(filing.reply_due_on),
                "ward": filing.unit.name,
                "days": (today - filing.reply_due_on).days,
            },
            "overdue",
        )
        for filing in _unanswered(user).filter(reply_due_on__lt=today)[:limit]
    ]


def due_soon_items(user, limit):
    today = timezone.localdate()
    return [
        _item(
            filing,
            _("Due %(date)s · %(ward)s")
            % {"date": dmy(filing.reply_due_on), "ward": filing.unit.name},
            "due_soon",
        )
        for filing in _unanswered(user).filter(
            reply_due_on__gte=today, reply_due_on__lte=today + DUE_SOON
        )[:limit]
    ]


register_work(
    "religion_filings_overdue",
    gettext_lazy("Religious affairs filings overdue for an answer"),
    overdue_items,
    all_url=lambda user: reverse("religion_filings_overdue"),
    permission=PERMISSION,
    order=72,
)
register_work(
    "religion_filings_due_soon",
    gettext_lazy("Religious affairs filings due within 3 days"),
    due_soon_items,
    all_url=lambda user: reverse("filing:index") + "?state=due_soon",
    permission=PERMISSION,
    order=73,
)
