import datetime

from dvs.reports.models import (
    PeriodKind,
    ReportPeriod,
    ReportTemplate,
    SectionKind,
    TemplateIndicator,
    TemplateSection,
)
from dvs.testing import BaseTestCase

COMPUTED = [
    ("cases_received", "Đơn thư tiếp nhận", "đơn"),
    ("cases_resolved", "Đơn thư đã giải quyết", "đơn"),
    ("residents", "Nhân khẩu", "người"),
]


def make_template(name="Sơ kết 6 tháng"):
    template = ReportTemplate(name=name)
    template.sections = [
        TemplateSection(
            key="lanh-dao", part="situation", kind=SectionKind.NARRATIVE, title="Lãnh đạo, chỉ đạo"
        ),
        TemplateSection(
            key="so-lieu",
            part="results",
            kind=SectionKind.INDICATORS,
            title="Tiếp dân, giải quyết đơn thư",
            indicator_codes="cases_received\ncases_resolved\nresidents\ntrainings",
        ),
        TemplateSection(
            key="han-che",
            part="limitations",
            kind=SectionKind.NARRATIVE,
            title="Hạn chế, nguyên nhân",
        ),
        TemplateSection(key="nhiem-vu", part="tasks", kind=SectionKind.NARRATIVE, title="Nhiệm vụ"),
    ]
    template.indicators = [
        *[
            TemplateIndicator(code=c, name=n, unit_of_measure=u, source="computed")
            for c, n, u in COMPUTED
        ],
        TemplateIndicator(code="trainings", name="Lớp tập huấn", unit_of_measure="lớp"),
    ]
    template.full_clean()
    template.save()
    return template


def make_period(
    unit, template, start=datetime.date(2025, 1, 1), end=datetime.date(2025, 6, 30), **kw
):
    return ReportPeriod.objects.create(
        name=kw.pop("name", f"6 tháng đầu năm {end.year}"),
        kind=PeriodKind.SIX_MONTHS,
        start=start,
        end=end,
        due_on=kw.pop("due_on", end),
        unit=unit,
        template=template,
        **kw,
    )


class ReportsTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from dvs.cases.tests.helpers import receive

        cls.template = make_template()
        cls.previous = make_period(
            cls.city,
            cls.template,
            datetime.date(2024, 7, 1),
            datetime.date(2024, 12, 31),
            name="6 tháng cuối năm 2024",
        )
        cls.period = make_period(cls.city, cls.template)
        for unit, n in (
            (cls.neighbourhood_a1, 3),
            (cls.neighbourhood_a2, 2),
            (cls.neighbourhood_b1, 4),
        ):
            for _ in range(n):
                receive(unit, received_on=datetime.date(2025, 3, 2))
        receive(cls.neighbourhood_b1, received_on=datetime.date(2024, 9, 2))
