"""The work list's elections, charters and conferences: election steps due within 3 days
or overdue, charter dossiers and recognitions overdue, charter reviews due, and, in
December, neighbourhoods without their community conference. Registered by importing
this module (from admin_elections.py)."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from dvs.accounts import scope
from dvs.accounts.dashboard import WorkItem, register_work

from . import rules
from .actions import charters as charter_actions
from .actions import conferences as conference_actions
from .actions import elections as election_actions
from .models import Charter, CharterReview, HeadElection

DUE_SOON = datetime.timedelta(days=3)
LOOKAHEAD = datetime.timedelta(days=rules.ELECTION_PLAN_DAYS + 3)


def _d(day):
    return day.strftime("%d/%m/%Y")


def election_items(user, limit):
    """The steps not yet done of planned elections, due within 3 days or overdue."""
    today = timezone.localdate()
    elections = (
        scope.scoped(user, HeadElection)
        .filter(status=HeadElection.Status.PLANNED, election_on__isnull=False)
        .filter(election_on__gte=today - datetime.timedelta(days=1))
        .filter(election_on__lte=today + LOOKAHEAD)
        .select_related("unit")
        .order_by("election_on", "pk")
    )
    items = []
    for election in elections:
        for step in election_actions.clock_of(election).steps:
            if step.done_on or step.due_on > today + DUE_SOON:
                continue
            state = "overdue" if step.due_on < today else "due_soon"
            items.append(
                WorkItem(
                    str(election),
                    reverse("headelection:inspect", args=[election.pk]),
                    _("%(step)s due %(date)s") % {"step": step.label, "date": _d(step.due_on)},
                    state,
                )
            )
            if len(items) >= limit:
                return items
    return items


def charter_items(user, limit):
    """Dossiers not sent 5 working days after the vote, recognitions not recorded 5
    working days after the dossier, reviews due within 3 days or overdue."""
    today = timezone.localdate()
    items = []
    charters = scope.scoped(user, Charter).select_related("unit").order_by("pk")
    for charter in charters.filter(status__in=(Charter.Status.ADOPTED, Charter.Status.SUBMITTED)):
        if charter.status == Charter.Status.ADOPTED:
            due, what = charter_actions.dossier_by(charter), _("Recognition dossier")
        else:
            due, what = charter_actions.recognise_by(charter), pgettext("democracy", "Recognition")
        if due and due < today:
            items.append(_charter_item(charter, what, due, "overdue"))
    reviews = (
        scope.scoped(user, CharterReview)
        .filter(done_on__isnull=True, due_on__lte=today + DUE_SOON)
        .select_related("charter")
        .order_by("due_on", "pk")
    )
    for review in reviews[:limit]:
        state = "overdue" if review.due_on < today else "due_soon"
        items.append(_charter_item(review.charter, _("Yearly review"), review.due_on, state))
    return items[:limit]


def _charter_item(charter, what, due, state):
    return WorkItem(
        str(charter),
        reverse("charter:inspect", args=[charter.pk]),
        _("%(step)s due %(date)s") % {"step": what, "date": _d(due)},
        state,
    )


def conference_items(user, limit):
    """In December, the neighbourhoods whose community conference of the year is not
    recorded as held (it is held at year end, Decree 59 Art. 10)."""
    today = timezone.localdate()
    if today.month != 12:
        return []
    neighbourhoods, _wards = conference_actions.tracking(user, today.year)
    url = reverse("democracy_conference_tracking") + f"?year={today.year}"
    return [
        WorkItem(str(row.unit), url, _("No community conference held this year"), "due_soon")
        for row in neighbourhoods
        if not row.held
    ][:limit]


register_work(
    "democracy_elections",
    gettext_lazy("Elections of neighbourhood heads: steps due"),
    election_items,
    all_url=lambda user: reverse("headelection:index"),
    permission="democracy.change_headelection",
    order=80,
)
register_work(
    "democracy_charters",
    gettext_lazy("Village charters: dossiers, recognitions and reviews due"),
    charter_items,
    all_url=lambda user: reverse("democracy_charter_reviews"),
    permission="democracy.change_charter",
    order=81,
)
register_work(
    "democracy_conferences",
    gettext_lazy("Neighbourhoods without a community conference this year"),
    conference_items,
    all_url=lambda user: reverse("democracy_conference_tracking"),
    permission="democracy.change_conference",
    order=82,
)
