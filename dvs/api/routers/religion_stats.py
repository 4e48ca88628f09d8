"""Religious figures: a unit's table of one measure by religion, published by ward
(dvs/religion/stats.py): a ward's small cells as "<5", sums over them (a city in the
province's table, every total) as ranges, exact only for the Board. The same call as
the back office's figures page, so both show the same cells; a unit outside the caller's
scope or below ward level is 404."""

import enum

from ninja import Field, Query, Router, Schema

from dvs.api.types import IsoDate
from dvs.religion import stats
from dvs.units.models import Unit

router = Router(tags=["religion"])

Measure = enum.StrEnum("ReligionStatsMeasure", {code: code for code in stats.MEASURES})


class ReligionStatsQuery(Schema):
    unit: str = Field(..., max_length=32, description="Mã đơn vị")
    measure: Measure = Field(
        Measure("establishments"),
        description="establishments, groups, dignitaries, officials, practitioners, followers",
    )
    as_of: IsoDate | None = Field(None, description="YYYY-MM-DD; mặc định hôm nay")


class ReligionStatsColumnOut(Schema):
    code: str
    name: str


class ReligionStatsRangeOut(Schema):
    low: int
    high: int = Field(..., description="Bằng low khi tổng là số chính xác")


class ReligionStatsRowOut(Schema):
    unit: str
    name: str
    direct: bool = Field(..., description="Số liệu ghi trực tiếp cho đơn vị được hỏi")
    cells: dict[str, int | str | ReligionStatsRangeOut] = Field(
        ...,
        description='Theo mã tôn giáo; ô nhỏ của phường là "<5"; tổng có ô ẩn là {low, high}',
    )
    total: ReligionStatsRangeOut


class ReligionStatsOut(Schema):
    unit: str
    measure: str
    as_of: str
    threshold: int
    exact: bool = Field(..., description="Số liệu chính xác — không công bố")
    columns: list[ReligionStatsColumnOut]
    rows: list[ReligionStatsRowOut]
    totals: dict[str, ReligionStatsRangeOut]
    grand_total: ReligionStatsRangeOut
    sources: list[dict[str, str]]


def table_json(table):
    """The published table as JSON (also what the tests compare across the doors)."""

    def rng(total):
        return {"low": total.low, "high": total.high}

    return {
        "unit": table.unit.code,
        "measure": table.measure,
        "as_of": table.as_of.isoformat(),
        "threshold": table.threshold,
        "exact": table.exact,
        "columns": [{"code": c.code, "name": c.name} for c in table.columns],
        "rows": [
            {
                "unit": row.unit.code,
                "name": row.name,
                "direct": row.direct,
                "cells": {
                    code: rng(v) if isinstance(v, stats.Range) else v
                    for code, v in row.cells.items()
                },
                "total": rng(row.total),
            }
            for row in table.rows
        ],
        "totals": {code: rng(total) for code, total in table.totals.items()},
        "grand_total": rng(table.grand_total),
        "sources": [
            {
                "unit": s.unit,
                "religion": s.religion,
                "source": s.source,
                "as_of": s.as_of.isoformat(),
            }
            for s in table.sources
        ],
    }


@router.get("", response=ReligionStatsOut)
def religion_stats(request, query: Query[ReligionStatsQuery]):
    """Counts by the unit's children × religion (a ward: the ward itself; below ward
    level: 404) of establishments, groups (not stopped), active dignitaries, officials
    or practitioners, or followers (the latest count per ward and religion on or before
    `as_of`, with its source). A ward's count from 1 to
    threshold − 1 is "<threshold"; a sum over such counts (a city's cell, a total) is the
    range it can take, {"low", "high"}."""
    unit = Unit.objects.filter(code=query.unit).first()  # None, like one outside: 404
    return table_json(stats.table(request.user, unit, query.measure.value, query.as_of))
