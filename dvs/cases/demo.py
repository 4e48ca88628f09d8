"""Demo cases: a year of petitions, complaints, denunciations and feedback in the demo
city, walked through the workflow (received, accepted, assigned, extended, suspended,
concluded, notified; or forwarded, guided, archived, linked) with dates over the last
twelve months, so most are resolved, some are open on time, some due soon and some
overdue. Then the reception sessions and dialogues (`reception_demo`).

Deadlines come from the engine through the workflow; no date is after today.
"""

import random
from datetime import timedelta

from django.utils import timezone

from dvs.accounts.models import User
from dvs.lib.fakenames import person_name
from dvs.units.models import Level, Organisation, Unit

from . import reception_demo, workflow
from .models import Case, Channel, Complexity, Kind, Status, SubjectArea

CITY = "C256"
CASES = 200  # cases received over the year, besides the scripted ones and reception ones

# Contents by subject area; {place} is a neighbourhood or street of the ward.
CONTENTS = {
    "land": [
        "Khiếu nại Quyết định cấp giấy chứng nhận quyền sử dụng đất cho hộ liền kề tại {place}, "
        "ranh giới lấn sang phần đất gia đình đã sử dụng ổn định từ năm 1995.",
        "Đề nghị xem xét cấp giấy chứng nhận quyền sử dụng đất cho thửa đất ở {place}; hồ sơ "
        "nộp từ năm trước đến nay chưa được giải quyết.",
        "Tố cáo việc xây dựng nhà trên đất nông nghiệp tại {place}, chính quyền không xử lý.",
        "Khiếu nại việc xác định nguồn gốc đất khi đo đạc lại bản đồ địa chính tại {place}.",
        "Phản ánh tranh chấp lối đi chung giữa các hộ tại {place}, đề nghị hòa giải.",
    ],
    "compensation": [
        "Khiếu nại mức bồi thường đất nông nghiệp dự án đường vành đai 4 đoạn qua {place}, "
        "đơn giá thấp hơn giá thị trường.",
        "Đề nghị bố trí tái định cư cho gia đình bị thu hồi toàn bộ đất ở tại {place}.",
        "Khiếu nại Quyết định thu hồi đất thực hiện dự án khu đô thị mới, chưa được hỗ trợ "
        "chuyển đổi nghề nghiệp.",
        "Khiếu nại việc không được bồi thường công trình, cây cối trên đất tại {place}.",
        "Tố cáo cán bộ Hội đồng bồi thường kê khống diện tích cho một số hộ tại {place}.",
    ],
    "social_policy": [
        "Đề nghị xem xét công nhận hộ cận nghèo cho gia đình có người ốm nặng tại {place}.",
        "Khiếu nại việc cắt trợ cấp xã hội hằng tháng của người cao tuổi trên 80 tuổi.",
        "Đề nghị giải quyết chế độ cho người có công với cách mạng, hồ sơ đã nộp từ lâu.",
        "Phản ánh danh sách hỗ trợ người lao động mất việc tại {place} thiếu công khai.",
        "Đề nghị hỗ trợ học phí cho con hộ nghèo đang học trung học phổ thông.",
    ],
    "environment": [
        "Phản ánh cơ sở tái chế nhựa tại {place} xả khói, gây ô nhiễm không khí ban đêm.",
        "Phản ánh rác thải tồn đọng tại điểm tập kết đầu {place} nhiều ngày không thu gom.",
        "Tố cáo doanh nghiệp xả nước thải chưa xử lý ra mương thoát nước chung tại {place}.",
        "Đề nghị nạo vét cống thoát nước {place}, mưa lớn là ngập úng.",
        "Phản ánh tiếng ồn từ xưởng gỗ hoạt động quá 22 giờ tại {place}.",
    ],
    "urban_order": [
        "Phản ánh lấn chiếm vỉa hè làm nơi kinh doanh tại {place}, gây ùn tắc giao thông.",
        "Đề nghị lắp đèn chiếu sáng công cộng tại {place}, buổi tối rất tối, mất an toàn.",
        "Phản ánh công trình xây dựng sai phép, vượt tầng tại {place}.",
        "Đề nghị sửa chữa mặt đường xuống cấp, nhiều ổ gà tại {place}.",
        "Phản ánh việc đỗ xe trái phép thường xuyên trước cổng trường học tại {place}.",
    ],
    "officials_conduct": [
        "Phản ánh cán bộ bộ phận một cửa hẹn giải quyết hồ sơ nhiều lần, thái độ thiếu tôn trọng.",
        "Tố cáo cán bộ địa chính phường nhận tiền để đẩy nhanh hồ sơ cấp giấy chứng nhận.",
        "Tố cáo tổ trưởng tổ dân phố {place} thu các khoản đóng góp không đúng quy định.",
        "Khiếu nại hành vi của cán bộ trật tự đô thị thu giữ hàng hóa không lập biên bản.",
        "Tố cáo cán bộ phường làm sai lệch hồ sơ xét duyệt hộ nghèo tại {place}.",
    ],
    "other": [
        "Đề nghị giải quyết dứt điểm việc cấp nước sạch cho các hộ cuối {place}.",
        "Phản ánh việc tổ chức lễ hội tại {place} kéo dài, ảnh hưởng sinh hoạt của nhân dân.",
    ],
}
# The kinds a content may be of, by its first word.
OPENING_KIND = {
    "Khiếu": Kind.COMPLAINT,
    "Tố": Kind.DENUNCIATION,
    "Đề": Kind.PETITION,
    "Phản": Kind.FEEDBACK,
}
AREA_WEIGHTS = {
    "land": 26,
    "compensation": 20,
    "social_policy": 16,
    "environment": 12,
    "urban_order": 14,
    "officials_conduct": 9,
    "other": 3,
}
CHANNEL_WEIGHTS = {
    Channel.RECEPTION: 30,
    Channel.POST: 28,
    Channel.PORTAL: 20,
    Channel.FORWARDED: 12,
    Channel.FRONT: 6,
    Channel.DIALOGUE: 4,
}
FORWARDING_AGENCIES = [
    ("Ban Tiếp công dân tỉnh", "PC"),
    ("Thanh tra tỉnh", "TTr"),
    ("Văn phòng Đoàn đại biểu Quốc hội tỉnh", "VPĐĐBQH"),
    ("Ủy ban MTTQ Việt Nam tỉnh", "MTTQ"),
]
COMPETENT_BODIES = [
    "Tòa án nhân dân thành phố",
    "Sở Tài nguyên và Môi trường tỉnh",
    "Công an thành phố",
    "Sở Lao động - Thương binh và Xã hội tỉnh",
]
CONCLUSIONS = {
    Kind.COMPLAINT: [
        "Quyết định giải quyết khiếu nại lần đầu: khiếu nại đúng một phần; điều chỉnh lại "
        "phương án bồi thường, hỗ trợ cho hộ gia đình.",
        "Quyết định giải quyết khiếu nại lần đầu: khiếu nại sai; giữ nguyên quyết định bị "
        "khiếu nại.",
        "Quyết định giải quyết khiếu nại: khiếu nại đúng; hủy quyết định bị khiếu nại, giao "
        "bộ phận chuyên môn thực hiện lại.",
    ],
    Kind.DENUNCIATION: [
        "Kết luận nội dung tố cáo: tố cáo đúng một phần; kiểm điểm, rút kinh nghiệm đối với "
        "cán bộ có liên quan.",
        "Kết luận nội dung tố cáo: tố cáo sai; thông báo cho người bị tố cáo và cơ quan quản lý.",
        "Kết luận nội dung tố cáo: tố cáo đúng; xử lý kỷ luật khiển trách, thu hồi khoản thu sai.",
    ],
    Kind.PETITION: [
        "Văn bản trả lời: đã bổ sung vào kế hoạch năm sau; giao bộ phận chuyên môn theo dõi.",
        "Văn bản trả lời: kiến nghị có cơ sở; đã chỉ đạo khắc phục trong tháng.",
        "Văn bản trả lời: kiến nghị không thuộc đối tượng được hỗ trợ theo quy định hiện hành.",
    ],
    Kind.FEEDBACK: [
        "Đã kiểm tra thực tế, lập biên bản và yêu cầu khắc phục; phản ánh đúng.",
        "Đã kiểm tra, phản ánh không có cơ sở; thông báo cho người phản ánh.",
        "Đã giao tổ dân phố phối hợp xử lý dứt điểm; khu vực đã được dọn dẹp.",
    ],
}
VERIFICATIONS = [
    "Làm việc với người gửi đơn, thu thập tài liệu, xác minh hiện trạng tại thực địa.",
    "Đối thoại với người khiếu nại và người bị khiếu nại; lập biên bản đối thoại.",
    "Yêu cầu bộ phận địa chính cung cấp hồ sơ, bản đồ qua các thời kỳ.",
]
GUIDANCE = [
    "Hướng dẫn công dân gửi đơn đến Tòa án nhân dân thành phố vì là tranh chấp dân sự.",
    "Hướng dẫn công dân nộp hồ sơ tại Bộ phận một cửa theo thủ tục hành chính.",
]
ARCHIVE_REASONS = [
    "Đơn trùng nội dung đã được giải quyết, không có tình tiết mới (Luật Khiếu nại, Điều 11).",
    "Người khiếu nại rút đơn bằng văn bản.",
    "Đơn không rõ nội dung, không đủ thông tin để xử lý; lưu đơn theo quy định.",
]
STREETS = ["Trần Phú", "Lý Thái Tổ", "Nguyễn Trãi", "Ngô Gia Tự", "Hai Bà Trưng"]


