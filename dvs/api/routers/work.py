"""The caller's work list, as their home page shows it (dvs.accounts.dashboard.work_list):
what waits for them, each item with the back-office address of its action.

Every source of the list reads through the scope helper, so a caller sees only the work of
their own units and organisations.
"""

from typing import Annotated

from ninja import Field, Query, Router, Schema

from dvs.accounts.dashboard import SHOWN, work_list

router = Router(tags=["work"])

MAX_ITEMS = 50


class WorkItemOut(Schema):
    title: str
    url: str = Field(..., description="Địa chỉ trang thực hiện việc này trong trang quản trị")
    note: str = Field("", description="Hạn, số ngày còn lại hoặc quá hạn, trạng thái")
    state: str = Field("", description="overdue | due_soon | (trống)")


class WorkSectionOut(Schema):
    key: str = Field(
        ...,
        description="my_cases | cases_to_assign | reports_to_send | reports_to_review | "
        "imports_to_confirm | exemplars_to_score | my_drafts | tasks | pages_to_approve",
    )
    label: str
    more: bool = Field(..., description="true nếu còn việc ngoài số mục trả về")
    all_url: str | None = Field(None, description="Danh sách đầy đủ trong trang quản trị")
    items: list[WorkItemOut]


class WorkQuery(Schema):
    limit: int = Field(SHOWN, ge=1, le=MAX_ITEMS, description="Số mục tối đa mỗi nhóm")


@router.get("", response=list[WorkSectionOut])
def my_work(request, query: Annotated[WorkQuery, Query()]):
    """The caller's work list: the sections that have items, most urgent first."""
    return [
        {
            "key": section.source.key,
            "label": str(section.label),
            "more": section.more,
            "all_url": section.all_url,
            "items": [
                {"title": i.title, "url": i.url, "note": str(i.note), "state": i.state}
                for i in section.items
            ],
        }
        for section in work_list(request.user, query.limit)
    ]
