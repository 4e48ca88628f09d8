import io

from django.core.management import call_command
from django.test import TestCase

from dvs.accounts.models import RoleAssignment
from dvs.accounts.roles import Role
from dvs.units.models import Leader, Level, Organisation, Term, Unit


class SeedDemoTests(TestCase):
    def test_demo_city_has_wards_neighbourhoods_organisations_and_a_user_per_role(self):
        call_command("seed_demo", stdout=io.StringIO())
        city = Unit.objects.get(level=Level.DISTRICT)
        wards = Unit.objects.subtree_of(city).filter(level=Level.COMMUNE)
        self.assertEqual(wards.count(), 19)
        for ward in wards:
            self.assertTrue(8 <= ward.get_children_count() <= 12, ward)
        self.assertTrue(Organisation.objects.filter(unit=city, kind__code="fatherland_front"))
        self.assertTrue(Term.objects.filter(leaders__isnull=False).exists())
        self.assertEqual(
            set(RoleAssignment.objects.values_list("role", flat=True)), set(Role.values)
        )

    def test_seed_demo_is_deterministic_and_leaves_a_filled_database_alone(self):
        call_command("seed_demo", stdout=io.StringIO())
        names = list(Leader.objects.order_by("pk").values_list("full_name", flat=True)[:3])
        self.assertEqual(names, ["Đào Minh Hạnh", "Ngô Quang Tuấn", "Lý Hồng Ngân"])
        units = Unit.objects.count()
        call_command("seed_demo", "--if-empty", stdout=io.StringIO())
        self.assertEqual(Unit.objects.count(), units)


class SeedScaleTests(TestCase):
    def test_scale_units_form_a_valid_tree(self):
        call_command("seed_scale", "--wards", "30", "--neighbourhoods", "5", stdout=io.StringIO())
        self.assertEqual(Unit.objects.filter(level=Level.NEIGHBOURHOOD).count(), 150)
        self.assertEqual(Unit.find_problems(), ([], [], [], [], []))
        ward = Unit.objects.get(code="SW0007")
        self.assertEqual(Unit.objects.subtree_of(ward).count(), 6)
