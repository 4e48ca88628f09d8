import datetime

from django.utils import timezone

from dvs.planning import actions
from dvs.planning.models import Directive, Program, ProgramOutput
from dvs.testing import BaseTestCase


def make_task(by, unit, assignees, *, title="Quán triệt Chỉ thị 35", days=30, **fields):
    today = timezone.localdate()
    return actions.assign_task(
        by=by,
        assignees=assignees,
        title=title,
        unit=unit,
        assigned_on=fields.pop("assigned_on", today - datetime.timedelta(days=10)),
        deadline=fields.pop("deadline", today + datetime.timedelta(days=days)),
        **fields,
    )


def make_directive(unit, number="35-CT/TU"):
    return Directive.objects.create(
        kind="directive",
        number=number,
        issuer="Thành ủy",
        issued_on=datetime.date(2025, 1, 10),
        summary="Tăng cường công tác dân vận",
        unit=unit,
        level="city",
    )


def make_program(
    organisation, title="Giám sát công trình dân sinh", outputs=(("Cuộc", "cuộc", 5),)
):
    program = Program.objects.create(
        title=title,
        content="Đề xuất",
        organisation=organisation,
        proposed_on=timezone.localdate() - datetime.timedelta(days=60),
    )
    for description, measure, target in outputs:
        ProgramOutput.objects.create(
            program=program, description=description, unit_of_measure=measure, target=target
        )
    return program


class PlanningTestCase(BaseTestCase):
    """The small city with a city task given to ward A and its women's union, and a
    ward B task."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.task_a = make_task(
            cls.city_specialist,
            cls.city,
            [cls.ward_a, cls.ward_a_women],
            title="Nhiệm vụ A",
            days=5,
        )
        cls.task_b = make_task(cls.city_specialist, cls.city, [cls.ward_b], title="Nhiệm vụ B")
        cls.assignment_a = cls.task_a.assignments.get(organisation=None)
        cls.assignment_women = cls.task_a.assignments.get(organisation=cls.ward_a_women)
        cls.assignment_b = cls.task_b.assignments.get()
