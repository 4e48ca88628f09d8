"""The work list's grassroots democracy (consultations and disclosures): consultations
whose closing date has passed without a synthesis, and disclosures late or missing their
loudspeaker days. Registered by importing this module (from admin_consultations.py)."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dvs.accounts import scope
from dvs.accounts.dashboard import WorkItem, register_work

from . import rules
from .actions import disclosures as disclosure_actions
from .models import Consultation, Disclosure


def _dmy(day):
    return f"{day:%d/%m/%Y}" if day else "—"


def unsynthesised(user):
    """Open consultations past their closing date, and closed ones without a published
    result: the synthesis is due."""
    today = timezone.localdate()
    return (
        scope.scoped(user, Consultation)
        .filter(status__in=(Consultation.Status.OPEN, Consultation.Status.CLOSED))
        .filter(closes_on__lt=today)
        .select_related("unit")
        .order_by("closes_on", "pk")
    )


def consultation_items(user, limit):
    return [
        WorkItem(
            str(c),
            reverse("democracy_consultation:inspect", args=[c.pk]),
            _("Closed on %(date)s · %(unit)s · synthesis not published")
            % {"date": _dmy(c.closes_on), "unit": c.unit.name},
            "overdue",
        )
        for c in unsynthesised(user)[:limit]
    ]


def flagged_disclosures(user):
    """Disclosures late, or of items 7–12 without 3 consecutive loudspeaker days."""
    today = timezone.localdate()
    queryset = scope.scoped(user, Disclosure).select_related("unit")
    late = queryset.filter(disclosure_actions.late_filter(today))
    loud = (
        queryset.filter(item__in=rules.LOUDSPEAKER_ITEMS)
        .annotate(days=Count("loudspeaker_days"))
        .prefetch_related("loudspeaker_days")
    )
    missing = [d.pk for d in loud if disclosure_actions.loudspeaker_missing(d)]
    return (queryset.filter(pk__in=late.values("pk")) | queryset.filter(pk__in=missing)).order_by(
        "disclose_by", "pk"
    )


def disclosure_items(user, limit):
    rows = flagged_disclosures(user).prefetch_related("loudspeaker_days")[:limit]
    return [
        WorkItem(
            str(d),
            reverse("democracy_disclosure:inspect", args=[d.pk]),
            " ".join(text for _key, text in disclosure_actions.flags(d)) + f" · {d.unit.name}",
            "overdue",
        )
        for d in rows
    ]


register_work(
    "democracy_consultations_unsynthesised",
    gettext_lazy("Consultations closed without a published synthesis"),
    consultation_items,
    all_url=lambda user: reverse("democracy_consultation:index"),
    permission="democracy.change_consultation",
    order=80,
)
register_work(
    "democracy_disclosures_flagged",
    gettext_lazy("Disclosures late or missing loudspeaker days"),
    disclosure_items,
    all_url=lambda user: reverse("democracy_disclosure:index") + "?late=true",
    permission="democracy.change_disclosure",
    order=81,
)
