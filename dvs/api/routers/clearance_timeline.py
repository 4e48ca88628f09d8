"""The legal clock calculator of land clearance (POST /api/v1/clearance/timeline).

A calculator on the dates it is given: it reads no party and writes nothing, so any
authenticated caller may use it (like the holiday calendar). The back office's page
"Tính thời hạn GPMB" answers from the same function (`clocks.calculate`).
"""

import datetime
import re
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from dvs.api.types import IsoDate
from dvs.clearance import clocks
from dvs.clearance.models import RuleSet

router = Router(tags=["clearance"])

_DATES = (
    "notice_on",
    "decision_on",
    "plan_posted_on",
    "opinion_meeting_on",
    "plan_in_force_on",
    "paid_on",
    "enforcement_on",
)
_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
# The years the platform's calendar answers for.
FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2099, 12, 31)


def _refused(message):
    # A custom error keeps the message as it is ("Value error, …" would prefix English).
    return PydanticCustomError("invalid", str(message))


class TimelineIn(Schema):
    rule_set: str | None = Field(
        None, description="LDD2024 | NQ254; mặc định: bộ quy tắc có hiệu lực vào ngày thông báo"
    )
    land: Literal["agricultural", "non_agricultural"] = Field(
        "agricultural", description="Loại đất: agricultural (nông nghiệp) | non_agricultural"
    )
    notice_on: IsoDate | None = Field(None, description="Ngày thông báo thu hồi đất")
    decision_on: IsoDate | None = Field(None, description="Ngày quyết định thu hồi đất")
    reissued: bool = Field(
        False, description="Thông báo ban hành lại (không áp thời hạn tối thiểu)"
    )
    early_consent: bool = Field(False, description="Người có đất đồng ý thu hồi trước thời hạn")
    plan_posted_on: IsoDate | None = Field(None, description="Ngày niêm yết phương án")
    opinion_meeting_on: IsoDate | None = Field(None, description="Ngày họp lấy ý kiến")
    disagree: int | None = Field(None, ge=0, le=1_000_000, description="Số ý kiến không đồng ý")
    plan_in_force_on: IsoDate | None = Field(None, description="Ngày phương án có hiệu lực")
    paid_on: IsoDate | None = Field(None, description="Ngày chi trả")
    enforcement_on: IsoDate | None = Field(None, description="Ngày cưỡng chế")
    enforcement_time: str | None = Field(None, description="Giờ bắt đầu cưỡng chế, HH:MM")

    @field_validator(*_DATES)
    @classmethod
    def _in_calendar(cls, value):
        if value is not None and not FIRST_DAY <= value <= LAST_DAY:
            raise _refused(_("The date must be between 01/01/2000 and 31/12/2099."))
        return value

    # pydantic's own messages are English: the checks of the other fields say it in
    # Vietnamese before pydantic sees them.
    @field_validator("rule_set", mode="before")
    @classmethod
    def _rule_set(cls, value):
        if value is not None and not (
            isinstance(value, str) and RuleSet.objects.filter(code=value).exists()
        ):
            codes = ", ".join(
                RuleSet.objects.order_by("effective_from").values_list("code", flat=True)
            )
            raise _refused(_("Unknown rule set; use one of: %(codes)s.") % {"codes": codes})
        return value

    @field_validator("land", mode="before")
    @classmethod
    def _land(cls, value):
        if value not in ("agricultural", "non_agricultural"):
            raise _refused(_("The land must be agricultural or non_agricultural."))
        return value

    @field_validator("reissued", "early_consent", mode="before")
    @classmethod
    def _flag(cls, value):
        if not isinstance(value, bool):
            raise _refused(_("Give true or false."))
        return value

    @field_validator("disagree", mode="before")
    @classmethod
    def _count(cls, value):
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1_000_000
        ):
            raise _refused(_("Give a whole number from 0 to 1,000,000."))
        return value

    @field_validator("enforcement_time", mode="before")
    @classmethod
    def _time(cls, value):
        if value is not None and not (isinstance(value, str) and _TIME.fullmatch(value)):
            raise _refused(_("Enter the time as HH:MM, for example 08:30."))
        return value


class TimelineOut(Schema):
    rule_set: str
    earliest_decision_on: datetime.date | None = Field(
        ..., description="Ngày sớm nhất được ban hành quyết định thu hồi"
    )
    notice_expires_on: datetime.date | None = Field(
        ..., description="Ngày cuối thông báo còn hiệu lực"
    )
    earliest_opinion_meeting_on: datetime.date | None
    dialogue_due_on: datetime.date | None = Field(
        ..., description="Hạn tổ chức đối thoại; null khi không ai không đồng ý"
    )
    payment_due_on: datetime.date | None
    late_payment_days: int
    enforcement_allowed: bool | None = Field(..., description="null khi không có ngày cưỡng chế")
    warnings: list[str] = Field(..., description="Cảnh báo (tiếng Việt)")


@router.post("", response=TimelineOut)
def timeline(request, body: TimelineIn):
    """The legal clocks of land clearance for the dates given: the earliest recovery
    decision, the notice's validity, the earliest opinion meeting, the dialogue and
    payment due dates (rolled to a working day), late payment, and whether an
    enforcement may take place, under the Land Law 2024 (LDD2024) or Resolution
    254/2025/QH15 (NQ254). docs/clearance-clocks.md gives the articles."""
    data = body.dict()
    rule_set = data.pop("rule_set")
    time = data.pop("enforcement_time")
    if time is not None:
        data["enforcement_time"] = datetime.time.fromisoformat(time)
    return clocks.calculate(rule_set, **data)
