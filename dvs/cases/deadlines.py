"""The deadline engine: when a case must be accepted and resolved, as the law says.

Plain functions over plain data (no models): the cases app builds a `CaseFacts` from a
case and stores what `compute` returns.  Every time limit is a `Rule` in `RULES`, a table
versioned by the date the case was received, because the laws on complaints,
denunciations and citizen reception were amended with effect from 1/7/2026 and a case
keeps the rules of its date.  Each rule carries its unit (calendar or working days), its
legal source and a confidence code (docs/deadlines.md; shared/design/DOMAIN-RULES.md):
values confirmed in the law text are fixed; the others are defaults a deployment may
change with the setting CASE_RULE_OVERRIDES.

Counting:
* working days: the n-th working day after the start (the start is not counted);
* calendar days: Civil Code 2015 Art. 147(2) (the first day is not counted) and
  Art. 148(5) (a period ending on a weekend or holiday ends on the next working day).
* Suspension (tạm đình chỉ) stops the clock; after the resume decision the period goes on
  counting from the day after that decision (NĐ 155/2026 Art. 28b(2): "thời hạn giải quyết
  khiếu nại tiếp tục được tính từ ngày ban hành quyết định tiếp tục"), so the deadline
  moves by the days between the suspension and the resume decision.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import gettext as _

from dvs.workdays import calendar

COMPLAINT, DENUNCIATION, PETITION, FEEDBACK = "complaint", "denunciation", "petition", "feedback"
KINDS = (COMPLAINT, DENUNCIATION, PETITION, FEEDBACK)
NORMAL, COMPLEX, ESPECIALLY_COMPLEX = "normal", "complex", "especially_complex"

CALENDAR_DAYS, WORKING_DAYS, TIMES = "calendar_days", "working_days", "times"

ON_TIME, DUE_SOON, OVERDUE = "on_time", "due_soon", "overdue"
# A deadline this many working days away or nearer is "due soon" (issue 4).
DUE_SOON_WORKING_DAYS = 5


@dataclass(frozen=True)
class Extension:
    granted_on: date
    days: int
    reason: str


@dataclass(frozen=True)
class Suspension:
    start: date
    end: date | None  # the date of the resume decision; None while still suspended


@dataclass(frozen=True)
class CaseFacts:
    kind: str  # "complaint" | "denunciation" | "petition" | "feedback"
    received_on: date
    stage: int = 1  # complaints: 1 first-time, 2 second-time
    complexity: str = NORMAL  # "normal" | "complex" | "especially_complex"
    remote_area: bool = False  # complaints: remote or especially difficult area
    accepted_on: date | None = None
    extensions: tuple = ()
    suspensions: tuple = ()
    # Denunciations: verification at several places or delegated (Law on Denunciation
    # Art. 24(1)): 10 working days instead of 7 to decide on acceptance.
    several_places: bool = False


@dataclass(frozen=True)
class Deadlines:
    rules: str  # the rule version applied: "2012" or "2026-07"
    accept_by: date
    resolve_by: date | None  # None until accepted, and while suspended
    suspended: bool = False  # the clock is stopped: resolve_by is not known yet
    # A period reaches into a year whose government decision on days off is not entered:
    # computed on the statutory holidays only (dvs.workdays.calendar.provisional).
    provisional: bool = False


def provisional(received_on, *due):
    """True when the periods from ``received_on`` to the latest of ``due`` (None ignored)
    reach into a year without a government decision on its days off."""
    return calendar.provisional(received_on, *due)


@dataclass(frozen=True)
class Rule:
    value: int
    unit: str  # CALENDAR_DAYS, WORKING_DAYS or TIMES
    source: str
    confidence: str  # C, C3, M, NF (see docs/deadlines.md)
    # Which fields CASE_RULE_OVERRIDES may change: facts not confirmed in the law text.
    configurable: tuple = ()


# Rule versions and the first date of receipt each applies to.  Cases received before the
# first date use the oldest version.
VERSIONS = (("2012", date(2012, 7, 1)), ("2026-07", date(2026, 7, 1)))

_LAW_KN = "Luật Khiếu nại 02/2011/QH13"
_LAW_TC = "Luật Tố cáo 25/2018/QH14"
_LAW_TCD = "Luật Tiếp công dân 42/2013/QH13"
_UNIT_M = ("unit",)  # the Law says plain "ngày": calendar days is our reading (M)
_NOT_IN_LAW = ("value", "unit")


def _complaint_resolution(source_suffix="", configurable=_UNIT_M, confidence="C/M"):
    def rule(value, article):
        source = f"{_LAW_KN} {article}{source_suffix}"
        return Rule(value, CALENDAR_DAYS, source, confidence, configurable)

    return {
        "complaint.resolve.1": rule(30, "Art. 28"),
        "complaint.resolve.1.complex": rule(45, "Art. 28"),
        "complaint.resolve.1.remote": rule(45, "Art. 28"),
        "complaint.resolve.1.remote_complex": rule(60, "Art. 28"),
        "complaint.resolve.2": rule(45, "Art. 37"),
        "complaint.resolve.2.complex": rule(60, "Art. 37"),
        "complaint.resolve.2.remote": rule(60, "Art. 37"),
        "complaint.resolve.2.remote_complex": rule(70, "Art. 37"),
    }


def _shared_rules(amended):
    """Rules whose value did not change on 1/7/2026, as far as the texts read show.

    ``amended``: for the 2026 version, whose amending Law 136/2025 was not read (NF), the
    resolution limits become configurable defaults.
    """
    suffix = "; Luật 136/2025/QH15 not read (NF)" if amended else ""
    configurable = _NOT_IN_LAW if amended else _UNIT_M
    confidence = "C/NF" if amended else "C/M"
    petition = ("petition", "feedback")
    rules = {
        **_complaint_resolution(suffix, configurable, confidence),
        "denunciation.accept": Rule(7, WORKING_DAYS, f"{_LAW_TC} Art. 24(1)", "C"),
        "denunciation.accept.several_places": Rule(10, WORKING_DAYS, f"{_LAW_TC} Art. 24(1)", "C"),
        "denunciation.resolve": Rule(
            30, CALENDAR_DAYS, f"{_LAW_TC} Art. 30(1){suffix}", confidence, configurable
        ),
        "denunciation.extension.days": Rule(30, CALENDAR_DAYS, f"{_LAW_TC} Art. 30(1)", "C"),
        "denunciation.extension.complex": Rule(1, TIMES, f"{_LAW_TC} Art. 30(1)", "C"),
        "denunciation.extension.especially_complex": Rule(
            2, TIMES, f"{_LAW_TC} Art. 30(1); NĐ 31/2019 Art. 3", "C"
        ),
        "complaint.extension": Rule(0, TIMES, f"{_LAW_KN} Art. 28, 37 (no extension)", "C"),
    }
    for kind in petition:
        rules |= {
            f"{kind}.accept": Rule(
                10, WORKING_DAYS, f"{_LAW_TCD} Art. 28(1); TT 05/2021/TT-TTCP", "C/M", ("value",)
            ),
            f"{kind}.resolve": Rule(
                30, CALENDAR_DAYS, "no limit in the law: our default", "NF", _NOT_IN_LAW
            ),
            f"{kind}.extension": Rule(
                1, TIMES, "no limit in the law: our default", "NF", ("value",)
            ),
            f"{kind}.extension.days": Rule(
                30, CALENDAR_DAYS, "no limit in the law: our default", "NF", _NOT_IN_LAW
            ),
        }
    return rules


RULES = {
    "2012": {
        "complaint.accept": Rule(
            10,
            WORKING_DAYS,
            f"{_LAW_KN} Art. 27, 36; TT 07/2013/TT-TTCP Art. 5; NĐ 124/2020 Art. 16(1)",
            "C/M",
        ),
        **_shared_rules(amended=False),
    },
    "2026-07": {
        "complaint.accept": Rule(
            7, WORKING_DAYS, "NĐ 155/2026/NĐ-CP Art. 10 (NĐ 124/2020 Art. 16(1))", "C3", ("value",)
        ),
        **_shared_rules(amended=True),
    },
}


def rules_version(received_on):
    """The name of the rule version for a case received on ``received_on``."""
    chosen = VERSIONS[0][0]
    for name, since in VERSIONS:
        if received_on >= since:
            chosen = name
    return chosen


_effective = {}


@receiver(setting_changed)
def _forget_overrides(setting, **kwargs):
    if setting == "CASE_RULE_OVERRIDES":
        _effective.clear()


def rules(version):
    """The rule table of ``version`` with CASE_RULE_OVERRIDES applied.

    CASE_RULE_OVERRIDES maps a version name, or "*" for every version, to
    ``{rule key: {"value": int, "unit": "calendar_days" | "working_days"}}``; only the
    fields a rule lists as configurable may be changed.
    """
    if version not in _effective:
        table = dict(RULES[version])
        overrides = getattr(settings, "CASE_RULE_OVERRIDES", {}) or {}
        for scope in ("*", version):
            for key, change in overrides.get(scope, {}).items():
                table[key] = _overridden(key, table.get(key), change)
        _effective[version] = table
    return _effective[version]


def _overridden(key, rule, change):
    if rule is None:
        raise ImproperlyConfigured(f"CASE_RULE_OVERRIDES: no rule {key!r}")
    for field in change:
        if field not in rule.configurable:
            raise ImproperlyConfigured(
                f"CASE_RULE_OVERRIDES: {key}.{field} is fixed by the law ({rule.source})"
            )
    value = int(change.get("value", rule.value))
    unit = change.get("unit", rule.unit)
    if value < 0 or unit not in (CALENDAR_DAYS, WORKING_DAYS, TIMES):
        raise ImproperlyConfigured(f"CASE_RULE_OVERRIDES: bad value for {key}")
    return Rule(value, unit, f"{rule.source} (changed by CASE_RULE_OVERRIDES)", rule.confidence)


def period_end(start, days, unit):
    """End of a period of ``days`` counted from ``start`` in ``unit``."""
    if unit == WORKING_DAYS:
        return calendar.add_working_days(start, days)
    return calendar.add_calendar_days(start, days)


def accept_rule(facts, table):
    if facts.kind == DENUNCIATION and facts.several_places:
        return table["denunciation.accept.several_places"]
    return table[f"{_kind(facts)}.accept"]


def resolve_rule(facts, table):
    kind = _kind(facts)
    if kind != COMPLAINT:
        return table[f"{kind}.resolve"]
    key = f"complaint.resolve.{2 if facts.stage == 2 else 1}"
    complex_ = facts.complexity in (COMPLEX, ESPECIALLY_COMPLEX)
    if facts.remote_area and complex_:
        return table[f"{key}.remote_complex"]
    if facts.remote_area:
        return table[f"{key}.remote"]
    if complex_:
        return table[f"{key}.complex"]
    return table[key]


def compute(facts):
    """The deadlines of a case: accept by, and resolve by once accepted."""
    version = rules_version(facts.received_on)
    table = rules(version)
    accept = accept_rule(facts, table)
    accept_by = period_end(facts.received_on, accept.value, accept.unit)
    if facts.accepted_on is None:
        return Deadlines(
            version, accept_by, None, provisional=provisional(facts.received_on, accept_by)
        )
    resolve = resolve_rule(facts, table)
    days = resolve.value + sum(extension.days for extension in facts.extensions)
    end = period_end(facts.accepted_on, days, resolve.unit)
    for suspension in sorted(facts.suspensions, key=lambda s: s.start):
        if suspension.start > end:
            break  # suspended after the deadline had passed: it stays passed
        if suspension.end is None:
            return Deadlines(
                version,
                accept_by,
                None,
                suspended=True,
                provisional=provisional(facts.received_on, accept_by, end),
            )
        end = _moved_by_suspension(end, suspension, resolve.unit)
    return Deadlines(
        version, accept_by, end, provisional=provisional(facts.received_on, accept_by, end)
    )


def _moved_by_suspension(end, suspension, unit):
    """The clock stops on the day of suspension and counts again from the day after the
    resume decision: the days in (start, resume] are not counted."""
    if unit == WORKING_DAYS:
        paused = calendar.working_days_between(suspension.start, suspension.end)
        return calendar.add_working_days(end, paused)
    paused = (suspension.end - suspension.start).days
    return calendar.next_working_day(end + timedelta(days=paused))


def check_extension(facts, days):
    """Raise ValidationError (in Vietnamese) unless the law allows extending by ``days``.

    ``facts.extensions`` are the extensions already granted, without this one.
    """
    table = rules(rules_version(facts.received_on))
    kind = _kind(facts)
    if days <= 0:
        raise ValidationError(_("The number of days must be positive."), code="days")
    if facts.accepted_on is None:
        raise ValidationError(_("Only an accepted case can be extended."), code="not_accepted")
    if kind == COMPLAINT:
        raise ValidationError(
            _(
                "The Law on Complaints allows no extension: a complex case or a remote area "
                "has a longer time limit; record that on the case instead."
            ),
            code="complaint",
        )
    if kind == DENUNCIATION:
        if facts.complexity not in (COMPLEX, ESPECIALLY_COMPLEX):
            raise ValidationError(
                _("Only a complex or especially complex denunciation can be extended."),
                code="not_complex",
            )
        allowed = table[f"denunciation.extension.{facts.complexity}"].value
        most = table["denunciation.extension.days"].value
    else:
        allowed = table[f"{kind}.extension"].value
        most = table[f"{kind}.extension.days"].value
    if len(facts.extensions) >= allowed:
        raise ValidationError(
            _("The time limit can be extended at most %(count)s time(s) for this case.")
            % {"count": allowed},
            code="too_many",
        )
    if days > most:
        raise ValidationError(
            _("An extension can be at most %(days)s days.") % {"days": most}, code="too_long"
        )


def state(due, today):
    """("on_time" | "due_soon" | "overdue", working days left or overdue).

    Due soon: due today or within DUE_SOON_WORKING_DAYS working days.  Overdue counts the
    working days since the deadline, at least 1 (a Friday deadline is 1 day late on the
    weekend after it).
    """
    if today <= due:
        left = calendar.working_days_between(today, due)
        return (DUE_SOON if left <= DUE_SOON_WORKING_DAYS else ON_TIME), left
    return OVERDUE, max(1, calendar.working_days_between(due, today))


def _kind(facts):
    if facts.kind not in KINDS:
        raise ValueError(f"unknown case kind {facts.kind!r}")
    return facts.kind
