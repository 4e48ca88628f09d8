import datetime

from dvs.cases import workflow
from dvs.cases.models import Kind, SubjectArea


def area(code="land"):
    return SubjectArea.objects.get(code=code)


def receive(unit, *, kind=Kind.COMPLAINT, received_on=None, name="Nguyễn Văn Khiếu", **fields):
    fields.setdefault("channel", "reception")
    fields.setdefault("content", "Khiếu nại quyết định thu hồi đất tại tổ 3, đề nghị xem xét lại.")
    petitioners = fields.pop("petitioners", None)
    if petitioners is None:
        petitioners = (
            [{"name": name, "address": "Số 5 ngõ 2", "phone": "0912345678"}] if name else []
        )
    return workflow.receive(
        unit=unit,
        kind=kind,
        received_on=received_on or datetime.date(2026, 3, 2),
        subject_area=fields.pop("subject_area", None) or area(),
        petitioners=petitioners,
        **fields,
    )
