"""Bulk data for the grassroots democracy benchmark (bench/bench_democracy.py): a city of
`wards` wards of 10 neighbourhoods each, every neighbourhood with `households`
households (people.Household) and `per_neighbourhood` matters decided over the last year
by meeting, ballot or online vote (some not yet sent, some sent and recognised), and per
ward a consultation with its opinions, 20 disclosures (some late) and a people's
inspection board with its inspections.

Rows are written with bulk_create; the stored due dates are set as the actions would
leave them, with calendar days instead of working days (the benchmark measures reading,
not the calendar). Deterministic (a fixed seed).
"""

import datetime
import random

from django.utils import timezone

from dvs.people.models import Household
from dvs.units.models import Level, Unit

from .models import (
    Board,
    Consultation,
    Disclosure,
    Form,
    Inspection,
    Item,
    Matter,
    Opinion,
    RollEntry,
)

CITY = "DC"
NEIGHBOURHOODS = 10
BATCH = 5000


def add_arguments(parser):
    """`manage.py seed_scale --democracy-wards N [--democracy-households H]`."""
    parser.add_argument(
        "--democracy-wards",
        type=int,
        default=0,
        help="wards of grassroots democracy to generate (in a city of their own)",
    )
    parser.add_argument(
        "--democracy-households",
        type=int,
        default=200,
        help="households per neighbourhood",
    )
    parser.add_argument(
        "--democracy-matters",
        type=int,
        default=5,
        help="matters decided per neighbourhood",
    )


def generate(options, stdout):
    wards = options.get("democracy_wards") or 0
    if wards:
        households = options.get("democracy_households") or 200
        matters = options.get("democracy_matters") or 5
        seed(wards=wards, households=households, per_neighbourhood=matters)
        stdout.write(
            f"democracy: {wards} wards × {NEIGHBOURHOODS} neighbourhoods × {households} households"
        )


def _units(wards):
    city = Unit.objects.filter(code=CITY).first()
    if city is None:
        province = Unit.objects.filter(level=Level.PROVINCE).first() or Unit.add_root(
            code="DP", name="Tỉnh dân chủ", level=Level.PROVINCE
        )
        city = province.add_child(code=CITY, name="Thành phố dân chủ", level=Level.DISTRICT)
    made = []
    for w in range(1, wards + 1):
        city = Unit.objects.get(pk=city.pk)
        ward = city.add_child(code=f"DW{w:04d}", name=f"Phường Dân chủ {w}", level=Level.COMMUNE)
        for n in range(1, NEIGHBOURHOODS + 1):
            ward = Unit.objects.get(pk=ward.pk)
            made.append(
                (
                    ward,
                    ward.add_child(
                        code=f"DW{w:04d}T{n:02d}",
                        name=f"Tổ dân phố {n}",
                        level=Level.NEIGHBOURHOOD,
                    ),
                )
            )
    return made


def seed(*, wards, households, per_neighbourhood):
    rng = random.Random(16)
    today = timezone.localdate()
    units = _units(wards)
    Household.objects.bulk_create(
        (
            Household(unit=neighbourhood, address=f"Số {h}, {neighbourhood.name}")
            for _ward, neighbourhood in units
            for h in range(1, households + 1)
        ),
        batch_size=BATCH,
    )
    forms = [Form.MEETING, Form.MEETING, Form.BALLOT, Form.ONLINE]
    matters = []
    for _ward, neighbourhood in units:
        for m in range(per_neighbourhood):
            form = rng.choice(forms)
            item = Item.OTHER if form == Form.ONLINE else rng.choice(list(Item))
            decided_on = today - datetime.timedelta(days=rng.randint(1, 365))
            sent = rng.random() < 0.8
            matters.append(
                Matter(
                    unit=neighbourhood,
                    item=item,
                    title=f"Nội dung {m + 1} của {neighbourhood.name}",
                    status=Matter.Status.SENT if sent else Matter.Status.DECIDED,
                    opened_on=decided_on - datetime.timedelta(days=10),
                    households=households,
                    meeting_on=decided_on,
                    decided_form=form,
                    decided_on=decided_on,
                    passed=rng.random() < 0.85,
                    yes=rng.randint(households // 2, households),
                    send_by=decided_on + datetime.timedelta(days=7),
                    sent_on=decided_on + datetime.timedelta(days=rng.randint(1, 9))
                    if sent
                    else None,
                )
            )
    Matter.objects.bulk_create(matters, batch_size=BATCH)
    # A roll for the first matter of every neighbourhood (the others keep their count).
    first = Matter.objects.filter(unit__path__startswith=Unit.objects.get(code=CITY).path)
    first_ids = dict(first.order_by("unit_id", "pk").values_list("unit_id", "pk").distinct())
    RollEntry.objects.bulk_create(
        (
            RollEntry(matter_id=matter_id, number=h, address=f"Số {h}", representative=f"Hộ {h}")
            for matter_id in first_ids.values()
            for h in range(1, households + 1)
        ),
        batch_size=BATCH,
    )
    seen = set()
    for ward, _neighbourhood in units:
        if ward.pk in seen:
            continue
        seen.add(ward.pk)
        _ward_rows(ward, rng, today)


def _ward_rows(ward, rng, today):
    published = today - datetime.timedelta(days=rng.randint(25, 200))
    consultation = Consultation.objects.create(
        unit=ward,
        title=f"Lấy ý kiến quy hoạch {ward.name}",
        summary="Dự thảo quy hoạch.",
        published_on=published,
        closes_on=published + datetime.timedelta(days=20),
        status=Consultation.Status.CLOSED,
    )
    Opinion.objects.bulk_create(
        Opinion(
            consultation=consultation,
            channel=rng.choice(Opinion.Channel.values),
            stance=rng.choice(Opinion.Stance.values),
            count=rng.randint(1, 40),
            received_on=published + datetime.timedelta(days=rng.randint(0, 19)),
        )
        for _n in range(30)
    )
    disclosures = []
    for n in range(20):
        decided = today - datetime.timedelta(days=rng.randint(1, 300))
        due = decided + datetime.timedelta(days=7)
        posted = decided + datetime.timedelta(days=rng.randint(1, 10)) if n % 7 else None
        disclosures.append(
            Disclosure(
                unit=ward,
                item=rng.randint(1, 14),
                title=f"Công khai số {n + 1}",
                decided_on=decided,
                disclose_by=due,
                posted_from=posted,
                on_notice_board=True,
            )
        )
    Disclosure.objects.bulk_create(disclosures)
    board = Board.objects.create(
        unit=ward,
        kind=Board.Kind.INSPECTION,
        name=f"Ban Thanh tra nhân dân {ward.name}",
        term_from=datetime.date(today.year - 1, 1, 1),
    )
    Inspection.objects.bulk_create(
        Inspection(
            board=board,
            subject=f"Kiểm tra số {n + 1}",
            held_on=today - datetime.timedelta(days=rng.randint(1, 300)),
        )
        for n in range(4)
    )
