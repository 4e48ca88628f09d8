"""The registry's API: lists and details through the scope door, creates through the
actions (422 in Vietnamese, nothing saved), another ward's rows not found."""

import datetime
import json
from unittest import mock

from dvs.religion.models import Contact, Establishment, Group, Incident, KeyPerson
from dvs.testing import bearer

from .helpers import (
    make_contact,
    make_dignitary,
    make_establishment,
    make_festival,
    make_group,
    make_incident,
    make_key_person,
)
from .test_registry_actions import RegistryTestCase

D = datetime.date


class ApiTestCase(RegistryTestCase):
    def post(self, path, user, body):
        return self.client.post(
            f"/api/v1/religion{path}",
            json.dumps(body),
            content_type="application/json",
            headers=bearer(user),
        )

    def get(self, path, user, **params):
        return self.api_get(f"/religion{path}", user, **params)

    def ids(self, path, user, **params):
        response = self.get(path, user, **params)
        self.assertEqual(response.status_code, 200, response.content)
        return [item["id"] for item in response.json()["items"]]


class EstablishmentApiTests(ApiTestCase):
    def test_lists_and_filters_what_the_caller_sees(self):
        house = make_establishment(self.ward_a, "Đình An Bình", kind="communal_house")
        self.assertEqual(
            self.ids("/establishments", self.ward_a_officer), [house.pk, self.pagoda_a.pk]
        )
        self.assertEqual(
            self.ids("/establishments", self.city_leader, unit="B"), [self.pagoda_b.pk]
        )
        self.assertEqual(
            self.ids("/establishments", self.ward_a_officer, kind="communal_house"), [house.pk]
        )
        self.assertEqual(
            self.ids("/establishments", self.ward_a_officer, religion="phat-giao"),
            [self.pagoda_a.pk],
        )
        self.assertEqual(
            self.get("/establishments", self.ward_a_officer, unit="B").status_code, 404
        )
        self.assertEqual(self.ids("/establishments", self.ward_a_women_officer), [])

    def test_the_detail_gives_the_festivals_dates_of_the_year_asked(self):
        make_festival(self.pagoda_a, "Lễ hội chùa", day=10, month=3)
        body = self.get(
            f"/establishments/{self.pagoda_a.pk}", self.ward_a_officer, year=2026
        ).json()
        self.assertEqual(body["religion"], "phat-giao")
        self.assertEqual(body["unit"], "A1")
        (festival,) = body["festivals"]
        self.assertEqual(festival["solar_date"], "2026-04-26")
        self.assertEqual(festival["notice_due_on"], "2026-04-06")
        body = self.get(
            f"/establishments/{self.pagoda_a.pk}", self.ward_a_officer, year=2027
        ).json()
        self.assertEqual(body["festivals"][0]["solar_date"], "2027-04-16")
        self.assertIsNone(body["festivals"][0]["notice_due_on"])  # no 2027 rule set yet

    def test_another_wards_establishment_is_not_found(self):
        self.assertEqual(
            self.get(f"/establishments/{self.pagoda_b.pk}", self.ward_a_officer).status_code, 404
        )
        self.assertEqual(
            self.get(f"/establishments/{self.pagoda_b.pk}", self.ward_a_women_officer).status_code,
            404,
        )

    def test_create_and_its_refusals(self):
        body = {"unit": "A2", "name": "Chùa Bảo Quang", "kind": "pagoda", "religion": "phat-giao"}
        response = self.post(
            "/establishments",
            self.ward_a_officer,
            {**body, "relic_ranking": "national", "organisation": self.sangha.pk},
        )
        self.assertEqual(response.status_code, 201, response.content)
        created = response.json()
        self.assertEqual(
            (created["unit"], created["relic_ranking"], created["organisation"]),
            ("A2", "national", self.sangha.pk),
        )
        self.assertEqual(
            self.post(
                "/establishments", self.ward_a_officer, {**body, "organisation": self.diocese.pk}
            ).status_code,
            422,
        )
        before = Establishment.objects.count()
        belief = {**body, "name": "Đình Mới", "kind": "communal_house"}
        response = self.post("/establishments", self.ward_a_officer, belief)
        self.assertEqual(response.status_code, 422)
        self.assertIn("religion", response.json()["fields"])
        self.assertEqual(
            self.post("/establishments", self.ward_a_officer, {**body, "unit": "B"}).status_code,
            404,
        )
        self.assertEqual(self.post("/establishments", self.readonly_leader, body).status_code, 403)
        self.assertEqual(
            self.post(
                "/establishments", self.ward_a_officer, {**body, "religion": "khong-co"}
            ).status_code,
            422,
        )
        self.assertEqual(
            self.post(
                "/establishments", self.ward_a_officer, {**body, "kind": "castle"}
            ).status_code,
            422,
        )
        self.assertEqual(Establishment.objects.count(), before)


