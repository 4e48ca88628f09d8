"""The demo city: a fictional city shaped like the one in the seed article (pre-2025
structure: province → city → 19 wards → neighbourhoods), its organisations and terms."""

import datetime
import random

from dvs.lib.fakenames import person_name

from .models import Level, Organisation, OrganisationKind, Term, Unit

WARD_NAMES = [
    "Phường Đông Ngàn",
    "Phường Hòa Long",
    "Phường Kim Chân",
    "Phường Đại Phúc",
    "Phường Vũ Ninh",
    "Phường Thị Cầu",
    "Phường Tiền An",
    "Phường Ninh Xá",
    "Phường Suối Hoa",
    "Phường Vệ An",
    "Phường Kinh Bắc",
    "Phường Võ Cường",
    "Phường Vân Dương",
    "Phường Nam Sơn",
    "Phường Hạp Lĩnh",
    "Phường Khắc Niệm",
    "Phường Khúc Xuyên",
    "Phường Phong Khê",
    "Phường Vạn An",
]

KINDS = [
    # code, name, abbreviation, order, socio-political
    ("party_committee", "Cấp ủy Đảng", "Cấp ủy", 1, False),
    ("mass_mobilization_board", "Ban Dân vận (Ban Tuyên giáo và Dân vận)", "BDV", 2, False),
    ("ward_bloc", "Khối dân vận phường", "KDV", 3, False),
    ("fatherland_front", "Ủy ban Mặt trận Tổ quốc Việt Nam", "MTTQ", 4, False),
    ("neighbourhood_front", "Ban công tác Mặt trận khu dân cư", "BCTMT", 5, False),
    ("womens_union", "Hội Liên hiệp Phụ nữ", "Hội LHPN", 6, True),
    ("youth_union", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Đoàn TN", 7, True),
    ("veterans", "Hội Cựu chiến binh", "Hội CCB", 8, True),
    ("farmers", "Hội Nông dân", "Hội ND", 9, True),
    ("trade_union", "Liên đoàn Lao động", "LĐLĐ", 10, True),
    ("elderly", "Hội Người cao tuổi", "Hội NCT", 11, False),
    ("youth_federation", "Hội Liên hiệp Thanh niên", "Hội LHTN", 12, False),
]

CITY_ORGS = [
    ("party_committee", "Thành ủy Kinh Bắc", None),
    ("mass_mobilization_board", "Ban Dân vận Thành ủy", "party_committee"),
    ("fatherland_front", "Ủy ban MTTQ Việt Nam thành phố", None),
    ("womens_union", "Hội LHPN thành phố", "fatherland_front"),
    ("youth_union", "Thành đoàn Kinh Bắc", "fatherland_front"),
    ("veterans", "Hội Cựu chiến binh thành phố", "fatherland_front"),
    ("farmers", "Hội Nông dân thành phố", "fatherland_front"),
    ("trade_union", "Liên đoàn Lao động thành phố", "fatherland_front"),
    ("elderly", "Hội Người cao tuổi thành phố", "fatherland_front"),
    ("youth_federation", "Hội LHTN thành phố", "youth_union"),
]
WARD_ORGS = [
    ("party_committee", "Đảng ủy {ward}", None),
    ("ward_bloc", "Khối dân vận {ward}", "party_committee"),
    ("fatherland_front", "Ủy ban MTTQ {ward}", None),
    ("womens_union", "Hội LHPN {ward}", "fatherland_front"),
    ("youth_union", "Đoàn {ward}", "fatherland_front"),
    ("veterans", "Hội CCB {ward}", "fatherland_front"),
    ("elderly", "Hội Người cao tuổi {ward}", "fatherland_front"),
]
NEIGHBOURHOOD_ORGS = [
    ("neighbourhood_front", "Ban công tác Mặt trận {unit}"),
    ("womens_union", "Chi hội Phụ nữ {unit}"),
    ("elderly", "Chi hội Người cao tuổi {unit}"),
]
TERMS = {
    # kind: (term name, start, end, leader positions)
    "fatherland_front": (
        "2024–2029",
        datetime.date(2024, 5, 20),
        datetime.date(2029, 5, 19),
        ["Chủ tịch", "Phó Chủ tịch"],
    ),
    "elderly": (
        "2024–2026",
        datetime.date(2024, 3, 15),
        datetime.date(2026, 12, 31),
        ["Chủ tịch", "Phó Chủ tịch"],
    ),
    "womens_union": (
        "2021–2026",
        datetime.date(2021, 6, 1),
        datetime.date(2026, 12, 31),
        ["Chủ tịch", "Phó Chủ tịch"],
    ),
    "youth_federation": (
        "2024–2029",
        datetime.date(2024, 9, 10),
        datetime.date(2029, 9, 9),
        ["Chủ tịch"],
    ),
    "mass_mobilization_board": (
        "2020–2025",
        datetime.date(2020, 10, 1),
        datetime.date(2025, 10, 1),
        ["Trưởng ban", "Phó Trưởng ban"],
    ),
}


def load(stdout=None):
    rng = random.Random(2024)
    kinds = {}
    for code, name, abbreviation, order, socio in KINDS:
        kinds[code], _ = OrganisationKind.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "abbreviation": abbreviation,
                "sort_order": order,
                "is_socio_political": socio,
            },
        )
    province = Unit.add_root(code="P27", name="Tỉnh Bắc Hà", level=Level.PROVINCE)
    city = province.add_child(code="C256", name="Thành phố Kinh Bắc", level=Level.DISTRICT)
    _organisations(city, CITY_ORGS, kinds, rng)
    for w, ward_name in enumerate(WARD_NAMES, start=1):
        ward = city.add_child(code=f"W{w:02d}", name=ward_name, level=Level.COMMUNE)
        ward_orgs = _organisations(ward, WARD_ORGS, kinds, rng)
        # A neighbourhood branch answers to the ward body of its kind (the front's
        # committee to the ward's Fatherland Front).
        branch_parent = {
            "neighbourhood_front": ward_orgs["fatherland_front"],
            "womens_union": ward_orgs["womens_union"],
            "elderly": ward_orgs["elderly"],
        }
        for n in range(1, 8 + (w % 5) + 1):
            neighbourhood = ward.add_child(
                code=f"W{w:02d}K{n:02d}", name=f"Khu phố {n}", level=Level.NEIGHBOURHOOD
            )
            for kind, template in NEIGHBOURHOOD_ORGS:
                Organisation.objects.create(
                    kind=kinds[kind],
                    unit=neighbourhood,
                    name=template.format(unit=f"khu phố {n}, {ward_name}"),
                    parent=branch_parent[kind],
                )
    if stdout:
        stdout.write(
            f"  units: {Unit.objects.count()}, organisations: {Organisation.objects.count()}"
        )


def _organisations(unit, specs, kinds, rng):
    created = {}
    for kind, template, parent_kind in specs:
        name = template.format(ward=unit.name)
        organisation = Organisation.objects.create(
            kind=kinds[kind],
            unit=unit,
            name=name,
            parent=created.get(parent_kind),
            abbreviation=kinds[kind].abbreviation,
        )
        created[kind] = organisation
        if kind in TERMS:
            term_name, starts_on, ends_on, positions = TERMS[kind]
            term = Term(
                organisation=organisation,
                name=term_name,
                starts_on=starts_on,
                ends_on=ends_on,
                congress_on=starts_on,
            )
            for order, position in enumerate(positions):
                term.leaders.add(
                    term.leaders.model(
                        full_name=person_name(rng), position=position, sort_order=order
                    )
                )
            term.save()
    return created
