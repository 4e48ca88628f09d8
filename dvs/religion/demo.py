"""Demo religious affairs for the demo city: in every ward W01…W19 a pagoda, a đình with
its festival on 10/3 âm lịch, a clan house, and in some wards a church of a parish; a
group practising together and an unregistered gathering point; the city's religious
organisations; dignitaries, officials and practitioners (a few with protected fields
set); filings in every state; contacts with the organisations present; incidents (one
open, one resolved, one linked to a case); key people; follower counts, some of 1–4
that the figures hide.

Written directly with the models (the demo is history, not new input), each filing's
clock computed by `clocks.refresh`. Dates that decide a state are relative to today
(the overdue filing stays overdue whenever the demo runs; the one waiting is not yet
due). Deterministic: a seeded random. `seed_demo` loads into an empty database only.
"""

import datetime
import random

from django.utils import timezone

from dvs.accounts.models import User
from dvs.lib.fakenames import person_name
from dvs.units.models import Level, Organisation, Unit

from . import clocks
from .models import (
    Contact,
    Dignitary,
    DignitaryPosition,
    DignitaryStatusChange,
    Establishment,
    EstablishmentKind,
    Festival,
    Filing,
    FilingKind,
    FollowerCount,
    Group,
    Incident,
    KeyPerson,
    RelicRanking,
    Religion,
    ReligiousOrganisation,
    RuleSet,
)

DAY = datetime.timedelta(days=1)
# The wards with a Catholic parish church (the others have a pagoda, a đình and a clan
# house only).
PARISH_WARDS = {"W01", "W04", "W07", "W11", "W15"}
# Followers of Protestantism as counted by the wards: small cells (1–4) are hidden.
PROTESTANTS = {"W01": 36, "W02": 3, "W05": 2, "W09": 4, "W13": 1}
STREETS = ["đường Lý Thái Tổ", "đường Nguyễn Trãi", "đường Ngô Gia Tự", "đường Trần Hưng Đạo"]
COUNT_SOURCE = "Báo cáo tình hình tôn giáo của Ủy ban nhân dân phường"


def load(stdout=None):
    city = Unit.objects.filter(level=Level.DISTRICT, code="C256").first()
    if city is None:
        return
    loader = _Loader(city, random.Random(15), timezone.localdate())
    loader.run()
    if stdout:
        stdout.write(
            f"  religion: {Establishment.objects.count()} establishments, "
            f"{Dignitary.objects.count()} dignitaries, {Filing.objects.count()} filings "
            f"({Filing.objects.overdue(loader.today).count()} overdue), "
            f"{Contact.objects.count()} contacts, {Incident.objects.count()} incidents"
        )


def _organisation(religion, name, status, parent=None, seat=""):
    found, _created = ReligiousOrganisation.objects.get_or_create(
        religion=religion,
        name=name,
        defaults={"status": status, "parent": parent, "seat": seat},
    )
    return found


