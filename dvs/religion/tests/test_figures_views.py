"""The figures page "Số liệu tôn giáo" and its Excel export: the unit picker offers the
user's units, a unit outside the scope is 404, organisation-limited grants see nothing,
the page and the export show the same cells as stats.table."""

import datetime
import io

import openpyxl
from django.urls import reverse

from dvs.religion.tests.helpers import make_establishment, make_follower_count
from dvs.testing import BaseTestCase, add_sibling_personas


class FiguresPageTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)
        make_establishment(cls.neighbourhood_a1, "Chùa Một")
        make_establishment(cls.neighbourhood_b1, "Chùa Bình Minh")
        make_follower_count(
            cls.ward_a, 250, as_of=datetime.date(2026, 6, 30), source="Điều tra 2026"
        )
        cls.url = reverse("religion_figures")

    def test_a_ward_officer_opens_the_ward_as_one_row(self):
        self.login(self.ward_a_officer)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        table = response.context["table"]
        self.assertEqual(table.unit, self.ward_a)
        self.assertEqual(table.measure, "establishments")
        self.assertEqual(
            [code for code, _name in response.context["form"].fields["unit"].choices], ["A"]
        )
        self.assertEqual([r.unit.code for r in table.rows], ["A"])
        self.assertNotContains(response, 'data-unit="A1"')
        self.assertNotContains(response, "Phường Bình Minh")
        self.assertContains(response, "&lt;5")

    def test_the_followers_tab_footnotes_the_source_and_date(self):
        self.login(self.ward_a_officer)
        response = self.client.get(self.url, {"measure": "followers", "unit": "A"})
        self.assertContains(response, "Điều tra 2026")
        self.assertContains(response, "30/06/2026")
        self.assertContains(response, '<td class="dvs-rel-num">250</td>')

    def test_a_sibling_ward_and_an_unknown_unit_are_not_found(self):
        self.login(self.ward_a_officer)
        for code in ("B", "B1", "C1", "NOPE"):
            with self.subTest(code=code):
                response = self.client.get(self.url, {"unit": code})
                self.assertEqual(response.status_code, 404)
                export = self.client.get(self.url, {"unit": code, "format": "xlsx"})
                self.assertEqual(export.status_code, 404)

    def test_organisation_limited_grants_see_nothing(self):
        for user in (self.ward_a_women_officer, self.ward_a_front_officer, self.citizen):
            self.login(user)
            with self.subTest(user=user.username):
                response = self.client.get(self.url, {"unit": "A"})
                self.assertIn(response.status_code, (302, 403, 404))
                self.assertNotIn(b"religion-figures", response.content)

    def test_an_unknown_measure_is_not_found(self):
        self.login(self.city_leader)
        self.assertEqual(self.client.get(self.url, {"measure": "believers"}).status_code, 404)

    def test_an_unreadable_date_is_refused_on_the_form(self):
        self.login(self.city_leader)
        response = self.client.get(self.url, {"unit": "C1", "as_of": "2026-13-45"})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["as_of"])

    def test_the_export_holds_the_same_cells_as_the_page(self):
        self.login(self.readonly_leader)
        page = self.client.get(self.url, {"unit": "C1"})
        export = self.client.get(self.url, {"unit": "C1", "format": "xlsx"})
        self.assertEqual(
            export["Content-Type"].split(";")[0],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        sheet = openpyxl.load_workbook(io.BytesIO(export.content)).worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        table = page.context["table"]
        self.assertEqual(rows[0][1:-1], [c.name for c in table.columns])
        self.assertEqual(rows[1], ["Phường An Bình", "<5", 0, "1–4"])
        self.assertEqual(rows[2], ["Phường Bình Minh", "<5", 0, "1–4"])
        # The belief column (no belief establishment: 0), and the totals as ranges.
        self.assertEqual(rows[3][1:], ["2–8", 0, "2–8"])

    def test_the_board_exports_exact_figures_with_the_warning(self):
        self.login(self.city_specialist)
        export = self.client.get(self.url, {"unit": "C1", "format": "xlsx"})
        sheet = openpyxl.load_workbook(io.BytesIO(export.content)).worksheets[0]
        values = [v for r in sheet.iter_rows(values_only=True) for v in r if v is not None]
        self.assertIn(1, values)
        self.assertNotIn("<5", values)
        self.assertTrue(
            any("không công bố" in str(v) or "not for publication" in str(v) for v in values)
        )

    def test_a_neighbourhood_of_the_scope_is_not_found_nor_offered(self):
        """The figures are published by ward: a neighbourhood's table would be finer."""
        for user in (self.ward_a_officer, self.city_leader):
            self.login(user)
            for params in ({"unit": "A1"}, {"unit": "A1", "format": "xlsx"}):
                with self.subTest(user=user.username, params=params):
                    self.assertEqual(self.client.get(self.url, params).status_code, 404)
            response = self.client.get(self.url)
            codes = [code for code, _name in response.context["form"].fields["unit"].choices]
            self.assertNotIn("A1", codes)
        self.login(self.neighbourhood_a1_committee)  # its scope is one neighbourhood
        response = self.client.get(self.url, {"unit": "A1"})
        self.assertIn(response.status_code, (302, 403, 404))
        self.assertNotIn(b"religion-figures", response.content)

    def test_a_ward_can_be_asked_with_a_date(self):
        self.login(self.ward_a_officer)
        response = self.client.get(self.url, {"unit": "A", "as_of": "01/01/2026"})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(response.context["form"].errors)
        self.assertEqual(response.context["table"].as_of.isoformat(), "2026-01-01")
        self.assertEqual([r.unit.code for r in response.context["table"].rows], ["A"])
