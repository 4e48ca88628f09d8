from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase

from dvs.units.models import Level, Unit


class LoadUnitsTests(TestCase):
    def test_loads_a_real_province_after_the_2025_reform_and_is_idempotent(self):
        call_command("load_units", "24", stdout=open("/dev/null", "w"))
        province = Unit.objects.get(code="P24")
        self.assertEqual(province.name, "Bắc Ninh")
        communes = Unit.objects.subtree_of(province).filter(level=Level.COMMUNE)
        self.assertEqual(communes.count(), 99)
        self.assertFalse(Unit.objects.filter(level=Level.DISTRICT).exists())
        call_command("load_units", "24", stdout=open("/dev/null", "w"))
        self.assertEqual(Unit.objects.count(), 100)

    def test_unknown_province_code_is_refused_and_nothing_is_saved(self):
        with self.assertRaisesMessage(CommandError, "Unknown province code 99"):
            call_command("load_units", "99")
        self.assertFalse(Unit.objects.exists())
