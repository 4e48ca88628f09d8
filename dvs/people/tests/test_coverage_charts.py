"""The coverage page's charts: by organisation and by unit below, drawn = tabled =
exported; the units below the average are marked; a ward officer sees their ward only."""

from django.urls import reverse

from dvs.lib.tests.chart_html import charts_on, sheet_rows
from dvs.people.models import EligibilityRule, Membership
from dvs.people.tests.helpers import add_person
from dvs.testing import BaseTestCase
from dvs.units.models import Organisation


class CoverageChartTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        EligibilityRule.objects.create(kind=cls.women_kind, sex="female", min_age=18)
        cls.ward_b_women = Organisation.objects.create(
            kind=cls.women_kind, unit=cls.ward_b, name="Hội LHPN phường Bình Minh"
        )
        for n in range(4):  # ward A: 3 of 4 women are members
            person = add_person(cls.neighbourhood_a1, f"Lê Thị {n}", sex="female", birth_year=1980)
            if n < 3:
                Membership.objects.create(person=person, organisation=cls.ward_a_women)
        for n in range(2):  # ward B: 1 of 2
            person = add_person(
                cls.neighbourhood_b1, f"Phạm Thị {n}", sex="female", birth_year=1990
            )
            if n < 1:
                Membership.objects.create(person=person, organisation=cls.ward_b_women)

    def page(self, user, **params):
        self.login(user)
        page = self.client.get(reverse("people_coverage"), params)
        self.assertEqual(page.status_code, 200)
        return page, charts_on(page.content.decode())

    def test_the_city_sees_its_wards_compared_with_the_laggard_marked(self):
        page, drawn = self.page(self.city_leader)
        units = drawn["units"]
        self.assertEqual(
            [(label, values) for label, values, _f in units["svg"]],
            [(label, values) for label, values, _f in units["table"]],
        )
        self.assertEqual(
            units["table"], [("Phường Bình Minh", [50], True), ("Phường An Bình", [75], False)]
        )
        # The city's own organisations have no eligibility rule: nothing to draw.
        self.assertIsNone(drawn["organisations"]["root"])
        export = self.client.get(reverse("people_coverage"), {"format": "xlsx", "chart": "units"})
        header, *rows = sheet_rows(export.content)
        self.assertEqual(header[0], "Đơn vị")
        self.assertEqual(
            [(r[0], [r[1]]) for r in rows], [(label, v) for label, v, _f in units["table"]]
        )
        everything = self.client.get(reverse("people_coverage"), {"format": "xlsx"})
        self.assertEqual(
            sheet_rows(everything.content, 2)[1:],
            [
                [
                    r["organisation"].name,
                    r["organisation"].unit.name,
                    r["members"],
                    r["eligible"],
                    r["coverage"],
                ]
                for r in page.context["rows"]
            ],
        )

    def test_a_ward_officer_sees_their_ward_only(self):
        page, drawn = self.page(self.ward_a_officer)
        organisations = drawn["organisations"]
        self.assertEqual(organisations["table"], [("Hội LHPN phường An Bình", [75], False)])
        self.assertEqual(organisations["svg"], [("Hội LHPN phường An Bình", [75], "")])
        self.assertNotContains(page, "Bình Minh")
        export = self.client.get(reverse("people_coverage"), {"format": "xlsx"})
        names = [row[0] for row in sheet_rows(export.content, 2)[1:]]
        self.assertNotIn("Hội LHPN phường Bình Minh", names)
        self.assertIn("Hội LHPN phường An Bình", names)
