"""The clearance API: projects a caller sees, a project's segments and figures, its
parties with filters, and the writes of a step and a visit with the form's checks."""

import datetime
import json
from unittest import mock

from dvs.clearance.models import AdvocacyVisit, Milestone
from dvs.testing import bearer

from .helpers import make_obstacle, make_project, make_segment
from .test_actions import ClearanceTestCase

PARTIES = "/projects/VD4-2026-001/parties"


class ApiTestCase(ClearanceTestCase):
    def post(self, path, user, body):
        return self.client.post(
            f"/api/v1/clearance{path}",
            json.dumps(body),
            content_type="application/json",
            headers=bearer(user),
        )

    def get(self, path, user, **params):
        return self.api_get(f"/clearance{path}", user, **params)


class ReadTests(ApiTestCase):
    def test_ward_a_officer_lists_the_route_through_its_ward_but_not_another(self):
        other = make_project(self.city, code="DT295C", name="Đường tỉnh 295C")
        make_segment(other, self.ward_b)
        codes = [p["code"] for p in self.get("/projects", self.ward_a_officer).json()["items"]]
        self.assertEqual(codes, ["VD4-2026-001"])
        self.assertEqual(self.get("/projects/DT295C", self.ward_a_officer).status_code, 404)

    def test_the_project_detail_shows_only_the_segments_the_caller_sees(self):
        body = self.get("/projects/VD4-2026-001", self.ward_a_officer).json()
        self.assertEqual([s["ward"] for s in body["segments"]], ["A"])
        self.assertEqual(body["total"]["affected"], 1)
        body = self.get("/projects/VD4-2026-001", self.city_leader).json()
        self.assertEqual([s["ward"] for s in body["segments"]], ["A", "B"])
        self.assertEqual(body["ward_count"], 2)

    def test_the_parties_list_filters_by_ward_step_and_obstacle(self):
        make_obstacle(self.party_b)

        def ids(**q):
            return [p["id"] for p in self.get(PARTIES, self.city_leader, **q).json()["items"]]

        self.assertEqual(ids(), [self.party_a.pk, self.party_b.pk])
        self.assertEqual(ids(ward="A1"), [self.party_a.pk])
        self.assertEqual(ids(obstacle="true"), [self.party_b.pk])
        self.assertEqual(ids(obstacle="false"), [self.party_a.pk])
        self.assertEqual(ids(step="completed"), [])
        self.assertEqual(ids(step="not_inventoried"), [self.party_a.pk, self.party_b.pk])

    def test_ward_a_officer_does_not_list_ward_b_parties_nor_their_ward(self):
        items = self.get(PARTIES, self.ward_a_officer).json()["items"]
        self.assertEqual([p["id"] for p in items], [self.party_a.pk])
        self.assertEqual(self.get(PARTIES, self.ward_a_officer, ward="B").status_code, 404)

    def test_the_parties_list_never_carries_sensitive_flags(self):
        self.party_a.set_sensitive(policy_family=True)
        self.party_a.save()
        item = self.get(PARTIES, self.city_leader).json()["items"][0]
        self.assertFalse({"policy_family", "poor_household", "sensitive"} & set(item))


class WriteTests(ApiTestCase):
    def path(self, party, what):
        return f"{PARTIES}/{party.pk}/{what}"

    def test_ward_a_officer_records_an_opinion_meeting(self):
        response = self.post(
            self.path(self.party_a, "milestones"),
            self.ward_a_officer,
            {
                "kind": "opinion_meeting",
                "on": "2026-04-10",
                "present": 55,
                "agree": 40,
                "disagree": 12,
                "other": 3,
            },
        )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["kind"], "opinion_meeting")
        self.assertEqual(Milestone.objects.get().disagree, 12)

    def test_a_clock_error_is_a_422_in_vietnamese_and_nothing_is_saved(self):
        refusal = ({"on": ["Ngày quyết định thu hồi trước ngày thông báo."]}, [])
        with mock.patch("dvs.clearance.clocks.check_milestone", return_value=refusal):
            response = self.post(
                self.path(self.party_a, "milestones"),
                self.ward_a_officer,
                {"kind": "recovery_decision", "on": "2026-04-10"},
            )
        self.assertEqual(response.status_code, 422)
        self.assertIn("Ngày quyết định thu hồi trước ngày thông báo.", response.json()["errors"])
        self.assertFalse(Milestone.objects.exists())

    def test_a_shared_step_on_a_party_is_refused(self):
        response = self.post(
            self.path(self.party_a, "milestones"),
            self.ward_a_officer,
            {"kind": "notice", "on": "2026-04-10"},
        )
        self.assertEqual(response.status_code, 422)
        self.assertIn("kind", response.json()["fields"])

    def test_ward_a_officer_cannot_write_to_ward_b_party(self):
        for what, body in (
            ("milestones", {"kind": "paid", "on": "2026-04-10"}),
            ("visits", {"on": "2026-04-10", "outcome": "agrees"}),
        ):
            response = self.post(self.path(self.party_b, what), self.ward_a_officer, body)
            self.assertEqual(response.status_code, 404, what)
        self.assertFalse(Milestone.objects.exists() or AdvocacyVisit.objects.exists())

    def test_readonly_leader_is_refused_writes(self):
        response = self.post(
            self.path(self.party_a, "visits"),
            self.readonly_leader,
            {"on": "2026-04-10", "outcome": "agrees"},
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(AdvocacyVisit.objects.exists())

    def test_ward_a_officer_logs_a_visit_with_who_went(self):
        response = self.post(
            self.path(self.party_a, "visits"),
            self.ward_a_officer,
            {
                "on": "2026-04-01",
                "outcome": "not_yet",
                "concerns": ["land_price", "graves"],
                "visitors": ["ward_a_officer"],
                "organisations": [self.ward_a_front.pk],
                "next_step": "Mời dự đối thoại",
                "next_on": "2026-04-15",
            },
        )
        self.assertEqual(response.status_code, 201, response.content)
        visit = AdvocacyVisit.objects.get()
        self.assertEqual(list(visit.visitors.all()), [self.ward_a_officer])
        self.assertEqual(visit.next_on, datetime.date(2026, 4, 15))

    def test_a_visit_with_an_unknown_concern_or_in_the_future_is_refused(self):
        for body in (
            {"on": "2026-04-01", "outcome": "not_yet", "concerns": ["weather"]},
            {"on": "2999-01-01", "outcome": "not_yet"},
        ):
            response = self.post(self.path(self.party_a, "visits"), self.ward_a_officer, body)
            self.assertEqual(response.status_code, 422, body)
        self.assertFalse(AdvocacyVisit.objects.exists())
