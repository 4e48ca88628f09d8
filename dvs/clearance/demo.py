"""Demo land clearance: two key projects shaped like the seed article's, "Đường vành đai 4"
(a ring road across five wards of the demo city) and "Đường tỉnh 295C" (a provincial
road across three), a few hundred affected parties at every step, persuasion visits by
the demo users and organisations, obstacles (some tied to the demo's complaint cases
about compensation), and one ward of each route that has sent nothing yet.

Written directly with the models (the steps are history, not new input: their clocks
are the figures' and the clocks' screens to show), then `refresh_state()` per party.
Deterministic: a seeded random."""

import datetime
import random

from django.utils import timezone

from dvs.accounts.models import User
from dvs.lib.fakenames import person_name
from dvs.lib.vntext import fold, nfc
from dvs.units.models import Level, Organisation, Unit

from .models import (
    AdvocacyVisit,
    AffectedParty,
    Concern,
    LandKind,
    Milestone,
    MilestoneKind,
    Obstacle,
    ObstacleCategory,
    Outcome,
    PartyKind,
    Project,
    ProjectKind,
    Segment,
)

# code, name, investor, length km, area ha, [(ward code, km from, km to, parties)]
# A ward with 0 parties has sent nothing yet ("Chưa có số liệu").
PROJECTS = [
    (
        "VD4-2026-001",
        "Đường vành đai 4 đoạn qua thành phố Kinh Bắc",
        "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh",
        "18.600",
        "96.5000",
        [
            ("W01", "0.000", "4.200", 72),
            ("W02", "4.200", "8.000", 64),
            ("W03", "8.000", "11.500", 56),
            ("W04", "11.500", "15.100", 44),
            ("W05", "15.100", "18.600", 0),
        ],
    ),
    (
        "DT295C-2026-001",
        "Cải tạo, nâng cấp đường tỉnh 295C",
        "Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp tỉnh",
        "9.000",
        "31.2000",
        [
            ("W06", "0.000", "3.100", 48),
            ("W07", "3.100", "6.400", 36),
            ("W08", "6.400", "9.000", 0),
        ],
    ),
]
LEGAL_BASIS = (
    "Nghị quyết của Hội đồng nhân dân tỉnh về chủ trương đầu tư; Quyết định của Ủy ban "
    "nhân dân thành phố về kế hoạch thu hồi đất, điều tra, khảo sát, đo đạc, kiểm đếm "
    "(dữ liệu mẫu)."
)
STREETS = ["đường Lý Thái Tổ", "đường Nguyễn Trãi", "đường Ngô Gia Tự", "đường Trần Hưng Đạo"]
ORGANISATION_NAMES = [
    "Công ty TNHH Thương mại Hòa Phát Kinh Bắc",
    "Hợp tác xã Nông nghiệp {ward}",
    "Công ty Cổ phần Gạch ngói {ward}",
]
RELIGIOUS_NAMES = ["Chùa {ward}", "Nhà thờ họ Nguyễn {ward}"]
OBSTACLES = {
    ObstacleCategory.LAND_PRICE: "Chưa thống nhất đơn giá bồi thường đất nông nghiệp",
    ObstacleCategory.RESETTLEMENT: "Đề nghị bố trí lô tái định cư gần nơi ở cũ",
    ObstacleCategory.LAND_ORIGIN: "Chưa xác định được nguồn gốc đất, đang xác minh hồ sơ",
    ObstacleCategory.DISPUTE: "Tranh chấp ranh giới với hộ liền kề",
    ObstacleCategory.GRAVES: "Có mộ phần trên đất, gia đình chưa chọn ngày di dời",
    ObstacleCategory.COMPLAINT: "Khiếu nại quyết định phê duyệt phương án bồi thường",
    ObstacleCategory.PROCEDURE: "Thiếu giấy tờ thừa kế, đang làm thủ tục",
}
NEXT_STEPS = [
    "Mời gia đình dự buổi đối thoại tại phường",
    "Phối hợp Hội Nông dân gặp lại",
    "Cung cấp bảng giá và bản đồ khu tái định cư",
    "Mời cán bộ địa chính giải thích nguồn gốc đất",
]


