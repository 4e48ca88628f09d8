"""Indicators of religious affairs for periodic reports (format: dvs/reports/registry.py)
and the six-month review's "Công tác tôn giáo" tables.

Each indicator is the unit's own count for the period [start, end], keyed by the unit the
row was recorded in, from the dates stored on the rows (received, answered, due, held,
recorded, resolved), never from a row's current status: a filing answered after the
period's end still counts as overdue at that end. The codes start with `religion_`, so
the review's narrative puts them under "Công tác tôn giáo" (reports/narrative.py).

The review's figures table counts establishments, groups, dignitaries, officials and
followers per religion over the unit's subtree as of the period's end, published exactly
as the figures page does, from the ward grain cells (stats.compute + stats.present, never
exact: a review is published): no cell of 1–4 and no individual reach it, and a unit
below ward level gets no figures table. The filings table is exact: filings count the
ward's work, not believers.
"""

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import stats
from .models import Contact, Filing, Incident


def _count_by_unit(queryset):
    return dict(queryset.order_by().values_list("unit_id").annotate(n=Count("pk")))


def filings_received(start, end):
    return _count_by_unit(Filing.objects.filter(received_on__range=(start, end)))


def answered_on_time_filter(start, end):
    return Q(
        replied_on__range=(start, end),
        reply_due_on__isnull=False,
        replied_on__lte=F("reply_due_on"),
    )


def filings_answered_on_time(start, end):
    return _count_by_unit(Filing.objects.filter(answered_on_time_filter(start, end)))


def overdue_at_filter(end):
    """Due before `end` and not answered by `end` (answered later, or not yet)."""
    return Q(reply_due_on__lt=end) & (Q(replied_on__isnull=True) | Q(replied_on__gt=end))


def filings_overdue(start, end):
    return _count_by_unit(Filing.objects.filter(overdue_at_filter(end)))


def contacts(start, end):
    return _count_by_unit(Contact.objects.filter(on__range=(start, end)))


def incidents(start, end):
    return _count_by_unit(Incident.objects.filter(on__range=(start, end)))


def incidents_resolved(start, end):
    return _count_by_unit(Incident.objects.filter(resolved_on__range=(start, end)))


def activities_guided(start, end):
    """Filings answered in the period plus contacts held in it."""
    found = _count_by_unit(Filing.objects.filter(replied_on__range=(start, end)))
    for unit_id, n in contacts(start, end).items():
        found[unit_id] = found.get(unit_id, 0) + n
    return found


# Units of measure as a report sentence reads them ("… : 12 hồ sơ").
FILINGS = pgettext_lazy("religion indicator", "filings")
INCIDENTS = pgettext_lazy("religion indicator", "incidents")

INDICATORS = [
    {
        "code": "religion_activities_guided",
        "name": _(
            "Religious and belief activities guided and managed according to the regulations"
        ),
        "unit": pgettext_lazy("religion indicator", "activities"),
        "higher_is_better": True,
        "compute": activities_guided,
        "help": _(
            "Filings of religious and belief activities answered within the period (by "
            "their answer date, whatever the answer) plus contacts with dignitaries and "
            "boards held within the period."
        ),
    },
    {
        "code": "religion_filings_received",
        "name": _("Religious and belief filings received"),
        "unit": FILINGS,
        "compute": filings_received,
        "help": _("Filings whose receipt date is within the period."),
    },
    {
        "code": "religion_filings_on_time",
        "name": _("Religious and belief filings answered on time"),
        "unit": FILINGS,
        "higher_is_better": True,
        "compute": filings_answered_on_time,
        "help": _(
            "Filings answered within the period on or before their reply due date (filings "
            "without a reply clock are not counted)."
        ),
    },
    {
        "code": "religion_filings_overdue",
        "name": _("Religious and belief filings overdue"),
        "unit": FILINGS,
        "higher_is_better": False,
        "compute": filings_overdue,
        "help": _(
            "As of the period's last day: filings whose reply was due before that day and "
            "that had not been answered by then, from the stored dates."
        ),
    },
    {
        "code": "religion_contacts",
        "name": _("Contacts with dignitaries and boards"),
        "unit": pgettext_lazy("religion indicator", "contacts"),
        "higher_is_better": True,
        "compute": contacts,
        "help": _("Visits, meetings and dialogues dated within the period."),
    },
    {
        "code": "religion_incidents",
        "name": _("Religious affairs incidents recorded"),
        "unit": INCIDENTS,
        "compute": incidents,
        "help": _("Incidents whose date is within the period."),
    },
    {
        "code": "religion_incidents_resolved",
        "name": _("Religious affairs incidents resolved"),
        "unit": INCIDENTS,
        "higher_is_better": True,
        "compute": incidents_resolved,
        "help": _("Incidents whose resolution date is within the period."),
    },
]


