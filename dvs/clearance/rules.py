"""The arithmetic of the legal clocks of land clearance, without the database.

A rule set is any object with the number fields of `clearance.RuleSet` (a model row, or
`Rules` below in tests). The days off and the Tết breaks are passed in (`is_day_off`, a
callable on a date; `tet_breaks`, a list of (first, last) dates), so that the rules can be
checked without a calendar; `clocks.py` passes the platform's calendar.

Conventions (docs/clearance-clocks.md):
* a period of N days starts the day after its event (Civil Code 2015 art. 147), so it
  ends on `event + N`;
* a deadline that falls on a day off moves to the next working day (art. 148(5)): the
  dialogue due date and the payment due date roll; a minimum (the notice before the
  recovery decision, the posting before the opinion meeting, a persuasion window) does
  not, since it says "not before", not "by";
* a minimum notice holds when `decision − notice ≥ N` days.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

AGRICULTURAL = "agricultural"
NON_AGRICULTURAL = "non_agricultural"

# Land Law art. 89(1)(b) forbids enforcement from 22:00 to 06:00. An enforcement is an
# operation of hours: one begun after LATEST_START would run into the night, so it is
# refused too (our reading, M: acceptance 7 refuses a start at 21:30).
NIGHT_FROM = datetime.time(22, 0)
DAY_FROM = datetime.time(6, 0)
LATEST_START = datetime.time(21, 0)


@dataclass(frozen=True)
class Rules:
    """The numbers of a rule set, for tests and for callers without a database row."""

    code: str
    notice_days_agricultural: int
    notice_days_non_agricultural: int
    posting_days: int
    dialogue_days: int
    notice_valid_months: int = 12
    inventory_persuasion_days: int = 15
    inventory_wait_days: int = 10
    recovery_persuasion_days: int = 10
    recovery_wait_days: int = 10
    handover_persuasion_days: int = 10
    handover_wait_days: int = 10
    payment_days: int = 30
    tet_blackout_days: int = 15


# The two rule sets as migration 0002 enters them (the rows are the reference; these are
# for tests and documentation).
LDD2024 = Rules("LDD2024", 90, 180, posting_days=30, dialogue_days=60)
NQ254 = Rules("NQ254", 60, 120, posting_days=10, dialogue_days=30)


def dmy(day):
    return f"{day:%d/%m/%Y}"


def never_off(day):
    return False


def end_of_period(event, days):
    """The last day of a period of `days` days counted from the day after `event`."""
    return event + datetime.timedelta(days=days)


def roll(day, is_day_off):
    """`day`, or the next working day when it is a day off (Civil Code art. 148(5))."""
    while is_day_off(day):
        day += datetime.timedelta(days=1)
    return day


def add_months(day, months):
    """The same day `months` later (the last day of the month when it has no such day)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def notice_days(rule_set, land):
    if land == NON_AGRICULTURAL:
        return rule_set.notice_days_non_agricultural
    return rule_set.notice_days_agricultural


def earliest_decision(rule_set, notice_on, land):
    """The first day a recovery decision may bear after a notice (Land Law art. 85(1))."""
    return end_of_period(notice_on, notice_days(rule_set, land))


def notice_shortfall(rule_set, land, notice_on, decision_on, *, reissued=False, early=False):
    """The warning of a recovery decision dated before the notice minimum, or None.

    A re-issued notice (art. 85(5)) and land users who agreed to an earlier recovery
    (art. 85(2)) are exempt."""
    if reissued or early or decision_on is None or notice_on is None:
        return None
    needed = notice_days(rule_set, land)
    elapsed = (decision_on - notice_on).days
    if elapsed >= needed:
        return None
    return _("Less than %(days)s days since the notice (%(short)s days short; earliest %(on)s)") % {
        "days": needed,
        "short": needed - elapsed,
        "on": dmy(earliest_decision(rule_set, notice_on, land)),
    }


def notice_expires_on(rule_set, notice_on):
    """The last day a notice is valid: `notice_valid_months` after it (art. 85(5))."""
    return add_months(notice_on, rule_set.notice_valid_months)


def notice_expired_warning():
    return _("The land recovery notice has expired — issue it again")


def earliest_opinion_meeting(rule_set, posted_on):
    """The first day after the posting period (art. 87(3)(a): "immediately after")."""
    return end_of_period(posted_on, rule_set.posting_days) + datetime.timedelta(days=1)


def opinion_meeting_refusal(rule_set, posted_on, meeting_on):
    """The reason an opinion meeting is refused (inside the posting period), or None."""
    if posted_on is None or meeting_on is None:
        return None
    earliest = earliest_opinion_meeting(rule_set, posted_on)
    if meeting_on >= earliest:
        return None
    return _(
        "The opinion meeting of %(on)s is still within the %(days)s-day posting period "
        "(earliest %(earliest)s)"
    ) % {"on": dmy(meeting_on), "days": rule_set.posting_days, "earliest": dmy(earliest)}


def dialogue_due(rule_set, meeting_on, disagree, is_day_off=never_off):
    """The day a dialogue must be held by when anyone disagreed, rolled; else None."""
    if meeting_on is None or not disagree:
        return None
    return roll(end_of_period(meeting_on, rule_set.dialogue_days), is_day_off)


def payment_due(rule_set, in_force_on, is_day_off=never_off):
    """Payment is due within `payment_days` of the approved plan taking effect (art. 94(3)),
    rolled to a working day."""
    if in_force_on is None:
        return None
    return roll(end_of_period(in_force_on, rule_set.payment_days), is_day_off)


def late_days(due_on, paid_on):
    if due_on is None or paid_on is None:
        return 0
    return max(0, (paid_on - due_on).days)


