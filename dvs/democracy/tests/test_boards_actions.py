"""The boards' writes: every composition rule and refusal on the whole member list, one
inspection board per ward and term, the 5-working-day clock of an inspection plan and
"sent late", recommendations and their answer, quarterly reports and their tracking."""

import datetime
from unittest import mock

from django.core.exceptions import ValidationError
from django.utils import translation

from dvs.accounts.models import AuditEntry
from dvs.democracy import work_boards
from dvs.democracy.actions import boards as actions
from dvs.democracy.models import Board, BoardMember, BoardPlan, BoardReport, Recommendation
from dvs.testing import BaseTestCase, add_sibling_personas
from dvs.units.models import Level

from .helpers import make_board, make_inspection

D = datetime.date
TODAY = D(2026, 11, 2)


def members(count, **fields):
    return [{"name": f"Thành viên {n}", **fields} for n in range(1, count + 1)]


def today(day=TODAY):
    return mock.patch("django.utils.timezone.localdate", return_value=day)


class EnglishMessages:
    """Messages are compared in English (the msgids): the Vietnamese ones are merged by
    the lead, and must not change what these tests check."""

    def setUp(self):
        super().setUp()
        self.enterContext(translation.override("en"))


class BoardActionTests(EnglishMessages, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)
        # Ward A has 2 neighbourhoods (A1, A2); ward C gets 8 for the size rule.
        cls.ward_c = cls.city.add_child(code="WC", name="Phường Cẩm Phô", level=Level.COMMUNE)
        for n in range(1, 9):
            cls.ward_c.refresh_from_db()
            cls.ward_c.add_child(code=f"WC{n}", name=f"Tổ {n}", level=Level.NEIGHBOURHOOD)
        cls.ward_c.refresh_from_db()

    def inspection_board(self, unit=None, **fields):
        return actions.create_board(
            self.city_leader,
            unit=unit or self.ward_a,
            kind=Board.Kind.INSPECTION,
            name=fields.pop("name", "Ban Thanh tra nhân dân"),
            term_from=fields.pop("term_from", D(2025, 1, 1)),
            **fields,
        )

    def monitoring_board(self, **fields):
        return actions.create_board(
            self.ward_a_officer,
            unit=self.ward_a,
            kind=Board.Kind.MONITORING,
            name="Ban giám sát đường ngõ 5",
            project="Đường ngõ 5",
            investor="UBND phường",
            term_from=D(2026, 3, 1),
            **fields,
        )

    def refused(self, call, *texts):
        with self.assertRaises(ValidationError) as caught:
            call()
        message = " ".join(caught.exception.messages)
        for text in texts:
            self.assertIn(text, message)
        return message

    # -- composition of the people's inspection board --------------------------------

    def test_a_ward_with_8_neighbourhoods_needs_8_members_and_7_are_refused(self):
        board = self.inspection_board(self.ward_c)
        self.refused(
            lambda: actions.set_members(board, self.city_leader, members(7)),
            "must have 8 members",
            "it has 7",
        )
        self.assertFalse(board.members.exists())
        actions.set_members(board, self.city_leader, members(8))
        self.assertEqual(board.members.count(), 8)

    def test_a_ward_with_fewer_than_5_neighbourhoods_has_5_members(self):
        # Ward A has 2 neighbourhoods: 5 members, neither 4 nor 6.
        board = self.inspection_board()
        for count in (4, 6):
            self.refused(
                lambda count=count: actions.set_members(board, self.city_leader, members(count)),
                "must have 5 members",
            )
        actions.set_members(board, self.city_leader, members(5))
        self.assertEqual(board.members.count(), 5)

    def test_a_third_deputy_and_a_second_head_are_refused(self):
        board = self.inspection_board()
        lines = members(5)
        for line in lines[:3]:
            line["role"] = BoardMember.Role.DEPUTY
        self.refused(
            lambda: actions.set_members(board, self.city_leader, lines), "at most 2 deputy"
        )
        lines[2]["role"] = BoardMember.Role.HEAD
        lines[3]["role"] = BoardMember.Role.HEAD
        self.refused(lambda: actions.set_members(board, self.city_leader, lines), "one head")
        lines[3]["role"] = BoardMember.Role.MEMBER
        actions.set_members(board, self.city_leader, lines)
        self.assertEqual(board.members.filter(role=BoardMember.Role.DEPUTY).count(), 2)

    def test_a_ward_official_is_refused(self):
        board = self.inspection_board()
        lines = members(5)
        lines[0]["is_ward_official"] = True
        self.refused(lambda: actions.set_members(board, self.city_leader, lines), "Ward officials")

    def test_former_members_do_not_count(self):
        board = self.inspection_board()
        lines = members(5) + [{"name": "Đã thôi", "until": D(2026, 6, 30)}]
        with today():
            actions.set_members(board, self.city_leader, lines)
        self.assertEqual(board.members.count(), 6)

    def test_a_neighbourhood_of_another_ward_is_refused(self):
        board = self.inspection_board()
        lines = members(5)
        lines[0]["neighbourhood"] = self.neighbourhood_b1
        self.refused(
            lambda: actions.set_members(board, self.city_leader, lines),
            "Member 1",
            "board's ward",
        )
        lines[0]["neighbourhood"] = self.neighbourhood_a1
        actions.set_members(board, self.city_leader, lines)
        self.assertEqual(
            board.members.get(name="Thành viên 1").neighbourhood, self.neighbourhood_a1
        )

    def test_a_member_without_a_name_or_ending_before_starting_is_refused(self):
        board = self.inspection_board()
        lines = members(5)
        lines[1]["name"] = "  "
        lines[2].update(since=D(2026, 5, 1), until=D(2026, 4, 1))
        self.refused(
            lambda: actions.set_members(board, self.city_leader, lines),
            "Member 2: give the full name",
            "Member 3: the membership cannot end",
        )

    def test_a_refused_list_leaves_the_old_one_in_place(self):
        board = self.inspection_board()
        actions.set_members(board, self.city_leader, members(5))
        self.refused(lambda: actions.set_members(board, self.city_leader, members(2)))
        self.assertEqual(board.members.count(), 5)

    def test_one_inspection_board_per_ward_and_term(self):
        self.inspection_board(term_to=D(2027, 12, 31))
        self.refused(
            lambda: self.inspection_board(term_from=D(2026, 1, 1)), "already has a people's"
        )
        later = self.inspection_board(term_from=D(2028, 1, 1))
        self.assertEqual(later.kind, Board.Kind.INSPECTION)

    def test_a_board_belongs_to_a_ward(self):
        self.refused(lambda: self.inspection_board(self.neighbourhood_a1), "belongs to a ward")

    def test_creating_with_members_runs_the_same_check(self):
        self.refused(lambda: self.inspection_board(members=members(3)), "must have 5")
        self.assertFalse(Board.objects.exists())
        board = self.inspection_board(members=members(5))
        self.assertEqual(board.members.count(), 5)
        self.assertTrue(
            AuditEntry.objects.filter(object_id=str(board.pk), action="wagtail.create").exists()
        )

    # -- composition of a monitoring board ------------------------------------------------------

    def test_a_monitoring_board_has_at_least_5_members_at_most_5_residents_no_relatives(self):
        board = self.monitoring_board()
        self.refused(
            lambda: actions.set_members(board, self.ward_a_officer, members(4)), "at least 5"
        )
        self.refused(
            lambda: actions.set_members(board, self.ward_a_officer, members(6)),
            "at most 5 resident",
        )
        lines = members(5) + [{"name": "Đại diện MTTQ", "origin": BoardMember.Origin.FRONT}]
        lines[0]["related_to_investor"] = True
        self.refused(lambda: actions.set_members(board, self.ward_a_officer, lines), "Relatives")
        lines[0]["related_to_investor"] = False
        actions.set_members(board, self.ward_a_officer, lines)
        self.assertEqual(board.members.count(), 6)

    def test_a_monitoring_board_needs_its_project_and_dissolves_with_it(self):
        self.refused(
            lambda: actions.create_board(
                self.ward_a_officer,
                unit=self.ward_a,
                kind=Board.Kind.MONITORING,
                name="Ban giám sát",
                term_from=D(2026, 1, 1),
            ),
            "required",
        )
        board = self.monitoring_board()
        with today():
            actions.dissolve(board, self.ward_a_officer, D(2026, 10, 30))
            self.refused(lambda: actions.dissolve(board, self.ward_a_officer, D(2026, 10, 31)))
        self.assertEqual(Board.objects.get(pk=board.pk).dissolved_on, D(2026, 10, 30))
        self.refused(
            lambda: actions.set_members(board, self.ward_a_officer, members(5)), "dissolved"
        )
        inspection = self.inspection_board()
        self.refused(lambda: actions.dissolve(inspection, self.city_leader, D(2026, 10, 1)))

    # -- the by-election note ---------------------------------------------------------------------

    def test_a_vacant_seat_with_6_months_left_asks_for_a_by_election(self):
        board = self.inspection_board(term_to=D(2027, 12, 31))
        lines = members(5)
        lines[4]["until"] = D(2026, 12, 31)
        with today(D(2026, 12, 1)):
            actions.set_members(board, self.city_leader, lines)
        with today(D(2027, 1, 5)):
            self.assertIn("by-election", work_boards.by_election_note(board))
            self.assertIn("must have 5", " ".join(work_boards.composition_problems(board)))
        with today(D(2027, 7, 1)):  # less than 6 months of the term left
            self.assertIsNone(work_boards.by_election_note(board))

    # -- scope and permission ----------------------------------------------------------------------

    def test_writes_outside_the_scope_or_without_permission_are_refused(self):
        board = make_board(self.ward_a)
        for user in (
            self.ward_b_officer,
            self.ward_a_women_officer,
            self.readonly_leader,
            self.neighbourhood_a1_committee,
        ):
            with self.subTest(user=user.username):
                self.refused(lambda user=user: actions.set_members(board, user, members(5)))
                self.refused(
                    lambda user=user: actions.create_plan(
                        user, board=board, period=BoardPlan.Period.QUARTER, title="KH"
                    )
                )
                self.refused(
                    lambda user=user: actions.create_board(
                        user,
                        unit=self.ward_a,
                        kind=Board.Kind.INSPECTION,
                        name="Ban",
                        term_from=D(2026, 1, 1),
                    )
                )
        self.assertFalse(board.members.exists())
        self.assertFalse(BoardPlan.objects.exists())


