"""Indicators of grassroots democracy for periodic reports (format: dvs/reports/registry.py)
and the six-month review's "Thực hiện dân chủ ở cơ sở" tables.

Each indicator is the unit's own count for the period [start, end], keyed by the unit the
row was recorded in (a board's inspection by its board's ward), from the dates stored on
the rows (decided, published, posted, recognised, held), never from a row's current
status. The codes start with `democracy_`, so the review's narrative puts them under
"Thực hiện dân chủ ở cơ sở" (reports/narrative.py). The review's tables add the same
functions up over the unit's subtree: the dashboard and the review cannot disagree.
"""

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dvs.units.models import Unit

from .models import Board, Charter, Conference, Consultation, Disclosure, Form, Inspection, Matter


def _count_by(queryset, unit="unit_id"):
    return dict(queryset.order_by().values_list(unit).annotate(n=Count("pk")))


def _decided(start, end, **filters):
    return Matter.objects.filter(decided_on__range=(start, end), **filters)


def matters_decided(start, end):
    return _count_by(_decided(start, end))


def matters_passed(start, end):
    return _count_by(_decided(start, end, passed=True))


def _by_form(form, passed=None):
    def compute(start, end):
        filters = {"decided_form": form}
        if passed is not None:
            filters["passed"] = passed
        return _count_by(_decided(start, end, **filters))

    return compute


def consultations(start, end):
    return _count_by(Consultation.objects.filter(published_on__range=(start, end)))


def opinions(start, end):
    rows = (
        Consultation.objects.filter(opinions__received_on__range=(start, end))
        .order_by()
        .values_list("unit_id")
        .annotate(n=Sum("opinions__count"))
    )
    return dict(rows)


def disclosures(start, end):
    return _count_by(Disclosure.objects.filter(posted_from__range=(start, end)))


def disclosures_on_time(start, end):
    return _count_by(
        Disclosure.objects.filter(
            posted_from__range=(start, end),
            disclose_by__isnull=False,
            posted_from__lte=F("disclose_by"),
        )
    )


def charters_recognised(start, end):
    return _count_by(Charter.objects.filter(recognised_on__range=(start, end)))


def inspections(start, end):
    return _count_by(
        Inspection.objects.filter(held_on__range=(start, end), board__kind=Board.Kind.INSPECTION),
        unit="board__unit_id",
    )


def monitoring_boards(start, end):
    """Community investment-monitoring boards at work during the period."""
    return _count_by(
        Board.objects.filter(kind=Board.Kind.MONITORING, term_from__lte=end).filter(
            Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=start)
        )
    )


def conferences(start, end):
    return _count_by(Conference.objects.filter(held_on__range=(start, end)))


MATTERS = pgettext_lazy("democracy indicator", "matters")
FORMS = (
    (Form.MEETING, "meeting", _("Matters decided in a meeting")),
    (Form.BALLOT, "ballot", _("Matters decided by a household ballot")),
    (Form.ONLINE, "online", _("Matters decided by an online vote")),
)

