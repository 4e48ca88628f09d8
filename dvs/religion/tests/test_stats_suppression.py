"""A hidden cell cannot be recovered from what is published (docs/religion-figures.md):
for every hidden cell, each other value it could take (1 … threshold − 1), and each
other place it could be recorded in its ward, gives the same WARD table, the same CITY
table and the same PROVINCE table — page, Excel cells and API answer, byte for byte — so
no subtraction within a table or across two levels recovers it (the figures are
published at the ward grain only). And the acceptance: ward X with 3 followers of
religion R shows "<5" on the page, in the export, in the API and in the review's table."""

import datetime
import io
import json
import re

import openpyxl
from django.urls import reverse

from dvs.accounts.roles import Role
from dvs.religion import stats
from dvs.religion.models import Dignitary, FollowerCount
from dvs.religion.tests.helpers import make_dignitary, make_follower_count
from dvs.testing import BaseTestCase, make_user
from dvs.units.models import Level, Unit

AS_OF = datetime.date(2026, 6, 30)
TABLE = re.compile(r'<table class="listing" id="religion-figures">.*?</table>', re.S)
SOURCES = re.compile(r'<ul id="religion-figures-sources">.*?</ul>', re.S)


class SuppressionTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # The province holds the test city C1 (wards A and B), a second city C2 with
        # ward D, and ward E directly under it (the two-tier structure).
        cls.city_2 = cls.province.add_child(code="C2", name="Thành phố Hai", level=Level.DISTRICT)
        cls.ward_d = cls.city_2.add_child(code="D", name="Phường Đông", level=Level.COMMUNE)
        cls.province = Unit.objects.get(pk=cls.province.pk)
        cls.ward_e = cls.province.add_child(code="E", name="Phường Tây", level=Level.COMMUNE)
        cls.province = Unit.objects.get(pk=cls.province.pk)
        cls.province_reader = make_user("province_reader", Role.READONLY_LEADER, cls.province)
        cls.small_a = make_follower_count(cls.ward_a, 3, "phat-giao", AS_OF)
        make_follower_count(cls.ward_a, 1234, "cong-giao", AS_OF)
        make_follower_count(cls.ward_b, 40, "phat-giao", AS_OF)
        cls.small_b = make_follower_count(cls.ward_b, 2, "tin-lanh", AS_OF)
        make_follower_count(cls.ward_d, 25, "phat-giao", AS_OF)
        make_follower_count(cls.ward_e, 7, "phat-giao", AS_OF)

    def tables(self):
        """The three levels and who reads each: a ward, its city, the province."""
        return (
            (self.ward_a_officer, self.ward_a),
            (self.readonly_leader, self.city),
            (self.province_reader, self.province),
        )

    def outputs(self, user, unit, measure="followers"):
        """What the three doors publish of `unit`'s table, as bytes."""
        self.client.force_login(user)
        query = {"unit": unit.code, "measure": measure, "as_of": "30/06/2026"}
        page = self.client.get(reverse("religion_figures"), query)
        self.assertEqual(page.status_code, 200)
        html = page.content.decode()
        shown = TABLE.search(html).group(0) + "".join(SOURCES.findall(html))
        export = self.client.get(reverse("religion_figures"), {**query, "format": "xlsx"})
        book = openpyxl.load_workbook(io.BytesIO(export.content), read_only=True)
        sheet_cells = repr(
            [list(r) for s in book.worksheets for r in s.iter_rows(values_only=True)]
        )
        api = self.api_get(
            "/religion/stats", user, unit=unit.code, measure=measure, as_of=AS_OF.isoformat()
        )
        self.assertEqual(api.status_code, 200)
        review = stats.present(stats.compute(unit, measure, AS_OF), exact=False)
        return shown.encode(), sheet_cells.encode(), api.content, repr(review).encode()

    def all_outputs(self, measure="followers"):
        return {unit.code: self.outputs(user, unit, measure) for user, unit in self.tables()}

    def test_suppression_cannot_be_recovered(self):
        threshold = 5
        baseline = self.all_outputs()
        for code in ("A", "C1"):
            self.assertIn(b"&lt;5", baseline[code][0])
        self.assertIn('<td class="dvs-rel-num">41–44</td>'.encode(), baseline["P1"][0])
        for row in (self.small_a, self.small_b):
            original = row.count
            for value in range(1, threshold):
                FollowerCount.objects.filter(pk=row.pk).update(count=value)
                with self.subTest(cell=str(row), value=value):
                    self.assertEqual(self.all_outputs(), baseline)
            FollowerCount.objects.filter(pk=row.pk).update(count=original)

    def test_the_difference_of_the_province_and_the_city_tables_is_closed(self):
        """The gap of part D: the province's exact 43 for the city minus the city's
        published 40 gave ward A's hidden 3. The city's cell is now the range its wards'
        published cells allow; a ward's own cell shows as in the city's table."""
        province = stats.table(self.province_reader, self.province, "followers", AS_OF)
        rows = {row.unit.code: row for row in province.rows}
        self.assertEqual(list(rows), ["C1", "C2", "E"])
        self.assertEqual(rows["C1"].cells["phat-giao"], stats.Range(41, 44))
        self.assertEqual(rows["C1"].cells["cong-giao"], 1234)
        self.assertEqual(rows["C1"].cells["tin-lanh"], stats.Range(1, 4))
        self.assertEqual(rows["C2"].cells["phat-giao"], 25)
        self.assertEqual(rows["E"].cells["phat-giao"], 7)
        self.assertEqual(province.totals["phat-giao"], stats.Range(73, 76))
        city = stats.table(self.readonly_leader, self.city, "followers", AS_OF)
        self.assertEqual(city.rows[0].cells["phat-giao"], "<5")
        self.assertEqual(city.rows[1].cells["phat-giao"], 40)
        body = json.loads(self.outputs(self.province_reader, self.province)[2])
        c1 = next(r for r in body["rows"] if r["unit"] == "C1")
        self.assertEqual(c1["cells"]["phat-giao"], {"low": 41, "high": 44})
        _page, sheet, _api, _review = self.outputs(self.province_reader, self.province)
        self.assertIn("'Thành phố Thử', '41–44', 1234, '1–4'".encode(), sheet)
        # The Board reads exact sums everywhere.
        exact = stats.table(self.admin, self.province, "followers", AS_OF)
        self.assertEqual(exact.rows[0].cells["phat-giao"], 43)

    def test_hidden_dignitaries_cannot_be_recovered_across_levels_or_neighbourhoods(self):
        for n in range(6):
            make_dignitary(self.ward_d, f"Người D{n}")
        a1, a2, b1, a = self.neighbourhood_a1, self.neighbourhood_a2, self.neighbourhood_b1, None
        a = self.ward_a
        layouts = [
            (a1, a1, b1),  # the baseline: 2 in ward A's first neighbourhood, 1 in ward B
            *((a1,) * n + (b1,) for n in (1, 3, 4)),
            (a2, a2, b1),  # moved to the other neighbourhood of ward A
            (a1, a2, b1),
            (a, a2, b1),  # recorded on the ward itself
            (a1, b1, b1),  # one moved to ward B's neighbourhood: both wards stay hidden
        ]
        baseline = None
        for layout in layouts:
            Dignitary.objects.filter(birth_name__startswith="Ẩn").delete()
            for n, unit in enumerate(layout):
                make_dignitary(unit, f"Ẩn {n}")
            found = self.all_outputs("dignitaries")
            if baseline is None:
                baseline = found
                self.assertIn(b"&lt;5", found["C1"][0])
                self.assertIn(b"2\xe2\x80\x938", found["P1"][0])  # C1: "2–8"
                self.assertNotIn(b'data-unit="A1"', found["A"][0])
                continue
            with self.subTest(layout=[u.code for u in layout]):
                self.assertEqual(found, baseline)

    def test_three_followers_show_as_less_than_five_everywhere(self):
        page, sheet, api, review = self.outputs(self.readonly_leader, self.city)
        self.assertIn(b'<td class="dvs-rel-num">&lt;5</td>', page)
        self.assertIn(b"'<5'", sheet)
        ward_a = next(r for r in json.loads(api)["rows"] if r["unit"] == "A")
        self.assertEqual(ward_a["cells"]["phat-giao"], "<5")
        self.assertEqual(ward_a["total"], {"low": 1235, "high": 1238})
        self.assertIn(b"'<5'", review)
        # Nothing published carries the 3 itself as ward A's Buddhist count.
        table = stats.present(stats.compute(self.city, "followers", AS_OF), exact=False)
        self.assertEqual(table.rows[0].cells["phat-giao"], "<5")
        self.assertEqual(str(table.totals["phat-giao"]), "41–44")
        ward = stats.present(stats.compute(self.ward_a, "followers", AS_OF), exact=False)
        self.assertEqual([r.unit for r in ward.rows], [self.ward_a])
        self.assertEqual(ward.rows[0].cells["phat-giao"], "<5")

    def test_the_board_sees_the_exact_three_marked_not_for_publication(self):
        self.client.force_login(self.city_leader)
        page = self.client.get(reverse("religion_figures"), {"unit": "C1", "measure": "followers"})
        self.assertContains(page, "religion-figures-exact")
        self.assertNotContains(page, "&lt;5")
        ward_a = page.context["table"].rows[0]
        self.assertEqual(ward_a.cells["phat-giao"], 3)