class PlanAndFollowUpTests(EnglishMessages, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.board = make_board(cls.ward_a)

    def plan(self, **fields):
        fields.setdefault("period", BoardPlan.Period.AD_HOC)
        fields.setdefault("title", "Kiểm tra quỹ khuyến học")
        return actions.create_plan(self.ward_a_officer, board=self.board, **fields)

    def test_an_inspection_on_monday_16_11_needs_its_plan_by_monday_9_11(self):
        with today(D(2026, 11, 20)):
            plan = self.plan(inspection_on=D(2026, 11, 16), sent_on=D(2026, 11, 9))
            self.assertEqual(work_boards.plan_due_on(plan), D(2026, 11, 9))
            self.assertEqual(work_boards.plan_state(plan)[0], "sent")
            late = self.plan(inspection_on=D(2026, 11, 16), sent_on=D(2026, 11, 10))
            key, text = work_boards.plan_state(late)
        self.assertEqual(key, "late")
        self.assertIn("09/11/2026", text)

    def test_the_clock_skips_days_off(self):
        # Thu 7/5/2026: 5 working days before skips the weekend and 30/4–1/5.
        plan = self.plan(inspection_on=D(2026, 5, 7))
        self.assertEqual(work_boards.plan_due_on(plan), D(2026, 4, 28))

    def test_plans_not_sent_due_soon_or_overdue_are_on_the_work_list(self):
        due = self.plan(inspection_on=D(2026, 11, 16), title="Sắp đến hạn")
        far = self.plan(inspection_on=D(2026, 12, 28), title="Còn xa")
        overdue = self.plan(inspection_on=D(2026, 11, 2), title="Quá hạn")
        with today(D(2026, 11, 5)):
            shown = work_boards.unsent_plans(self.ward_a_officer)
            self.assertEqual(work_boards.plan_state(overdue)[0], "overdue")
        self.assertEqual(shown, [overdue, due])
        self.assertNotIn(far, shown)
        self.assertEqual(work_boards.unsent_plans(self.ward_b_officer, D(2026, 11, 5)), [])

    def test_a_plan_sent_in_the_future_or_without_a_title_is_refused(self):
        with today():
            with self.assertRaises(ValidationError):
                self.plan(sent_on=D(2026, 11, 3))
        with self.assertRaises(ValidationError):
            self.plan(title=" ")

    def test_an_inspection_with_another_boards_plan_is_refused(self):
        other = make_board(self.ward_a, "Ban giám sát", kind=Board.Kind.MONITORING)
        plan = actions.create_plan(
            self.ward_a_officer, board=other, period=BoardPlan.Period.QUARTER, title="KH khác"
        )
        with self.assertRaises(ValidationError):
            actions.create_inspection(
                self.ward_a_officer,
                board=self.board,
                plan=plan,
                subject="Kiểm tra",
                held_on=D(2026, 5, 4),
            )
        inspection = actions.create_inspection(
            self.ward_a_officer, board=self.board, subject="Kiểm tra", held_on=D(2026, 5, 4)
        )
        self.assertIsNone(inspection.plan)

    def test_a_recommendation_is_answered_and_closed_and_overdue_ones_are_listed(self):
        inspection = make_inspection(self.board)
        row = actions.create_recommendation(
            self.ward_a_officer,
            inspection=inspection,
            content="Công khai sổ thu chi",
            addressed_to="UBND phường",
            sent_on=D(2026, 5, 10),
            answer_by=D(2026, 6, 10),
        )
        queryset = Recommendation.objects.all()
        self.assertEqual(list(work_boards.overdue_recommendations(queryset, D(2026, 6, 11))), [row])
        self.assertEqual(list(work_boards.overdue_recommendations(queryset, D(2026, 6, 10))), [])
        with self.assertRaises(ValidationError):  # closed needs its day
            actions.answer_recommendation(
                row, self.ward_a_officer, status=Recommendation.Status.DONE, answer="Đã làm"
            )
        with self.assertRaises(ValidationError):  # an answer needs its text
            actions.answer_recommendation(
                row, self.ward_a_officer, status=Recommendation.Status.ANSWERED
            )
        with self.assertRaises(ValidationError):
            actions.answer_recommendation(
                row, self.readonly_leader, status=Recommendation.Status.ANSWERED, answer="x"
            )
        actions.answer_recommendation(
            row,
            self.ward_a_officer,
            status=Recommendation.Status.DONE,
            answer="Đã niêm yết sổ thu chi",
            closed_on=D(2026, 6, 5),
        )
        self.assertEqual(list(work_boards.overdue_recommendations(queryset, D(2026, 6, 11))), [])
        with self.assertRaises(ValidationError):  # expected before it was sent
            actions.create_recommendation(
                self.ward_a_officer,
                inspection=inspection,
                content="Kiến nghị",
                addressed_to="UBND phường",
                sent_on=D(2026, 5, 10),
                answer_by=D(2026, 5, 1),
            )

    def test_quarterly_reports_once_a_quarter_and_their_tracking(self):
        def report(quarter, sent_on):
            return actions.create_report(
                self.ward_a_officer,
                board=self.board,
                period=BoardReport.Period.QUARTER,
                year=2026,
                quarter=quarter,
                sent_on=sent_on,
                content=f"Báo cáo quý {quarter}",
            )

        with today(D(2026, 8, 15)):
            report(1, D(2026, 4, 3))
            with self.assertRaises(ValidationError):
                report(1, D(2026, 4, 5))
            with self.assertRaises(ValidationError):
                report(None, D(2026, 4, 5))
            with self.assertRaises(ValidationError):
                actions.create_report(
                    self.ward_a_officer,
                    board=self.board,
                    period=BoardReport.Period.YEAR,
                    year=2026,
                    quarter=2,
                    sent_on=D(2026, 4, 5),
                    content="Năm",
                )
            [(board, cells)] = work_boards.report_tracking([self.board], 2026)
            self.assertEqual(
                [state for state, _r in cells], ["sent", "missing", "pending", "pending"]
            )
            self.assertEqual(
                work_boards.missing_reports(self.ward_a_officer),
                [(self.board, 2026, 2), (self.board, 2025, 3), (self.board, 2025, 4)],
            )
            self.assertEqual(work_boards.missing_reports(self.ward_b_officer), [])