def load(stdout=None):
    city = Unit.objects.filter(level=Level.DISTRICT, code="C256").first()
    if city is None:
        return
    rng = random.Random(14)
    today = timezone.localdate()
    users = {u.username: u for u in User.objects.filter(username__in=_USERNAMES)}
    city_orgs = {
        o.kind.code: o
        for o in Organisation.objects.filter(unit=city).select_related("kind")
        if o.kind.code in {"fatherland_front", "farmers", "veterans"}
    }
    complaints = _land_cases()
    loader = _Loader(rng, today, users, city_orgs, complaints)
    for spec in PROJECTS:
        loader.project(city, *spec)
    if stdout:
        stdout.write(
            f"  clearance: {Project.objects.count()} projects, "
            f"{AffectedParty.objects.count()} parties, {AdvocacyVisit.objects.count()} visits, "
            f"{Obstacle.objects.count()} obstacles"
        )


_USERNAMES = ["chuyenvien", "lanhdaoban", "mattran", "khoidanvan01", "khoidanvan02", "phunu01"]


def _land_cases():
    """The demo's complaint cases about compensation and land, by ward path (if the cases
    demo ran: it comes first in INSTALLED_APPS)."""
    try:
        from dvs.cases.models import Case
    except ImportError:  # pragma: no cover
        return {}
    found = {}
    cases = Case.objects.filter(subject_area__code__in=["compensation", "land"]).select_related(
        "unit"
    )
    for case in cases.order_by("pk")[:400]:
        if case.unit.depth < 3:
            continue
        ward_path = case.unit.path[: 3 * Unit.steplen]  # province, city, ward
        found.setdefault(ward_path, []).append(case)
    return found


