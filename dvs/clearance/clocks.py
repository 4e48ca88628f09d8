"""The legal clocks of a party, read from the database: the rule set in force on a
notice's date, the days off and the Tết break of the platform's calendar, and the
party's milestones. The arithmetic itself is pure, in `rules.py`.
"""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dvs.lib.vntext import fold
from dvs.workdays import calendar

from . import rules
from .models import PERSUASION_KINDS, Milestone, MilestoneKind, RuleSet

EARLIEST_DATE = datetime.date(2000, 1, 1)
# A step is a thing that happened or is scheduled soon: a date further ahead is a typo.
FUTURE_LIMIT = datetime.timedelta(days=366)


def is_day_off(day):
    try:
        return not calendar.is_working_day(day)
    except ValueError:  # outside the calendar's years: weekends only
        return day.weekday() >= 5


def tet_break(year):
    """(first, last) day off of the year's Tết break, or None.

    The calendar lists the lunar New Year's days (holidays and the days off a decision
    adds around them) under names with "Tết" (not "Tết Dương lịch", 1 January); the break
    is their span widened to the days off that touch it (weekends, bridging days)."""
    try:
        entries = calendar.entries(year)
    except ValueError:
        return None
    days = [
        entry.date
        for entry in entries
        if entry.is_day_off
        and entry.date.month <= 3
        and "tet" in fold(str(entry.name))
        and "duong lich" not in fold(str(entry.name))
    ]
    if not days:
        return None
    first, last = min(days), max(days)
    one = datetime.timedelta(days=1)
    while is_day_off(first - one):
        first -= one
    while is_day_off(last + one):
        last += one
    return first, last


def tet_breaks_around(day):
    """The Tết breaks whose blackout could reach `day`."""
    return [b for b in (tet_break(year) for year in (day.year - 1, day.year, day.year + 1)) if b]


def rule_set_for(notice_on=None, project=None):
    """The project's chosen rule set, else the one in force on the notice's date (the
    latest one when there is no notice yet; the earliest for a notice before them all)."""
    if project is not None and project.rule_set_id:
        return project.rule_set
    rows = RuleSet.objects.all()
    if notice_on is None:
        notice_on = timezone.localdate()
    found = (
        rows.filter(effective_from__lte=notice_on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gt=notice_on))
        .order_by("-effective_from")
        .first()
    )
    return found or rows.order_by("effective_from").first()


def rule_set_by_code(code):
    return RuleSet.objects.filter(code=code).first()


def _steps(segment_id, party):
    """The milestones that count for a party (its own, and its segment's shared ones
    unless it is tracked separately), or a segment's shared ones; newest first."""
    if party is None:
        query = Q(segment_id=segment_id, party__isnull=True)
    elif party.tracked_separately:
        query = Q(party=party)
    else:
        query = Q(party=party) | Q(segment_id=party.segment_id, party__isnull=True)
    return list(Milestone.objects.filter(query, not_applicable=False).order_by("-on", "-pk"))


def _latest(steps, kind, exclude=None, own_first_of=None):
    """The newest milestone of `kind`; a party's own notice or inventory wins over the
    segment's."""
    found = [m for m in steps if m.kind == kind and (exclude is None or m.pk != exclude.pk)]
    if own_first_of is not None:
        own = [m for m in found if m.party_id == own_first_of.pk]
        if own:
            return own[0]
    return found[0] if found else None


def _land(notice, party):
    if notice is not None and notice.land:
        return notice.land
    # Without the notice saying which, the longer minimum is the safe side.
    if party is not None and (party.non_agricultural_land or party.residential_land):
        return rules.NON_AGRICULTURAL
    return rules.AGRICULTURAL


def _add(errors, field, message):
    errors.setdefault(field, []).append(message)


