"""The holiday calendar: the days off and swapped working days of a year.

Reference data, the same for every unit: any authenticated caller may read it.
"""

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from dvs.workdays import calendar, lunar

router = Router(tags=["calendar"])


class CalendarDayOut(Schema):
    date: str = Field(..., description="YYYY-MM-DD")
    name: str = Field(..., description="Tên ngày (tiếng Việt)")
    kind: str = Field(
        ..., description="holiday | compensatory | day_off | working (ngày làm việc hoán đổi)"
    )
    day_off: bool = Field(..., description="true nếu là ngày nghỉ, false nếu là ngày làm việc")
    source: str = Field(..., description="computed (tính theo luật) | decision (do quản trị nhập)")
    decision: str = Field("", description="Văn bản quyết định (với source = decision)")
    basis: str = Field(
        ...,
        description="Căn cứ pháp lý: Bộ luật Lao động Điều 112 (ngày lễ), Điều 111(3) (nghỉ bù), "
        "hoặc số văn bản quyết định hằng năm",
    )
    confidence: str = Field(..., description="C | C3 | M | NF (docs/deadlines.md)")
    confirmed: bool = Field(
        ..., description="false nếu ngày nghỉ chưa có căn cứ pháp lý được xác nhận (24/11)"
    )
    withdrawn: bool = Field(
        False, description="true nếu quản trị đã bỏ ngày nghỉ chưa có căn cứ này trong năm"
    )


class CalendarOut(Schema):
    year: int
    decided: bool = Field(
        ...,
        description="true nếu đã nhập quyết định của Chính phủ cho năm; false: chỉ tính theo "
        "ngày lễ luật định, thời hạn rơi vào năm này là tạm tính",
    )
    days: list[CalendarDayOut]


@router.get("/holidays", response=CalendarOut)
def holidays(request, year: str):
    """Public holidays, compensatory and extra days off, and swapped working days of a year.

    Weekends (Saturday, Sunday) are days off and are not listed, except a Saturday
    declared a working day. Each day carries its legal basis (`basis`); a day the
    `holidays` package adds without a confirmed basis (24/11) has `confirmed` false.
    """
    try:
        number = int(year)
        calendar.check_year(number)
    except ValueError:
        raise HttpError(
            400,
            _("The year must be a number from %(min)s to %(max)s.")
            % {"min": calendar.MIN_YEAR, "max": calendar.MAX_YEAR},
        ) from None
    return {
        "year": number,
        "decided": calendar.is_decided(number),
        "days": [
            {
                "date": entry.date.isoformat(),
                "name": str(entry.name),
                "kind": entry.kind,
                "day_off": entry.is_day_off,
                "source": entry.source,
                "decision": str(entry.decision),
                "basis": str(entry.basis),
                "confidence": entry.confidence,
                "confirmed": entry.confirmed,
                "withdrawn": entry.withdrawn,
            }
            for entry in calendar.entries(number)
        ],
    }


class LunarOut(Schema):
    date: str = Field(..., description="Ngày dương lịch, YYYY-MM-DD")


@router.get("/lunar", response=LunarOut)
def lunar_date(request, day: int, month: int, year: int, leap: bool = False):
    """The solar date of a Vietnamese lunar date (âm lịch, UTC+7): `day` 1–30, `month`
    1–12 of lunar `year` (1901–2099), `leap=1` for the leap month. A date that does not
    exist (the 30th of a 29-day month, a leap month the year does not have) is refused
    with 422 and a message saying why. Reference data: any authenticated caller."""
    try:
        solar = lunar.to_solar(day, month, year, leap)
    except lunar.LunarDateError as error:
        raise HttpError(422, str(error)) from None
    return {"date": solar.isoformat()}
