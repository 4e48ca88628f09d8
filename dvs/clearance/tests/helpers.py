"""Rows of land clearance for tests: a project with a segment in a unit, its parties."""

import datetime

from dvs.clearance.models import (
    AdvocacyVisit,
    AffectedParty,
    Milestone,
    MilestoneKind,
    Obstacle,
    ObstacleCategory,
    Outcome,
    PartyKind,
    Project,
    ProjectKind,
    Segment,
)


def make_project(unit, code="VD4-2026-001", name="Đường vành đai 4", **fields):
    return Project.objects.create(
        unit=unit, code=code, name=name, kind=fields.pop("kind", ProjectKind.TRANSPORT), **fields
    )


def make_segment(project, ward, **fields):
    return Segment.objects.create(project=project, ward=ward, **fields)


def make_party(segment, name="Hộ ông Nguyễn Văn An", *, unit=None, **fields):
    fields.setdefault("kind", PartyKind.HOUSEHOLD)
    fields.setdefault("agricultural_land", True)
    return AffectedParty.objects.create(
        segment=segment, unit=unit or segment.ward, name=name, **fields
    )


def make_milestone(party_or_segment, kind, on, **fields):
    """A milestone written directly (no clock checks): a party's own, or a segment's shared."""
    if isinstance(party_or_segment, Segment):
        milestone = Milestone.objects.create(segment=party_or_segment, kind=kind, on=on, **fields)
    else:
        milestone = Milestone.objects.create(
            segment=party_or_segment.segment, party=party_or_segment, kind=kind, on=on, **fields
        )
        party_or_segment.refresh_state()
    return milestone


def make_visit(party, on=datetime.date(2026, 4, 1), outcome=Outcome.NOT_YET, **fields):
    visit = AdvocacyVisit.objects.create(party=party, on=on, outcome=outcome, **fields)
    party.refresh_state()
    return visit


def make_obstacle(party, description="Chưa thống nhất giá đất", **fields):
    fields.setdefault("category", ObstacleCategory.LAND_PRICE)
    fields.setdefault("opened_on", datetime.date(2026, 4, 1))
    return Obstacle.objects.create(party=party, description=description, **fields)


def party_in(unit, tag):
    """A party of `unit` in a project of its own (the scope tests' factory)."""
    project = make_project(unit, code=f"DA-{tag}", name=f"Dự án {tag}")
    segment = make_segment(project, unit)
    return make_party(segment, f"Hộ {tag}", unit=unit, address=f"Số {tag}")


__all__ = [
    "MilestoneKind",
    "make_project",
    "make_segment",
    "make_party",
    "make_milestone",
    "make_visit",
    "make_obstacle",
    "party_in",
]
