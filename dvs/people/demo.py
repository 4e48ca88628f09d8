"""Demo residents: households of 2–6 people in the first three wards' neighbourhoods,
with memberships in the women's union, the elderly association and the youth union,
and the eligibility rules behind the coverage figures."""

import datetime
import random

from dvs.lib.fakenames import FAMILY, GIVEN_FEMALE, GIVEN_MALE, MIDDLE_FEMALE, MIDDLE_MALE
from dvs.units.models import Level, Organisation, OrganisationKind, Unit

from .models import EligibilityRule, Household, Membership, Person, Sex
from .reference import ETHNICITIES, RELIGIONS

RULES = [
    ("womens_union", Sex.FEMALE, 18, None),
    ("elderly", "", 60, None),
    ("youth_union", "", 16, 30),
    ("veterans", Sex.MALE, 40, None),
]
DEMO_WARDS = ("W01", "W02", "W03")


def load(stdout=None):
    rng = random.Random(1975)
    for code, sex, min_age, max_age in RULES:
        kind = OrganisationKind.objects.filter(code=code).first()
        if kind:
            EligibilityRule.objects.get_or_create(
                kind=kind, defaults={"sex": sex, "min_age": min_age, "max_age": max_age}
            )
    count = 0
    for ward in Unit.objects.filter(code__in=DEMO_WARDS):
        ward_organisations = {
            o.kind.code: o for o in Organisation.objects.filter(unit=ward).select_related("kind")
        }
        for neighbourhood in ward.get_children().filter(level=Level.NEIGHBOURHOOD):
            # Members join their neighbourhood's branch where there is one, else the ward body.
            organisations = {
                **ward_organisations,
                **{
                    o.kind.code: o
                    for o in Organisation.objects.filter(unit=neighbourhood).select_related("kind")
                },
            }
            for number in range(1, 36):
                count += _household(rng, neighbourhood, number, organisations)
    if stdout:
        stdout.write(f"  residents: {count}")


def _household(rng, unit, number, organisations):
    family = rng.choice(FAMILY)
    household = Household.objects.create(
        unit=unit, address=f"Số {number}, ngõ {rng.randint(1, 40)}, {unit.name}"
    )
    members = []
    head_born = rng.randint(1940, 1995)
    members.append((True, rng.random() < 0.7, head_born))
    if rng.random() < 0.85:
        members.append((False, not members[0][1], head_born + rng.randint(-4, 4)))
    for _ in range(rng.randint(0, 3)):
        members.append((False, rng.random() < 0.5, min(head_born + rng.randint(20, 32), 2024)))
    if head_born > 1965 and rng.random() < 0.4:
        members.append((False, rng.random() < 0.5, head_born - rng.randint(22, 30)))
    ethnicity = "Kinh" if rng.random() < 0.93 else rng.choice(ETHNICITIES[1:12])
    religion = rng.choices(RELIGIONS[:4], weights=[70, 20, 8, 2])[0]
    for is_head, male, born in members:
        sex = Sex.MALE if male else Sex.FEMALE
        middle = rng.choice(MIDDLE_MALE if male else MIDDLE_FEMALE)
        given = rng.choice(GIVEN_MALE if male else GIVEN_FEMALE)
        surname = family if (is_head or born > head_born + 10) else rng.choice(FAMILY)
        birth_date = None
        if rng.random() < 0.85:
            birth_date = datetime.date(born, rng.randint(1, 12), rng.randint(1, 28))
        person = Person(
            unit=unit,
            household=household,
            full_name=f"{surname} {middle} {given}",
            sex=sex,
            birth_date=birth_date,
            birth_year=born,
            phone=f"09{rng.randint(10000000, 99999999)}",
        )
        digit = (0 if male else 1) + (2 if born >= 2000 else 0)
        person.set_sensitive(
            id_number=f"027{digit}{born % 100:02d}{rng.randint(0, 999999):06d}",
            ethnicity=ethnicity,
            religion=religion,
        )
        person.save()
        if is_head:
            household.head = person
            household.save(update_fields=["head"])
        _memberships(rng, person, 2024 - born, organisations)
    return len(members)


def _memberships(rng, person, age, organisations):
    joined = datetime.date(2024 - rng.randint(0, 15), rng.randint(1, 12), 1)
    wanted = []
    if person.sex == Sex.FEMALE and age >= 18 and rng.random() < 0.62:
        wanted.append("womens_union")
    if age >= 60 and rng.random() < 0.78:
        wanted.append("elderly")
    if 16 <= age <= 30 and rng.random() < 0.45:
        wanted.append("youth_union")
    if person.sex == Sex.MALE and age >= 45 and rng.random() < 0.12:
        wanted.append("veterans")
    for code in wanted:
        if code in organisations:
            Membership.objects.create(
                person=person,
                organisation=organisations[code],
                joined_on=joined,
                card_number=f"{code[:2].upper()}{person.pk:06d}",
            )
