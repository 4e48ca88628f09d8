"""`seed_scale --religion-wards N`: the bulk rows the benchmark reads, in a city of their
own, with overdue filings, small follower cells and clocks as clocks.refresh leaves them."""

import datetime
import io

from django.core.management import call_command
from django.test import TestCase

from dvs.religion import scale
from dvs.religion.models import Dignitary, Establishment, Filing, FollowerCount
from dvs.units.models import Unit

TODAY = datetime.date(2026, 12, 7)


class ReligionScaleTests(TestCase):
    def test_seed_scale_generates_per_ward_rows(self):
        out = io.StringIO()
        call_command("seed_scale", religion_wards=3, religion_per_ward=8, stdout=out)
        self.assertIn("religion: 3 wards", out.getvalue())
        city = Unit.objects.get(code=scale.CITY)
        wards = Unit.objects.filter(path__startswith=city.path, level="commune")
        self.assertEqual(wards.count(), 3)
        self.assertEqual(Establishment.objects.count(), 24)
        self.assertEqual(Dignitary.objects.count(), 24)
        self.assertEqual(Filing.objects.count(), 48)
        for ward in wards:
            self.assertEqual(Filing.objects.filter(unit=ward).count(), 16)
        self.assertTrue(FollowerCount.objects.exists())

    def test_the_rows_carry_states_the_benchmark_reads(self):
        scale.seed(wards=4, per_ward=30, today=TODAY)
        filings = Filing.objects.all()
        self.assertTrue(filings.overdue(TODAY).exists())
        self.assertTrue(filings.filter(replied_on__isnull=False).exists())
        self.assertFalse(filings.filter(reply_due_on__isnull=True).exists())
        self.assertTrue(filings.filter(rule_set__code="TNTG2016").exists())
        self.assertTrue(FollowerCount.objects.filter(count__range=(1, 4)).exists())
        self.assertFalse(Establishment.objects.filter(name_key="").exists())

    def test_seeding_twice_reuses_the_city_and_its_wards(self):
        scale.seed(wards=2, per_ward=1, today=TODAY)
        scale.seed(wards=2, per_ward=1, today=TODAY)
        self.assertEqual(Unit.objects.filter(code__startswith="RW").count(), 2)
        self.assertEqual(Establishment.objects.count(), 4)
