"""Working days and days off of the Vietnamese public service, for statutory deadlines.

A year's days off are its weekends (Saturday and Sunday: the public service works Monday
to Friday), plus the public holidays of the Labour Code 2019 Art. 112 with their
compensatory days off (Art. 111(3)), as the `holidays` package computes them with its
Vietnamese (UTC+7) lunar calendar, plus the days the government's yearly decisions add
(`CalendarDecision` and its `CalendarDay` rows, edited by administrators), minus the days
those decisions declare working (a Saturday worked in exchange for a bridging day off),
minus a holiday without a confirmed legal basis that administrators withdrew for a year
(`WithdrawnHoliday`).  Every listed day carries its legal basis (`Entry.basis`).

A year counts as decided when at least one decision for it is entered (`is_decided`);
deadlines that reach into an undecided year are computed on the statutory holidays only
(`provisional`), and from 1 November administrators are warned when next year has no
decision (`undecided_years`).

Each year is built once per process and kept; saving or deleting a row clears
the kept years here at once and, through a version number in Django's cache, in the other
processes within CHECK_SECONDS.  Deadlines for many cases then cost set look-ups only.
"""

import bisect
import threading
import time
import uuid
from dataclasses import dataclass, replace
from datetime import date, timedelta

import holidays as holidays_package
from django.core.cache import cache
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from holidays.countries.vietnam import VietnamStaticHolidays

# Years the calendar answers for: the package's lunar tables cover them all.
MIN_YEAR = 2000
MAX_YEAR = 2099

# Kinds of a day in the calendar (CalendarDay.Kind holds the three a decision can set).
HOLIDAY = "holiday"
DAY_OFF = "day_off"
COMPENSATORY = "compensatory"
WORKING = "working"

COMPUTED = "computed"
DECISION = "decision"

# Years before this one are taken as the `holidays` package records them (its table of
# past swaps); from it on, the yearly decisions are entered here (the data migration
# loads those known from 2024), and a year without one is "not decided".
DECISIONS_SINCE = 2024
# From this day of a year (month, day), next year's decision is expected.
WARN_FROM = (11, 1)

LABOUR_CODE = _("Labour Code 45/2019/QH14")
BASIS_HOLIDAY = format_lazy("{}, {}", LABOUR_CODE, _("Art. 112"))
BASIS_COMPENSATORY = format_lazy(
    "{}, {}", LABOUR_CODE, _("Art. 111(3): compensatory day off for a holiday on a weekend")
)
BASIS_TET_ESTIMATE = format_lazy(
    "{}, {}",
    LABOUR_CODE,
    _("Art. 112(3): Tết days as the Prime Minister decides them yearly (estimated until entered)"),
)
BASIS_PACKAGE_SWAP = _("A past yearly swap as the holidays package records it (not entered here)")

# Holidays the package adds without a confirmed legal basis: (month, day) of the holiday,
# the WithdrawnHoliday.Holiday key that switches it off, and what the page says.
UNCONFIRMED = {
    (11, 24): (
        "culture_day",
        _(
            "No confirmed legal basis (Politburo Resolution 80-NQ/TW; "
            "Labour Code amendment not confirmed)"
        ),
    ),
}

# How often a process asks the shared cache whether another process changed the list.
CHECK_SECONDS = 30
_VERSION_KEY = "workdays:calendar-version"


@dataclass(frozen=True)
class Entry:
    """A listed day: a holiday, a day off or a working day, computed or from a decision."""

    date: date
    name: str
    kind: str
    source: str  # COMPUTED or DECISION
    decision: str = ""  # the decision's citation (number, date, issuer), for DECISION
    basis: str = ""  # the legal basis, as the holidays page shows it
    confidence: str = "C"  # C, C3, M, NF (docs/deadlines.md)
    confirmed: bool = True  # False: the package adds it without a confirmed legal basis
    withdrawn: bool = False  # an unconfirmed holiday administrators switched off this year
    holiday_key: str = ""  # for an unconfirmed holiday: its WithdrawnHoliday.Holiday key

    @property
    def is_day_off(self):
        return self.kind != WORKING


@dataclass(frozen=True)
class _Year:
    entries: tuple
    days_off: frozenset
    working_ordinals: tuple  # sorted, for counting with bisect


