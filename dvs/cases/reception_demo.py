"""Demo rows of citizen reception: in the first wards of the demo city, the ward chair's
and Party secretary's reception duties, a year of sessions (leaders sometimes missing a
week, so the compliance view has shortfalls to show), the matters raised at some of them
recorded as cases, and dialogues held, planned and cancelled. Called by the cases demo."""

import random
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from dvs.accounts.models import RoleAssignment, User
from dvs.accounts.roles import Role
from dvs.units.models import Level, Unit

from . import reception
from .models import Dialogue, ReceptionDuty, ReceptionSession, SubjectArea

WARDS = 3  # wards given reception data

LEADER_NAMES = [
    ("Nguyễn Văn Thành", "Lê Thị Hồng"),
    ("Trần Quốc Khánh", "Phạm Thị Mai"),
    ("Đỗ Minh Đức", "Vũ Thị Thu"),
]
CITIZENS = [
    ("Nguyễn Văn Hải", "Số 12 ngõ 4, khu phố 2"),
    ("Trần Thị Bích", "Số 7 đường Lý Thái Tổ, khu phố 1"),
    ("Lê Văn Cường", "Số 45 khu phố 3"),
    ("Phạm Thị Dung", "Số 3 ngách 8/2, khu phố 5"),
    ("Hoàng Văn Em", "Tổ 6, khu phố 4"),
    ("Bùi Thị Phương", "Số 21 đường Trần Phú, khu phố 2"),
]
# (kind, subject area code, content)
MATTERS = [
    ("petition", "urban_order", "Đề nghị lắp đèn chiếu sáng ngõ 4, khu phố 2, buổi tối rất tối."),
    ("feedback", "environment", "Phản ánh rác thải tồn đọng tại điểm tập kết đầu ngõ nhiều ngày."),
    ("complaint", "land", "Khiếu nại việc xác định ranh giới thửa đất khi cấp giấy chứng nhận."),
    ("petition", "social_policy", "Đề nghị xem xét hỗ trợ hộ cận nghèo cho gia đình có người ốm."),
    (
        "complaint",
        "compensation",
        "Khiếu nại mức bồi thường đất nông nghiệp dự án đường vành đai.",
    ),
    ("feedback", "officials_conduct", "Phản ánh cán bộ một cửa hẹn giải quyết hồ sơ nhiều lần."),
    ("feedback", "urban_order", "Phản ánh lấn chiếm vỉa hè làm nơi kinh doanh, gây ùn tắc."),
]
DIALOGUES = [
    ("Bồi thường, hỗ trợ dự án đường vành đai", "Các hộ dân bị ảnh hưởng bởi dự án"),
    ("Chỉnh trang đô thị và trật tự vỉa hè", "Nhân dân các khu phố"),
    ("Thu gom rác thải và vệ sinh môi trường", "Đại diện các hộ gia đình khu phố 3, 4"),
]


def _wards(city_units):
    units = city_units.values() if isinstance(city_units, dict) else city_units
    wards = [u for u in units if getattr(u, "level", None) == Level.COMMUNE]
    if not wards:
        wards = list(Unit.objects.filter(level=Level.COMMUNE).order_by("path"))
    return sorted(wards, key=lambda u: u.path)[:WARDS]


def _recorder(users):
    """Who records the cases: the city's reception officer, else an administrator."""
    users = users if isinstance(users, dict) else {u.username: u for u in users}
    return users.get("tiepdan") or User.objects.filter(is_superuser=True).first()


def _leader(username, full_name, ward):
    user = User(username=username, full_name=full_name)
    user.set_password(settings.DEMO_PASSWORD)
    user.save()
    RoleAssignment.objects.create(user=user, role=Role.READONLY_LEADER, unit=ward)
    return user


