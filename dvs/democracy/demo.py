"""Demo grassroots democracy in ward W01 of the demo city, written through the actions
(the same checks and audit as a user's work), with dates relative to today:

* W01K01: a contribution (item 1) whose meeting could not reach two thirds of the roll,
  decided by a household ballot whose two count entries did not match until the second
  was corrected, then sent to the ward; and the election of the neighbourhood's head in
  a few weeks, with its candidates and election team;
* W01K02: its community convention (item 3) posted, voted in a meeting, recognised by
  the ward, with its yearly review;
* W01K03: an item-6 matter voted online after the opt-in poll, decided, not yet sent;
* W01K04: a matter open for its meeting next week, a board member's by-election the
  Front committee refused to recognise (with its annulment request), a draft matter and a
  citizens' initiative gathering consents;
* the ward: a consultation open on the portal (its public page at /lay-y-kien/) and one
  whose result was published against the majority with its explanation; disclosures on
  time, late and on the loudspeakers; the people's inspection board with a plan, an
  inspection, a recommendation and a quarterly report; a monitoring board of a road
  project; the neighbourhoods' community conferences and the ward's dialogue.

`seed_demo` loads into an empty database only.
"""

import datetime

from django.utils import timezone

from dvs.accounts.models import User
from dvs.units.models import Level, Unit

from .actions import (
    boards,
    charters,
    conferences,
    consultations,
    disclosures,
    elections,
    matters,
    tallies,
)
from .models import Board, BoardMember, BoardPlan, BoardReport, Conference, Item, Opinion

DAY = datetime.timedelta(days=1)


def load(stdout=None):
    ward = Unit.objects.filter(code="W01", level=Level.COMMUNE).first()
    officer = User.objects.filter(username="khoidanvan01").first()
    committee = User.objects.filter(username="khupho0101").first()
    if ward is None or officer is None or committee is None:
        return
    today = timezone.localdate()
    neighbourhoods = {u.code: u for u in ward.get_children().filter(level=Level.NEIGHBOURHOOD)}
    if not {"W01K01", "W01K02", "W01K03", "W01K04"} <= set(neighbourhoods):
        return
    _ballot_matter(neighbourhoods["W01K01"], committee, officer, today)
    _election(neighbourhoods["W01K01"], committee, today)
    _charter(neighbourhoods["W01K02"], officer, today)
    _online_matter(neighbourhoods["W01K03"], officer, today)
    _drafts(neighbourhoods["W01K04"], officer, today)
    _consultations(ward, officer, today)
    _disclosures(ward, officer, today)
    _boards(ward, list(neighbourhoods.values()), officer, today)
    _conferences(ward, neighbourhoods, officer, today)
    if stdout:
        stdout.write("  democracy: matters in every state, a consultation, disclosures, boards")


def _open(unit, by, title, item, on, **fields):
    matter = matters.create_matter(by, unit=unit, title=title, item=item, **fields)
    matters.open_matter(matter, by, on)
    matter.refresh_from_db()
    return matter