def late_payment_warning(days):
    return _("Paid %(days)s days late — late-payment interest is owed (art. 94(3))") % {
        "days": days
    }


# Persuasion windows (art. 87(2)(đ), 87(6), 87(7)): persuasion for P days from its start,
# then W more days before the decision it prepares.
WINDOWS = {
    "inventory": ("inventory_persuasion_days", "inventory_wait_days"),
    "recovery": ("recovery_persuasion_days", "recovery_wait_days"),
    "handover": ("handover_persuasion_days", "handover_wait_days"),
}


def persuasion_window(rule_set, window, started_on):
    """(last day of persuasion, earliest decision) for a persuasion begun on `started_on`."""
    persuasion, wait = (getattr(rule_set, name) for name in WINDOWS[window])
    ends_on = end_of_period(started_on, persuasion)
    return ends_on, end_of_period(ends_on, wait)


def early_decision_warning(rule_set, window, started_on, decision_on):
    """The warning of a decision taken before its persuasion window closed, or None."""
    if started_on is None or decision_on is None:
        return None
    ends_on, earliest = persuasion_window(rule_set, window, started_on)
    if decision_on >= earliest:
        return None
    return _(
        "Decision taken early: persuasion from %(start)s ends on %(end)s; earliest "
        "decision %(earliest)s"
    ) % {"start": dmy(started_on), "end": dmy(ends_on), "earliest": dmy(earliest)}


def tet_blackouts(rule_set, tet_breaks):
    """(first, last, break) for each Tết break: `tet_blackout_days` before and after it."""
    span = datetime.timedelta(days=rule_set.tet_blackout_days)
    return [(first - span, last + span, (first, last)) for first, last in tet_breaks]


def enforcement_refusals(rule_set, on, at_time=None, is_day_off=never_off, tet_breaks=()):
    """Why an enforcement on `on` (starting at `at_time`) may not take place (art. 89(1)(b)):
    Vietnamese sentences, empty when it may."""
    reasons = []
    if at_time is not None and (
        at_time >= NIGHT_FROM or at_time < DAY_FROM or at_time > LATEST_START
    ):
        reasons.append(
            _(
                "No enforcement from 22:00 to 06:00: a start at %(time)s is refused "
                "(start by %(latest)s)"
            )
            % {"time": at_time.strftime("%H:%M"), "latest": LATEST_START.strftime("%H:%M")}
        )
    for first, last, (tet_first, tet_last) in tet_blackouts(rule_set, tet_breaks):
        if not first <= on <= last:
            continue
        params = {
            "days": rule_set.tet_blackout_days,
            "first": dmy(first),
            "last": dmy(last),
        }
        if on < tet_first:
            reasons.append(
                _("No enforcement within %(days)s days before Tết (%(first)s–%(last)s)") % params
            )
        elif on > tet_last:
            reasons.append(
                _("No enforcement within %(days)s days after Tết (%(first)s–%(last)s)") % params
            )
        else:
            reasons.append(_("No enforcement during the Tết break (%(first)s–%(last)s)") % params)
        break
    else:
        if is_day_off(on):
            reasons.append(_("No enforcement on a day off or holiday (%(on)s)") % {"on": dmy(on)})
    return reasons


def timeline(
    rule_set,
    *,
    land=AGRICULTURAL,
    notice_on=None,
    decision_on=None,
    reissued=False,
    early_consent=False,
    plan_posted_on=None,
    opinion_meeting_on=None,
    disagree=None,
    plan_in_force_on=None,
    paid_on=None,
    enforcement_on=None,
    enforcement_time=None,
    today=None,
    is_day_off=never_off,
    tet_breaks=(),
):
    """Every clock of a party from its dates: the answer of POST /api/v1/clearance/timeline
    (dates as `datetime.date`, None where the input for it is missing)."""
    warnings = []
    earliest = expires = None
    if notice_on is not None:
        earliest = earliest_decision(rule_set, notice_on, land)
        expires = notice_expires_on(rule_set, notice_on)
        warning = notice_shortfall(
            rule_set, land, notice_on, decision_on, reissued=reissued, early=early_consent
        )
        if decision_on is not None and decision_on < notice_on:
            warnings.append(_("The recovery decision is dated before its notice"))
        elif warning:
            warnings.append(warning)
        # Expired: the decision came after it, or there is none and the notice is stale.
        until = decision_on if decision_on is not None else today
        if until is not None and until > expires:
            warnings.append(notice_expired_warning())
    earliest_meeting = None
    if plan_posted_on is not None:
        earliest_meeting = earliest_opinion_meeting(rule_set, plan_posted_on)
        refusal = opinion_meeting_refusal(rule_set, plan_posted_on, opinion_meeting_on)
        if refusal:
            warnings.append(refusal)
    due_dialogue = dialogue_due(rule_set, opinion_meeting_on, disagree, is_day_off)
    due_payment = payment_due(rule_set, plan_in_force_on, is_day_off)
    late = late_days(due_payment, paid_on)
    if plan_in_force_on is not None and paid_on is not None and paid_on < plan_in_force_on:
        warnings.append(_("The payment is dated before the plan took effect"))
    if late:
        warnings.append(late_payment_warning(late))
    allowed = None
    if enforcement_on is not None:
        refusals = enforcement_refusals(
            rule_set, enforcement_on, enforcement_time, is_day_off, tet_breaks
        )
        allowed = not refusals
        warnings.extend(refusals)
    return {
        "rule_set": rule_set.code,
        "earliest_decision_on": earliest,
        "notice_expires_on": expires,
        "earliest_opinion_meeting_on": earliest_meeting,
        "dialogue_due_on": due_dialogue,
        "payment_due_on": due_payment,
        "late_payment_days": late,
        "enforcement_allowed": allowed,
        "warnings": warnings,
    }
