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
from ninja.errors import ValidationError
from pydantic import field_validator

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
            raise ValueError(_("The date must be between 01/01/2000 and 31/12/2099."))
        return value

    @field_validator("enforcement_time")
    @classmethod
    def _time(cls, value):
        if value is not None and not _TIME.fullmatch(value):
            raise ValueError(_("Enter the time as HH:MM, for example 08:30."))
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
    code = data.pop("rule_set")
    rule_set = None
    if code is not None:
        rule_set = RuleSet.objects.filter(code=code).first()
        if rule_set is None:
            codes = ", ".join(RuleSet.objects.values_list("code", flat=True))
            raise ValidationError(
                [
                    {
                        "type": "rule_set",
                        "loc": ["body", "body", "rule_set"],
                        "msg": _("Unknown rule set; use one of: %(codes)s.") % {"codes": codes},
                    }
                ]
            )
    time = data.pop("enforcement_time")
    if time is not None:
        data["enforcement_time"] = datetime.time.fromisoformat(time)
    return clocks.calculate(rule_set, **data)