class GroupApiTests(ApiTestCase):
    def test_unregistered_points_and_the_detail(self):
        point = make_group(self.ward_a, "Điểm nhóm khu 2")
        approved = make_group(
            self.ward_a, "Nhóm đã đăng ký", state="approved", state_on=D(2025, 1, 2)
        )
        make_group(self.ward_b, "Nhóm B")
        self.assertEqual(self.ids("/groups", self.ward_a_officer, state="unregistered"), [point.pk])
        self.assertCountEqual(self.ids("/groups", self.ward_a_officer), [point.pk, approved.pk])
        make_incident(self.ward_a, group=point)
        body = self.get(f"/groups/{point.pk}", self.ward_a_officer).json()
        self.assertEqual((body["religion"], body["incidents"]), ("tin-lanh", 1))

    def test_another_wards_group_is_not_found_and_create_refuses_bad_input(self):
        group_b = make_group(self.ward_b)
        self.assertEqual(self.get(f"/groups/{group_b.pk}", self.ward_a_officer).status_code, 404)
        with mock.patch("django.utils.timezone.localdate", return_value=D(2026, 3, 20)):
            response = self.post(
                "/groups",
                self.ward_a_officer,
                {"unit": "A", "name": "Nhóm Mới", "religion": "tin-lanh", "state": "submitted"},
            )
            self.assertEqual(response.status_code, 422)
            self.assertIn("state_on", response.json()["fields"])
            response = self.post(
                "/groups",
                self.ward_a_officer,
                {
                    "unit": "A",
                    "name": "Nhóm Mới",
                    "religion": "tin-lanh",
                    "state": "submitted",
                    "state_on": "2026-03-02",
                },
            )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(Group.objects.filter(name="Nhóm Mới").count(), 1)


