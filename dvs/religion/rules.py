"""The arithmetic of the filing clocks of religious affairs, without the database.

A rule set is any object with the number fields of `religion.RuleSet` (a model row, or
`Rules` below in tests); `None` means no rule set covers the day the filing was received
(Law 07/2026/QH16 from 1/1/2027 until its numbers are entered): then nothing is computed
and the answer says so. The days off are passed in (`is_day_off`, a callable on a date);
clocks.py passes the platform's calendar.

Conventions (docs/religion.md), the same as land clearance's:
* a period of N days starts the day after its event (Civil Code 2015 art. 147), so a
  reply "within N days" of a valid filing is due on `event + N`;
* a due date that falls on a day off moves to the next working day (art. 148(5)): the
  reply dates and the festival report's date roll;
* a lead ("received at least N days before") does not roll: it holds when
  `activity − received ≥ N`, and its last day may be a Sunday.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

BELIEF_REGISTRATION = "belief_registration"
SUPPLEMENT = "supplement"
FESTIVAL_NOTICE = "festival_notice"
FESTIVAL_REPORT = "festival_report"
GROUP_REGISTRATION = "group_registration"
ANNUAL_LIST = "annual_list"
KINDS = (
    BELIEF_REGISTRATION,
    SUPPLEMENT,
    FESTIVAL_NOTICE,
    FESTIVAL_REPORT,
    GROUP_REGISTRATION,
    ANNUAL_LIST,
)


@dataclass(frozen=True)
class Rules:
    """The numbers of a rule set, for tests and for callers without a database row."""

    code: str
    belief_lead_days: int = 30
    belief_reply_days: int = 15
    supplement_lead_days: int = 20
    supplement_reply_days: int = 15
    festival_notice_lead_days: int = 20
    festival_report_days: int = 20
    group_reply_days: int = 20
    annual_list_days: int = 30


# Law 02/2016/QH14 as migration 0002 enters it (the row is the reference).
TNTG2016 = Rules("TNTG2016")


@dataclass
class Clock:
    """What a filing's dates give under a rule set (the calculator's answer too)."""

    rule_set: str | None
    on_time: bool | None = None
    required_lead_days: int | None = None
    latest_on: datetime.date | None = None  # the last day it could arrive on time
    reply_due_on: datetime.date | None = None
    report_due_on: datetime.date | None = None
    warnings: list = field(default_factory=list)


def dmy(day):
    return f"{day:%d/%m/%Y}"


def never_off(day):
    return False


def roll(day, is_day_off):
    """`day`, or the next working day when it is a day off (Civil Code art. 148(5))."""
    while is_day_off(day):
        day += datetime.timedelta(days=1)
    return day


def due(event, days, is_day_off):
    """The last day of a period of `days` days after `event`, rolled to a working day."""
    return roll(event + datetime.timedelta(days=days), is_day_off)


def no_rule_set_warning(received_on):
    return _("No rule applies to the receipt date %(date)s yet.") % {"date": dmy(received_on)}


def _lead(clock, lead_days, received_on, activity_on):
    """Fill the lead check: on time when `activity − received ≥ lead_days`."""
    clock.required_lead_days = lead_days
    if activity_on is None:
        return
    clock.latest_on = activity_on - datetime.timedelta(days=lead_days)
    clock.on_time = (activity_on - received_on).days >= lead_days
    if not clock.on_time:
        clock.warnings.append(
            _("Filed late (at least %(days)s days before are needed; the last day was %(date)s).")
            % {"days": lead_days, "date": dmy(clock.latest_on)}
        )


def check(
    rule_set,
    kind,
    received_on,
    *,
    complete=True,
    complete_on=None,
    activity_on=None,
    festival_end_on=None,
    recognised_on=None,
    is_day_off=never_off,
):
    """The clock of a filing of `kind` received on `received_on` under `rule_set`.

    `complete_on` is the day an incomplete dossier became complete (the reply clock of a
    registration starts from the valid, complete dossier); `complete=False` starts no
    reply clock. `activity_on` is the day the activities, the festival or the added
    activity start; `festival_end_on` the festival's last day; `recognised_on` the day
    the organisation was recognised or registered (the yearly list's 30 days)."""
    if kind not in KINDS:
        raise ValueError(kind)
    if rule_set is None:
        return Clock(rule_set=None, warnings=[no_rule_set_warning(received_on)])
    clock = Clock(rule_set=rule_set.code)
    start = (complete_on or received_on) if complete else None
    if complete_on and complete_on < received_on:
        clock.warnings.append(_("The dossier cannot be complete before it was received."))
        start = received_on if complete else None

    if kind == BELIEF_REGISTRATION:
        _lead(clock, rule_set.belief_lead_days, received_on, activity_on)
        if start:
            clock.reply_due_on = due(start, rule_set.belief_reply_days, is_day_off)
    elif kind == SUPPLEMENT:
        _lead(clock, rule_set.supplement_lead_days, received_on, activity_on)
        if start:
            clock.reply_due_on = due(start, rule_set.supplement_reply_days, is_day_off)
    elif kind == GROUP_REGISTRATION:
        if start:
            clock.reply_due_on = due(start, rule_set.group_reply_days, is_day_off)
    elif kind == FESTIVAL_NOTICE:
        _lead(clock, rule_set.festival_notice_lead_days, received_on, activity_on)
        if festival_end_on:
            clock.report_due_on = due(festival_end_on, rule_set.festival_report_days, is_day_off)
    elif kind == FESTIVAL_REPORT:
        if festival_end_on:
            clock.report_due_on = due(festival_end_on, rule_set.festival_report_days, is_day_off)
            clock.on_time = received_on <= clock.report_due_on
            if not clock.on_time:
                clock.warnings.append(
                    _("The revenue report is late (due by %(date)s).")
                    % {"date": dmy(clock.report_due_on)}
                )
    elif kind == ANNUAL_LIST:
        if recognised_on:
            clock.latest_on = recognised_on + datetime.timedelta(days=rule_set.annual_list_days)
            clock.on_time = received_on <= roll(clock.latest_on, is_day_off)
            if not clock.on_time:
                clock.warnings.append(
                    _("The list is late (due within %(days)s days of recognition, by %(date)s).")
                    % {"days": rule_set.annual_list_days, "date": dmy(clock.latest_on)}
                )
    if not complete and kind in (BELIEF_REGISTRATION, SUPPLEMENT, GROUP_REGISTRATION):
        clock.warnings.append(_("The dossier is incomplete: no reply clock until it is completed."))
    return clock
