"""Bulk cases for benchmarks: `seed_scale --cases N` spreads N cases over the wards,
neighbourhoods and the city of the scale city (made with --wards, or 200 × 25 if there
are none), received over the last two years, with the status mix of a working office:
old cases mostly closed, recent ones open, a few overdue. Each case gets its petitioners,
its timeline events and the deadlines the engine computes (`deadlines.compute` is pure,
so it is called once per distinct set of facts).

Encryption is slow, so a few hundred identities are encrypted once and their tokens
shared among the petitioners.
"""

import random
from datetime import timedelta
from functools import cache

from django.utils import timezone

from dvs.lib.fakenames import person_name
from dvs.lib.vntext import fold
from dvs.units import scale as unit_scale
from dvs.units.models import Level, Unit

from . import deadlines, tally
from .demo import CONTENTS, OPENING_KIND
from .models import (
    CODE_ALPHABET,
    Case,
    Channel,
    Complexity,
    Event,
    Kind,
    Petitioner,
    Status,
    SubjectArea,
)

BATCH = 5000
DAYS = 730
IDENTITIES = 300

CHANNELS = [Channel.RECEPTION, Channel.POST, Channel.PORTAL, Channel.FORWARDED, Channel.FRONT]
CHANNEL_WEIGHTS = [30, 30, 22, 12, 6]
COMPLEXITIES = [Complexity.NORMAL, Complexity.COMPLEX, Complexity.ESPECIALLY_COMPLEX]


def add_arguments(parser):
    parser.add_argument("--cases", type=int, default=0, help="cases to generate")


@cache
def _deadlines(kind, received_on, complexity, remote_area, accepted_on):
    return deadlines.compute(
        deadlines.CaseFacts(
            kind=kind,
            received_on=received_on,
            complexity=complexity,
            remote_area=remote_area,
            accepted_on=accepted_on,
        )
    )


def generate(options, stdout):
    total = options.get("cases") or 0
    if not total:
        return
    city = Unit.objects.filter(code="SC").first()
    if city is None:
        unit_scale.generate({"wards": 200, "neighbourhoods": 25}, stdout)
        city = Unit.objects.get(code="SC")
    units = list(
        Unit.objects.subtree_of(city)
        .filter(level__in=[Level.COMMUNE, Level.NEIGHBOURHOOD])
        .values_list("id", "level")
    )
    wards = [pk for pk, level in units if level == Level.COMMUNE]
    neighbourhoods = [pk for pk, level in units if level == Level.NEIGHBOURHOOD] or wards
    areas = {a.code: a.pk for a in SubjectArea.objects.all()}
    contents = [
        (OPENING_KIND[text.split()[0]], areas[code], text.format(place="khu phố"))
        for code, texts in CONTENTS.items()
        if code in areas
        for text in texts
    ]
    contents = [(kind, area, text, fold(text)) for kind, area, text in contents]
    rng = random.Random(2024 + Case.objects.count())
    identities = _identities(rng)
    today = timezone.localdate()
    made = 0
    while made < total:
        size = min(BATCH, total - made)
        cases, extras = [], []
        for _ in range(size):
            draw = rng.random()
            unit_id = (
                city.pk
                if draw < 0.1
                else rng.choice(neighbourhoods)
                if draw < 0.25
                else rng.choice(wards)
            )
            case, extra = _case(rng, today, unit_id, contents)
            cases.append(case)
            extras.append(extra)
        Case.objects.bulk_create(cases, batch_size=1000)
        petitioners, events = [], []
        for case, (steps, people) in zip(cases, extras, strict=True):
            events.extend(Event(case_id=case.pk, kind=kind, on=on) for kind, on in steps)
            for _ in range(people):
                token, key, name = rng.choice(identities)
                petitioners.append(
                    Petitioner(
                        case_id=case.pk,
                        identity_encrypted=token,
                        name_key=key,
                        public_name="" if case.kind == Kind.DENUNCIATION else name,
                    )
                )
        Petitioner.objects.bulk_create(petitioners, batch_size=2000)
        Event.objects.bulk_create(events, batch_size=2000)
        made += size
    tally.rebuild()  # the dashboard's narrow rows, recounted after the bulk load
    stdout.write(f"  cases: {total}")