class ContactAndIncidentApiTests(ApiTestCase):
    def test_contacts_list_and_create(self):
        mine = make_contact(self.ward_a)
        make_contact(self.ward_b)
        self.assertEqual(self.ids("/contacts", self.ward_a_officer), [mine.pk])
        monk = make_dignitary(self.neighbourhood_a1, id_number="001099012345")
        with mock.patch("django.utils.timezone.localdate", return_value=D(2026, 3, 20)):
            response = self.post(
                "/contacts",
                self.ward_a_officer,
                {
                    "unit": "A",
                    "kind": "dialogue",
                    "on": "2026-03-02",
                    "topics": "Đối thoại",
                    "dignitaries": [monk.pk],
                    "organisations": [self.ward_a_front.pk],
                    "establishment": self.pagoda_a.pk,
                },
            )
            self.assertEqual(response.status_code, 201, response.content)
            self.assertEqual(response.json()["dignitaries"], [monk.pk])
            self.assertNotIn("001099012345", response.content.decode())
            monk_b = make_dignitary(self.ward_b, "Lê Văn Bê", "Thích Bê")
            refused = self.post(
                "/contacts",
                self.ward_a_officer,
                {
                    "unit": "A",
                    "kind": "dialogue",
                    "on": "2026-03-02",
                    "topics": "Đối thoại",
                    "dignitaries": [monk_b.pk],
                },
            )
            self.assertEqual(refused.status_code, 422)
            self.assertTrue(refused.json()["errors"])
        self.assertEqual(Contact.objects.count(), 3)

    def test_incidents_list_and_create(self):
        mine = make_incident(self.ward_a)
        make_incident(self.ward_b)
        self.assertEqual(self.ids("/incidents", self.ward_a_officer), [mine.pk])
        with mock.patch("django.utils.timezone.localdate", return_value=D(2026, 3, 20)):
            response = self.post(
                "/incidents",
                self.neighbourhood_a1_committee,
                {
                    "unit": "A1",
                    "kind": "unregistered_gathering",
                    "on": "2026-03-10",
                    "description": "Tụ tập sinh hoạt",
                },
            )
            self.assertEqual(response.status_code, 201, response.content)
            bad = self.post(
                "/incidents",
                self.ward_a_officer,
                {
                    "unit": "A",
                    "kind": "dispute",
                    "on": "2026-03-10",
                    "description": "Tranh chấp",
                    "status": "resolved",
                    "resolved_on": "2026-03-01",
                },
            )
            self.assertEqual(bad.status_code, 422)
            self.assertIn("resolved_on", bad.json()["fields"])
            self.assertEqual(
                self.post(
                    "/incidents",
                    self.ward_a_officer,
                    {"unit": "A", "kind": "dispute", "on": "10/03/2026", "description": "x"},
                ).status_code,
                422,
            )
        self.assertEqual(Incident.objects.count(), 3)


class KeyPersonApiTests(ApiTestCase):
    def test_key_people_list_and_create(self):
        mine = make_key_person(self.ward_a, "Nguyễn Văn Uy")
        make_key_person(self.ward_b, "Trần Văn Tín")
        self.assertEqual(self.ids("/key-people", self.ward_a_officer), [mine.pk])
        self.assertEqual(self.get("/key-people", self.ward_a_officer, unit="B").status_code, 404)
        monk = make_dignitary(self.ward_a, id_number="001099012345")
        created = self.post(
            "/key-people",
            self.ward_a_officer,
            {"unit": "A", "kind": "core", "name": "Lê Thị Cốt", "dignitary": monk.pk},
        )
        self.assertEqual(created.status_code, 201, created.content)
        self.assertEqual(created.json()["dignitary"], monk.pk)
        self.assertNotIn("001099012345", created.content.decode())
        monk_b = make_dignitary(self.ward_b, "Lê Văn Bê", "Thích Bê")
        outside = self.post(
            "/key-people",
            self.ward_a_officer,
            {"unit": "A", "kind": "core", "name": "Người Khác", "dignitary": monk_b.pk},
        )
        self.assertEqual(outside.status_code, 422)
        backwards = self.post(
            "/key-people",
            self.ward_a_officer,
            {
                "unit": "A",
                "kind": "prestige",
                "name": "Người Ngược",
                "since": "2026-03-02",
                "until": "2026-01-01",
            },
        )
        self.assertEqual(backwards.status_code, 422)
        self.assertIn("until", backwards.json()["fields"])
        elsewhere = self.post(
            "/key-people", self.ward_a_officer, {"unit": "B", "kind": "core", "name": "Bê"}
        )
        self.assertEqual(elsewhere.status_code, 404)
        refused = self.post(
            "/key-people", self.readonly_leader, {"unit": "A", "kind": "core", "name": "Xem"}
        )
        self.assertEqual(refused.status_code, 403)
        self.assertEqual(
            sorted(KeyPerson.objects.values_list("name", flat=True)),
            ["Lê Thị Cốt", "Nguyễn Văn Uy", "Trần Văn Tín"],
        )
