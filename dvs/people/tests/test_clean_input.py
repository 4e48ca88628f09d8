"""Names with control or invisible characters are stored clean, whether typed in the
back office or sent to the API, so they are found by search and never break an export
(issue 11, hole 10)."""

import io

import openpyxl
from django.urls import reverse

from dvs.people.models import Person
from dvs.people.tests.helpers import add_person
from dvs.testing import BaseTestCase


class CleanInputTests(BaseTestCase):
    def names(self, response):
        return [item["full_name"] for item in response.json()["items"]]

    def test_a_name_typed_with_a_zero_width_space_in_the_back_office_is_stored_clean(self):
        lan = add_person(self.neighbourhood_a1, "Hoàng Thị Lan", sex="female")
        self.login(self.ward_a_officer)
        data = {
            "full_name": "Hoàng Thị \u200bBì\u200bnh\u202e\x07",
            "sex": "female",
            "birth_year": "1990",
            "unit": self.neighbourhood_a1.pk,
            "status": "living",
        }
        response = self.client.post(reverse("person:edit", args=[lan.pk]), data)
        self.assertEqual(response.status_code, 302)
        lan.refresh_from_db()
        self.assertEqual(lan.full_name, "Hoàng Thị Bình")
        self.assertEqual(
            self.names(self.api_get("/people", self.ward_a_officer, q="binh")), ["Hoàng Thị Bình"]
        )

    def test_a_name_sent_to_the_api_with_bidi_and_control_characters_is_stored_clean(self):
        response = self.client.post(
            "/api/v1/people",
            {
                "full_name": "Phạm \u2066Văn\u2069 \ufeffMới\x00\x1b",
                "sex": "male",
                "unit": "A1",
                "birth_year": 1990,
            },
            content_type="application/json",
            headers={"Authorization": f"Bearer {self.token_for(self.ward_a_officer)}"},
        )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(Person.objects.get().full_name, "Phạm Văn Mới")
        self.assertEqual(
            self.names(self.api_get("/people", self.ward_a_officer, q="moi")), ["Phạm Văn Mới"]
        )

    def test_a_control_character_stored_earlier_does_not_break_the_exports(self):
        add_person(self.neighbourhood_a1, "Lê\x0b Văn\x1b Tám")
        self.login(self.ward_a_officer)
        listing = self.client.get(reverse("person:index"), {"export": "xlsx"})
        full = self.client.get(reverse("people_export_sensitive"))
        for content in (b"".join(listing.streaming_content), full.content):
            values = [
                cell
                for row in openpyxl.load_workbook(io.BytesIO(content)).active.values
                for cell in row
            ]
            self.assertIn("Lê Văn Tám", values)
