"""The registry's indicators count as of the period's end, from the dates it keeps."""

import datetime

from dvs.people import report_indicators
from dvs.people.models import Membership, Person
from dvs.testing import BaseTestCase

D = datetime.date
H1 = (D(2026, 1, 1), D(2026, 6, 30))


class AsOfPeriodEndTests(BaseTestCase):
    def person(self, name, **fields):
        return Person.objects.create(
            unit=self.neighbourhood_a1, full_name=name, sex="female", **fields
        )

    def test_a_resident_who_moved_away_after_the_period_counts_in_it(self):
        self.person("Nguyễn Thị Ở")
        self.person("Trần Văn Đi", status=Person.Status.MOVED, status_on=D(2026, 7, 10))
        self.person("Lê Văn Cũ", status=Person.Status.MOVED, status_on=D(2026, 5, 1))
        unit = self.neighbourhood_a1.pk
        self.assertEqual(report_indicators.residents(*H1), {unit: 2})
        self.assertEqual(report_indicators.residents(D(2026, 7, 1), D(2026, 12, 31)), {unit: 1})

    def test_a_membership_counts_from_its_start_to_its_end(self):
        # Two members until July, one from September.
        for name in ("Phạm Thị Hội", "Vũ Thị Viên"):
            Membership.objects.create(
                person=self.person(name),
                organisation=self.ward_a_women,
                joined_on=D(2020, 3, 8),
                ended_on=D(2026, 7, 10),
                end_reason="Chuyển sinh hoạt",
            )
        later = self.person("Đỗ Thị Mới")
        Membership.objects.create(
            person=later, organisation=self.ward_a_women, joined_on=D(2026, 9, 1)
        )
        members = report_indicators.INDICATORS[2]["compute"]
        self.assertEqual(members(*H1), {self.ward_a.pk: 2})
        self.assertEqual(members(D(2026, 7, 1), D(2026, 12, 31)), {self.ward_a.pk: 1})