def load(stdout=None):
    """Add the year of cases and the reception demo; nothing if the city has cases."""
    city = Unit.objects.filter(code=CITY).first()
    if city is None or Case.objects.filter(unit__path__startswith=city.path).exists():
        return
    demo = _Demo(city)
    counts = demo.run()
    if stdout:
        stdout.write("  cases: " + ", ".join(f"{s}: {n}" for s, n in sorted(counts.items())))
    wards = {u.code: u for u in Unit.objects.filter(path__startswith=city.path)}
    reception_demo.load_demo(wards, demo.users, stdout=stdout)
    # The matters raised at reception sessions and dialogues were only received: take
    # them through the workflow like the others.
    for case in (
        Case.objects.filter(unit__path__startswith=city.path, status=Status.RECEIVED)
        .exclude(reception_session=None, dialogue=None)
        .select_related("unit")
        .order_by("pk")
    ):
        demo.settle(case)


class _Demo:
    def __init__(self, city):
        self.rng = random.Random(4)
        self.today = timezone.localdate()
        self.city = city
        self.wards = list(city.get_children().filter(level=Level.COMMUNE).order_by("path"))
        self.neighbourhoods = {
            ward.pk: [n.name for n in ward.get_children().order_by("path")] for ward in self.wards
        }
        self.areas = {a.code: a for a in SubjectArea.objects.all()}
        self.users = {u.username: u for u in User.objects.all()}
        self.front = Organisation.objects.filter(unit=city, kind__code="fatherland_front").first()
        self.recorder = self.users.get("tiepdan") or User.objects.filter(is_superuser=True).first()
        self.leader = self.users.get("lanhdaoban") or self.recorder
        self.first_time = []  # notified first-time complaints: some get a second one

    # People and units ---------------------------------------------------------------------

    def handler_for(self, unit):
        # Handlers are reception officers and board specialists, never a ward bloc.
        name = self.rng.choice(["tiepdan", "chuyenvien", "tiepdan"])
        return self.users.get(name) or self.recorder

    def petitioner(self, ward):
        place = self.place(ward)
        return {
            "name": person_name(self.rng),
            "address": f"Số {self.rng.randint(1, 150)} đường {self.rng.choice(STREETS)}, {place}",
            "phone": f"09{self.rng.randint(10000000, 99999999)}",
            "id_number": f"0272{self.rng.randint(10, 99)}{self.rng.randint(0, 999999):06d}",
        }

    def place(self, ward):
        names = self.neighbourhoods.get(ward.pk) or [ward.name]
        return f"{self.rng.choice(names)}, {ward.name}"

    def content(self, area, ward, kind=None):
        choices = [
            c for c in CONTENTS[area] if kind is None or OPENING_KIND[c.split()[0]] == kind
        ] or CONTENTS[area]
        text = self.rng.choice(choices)
        return OPENING_KIND[text.split()[0]], text.format(place=self.place(ward))

    def day(self, start, most):
        """A day after `start`, at most `most` days later, never after today."""
        return min(start + timedelta(days=self.rng.randint(1, max(1, most))), self.today)

    # The year -------------------------------------------------------------------------------

    def run(self):
        rng = self.rng
        for _ in range(CASES):
            age = int(365 * rng.random() ** 1.15)  # a little more of the recent months
            self.one(self.today - timedelta(days=age))
        self.scripted()
        return {
            status: Case.objects.filter(
                unit__path__startswith=self.city.path, status=status
            ).count()
            for status in Status.values
        }

    def receive(self, received_on, *, area=None, kind=None, ward=None, channel=None, **extra):
        rng = self.rng
        ward = ward or (self.city if rng.random() < 0.12 else rng.choice(self.wards))
        area = area or rng.choices(list(AREA_WEIGHTS), weights=list(AREA_WEIGHTS.values()))[0]
        kind, content = self.content(area, ward, kind)
        channel = (
            channel or rng.choices(list(CHANNEL_WEIGHTS), weights=list(CHANNEL_WEIGHTS.values()))[0]
        )
        fields = {}
        if channel == Channel.FORWARDED:
            agency, prefix = rng.choice(FORWARDING_AGENCIES)
            fields["forwarded_by"] = agency
            fields["forwarded_reference"] = f"{rng.randint(100, 999)}/{prefix}-{received_on:%Y}"
        if channel == Channel.FRONT and self.front:
            fields["organisation"] = self.front
        anonymous = kind == Kind.DENUNCIATION and rng.random() < 0.2
        group = not anonymous and kind in (Kind.COMPLAINT, Kind.PETITION) and rng.random() < 0.1
        if anonymous:
            petitioners = []
        else:
            petitioners = [self.petitioner(ward) for _ in range(rng.randint(3, 6) if group else 1)]
        if kind == Kind.COMPLAINT and rng.random() < 0.08:
            fields["remote_area"] = True
        fields.update(extra)
        return workflow.receive(
            unit=ward,
            kind=kind,
            channel=channel,
            received_on=received_on,
            subject_area=self.areas[area],
            content=content,
            petitioners=petitioners,
            by=self.recorder,
            anonymous=anonymous,
            group_case=group,
            **fields,
        )

    def one(self, received_on, **fields):
        """Receive a case and take it as far as its age allows."""
        return self.settle(self.receive(received_on, **fields))

    def settle(self, case):
        rng = self.rng
        received_on = case.received_on
        age = (self.today - received_on).days
        if age < 2:
            return case
        # Some are not for this city to resolve, or not cases at all.
        closing = rng.random()
        if closing < 0.07:
            return workflow.forward(
                case, by=self.recorder, forwarded_on=self.day(received_on, 6),
                to=rng.choice(COMPETENT_BODIES),
                note="Chuyển đơn đến cơ quan có thẩm quyền giải quyết.",
            )  # fmt: skip
        if closing < 0.11:
            return workflow.guide(
                case,
                by=self.recorder,
                guided_on=self.day(received_on, 4),
                note=rng.choice(GUIDANCE),
            )
        if closing < 0.14:
            return workflow.archive(
                case, by=self.recorder, archived_on=self.day(received_on, 8),
                reason=rng.choice(ARCHIVE_REASONS),
            )  # fmt: skip
        # An open case left unaccepted: overdue once past its acceptance limit.
        if age < 9 or (age < 40 and rng.random() < 0.06):
            if rng.random() < 0.5:
                self.assign(case, received_on)
            return case
        return self.resolve(case, received_on)

    def assign(self, case, on):
        handler = self.handler_for(case.unit)
        return workflow.assign(case, by=self.leader, handler=handler, assigned_on=on)

    def resolve(self, case, received_on, *, stuck=None):
        rng = self.rng
        accepted_on = self.day(received_on, 7)
        complexity = rng.choices(
            [Complexity.NORMAL, Complexity.COMPLEX, Complexity.ESPECIALLY_COMPLEX],
            weights=[80, 16, 4],
        )[0]
        workflow.accept(
            case, by=self.leader, accepted_on=accepted_on, complexity=complexity,
            note="Thụ lý giải quyết.",
        )  # fmt: skip
        self.assign(case, accepted_on)
        verified_on = accepted_on
        if case.kind in (Kind.COMPLAINT, Kind.DENUNCIATION):
            verified_on = self.day(accepted_on, 10)
            workflow.verify(
                case, by=case.handler, verified_on=verified_on, note=rng.choice(VERIFICATIONS)
            )
        # Extensions: petitions and feedback, complex denunciations (the engine checks).
        extendable = case.kind in (Kind.PETITION, Kind.FEEDBACK) or (
            case.kind == Kind.DENUNCIATION and complexity != Complexity.NORMAL
        )
        if extendable and rng.random() < 0.25:
            granted_on = self.day(verified_on, 12)
            workflow.extend(
                case, by=self.leader, granted_on=granted_on, days=rng.choice([15, 20, 30]),
                reason="Nội dung phức tạp, cần xác minh thêm tại nhiều cơ quan.",
            )  # fmt: skip
        # How long resolution takes: usually within the limit, sometimes not.
        took = rng.choice([12, 18, 22, 25, 28, 35]) if rng.random() < 0.85 else rng.randint(40, 75)
        if stuck is None:
            stuck = rng.random() < 0.05
        concluded_on = accepted_on + timedelta(days=took)
        if stuck or concluded_on >= self.today:
            return case  # still being resolved: on time, due soon or overdue
        concluded_on = max(
            concluded_on, verified_on, *(e.granted_on for e in case.extensions.all())
        )
        workflow.conclude(
            case, by=case.handler, concluded_on=concluded_on,
            conclusion=rng.choice(CONCLUSIONS[case.kind]),
        )  # fmt: skip
        notified_on = concluded_on + timedelta(days=rng.randint(1, 7))
        if notified_on <= self.today and rng.random() < 0.95:
            workflow.notify(
                case, by=case.handler, notified_on=notified_on,
                note="Gửi quyết định, văn bản trả lời cho người gửi đơn.",
            )  # fmt: skip
            if case.kind == Kind.COMPLAINT and case.stage == 1 and not case.group_case:
                self.first_time.append(case)
        return case

    # Cases the demo must show whatever today is -----------------------------------------------

    def scripted(self):
        rng, today = self.rng, self.today
        # Second-time complaints after a first decision, at the city.
        for first in sorted(self.first_time, key=lambda c: c.closed_on)[:6]:
            received_on = self.day(first.closed_on, 20)
            petitioner = first.petitioners.first()
            second = workflow.receive(
                unit=self.city,
                kind=Kind.COMPLAINT,
                channel=Channel.POST,
                received_on=received_on,
                subject_area=first.subject_area,
                content="Khiếu nại lần hai: không đồng ý với quyết định giải quyết khiếu nại lần "
                f"đầu số {first.code}. " + first.content,
                petitioners=[petitioner.identity] if petitioner else [self.petitioner(self.city)],
                by=self.recorder,
                stage=2,
                first_case=first,
            )
            if (today - received_on).days > 3:
                self.resolve(second, received_on)
        # Repeats of the same matter, linked to the earlier case.
        originals = list(
            Case.objects.filter(
                unit__path__startswith=self.city.path,
                status__in=(Status.ACCEPTED, Status.NOTIFIED),
                anonymous=False,
                received_on__lt=today - timedelta(days=30),
            ).order_by("received_on")[:4]
        )
        for original in originals:
            petitioner = original.petitioners.first()
            received_on = self.day(original.received_on, 20)
            repeat = workflow.receive(
                unit=original.unit, kind=original.kind, channel=Channel.PORTAL,
                received_on=received_on, subject_area=original.subject_area,
                content=original.content, petitioners=[petitioner.identity],
                by=self.recorder,
            )  # fmt: skip
            workflow.link(
                repeat, original, by=self.recorder, on=self.day(received_on, 3),
                note="Đơn trùng nội dung với đơn đang/đã giải quyết.",
            )  # fmt: skip
        # Overdue: unaccepted past the acceptance limit, and accepted past the resolution one.
        for age in (25, 38, 52):
            self.receive(today - timedelta(days=age), ward=rng.choice(self.wards[:2]))
        for age in (70, 95, 130, 160):
            received_on = today - timedelta(days=age)
            self.resolve(self.receive(received_on, ward=rng.choice(self.wards[:3])), received_on,
                         stuck=True)  # fmt: skip
        # Due soon: accepted about four weeks ago (30-day limits).
        for age in (29, 31, 33):
            received_on = today - timedelta(days=age)
            case = self.receive(received_on, kind=Kind.PETITION, area="urban_order")
            workflow.accept(case, by=self.leader, accepted_on=received_on + timedelta(days=2))
            self.assign(case, received_on + timedelta(days=2))
        # Concluded, the decision not yet sent.
        received_on = today - timedelta(days=40)
        case = self.receive(received_on, kind=Kind.COMPLAINT, area="compensation")
        workflow.accept(case, by=self.leader, accepted_on=received_on + timedelta(days=3))
        self.assign(case, received_on + timedelta(days=3))
        workflow.conclude(
            case, by=case.handler, concluded_on=today - timedelta(days=1),
            conclusion=CONCLUSIONS[Kind.COMPLAINT][1],
        )  # fmt: skip
        # A complaint suspended pending another body's decision, and one resumed.
        for age, resumed in ((60, False), (120, True)):
            received_on = today - timedelta(days=age)
            case = self.receive(received_on, kind=Kind.COMPLAINT, area="land", ward=self.wards[0])
            accepted_on = received_on + timedelta(days=5)
            workflow.accept(case, by=self.leader, accepted_on=accepted_on)
            self.assign(case, accepted_on)
            suspended_on = accepted_on + timedelta(days=10)
            workflow.suspend(
                case, by=self.leader, suspended_on=suspended_on,
                reason="Chờ kết quả giải quyết tranh chấp đất đai của Tòa án nhân dân thành phố.",
            )  # fmt: skip
            if resumed:
                resumed_on = suspended_on + timedelta(days=40)
                workflow.resume(
                    case, by=self.leader, resumed_on=resumed_on, note="Tòa án đã xét xử."
                )
                workflow.conclude(
                    case, by=case.handler, concluded_on=resumed_on + timedelta(days=15),
                    conclusion=CONCLUSIONS[Kind.COMPLAINT][0],
                )  # fmt: skip
                workflow.notify(case, by=case.handler, notified_on=resumed_on + timedelta(days=18))
