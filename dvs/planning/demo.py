"""Demo directives, tasks and government-ordered programs of the demo city: directives
from the province and the city, about 45 tasks given to wards and organisations with
progress (some overdue), and 7 programs the city government ordered from the Front and
the organisations, with outputs and spending.

Written through the same actions as the back office, as the board specialist."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from dvs.accounts.models import User
from dvs.units.models import Organisation, Unit

from . import actions
from .models import Directive, Program, ProgramOutput

# kind, number, issuer, days before today, level, summary
DIRECTIVES = [
    (
        "directive",
        "35-CT/TU",
        "Tỉnh ủy Bắc Hà",
        420,
        "higher",
        "Chỉ thị về tăng cường công tác dân vận trong tình hình mới, phát huy vai trò của "
        "Mặt trận và các đoàn thể trong xây dựng khối đại đoàn kết toàn dân tộc.",
    ),
    (
        "resolution",
        "12-NQ/TU",
        "Tỉnh ủy Bắc Hà",
        380,
        "higher",
        "Nghị quyết về đẩy mạnh phong trào thi đua “Dân vận khéo” giai đoạn 2024–2026.",
    ),
    (
        "conclusion",
        "08-KL/TU",
        "Ban Thường vụ Tỉnh ủy",
        300,
        "higher",
        "Kết luận về công tác tiếp công dân, đối thoại và giải quyết khiếu nại, tố cáo.",
    ),
    (
        "plan",
        "120-KH/BDVTU",
        "Ban Dân vận Thành ủy",
        160,
        "city",
        "Kế hoạch sơ kết 6 tháng đầu năm công tác dân vận và triển khai nhiệm vụ 6 tháng cuối năm.",
    ),
    (
        "plan",
        "98-KH/BDVTU",
        "Ban Dân vận Thành ủy",
        250,
        "city",
        "Kế hoạch vận động nhân dân hiến đất, giải phóng mặt bằng các dự án trọng điểm.",
    ),
    (
        "instruction",
        "05-HD/BDVTU",
        "Ban Dân vận Thành ủy",
        200,
        "city",
        "Hướng dẫn thực hiện dân chủ ở cơ sở theo Luật Thực hiện dân chủ ở cơ sở năm 2022.",
    ),
    (
        "directive",
        "17-CT/TU",
        "Thành ủy Kinh Bắc",
        90,
        "city",
        "Chỉ thị về tăng cường vai trò của người có uy tín trong cộng đồng dân cư.",
    ),
]

# (title, directive number or None, given to: "wards" or an organisation kind code)
TASKS = [
    ("Tổ chức quán triệt Chỉ thị 35-CT/TU đến chi bộ, khu dân cư", "35-CT/TU", "wards"),
    ("Rà soát, bổ sung quy chế dân vận của hệ thống chính trị phường", "35-CT/TU", "wards"),
    ("Đăng ký mô hình “Dân vận khéo” năm 2025", "12-NQ/TU", "wards"),
    ("Tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân dân", "08-KL/TU", "wards"),
    ("Báo cáo sơ kết 6 tháng công tác dân vận", "120-KH/BDVTU", "wards"),
    ("Vận động hộ dân hiến đất mở rộng đường liên khu phố", "98-KH/BDVTU", "wards"),
    (
        "Công khai dự toán ngân sách phường theo Luật Thực hiện dân chủ ở cơ sở",
        "05-HD/BDVTU",
        "wards",
    ),
    ("Lập danh sách người có uy tín tiêu biểu", "17-CT/TU", "wards"),
    ("Phát động “Ngày thứ bảy văn minh”, ra quân vệ sinh môi trường", None, "youth_union"),
    ("Vận động xây dựng “Mái ấm tình thương” cho hội viên khó khăn", None, "womens_union"),
    ("Tuyên truyền pháp luật về khiếu nại, tố cáo cho hội viên", "08-KL/TU", "veterans"),
    ("Tổ chức Hội nghị nhân dân giám sát công trình dân sinh", "05-HD/BDVTU", "fatherland_front"),
    ("Thăm hỏi, tặng quà người cao tuổi dịp Tết", None, "elderly"),
    ("Hỗ trợ nông dân chuyển đổi số trong tiêu thụ nông sản", "12-NQ/TU", "farmers"),
]

PROGRAMS = [
    (
        "fatherland_front",
        "Giám sát, phản biện xã hội các dự án chỉnh trang đô thị",
        [("Cuộc giám sát", "cuộc", 12), ("Hội nghị phản biện", "hội nghị", 4)],
        350_000_000,
    ),
    (
        "womens_union",
        "Hỗ trợ phụ nữ khởi nghiệp, phát triển kinh tế hộ gia đình",
        [("Phụ nữ được hỗ trợ vốn", "người", 150), ("Lớp tập huấn", "lớp", 10)],
        480_000_000,
    ),
    (
        "youth_union",
        "Thanh niên tình nguyện xây dựng đô thị văn minh",
        [("Tuyến đường được chỉnh trang", "tuyến", 20), ("Ngày công", "ngày công", 2000)],
        260_000_000,
    ),
    (
        "veterans",
        "Cựu chiến binh tham gia giữ gìn an ninh trật tự khu dân cư",
        [("Tổ tự quản", "tổ", 35)],
        180_000_000,
    ),
    (
        "farmers",
        "Xây dựng chuỗi liên kết sản xuất rau an toàn",
        [("Hộ tham gia chuỗi", "hộ", 120), ("Diện tích", "ha", 25)],
        620_000_000,
    ),
    (
        "elderly",
        "Câu lạc bộ liên thế hệ tự giúp nhau",
        [("Câu lạc bộ thành lập", "câu lạc bộ", 8)],
        150_000_000,
    ),
    (
        "trade_union",
        "Mái ấm công đoàn cho đoàn viên khó khăn về nhà ở",
        [("Nhà được xây, sửa", "nhà", 15)],
        750_000_000,
    ),
]


def load(stdout=None):
    rng = random.Random(2025)
    today = timezone.localdate()
    by = User.objects.get(username="chuyenvien")
    city = Unit.objects.get(code="C256")
    wards = list(Unit.objects.filter(code__regex=r"^W\d\d$").order_by("code"))
    directives = {}
    for kind, number, issuer, days, level, summary in DIRECTIVES:
        directives[number] = Directive.objects.create(
            kind=kind,
            number=number,
            issuer=issuer,
            issued_on=today - datetime.timedelta(days=days),
            level=level,
            summary=summary,
            unit=city,
        )
    organisations = {
        o.kind.code: o
        for o in Organisation.objects.filter(unit=city).select_related("kind", "unit")
    }
    tasks = 0
    for round_ in range(3):
        for title, number, given_to in TASKS:
            if tasks >= 45:
                break
            directive = directives.get(number)
            start = directive.issued_on if directive else today - datetime.timedelta(days=200)
            assigned_on = start + datetime.timedelta(days=rng.randint(5, 30) + 40 * round_)
            assigned_on = min(assigned_on, today - datetime.timedelta(days=3))
            deadline = assigned_on + datetime.timedelta(days=rng.choice([30, 45, 60, 90, 120]))
            if given_to == "wards":
                assignees = rng.sample(wards, rng.randint(2, 6)) if wards else [city]
            else:
                assignees = [organisations.get(given_to) or city]
            suffix = "" if round_ == 0 else f" (đợt {round_ + 1})"
            task = actions.assign_task(
                by=by,
                assignees=assignees,
                directive=directive,
                title=title + suffix,
                description="Thực hiện theo "
                + (str(directive) if directive else "chỉ đạo của Ban"),
                unit=city,
                assigned_on=assigned_on,
                deadline=deadline,
                owner=by,
            )
            tasks += 1
            _progress(rng, task, by, today)
    tasks += _neighbourhood_task(today)
    programs = 0
    for kind, title, outputs, budget in PROGRAMS:
        organisation = organisations.get(kind)
        if organisation is None:
            continue
        programs += 1
        _program(rng, by, organisation, title, outputs, Decimal(budget), today)
    if stdout:
        stdout.write(f"  directives: {len(directives)}, tasks: {tasks}, programs: {programs}")


def _neighbourhood_task(today):
    """A task the Board gives the first ward's first neighbourhoods, due soon: the
    neighbourhood front committee's home page then has work waiting (khupho0101)."""
    officer = User.objects.filter(username="chuyenvien").first()
    ward = Unit.objects.filter(code="W01").first()
    if officer is None or ward is None:
        return 0
    neighbourhoods = list(ward.get_children().order_by("code")[:2])
    actions.assign_task(
        by=officer,
        assignees=neighbourhoods,
        title="Rà soát, cập nhật danh sách hộ gia đình và nhân khẩu trên địa bàn khu phố",
        description="Đối chiếu danh sách với thực tế, báo cáo số hộ, số nhân khẩu thay đổi.",
        unit=ward.get_parent(),
        assigned_on=today - datetime.timedelta(days=20),
        deadline=today + datetime.timedelta(days=5),
        owner=officer,
    )
    return 1