# The review's tables ----------------------------------------------------------------------

# The figures of the review table, in its column order (stats.MEASURES codes).
REVIEW_MEASURES = (
    ("establishments", "Cơ sở tôn giáo, tín ngưỡng"),
    ("groups", "Nhóm sinh hoạt tôn giáo tập trung"),
    ("dignitaries", "Chức sắc"),
    ("officials", "Chức việc"),
    ("followers", "Tín đồ"),
)


def vn_number(value):
    return f"{int(value):,}".replace(",", ".")


def shown_total(low, high, threshold):
    """A total as the figures page shows it: exact, "<5" when every value it could take
    is below the threshold, else the range "low–high"."""
    if low == high:
        return f"<{threshold}" if 1 <= low < threshold else low
    if high < threshold:
        return f"<{threshold}"
    return f"{vn_number(low)}–{vn_number(high)}"


def _column_totals(shown):
    """{column code: (name, (low, high))} of a published stats table: the figures page's
    totals row (stats.Table: `columns` of (code, name), `totals` of Range(low, high))."""
    names = {c.code: c.name for c in shown.columns}
    names[stats.BELIEF] = "Tín ngưỡng"
    return {code: (names[code], (t.low, t.high)) for code, t in shown.totals.items()}


def figures_table(unit, as_of):
    """The rows per religion of the unit's published column totals; none below ward level
    (the figures are published by ward, never finer)."""
    threshold = stats.threshold_setting()
    if stats.below_ward(unit):
        return [], threshold
    by_measure = {}
    columns = {}
    for measure, _title in REVIEW_MEASURES:
        shown = stats.present(stats.compute(unit, measure, as_of), exact=False)
        threshold = shown.threshold
        by_measure[measure] = _column_totals(shown)
        for code, (name, _total) in by_measure[measure].items():
            columns.setdefault(code, name)
    rows = []
    for code, name in columns.items():
        totals = [by_measure[m].get(code, (name, (0, 0)))[1] for m, _t in REVIEW_MEASURES]
        if all(total == (0, 0) for total in totals):
            continue
        rows.append([name] + [shown_total(*total, threshold) for total in totals])
    return rows, threshold


def filings_row(unit, start, end):
    """Received, answered on time and overdue at the end over the unit's subtree, exact:
    filings are the ward's work, not a count of believers."""
    filings = Filing.objects.filter(unit__path__startswith=unit.path)
    counts = filings.aggregate(
        received=Count("pk", filter=Q(received_on__range=(start, end))),
        on_time=Count("pk", filter=answered_on_time_filter(start, end)),
        overdue=Count("pk", filter=overdue_at_filter(end)),
    )
    return [counts["received"], counts["on_time"], counts["overdue"]]


def review_tables(period, unit):
    """The review's tables of "Công tác tôn giáo": the figures per religion (and belief)
    as of the period's end, suppressed as on the figures page, and the filings' clock
    (exact). Nothing when the unit's subtree has neither figures nor filings."""
    rows, threshold = figures_table(unit, period.end)
    filings = filings_row(unit, period.start, period.end)
    if not rows and filings == [0, 0, 0]:
        return []
    on = f"{period.end:%d/%m/%Y}"
    note = f"Ô có từ 1 đến {threshold - 1} được ghi “<{threshold}”; tổng ghi khoảng giá trị."
    return [
        {
            "area": "religion",
            "title": f"Tình hình tôn giáo, tín ngưỡng (đến ngày {on}). {note}",
            "header": ["Tôn giáo"] + [title for _m, title in REVIEW_MEASURES],
            "rows": rows,
        },
        {
            "area": "religion",
            "title": "Tiếp nhận, trả lời hồ sơ tín ngưỡng, tôn giáo "
            f"({period.start:%d/%m/%Y} – {on})",
            "header": ["Hồ sơ tiếp nhận", "Trả lời đúng hạn", f"Quá hạn đến ngày {on}"],
            "rows": [filings],
        },
    ]