def _identities(rng):
    rows = []
    for _ in range(IDENTITIES):
        petitioner = Petitioner()
        petitioner.set_identity(
            confidential=False,
            name=person_name(rng),
            address=f"Số {rng.randint(1, 200)}, khu phố {rng.randint(1, 25)}",
            phone=f"09{rng.randint(10000000, 99999999)}",
        )
        rows.append((petitioner.identity_encrypted, petitioner.name_key, petitioner.public_name))
    return rows


def _case(rng, today, unit_id, contents):
    """An unsaved case in the state its age makes likely, its events and its number of
    petitioners."""
    kind, area_id, text, key = rng.choice(contents)
    received_on = today - timedelta(days=int(DAYS * rng.random()))
    age = (today - received_on).days
    channel = rng.choices(CHANNELS, weights=CHANNEL_WEIGHTS)[0]
    anonymous = kind == Kind.DENUNCIATION and rng.random() < 0.2
    group = not anonymous and kind in (Kind.COMPLAINT, Kind.PETITION) and rng.random() < 0.05
    complexity = rng.choices(COMPLEXITIES, weights=[85, 12, 3])[0]
    remote = kind == Kind.COMPLAINT and rng.random() < 0.05
    case = Case(
        code="".join(rng.choices(CODE_ALPHABET, k=10)),
        unit_id=unit_id,
        kind=kind,
        channel=channel,
        received_on=received_on,
        subject_area_id=area_id,
        content=text,
        content_key=key,
        complexity=complexity,
        remote_area=remote,
        anonymous=anonymous,
        group_case=group,
        forwarded_by="Ban Tiếp công dân tỉnh" if channel == Channel.FORWARDED else "",
    )
    steps = [(Event.Kind.RECEIVED, received_on)]
    accepted_on = None
    draw = rng.random()
    if age >= 3 and draw < 0.14:
        closed_on = min(received_on + timedelta(days=rng.randint(1, 8)), today)
        case.status, event = rng.choice(
            [
                (Status.FORWARDED, Event.Kind.FORWARDED),
                (Status.FORWARDED, Event.Kind.FORWARDED),
                (Status.GUIDED, Event.Kind.GUIDED),
                (Status.ARCHIVED, Event.Kind.ARCHIVED),
            ]
        )
        case.closed_on = closed_on
        steps.append((event, closed_on))
    elif age < 8 or (age < 60 and draw < 0.17):
        case.status = Status.RECEIVED  # waiting; overdue past the acceptance limit
    else:
        accepted_on = min(received_on + timedelta(days=rng.randint(1, 7)), today)
        case.accepted_on = accepted_on
        steps.append((Event.Kind.ACCEPTED, accepted_on))
        took = rng.randint(10, 40) if rng.random() < 0.85 else rng.randint(41, 90)
        concluded_on = accepted_on + timedelta(days=took)
        if concluded_on >= today or rng.random() < 0.03:
            case.status = Status.ACCEPTED  # being resolved: on time, due soon or overdue
        else:
            case.concluded_on = concluded_on
            case.conclusion = "Đã giải quyết, trả lời người gửi đơn."
            steps.append((Event.Kind.CONCLUDED, concluded_on))
            notified_on = concluded_on + timedelta(days=rng.randint(1, 6))
            if notified_on <= today:
                case.status = Status.NOTIFIED
                case.closed_on = notified_on
                steps.append((Event.Kind.NOTIFIED, notified_on))
            else:
                case.status = Status.CONCLUDED
    computed = _deadlines(kind, received_on, complexity, remote, accepted_on)
    case.rules, case.accept_by, case.resolve_by = (
        computed.rules,
        computed.accept_by,
        computed.resolve_by,
    )
    if case.concluded_on:
        case.resolved_on_time = case.concluded_on <= computed.resolve_by
    people = 0 if anonymous else (rng.randint(2, 5) if group else 1)
    return case, (steps, people)
