"""A hidden cell cannot be recovered from what is published (docs/religion-figures.md):
for every hidden cell, each other value it could take (1 … threshold − 1) gives the same
page table, the same Excel cells and the same API answer, byte for byte; and the
acceptance: ward X with 3 followers of religion R shows "<5" on the page, in the export,
in the API and in the review's table."""

import datetime
import io
import json
import re

import openpyxl
from django.urls import reverse

from dvs.religion import stats
from dvs.religion.models import FollowerCount
from dvs.religion.tests.helpers import make_dignitary, make_follower_count
from dvs.testing import BaseTestCase

AS_OF = datetime.date(2026, 6, 30)
TABLE = re.compile(r'<table class="listing" id="religion-figures">.*?</table>', re.S)
SOURCES = re.compile(r'<ul id="religion-figures-sources">.*?</ul>', re.S)


class SuppressionTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.small_a = make_follower_count(cls.ward_a, 3, "phat-giao", AS_OF)
        make_follower_count(cls.ward_a, 1234, "cong-giao", AS_OF)
        make_follower_count(cls.ward_b, 40, "phat-giao", AS_OF)
        cls.small_b = make_follower_count(cls.ward_b, 2, "tin-lanh", AS_OF)

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

    def test_suppression_cannot_be_recovered(self):
        threshold = 5
        for user, unit in ((self.readonly_leader, self.city), (self.ward_a_officer, self.ward_a)):
            baseline = self.outputs(user, unit)
            self.assertIn(b"&lt;5", baseline[0])
            for row in (self.small_a, self.small_b):
                original = row.count
                for value in range(1, threshold):
                    FollowerCount.objects.filter(pk=row.pk).update(count=value)
                    with self.subTest(user=user.username, cell=str(row), value=value):
                        self.assertEqual(self.outputs(user, unit), baseline)
                FollowerCount.objects.filter(pk=row.pk).update(count=original)

    def test_hidden_dignitaries_cannot_be_recovered_either(self):
        for name in ("Một", "Hai"):
            make_dignitary(self.neighbourhood_a1, f"Người {name}")
        make_dignitary(self.ward_b, "Người Ba")
        baseline = self.outputs(self.readonly_leader, self.city, "dignitaries")
        make_dignitary(self.neighbourhood_a2, "Người Bốn")  # ward A: 2 → 3, still "<5"
        self.assertEqual(self.outputs(self.readonly_leader, self.city, "dignitaries"), baseline)

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

    def test_the_board_sees_the_exact_three_marked_not_for_publication(self):
        self.client.force_login(self.city_leader)
        page = self.client.get(reverse("religion_figures"), {"unit": "C1", "measure": "followers"})
        self.assertContains(page, "religion-figures-exact")
        self.assertNotContains(page, "&lt;5")
        ward_a = page.context["table"].rows[0]
        self.assertEqual(ward_a.cells["phat-giao"], 3)
