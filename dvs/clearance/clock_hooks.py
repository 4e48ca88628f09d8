"""Admin screens of the clearance clocks (issue 14): the calculator page "Tính thời hạn
GPMB" and the work list's "dialogues to hold". Registered by importing this module from
wagtail_hooks.py."""

import datetime

from django.db.models import Exists, OuterRef, Subquery
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

from dvs.accounts.dashboard import register_work
from dvs.accounts.viewsets import register_screens

from . import clock_views

DUE_SOON = datetime.timedelta(days=7)


@hooks.register("register_admin_urls")
def register_clock_urls():
    return [path("clearance/timeline/", clock_views.timeline, name="clearance_timeline")]


register_screens(
    "register_clearance_menu_item",
    [(gettext_lazy("Clearance deadlines"), "clearance_timeline", "time", clock_views.PERMISSION)],
    start=20,
)


def dialogues_due(user):
    """The parties of `user`'s scope whose latest opinion meeting had someone disagreeing
    and no dialogue since, with that meeting's date and tally; oldest meeting first."""
    from dvs.accounts import scope

    from .models import AffectedParty, Milestone, MilestoneKind

    meetings = Milestone.objects.filter(
        party=OuterRef("pk"), kind=MilestoneKind.OPINION_MEETING, not_applicable=False
    ).order_by("-on", "-pk")
    dialogues = Milestone.objects.filter(
        party=OuterRef("pk"),
        kind=MilestoneKind.DIALOGUE,
        not_applicable=False,
        on__gte=OuterRef("meeting_on"),
    )
    return (
        scope.scoped(user, AffectedParty)
        .annotate(
            meeting_on=Subquery(meetings.values("on")[:1]),
            meeting_disagree=Subquery(meetings.values("disagree")[:1]),
        )
        .filter(meeting_disagree__gt=0)
        .exclude(Exists(dialogues))
        .select_related("project__rule_set", "segment__ward")
        .order_by("meeting_on", "pk")
    )


def _party_url(party):
    # The party's page belongs to the screens of part "doors" (affectedparty:inspect).
    try:
        return reverse("affectedparty:inspect", args=[party.pk])
    except NoReverseMatch:
        return ""


def dialogue_due_on(party, meeting_on, disagree):
    from . import clocks, rules
    from .models import MilestoneKind

    steps = clocks._steps(party.segment_id, party)
    notice = clocks._latest(steps, MilestoneKind.NOTICE, own_first_of=party)
    rule_set = clocks.rule_set_for(notice.on if notice else meeting_on, party.project)
    return rules.dialogue_due(rule_set, meeting_on, disagree, clocks.is_day_off)


def _dialogue_items(user, limit):
    from dvs.accounts.dashboard import WorkItem

    from .rules import dmy

    today = timezone.localdate()
    items = []
    for party in dialogues_due(user)[:limit]:
        due = dialogue_due_on(party, party.meeting_on, party.meeting_disagree)
        state = "overdue" if due < today else "due_soon" if due - today <= DUE_SOON else ""
        note = _("Due by %(on)s · %(ward)s · %(count)s disagreeing") % {
            "on": dmy(due),
            "ward": party.segment.ward.name,
            "count": party.meeting_disagree,
        }
        items.append(WorkItem(party.name, _party_url(party), note, state))
    return items


register_work(
    "clearance_dialogues_due",
    gettext_lazy("Dialogues to hold"),
    _dialogue_items,
    permission="clearance.view_affectedparty",
    order=70,
)