class _Loader:
    def __init__(self, rng, today, users, city_orgs, complaints):
        self.rng = rng
        self.today = today
        self.users = users
        self.city_orgs = city_orgs
        self.complaints = complaints

    def project(self, city, code, name, investor, length, area, segments):
        project = Project.objects.create(
            unit=city,
            code=code,
            name=name,
            kind=ProjectKind.TRANSPORT,
            investor=investor,
            legal_basis=LEGAL_BASIS,
            length_km=length,
            area_ha=area,
            created_by=self.users.get("chuyenvien"),
        )
        wards = {u.code: u for u in Unit.objects.filter(code__in=[s[0] for s in segments])}
        for position, (ward_code, km_from, km_to, count) in enumerate(segments):
            ward = wards.get(ward_code)
            if ward is None:
                continue
            segment = Segment.objects.create(
                project=project,
                ward=ward,
                km_from=km_from,
                km_to=km_to,
                planned_households=count or self.rng.randint(30, 50),
            )
            self.working_group(segment, ward)
            if count:
                self.parties(segment, ward, count, lagging=position == len(segments) - 2)
        return project

    def working_group(self, segment, ward):
        organisations = list(
            Organisation.objects.filter(
                unit=ward, kind__code__in=["fatherland_front", "veterans", "womens_union"]
            )
        )
        if "farmers" in self.city_orgs:
            organisations.append(self.city_orgs["farmers"])
        segment.working_organisations.add(*organisations)
        people = [self.users.get("chuyenvien")]
        officer = {"W01": "khoidanvan01", "W02": "khoidanvan02"}.get(ward.code)
        if officer:
            people.append(self.users.get(officer))
        if ward.code == "W01":
            people.append(self.users.get("phunu01"))
        segment.working_users.add(*[p for p in people if p])
        self.visitors = [p for p in people if p] or [None]
        self.organisations = organisations

    def parties(self, segment, ward, count, lagging):
        rng = self.rng
        neighbourhoods = list(
            Unit.objects.filter(path__startswith=ward.path, level=Level.NEIGHBOURHOOD)
        ) or [ward]
        ward_name = ward.name.replace("Phường ", "")
        # The shared steps, as the ward and the land office did them for the whole segment.
        plan_on = datetime.date(2025, 11, rng.randint(3, 20))
        notice_on = datetime.date(2026, 1, rng.randint(5, 25))
        inventory_on = notice_on + datetime.timedelta(days=rng.randint(20, 35))
        shared = [
            (MilestoneKind.PLAN, plan_on),
            (MilestoneKind.LAND_USERS_MEETING, plan_on + datetime.timedelta(days=15)),
            (MilestoneKind.NOTICE, notice_on),
            (MilestoneKind.INVENTORY, inventory_on),
        ]
        Milestone.objects.bulk_create(
            Milestone(
                segment=segment,
                unit=ward,
                kind=kind,
                on=on,
                land=LandKind.AGRICULTURAL if kind == MilestoneKind.NOTICE else "",
                document_number=f"{rng.randint(100, 999)}/TB-UBND"
                if kind == MilestoneKind.NOTICE
                else "",
                created_by=self.visitors[0],
            )
            for kind, on in shared
            if on <= self.today
        )
        parties = []
        for number in range(count):
            kind = rng.choices(
                [PartyKind.HOUSEHOLD, PartyKind.INDIVIDUAL, PartyKind.ORGANISATION]
                + [PartyKind.RELIGIOUS, PartyKind.COMMUNITY],
                weights=[85, 7, 4, 2, 2],
            )[0]
            name = self.party_name(kind, ward_name)
            residential = rng.random() < 0.3
            party = AffectedParty(
                segment=segment,
                unit=rng.choice(neighbourhoods),
                kind=kind,
                name=name,
                address=f"Số {number + 1} {rng.choice(STREETS)}, {ward_name}",
                agricultural_land=not residential or rng.random() < 0.5,
                non_agricultural_land=residential,
                residential_land=residential,
                area_m2=rng.randint(80, 2400),
                must_relocate=residential and rng.random() < 0.6,
            )
            if kind == PartyKind.HOUSEHOLD and rng.random() < 0.06:
                party.set_sensitive(
                    policy_family=rng.random() < 0.5, poor_household=rng.random() < 0.6
                )
            # What save() derives, for one bulk insert.
            party.name = nfc(party.name)
            party.name_key = fold(party.name)
            party.project_id = segment.project_id
            parties.append(party)
        parties = AffectedParty.objects.bulk_create(parties)
        milestones, visits = [], []
        for party in parties:
            milestones += self.steps(party, inventory_on, lagging)
        Milestone.objects.bulk_create(milestones)
        reached = {}
        for milestone in milestones:
            reached.setdefault(milestone.party_id, {})[milestone.kind] = milestone.on
        for party in parties:
            visits += self.visits(party, reached.get(party.pk, {}), inventory_on)
        AdvocacyVisit.objects.bulk_create([visit for visit, _who, _orgs in visits])
        Users = AdvocacyVisit.visitors.through
        Orgs = AdvocacyVisit.organisations.through
        Users.objects.bulk_create(
            Users(advocacyvisit_id=visit.pk, user_id=user.pk)
            for visit, who, _orgs in visits
            for user in who
        )
        Orgs.objects.bulk_create(
            Orgs(advocacyvisit_id=visit.pk, organisation_id=org.pk)
            for visit, _who, orgs in visits
            for org in orgs
        )
        self.obstacles(parties, ward, reached)
        for party in parties:
            party.refresh_state()
        last = max((p.last_activity_on for p in parties if p.last_activity_on), default=None)
        if lagging and last:
            # This ward has not reported for a while: the roll-up flags it as silent.
            last = min(last, self.today - datetime.timedelta(days=30))
        if last:
            reported = timezone.make_aware(datetime.datetime.combine(last, datetime.time(16)))
            Segment.objects.filter(pk=segment.pk).update(last_reported_at=reported)

    def party_name(self, kind, ward_name):
        rng = self.rng
        if kind == PartyKind.HOUSEHOLD:
            female = rng.random() < 0.3
            return f"Hộ {'bà' if female else 'ông'} {person_name(rng, female=female)}"
        if kind == PartyKind.INDIVIDUAL:
            return person_name(rng)
        if kind == PartyKind.ORGANISATION:
            return rng.choice(ORGANISATION_NAMES).format(ward=ward_name)
        if kind == PartyKind.RELIGIOUS:
            return rng.choice(RELIGIOUS_NAMES).format(ward=ward_name)
        return f"Cộng đồng dân cư {ward_name} (nghĩa trang)"

    def steps(self, party, inventory_on, lagging):
        """The party's own steps, as far as it got: the lagging ward got less far."""
        rng = self.rng
        depth = rng.choices(range(7), weights=[8, 8, 12, 6, 14, 16, 36])[0]
        if lagging:
            depth = min(depth, rng.choice([1, 2, 2, 3, 4]))
        day = inventory_on + datetime.timedelta(days=rng.randint(25, 60))
        made = []

        def add(kind, on, **fields):
            made.append(
                Milestone(
                    segment_id=party.segment_id,
                    party=party,
                    unit_id=party.unit_id,
                    kind=kind,
                    on=on,
                    created_by=self.visitors[0],
                    **fields,
                )
            )

        if depth < 1 or day > self.today:
            return made
        add(MilestoneKind.PLAN_POSTED, day, end_on=day + datetime.timedelta(days=30))
        day += datetime.timedelta(days=rng.randint(31, 40))
        if depth < 2 or day > self.today:
            return made
        opinion = rng.choices(["agree", "disagree", "other"], weights=[70, 20, 10])[0]
        add(
            MilestoneKind.OPINION_MEETING,
            day,
            present=1,
            agree=int(opinion == "agree"),
            disagree=int(opinion == "disagree"),
            other=int(opinion == "other"),
            minutes="Biên bản họp lấy ý kiến về phương án bồi thường, hỗ trợ, tái định cư.",
        )
        if opinion == "disagree":
            dialogue_on = day + datetime.timedelta(days=rng.randint(10, 50))
            if depth >= 3 and dialogue_on <= self.today:
                add(MilestoneKind.DIALOGUE, dialogue_on)
                day = dialogue_on
            elif depth >= 3:
                return made
        day += datetime.timedelta(days=rng.randint(15, 45))
        if depth < 4 or day > self.today:
            return made
        add(MilestoneKind.PLAN_APPROVED, day, document_number=f"{rng.randint(1000, 9999)}/QĐ-UBND")
        add(MilestoneKind.PLAN_DELIVERED, day + datetime.timedelta(days=rng.randint(2, 7)))
        approved = day
        late = rng.random() < 0.15
        day += datetime.timedelta(days=rng.randint(32, 60) if late else rng.randint(5, 28))
        if depth < 5 or day > self.today:
            return made
        add(MilestoneKind.PAID, day, amount=rng.randint(8, 900) * 10_000_000)
        day = max(day, approved) + datetime.timedelta(days=rng.randint(3, 25))
        if depth < 6 or day > self.today:
            return made
        add(MilestoneKind.HANDOVER, day)
        return made

    def visits(self, party, reached, inventory_on):
        rng = self.rng
        made = []
        stubborn = reached.get(MilestoneKind.OPINION_MEETING) and rng.random() < 0.12
        count = (
            3 + rng.randint(0, 1) if stubborn else rng.choices([0, 1, 2, 3], [20, 40, 30, 10])[0]
        )
        day = inventory_on + datetime.timedelta(days=rng.randint(5, 30))
        agreed = MilestoneKind.PLAN_APPROVED in reached or MilestoneKind.HANDOVER in reached
        for index in range(count):
            if day > self.today:
                break
            last = index == count - 1
            if stubborn:
                outcome = Outcome.NOT_YET
            elif last and agreed:
                outcome = Outcome.AGREES
            else:
                outcome = rng.choices(
                    [Outcome.NOT_YET, Outcome.ABSENT, Outcome.AGREES, Outcome.REFUSES],
                    weights=[50, 15, 30, 5],
                )[0]
            concerns = []
            if outcome in (Outcome.NOT_YET, Outcome.REFUSES):
                concerns = rng.sample([c.value for c in Concern], rng.randint(1, 2))
            who = [u for u in rng.sample(self.visitors, min(2, len(self.visitors))) if u]
            orgs = rng.sample(self.organisations, min(2, len(self.organisations)))
            visit = AdvocacyVisit(
                party=party,
                on=day,
                outcome=outcome,
                concerns=concerns,
                visitors_note="Bí thư chi bộ khu phố" if rng.random() < 0.3 else "",
                note="Gia đình trình bày ý kiến về giá đất và nơi tái định cư." if concerns else "",
                next_step=rng.choice(NEXT_STEPS) if outcome != Outcome.AGREES else "",
                next_on=day + datetime.timedelta(days=7) if outcome != Outcome.AGREES else None,
                created_by=who[0] if who else None,
            )
            made.append((visit, who, orgs))
            day += datetime.timedelta(days=rng.randint(7, 20))
        return made

    def obstacles(self, parties, ward, reached):
        rng = self.rng
        cases = list(self.complaints.get(ward.path, []))
        owner = self.visitors[0]
        rows = []
        for party in parties:
            steps = reached.get(party.pk, {})
            if MilestoneKind.HANDOVER in steps or rng.random() > 0.14:
                continue
            category = rng.choice(list(OBSTACLES))
            opened = (steps.get(MilestoneKind.OPINION_MEETING) or self.today) - datetime.timedelta(
                days=rng.randint(0, 20)
            )
            opened = min(opened, self.today)
            resolved = None
            if rng.random() < 0.3:
                resolved = min(self.today, opened + datetime.timedelta(days=rng.randint(10, 40)))
            case = None
            if category in (ObstacleCategory.COMPLAINT, ObstacleCategory.LAND_PRICE) and cases:
                case = cases.pop(0)
            rows.append(
                Obstacle(
                    party=party,
                    category=category,
                    description=OBSTACLES[category],
                    owner=owner,
                    opened_on=opened,
                    resolved_on=resolved,
                    resolution="Đã đối thoại, gia đình thống nhất." if resolved else "",
                    case=case,
                    created_by=owner,
                )
            )
        Obstacle.objects.bulk_create(rows)
