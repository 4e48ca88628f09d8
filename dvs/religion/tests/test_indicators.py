"""The report indicators of religious affairs: each counts what its help says, within the
period's bounds (both days included), keyed by the unit the row was recorded in, and the
overdue figure as of the period's end from the stored dates, not the current status."""

import datetime

from django.utils import translation

from dvs.religion.models import FilingKind, Incident
from dvs.religion.tests.helpers import (
    make_contact,
    make_establishment,
    make_filing,
    make_group,
    make_incident,
)
from dvs.reports.models import IndicatorValue
from dvs.reports.narrative import AREAS
from dvs.reports.registry import computed_indicators
from dvs.reports.rollup import fill_indicator
from dvs.reports.tests.helpers import make_period, make_template
from dvs.testing import BaseTestCase

Q2 = (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))


def compute(code, start=Q2[0], end=Q2[1]):
    return computed_indicators()[code].compute(start, end)


def d(day, month):
    return datetime.date(2026, month, day)


class ReligionIndicatorTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a, b = cls.ward_a, cls.ward_b
        pagoda = make_establishment(a)
        group = make_group(b)
        # Received 31/3 (before Q2), due 15/4, answered 10/4: answered on time in Q2.
        cls.early = make_filing(
            a, received_on=d(31, 3), establishment=pagoda, activity_on=d(1, 6), replied_on=d(10, 4)
        )
        # Received 1/4, due 16/4, answered 20/4: late, counted received, not on time.
        cls.late = make_filing(
            a, received_on=d(1, 4), establishment=pagoda, activity_on=d(15, 6), replied_on=d(20, 4)
        )
        # Received 15/6, due 30/6 (the last day): not overdue at the end, answered 2/7.
        cls.due_last_day = make_filing(
            a, received_on=d(15, 6), establishment=pagoda, activity_on=d(30, 7), replied_on=d(2, 7)
        )
        # Group registration received 2/6 (due 22/6), answered 1/7: overdue on 30/6,
        # though answered today.
        cls.answered_after = make_filing(
            b,
            kind=FilingKind.GROUP_REGISTRATION,
            received_on=d(2, 6),
            group=group,
            replied_on=d(1, 7),
        )
        # Received 3/3, due 18/3, never answered: overdue at the end of Q2 too.
        cls.never = make_filing(
            cls.neighbourhood_a1, received_on=d(3, 3), establishment=pagoda, activity_on=d(9, 4)
        )
        # Received 30/6 and answered the same day; a festival notice (no reply clock)
        # noted on 30/6: both answered in Q2; only the first on time.
        make_filing(
            b, kind=FilingKind.GROUP_REGISTRATION, received_on=d(30, 6), replied_on=d(30, 6)
        )
        make_filing(
            b,
            kind=FilingKind.FESTIVAL_NOTICE,
            received_on=d(30, 6),
            establishment=pagoda,
            activity_on=d(30, 7),
            replied_on=d(30, 6),
        )
        # Received 1/7: outside Q2.
        make_filing(a, received_on=d(1, 7), establishment=pagoda, activity_on=d(30, 8))
        # Incomplete (no clock): never overdue.
        make_filing(
            a, received_on=d(2, 3), complete=False, missing_items="Bản tóm tắt giáo lý", group=group
        )
        for on in (d(31, 3), d(1, 4), d(30, 6), d(1, 7)):
            make_contact(a, on=on)
        make_contact(b, on=d(15, 5))
        make_incident(a, on=d(1, 4))
        make_incident(
            a, on=d(20, 3), status=Incident.Status.RESOLVED, resolved_on=d(5, 4), handling="Xử lý"
        )
        make_incident(b, on=d(2, 6), status=Incident.Status.RESOLVED, resolved_on=d(1, 7))
        make_incident(b, on=d(30, 6))

    def test_filings_received_count_those_received_1_april_to_30_june(self):
        self.assertEqual(
            compute("religion_filings_received"), {self.ward_a.pk: 2, self.ward_b.pk: 3}
        )

    def test_on_time_counts_answers_in_the_period_on_or_before_their_due_date(self):
        self.assertEqual(self.early.reply_due_on, d(15, 4))
        self.assertEqual(self.late.reply_due_on, d(16, 4))
        self.assertEqual(
            compute("religion_filings_on_time"), {self.ward_a.pk: 1, self.ward_b.pk: 1}
        )

    def test_overdue_is_as_of_the_period_s_end_from_the_stored_dates(self):
        self.assertEqual(self.due_last_day.reply_due_on, d(30, 6))
        self.assertEqual(self.answered_after.reply_due_on, d(22, 6))
        self.assertEqual(
            compute("religion_filings_overdue"),
            {self.neighbourhood_a1.pk: 1, self.ward_b.pk: 1},
        )
        # On 1/7 the filing due on 30/6 is overdue too (answered 2/7); the one answered
        # on 1/7 is not.
        self.assertEqual(
            compute("religion_filings_overdue", end=d(1, 7)),
            {self.neighbourhood_a1.pk: 1, self.ward_a.pk: 1},
        )

    def test_contacts_and_incidents_by_their_dates(self):
        self.assertEqual(compute("religion_contacts"), {self.ward_a.pk: 2, self.ward_b.pk: 1})
        self.assertEqual(compute("religion_incidents"), {self.ward_a.pk: 1, self.ward_b.pk: 2})
        self.assertEqual(compute("religion_incidents_resolved"), {self.ward_a.pk: 1})

    def test_activities_guided_are_filings_answered_plus_contacts(self):
        # Ward A: answered 10/4, 20/4 (2) + 2 contacts; ward B: answered 30/6 twice + 1.
        self.assertEqual(
            compute("religion_activities_guided"), {self.ward_a.pk: 4, self.ward_b.pk: 3}
        )

    def test_higher_is_better_reads_each_change_the_right_way(self):
        indicators = computed_indicators()
        self.assertIs(indicators["religion_filings_overdue"].higher_is_better, False)
        self.assertIs(indicators["religion_filings_on_time"].higher_is_better, True)
        self.assertIs(indicators["religion_activities_guided"].higher_is_better, True)
        self.assertIsNone(indicators["religion_filings_received"].higher_is_better)

    def test_every_indicator_belongs_to_the_religion_area_and_has_help_in_vietnamese(self):
        area = next(a for a in AREAS if a.key == "religion")
        religion = [i for code, i in computed_indicators().items() if code.startswith("religion")]
        self.assertEqual(len(religion), 7)
        with translation.override("vi"):
            for indicator in religion:
                self.assertTrue(area.owns(indicator.code), indicator.code)
                self.assertTrue(str(indicator.help))

    def test_the_city_s_filled_figure_adds_up_its_wards_and_neighbourhoods(self):
        period = make_period(self.city, make_template(), start=Q2[0], end=Q2[1])
        fill_indicator(period, "religion_filings_overdue")
        value = IndicatorValue.objects.get(
            period=period, code="religion_filings_overdue", unit=self.city
        )
        self.assertEqual(value.value, 2)