def check_milestone(milestone, today=None):
    """Check an unsaved `Milestone` (its segment or party set) against the others of its
    party and segment and the rule set in force.

    Returns (errors, warnings): errors is a dict field → [Vietnamese messages] for input
    that must be refused (nothing saved); warnings a list of Vietnamese sentences kept on
    the row (`Milestone.warnings`) and shown with it, e.g. "Chưa đủ 90 ngày kể từ thông
    báo (thiếu 43 ngày; sớm nhất 14/07/2026)"."""
    today = today or timezone.localdate()
    errors, warnings = {}, []
    m = milestone
    if m.not_applicable:
        if not (m.reason or "").strip():
            _add(errors, "reason", _("Give the reason this step does not apply."))
        return errors, warnings
    if m.on is None:
        return errors, warnings
    if m.on < EARLIEST_DATE:
        _add(errors, "on", _("The date cannot be before 01/01/2000."))
        return errors, warnings
    if m.on > today + FUTURE_LIMIT:
        _add(errors, "on", _("The date is more than a year ahead: check the year."))
        return errors, warnings
    if m.kind in PERSUASION_KINDS and not m.record and not (m.minutes or "").strip():
        _add(
            errors,
            "record",
            _("A persuasion needs its written record: attach the file or type the minutes."),
        )
    party = m.party if m.party_id else None
    segment_id = party.segment_id if party else m.segment_id
    project = party.project if party else m.segment.project
    steps = _steps(segment_id, party)
    notice = _latest(steps, MilestoneKind.NOTICE, m, own_first_of=party)
    rule_set = rule_set_for(notice.on if notice else m.on, project)
    if rule_set is None:
        return errors, warnings
    kind = m.kind

    if kind == MilestoneKind.RECOVERY_DECISION and notice is not None:
        if m.on < notice.on:
            _add(
                errors,
                "on",
                _("The recovery decision cannot be dated before its notice (%(on)s).")
                % {"on": rules.dmy(notice.on)},
            )
        else:
            warning = rules.notice_shortfall(
                rule_set,
                _land(notice, party),
                notice.on,
                m.on,
                reissued=notice.reissued,
                early=m.early_consent or notice.early_consent,
            )
            if warning:
                warnings.append(warning)
            if m.on > rules.notice_expires_on(rule_set, notice.on):
                warnings.append(rules.notice_expired_warning())

    windows = {
        MilestoneKind.COMPULSORY_INVENTORY: ("inventory", MilestoneKind.INVENTORY_PERSUASION),
        MilestoneKind.RECOVERY_DECISION: ("recovery", MilestoneKind.RECOVERY_PERSUASION),
        MilestoneKind.ENFORCEMENT_DECISION: ("handover", MilestoneKind.HANDOVER_PERSUASION),
    }
    if kind in windows:
        window, persuasion_kind = windows[kind]
        persuasion = _latest(steps, persuasion_kind, m)
        if persuasion is not None and persuasion.on <= m.on:
            warning = rules.early_decision_warning(rule_set, window, persuasion.on, m.on)
            if warning:
                warnings.append(warning)

    if kind in (MilestoneKind.PAID, MilestoneKind.DEPOSITED):
        plan = _latest(steps, MilestoneKind.PLAN_APPROVED, m)
        if plan is not None:
            if m.on < plan.on:
                _add(
                    errors,
                    "on",
                    _("The payment cannot be dated before the plan took effect (%(on)s).")
                    % {"on": rules.dmy(plan.on)},
                )
            else:
                late = rules.late_days(rules.payment_due(rule_set, plan.on, is_day_off), m.on)
                if late:
                    warnings.append(rules.late_payment_warning(late))

    if kind == MilestoneKind.OPINION_MEETING:
        parts = [n for n in (m.agree, m.disagree, m.other) if n is not None]
        if m.present is not None and sum(parts) > m.present:
            _add(
                errors,
                "present",
                _(
                    "Agree, disagree and other opinions (%(total)s) exceed the households "
                    "present (%(present)s)."
                )
                % {"total": sum(parts), "present": m.present},
            )
        posted = _latest(steps, MilestoneKind.PLAN_POSTED, m)
        if posted is not None:
            refusal = rules.opinion_meeting_refusal(rule_set, posted.on, m.on)
            if refusal:
                _add(errors, "on", refusal)

    # The enforcement itself, or the time an enforcement decision schedules it for (its
    # "until" date and time).
    scheduled = None
    if kind == MilestoneKind.ENFORCEMENT:
        scheduled = m.on
    elif kind == MilestoneKind.ENFORCEMENT_DECISION and (m.end_on or m.at_time):
        scheduled = m.end_on or m.on
    if scheduled is not None:
        refusals = rules.enforcement_refusals(
            rule_set, scheduled, m.at_time, is_day_off, tet_breaks_around(scheduled)
        )
        for refusal in refusals:
            _add(errors, "at_time" if "22:00" in refusal else "on", refusal)
    return errors, warnings


