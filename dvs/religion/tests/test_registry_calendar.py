"""The festival calendar: a year's festivals of the establishments the user sees, by
solar date, with their notice due date, flagged while a notice due within 30 days has not
been received."""

import datetime
from unittest import mock

from django.urls import reverse

from dvs.religion.models import FilingKind
from dvs.religion.views_registry import calendar_rows

from .helpers import make_establishment, make_festival, make_filing
from .test_registry_actions import RegistryTestCase

D = datetime.date


class CalendarTests(RegistryTestCase):
    def test_ten_three_lunar_is_26_april_2026_with_its_notice_due_6_april(self):
        festival = make_festival(self.pagoda_a, "Lễ hội chùa", day=10, month=3)
        (row,) = calendar_rows(self.ward_a_officer, 2026, today=D(2026, 3, 20))
        self.assertEqual(row.festival, festival)
        self.assertEqual((row.first, row.notice_due), (D(2026, 4, 26), D(2026, 4, 6)))
        self.assertTrue(row.flagged)  # due in 17 days, no notice received

    def test_a_received_notice_of_the_establishment_clears_the_flag(self):
        make_festival(self.pagoda_a, "Lễ hội chùa", day=10, month=3)
        make_filing(
            self.neighbourhood_a1,
            kind=FilingKind.FESTIVAL_NOTICE,
            received_on=D(2026, 3, 18),
            establishment=self.pagoda_a,
            activity_on=D(2026, 4, 26),
        )
        (row,) = calendar_rows(self.ward_a_officer, 2026, today=D(2026, 3, 20))
        self.assertFalse(row.flagged)

    def test_not_flagged_while_the_notice_is_more_than_30_days_away(self):
        make_festival(self.pagoda_a, "Lễ hội chùa", day=10, month=3)
        (row,) = calendar_rows(self.ward_a_officer, 2026, today=D(2026, 2, 1))
        self.assertFalse(row.flagged)

    def test_sorted_by_solar_date_with_a_twelfth_month_festival_in_january(self):
        house = make_establishment(self.ward_a, "Đình An Bình", kind="communal_house")
        spring = make_festival(house, "Lễ hội mùa xuân", day=10, month=3)
        year_end = make_festival(house, "Lễ tất niên", day=20, month=12)  # lunar 2025 → 2026
        solar = make_festival(house, "Ngày thành lập", day=1, month=2, lunar=False)
        rows = calendar_rows(self.ward_a_officer, 2026, today=D(2026, 1, 1))
        # 20/12 of lunar 2025 is 07/02/2026; that of lunar 2026 falls in 2027.
        self.assertEqual(
            [(r.festival, r.first) for r in rows],
            [(solar, D(2026, 2, 1)), (year_end, D(2026, 2, 7)), (spring, D(2026, 4, 26))],
        )

    def test_the_page_shows_only_the_users_establishments(self):
        make_festival(self.pagoda_a, "Lễ hội chùa Phúc Lâm", day=10, month=3)
        make_festival(self.pagoda_b, "Lễ hội chùa Bình Minh", day=10, month=3)
        self.login(self.ward_a_officer)
        with mock.patch("django.utils.timezone.localdate", return_value=D(2026, 3, 20)):
            page = self.client.get(reverse("religion_festival_calendar"), {"year": 2026})
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "Lễ hội chùa Phúc Lâm")
        self.assertContains(page, "26/04/2026")
        self.assertContains(page, "06/04/2026")
        self.assertNotContains(page, "Lễ hội chùa Bình Minh")
        self.assertEqual(page.context["flagged"], 1)

    def test_the_organisation_limited_officer_sees_no_festival(self):
        make_festival(self.pagoda_a, "Lễ hội chùa Phúc Lâm", day=10, month=3)
        self.assertEqual(calendar_rows(self.ward_a_women_officer, 2026), [])
