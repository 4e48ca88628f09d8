"""`seed_scale --democracy-wards N`: the bulk rows the benchmark reads, in a city of their
own: households per neighbourhood, matters decided by every form, a roll, consultations
with opinions, disclosures (some not posted) and inspection boards with inspections."""

import io

from django.core.management import call_command
from django.test import TestCase

from dvs.democracy import scale
from dvs.democracy.models import Board, Disclosure, Form, Inspection, Matter, Opinion, RollEntry
from dvs.people.models import Household
from dvs.units.models import Unit


class DemocracyScaleTests(TestCase):
    def test_seed_scale_generates_per_neighbourhood_rows(self):
        out = io.StringIO()
        call_command(
            "seed_scale",
            democracy_wards=2,
            democracy_households=12,
            democracy_matters=4,
            stdout=out,
        )
        self.assertIn("democracy: 2 wards", out.getvalue())
        city = Unit.objects.get(code=scale.CITY)
        neighbourhoods = Unit.objects.filter(path__startswith=city.path, level="neighbourhood")
        self.assertEqual(neighbourhoods.count(), 20)
        self.assertEqual(Household.objects.filter(unit__in=neighbourhoods).count(), 240)
        self.assertEqual(Matter.objects.count(), 80)
        self.assertEqual(RollEntry.objects.count(), 20 * 12)
        self.assertEqual(
            set(Matter.objects.values_list("decided_form", flat=True)),
            {Form.MEETING, Form.BALLOT, Form.ONLINE},
        )
        self.assertFalse(Matter.objects.filter(decided_form=Form.ONLINE).exclude(item=6).exists())
        self.assertEqual(Opinion.objects.count(), 60)
        self.assertEqual(Disclosure.objects.count(), 40)
        self.assertTrue(Disclosure.objects.filter(posted_from__isnull=True).exists())
        self.assertEqual(Board.objects.count(), 2)
        self.assertEqual(Inspection.objects.count(), 8)