def _ballot_matter(unit, committee, officer, today):
    """The meeting lacked households; the ballot's second entry is corrected."""
    meeting_on = today - 30 * DAY
    matter = _open(
        unit,
        committee,
        "Đóng góp bê tông hóa ngõ 3",
        Item.CONTRIBUTION,
        today - 40 * DAY,
        content="Mỗi hộ đóng góp 500.000 đồng để bê tông hóa ngõ 3.",
        meeting_on=meeting_on,
        meeting_place="Nhà văn hóa tổ dân phố",
        notice_on=meeting_on - 3 * DAY,
        documents_on=meeting_on - 3 * DAY,
    )
    households = matter.households
    present = list(range(1, households // 2 + 1))  # half: two thirds are out of reach
    tallies.record_attendance(
        matter,
        by=committee,
        present=present,
        meeting_on=meeting_on,
        chair="Ngô Đức Thắng",
        secretary="Lê Thị Mai",
        vote_method="hands",
        witnesses="Nguyễn Văn Bình, Trần Thị Hòa",
    )
    ballot = tallies.start_ballot(
        matter,
        by=committee,
        reason="Cuộc họp không đủ số hộ để đạt tỷ lệ thông qua.",
        opens_on=meeting_on + 2 * DAY,
        closes_on=meeting_on + 7 * DAY,
        plan_on=meeting_on + DAY,
        team="Ngô Đức Thắng, Lê Thị Mai, Phạm Văn Hùng",
    )
    returned = households - 2
    tallies.mark_returned(ballot, by=committee, numbers=list(range(1, returned + 1)))
    yes = returned - 6
    count = {"returned": returned, "yes": yes, "no": 5, "invalid": 1}
    tallies.enter_count(ballot, by=committee, order=1, clerk="Lê Thị Mai", **count)
    try:  # the second clerk misread one ballot: the tally is blocked …
        tallies.enter_count(
            ballot,
            by=committee,
            order=2,
            clerk="Phạm Văn Hùng",
            **{**count, "no": 4, "invalid": 2},
        )
    except Exception:  # noqa: BLE001 (the mismatch is the point; it is kept and shown)
        pass
    # … until the entry is corrected against the ballots.
    tallies.enter_count(ballot, by=committee, order=2, clerk="Phạm Văn Hùng", **count)
    tallies.confirm_ballot(ballot, by=committee)
    matter.refresh_from_db()
    tallies.send_decision(matter, by=committee, sent_on=meeting_on + 9 * DAY)
    matter.refresh_from_db()
    matters.receive_decision(matter, officer, meeting_on + 10 * DAY)


def _election(unit, committee, today):
    election_on = today + 24 * DAY
    elections.create(
        committee,
        unit=unit,
        election_on=election_on,
        plan_on=today - 2 * DAY,
        candidates=[{"name": "Ngô Đức Thắng"}, {"name": "Trần Văn Quý"}],
        team=[
            {"name": "Lê Thị Mai", "role": "Tổ trưởng Tổ bầu cử"},
            {"name": "Phạm Văn Hùng", "role": "Thư ký"},
            {"name": "Nguyễn Thị Lan", "role": "Thành viên"},
        ],
    )


def _charter(unit, officer, today):
    posted = today - 80 * DAY
    charter = charters.create(officer, unit=unit, title="Quy ước tổ dân phố số 2")
    charters.post_draft(charter, officer, posted)
    meeting_on = posted + 31 * DAY
    matter = _open(
        unit,
        officer,
        "Thông qua Quy ước tổ dân phố số 2",
        Item.CHARTER,
        posted,
        meeting_on=meeting_on,
        notice_on=meeting_on - 5 * DAY,
        documents_on=meeting_on - 5 * DAY,
    )
    households = matter.households
    present = list(range(1, households - 4))
    tallies.record_attendance(
        matter,
        by=officer,
        present=present,
        meeting_on=meeting_on,
        chair="Trần Văn Toàn",
        secretary="Đỗ Thị Hạnh",
        vote_method="hands",
        witnesses="Vũ Văn Long, Hoàng Thị Thu",
    )
    tallies.record_meeting_vote(matter, by=officer, yes=len(present) - 3, no=2, other=1)
    matter.refresh_from_db()
    tallies.send_decision(matter, by=officer, sent_on=meeting_on + 2 * DAY)
    matter.refresh_from_db()
    matters.receive_decision(matter, officer, meeting_on + 3 * DAY)
    matter.refresh_from_db()
    matters.recognise(matter, officer, meeting_on + 6 * DAY)
    charter.refresh_from_db()
    charters.link_vote(charter, officer, matter)
    charters.adopt(charter, officer)
    charters.send_dossier(charter, officer, meeting_on + 2 * DAY)
    charters.recognise(charter, officer, meeting_on + 6 * DAY)


def _online_matter(unit, officer, today):
    matter = _open(
        unit,
        officer,
        "Chọn ngày tổng vệ sinh đường phố hằng tháng",
        Item.OTHER,
        today - 20 * DAY,
    )
    households = matter.households
    starts = timezone.make_aware(datetime.datetime.combine(today - 10 * DAY, datetime.time(7)))
    vote, _codes = tallies.start_online_vote(
        matter,
        by=officer,
        optin_polled_on=today - 15 * DAY,
        optin_yes=households // 2 + 3,
        starts_at=starts,
        ends_at=starts + 3 * DAY,
        team="Trần Văn Toàn, Đỗ Thị Hạnh, Vũ Văn Long",
        platform="Nhóm Zalo của tổ dân phố",
    )
    during = starts + DAY
    for number in range(1, households - 4):
        choice = "yes" if number % 6 else "no"
        tallies.record_household_vote(vote, by=officer, number=number, choice=choice, now=during)
    tallies.close_online_vote(vote, by=officer, now=starts + 4 * DAY)


def _drafts(unit, officer, today):
    meeting_on = today + 5 * DAY
    _open(  # open: its roll frozen, its meeting next week
        unit,
        officer,
        "Thu quỹ khuyến học của tổ dân phố năm 2027",
        Item.FUND,
        today - DAY,
        meeting_on=meeting_on,
        meeting_place="Nhà văn hóa tổ dân phố",
        notice_on=today,
        documents_on=today,
    )
    _refused(unit, officer, today)
    matters.create_matter(
        officer,
        unit=unit,
        title="Đóng góp lắp camera an ninh đầu ngõ",
        item=Item.CONTRIBUTION,
        content="Dự kiến mỗi hộ đóng góp 200.000 đồng.",
    )
    initiative = matters.create_matter(
        officer,
        unit=unit,
        title="Kiến nghị trồng cây xanh dọc kênh",
        item=Item.OTHER,
        proposer="citizens",
    )
    for n, name in enumerate(("Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường"), start=1):
        matters.add_consent(
            initiative, officer, representative=name, signed_on=today - (10 + n) * DAY
        )


def _refused(unit, officer, today):
    """A board member's by-election the Front committee refused to recognise (the
    meeting's notice was not posted), with its annulment request."""
    meeting_on = today - 25 * DAY
    matter = _open(
        unit,
        officer,
        "Bầu bổ sung thành viên Ban Thanh tra nhân dân",
        Item.BOARDS,
        today - 35 * DAY,
        meeting_on=meeting_on,
        notice_on=meeting_on - 3 * DAY,
    )
    present = list(range(1, matter.households - 2))
    tallies.record_attendance(
        matter,
        by=officer,
        present=present,
        meeting_on=meeting_on,
        chair="Đinh Văn Quang",
        secretary="Mai Thị Hương",
        vote_method="secret",
        counting_board="Mai Thị Hương, Đinh Văn Lộc, Trần Thị Nhung",
        witnesses="Lý Văn Tài, Hồ Thị Gấm",
    )
    tallies.record_meeting_vote(matter, by=officer, yes=len(present) - 4, no=3, other=1)
    matter.refresh_from_db()
    tallies.send_decision(matter, by=officer, sent_on=meeting_on + 2 * DAY)
    matter.refresh_from_db()
    matters.receive_decision(matter, officer, meeting_on + 3 * DAY)
    matter.refresh_from_db()
    matters.refuse_recognition(
        matter,
        officer,
        meeting_on + 5 * DAY,
        "Thông báo họp không được niêm yết công khai theo quy định.",
    )
    matter.refresh_from_db()
    matters.create_review(
        officer,
        matter=matter,
        kind="annul",
        requested_on=meeting_on + 6 * DAY,
        requested_by="Ủy ban MTTQ phường",
        reason="Cuộc họp bầu bổ sung vi phạm trình tự thông báo.",
    )


def _consultations(ward, officer, today):
    open_one = consultations.create(
        officer,
        unit=ward,
        subject=6,
        title="Lấy ý kiến phương án cải tạo chợ dân sinh phường",
        summary="Dự thảo phương án cải tạo chợ dân sinh: bố trí lại các khu hàng, "
        "làm mái che và lối thoát nạn. Mời Nhân dân góp ý.",
    )
    consultations.publish(open_one, officer, today - 5 * DAY, today + 20 * DAY)
    consultations.add_opinion(
        open_one,
        officer,
        channel=Opinion.Channel.MEETING,
        stance=Opinion.Stance.AGREE,
        count=42,
        received_on=today - 2 * DAY,
        content="Hội nghị tổ dân phố số 1 đồng tình với phương án.",
    )
    consultations.add_opinion(
        open_one,
        officer,
        channel=Opinion.Channel.BOX,
        stance=Opinion.Stance.OTHER,
        received_on=today - DAY,
        content="Đề nghị giữ lối đi rộng cho xe cứu hỏa.",
    )
    done = consultations.create(
        officer,
        unit=ward,
        subject=5,
        title="Lấy ý kiến giờ hoạt động của điểm tập kết rác",
        summary="Dự kiến chuyển giờ thu gom rác sang 21 giờ hằng ngày.",
    )
    published = today - 60 * DAY
    consultations.publish(done, officer, published, published + 20 * DAY)
    consultations.add_opinion(
        done,
        officer,
        channel=Opinion.Channel.MEETING,
        stance=Opinion.Stance.DISAGREE,
        count=30,
        received_on=published + 5 * DAY,
    )
    consultations.add_opinion(
        done,
        officer,
        channel=Opinion.Channel.FRONT,
        stance=Opinion.Stance.AGREE,
        count=12,
        received_on=published + 6 * DAY,
    )
    consultations.close(done, officer, published + 20 * DAY)
    consultations.record_result(
        done,
        officer,
        synthesis="30 ý kiến không đồng ý, 12 ý kiến đồng ý.",
        decision="Thu gom rác lúc 21 giờ hằng ngày.",
        against_majority=True,
        explanation="Giờ thu gom ban ngày gây ùn tắc trên tuyến phố chính; phường bố trí "
        "thêm thùng rác kín để giảm mùi.",
    )
    consultations.publish_result(done, officer, published + 25 * DAY)


def _disclosures(ward, officer, today):
    budget = disclosures.create(
        officer,
        unit=ward,
        item=2,
        title="Dự toán thu, chi ngân sách phường năm 2026",
        decided_on=today - 40 * DAY,
        on_notice_board=True,
        on_portal=True,
        place="Trụ sở UBND phường",
        responsible="Văn phòng UBND phường",
    )
    disclosures.post(budget, officer, today - 38 * DAY)
    support = disclosures.create(
        officer,
        unit=ward,
        item=7,
        title="Danh sách hộ nghèo, cận nghèo được hỗ trợ năm 2026",
        decided_on=today - 20 * DAY,
        on_notice_board=True,
        on_loudspeaker=True,
    )
    disclosures.post(support, officer, today - 18 * DAY)
    for n in (17, 16, 15):
        disclosures.add_loudspeaker_day(support, officer, today - n * DAY)
    disclosures.create(  # due and not yet posted: flagged late
        officer,
        unit=ward,
        item=12,
        title="Mức thu phí trông giữ xe tại chợ",
        decided_on=today - 15 * DAY,
        on_notice_board=True,
        on_loudspeaker=True,
    )


def _boards(ward, neighbourhoods, officer, today):
    size = max(len(neighbourhoods), 5)
    people = [
        "Nguyễn Văn Hải",
        "Trần Thị Thu",
        "Lê Văn Sơn",
        "Phạm Thị Yến",
        "Hoàng Văn Tâm",
        "Vũ Thị Nga",
        "Đặng Văn Phúc",
        "Bùi Thị Hằng",
        "Đỗ Văn Khánh",
        "Ngô Thị Loan",
    ]
    members = [
        {
            "name": people[n % len(people)] + ("" if n < len(people) else f" {n}"),
            "role": BoardMember.Role.HEAD if n == 0 else BoardMember.Role.MEMBER,
            "origin": BoardMember.Origin.RESIDENT,
            "neighbourhood": neighbourhoods[n % len(neighbourhoods)],
        }
        for n in range(size)
    ]
    inspection_board = boards.create_board(
        officer,
        unit=ward,
        kind=Board.Kind.INSPECTION,
        name="Ban Thanh tra nhân dân phường",
        term_from=datetime.date(today.year - 1, 7, 1),
        members=members,
    )
    inspection_on = today - 20 * DAY
    plan = boards.create_plan(
        officer,
        board=inspection_board,
        period=BoardPlan.Period.AD_HOC,
        title="Kiểm tra việc thu, chi quỹ vì người nghèo",
        subject="Ban vận động quỹ vì người nghèo phường",
        inspection_on=inspection_on,
        sent_on=inspection_on - 9 * DAY,
    )
    inspection = boards.create_inspection(
        officer,
        board=inspection_board,
        plan=plan,
        subject="Ban vận động quỹ vì người nghèo phường",
        held_on=inspection_on,
        findings="Thu, chi đúng quy định; chậm công khai danh sách hộ được hỗ trợ.",
    )
    boards.create_recommendation(
        officer,
        inspection=inspection,
        content="Niêm yết danh sách hộ được hỗ trợ tại nhà văn hóa các tổ dân phố.",
        addressed_to="UBND phường",
        sent_on=inspection_on + 2 * DAY,
        answer_by=inspection_on + 17 * DAY,
    )
    quarter = (today.month - 1) // 3
    if quarter:
        boards.create_report(
            officer,
            board=inspection_board,
            period=BoardReport.Period.QUARTER,
            year=today.year,
            quarter=quarter,
            sent_on=today - 5 * DAY,
            content="Báo cáo kết quả hoạt động của Ban Thanh tra nhân dân.",
        )
    boards.create_board(
        officer,
        unit=ward,
        kind=Board.Kind.MONITORING,
        name="Ban Giám sát đầu tư cộng đồng dự án nâng cấp đường Lý Thái Tổ",
        project="Nâng cấp, mở rộng đường Lý Thái Tổ",
        investor="Ban Quản lý dự án đầu tư xây dựng thành phố",
        term_from=today - 100 * DAY,
        members=[
            {"name": "Trần Văn Minh", "role": "head", "origin": "front"},
            {"name": "Nguyễn Thị Hồng", "role": "deputy", "origin": "inspection"},
            {"name": "Lê Văn Phát", "role": "member", "origin": "resident"},
            {"name": "Phạm Thị Xuân", "role": "member", "origin": "resident"},
            {"name": "Hoàng Văn Lực", "role": "member", "origin": "resident"},
        ],
    )


def _conferences(ward, neighbourhoods, officer, today):
    held_on = today - 3 * DAY
    for code in ("W01K01", "W01K02"):
        conferences.create(
            officer,
            unit=neighbourhoods[code],
            kind=Conference.Kind.COMMUNITY,
            year=today.year,
            held_on=held_on,
            invitation_on=held_on - 6 * DAY,
            plan_sent_on=held_on - 10 * DAY,
            attendance=30,
        )
    conferences.create(
        officer,
        unit=ward,
        kind=Conference.Kind.DIALOGUE,
        year=today.year,
        held_on=today - 45 * DAY,
        attendance=120,
        summary="Đối thoại về trật tự đô thị và vệ sinh môi trường.",
    )
