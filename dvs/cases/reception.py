"""Citizen reception and dialogues: the rules, as plain functions the views and tests call.

- `default_frequency(position)`: the legal minimum of periodic reception days of a
  leader's position (DOMAIN-RULES §4), which a reception duty starts from.
- `check_session(...)` and `check_dialogue(...)`: what a session or a dialogue must hold
  before it is saved; a ValidationError with Vietnamese messages otherwise.
- `create_cases(source, matters, user)`: the matters raised at a reception session or a
  dialogue become cases in one step and one transaction (all or none).
- `compliance(duties, start, end)`: periodic reception days held by each leader against
  the days their duty requires over a period; ad hoc receptions are counted beside them,
  not towards them.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dvs.accounts import scope
from dvs.accounts.models import RoleAssignment, User
from dvs.workdays import calendar as workdays

from . import workflow
from .models import Case, Channel, Dialogue, ReceptionDuty, ReceptionSession

Position = ReceptionDuty.Position
Per = ReceptionDuty.Per

# Minimum periodic reception days by position (DOMAIN-RULES §4). The law on citizen
# reception (Art. 12(5), 15(2)(d)) for People's Committee chairs, Quy định 11-QĐi/TW (as
# amended by Kết luận 215-KL/TW) for Party secretaries, NĐ 154/2026 for heads of public
# service units (from 1/7/2026; unconfirmed). A duty starts from these and can be edited.
DEFAULT_FREQUENCY = {
    Position.PROVINCE_CHAIR: (1, Per.MONTH),
    Position.COMMUNE_CHAIR: (1, Per.WEEK),
    Position.PROVINCE_SECRETARY: (1, Per.MONTH),
    Position.COMMUNE_SECRETARY: (2, Per.MONTH),
    Position.SERVICE_HEAD: (1, Per.MONTH),
    Position.OTHER: (1, Per.MONTH),
}

# Sessions a leader holds (and must be named at): periodic ones and ad hoc ones.
LEADER_KINDS = (ReceptionSession.Kind.PERIODIC, ReceptionSession.Kind.AD_HOC)
# The law asks for at least N periodic (scheduled) reception days *and* ad hoc receptions
# when needed (Law on Citizen Reception Art. 12(5), 15(2)(d)): only periodic days count
# towards the required frequency; ad hoc ones are shown beside them.
SCHEDULED_KINDS = (ReceptionSession.Kind.PERIODIC,)


def default_frequency(position):
    """(days, per) a duty of this position requires at least."""
    return DEFAULT_FREQUENCY.get(position, DEFAULT_FREQUENCY[Position.OTHER])


def leader_choices(user, model, *, include=None):
    """Users who may be named as the leader of a `model` row the user writes: those who
    hold a role in a unit where the user may add that model (and nobody else, so a ward
    officer does not see the city's user list), plus the leader already named."""
    units = scope.writable_anchor(user, model, "add")
    holders = RoleAssignment.objects.active().filter(unit__in=units).values("user_id")
    condition = Q(pk__in=holders, is_active=True)
    if include:
        condition |= Q(pk=include)
    return User.objects.filter(condition).order_by("full_name", "username")


# Validation ---------------------------------------------------------------------------


def check_duty(*, unit, leader, position, days_required, per, active=True, pk=None):
    """A duty needs a positive number of days, and a leader has one duty per position
    and unit (two would count the same sessions twice)."""
    errors = {}
    if days_required is not None and days_required < 1:
        errors["days_required"] = _("A reception duty requires at least one day.")
    if per and per not in Per.values:
        errors["per"] = _("Choose per week or per month.")
    if active and unit is not None and leader is not None and position:
        twins = ReceptionDuty.objects.filter(
            unit=unit, leader=leader, position=position, active=True
        ).exclude(pk=pk)
        if twins.exists():
            errors["leader"] = _(
                "This leader already has an active reception duty for this position in this unit."
            )
    if errors:
        raise ValidationError(errors)


def check_session(*, held_on, kind, leader, officer, today=None):
    """A session is dated no later than today; a leader's session (periodic or ad hoc)
    names the leader; a regular session names the reception officer."""
    today = today or timezone.localdate()
    errors = {}
    if held_on and held_on > today:
        errors["held_on"] = _("A reception session cannot be recorded before it is held.")
    if kind in LEADER_KINDS and leader is None:
        errors["leader"] = _("Name the leader who received citizens at this session.")
    if kind == ReceptionSession.Kind.REGULAR and not (officer or "").strip():
        errors["officer"] = _("Name the reception officer who received citizens.")
    if errors:
        raise ValidationError(errors)


def check_dialogue(*, status, planned_on, held_on, attendance, has_cases=False, today=None):
    """A held dialogue has its date (not in the future, not before the planned date) and
    its attendance; a planned or cancelled one has neither, and a dialogue whose matters
    became cases stays held."""
    today = today or timezone.localdate()
    errors = {}
    if has_cases and status != Dialogue.Status.HELD:
        errors["status"] = _("Cases were recorded from this dialogue: it stays “held”.")
    if status == Dialogue.Status.HELD:
        if held_on is None:
            errors["held_on"] = _("Give the date the dialogue was held.")
        elif held_on > today:
            errors["held_on"] = _("The date held is in the future: keep the dialogue as planned.")
        elif planned_on and held_on < planned_on:
            errors["held_on"] = _(
                "The date held is before the planned date (%(date)s): correct the planned date."
            ) % {"date": planned_on.strftime("%d/%m/%Y")}
        if attendance is None or attendance < 1:
            errors["attendance"] = _("Give the number of people who attended.")
    else:
        if held_on is not None:
            errors["held_on"] = _("Only a held dialogue has a date held: set its status to “held”.")
        if attendance is not None:
            errors["attendance"] = _(
                "Only a held dialogue has an attendance: set its status to “held”."
            )
    if errors:
        raise ValidationError(errors)


# Cases from a session or a dialogue --------------------------------------------------------


class MattersError(Exception):
    """Some matters could not become cases; nothing was recorded. `errors` maps a row's
    index to its Vietnamese message."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def _source_fields(source):
    """Channel, date and link of the cases a session or dialogue gives rise to."""
    if isinstance(source, ReceptionSession):
        return Channel.RECEPTION, source.held_on, {"reception_session": source}
    if isinstance(source, Dialogue):
        if source.status != Dialogue.Status.HELD or source.held_on is None:
            raise workflow.CaseError(
                _("Cases can be recorded only from a dialogue that has been held.")
            )
        return Channel.DIALOGUE, source.held_on, {"dialogue": source}
    raise TypeError(f"not a reception session or dialogue: {source!r}")


def create_cases(source, matters, *, user):
    """Record each matter (a dict: kind, subject_area, name, address, phone, content) as
    a case of the source's unit, received on the day of the session or dialogue, through
    `workflow.receive`. All in one transaction: if any matter is refused, every row's
    message is collected in a MattersError and nothing is recorded."""
    channel, received_on, link = _source_fields(source)
    if not scope.writable_anchor(user, Case, "add").filter(pk=source.unit_id).exists():
        raise workflow.CaseError(_("You may not record cases in this unit."))
    if not matters:
        raise workflow.CaseError(_("Fill in at least one matter."))
    errors, cases = {}, []
    with transaction.atomic():
        for index, matter in enumerate(matters):
            try:
                # A savepoint per row, so the rows after a refused one are still checked
                # and every bad row gets its message in one pass.
                with transaction.atomic():
                    cases.append(_receive(source, matter, channel, received_on, link, user))
            except ValidationError as error:
                errors[index] = " ".join(error.messages)
        if errors:
            raise MattersError(errors)  # leaving the block rolls every row back
    return cases


def _receive(source, matter, channel, received_on, link, user):
    if not matter.get("subject_area"):
        raise workflow.CaseError(_("Choose the subject area."))
    petitioner = {
        "name": matter.get("name", ""),
        "address": matter.get("address", ""),
        "phone": matter.get("phone", ""),
    }
    return workflow.receive(
        unit=source.unit,
        kind=matter.get("kind"),
        channel=channel,
        received_on=received_on,
        subject_area=matter.get("subject_area"),
        content=matter.get("content", ""),
        petitioners=[petitioner],
        by=user,
        **link,
    )


# Compliance ------------------------------------------------------------------------------


PRESETS = {
    "month": gettext_lazy("This month"),
    "quarter": gettext_lazy("This quarter"),
    "half": gettext_lazy("These six months"),
    "year": gettext_lazy("This year"),
}


def preset_period(preset, today=None):
    """(start, end) of this month, quarter, half-year (the six-month review's period)
    or year."""
    today = today or timezone.localdate()
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12}.get(preset, 1)
    first_month = (today.month - 1) // months * months + 1
    last_month = first_month + months - 1
    start = date(today.year, first_month, 1)
    end = date(today.year, last_month, calendar.monthrange(today.year, last_month)[1])
    return start, end


def _working_days(start, end):
    """Working days of the public service from start to end inclusive (weekends, public
    holidays, the Tết break and the yearly decisions' days off excluded)."""
    if end < start:
        return 0
    return workdays.working_days_between(start - timedelta(days=1), end)


def _calendar_units(per, start, end):
    """(first, last) of each calendar week (Monday–Sunday) or month touching the period."""
    if per == Per.WEEK:
        first = start - timedelta(days=start.weekday())
        while first <= end:
            yield first, first + timedelta(days=6)
            first += timedelta(days=7)
        return
    year, month = start.year, start.month
    while date(year, month, 1) <= end:
        yield date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def period_share(per, start, end):
    """How many weeks or months the period is worth, as a Fraction: each calendar week
    or month wholly inside it counts 1, one the period cuts counts the share of its
    working days the period covers. A week without a working day (wholly in the Tết
    break) counts 0: no reception day is owed for it."""
    share = Fraction(0)
    for first, last in _calendar_units(per, start, end):
        working = _working_days(first, last)
        if working:
            share += Fraction(_working_days(max(first, start), min(last, end)), working)
    return share


def required_days(days_required, per, start, end, today=None):
    """Reception days a duty requires over [start, end].

    Days after today are not yet owed, so the period is counted up to today. Whole weeks
    or months count `days_required` each, a week with no working day none; the share of a week or month the period cuts
    is added in proportion to its working days, and the total is rounded down: a leader
    owes a day only once a whole day's worth of the obligation has passed.
    """
    today = today or timezone.localdate()
    end = min(end, today)
    if end < start:
        return 0
    return int(days_required * period_share(per, start, end))


@dataclass(frozen=True)
class ComplianceRow:
    duty: ReceptionDuty
    required: int
    held: int  # periodic reception days: what the required frequency counts
    ad_hoc: int = 0  # ad hoc reception days, on top of the periodic ones

    @property
    def shortfall(self):
        return max(self.required - self.held, 0)

    @property
    def ok(self):
        return self.held >= self.required


def held_days(duties, start, end, kinds=SCHEDULED_KINDS):
    """{(unit_id, leader_id): distinct days} of the sessions of `kinds` (periodic ones by
    default) held by each duty's leader at the duty's unit between start and end: one
    query."""
    held = {}
    for (unit_id, leader_id, _kind), days in _days_by_kind(duties, start, end, kinds).items():
        held[(unit_id, leader_id)] = held.get((unit_id, leader_id), 0) + days
    return held


def _days_by_kind(duties, start, end, kinds):
    """{(unit_id, leader_id, kind): distinct days}: one query."""
    duties = list(duties)
    if not duties:
        return {}
    rows = (
        ReceptionSession.objects.filter(
            kind__in=kinds,
            held_on__gte=start,
            held_on__lte=end,
            unit_id__in={d.unit_id for d in duties},
            leader_id__in={d.leader_id for d in duties},
        )
        .values("unit_id", "leader_id", "kind")
        .annotate(days=Count("held_on", distinct=True))
        .order_by()
    )
    return {(row["unit_id"], row["leader_id"], row["kind"]): row["days"] for row in rows}


def compliance(duties, start, end, today=None):
    """One row per active duty: required days, periodic days held, shortfall, ok, and
    the ad hoc days held beside them.

    `duties` is a queryset the caller has scoped (scope.scoped(user, ReceptionDuty)).
    Only the duty's own leader's periodic sessions at the duty's unit count towards the
    required days, one per distinct day (two sessions on one day are one reception day);
    ad hoc sessions are counted apart and never make up for a missing periodic day.
    """
    duties = list(
        duties.filter(active=True)
        .select_related("unit", "leader")
        .order_by("unit__path", "leader__full_name", "position")
    )
    days = _days_by_kind(duties, start, end, LEADER_KINDS)
    periodic, ad_hoc = ReceptionSession.Kind.PERIODIC, ReceptionSession.Kind.AD_HOC
    return [
        ComplianceRow(
            duty=duty,
            required=required_days(duty.days_required, duty.per, start, end, today),
            held=days.get((duty.unit_id, duty.leader_id, periodic), 0),
            ad_hoc=days.get((duty.unit_id, duty.leader_id, ad_hoc), 0),
        )
        for duty in duties
    ]
