"""Bad numbers and odd digits are refused or handled, never a server error (issue 11,
hole 10): page bounds on every API list, superscript digits in a person search."""

from django.urls import reverse

from dvs.lib.paging import API_MAX_LIMIT
from dvs.people.tests.helpers import add_person
from dvs.testing import BaseTestCase

HUGE = 2**63


class PageBoundsTests(BaseTestCase):
    def test_a_limit_or_offset_beyond_the_bounds_is_refused_with_422_on_every_list(self):
        for path in ("/people", "/units", "/tasks", "/exemplars", "/organisations"):
            for params in ({"limit": HUGE}, {"offset": HUGE}, {"limit": API_MAX_LIMIT + 1}):
                with self.subTest(path=path, params=params):
                    response = self.api_get(path, self.city_leader, **params)
                    self.assertEqual(response.status_code, 422)
                    self.assertEqual(response.json()["errors"][0]["loc"][-1], next(iter(params)))

    def test_the_documented_maximum_limit_is_accepted(self):
        response = self.api_get("/units", self.city_leader, limit=API_MAX_LIMIT)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["count"], 6)


class SuperscriptSearchTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_person(cls.neighbourhood_a1, "Nguyễn Văn An")

    def test_a_superscript_digit_finds_nobody_in_the_api_the_listing_and_the_chooser(self):
        response = self.api_get("/people", self.ward_a_officer, q="²")
        self.assertEqual((response.status_code, response.json()["items"]), (200, []))
        self.login(self.ward_a_officer)
        for url in (
            reverse("person:index"),
            reverse("person_chooser:choose"),
            reverse("person_chooser:choose_results"),
        ):
            with self.subTest(url=url):
                page = self.client.get(url, {"q": "An ²"})
                self.assertEqual(page.status_code, 200)
                self.assertNotContains(page, "Nguyễn Văn An")
