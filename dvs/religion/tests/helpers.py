"""Rows of religious affairs for tests: establishments, groups, dignitaries, filings,
contacts, incidents, key people and follower counts in a unit."""

import datetime

from dvs.religion import clocks
from dvs.religion.models import (
    Contact,
    Dignitary,
    DignitaryPosition,
    DignitaryStatusChange,
    Establishment,
    EstablishmentKind,
    Festival,
    Filing,
    FilingKind,
    FollowerCount,
    Group,
    Incident,
    KeyPerson,
    Religion,
)


def reference_data():
    """Migration 0002's rule set and religions again: a browser test runs on a database
    that an earlier one flushed (pytest-django runs them after the TestCases)."""
    from importlib import import_module

    from django.apps import apps

    import_module("dvs.religion.migrations.0002_reference_data").load(apps, None)


def religion(code="phat-giao"):
    """One of the religions migration 0002 enters."""
    return Religion.objects.get(code=code)


def make_establishment(unit, name="Chùa Phúc Lâm", **fields):
    fields.setdefault("kind", EstablishmentKind.PAGODA)
    if "religion" not in fields and fields["kind"] not in (
        EstablishmentKind.COMMUNAL_HOUSE,
        EstablishmentKind.TEMPLE,
        EstablishmentKind.SHRINE,
        EstablishmentKind.PALACE,
        EstablishmentKind.CLAN_HOUSE,
        EstablishmentKind.OTHER_BELIEF,
    ):
        fields["religion"] = religion()
    return Establishment.objects.create(unit=unit, name=name, **fields)


def make_festival(establishment, name="Lễ hội đình làng", day=10, month=3, **fields):
    return Festival.objects.create(
        establishment=establishment, name=name, day=day, month=month, **fields
    )


def make_group(unit, name="Nhóm Tin lành Bình An", **fields):
    fields.setdefault("religion", religion("tin-lanh"))
    return Group.objects.create(unit=unit, name=name, **fields)


def make_dignitary(
    unit,
    birth_name="Từ Thành Đạt",
    religious_name="Thích Minh Nhẫn",
    *,
    id_number="",
    ethnicity="",
    **fields,
):
    fields.setdefault("religion", religion())
    fields.setdefault("is_dignitary", True)
    dignitary = Dignitary(unit=unit, birth_name=birth_name, religious_name=religious_name, **fields)
    if id_number or ethnicity:
        dignitary.set_sensitive(id_number=id_number, ethnicity=ethnicity)
    dignitary.save()
    return dignitary


def make_position(dignitary, title="Trụ trì", **fields):
    return DignitaryPosition.objects.create(dignitary=dignitary, title=title, **fields)


def make_status_change(dignitary, status="active", on=datetime.date(2020, 1, 1), **fields):
    return DignitaryStatusChange.objects.create(dignitary=dignitary, status=status, on=on, **fields)


def make_filing(
    unit,
    kind=FilingKind.BELIEF_REGISTRATION,
    received_on=datetime.date(2026, 3, 2),
    subject="Đăng ký hoạt động tín ngưỡng năm 2026",
    **fields,
):
    """A filing written directly, its clock computed (no checks of the action)."""
    fields.setdefault("submitted_by", "Ban quản lý đình")
    filing = Filing.objects.create(
        unit=unit, kind=kind, received_on=received_on, subject=subject, **fields
    )
    clocks.refresh(filing)
    return filing


def make_contact(unit, topics="Thăm hỏi dịp lễ Phật đản", on=datetime.date(2026, 5, 31), **fields):
    fields.setdefault("kind", Contact.Kind.FEAST_VISIT)
    return Contact.objects.create(unit=unit, topics=topics, on=on, **fields)


def make_incident(
    unit,
    description="Tụ tập sinh hoạt tôn giáo chưa đăng ký",
    on=datetime.date(2026, 4, 2),
    **fields,
):
    fields.setdefault("kind", Incident.Kind.UNREGISTERED_GATHERING)
    return Incident.objects.create(unit=unit, description=description, on=on, **fields)


def make_key_person(unit, name="Nguyễn Văn Uy", **fields):
    fields.setdefault("kind", KeyPerson.Kind.PRESTIGE)
    return KeyPerson.objects.create(unit=unit, name=name, **fields)


def make_follower_count(
    unit, count=120, code="phat-giao", as_of=datetime.date(2026, 6, 30), **fields
):
    fields.setdefault("source", "Báo cáo của Ban Tôn giáo")
    return FollowerCount.objects.create(
        unit=unit, religion=religion(code), count=count, as_of=as_of, **fields
    )
