"""The back office of the boards: a board set up and its members entered through the
composition check, its page (problems, by-election note, plans with their due dates),
plans sent late, recommendations answered, the yearly tracking of quarterly reports,
the work list, and the axes: another ward, a sibling neighbourhood, an
organisation-limited grant, the read-only leader."""

import datetime
from unittest import mock

from django.urls import reverse
from django.utils import translation

from dvs.accounts.dashboard import work_list
from dvs.democracy.models import Board, BoardMember, BoardPlan, BoardReport, Recommendation
from dvs.testing import BaseTestCase, add_sibling_personas

from .helpers import make_board, make_inspection

D = datetime.date


def vi(msgid, **values):
    """A message as the Vietnamese pages and API give it (the msgid until the lead merges
    its translation, which must not change what these tests check)."""
    with translation.override("vi"):
        text = translation.gettext(msgid)
    return text % values if values else text


SIZE_5 = (
    "The people's inspection board must have %(size)d members (one per neighbourhood, at "
    "least 5); it has %(count)d."
)

TODAY = "django.utils.timezone.localdate"


def member_post(names, prefix="members", **fields):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(names)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for n, name in enumerate(names):
        data.update(
            {
                f"{prefix}-{n}-name": name,
                f"{prefix}-{n}-role": fields.get("role", "member"),
                f"{prefix}-{n}-origin": "resident",
            }
        )
    return data


class BoardAdminTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)
        cls.board_a = make_board(cls.ward_a, "Ban TTND phường An Bình")
        cls.board_b = make_board(cls.ward_b, "Ban TTND phường Bình Minh")
        cls.plan_a = BoardPlan.objects.create(
            board=cls.board_a,
            period=BoardPlan.Period.AD_HOC,
            title="Kế hoạch kiểm tra quỹ A",
            inspection_on=D(2026, 11, 16),
        )
        cls.inspection_a = make_inspection(cls.board_a, "Kiểm tra quỹ A")
        cls.inspection_b = make_inspection(cls.board_b, "Kiểm tra quỹ B")
        cls.recommendation_a = Recommendation.objects.create(
            inspection=cls.inspection_a,
            content="Kiến nghị công khai quỹ A",
            addressed_to="UBND phường",
            sent_on=D(2026, 5, 10),
            answer_by=D(2026, 6, 10),
        )
        cls.recommendation_b = Recommendation.objects.create(
            inspection=cls.inspection_b,
            content="Kiến nghị công khai quỹ B",
            addressed_to="UBND phường",
            sent_on=D(2026, 5, 10),
            answer_by=D(2026, 6, 10),
        )

    # -- a board set up, its members through the composition check ----------------------------

    def test_a_board_is_set_up_then_its_members_are_checked_whole(self):
        self.login(self.ward_a_officer)
        response = self.client.post(
            reverse("democracy_board:add"),
            {
                "unit": self.ward_a.pk,
                "kind": "monitoring",
                "name": "Ban giám sát đường ngõ 9",
                "project": "Đường ngõ 9",
                "investor": "UBND phường",
                "term_from": "01/03/2026",
            },
        )
        board = Board.objects.get(name="Ban giám sát đường ngõ 9")
        members_url = reverse("democracy_board_members", args=[board.pk])
        self.assertRedirects(response, members_url)
        # Six residents: refused, nothing saved, the message on the page.
        response = self.client.post(members_url, member_post([f"Người {n}" for n in range(6)]))
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response,
            vi("A community investment-monitoring board has at most %(n)d resident members.", n=5),
        )
        self.assertFalse(board.members.exists())
        # Three deputies among five: refused too.
        data = member_post([f"Người {n}" for n in range(5)])
        for n in range(3):
            data[f"members-{n}-role"] = "deputy"
        self.assertContains(
            self.client.post(members_url, data), vi("A board has at most %(n)d deputy heads.", n=2)
        )
        data["members-2-role"] = "member"
        response = self.client.post(members_url, data)
        self.assertRedirects(response, reverse("democracy_board:inspect", args=[board.pk]))
        self.assertEqual(board.members.count(), 5)
        # The page lists them; the form starts from them.
        page = self.client.get(reverse("democracy_board:inspect", args=[board.pk]))
        self.assertContains(page, "Người 4")
        self.assertNotContains(page, 'id="db-problems"')
        form = self.client.get(members_url)
        self.assertContains(form, 'value="Người 0"')

    def test_a_neighbourhood_of_another_ward_is_not_offered(self):
        self.login(self.ward_a_officer)
        response = self.client.get(reverse("democracy_board_members", args=[self.board_a.pk]))
        self.assertContains(response, self.neighbourhood_a1.name)
        self.assertNotContains(response, self.neighbourhood_b1.name)

    def test_the_page_shows_problems_and_the_by_election_note(self):
        Board.objects.filter(pk=self.board_a.pk).update(term_to=D(2027, 12, 31))
        BoardMember.objects.bulk_create(
            BoardMember(
                board=self.board_a, name=f"TV {n}", until=D(2026, 6, 30) if n == 4 else None
            )
            for n in range(5)
        )
        self.login(self.ward_a_officer)
        with mock.patch(TODAY, return_value=D(2026, 11, 2)):
            page = self.client.get(reverse("democracy_board:inspect", args=[self.board_a.pk]))
        self.assertContains(page, vi(SIZE_5, size=5, count=4))
        self.assertContains(page, 'id="db-by-election"')
        # The plan's due date: Mon 16/11/2026 → Mon 9/11/2026, not sent yet.
        self.assertContains(page, "09/11/2026")

    def test_a_plan_sent_late_is_flagged_and_unsent_plans_are_listed(self):
        self.login(self.ward_a_officer)
        with mock.patch(TODAY, return_value=D(2026, 11, 20)):
            unsent = self.client.get(reverse("democracy_boardplan:index"), {"state": "unsent"})
            self.assertContains(unsent, "Kế hoạch kiểm tra quỹ A")
            self.assertContains(unsent, "09/11/2026")
            response = self.client.post(
                reverse("democracy_boardplan:edit", args=[self.plan_a.pk]),
                {
                    "board": self.board_a.pk,
                    "period": "ad_hoc",
                    "title": "Kế hoạch kiểm tra quỹ A",
                    "inspection_on": "16/11/2026",
                    "sent_on": "10/11/2026",
                },
            )
            self.assertEqual(response.status_code, 302)
            late = self.client.get(reverse("democracy_boardplan:index"), {"state": "late"})
        self.assertContains(late, "dvs-plan-late")
        self.assertEqual(BoardPlan.objects.get(pk=self.plan_a.pk).sent_on, D(2026, 11, 10))

    def test_a_recommendation_is_answered_and_overdue_ones_are_filtered(self):
        self.login(self.ward_a_officer)
        with mock.patch(TODAY, return_value=D(2026, 6, 20)):
            overdue = self.client.get(
                reverse("democracy_recommendation:index"), {"overdue": "true"}
            )
            self.assertContains(overdue, "Kiến nghị công khai quỹ A")
            self.assertNotContains(overdue, "Kiến nghị công khai quỹ B")
            url = reverse("democracy_recommendation_answer", args=[self.recommendation_a.pk])
            refused = self.client.post(url, {"status": "done", "answer": "Đã công khai"})
            self.assertContains(refused, vi("Give the day it was closed."))
            done = self.client.post(
                url, {"status": "done", "answer": "Đã công khai", "closed_on": "15/06/2026"}
            )
            self.assertEqual(done.status_code, 302)
            overdue = self.client.get(
                reverse("democracy_recommendation:index"), {"overdue": "true"}
            )
        self.assertNotContains(overdue, "Kiến nghị công khai quỹ A")
        row = Recommendation.objects.get(pk=self.recommendation_a.pk)
        self.assertEqual((row.status, row.closed_on), ("done", D(2026, 6, 15)))

    def test_the_tracking_shows_sent_and_missing_quarterly_reports(self):
        BoardReport.objects.create(
            board=self.board_a,
            period=BoardReport.Period.QUARTER,
            year=2026,
            quarter=1,
            sent_on=D(2026, 4, 3),
            content="Quý 1",
        )
        self.login(self.ward_a_officer)
        with mock.patch(TODAY, return_value=D(2026, 8, 15)):
            page = self.client.get(reverse("democracy_board_reports"), {"year": "2026"})
            items = {s.source.key: s.items for s in work_list(self.ward_a_officer)}
        states = [state for _board, cells in page.context["rows"] for state, _r in cells]
        self.assertEqual(states, ["sent", "missing", "pending", "pending"])
        self.assertContains(page, "03/04/2026")
        self.assertNotContains(page, "Ban TTND phường Bình Minh")
        self.assertIn("democracy_board_reports_missing", items)
        self.assertIn("democracy_recommendations_overdue", items)

    def test_a_monitoring_board_is_dissolved(self):
        board = make_board(self.ward_a, "Ban giám sát chợ", kind="monitoring", project="Chợ")
        self.login(self.ward_a_officer)
        url = reverse("democracy_board_dissolve", args=[board.pk])
        self.assertEqual(self.client.post(url, {"dissolved_on": "31/13/2026"}).status_code, 200)
        self.assertEqual(self.client.post(url, {"dissolved_on": "30/10/2026"}).status_code, 302)
        self.assertEqual(Board.objects.get(pk=board.pk).dissolved_on, D(2026, 10, 30))

    def test_the_export_holds_only_the_wards_boards(self):
        self.login(self.ward_a_officer)
        for fmt in ("csv", "xlsx"):
            response = self.client.get(reverse("democracy_board:index"), {"export": fmt})
            self.assertEqual(response.status_code, 200)
        csv = self.client.get(reverse("democracy_board:index"), {"export": "csv"})
        text = b"".join(csv.streaming_content).decode()
        self.assertIn("Ban TTND phường An Bình", text)
        self.assertNotIn("Bình Minh", text)

    # -- the axes ----------------------------------------------------------------------------------

    def doors(self, board, recommendation):
        return {
            "inspect": reverse("democracy_board:inspect", args=[board.pk]),
            "edit": reverse("democracy_board:edit", args=[board.pk]),
            "members": reverse("democracy_board_members", args=[board.pk]),
            "dissolve": reverse("democracy_board_dissolve", args=[board.pk]),
            "answer": reverse("democracy_recommendation_answer", args=[recommendation.pk]),
            "recommendation": reverse("democracy_recommendation:inspect", args=[recommendation.pk]),
        }

    def test_no_one_reaches_another_wards_or_a_wards_boards_from_outside(self):
        outsiders = (
            self.ward_b_officer,
            self.ward_a_women_officer,
            self.neighbourhood_a1_committee,  # boards belong to the ward, not below it
            self.neighbourhood_a2_committee,
        )
        for user in outsiders:
            self.login(user)
            for door, url in self.doors(self.board_a, self.recommendation_a).items():
                with self.subTest(user=user.username, door=door):
                    self.assertIn(self.client.get(url).status_code, (302, 403, 404))
                    self.assertIn(
                        self.client.post(url, member_post(["X"])).status_code, (302, 403, 404)
                    )
            index = self.client.get(reverse("democracy_board:index"))
            if index.status_code == 200:
                self.assertNotIn(self.board_a, index.context["object_list"])
        self.assertFalse(BoardMember.objects.exists())

    def test_the_read_only_leader_reads_but_does_not_write(self):
        self.login(self.readonly_leader)
        doors = self.doors(self.board_a, self.recommendation_a)
        self.assertEqual(self.client.get(doors["inspect"]).status_code, 200)
        self.assertEqual(self.client.get(doors["recommendation"]).status_code, 200)
        self.assertNotContains(self.client.get(doors["inspect"]), 'id="db-edit-members"')
        for door in ("edit", "members", "dissolve", "answer"):
            with self.subTest(door=door):
                self.assertIn(self.client.get(doors[door]).status_code, (302, 403))
                response = self.client.post(doors[door], member_post([f"N{n}" for n in range(5)]))
                self.assertIn(response.status_code, (302, 403))
        self.assertFalse(BoardMember.objects.exists())
        self.assertEqual(Recommendation.objects.get(pk=self.recommendation_a.pk).status, "open")
