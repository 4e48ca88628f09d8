import io

from django.core.management import call_command
from django.test import TestCase

from dvs.emulation import stats
from dvs.emulation.models import Evaluation, Exemplar, IndicatorValue, Recognition
from dvs.units.models import Unit


class SeedTests(TestCase):
    def test_demo_has_126_exemplars_across_fields_and_wards_with_the_whole_cycle(self):
        call_command("seed_demo", stdout=io.StringIO())
        self.assertEqual(Exemplar.objects.count(), 126)
        figures = stats.counts(Exemplar.objects.all())
        self.assertTrue(all(n >= 20 for n in figures["by_field"].values()), figures)
        wards = Unit.objects.filter(level="commune", exemplars__isnull=False).distinct()
        self.assertEqual(wards.count(), 19)
        self.assertGreater(Evaluation.objects.count(), 50)
        self.assertGreaterEqual(Recognition.objects.count(), 20)
        self.assertEqual(Exemplar.objects.filter(origin__isnull=False).count(), 12)
        self.assertTrue(Exemplar.objects.filter(origin__origin__isnull=False).exists())
        self.assertTrue(Exemplar.objects.published().exists())
        self.assertFalse(Exemplar.objects.published().filter(recognitions__isnull=True).exists())

    def test_scale_adds_n_exemplars_with_values_sheets_and_replicas(self):
        call_command(
            "seed_scale",
            "--wards",
            "3",
            "--neighbourhoods",
            "4",
            "--exemplars",
            "60",
            stdout=io.StringIO(),
        )
        self.assertEqual(Exemplar.objects.count(), 60)
        self.assertEqual(IndicatorValue.objects.count(), 120)
        self.assertTrue(Evaluation.objects.exists())
        replicas = Exemplar.objects.filter(origin__isnull=False)
        self.assertEqual(replicas.count(), 6)  # one in ten, after the first
        self.assertFalse(replicas.filter(lineage_root__isnull=True).exists())
