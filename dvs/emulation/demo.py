"""Demo exemplars: 126 models across the four fields, the city and its 19 wards, over
four years, with indicator figures, score sheets by the board, recognitions, a few
replications into other wards and some shown in the public showcase.

Written through the same actions as the back office (as the board specialist), so the
statuses, totals and replication links are what a user would have produced."""

import datetime
import random

from django.utils import timezone

from dvs.accounts.models import User
from dvs.units.models import Level as UnitLevel
from dvs.units.models import Organisation, Unit

from . import actions, reference
from .models import (
    Criterion,
    Exemplar,
    ExemplarField,
    Level,
    RecognitionLevel,
    Status,
)

TOTAL = 126
REPLICAS = 12

# field code: [(name, problem, how it works, indicators)]
IDEAS = {
    "economy": [
        (
            "Tổ hợp tác trồng rau an toàn",
            "Rau bán ra chợ không rõ nguồn gốc, thu nhập hộ thấp",
            "Hội viên góp vốn, chia sẻ kỹ thuật, ký hợp đồng tiêu thụ với bếp ăn trường học",
            ["households", "money"],
        ),
        (
            "Quỹ tín dụng xoay vòng giúp nhau thoát nghèo",
            "Hộ cận nghèo thiếu vốn làm ăn, vay nặng lãi",
            "Chi hội góp quỹ, cho vay không lãi theo vòng 12 tháng, kèm hướng dẫn làm ăn",
            ["households", "money"],
        ),
        (
            "Chợ phiên nông sản sạch cuối tuần",
            "Nông sản địa phương khó tìm đầu ra",
            "Đoàn thể tổ chức chợ phiên, kết nối người sản xuất và người tiêu dùng",
            ["households", "money"],
        ),
        (
            "Hiến đất mở rộng đường ngõ xóm",
            "Ngõ hẹp, xe cứu hỏa không vào được",
            "Vận động từng hộ hiến đất, góp ngày công; Nhà nước hỗ trợ vật liệu",
            ["households", "land", "road", "working_days"],
        ),
    ],
    "culture_society": [
        (
            "Tủ sách cộng đồng khu dân cư",
            "Trẻ em thiếu sách đọc, dùng điện thoại nhiều",
            "Quyên góp sách, hội người cao tuổi trông coi tủ sách tại nhà văn hóa",
            ["people", "households"],
        ),
        (
            "Tuyến phố xanh – sạch – đẹp",
            "Rác thải bừa bãi, thiếu cây xanh",
            "Mỗi hộ nhận chăm sóc một đoạn phố, trồng cây, phân loại rác tại nguồn",
            ["households", "trees", "working_days"],
        ),
        (
            "Bữa cơm nghĩa tình cho bệnh nhân nghèo",
            "Bệnh nhân nghèo điều trị dài ngày thiếu ăn",
            "Hội phụ nữ vận động gạo, thực phẩm; nấu và phát cơm hằng tuần",
            ["people", "money"],
        ),
        (
            "Câu lạc bộ gia đình hạnh phúc",
            "Bạo lực gia đình, ly hôn gia tăng",
            "Sinh hoạt định kỳ, tư vấn, hòa giải tại cộng đồng",
            ["households", "people"],
        ),
        (
            "Thắp sáng đường quê",
            "Đường thôn tối, mất an toàn khi đi đêm",
            "Nhân dân góp tiền, đoàn viên lắp đặt đèn năng lượng mặt trời",
            ["households", "money", "road"],
        ),
    ],
    "defence_security": [
        (
            "Camera an ninh khu phố",
            "Trộm cắp vặt, khó truy vết",
            "Nhân dân góp kinh phí lắp camera, kết nối với công an phường",
            ["households", "money"],
        ),
        (
            "Tổ tự quản an ninh trật tự",
            "Tụ tập gây rối về đêm",
            "Tổ tuần tra luân phiên gồm cựu chiến binh, đoàn viên và công an khu vực",
            ["people", "working_days"],
        ),
        (
            "Khu dân cư không có ma túy",
            "Nguy cơ thanh thiếu niên sa vào tệ nạn",
            "Tuyên truyền tại hộ gia đình, cam kết, giúp người sau cai nghiện có việc làm",
            ["households", "people"],
        ),
        (
            "Dòng họ tự quản về an ninh",
            "Mâu thuẫn trong dòng họ dễ phát sinh khiếu kiện",
            "Trưởng họ cùng Ban công tác Mặt trận hòa giải, đưa quy ước vào gia phả",
            ["households"],
        ),
    ],
    "political_system": [
        (
            "Cán bộ phường gần dân, sát dân",
            "Người dân ngại đến trụ sở phản ánh",
            "Mỗi cán bộ phụ trách một tổ dân phố, dự sinh hoạt và tiếp nhận ý kiến hằng tháng",
            ["people"],
        ),
        (
            "Ngày thứ Bảy cùng dân",
            "Thủ tục hành chính chậm, dân phải đi lại nhiều lần",
            "Bộ phận một cửa làm việc sáng thứ Bảy, hướng dẫn thủ tục trực tuyến tại nhà văn hóa",
            ["people", "working_days"],
        ),
        (
            "Chi bộ gắn với khu dân cư",
            "Sinh hoạt chi bộ hình thức, xa thực tế",
            "Chi bộ bàn và giao việc cụ thể cho đảng viên theo kiến nghị của dân",
            ["people"],
        ),
        (
            "Đối thoại định kỳ giữa chính quyền và nhân dân",
            "Kiến nghị của dân tồn đọng",
            "Mỗi quý một buổi đối thoại, kết luận công khai và theo dõi đến khi xong",
            ["people", "households"],
        ),
    ],
}

