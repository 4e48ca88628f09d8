"""Rows of grassroots democracy for tests: a matter with its frozen roll, and one minimal
row of every model in a unit (`ROWS`, used by the scope matrices)."""

import datetime

from django.utils import timezone

from dvs.democracy import models as m
from dvs.people.models import Household


def make_households(unit, count, prefix="Số"):
    """`count` households in a neighbourhood, in one query."""
    Household.objects.bulk_create(
        Household(unit=unit, address=f"{prefix} {n}") for n in range(1, count + 1)
    )
    return Household.objects.filter(unit=unit).order_by("id")


def make_matter(
    unit, title="Đóng góp làm đường ngõ 5", *, item=m.Item.CONTRIBUTION, households=0, **fields
):
    """An open matter whose roll holds `households` numbered households (not linked to
    people.Household: the roll is what the thresholds count)."""
    fields.setdefault("status", m.Matter.Status.OPEN)
    fields.setdefault("opened_on", datetime.date(2026, 4, 1))
    matter = m.Matter.objects.create(
        unit=unit, title=title, item=item, households=households, **fields
    )
    m.RollEntry.objects.bulk_create(
        m.RollEntry(matter=matter, number=n, address=f"Số {n}", representative=f"Hộ {n}")
        for n in range(1, households + 1)
    )
    return matter


def make_ballot(matter, **fields):
    fields.setdefault("opens_on", datetime.date(2026, 4, 20))
    fields.setdefault("closes_on", datetime.date(2026, 4, 24))
    return m.Ballot.objects.create(matter=matter, **fields)


def make_online_vote(matter, **fields):
    fields.setdefault("optin_polled_on", datetime.date(2026, 4, 10))
    fields.setdefault("optin_yes", (matter.households or 0) // 2 + 1)
    fields.setdefault("starts_at", timezone.make_aware(datetime.datetime(2026, 4, 20, 8)))
    fields.setdefault("ends_at", timezone.make_aware(datetime.datetime(2026, 4, 22, 20)))
    return m.OnlineVote.objects.create(matter=matter, **fields)


def make_election(unit, election_on=datetime.date(2026, 12, 20), **fields):
    return m.HeadElection.objects.create(unit=unit, election_on=election_on, **fields)


def make_consultation(unit, title="Lấy ý kiến quy hoạch chợ", **fields):
    fields.setdefault("summary", "Dự thảo phương án bố trí lại chợ dân sinh.")
    return m.Consultation.objects.create(unit=unit, title=title, **fields)


def make_disclosure(unit, title="Dự toán ngân sách năm 2026", **fields):
    fields.setdefault("item", m.DisclosureItem.BUDGET)
    fields.setdefault("decided_on", datetime.date(2026, 8, 28))
    return m.Disclosure.objects.create(unit=unit, title=title, **fields)


def make_board(unit, name="Ban Thanh tra nhân dân", **fields):
    fields.setdefault("kind", m.Board.Kind.INSPECTION)
    fields.setdefault("term_from", datetime.date(2025, 1, 1))
    return m.Board.objects.create(unit=unit, name=name, **fields)


def make_inspection(board, subject="Việc thu chi quỹ đền ơn đáp nghĩa", **fields):
    fields.setdefault("held_on", datetime.date(2026, 5, 4))
    return m.Inspection.objects.create(board=board, subject=subject, **fields)


def make_charter(unit, title="Quy ước tổ dân phố", **fields):
    return m.Charter.objects.create(unit=unit, title=title, **fields)


def make_conference(unit, year=2026, **fields):
    fields.setdefault("kind", m.Conference.Kind.COMMUNITY)
    return m.Conference.objects.create(unit=unit, year=year, **fields)


def _spread(tag, n):
    """A number below n that differs between tags, for rows whose text is a date or year."""
    return sum(map(ord, tag)) % n


# One row of each model in `unit`, its text carrying `tag` (the scope matrices search the
# exports and pages for the other side's rows by their str()).
ROWS = {
    m.Matter: lambda unit, tag: make_matter(unit, f"Việc {tag}", households=1),
    m.MatterReview: lambda unit, tag: m.MatterReview.objects.create(
        matter=make_matter(unit, f"Hủy bỏ {tag}"),
        kind=m.MatterReview.Kind.ANNUL,
        requested_on=datetime.date(2026, 5, 1),
        reason=f"Lý do {tag}",
    ),
    m.HeadElection: lambda unit, tag: make_election(unit, interim_head=f"Tạm {tag}"),
    m.Consultation: lambda unit, tag: make_consultation(unit, f"Lấy ý kiến {tag}"),
    m.Opinion: lambda unit, tag: m.Opinion.objects.create(
        consultation=make_consultation(unit, f"Góp ý {tag}"),
        channel=m.Opinion.Channel.BOX,
        stance=m.Opinion.Stance.AGREE,
        name=f"Người góp ý {tag}",
        content=f"Ý kiến {tag}",
        received_on=datetime.date(2026, 9, 2),
    ),
    m.Disclosure: lambda unit, tag: make_disclosure(unit, f"Công khai {tag}"),
    m.Board: lambda unit, tag: make_board(unit, f"Ban {tag}"),
    m.BoardPlan: lambda unit, tag: m.BoardPlan.objects.create(
        board=make_board(unit, f"Ban có kế hoạch {tag}"),
        period=m.BoardPlan.Period.QUARTER,
        title=f"Kế hoạch {tag}",
    ),
    m.Inspection: lambda unit, tag: make_inspection(
        make_board(unit, f"Ban kiểm tra {tag}"), f"Kiểm tra {tag}"
    ),
    m.Recommendation: lambda unit, tag: m.Recommendation.objects.create(
        inspection=make_inspection(make_board(unit, f"Ban kiến nghị {tag}")),
        content=f"Kiến nghị {tag}",
        addressed_to="UBND phường",
        sent_on=datetime.date(2026, 5, 10),
    ),
    m.BoardReport: lambda unit, tag: m.BoardReport.objects.create(
        board=make_board(unit, f"Ban gửi báo cáo {tag}"),
        period=m.BoardReport.Period.QUARTER,
        year=2026,
        quarter=1 + _spread(tag, 4),
        sent_on=datetime.date(2026, 4, 5),
        content=f"Báo cáo {tag}",
    ),
    m.Charter: lambda unit, tag: make_charter(unit, f"Quy ước {tag}"),
    m.CharterReview: lambda unit, tag: m.CharterReview.objects.create(
        charter=make_charter(unit, f"Quy ước rà soát {tag}"),
        year=2026,
        due_on=datetime.date(2026, 11, 18),
    ),
    m.Conference: lambda unit, tag: make_conference(unit, 2000 + _spread(tag, 26)),
}