INDICATORS = [
    {
        "code": "democracy_matters_decided",
        "name": _("Matters decided by the residents"),
        "unit": MATTERS,
        "compute": matters_decided,
        "help": _(
            "Matters whose decision date (the meeting, or the end of the ballot or online "
            "vote) is within the period, passed or not."
        ),
    },
    {
        "code": "democracy_matters_passed",
        "name": _("Matters passed by the residents"),
        "unit": MATTERS,
        "higher_is_better": True,
        "compute": matters_passed,
        "help": _(
            "Matters decided within the period that reached the threshold on all "
            "households of their roll."
        ),
    },
    *(
        {
            "code": f"democracy_matters_{code}",
            "name": name,
            "unit": MATTERS,
            "compute": _by_form(form),
            "help": _("Matters decided within the period in this form."),
        }
        for form, code, name in FORMS
    ),
    {
        "code": "democracy_consultations",
        "name": _("Consultations of the residents published"),
        "unit": pgettext_lazy("democracy indicator", "consultations"),
        "higher_is_better": True,
        "compute": consultations,
        "help": _("Consultations whose publication date is within the period."),
    },
    {
        "code": "democracy_opinions",
        "name": _("Opinions received in consultations"),
        "unit": pgettext_lazy("democracy indicator", "opinions"),
        "compute": opinions,
        "help": _(
            "Opinions received within the period, a meeting's or a ballot's counted by the "
            "people or households they stand for."
        ),
    },
    {
        "code": "democracy_disclosures",
        "name": _("Disclosures posted"),
        "unit": pgettext_lazy("democracy indicator", "disclosures"),
        "compute": disclosures,
        "help": _("Entries of the disclosure register whose posting began within the period."),
    },
    {
        "code": "democracy_disclosures_on_time",
        "name": _("Disclosures posted on time"),
        "unit": pgettext_lazy("democracy indicator", "disclosures"),
        "higher_is_better": True,
        "compute": disclosures_on_time,
        "help": _(
            "Disclosures whose posting began within the period on or before their due date "
            "(5 working days after the decision)."
        ),
    },
    {
        "code": "democracy_charters_recognised",
        "name": _("Village charters recognised"),
        "unit": pgettext_lazy("democracy indicator", "charters"),
        "higher_is_better": True,
        "compute": charters_recognised,
        "help": _("Village covenants and conventions whose recognition date is within the period."),
    },
    {
        "code": "democracy_inspections",
        "name": _("Inspections by the people's inspection boards"),
        "unit": pgettext_lazy("democracy indicator", "inspections"),
        "higher_is_better": True,
        "compute": inspections,
        "help": _("Inspections of people's inspection boards held within the period."),
    },
    {
        "code": "democracy_monitoring_boards",
        "name": _("Community investment-monitoring boards at work"),
        "unit": pgettext_lazy("democracy indicator", "boards"),
        "compute": monitoring_boards,
        "help": _(
            "Community investment-monitoring boards set up by the period's end and not "
            "dissolved before its start."
        ),
    },
    {
        "code": "democracy_conferences",
        "name": _("Community conferences and dialogues held"),
        "unit": pgettext_lazy("democracy indicator", "conferences"),
        "higher_is_better": True,
        "compute": conferences,
        "help": _(
            "Annual community conferences of neighbourhoods and the wards' dialogues with "
            "residents held within the period."
        ),
    },
]


# The review's tables ----------------------------------------------------------------------


def _subtree_total(compute, unit_ids, start, end):
    return sum(n for unit_id, n in compute(start, end).items() if unit_id in unit_ids)


def review_tables(period, unit):
    """The review's tables of "Thực hiện dân chủ ở cơ sở": matters decided by form and
    result, and the other work (consultations, disclosures, charters, inspections,
    monitoring boards, conferences), over the unit's subtree for the period, by the
    indicator functions above. Nothing when the subtree has none of it."""
    start, end = period.start, period.end
    unit_ids = set(Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))

    def total(compute):
        return _subtree_total(compute, unit_ids, start, end)

    names = {
        Form.MEETING: "Họp",
        Form.BALLOT: "Phát phiếu lấy ý kiến hộ gia đình",
        Form.ONLINE: "Biểu quyết trực tuyến",
    }
    matter_rows = []
    for form, _code, _label in FORMS:
        decided = total(_by_form(form))
        passed = total(_by_form(form, passed=True))
        if decided:
            matter_rows.append([names[form], decided, passed, decided - passed])
    work = [
        ("Cuộc lấy ý kiến Nhân dân được công bố", total(consultations)),
        ("Ý kiến Nhân dân tiếp nhận", total(opinions)),
        ("Nội dung công khai được niêm yết", total(disclosures)),
        ("– trong đó công khai đúng hạn", total(disclosures_on_time)),
        ("Hương ước, quy ước được công nhận", total(charters_recognised)),
        ("Cuộc kiểm tra của Ban Thanh tra nhân dân", total(inspections)),
        ("Ban Giám sát đầu tư của cộng đồng hoạt động", total(monitoring_boards)),
        ("Hội nghị cộng đồng, đối thoại với Nhân dân", total(conferences)),
    ]
    if not matter_rows and not any(n for _name, n in work):
        return []
    span = f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"
    tables = []
    if matter_rows:
        decided = sum(row[1] for row in matter_rows)
        passed = sum(row[2] for row in matter_rows)
        tables.append(
            {
                "area": "democracy",
                "title": f"Nội dung Nhân dân bàn và quyết định theo hình thức ({span})",
                "header": ["Hình thức", "Đã quyết định", "Thông qua", "Không thông qua"],
                "rows": matter_rows + [["Tổng cộng", decided, passed, decided - passed]],
            }
        )
    tables.append(
        {
            "area": "democracy",
            "title": f"Kết quả thực hiện dân chủ ở cơ sở ({span})",
            "header": ["Nội dung", "Số lượng"],
            "rows": [[name, n] for name, n in work],
        }
    )
    return tables