# Values a year for each indicator: (low, high) of the target; actual lands near it.
RANGES = {
    "households": (20, 400),
    "people": (30, 1200),
    "money": (10, 900),
    "working_days": (50, 2000),
    "road": (100, 3000),
    "trees": (50, 1500),
    "land": (20, 800),
}


def load(stdout=None):
    rng = random.Random(2024)
    reference.install()
    specialist = User.objects.filter(username="chuyenvien").first()
    leader = User.objects.filter(username="lanhdaoban").first()
    city = Unit.objects.filter(level=UnitLevel.DISTRICT, code="C256").first()
    if specialist is None or city is None:
        return
    wards = list(Unit.objects.subtree_of(city).filter(level=UnitLevel.COMMUNE).order_by("path"))
    fields = {f.code: f for f in ExemplarField.objects.all()}
    this_year = timezone.localdate().year
    years = list(range(this_year - 3, this_year + 1))
    originals = []
    for number in range(TOTAL - REPLICAS):
        code = list(IDEAS)[number % len(IDEAS)]
        name, problem, method, indicators = IDEAS[code][(number // 4) % len(IDEAS[code])]
        unit, level, organisation = _owner(rng, number, city, wards)
        year = years[number % len(years)]
        started = datetime.date(year, rng.randint(1, 6), rng.randint(1, 28))
        exemplar = actions.register_exemplar(
            by=specialist,
            name=f"{name} {unit.name.replace('Phường ', '').replace('Khu phố ', 'KP ')}",
            field=fields[code],
            level=level,
            unit=unit,
            organisation=organisation,
            year=year,
            started_on=started,
            problem=problem,
            method=method,
            participants=rng.choice(
                [
                    "Hội viên phụ nữ, cựu chiến binh và đoàn viên thanh niên trong khu dân cư",
                    "Các hộ gia đình trên tuyến, Ban công tác Mặt trận và công an khu vực",
                    "Người cao tuổi, học sinh và các hộ kinh doanh",
                ]
            ),
            people_count=rng.randint(20, 600),
            households_count=rng.randint(10, 250),
            status=Status.RUNNING if year < this_year else Status.REGISTERED,
            indicator_values=_values(rng, indicators, year, this_year),
        )
        originals.append(exemplar)
    _evaluate(rng, originals, specialist, leader, this_year)
    recognised = _recognise(rng, originals, specialist)
    _replicate(rng, recognised, wards, specialist, this_year)
    for exemplar in recognised[:8]:
        actions.publish(exemplar, by=specialist)
    _media_group()
    for exemplar in rng.sample(originals, 5):
        if exemplar.status in (Status.RUNNING, Status.REGISTERED):
            exemplar.status = Status.STOPPED
            exemplar.save(update_fields=["status"])
    if stdout:
        stdout.write(f"  exemplars: {Exemplar.objects.count()}")


def _owner(rng, number, city, wards):
    """The city owns one in twelve; wards and their neighbourhoods and organisations
    the rest, spread over every ward."""
    if number % 12 == 0:
        organisation = Organisation.objects.filter(unit=city, kind__code="fatherland_front").first()
        return city, Level.CITY, organisation
    ward = wards[number % len(wards)]
    choice = rng.random()
    if choice < 0.45:
        return ward, Level.WARD, None
    if choice < 0.75:
        neighbourhood = rng.choice(list(ward.get_children()))
        return neighbourhood, Level.NEIGHBOURHOOD, None
    organisation = rng.choice(
        list(Organisation.objects.filter(unit=ward, kind__is_socio_political=True)) or [None]
    )
    return ward, Level.ORGANISATION if organisation else Level.WARD, organisation


def _values(rng, indicators, first_year, this_year):
    values = []
    for year in range(first_year, this_year + 1):
        for code in indicators:
            low, high = RANGES[code]
            target = rng.randint(low, high)
            actual = round(target * rng.uniform(0.6, 1.3)) if year < this_year else None
            values.append(
                {
                    "indicator": code,
                    "year": year,
                    "baseline": round(target * rng.uniform(0.1, 0.5)),
                    "target": target,
                    "actual": actual,
                }
            )
    return values


def _evaluate(rng, exemplars, specialist, leader, this_year):
    criteria = list(Criterion.objects.filter(is_active=True))
    for exemplar in exemplars:
        if exemplar.year >= this_year or rng.random() < 0.3:
            continue
        quality = rng.uniform(5, 9.8)
        for evaluator in filter(None, (specialist, leader)):
            scores = {
                c.pk: max(0, min(float(c.max_score), round(quality + rng.uniform(-1.5, 1.5), 1)))
                for c in criteria
            }
            actions.evaluate(exemplar, year=exemplar.year, scores=scores, by=evaluator)
        exemplar.refresh_from_db()


def _recognise(rng, exemplars, specialist):
    evaluated = sorted(
        (e for e in exemplars if e.evaluations.exists()),
        key=lambda e: -max(ev.total for ev in e.evaluations.all()),
    )
    recognised = []
    for number, exemplar in enumerate(evaluated[:24], start=1):
        level = RecognitionLevel.PROVINCE if number <= 4 else RecognitionLevel.CITY
        decision_date = max(
            exemplar.started_on + datetime.timedelta(days=200),
            datetime.date(exemplar.year, 12, 15),
        )
        decision_date = min(decision_date, timezone.localdate())
        actions.recognise(
            exemplar,
            level=level,
            decision_number=f"{100 + number}-QĐ/{'TU' if level == 'province' else 'BDVTU'}",
            decision_date=decision_date,
            issued_by="Tỉnh ủy" if level == RecognitionLevel.PROVINCE else "Ban Dân vận Thành ủy",
            by=specialist,
        )
        exemplar.refresh_from_db()
        recognised.append(exemplar)
    return recognised


def _replicate(rng, recognised, wards, specialist, this_year):
    made = 0
    for origin in recognised:
        if made >= REPLICAS:
            return
        targets = [
            w for w in wards if w.pk != origin.unit_id and not origin.unit.path.startswith(w.path)
        ]
        for ward in rng.sample(targets, 2 if made < REPLICAS - 1 else 1):
            replica = actions.replicate(origin, unit=ward, by=specialist, year=this_year)
            made += 1
            if made == 3:
                # A replica replicated again: the tree has a second level.
                other = next(w for w in targets if w.pk not in (ward.pk, origin.unit_id))
                actions.replicate(replica, unit=other, by=specialist, year=this_year)
                made += 1
            if made >= REPLICAS:
                return


MEDIA_USERS = ("chuyenvien", "lanhdaoban", "khoidanvan01", "khoidanvan02", "phunu01")


def _media_group():
    """Photos and documents are Wagtail images and documents, whose permissions are
    granted on collections to groups: the demo's emulation staff may upload and choose."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission

    group, _created = Group.objects.get_or_create(name="Ảnh và tài liệu mô hình")
    root = Collection.get_first_root_node()
    for codename in ("add_image", "choose_image", "add_document", "choose_document"):
        permission = Permission.objects.get(codename=codename)
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )
    for user in User.objects.filter(username__in=MEDIA_USERS):
        user.groups.add(group)
