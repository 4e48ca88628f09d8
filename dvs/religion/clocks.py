"""The filing clocks read from the database: the rule set in force on the day a filing
was received and the days off of the platform's calendar. The arithmetic is `rules.py`.

A filing's clock is stored on its row (`refresh`), so that overdue lists are one query;
entering or changing a rule set recomputes the filings it covers (`refresh_covered`).
"""

import datetime

from django.db.models import Q

from dvs.workdays import calendar, lunar

from . import rules
from .models import Filing, RuleSet


def is_day_off(day):
    try:
        return not calendar.is_working_day(day)
    except ValueError:  # outside the calendar's years: weekends only
        return day.weekday() >= 5


def rule_set_on(day):
    """The rule set in force on `day`, or None when none covers it."""
    return (
        RuleSet.objects.filter(effective_from__lte=day)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day))
        .order_by("-effective_from")
        .first()
    )


def check(kind, received_on, **dates):
    """The clock of a filing from its dates (the calculator and the API's check)."""
    return rules.check(rule_set_on(received_on), kind, received_on, is_day_off=is_day_off, **dates)


def clock_of(filing):
    return check(
        filing.kind,
        filing.received_on,
        complete=filing.complete,
        complete_on=filing.complete_on,
        activity_on=filing.activity_on,
        festival_end_on=filing.festival_end_on,
        recognised_on=filing.recognised_on,
    )


def refresh(filing, save=True):
    """Recompute and store a filing's clock; returns the Clock (with its warnings)."""
    clock = clock_of(filing)
    filing.rule_set = (
        RuleSet.objects.filter(code=clock.rule_set).first() if clock.rule_set else None
    )
    filing.on_time = clock.on_time
    filing.reply_due_on = clock.reply_due_on
    filing.report_due_on = clock.report_due_on
    if save and filing.pk:
        Filing.objects.filter(pk=filing.pk).update(
            rule_set=filing.rule_set,
            on_time=filing.on_time,
            reply_due_on=filing.reply_due_on,
            report_due_on=filing.report_due_on,
        )
    return clock


def refresh_covered(rule_set):
    """Recompute the filings received in `rule_set`'s period or still without a rule set
    (after an administrator enters or changes one)."""
    covered = Filing.objects.filter(received_on__gte=rule_set.effective_from)
    if rule_set.effective_to:
        covered = covered.filter(received_on__lte=rule_set.effective_to)
    stale = Filing.objects.filter(Q(pk__in=covered.values("pk")) | Q(rule_set=rule_set))
    count = 0
    for filing in stale.iterator():
        refresh(filing)
        count += 1
    return count


def festival_dates(festival, year):
    """(first day, last day, notice due) of `festival` in `year` (a lunar year for a
    lunar festival), or None when the date does not exist that year.

    The notice is governed by the rule set in force on the day it is due (a festival of
    early January 2027 is noticed in December 2026, under the 2016 law): the due date is
    `first − lead` for the rule set that covers that day; None when none does."""
    try:
        if festival.lunar:
            first = lunar.festival_day(festival.day, festival.month, year, festival.leap_month)
        else:
            first = datetime.date(year, festival.month, festival.day)
    except ValueError:
        return None
    last = first + datetime.timedelta(days=festival.duration_days - 1)
    return first, last, notice_due(first)


def notice_due(first):
    """The last day a festival starting on `first` may be noticed, or None."""
    for rule_set in RuleSet.objects.filter(effective_from__lte=first).order_by("-effective_from"):
        due = first - datetime.timedelta(days=rule_set.festival_notice_lead_days)
        covers_to = rule_set.effective_to or datetime.date.max
        if rule_set.effective_from <= due <= covers_to:
            return due
    return None
