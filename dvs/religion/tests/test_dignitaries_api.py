"""The figures API (/api/v1/religion/figures): the list with its filters and never a
protected field, the detail (every opening logged; protected fields only for those
allowed, each reading logged), another ward's dignitary not found, and the create with
the form's checks (422, nothing saved)."""

import datetime
import json

from dvs.accounts.models import AuditEntry
from dvs.religion.models import Dignitary
from dvs.testing import bearer

from .helpers import make_dignitary
from .test_dignitaries_actions import DignitaryTestCase

ID_NUMBER = "001075012345"
API = "/religion/figures"


class ApiTestCase(DignitaryTestCase):
    def setUp(self):
        self.dignitary = make_dignitary(
            self.ward_a, sex="male", birth_date=datetime.date(1975, 8, 15), is_official=True
        )
        self.dignitary.set_sensitive(id_number=ID_NUMBER, ethnicity="Kinh")
        self.dignitary.save()
        self.other = make_dignitary(
            self.ward_b, "Trần Văn Bình", "Giuse", religion=self.catholic(), status="retired"
        )

    def catholic(self):
        from .helpers import religion

        return religion("cong-giao")

    def get(self, path, user, **params):
        return self.api_get(f"{API}{path}", user, **params)

    def post(self, user, body):
        return self.client.post(
            f"/api/v1{API}", json.dumps(body), content_type="application/json", headers=bearer(user)
        )

    def body(self, **overrides):
        body = {
            "unit": "A",
            "religion": "phat-giao",
            "classification": ["dignitary", "official"],
            "birth_name": "Lê Văn Năm",
            "religious_name": "Thích Tâm Minh",
            "birth_date": "1980-02-01",
            "sex": "male",
        }
        body.update(overrides)
        return body


class ReadTests(ApiTestCase):
    def ids(self, user, **params):
        return [item["id"] for item in self.get("", user, **params).json()["items"]]

    def test_the_list_is_scoped_and_filtered(self):
        self.assertEqual(self.ids(self.ward_a_officer), [self.dignitary.pk])
        self.assertEqual(self.ids(self.city_leader), [self.dignitary.pk, self.other.pk])
        self.assertEqual(self.ids(self.city_leader, unit="B"), [self.other.pk])
        self.assertEqual(self.ids(self.city_leader, religion="cong-giao"), [self.other.pk])
        self.assertEqual(self.ids(self.city_leader, classification="official"), [self.dignitary.pk])
        self.assertEqual(self.ids(self.city_leader, status="retired"), [self.other.pk])
        self.assertEqual(self.get("", self.ward_a_officer, unit="B").status_code, 404)

    def test_the_list_never_carries_protected_fields_even_for_the_permitted(self):
        response = self.get("", self.city_specialist)
        item = response.json()["items"][0]
        self.assertEqual(item["classification"], ["dignitary", "official"])
        self.assertEqual(item["unit"], "A")
        self.assertNotIn(ID_NUMBER, response.content.decode())
        self.assertNotIn("protected", item)
        self.assertFalse(AuditEntry.objects.filter(action="dvs.reveal").exists())

    def test_the_detail_is_logged_and_protected_fields_only_for_the_permitted(self):
        path = f"/{self.dignitary.pk}"
        body = self.get(path, self.ward_a_officer).json()
        self.assertIsNone(body["protected"])
        self.assertEqual(body["religious_name"], "Thích Minh Nhẫn")
        opened = AuditEntry.objects.filter(action="dvs.open", object_id=str(self.dignitary.pk))
        self.assertEqual(opened.count(), 1)
        self.assertFalse(AuditEntry.objects.filter(action="dvs.reveal").exists())
        body = self.get(path, self.city_specialist).json()
        self.assertEqual(body["protected"]["id_number"], ID_NUMBER)
        self.assertEqual(body["protected"]["ethnicity"], "Kinh")
        self.assertEqual(opened.count(), 2)
        self.assertEqual(AuditEntry.objects.filter(action="dvs.reveal").count(), 1)

    def test_another_wards_dignitary_is_not_found(self):
        self.assertEqual(self.get(f"/{self.other.pk}", self.ward_a_officer).status_code, 404)
        self.assertEqual(self.get("/999999", self.ward_a_officer).status_code, 404)
        self.assertFalse(AuditEntry.objects.filter(action="dvs.open").exists())


class CreateTests(ApiTestCase):
    def test_a_ward_officer_records_a_dignitary(self):
        response = self.post(self.ward_a_officer, self.body())
        self.assertEqual(response.status_code, 201, response.content)
        created = Dignitary.objects.get(pk=response.json()["id"])
        self.assertTrue(created.is_dignitary and created.is_official)
        self.assertEqual(created.birth_year, 1980)

    def test_protected_fields_only_from_a_permitted_caller(self):
        protected = {"id_number": "001080012345", "ethnicity": "Tày"}
        response = self.post(self.ward_a_officer, self.body(protected=protected))
        self.assertEqual(response.status_code, 422)
        self.assertEqual(Dignitary.objects.count(), 2)
        response = self.post(self.city_specialist, self.body(protected=protected))
        self.assertEqual(response.status_code, 201, response.content)
        created = Dignitary.objects.get(pk=response.json()["id"])
        self.assertEqual(created.reveal(self.city_specialist)["ethnicity"], "Tày")

    def test_another_wards_unit_is_not_found_and_a_reader_is_refused(self):
        self.assertEqual(self.post(self.ward_a_officer, self.body(unit="B")).status_code, 404)
        self.assertEqual(self.post(self.readonly_leader, self.body()).status_code, 403)
        self.assertEqual(Dignitary.objects.count(), 2)

    def test_invalid_data_is_422_in_vietnamese_and_saves_nothing(self):
        for body in (
            self.body(classification=[]),
            self.body(religion="khong-co"),
            self.body(birth_date="2999-01-01"),
            self.body(birth_date="01/02/1980"),
            self.body(establishment=self.pagoda_b.pk),
            self.body(protected={"id_number": "123"}),
        ):
            with self.subTest(body=body):
                response = self.post(self.city_specialist, body)
                self.assertEqual(response.status_code, 422, response.content)
        self.assertEqual(Dignitary.objects.count(), 2)