_years = {}
_lock = threading.Lock()
_state = {"version": None, "checked": float("-inf"), "decided": None}


def check_year(year):
    """Raise ValueError unless the calendar covers ``year``."""
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year must be between {MIN_YEAR} and {MAX_YEAR}")


def computed_entries(year):
    """The year's holidays, compensatory days and swapped working days, without the DB."""
    check_year(year)
    full = holidays_package.country_holidays("VN", years=year, language="vi")
    plain = holidays_package.country_holidays("VN", years=year, language="vi", observed=False)
    swaps = _swaps()
    swapped_off = {off for off, _work in swaps}
    unconfirmed = {
        plain[day]: UNCONFIRMED[(day.month, day.day)]
        for day in plain
        if (day.month, day.day) in UNCONFIRMED
    }
    entries = []
    for day, name in sorted(full.items()):
        if day in swapped_off:
            kind, basis, confidence = DAY_OFF, BASIS_PACKAGE_SWAP, "C3"
        elif day in plain:
            kind, basis, confidence = HOLIDAY, BASIS_HOLIDAY, "C"
        elif "nghỉ bù" in name:
            kind, basis, confidence = COMPENSATORY, BASIS_COMPENSATORY, "C"
        else:
            # A Tết day moved off a weekend (29 Tết, mùng năm Tết): the package's estimate
            # of the Prime Minister's yearly decision.
            kind, basis, confidence = COMPENSATORY, BASIS_TET_ESTIMATE, "M"
        key = next((k for n, (k, _b) in unconfirmed.items() if name.startswith(n)), "")
        if key:
            basis = next(b for k, b in UNCONFIRMED.values() if k == key)
            entries.append(Entry(day, name, kind, COMPUTED, "", basis, "NF", False, False, key))
        else:
            entries.append(Entry(day, name, kind, COMPUTED, "", basis, confidence))
    for off, work in swaps:
        if work.year == year:
            name = format_lazy(_("Working day (in exchange for {day})"), day=f"{off:%d/%m/%Y}")
            entries.append(Entry(work, name, WORKING, COMPUTED, "", BASIS_PACKAGE_SWAP, "C3"))
    return sorted(entries, key=lambda entry: entry.date)


def _swaps():
    """(day off, Saturday worked for it) pairs the package knows from past decisions."""
    pairs = []
    for year, rows in VietnamStaticHolidays.special_public_holidays.items():
        for row in rows if isinstance(rows[0], tuple) else (rows,):
            off_month, off_day, work_month, work_day, *work_year = row
            work_year = work_year[0] if work_year else year
            pairs.append((date(year, off_month, off_day), date(work_year, work_month, work_day)))
    return pairs


def _decided_entries(year):
    from .models import CalendarDay

    rows = CalendarDay.objects.filter(date__year=year).select_related("decision")
    return [_decided_entry(row) for row in rows.order_by("date")]


def _decided_entry(row):
    citation = row.decision.citation
    basis = format_lazy("{}; {}", BASIS_HOLIDAY, citation) if row.kind == HOLIDAY else citation
    return Entry(row.date, row.name, row.kind, DECISION, citation, basis, row.decision.confidence)


def _withdrawn_keys(year):
    from .models import WithdrawnHoliday

    return set(WithdrawnHoliday.objects.filter(year=year).values_list("holiday", flat=True))


def _withdraw(entry):
    """An unconfirmed holiday switched off: a working day (a weekend stays a day off)."""
    if entry.date.weekday() >= 5:
        return None
    return replace(entry, kind=WORKING, withdrawn=True)


def _build(year):
    by_date = {entry.date: entry for entry in computed_entries(year)}
    withdrawn = _withdrawn_keys(year)
    for day, entry in list(by_date.items()):
        if entry.holiday_key and entry.holiday_key in withdrawn:
            kept = _withdraw(entry)
            if kept is None:
                del by_date[day]
            else:
                by_date[day] = kept
    by_date.update((entry.date, entry) for entry in _decided_entries(year))
    off = set()
    day, end = date(year, 1, 1), date(year, 12, 31)
    while day <= end:
        if day.weekday() >= 5:
            off.add(day)
        day += timedelta(days=1)
    for entry in by_date.values():
        (off.add if entry.is_day_off else off.discard)(entry.date)
    working = tuple(
        ordinal
        for ordinal in range(date(year, 1, 1).toordinal(), end.toordinal() + 1)
        if date.fromordinal(ordinal) not in off
    )
    return _Year(tuple(sorted(by_date.values(), key=lambda e: e.date)), frozenset(off), working)