def load_demo(city_units, users, stdout=None):
    """`city_units`: the demo city's units (a dict by code or a list; its wards are
    used), `users`: the demo accounts (a dict by username or a list)."""
    rng = random.Random(2026)
    today = timezone.localdate()
    recorder = _recorder(users)
    areas = {a.code: a for a in SubjectArea.objects.all()}
    counts = {"sessions": 0, "dialogues": 0, "cases": 0}
    for w, ward in enumerate(_wards(city_units)):
        chair_name, secretary_name = LEADER_NAMES[w % len(LEADER_NAMES)]
        chair = _leader(f"chutich{w + 1:02d}", chair_name, ward)
        secretary = _leader(f"bithu{w + 1:02d}", secretary_name, ward)
        for leader, position in (
            (chair, ReceptionDuty.Position.COMMUNE_CHAIR),
            (secretary, ReceptionDuty.Position.COMMUNE_SECRETARY),
        ):
            days, per = reception.default_frequency(position)
            ReceptionDuty.objects.create(
                unit=ward, leader=leader, position=position, days_required=days, per=per,
                weekday=3 if leader is chair else 1,
            )  # fmt: skip
        sessions = _sessions(rng, ward, chair, secretary, today, reliability=0.95 - 0.1 * w)
        counts["sessions"] += len(sessions)
        for session in sessions:
            if recorder and rng.random() < 0.25:
                counts["cases"] += len(
                    reception.create_cases(session, _matters(rng, areas), user=recorder)
                )
        for dialogue in _dialogues(rng, ward, chair_name, today):
            counts["dialogues"] += 1
            if recorder and dialogue.status == Dialogue.Status.HELD:
                counts["cases"] += len(
                    reception.create_cases(dialogue, _matters(rng, areas), user=recorder)
                )
    if stdout:
        stdout.write(
            f"  reception sessions: {counts['sessions']}, dialogues: {counts['dialogues']}, "
            f"cases from them: {counts['cases']}"
        )


def _sessions(rng, ward, chair, secretary, today, reliability):
    """A year of weeks: the chair's Thursday reception (missed now and then), the
    secretary's two days a month, the officer's regular Tuesday reception."""
    rows = []
    monday = today - timedelta(days=today.weekday() + 52 * 7)
    while monday + timedelta(days=3) <= today:
        thursday, tuesday = monday + timedelta(days=3), monday + timedelta(days=1)
        if rng.random() < reliability:
            rows.append((thursday, ReceptionSession.Kind.PERIODIC, chair, ""))
        if tuesday.day <= 14 and rng.random() < reliability:
            rows.append((tuesday, ReceptionSession.Kind.PERIODIC, secretary, ""))
        elif tuesday.day > 14 and rng.random() < 0.2:
            rows.append((tuesday, ReceptionSession.Kind.AD_HOC, chair, ""))
        rows.append((tuesday, ReceptionSession.Kind.REGULAR, None, "Cán bộ Tiếp công dân"))
        monday += timedelta(days=7)
    return [
        ReceptionSession.objects.create(
            unit=ward,
            held_on=held_on,
            kind=kind,
            leader=leader,
            officer=officer,
            citizens_received=rng.randint(1, 9),
            matters="; ".join(m[2] for m in rng.sample(MATTERS, 2)),
            conclusion=(
                "Giao các bộ phận chuyên môn xem xét, trả lời công dân theo quy định."
                if leader
                else ""
            ),
        )
        for held_on, kind, leader, officer in rows
    ]


def _matters(rng, areas):
    chosen = []
    for kind, area, content in rng.sample(MATTERS, rng.randint(1, 2)):
        name, address = rng.choice(CITIZENS)
        chosen.append(
            {
                "kind": kind,
                "subject_area": areas.get(area) or next(iter(areas.values())),
                "name": name,
                "address": address,
                "phone": f"09{rng.randint(10000000, 99999999)}",
                "content": content,
            }
        )
    return chosen


def _dialogues(rng, ward, chair_name, today):
    held_on = today - timedelta(days=rng.randint(40, 200))
    topic, participants = DIALOGUES[0]
    yield Dialogue.objects.create(
        unit=ward,
        topic=topic,
        participants=participants,
        leaders=f"Chủ tịch UBND phường {chair_name}",
        planned_on=held_on - timedelta(days=3),
        held_on=held_on,
        status=Dialogue.Status.HELD,
        attendance=rng.randint(25, 80),
        matters="Mức giá bồi thường; thời gian bàn giao mặt bằng; bố trí tái định cư.",
        follow_up="UBND phường tổng hợp ý kiến, báo cáo Hội đồng bồi thường trong 15 ngày.",
    )
    topic, participants = DIALOGUES[1]
    yield Dialogue.objects.create(
        unit=ward,
        topic=topic,
        participants=participants,
        leaders=f"Chủ tịch UBND phường {chair_name}",
        planned_on=today + timedelta(days=rng.randint(7, 30)),
        status=Dialogue.Status.PLANNED,
    )
    topic, participants = DIALOGUES[2]
    yield Dialogue.objects.create(
        unit=ward,
        topic=topic,
        participants=participants,
        planned_on=today - timedelta(days=rng.randint(10, 60)),
        status=Dialogue.Status.CANCELLED,
        follow_up="Hoãn do trùng lịch họp của thành phố; sẽ bố trí lại.",
    )
