import datetime

from dvs.cases.models import Case
from dvs.cases.tests.helpers import receive
from dvs.testing import BaseTestCase


class CasesApiTests(BaseTestCase):
    def post(self, path, user, payload):
        return self.client.post(
            f"/api/v1{path}",
            payload,
            content_type="application/json",
            headers={"Authorization": f"Bearer {self.token_for(user)}"},
        )

    def test_create_read_and_walk_a_complaint_through_the_api(self):
        created = self.post(
            "/cases",
            self.ward_a_reception_officer,
            {
                "kind": "complaint",
                "received_on": "2026-03-02",
                "unit": "A1",
                "content": "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất.",
                "petitioner_name": "Đỗ Văn Khiếu",
            },
        )
        self.assertEqual(created.status_code, 201, created.content)
        case = created.json()
        self.assertEqual(case["deadlines"]["accept_by"], "2026-03-16")
        self.assertIsNone(case["deadlines"]["resolve_by"])
        self.assertEqual(case["petitioners"], ["Đỗ Văn Khiếu"])

        accepted = self.post(
            f"/cases/{case['id']}/accept",
            self.ward_a_reception_officer,
            {"accepted_on": "2026-03-04", "complexity": "normal"},
        )
        self.assertEqual(accepted.status_code, 200, accepted.content)
        self.assertEqual(accepted.json()["deadlines"]["resolve_by"], "2026-04-03")
        concluded = self.post(
            f"/cases/{case['id']}/conclude",
            self.ward_a_reception_officer,
            {"concluded_on": "2026-03-30", "conclusion": "Giải quyết xong."},
        )
        self.assertEqual(concluded.json()["status"], "concluded")
        read = self.api_get(f"/cases/{case['id']}", self.ward_a_reception_officer).json()
        self.assertEqual([e["step"] for e in read["events"]], ["received", "accepted", "concluded"])

    def test_bad_input_gets_a_vietnamese_message_and_saves_nothing(self):
        tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
        response = self.post(
            "/cases",
            self.ward_a_reception_officer,
            {
                "kind": "petition",
                "received_on": tomorrow,
                "unit": "A1",
                "content": "x",
                "petitioner_name": "A",
            },
        )
        self.assertEqual(response.status_code, 422)  # refused by the schema
        self.assertIn("tương lai", response.json()["errors"][0]["msg"])
        case = receive(self.neighbourhood_a1)
        early = self.post(
            f"/cases/{case.pk}/accept", self.ward_a_reception_officer, {"accepted_on": "2026-03-01"}
        )
        self.assertEqual(early.status_code, 400)
        self.assertIn("trước", early.json()["detail"])
        self.assertEqual(Case.objects.get(pk=case.pk).status, "received")
        self.assertEqual(Case.objects.count(), 1)

    def test_lists_filter_by_unit_kind_status_and_overdue_within_scope(self):
        late = receive(self.neighbourhood_a1, received_on=datetime.date(2026, 1, 5))
        recent = receive(self.neighbourhood_a2, kind="feedback", received_on=datetime.date.today())
        other_ward = receive(self.neighbourhood_b1)

        def codes(user, **params):
            return {item["code"] for item in self.api_get("/cases", user, **params).json()["items"]}

        self.assertEqual(codes(self.ward_a_reception_officer), {late.code, recent.code})
        self.assertEqual(codes(self.city_leader, unit="B"), {other_ward.code})
        self.assertEqual(codes(self.ward_a_reception_officer, kind="feedback"), {recent.code})
        self.assertEqual(codes(self.ward_a_reception_officer, overdue="true"), {late.code})
        self.assertEqual(
            codes(self.ward_a_reception_officer, status="received"), {late.code, recent.code}
        )
        self.assertEqual(
            self.api_get(f"/cases/{other_ward.pk}", self.ward_a_reception_officer).status_code, 404
        )
        forbidden = self.post(
            f"/cases/{other_ward.pk}/archive",
            self.ward_a_reception_officer,
            {"archived_on": "2026-03-05", "reason": "x"},
        )
        self.assertEqual(forbidden.status_code, 404)

    def test_forward_archive_and_extend_actions(self):
        one, two = receive(self.neighbourhood_a1), receive(self.neighbourhood_a1, name="B")
        self.assertEqual(
            self.post(
                f"/cases/{one.pk}/forward",
                self.ward_a_reception_officer,
                {"forwarded_on": "2026-03-03", "to": "Thanh tra thành phố"},
            ).json()["status"],
            "forwarded",
        )
        self.assertEqual(
            self.post(
                f"/cases/{two.pk}/archive",
                self.ward_a_reception_officer,
                {"archived_on": "2026-03-03", "reason": "Đơn trùng nội dung đã giải quyết."},
            ).json()["status"],
            "archived",
        )
        denunciation = receive(self.neighbourhood_a1, kind="denunciation", name="C")
        self.post(
            f"/cases/{denunciation.pk}/accept",
            self.ward_a_reception_officer,
            {"accepted_on": "2026-03-04", "complexity": "complex"},
        )
        extended = self.post(
            f"/cases/{denunciation.pk}/extend",
            self.ward_a_reception_officer,
            {"granted_on": "2026-03-20", "days": 30, "reason": "Cần xác minh nhiều nơi"},
        )
        self.assertEqual(extended.status_code, 200, extended.content)
        too_much = self.post(
            f"/cases/{denunciation.pk}/extend",
            self.ward_a_reception_officer,
            {"granted_on": "2026-03-21", "days": 30, "reason": "Lần nữa"},
        )
        self.assertEqual(too_much.status_code, 400)

    def test_stats_count_what_the_list_returns(self):
        receive(self.neighbourhood_a1, received_on=datetime.date(2026, 2, 2))
        receive(self.neighbourhood_a2, kind="petition", received_on=datetime.date(2026, 2, 3))
        receive(self.neighbourhood_b1, received_on=datetime.date(2026, 2, 4))
        stats = self.api_get(
            "/cases/stats",
            self.ward_a_reception_officer,
            received_from="2026-01-01",
            received_to="2026-12-31",
        ).json()
        self.assertEqual(stats["received"], 2)
        self.assertEqual(stats["by_kind"]["complaint"], 1)
        self.assertEqual(stats["by_kind"]["petition"], 1)
        listed = self.api_get("/cases", self.ward_a_reception_officer).json()["count"]
        self.assertEqual(stats["received"], listed)
