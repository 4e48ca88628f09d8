"""Demo rows: the board's six-month review template; the first half of last year (the
platform's figures only: the review's "same period last year"); the second half of last
year and the first half of this year with the wards' reports: most submitted or accepted,
a few returned with comments, a few not started."""

import datetime
import random

from django.utils import timezone

from dvs.accounts.models import User
from dvs.tasks import refresh_statistics
from dvs.units.models import Level, Unit

from . import actions, permissions, rollup
from .models import (
    PeriodKind,
    ReportPeriod,
    ReportTemplate,
    TemplateIndicator,
    TemplateSection,
    UnitReport,
)
from .registry import computed_indicators

SECTIONS = [
    ("lanh-dao", "situation", "narrative", "Công tác lãnh đạo, chỉ đạo, quán triệt", ""),
    (
        "tham-muu",
        "situation",
        "indicators",
        "Công tác tham mưu, hướng dẫn: văn bản, nhiệm vụ, chương trình đặt hàng",
        "directives_issued tasks_assigned tasks_done tasks_overdue programs_ordered "
        "programs_completed programs_budget",
    ),
    (
        "dan-van-chinh-quyen",
        "results",
        "indicators",
        "Công tác dân vận chính quyền: tiếp công dân, đối thoại, giải quyết đơn thư",
        "cases_received cases_accepted cases_resolved cases_resolved_on_time cases_overdue "
        "reception_sessions citizens_received dialogues",
    ),
    (
        "dan-van-kheo",
        "results",
        "indicators",
        "Phong trào thi đua “Dân vận khéo”",
        "exemplars exemplars_recognised exemplars_replicated",
    ),
    (
        "mat-tran-doan-the",
        "results",
        "indicators",
        "Mặt trận Tổ quốc và các đoàn thể: nắm đến người dân, đoàn viên, hội viên",
        "residents households members congresses trainings",
    ),
    ("ket-qua", "results", "narrative", "Kết quả nổi bật khác", ""),
    ("han-che", "limitations", "narrative", "Hạn chế, nguyên nhân", ""),
    ("nhiem-vu", "tasks", "narrative", "Phương hướng, nhiệm vụ kỳ tới", ""),
    ("kien-nghi", "proposals", "narrative", "Đề xuất, kiến nghị", ""),
]
TEXTS = {
    "lanh-dao": [
        "Đảng ủy phường ban hành kế hoạch triển khai công tác dân vận năm; tổ chức hội nghị "
        "quán triệt các nghị quyết, chỉ thị của cấp trên đến cán bộ chủ chốt.",
        "Khối dân vận phường phối hợp MTTQ và các đoàn thể tuyên truyền, vận động nhân dân "
        "thực hiện tốt chủ trương của Đảng, chính sách pháp luật của Nhà nước.",
    ],
    "ket-qua": [
        "Vận động các hộ dân bàn giao mặt bằng dự án đường vành đai đúng tiến độ.",
        "Duy trì mô hình “Tuyến phố văn minh”, thu hút đông đảo hội viên tham gia.",
    ],
    "han-che": [
        "Một số khu phố cập nhật dữ liệu dân cư chưa kịp thời; việc nhân rộng mô hình còn chậm.",
    ],
    "kien-nghi": [
        "Đề nghị thành phố quan tâm bố trí kinh phí cho hoạt động của khối dân vận phường.",
        "Đề nghị tổ chức tập huấn nghiệp vụ tiếp công dân cho cán bộ khu phố.",
    ],
    "nhiem-vu": [
        "Tiếp tục đẩy mạnh phong trào thi đua “Dân vận khéo”; nâng cao chất lượng đối thoại "
        "giữa người đứng đầu cấp ủy, chính quyền với nhân dân.",
    ],
}


def load(stdout=None):
    rng = random.Random(2024)
    city = Unit.objects.filter(level=Level.DISTRICT, code="C256").first()
    specialist = User.objects.filter(username="chuyenvien").first()
    if city is None or specialist is None:
        return
    template = _template()
    today = timezone.localdate()
    # The same half of last year: the review compares with it ("so với cùng kỳ").
    last_year = _period(
        city, template, datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 6, 30)
    )
    previous = _period(
        city, template, datetime.date(today.year - 1, 7, 1), datetime.date(today.year - 1, 12, 31)
    )
    current = _period(
        city, template, datetime.date(today.year, 1, 1), datetime.date(today.year, 6, 30)
    )
    # The demo has just written thousands of rows: without fresh statistics PostgreSQL
    # plans the fill's joins for empty tables (minutes instead of a second).
    refresh_statistics()
    for period in (last_year, previous, current):
        rollup.fill(period)
    wards = list(current.expected_units())
    officer = User.objects.filter(username="khoidanvan01").first() or specialist
    for period, missing in ((previous, 0), (current, 3)):
        for index, ward in enumerate(wards):
            if index >= len(wards) - missing:
                continue  # not started: visible on the period's page
            # The ward's own officer where there is one in the demo, else the city's board.
            own = permissions.may(officer, UnitReport(period=period, unit=ward), "change")
            filler = officer if own else specialist
            report = actions.save_report(
                actions.open_report(period, ward, by=filler),
                values={"trainings": rng.randint(1, 6)},
                texts={key: rng.choice(choices) for key, choices in TEXTS.items()},
                by=filler,
            )
            actions.submit_report(report, by=filler)
            if period is previous or index % 4 == 0:
                actions.review_report(report, accept=True, by=specialist)
            elif index % 7 == 3:
                actions.review_report(
                    report,
                    accept=False,
                    comment="Đề nghị bổ sung số liệu tập huấn và kết quả đối thoại.",
                    by=specialist,
                )
    if stdout:
        stdout.write(f"  3 kỳ báo cáo, {len(wards)} phường báo cáo")


def _template():
    codes = computed_indicators()
    template = ReportTemplate(name="Báo cáo sơ kết 6 tháng công tác dân vận")
    template.sections = [
        TemplateSection(key=key, part=part, kind=kind, title=title, indicator_codes=indicators)
        for key, part, kind, title, indicators in SECTIONS
    ]
    used = {c for *_rest, indicators in SECTIONS for c in indicators.split()}
    template.indicators = [
        *[
            TemplateIndicator(
                code=code,
                name=str(codes[code].name),
                unit_of_measure=str(codes[code].unit),
                source="computed",
            )
            for code in codes
            if code in used
        ],
        TemplateIndicator(
            code="trainings",
            name="Lớp tập huấn, bồi dưỡng công tác dân vận",
            unit_of_measure="lớp",
            higher_is_better=True,  # filled by hand: the board says a rise is good news
        ),
    ]
    template.save()
    return template


def _period(city, template, start, end):
    half = "đầu" if end.month <= 6 else "cuối"
    return ReportPeriod.objects.create(
        name=f"Sơ kết 6 tháng {half} năm {end.year}",
        kind=PeriodKind.SIX_MONTHS,
        start=start,
        end=end,
        due_on=end + datetime.timedelta(days=10),
        unit=city,
        template=template,
    )
