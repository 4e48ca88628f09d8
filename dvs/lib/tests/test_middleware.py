"""A control character in a request's parameters is refused before it reaches a query
(on PostgreSQL a NUL byte in a filter or a search answered 500)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from dvs.people.models import Person
from dvs.people.tests.helpers import add_person
from dvs.testing import BaseTestCase

REFUSED = _("The request contains control characters and was refused.")


class ControlCharacterTests(BaseTestCase):
    def test_the_city_leader_searching_people_for_a_nul_byte_is_told_the_request_is_refused(self):
        self.login(self.city_leader)
        response = self.client.get(reverse("person:index"), {"q": "\x00"})
        self.assertContains(response, REFUSED, status_code=400)

    def test_a_control_character_in_a_query_key_is_refused_too(self):
        self.login(self.city_leader)
        response = self.client.get(reverse("person:index") + "?q%01=An")
        self.assertEqual(response.status_code, 400)

    def test_the_ward_officer_filtering_the_api_by_a_nul_unit_gets_a_json_400(self):
        for path in ("/exemplars", "/memberships/stats", "/organisations", "/people"):
            with self.subTest(path=path):
                response = self.api_get(path, self.ward_a_officer, unit="A\x00")
                self.assertEqual(response.status_code, 400)
                self.assertEqual(response.json(), {"detail": REFUSED})

    def test_a_nul_byte_in_an_api_path_is_refused(self):
        response = self.api_get("/units/A%00", self.ward_a_officer)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json(), {"detail": REFUSED})

    def test_a_form_field_with_a_nul_byte_changes_nothing(self):
        self.login(self.city_leader)
        response = self.client.post(
            reverse("person:add"),
            {"full_name": "Nguyễn\x00 Văn Nul", "unit": self.ward_a.pk, "sex": "male"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Person.objects.filter(full_name__startswith="Nguyễn").exists())

    def test_tabs_and_line_breaks_in_a_form_field_are_not_refused(self):
        person = add_person(self.neighbourhood_a1, "Trần Thị Ghi Chú")
        self.login(self.city_leader)
        response = self.client.post(
            reverse("person:edit", args=[person.pk]), {"note": "Dòng một\r\n\tDòng hai"}
        )
        self.assertNotEqual(response.status_code, 400)