class _Loader:
    def __init__(self, city, rng, today):
        self.city = city
        self.rng = rng
        self.today = today
        self.religions = {r.code: r for r in Religion.objects.all()}
        self.users = {
            u.username: u
            for u in User.objects.filter(
                username__in=["chuyenvien", "khoidanvan01", "khoidanvan02"]
            )
        }

    def run(self):
        self.organisations()
        wards = Unit.objects.filter(
            path__startswith=self.city.path, level=Level.COMMUNE, code__regex=r"^W\d\d$"
        ).order_by("code")
        for ward in wards:
            self.ward(ward)

    # Reference data -------------------------------------------------------------------

    def organisations(self):
        buddhism, catholicism = self.religions["phat-giao"], self.religions["cong-giao"]
        protestantism = self.religions["tin-lanh"]
        Status = ReligiousOrganisation.Status
        self.sangha = _organisation(
            buddhism,
            "Ban Trị sự Giáo hội Phật giáo Việt Nam thành phố Kinh Bắc",
            Status.AFFILIATE,
            seat="Chùa Kinh Bắc, phường Kinh Bắc",
        )
        self.diocese = _organisation(
            catholicism, "Giáo phận Bắc Ninh", Status.AFFILIATE, seat="Tòa Giám mục Bắc Ninh"
        )
        self.church = _organisation(
            protestantism, "Hội thánh Tin lành Việt Nam (miền Bắc)", Status.RECOGNISED
        )
        self.church_branch = _organisation(
            protestantism,
            "Chi hội Tin lành Kinh Bắc",
            Status.AFFILIATE,
            parent=self.church,
        )

    # One ward -------------------------------------------------------------------------

    def ward(self, ward):
        rng = self.rng
        self.current = ward
        self.user = self.users.get(
            {"W01": "khoidanvan01", "W02": "khoidanvan02"}.get(ward.code, "chuyenvien")
        )
        name = ward.name.replace("Phường ", "")
        street = rng.choice(STREETS)
        neighbourhoods = list(
            Unit.objects.filter(path__startswith=ward.path, level=Level.NEIGHBOURHOOD).order_by(
                "code"
            )
        ) or [ward]
        pagoda = self.establishment(
            neighbourhoods[0],
            f"Chùa {name}",
            EstablishmentKind.PAGODA,
            religion=self.religions["phat-giao"],
            organisation=self.sangha,
            address=f"Số {rng.randint(1, 200)} {street}, {ward.name}",
            founded_year=rng.randint(1600, 1900),
            relic_ranking=RelicRanking.PROVINCIAL if rng.random() < 0.3 else "",
        )
        communal_house = self.establishment(
            neighbourhoods[-1],
            f"Đình {name}",
            EstablishmentKind.COMMUNAL_HOUSE,
            address=f"Khu phố {neighbourhoods[-1].name}, {ward.name}",
            relic_ranking=RelicRanking.NATIONAL if ward.code == "W01" else RelicRanking.PROVINCIAL,
            representative=f"Ông {person_name(rng, female=False)}",
            board="Ban quản lý di tích đình gồm 7 thành viên do Ủy ban nhân dân phường công nhận.",
        )
        festival = Festival.objects.create(
            establishment=communal_house,
            name=f"Lễ hội đình {name}",
            lunar=True,
            day=10,
            month=3,
            duration_days=3,
            note="Tế lễ Thành hoàng làng, rước kiệu, hát quan họ.",
        )
        clan = f"Nguyễn {name}" if ward.code != "W02" else "Trần Đông Ngàn"
        self.establishment(
            neighbourhoods[0],
            f"Nhà thờ họ {clan}",
            EstablishmentKind.CLAN_HOUSE,
            representative=f"Trưởng họ {person_name(rng, female=False)}",
        )
        church = None
        if ward.code in PARISH_WARDS:
            parish = _organisation(
                self.religions["cong-giao"],
                f"Giáo xứ {name}",
                ReligiousOrganisation.Status.AFFILIATE,
                parent=self.diocese,
            )
            church = self.establishment(
                neighbourhoods[min(1, len(neighbourhoods) - 1)],
                f"Nhà thờ Giáo xứ {name}",
                EstablishmentKind.CHURCH,
                religion=self.religions["cong-giao"],
                organisation=parish,
                address=f"Số {rng.randint(1, 200)} {rng.choice(STREETS)}, {ward.name}",
                founded_year=rng.randint(1880, 1960),
            )
        self.dignitaries(ward, pagoda, church)
        groups = self.groups(ward, name, neighbourhoods)
        self.follower_counts(ward)
        self.filings(ward, name, pagoda, communal_house, festival, groups)
        self.contacts(ward, pagoda, church)
        self.incidents(ward, pagoda, groups)
        self.key_people(ward, name)

    def establishment(self, unit, name, kind, **fields):
        return Establishment.objects.create(unit=unit, name=name, kind=kind, **fields)

    def dignitaries(self, ward, pagoda, church):
        rng = self.rng
        buddhism = self.religions["phat-giao"]
        abbot = self.dignitary(
            ward,
            pagoda,
            buddhism,
            religious_name=f"Thích {rng.choice(['Minh', 'Thanh', 'Quảng', 'Đức'])} "
            f"{rng.choice(['Tâm', 'Tuệ', 'Nhẫn', 'Thiện', 'Hạnh'])}",
            is_dignitary=True,
            is_practitioner=True,
            rank=rng.choice(["Thượng tọa", "Đại đức"]),
            position="Trụ trì",
            sect="Bắc tông",
            organisation=self.sangha,
            scope="ward",
            sensitive=ward.code in ("W01", "W02", "W03"),
        )
        DignitaryPosition.objects.create(
            dignitary=abbot,
            title="Trụ trì",
            place=pagoda.name,
            started_on=datetime.date(rng.randint(2005, 2020), rng.randint(1, 12), 1),
        )
        if rng.random() < 0.6:
            self.dignitary(
                ward,
                pagoda,
                buddhism,
                religious_name=f"Thích nữ {rng.choice(['Diệu', 'Như', 'Tâm'])} "
                f"{rng.choice(['Hiền', 'Liên', 'Ngọc'])}",
                female=True,
                is_practitioner=True,
                sect="Bắc tông",
                organisation=self.sangha,
            )
        if church is None:
            return
        catholicism = self.religions["cong-giao"]
        priest = self.dignitary(
            ward,
            church,
            catholicism,
            religious_name="Giuse",
            is_dignitary=True,
            rank="Linh mục",
            position="Chánh xứ",
            organisation=church.organisation,
            scope="ward",
            sensitive=ward.code == "W01",
        )
        if ward.code == "W01":
            # A former parish priest, transferred: his status history shows it.
            former = self.dignitary(
                ward,
                church,
                catholicism,
                religious_name="Phêrô",
                is_dignitary=True,
                rank="Linh mục",
                organisation=church.organisation,
            )
            Dignitary.objects.filter(pk=former.pk).update(
                status="retired", status_on=datetime.date(2024, 8, 15)
            )
            DignitaryStatusChange.objects.create(
                dignitary=former,
                status="retired",
                on=datetime.date(2024, 8, 15),
                note="Nghỉ hưu, về nhà hưu dưỡng của giáo phận",
                created_by=self.user,
            )
        for _n in range(rng.randint(1, 3)):
            self.dignitary(
                ward,
                church,
                catholicism,
                religious_name=rng.choice(["Phaolô", "Maria", "Antôn", "Têrêsa"]),
                is_official=True,
                position="Thành viên Ban hành giáo",
                organisation=church.organisation,
            )
        DignitaryPosition.objects.create(
            dignitary=priest,
            title="Chánh xứ",
            place=church.name,
            started_on=datetime.date(2024, 9, 1),
        )

    def dignitary(
        self,
        ward,
        establishment,
        religion,
        *,
        religious_name,
        female=False,
        sensitive=False,
        **fields,
    ):
        rng = self.rng
        born = datetime.date(rng.randint(1950, 1995), rng.randint(1, 12), rng.randint(1, 28))
        dignitary = Dignitary(
            unit=ward,
            establishment=establishment,
            religion=religion,
            birth_name=person_name(rng, female=female),
            religious_name=religious_name,
            birth_date=born,
            sex="female" if female else "male",
            status_on=datetime.date(2020, 1, 1),
            **fields,
        )
        if sensitive:
            century = (3 if female else 2) if born.year >= 2000 else (1 if female else 0)
            dignitary.set_sensitive(
                id_number=f"027{century}{born:%y}{rng.randint(0, 999_999):06d}",
                id_issued_on="10/05/2021",
                id_issued_by="Cục Cảnh sát quản lý hành chính về trật tự xã hội",
                ethnicity="Kinh",
            )
        dignitary.save()
        return dignitary

    def groups(self, ward, name, neighbourhoods):
        """A Protestant group practising together (approved) in W01, an unregistered
        gathering point in W01 and W02, and one whose dossier is incomplete in W02."""
        protestantism = self.religions["tin-lanh"]
        made = {}
        if ward.code == "W01":
            made["approved"] = Group.objects.create(
                unit=neighbourhoods[0],
                name=f"Nhóm sinh hoạt Tin lành {name}",
                religion=protestantism,
                organisation=self.church_branch,
                venue=f"Nhà văn hóa {neighbourhoods[0].name}",
                representative=f"Ông {person_name(self.rng, female=False)}",
                members=34,
                state=Group.State.APPROVED,
                state_on=self.today - 200 * DAY,
            )
        if ward.code in ("W01", "W02"):
            made["unregistered"] = Group.objects.create(
                unit=neighbourhoods[-1],
                name=f"Điểm nhóm tại nhà riêng khu phố {neighbourhoods[-1].name}",
                religion=protestantism,
                venue="Nhà riêng của một hộ gia đình trong khu phố",
                members=12,
                state=Group.State.UNREGISTERED,
                state_on=self.today - 45 * DAY,
                note="Tụ tập sinh hoạt vào chiều Chủ nhật; đã tuyên truyền, hướng dẫn đăng ký.",
            )
        if ward.code == "W02":
            made["submitted"] = Group.objects.create(
                unit=neighbourhoods[0],
                name=f"Nhóm sinh hoạt Tin lành {name}",
                religion=protestantism,
                organisation=self.church_branch,
                venue=f"Nhà văn hóa {neighbourhoods[0].name}",
                members=18,
                state=Group.State.SUBMITTED,
                state_on=self.today - 12 * DAY,
            )
        return made

    def follower_counts(self, ward):
        rng = self.rng
        as_of = datetime.date(2025, 12, 31)
        counts = {"phat-giao": rng.randint(900, 4200)}
        if ward.code in PARISH_WARDS:
            counts["cong-giao"] = rng.randint(350, 1600)
        if ward.code in PROTESTANTS:
            counts["tin-lanh"] = PROTESTANTS[ward.code]
        if ward.code == "W03":
            counts["cao-dai"] = 2
        rows = [
            FollowerCount(
                unit=ward,
                religion=self.religions[code],
                count=count,
                as_of=as_of,
                source=COUNT_SOURCE,
                created_by=self.user,
            )
            for code, count in counts.items()
        ]
        if ward.code == "W01":
            # The count of six months before: the figures read the latest one.
            rows.append(
                FollowerCount(
                    unit=ward,
                    religion=self.religions["phat-giao"],
                    count=counts["phat-giao"] - 40,
                    as_of=datetime.date(2025, 6, 30),
                    source=COUNT_SOURCE,
                    created_by=self.user,
                )
            )
        FollowerCount.objects.bulk_create(rows)

    # Filings --------------------------------------------------------------------------

    def covered(self, day):
        """`day`, or the last day a rule set covers when none covers it (from 1/1/2027
        until the new law's numbers are entered): a state that needs a clock keeps it."""
        if clocks.rule_set_on(day):
            return day
        last = RuleSet.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
        return min(day, last.effective_to) if last and last.effective_to else day

    def filing(self, kind, received_on, *, replied=None, **fields):
        """A filing with its clock; `replied` days before (negative: after) its reply due
        date, an answer on that day (never after today)."""
        fields.setdefault("unit", self.current)
        fields.setdefault("submitted_by", "Ban quản lý cơ sở")
        filing = Filing.objects.create(
            kind=kind, received_on=received_on, created_by=self.user, **fields
        )
        clocks.refresh(filing)
        if replied is not None:
            base = filing.reply_due_on or received_on + 10 * DAY
            filing.replied_on = min(self.today, max(received_on, base - replied * DAY))
            filing.outcome = (
                Filing.Outcome.ACCEPTED if filing.reply_due_on else Filing.Outcome.NOTED
            )
            filing.reply_reference = f"{self.rng.randint(10, 300)}/UBND-VX"
            filing.save(update_fields=["replied_on", "outcome", "reply_reference"])
        return filing

    def filings(self, ward, name, pagoda, communal_house, festival, groups):
        today, rng = self.today, self.rng
        year_start = datetime.date(today.year, 1, 1)
        # Every ward: the đình's registration of belief activities for the year, answered
        # on time, and the pagoda's supplement.
        received = self.covered(max(year_start - 40 * DAY, today - 330 * DAY))
        self.filing(
            FilingKind.BELIEF_REGISTRATION,
            received,
            establishment=communal_house,
            subject=f"Đăng ký hoạt động tín ngưỡng năm {(received + 45 * DAY).year} "
            f"của đình {name}",
            submitted_by=communal_house.representative,
            activity_on=received + 45 * DAY,
            replied=rng.randint(1, 6),
        )
        self.festival_notice(ward, name, communal_house, festival)
        if ward.code == "W01":
            self.filings_of_w01(name, pagoda, groups)
        if ward.code == "W02":
            self.filings_of_w02(name, pagoda, groups)

    def festival_notice(self, ward, name, communal_house, festival):
        """The notice of the đình's festival (10/3 âm lịch) of the last festival already
        held, its revenue report due 20 days after it ends (and received, except in W01)."""
        dates = clocks.festival_dates(festival, self.today.year)
        if dates is None or dates[1] + 5 * DAY > self.today:
            dates = clocks.festival_dates(festival, self.today.year - 1)
        first, last, _notice_due = dates
        notice = self.filing(
            FilingKind.FESTIVAL_NOTICE,
            first - self.rng.randint(21, 30) * DAY,
            establishment=communal_house,
            subject=f"Thông báo tổ chức {festival.name} năm {first.year}",
            submitted_by=communal_house.representative,
            activity_on=first,
            festival_end_on=last,
            replied=0,
        )
        report_on = last + self.rng.randint(8, 18) * DAY
        if ward.code != "W01" and report_on <= self.today:
            self.filing(
                FilingKind.FESTIVAL_REPORT,
                report_on,
                establishment=communal_house,
                subject=f"Báo cáo thu, chi {festival.name} năm {first.year}",
                submitted_by=communal_house.representative,
                festival_end_on=last,
            )
        return notice

    def filings_of_w01(self, name, pagoda, groups):
        today = self.today
        # Waiting: received 4 days ago, its reply not yet due.
        self.filing(
            FilingKind.SUPPLEMENT,
            today - 4 * DAY,
            establishment=pagoda,
            subject=f"Đăng ký bổ sung lễ cầu an đầu năm tại chùa {name}",
            submitted_by=f"Trụ trì chùa {name}",
            activity_on=today + 40 * DAY,
        )
        # THE overdue one: received 40 days ago, never answered.
        self.filing(
            FilingKind.BELIEF_REGISTRATION,
            self.covered(today - 40 * DAY),
            establishment=pagoda,
            subject=f"Đăng ký hoạt động tín ngưỡng tại khuôn viên chùa {name}",
            submitted_by=f"Trụ trì chùa {name}",
            activity_on=self.covered(today - 40 * DAY) + 60 * DAY,
        )
        # Answered late (4 days after its due date), and filed late (15 days before the
        # activities, 30 needed).
        received = self.covered(today - 120 * DAY)
        self.filing(
            FilingKind.BELIEF_REGISTRATION,
            received,
            establishment=pagoda,
            subject="Đăng ký lễ Vu Lan báo hiếu",
            submitted_by=f"Trụ trì chùa {name}",
            activity_on=received + 15 * DAY,
            replied=-4,
        )
        # The group's registration, answered (approved) in time.
        if "approved" in groups:
            group = groups["approved"]
            self.filing(
                FilingKind.GROUP_REGISTRATION,
                self.covered(group.state_on - 18 * DAY),
                group=group,
                organisation=group.organisation,
                subject=f"Đăng ký sinh hoạt tôn giáo tập trung của {group.name}",
                submitted_by=group.representative,
                replied=2,
            )
        # The parish's yearly list of religious activities, noted.
        church = Establishment.objects.filter(
            unit__path__startswith=self.current.path, kind=EstablishmentKind.CHURCH
        ).first()
        if church:
            recognised = self.covered(today - 300 * DAY)
            self.filing(
                FilingKind.ANNUAL_LIST,
                recognised + 20 * DAY,
                establishment=church,
                organisation=church.organisation,
                recognised_on=recognised,
                subject=f"Danh mục hoạt động tôn giáo năm {(recognised + 20 * DAY).year} "
                f"của {church.organisation.name}",
                submitted_by=f"Linh mục chánh xứ {church.organisation.name}",
                replied=3,
            )

    def filings_of_w02(self, name, pagoda, groups):
        today = self.today
        # Incomplete: the venue's papers are missing, no clock runs.
        group = groups.get("submitted")
        self.filing(
            FilingKind.GROUP_REGISTRATION,
            today - 12 * DAY,
            group=group,
            organisation=group.organisation if group else None,
            subject=f"Đăng ký sinh hoạt tôn giáo tập trung của {group.name if group else name}",
            submitted_by="Đại diện nhóm",
            complete=False,
            missing_items=(
                "Văn bản chứng minh địa điểm hợp pháp để sinh hoạt tôn giáo tập trung; "
                "sơ yếu lý lịch của người đại diện nhóm."
            ),
        )
        # Answered on time, a few months ago.
        received = self.covered(today - 75 * DAY)
        self.filing(
            FilingKind.BELIEF_REGISTRATION,
            received,
            establishment=pagoda,
            subject=f"Đăng ký lễ hội chùa {name}",
            submitted_by=f"Trụ trì chùa {name}",
            activity_on=received + 35 * DAY,
            replied=5,
        )

    # Contacts, incidents, key people ---------------------------------------------------

    def contacts(self, ward, pagoda, church):
        rng, today = self.rng, self.today
        organisations = list(
            Organisation.objects.filter(
                unit=ward, kind__code__in=["fatherland_front", "womens_union", "veterans"]
            ).order_by("pk")
        )
        dignitaries = list(Dignitary.objects.filter(establishment=pagoda).order_by("pk"))
        visits = [
            (
                Contact.Kind.FEAST_VISIT,
                pagoda,
                "Thăm, chúc mừng Đại lễ Phật đản",
                today - rng.randint(120, 200) * DAY,
            )
        ]
        if church:
            visits.append(
                (
                    Contact.Kind.FEAST_VISIT,
                    church,
                    "Thăm, chúc mừng Lễ Giáng sinh",
                    today - rng.randint(300, 340) * DAY,
                )
            )
        if ward.code in ("W01", "W02"):
            visits.append(
                (
                    Contact.Kind.DIALOGUE,
                    None,
                    "Hội nghị đối thoại với chức sắc, chức việc các tôn giáo trên địa bàn "
                    "về thực hiện Luật Tín ngưỡng, tôn giáo",
                    today - rng.randint(20, 60) * DAY,
                )
            )
        for kind, establishment, topics, on in visits:
            contact = Contact.objects.create(
                unit=ward,
                kind=kind,
                on=on,
                establishment=establishment,
                topics=topics,
                outcome="Chức sắc, tín đồ phấn khởi, đồng thuận chấp hành tốt chính sách, "
                "pháp luật.",
                others_present="Đại diện Ủy ban nhân dân phường",
                created_by=self.user,
            )
            contact.organisations.add(*organisations[:2])
            if establishment is not None:
                contact.dignitaries.add(
                    *Dignitary.objects.filter(establishment=establishment).order_by("pk")[:2]
                )
            else:
                contact.dignitaries.add(*dignitaries[:1])

    def incidents(self, ward, pagoda, groups):
        today = self.today
        if ward.code == "W01" and "unregistered" in groups:
            Incident.objects.create(
                unit=groups["unregistered"].unit,
                kind=Incident.Kind.UNREGISTERED_GATHERING,
                on=today - 10 * DAY,
                group=groups["unregistered"],
                description="Tụ tập sinh hoạt tôn giáo tại nhà riêng khi chưa đăng ký.",
                handling="Tổ công tác phường gặp gỡ, hướng dẫn lập hồ sơ đăng ký.",
                status=Incident.Status.OPEN,
                created_by=self.user,
            )
        if ward.code == "W02":
            Incident.objects.create(
                unit=ward,
                kind=Incident.Kind.UNPERMITTED_BUILDING,
                on=today - 90 * DAY,
                establishment=pagoda,
                description="Xây dựng nhà tăng xá khi chưa có giấy phép xây dựng.",
                handling="Lập biên bản, hướng dẫn làm thủ tục cấp phép; đã được cấp phép.",
                status=Incident.Status.RESOLVED,
                resolved_on=today - 30 * DAY,
                created_by=self.user,
            )
        if ward.code == "W03":
            case = self.case_in(ward)
            Incident.objects.create(
                unit=ward,
                kind=Incident.Kind.LAND,
                on=today - 60 * DAY,
                establishment=pagoda,
                description="Tranh chấp ranh giới đất giữa chùa và hộ liền kề.",
                handling="Chuyển đơn để giải quyết theo thẩm quyền." if case else "",
                status=Incident.Status.REFERRED if case else Incident.Status.OPEN,
                case=case,
                created_by=self.user,
            )

    def case_in(self, ward):
        try:
            from dvs.cases.models import Case
        except ImportError:  # pragma: no cover
            return None
        return Case.objects.filter(unit__path__startswith=ward.path).order_by("pk").first()

    def key_people(self, ward, name):
        if ward.code not in ("W01", "W02", "W03"):
            return
        rng = self.rng
        KeyPerson.objects.create(
            unit=ward,
            kind=KeyPerson.Kind.PRESTIGE,
            name=person_name(rng, female=False),
            programme="Người có uy tín trong cộng đồng dân cư",
            since=datetime.date(2023, 1, 1),
        )
        KeyPerson.objects.create(
            unit=ward,
            kind=KeyPerson.Kind.CORE,
            name=person_name(rng),
            programme=f"Lực lượng cốt cán trong tôn giáo phường {name}",
            since=datetime.date(2024, 6, 1),
        )