def _clock_inputs(party):
    steps = _steps(party.segment_id, party)
    notice = _latest(steps, MilestoneKind.NOTICE, own_first_of=party)
    decision = _latest(steps, MilestoneKind.RECOVERY_DECISION)
    meeting = _latest(steps, MilestoneKind.OPINION_MEETING)
    dialogue = _latest(steps, MilestoneKind.DIALOGUE)
    plan = _latest(steps, MilestoneKind.PLAN_APPROVED)
    posted = _latest(steps, MilestoneKind.PLAN_POSTED)
    paid = _latest(steps, MilestoneKind.PAID) or _latest(steps, MilestoneKind.DEPOSITED)
    enforcement = _latest(steps, MilestoneKind.ENFORCEMENT)
    return {
        "notice": notice,
        "decision": decision,
        "meeting": meeting,
        "dialogue": dialogue,
        "plan": plan,
        "posted": posted,
        "paid": paid,
        "enforcement": enforcement,
    }


def party_clock(party, today=None):
    """The party's clock as the screens and the API show it: a dict with the keys of
    `POST /api/v1/clearance/timeline`'s answer (rule_set, earliest_decision_on,
    notice_expires_on, earliest_opinion_meeting_on, dialogue_due_on, payment_due_on,
    late_payment_days, enforcement_allowed, warnings), computed from its milestones."""
    today = today or timezone.localdate()
    s = _clock_inputs(party)
    notice, decision, meeting = s["notice"], s["decision"], s["meeting"]
    rule_set = rule_set_for(notice.on if notice else None, party.project)
    if rule_set is None:
        return {"warnings": []}
    enforcement = s["enforcement"]
    clock = rules.timeline(
        rule_set,
        land=_land(notice, party),
        notice_on=notice.on if notice else None,
        decision_on=decision.on if decision else None,
        reissued=bool(notice and notice.reissued),
        early_consent=bool(
            (notice and notice.early_consent) or (decision and decision.early_consent)
        ),
        plan_posted_on=s["posted"].on if s["posted"] else None,
        opinion_meeting_on=meeting.on if meeting else None,
        disagree=meeting.disagree if meeting else None,
        plan_in_force_on=s["plan"].on if s["plan"] else None,
        paid_on=s["paid"].on if s["paid"] else None,
        enforcement_on=enforcement.on if enforcement else None,
        enforcement_time=enforcement.at_time if enforcement else None,
        today=today,
        is_day_off=is_day_off,
        tet_breaks=tet_breaks_around(enforcement.on) if enforcement else (),
    )
    # A dialogue held since the meeting settles its clock.
    if s["dialogue"] is not None and meeting is not None and s["dialogue"].on >= meeting.on:
        clock["dialogue_due_on"] = None
    return clock


def calculate(rule_set=None, *, today=None, **dates):
    """The calculator of the API and of the back-office page: `rules.timeline` with the
    platform's calendar, under the rule set named by its code (else the one in force on
    the notice's date). `dates`: the keyword arguments of `rules.timeline`."""
    if isinstance(rule_set, str):
        rule_set = rule_set_by_code(rule_set)
    if rule_set is None:
        rule_set = rule_set_for(dates.get("notice_on"))
    enforcement_on = dates.get("enforcement_on")
    return rules.timeline(
        rule_set,
        today=today or timezone.localdate(),
        is_day_off=is_day_off,
        tet_breaks=tet_breaks_around(enforcement_on) if enforcement_on else (),
        **dates,
    )
