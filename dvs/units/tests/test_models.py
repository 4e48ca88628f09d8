import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dvs.testing import BaseTestCase
from dvs.units.models import Level, Term, Unit, UnitChange, UnitSuccession, successors_of


class UnitTreeTests(BaseTestCase):
    def test_subtree_is_the_unit_and_everything_below(self):
        codes = set(Unit.objects.subtree_of(self.ward_a).values_list("code", flat=True))
        self.assertEqual(codes, {"A", "A1", "A2"})

    def test_subtree_query_is_one_prefix_match(self):
        with self.assertNumQueries(1):
            list(Unit.objects.subtree_of(self.city))

    def test_a_unit_cannot_move_under_its_own_descendant(self):
        with self.assertRaisesMessage(ValidationError, "Không thể chuyển đơn vị vào chính nó"):
            self.ward_a.move_under(Unit.objects.get(code="A1"))
        self.assertEqual(Unit.objects.get(code="A1").get_parent(), self.ward_a)

    def test_moving_a_unit_carries_its_subtree(self):
        self.ward_a.move_under(self.ward_b)
        moved = Unit.objects.get(code="A1")
        self.assertTrue(moved.path.startswith(Unit.objects.get(code="B").path))
        self.assertEqual(Unit.find_problems(), ([], [], [], [], []))

    def test_duplicate_unit_code_is_refused(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            self.city.add_child(code="A", name="Trùng mã", level=Level.COMMUNE)

    def test_names_are_stored_nfc_with_a_folded_search_key(self):
        unit = Unit.objects.get(pk=self.city.pk).add_child(
            code="X", name="Phu\u031bo\u031b\u0300ng  Đông", level=Level.COMMUNE
        )
        self.assertEqual(unit.name, "Phường Đông")
        self.assertEqual(unit.search_key, "phuong dong")


class TermTests(BaseTestCase):
    def test_a_term_cannot_end_before_it_starts(self):
        term = Term(
            organisation=self.ward_a_front,
            name="2029–2024",
            starts_on=datetime.date(2029, 1, 1),
            ends_on=datetime.date(2024, 1, 1),
        )
        with self.assertRaisesMessage(
            ValidationError, "Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu."
        ):
            term.full_clean()
        with self.assertRaises(IntegrityError), transaction.atomic():
            term.save()

    def test_current_term_is_the_one_in_force_today(self):
        self.assertEqual(self.ward_a_front.current_term, self.ward_a_term)


class UnitChangeTests(BaseTestCase):
    def test_a_merge_maps_old_units_to_the_new_one_and_keeps_them(self):
        merged = Unit.objects.get(pk=self.city.pk).add_child(
            code="AB",
            name="Phường An Minh",
            level=Level.COMMUNE,
            valid_from=datetime.date(2025, 7, 1),
        )
        change = UnitChange.objects.create(kind="merge", effective_on=datetime.date(2025, 7, 1))
        for old in (self.ward_a, self.ward_b):
            UnitSuccession.objects.create(change=change, predecessor=old, successor=merged)
            Unit.objects.filter(pk=old.pk).update(valid_until=datetime.date(2025, 7, 1))
        self.assertEqual(successors_of(self.ward_a), [merged])
        self.assertEqual(successors_of(self.ward_a, on=datetime.date(2025, 1, 1)), [])
        current = Unit.objects.current(on=datetime.date(2025, 8, 1)).filter(level=Level.COMMUNE)
        self.assertEqual(list(current.values_list("code", flat=True)), ["AB"])
        self.assertTrue(Unit.objects.filter(code="A").exists())