def _progress(rng, task, by, today):
    """Some assignments done, some half way, some untouched (overdue if past deadline)."""
    for assignment in task.assignments.all():
        span = (min(today, task.deadline) - task.assigned_on).days
        if span <= 0:
            continue
        fate = rng.random()
        if fate < 0.2:
            continue
        steps = [30, 60, 100] if fate > 0.45 else [rng.choice([20, 40, 50, 70])]
        for n, percent in enumerate(steps, start=1):
            day = task.assigned_on + datetime.timedelta(days=span * n // (len(steps) + 1) or 1)
            actions.record_progress(
                assignment,
                by=by,
                percent=percent,
                date=min(day, today),
                note="Đã triển khai đến các khu phố" if percent < 100 else "Hoàn thành, có báo cáo",
            )


def _program(rng, by, organisation, title, outputs, budget, today):
    proposed_on = today - datetime.timedelta(days=rng.randint(200, 330))
    program = Program.objects.create(
        title=title,
        content=f"{organisation} đề xuất: {title.lower()}.",
        organisation=organisation,
        proposed_on=proposed_on,
    )
    for order, (description, unit_of_measure, target) in enumerate(outputs):
        ProgramOutput.objects.create(
            program=program,
            description=description,
            unit_of_measure=unit_of_measure,
            target=target,
            sort_order=order,
        )
    if rng.random() < 0.15:
        return  # still a proposal
    ordered_on = proposed_on + datetime.timedelta(days=rng.randint(20, 45))
    actions.order_program(
        program,
        by=by,
        ordered_on=ordered_on,
        decision_number=f"{rng.randint(100, 999)}/QĐ-UBND",
        budget=budget,
        ordered_by="UBND thành phố Kinh Bắc",
    )
    spent, days = Decimal(0), (today - ordered_on).days
    for n in range(rng.randint(2, 4)):
        amount = (budget * Decimal(rng.randint(15, 30)) / 100).quantize(Decimal(1000))
        if spent + amount > budget:
            break
        spent += amount
        actions.spend(
            program,
            by=by,
            spent_on=ordered_on + datetime.timedelta(days=(n + 1) * days // 5),
            amount=amount,
            note=f"Tạm ứng đợt {n + 1}",
        )
    if rng.random() < 0.5:
        for output in program.outputs.all():
            output.actual = output.target * Decimal(rng.randint(90, 110)) / 100
            output.save(update_fields=["actual"])
        actions.complete_program(program, by=by, completed_on=today - datetime.timedelta(days=5))
