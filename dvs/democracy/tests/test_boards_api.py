"""The boards' API: boards created with their members and the member list replaced
through the composition check, plans with their 5-working-day due date, inspections,
recommendations (overdue filter, answer), reports; and the axes, the same answers as the
back office (another ward, sibling neighbourhoods, an organisation-limited grant, the
read-only leader)."""

import datetime
from unittest import mock

from django.urls import reverse
from django.utils import translation

from dvs.democracy.models import Board, BoardMember, BoardPlan, BoardReport, Recommendation
from dvs.testing import BaseTestCase, add_sibling_personas, bearer

from .helpers import make_board, make_inspection

D = datetime.date


def vi(msgid, **values):
    """A message as the Vietnamese pages and API give it (the msgid until the lead merges
    its translation, which must not change what these tests check)."""
    with translation.override("vi"):
        text = translation.gettext(msgid)
    return text % values if values else text


SIZE = (
    "The people's inspection board must have %(size)d members (one per neighbourhood, at "
    "least 5); it has %(count)d."
)

API = "/api/v1/democracy"
TODAY = "django.utils.timezone.localdate"


def members(count, **fields):
    return [{"name": f"Thành viên {n}", **fields} for n in range(1, count + 1)]


class BoardApiTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)
        cls.board_a = make_board(cls.ward_a, "Ban TTND An Bình")
        cls.board_b = make_board(cls.ward_b, "Ban TTND Bình Minh")
        cls.inspection_a = make_inspection(cls.board_a, "Kiểm tra A")
        cls.inspection_b = make_inspection(cls.board_b, "Kiểm tra B")
        cls.recommendation_a = Recommendation.objects.create(
            inspection=cls.inspection_a,
            content="Kiến nghị A",
            addressed_to="UBND phường",
            sent_on=D(2026, 5, 10),
            answer_by=D(2026, 6, 10),
        )
        cls.recommendation_b = Recommendation.objects.create(
            inspection=cls.inspection_b,
            content="Kiến nghị B",
            addressed_to="UBND phường",
            sent_on=D(2026, 5, 10),
            answer_by=D(2026, 6, 10),
        )

    def call(self, method, path, body=None, user=None):
        return getattr(self.client, method)(
            API + path,
            body or {},
            content_type="application/json",
            headers=bearer(user or self.ward_a_officer),
        )

    def board_body(self, **fields):
        body = {
            "unit": "A",
            "kind": "monitoring",
            "name": "Ban giám sát đường ngõ 9",
            "project": "Đường ngõ 9",
            "investor": "UBND phường",
            "term_from": "2026-03-01",
        }
        body.update(fields)
        return body

    # -- boards and members ----------------------------------------------------------------------

    def test_a_board_is_created_with_its_members_through_the_composition_check(self):
        refused = self.call("post", "/boards", self.board_body(members=members(4)))
        self.assertEqual(refused.status_code, 422)
        self.assertIn(
            vi("A community investment-monitoring board has at least %(n)d members.", n=5),
            " ".join(refused.json()["errors"]),
        )
        self.assertFalse(Board.objects.filter(name="Ban giám sát đường ngõ 9").exists())
        lines = members(5, origin="resident") + [{"name": "Đại diện MTTQ", "origin": "front"}]
        lines[0]["neighbourhood"] = "A1"
        lines[1]["role"] = "head"
        created = self.call("post", "/boards", self.board_body(members=lines))
        self.assertEqual(created.status_code, 201, created.content)
        body = created.json()
        self.assertEqual(len(body["members"]), 6)
        self.assertEqual(body["members"][0]["neighbourhood"], "A1")
        self.assertEqual(body["problems"], [])

    def test_the_member_list_is_replaced_whole_or_not_at_all(self):
        path = f"/boards/{self.board_a.pk}/members"
        self.assertEqual(self.call("put", path, {"members": members(5)}).status_code, 200)
        for lines, text in (
            (members(4), vi(SIZE, size=5, count=4)),
            (members(5, role="deputy"), vi("A board has at most %(n)d deputy heads.", n=2)),
            (
                members(5, is_ward_official=True),
                vi("Ward officials may not sit on the people's inspection board."),
            ),
            (
                [*members(4), {"name": "Tổ B", "neighbourhood": "B1"}],
                vi(
                    "Member %(number)d: the neighbourhood must be one of the board's ward.",
                    number=5,
                ),
            ),
        ):
            with self.subTest(text=text):
                response = self.call("post", path, {"members": lines})
                self.assertEqual(response.status_code, 422)
                self.assertIn(text, " ".join(response.json()["errors"]))
        self.assertEqual(
            set(self.board_a.members.values_list("name", flat=True)),
            {f"Thành viên {n}" for n in range(1, 6)},
        )
        detail = self.call("get", f"/boards/{self.board_a.pk}").json()
        self.assertEqual((len(detail["members"]), detail["problems"]), (5, []))

    def test_bad_input_is_422(self):
        for body in (
            self.board_body(term_from="01/03/2026"),
            self.board_body(kind="council"),
            self.board_body(members=[{"name": "X", "role": "chair"}]),
        ):
            with self.subTest(body=body):
                self.assertEqual(self.call("post", "/boards", body).status_code, 422)
        report = {"period": "quarter", "year": 2026, "quarter": 5, "sent_on": "2026-04-03"}
        response = self.call(
            "post", f"/boards/{self.board_a.pk}/reports", {**report, "content": "Q"}
        )
        self.assertEqual(response.status_code, 422)

    # -- plans, inspections, reports, recommendations --------------------------------------------

    def test_a_plans_due_date_and_lateness(self):
        with mock.patch(TODAY, return_value=D(2026, 11, 20)):
            response = self.call(
                "post",
                f"/boards/{self.board_a.pk}/plans",
                {
                    "period": "ad_hoc",
                    "title": "Kiểm tra quỹ",
                    "inspection_on": "2026-11-16",
                    "sent_on": "2026-11-10",
                },
            )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["send_by"], "2026-11-09")
        self.assertEqual(response.json()["state"], "late")
        listed = self.call("get", f"/boards/{self.board_a.pk}/plans").json()["items"]
        self.assertEqual([p["title"] for p in listed], ["Kiểm tra quỹ"])

    def test_inspections_reports_and_recommendations(self):
        inspection = self.call(
            "post",
            f"/boards/{self.board_a.pk}/inspections",
            {"subject": "Kiểm tra chợ", "held_on": "2026-05-04", "findings": "Thu đúng"},
        )
        self.assertEqual(inspection.status_code, 201, inspection.content)
        new_id = inspection.json()["id"]
        recommendation = self.call(
            "post",
            f"/inspections/{new_id}/recommendations",
            {"content": "Niêm yết giá", "addressed_to": "Ban quản lý chợ", "sent_on": "2026-05-06"},
        )
        self.assertEqual(recommendation.status_code, 201, recommendation.content)
        report = {"period": "quarter", "year": 2026, "quarter": 1, "sent_on": "2026-04-03"}
        path = f"/boards/{self.board_a.pk}/reports"
        self.assertEqual(self.call("post", path, {**report, "content": "Q1"}).status_code, 201)
        again = self.call("post", path, {**report, "content": "Q1 lần 2"})
        self.assertEqual(again.status_code, 422)
        self.assertEqual(BoardReport.objects.filter(board=self.board_a).count(), 1)

    def test_overdue_recommendations_and_their_answer(self):
        with mock.patch(TODAY, return_value=D(2026, 6, 20)):
            overdue = self.call("get", "/recommendations?overdue=true").json()["items"]
            self.assertEqual([r["id"] for r in overdue], [self.recommendation_a.pk])
            path = f"/recommendations/{self.recommendation_a.pk}/answer"
            refused = self.call("post", path, {"status": "done", "answer": "Đã làm"})
            self.assertEqual(refused.status_code, 422)
            done = self.call(
                "post", path, {"status": "done", "answer": "Đã làm", "closed_on": "2026-06-15"}
            )
            self.assertEqual(done.status_code, 200, done.content)
            overdue = self.call("get", "/recommendations?overdue=true").json()["items"]
        self.assertEqual(overdue, [])

    # -- the axes, and the back office agrees ---------------------------------------------------

    def test_the_axes_and_the_admin_agree(self):
        expected = {
            "ward_a_officer": True,
            "readonly_leader": True,
            "ward_b_officer": False,
            "ward_a_women_officer": False,
            "neighbourhood_a1_committee": False,  # boards belong to the ward
            "neighbourhood_a2_committee": False,
        }
        for name, sees in expected.items():
            user = getattr(self, name)
            with self.subTest(user=name):
                api = self.call("get", f"/boards/{self.board_a.pk}", user=user)
                self.client.force_login(user)
                admin = self.client.get(reverse("democracy_board:inspect", args=[self.board_a.pk]))
                self.assertEqual(api.status_code == 200, sees)
                self.assertEqual(admin.status_code == 200, sees)
                listed = self.call("get", "/boards", user=user).json()["items"]
                self.assertEqual(self.board_a.pk in [b["id"] for b in listed], sees)
                if name not in ("readonly_leader", "ward_b_officer"):
                    self.assertNotIn(self.board_b.pk, [b["id"] for b in listed])
                recs = self.call("get", "/recommendations", user=user).json()["items"]
                self.assertEqual(self.recommendation_a.pk in [r["id"] for r in recs], sees)
                if name not in ("readonly_leader", "ward_b_officer"):
                    self.assertNotIn(self.recommendation_b.pk, [r["id"] for r in recs])
        self.assertEqual(self.call("get", "/boards?unit=B").status_code, 404)

    def test_writes_from_outside_are_not_found_and_a_readers_are_forbidden(self):
        writes = [
            ("put", f"/boards/{self.board_a.pk}/members", {"members": members(5)}),
            ("post", f"/boards/{self.board_a.pk}/plans", {"period": "quarter", "title": "KH"}),
            (
                "post",
                f"/boards/{self.board_a.pk}/inspections",
                {"subject": "KT", "held_on": "2026-05-04"},
            ),
            (
                "post",
                f"/inspections/{self.inspection_a.pk}/recommendations",
                {"content": "KN", "addressed_to": "UBND", "sent_on": "2026-05-06"},
            ),
            (
                "post",
                f"/recommendations/{self.recommendation_a.pk}/answer",
                {"status": "answered", "answer": "Đã trả lời"},
            ),
        ]
        for user, status in (
            (self.ward_b_officer, 404),
            (self.ward_a_women_officer, 404),
            (self.neighbourhood_a1_committee, 404),
            (self.readonly_leader, 403),
        ):
            for method, path, body in writes:
                with self.subTest(user=user.username, path=path):
                    self.assertEqual(self.call(method, path, body, user=user).status_code, status)
            created = self.call("post", "/boards", self.board_body(), user=user)
            self.assertIn(created.status_code, (403, 404))
        self.assertFalse(BoardMember.objects.exists())
        self.assertFalse(BoardPlan.objects.exists())
        self.assertEqual(Recommendation.objects.count(), 2)
        self.assertEqual(Board.objects.count(), 2)