def _decided_years():
    """The years that have at least one decision entered, kept like the built years."""
    _refresh_if_changed_elsewhere()
    decided = _state.get("decided")
    if decided is None:
        from .models import CalendarDecision

        decided = frozenset(CalendarDecision.objects.values_list("year", flat=True))
        with _lock:
            _state["decided"] = decided
    return decided


def is_decided(year):
    """True when ``year``'s days off are known: a decision for it is entered, or it is
    before DECISIONS_SINCE (the package's record of past swaps is taken as settled)."""
    return year < DECISIONS_SINCE or year in _decided_years()


def provisional(start, *ends):
    """True when a period from ``start`` to the latest of ``ends`` (None ignored) reaches
    into a year without a decision: its end was computed on the statutory holidays only."""
    days = [day for day in (start, *ends) if day is not None]
    if not days:
        return False
    return any(not is_decided(year) for year in range(min(days).year, max(days).year + 1))


def undecided_years(today):
    """The years administrators must be warned about on ``today``: this year if it has no
    decision, and next year from 1 November (WARN_FROM) if it has none."""
    years = [today.year] if not is_decided(today.year) else []
    if (today.month, today.day) >= WARN_FROM and not is_decided(today.year + 1):
        years.append(today.year + 1)
    return years


def _year(year):
    _refresh_if_changed_elsewhere()
    cached = _years.get(year)
    if cached is None:
        check_year(year)
        cached = _build(year)
        with _lock:
            _years[year] = cached
    return cached


def _refresh_if_changed_elsewhere():
    now = time.monotonic()
    if now - _state["checked"] < CHECK_SECONDS:
        return
    version = cache.get(_VERSION_KEY)
    with _lock:
        if version != _state["version"]:
            _years.clear()
            _state["decided"] = None
            _state["version"] = version
        _state["checked"] = now


def invalidate():
    """Forget every built year, here and (within CHECK_SECONDS) in other processes."""
    version = uuid.uuid4().hex
    cache.set(_VERSION_KEY, version, timeout=None)
    with _lock:
        _years.clear()
        _state["decided"] = None
        _state["version"] = version
        _state["checked"] = time.monotonic()


def entries(year):
    """The year's listed days (holidays, days off, swapped working days), by date.

    A decision entered by an administrator replaces a computed entry on the same date; an
    unconfirmed holiday withdrawn for the year is listed as a working day (``withdrawn``).
    Weekends are not listed: they are days off unless an entry says ``working``.
    """
    return list(_year(year).entries)


def days_off(year):
    """Every date of ``year`` that is not a working day, weekends included."""
    return _year(year).days_off


def is_working_day(day):
    return day not in _year(day.year).days_off


def add_working_days(start, n):
    """The n-th working day after ``start`` (``start`` itself is not counted).

    ``n`` = 0 gives ``start``; a negative ``n`` counts back to the n-th working day before.
    """
    step = 1 if n >= 0 else -1
    day, left = start, abs(n)
    while left:
        day += timedelta(days=step)
        if is_working_day(day):
            left -= 1
    return day


def add_calendar_days(start, n):
    """End of a period of ``n`` days from ``start``, as the Civil Code 2015 counts it.

    Art. 147(2): the first day is not counted, so the period ends ``n`` days after
    ``start``; Art. 148(5): a period whose last day is a weekend or holiday ends on the
    next working day.
    """
    return next_working_day(start + timedelta(days=n))


def next_working_day(day):
    """``day`` if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def working_days_between(a, b):
    """Working days after ``a`` up to and including ``b``; negative when ``b`` is before ``a``.

    ``working_days_between(a, add_working_days(a, n)) == n`` for any n.
    """
    if b < a:
        return -working_days_between(b, a)
    count = 0
    for year in range(a.year, b.year + 1):
        ordinals = _year(year).working_ordinals
        low = bisect.bisect_right(ordinals, a.toordinal())
        high = bisect.bisect_right(ordinals, b.toordinal())
        count += high - low
    return count
