"""The movement's writes: registering with indicators, evaluating, recognising,
replicating and publishing, each refusing bad input with nothing half-saved."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

from dvs.emulation import actions
from dvs.emulation.models import (
    Criterion,
    Evaluation,
    Exemplar,
    ExemplarField,
    Indicator,
    IndicatorValue,
    Level,
    Recognition,
    RecognitionLevel,
    Score,
    Status,
)

from .helpers import EmulationTestCase, full_marks, make_exemplar, marks


class RegisterTests(EmulationTestCase):
    def register(self, user, unit, values):
        return actions.register_exemplar(
            by=user,
            name="Quỹ tín dụng xoay vòng",
            field=ExemplarField.objects.get(code="economy"),
            level=Level.WARD,
            unit=unit,
            year=2025,
            started_on=datetime.date(2025, 1, 15),
            problem="Hộ cận nghèo thiếu vốn",
            method="Góp quỹ, cho vay không lãi",
            indicator_values=values,
        )

    def test_ward_officer_registers_an_exemplar_with_its_indicators(self):
        exemplar = self.register(
            self.ward_a_officer,
            self.neighbourhood_a1,
            [{"indicator": "households", "target": 40, "actual": "35"}],
        )
        value = exemplar.indicator_values.get()
        self.assertEqual((value.year, value.target, value.actual), (2025, 40, 35))
        self.assertEqual(exemplar.status, Status.REGISTERED)
        self.assertEqual(exemplar.created_by, self.ward_a_officer)

    def test_bad_actual_values_save_nothing(self):
        cases = [
            ({"indicator": "households", "actual": "ba mươi"}, "phải là một số"),
            ({"indicator": "households", "actual": -3}, "không được âm"),
            ({"indicator": "households", "actual": 2.5}, "số nguyên"),
            ({"indicator": "nothing", "actual": 1}, "không có chỉ tiêu"),
        ]
        for value, message in cases:
            with self.subTest(value=value):
                with self.assertRaises(ValidationError) as caught:
                    self.register(self.ward_a_officer, self.ward_a, [value])
                self.assertIn(message, " ".join(caught.exception.messages))
                self.assertFalse(Exemplar.objects.filter(name="Quỹ tín dụng xoay vòng").exists())

    def test_money_may_have_decimals(self):
        exemplar = self.register(
            self.ward_a_officer, self.ward_a, [{"indicator": "money", "actual": "12,5"}]
        )
        self.assertEqual(exemplar.indicator_values.get().actual, Decimal("12.50"))

    def test_registering_in_another_ward_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "ngoài phạm vi"):
            self.register(self.ward_a_officer, self.ward_b, [])
        self.assertFalse(Exemplar.objects.filter(unit=self.ward_b, year=2025).exists())


class EvaluateTests(EmulationTestCase):
    def test_specialist_scores_an_exemplar_and_it_becomes_evaluated(self):
        criteria = list(Criterion.objects.filter(is_active=True))
        scores = {c.pk: c.max_score for c in criteria}
        scores[criteria[0].pk] = Decimal("5")  # weight 1 of 10 at half marks: 95 %
        evaluation = actions.evaluate(
            self.exemplar_a, year=2024, scores=scores, by=self.city_specialist, comment="Tốt"
        )
        self.assertEqual(evaluation.total, Decimal("95.00"))
        self.assertEqual(evaluation.scores.count(), len(criteria))
        self.exemplar_a.refresh_from_db()
        self.assertEqual(self.exemplar_a.status, Status.EVALUATED)

    def test_evaluating_again_replaces_the_same_sheet(self):
        actions.evaluate(self.exemplar_a, year=2024, scores=marks(5), by=self.city_specialist)
        actions.evaluate(self.exemplar_a, year=2024, scores=full_marks(), by=self.city_specialist)
        evaluation = Evaluation.objects.get()
        self.assertEqual(evaluation.total, Decimal("100.00"))
        self.assertEqual(Score.objects.filter(evaluation=evaluation).count(), 5)

    def test_score_outside_the_range_saves_nothing(self):
        scores = full_marks()
        criterion = Criterion.objects.order_by("sort_order").last()
        scores[criterion.pk] = 11
        with self.assertRaises(ValidationError) as caught:
            actions.evaluate(self.exemplar_a, year=2024, scores=scores, by=self.city_specialist)
        message = caught.exception.message_dict[f"criterion_{criterion.pk}"][0]
        self.assertIn("từ 0 đến 10", message)
        self.assertFalse(Evaluation.objects.exists())
        self.assertFalse(Score.objects.exists())

    def test_evaluator_out_of_scope_is_refused(self):
        ward_b_leader = self.make_ward_b_leader()
        for user in (ward_b_leader, self.ward_a_officer, self.citizen):
            with self.subTest(user=user.username):
                with self.assertRaisesMessage(ValidationError, "ngoài phạm vi"):
                    actions.evaluate(self.exemplar_a, year=2024, scores=full_marks(), by=user)
        self.assertFalse(Evaluation.objects.exists())

    def test_year_before_registration_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "2024"):
            actions.evaluate(self.exemplar_a, year=2023, scores=full_marks(), by=self.city_leader)

    def make_ward_b_leader(self):
        from dvs.accounts.roles import Role
        from dvs.testing import make_user

        return make_user("ward_b_leader", Role.BOARD_LEADER, self.ward_b)


class RecogniseTests(EmulationTestCase):
    def test_recognition_records_the_decision_and_the_status(self):
        recognition = actions.recognise(
            self.exemplar_a,
            level=RecognitionLevel.CITY,
            decision_number="125-QĐ/BDVTU",
            decision_date=datetime.date(2024, 12, 20),
            by=self.city_specialist,
        )
        self.assertEqual(recognition.exemplar, self.exemplar_a)
        self.exemplar_a.refresh_from_db()
        self.assertEqual(self.exemplar_a.status, Status.RECOGNISED)

    def test_decision_before_the_exemplar_started_saves_nothing(self):
        with self.assertRaises(ValidationError) as caught:
            actions.recognise(
                self.exemplar_a,
                level=RecognitionLevel.CITY,
                decision_number="1-QĐ",
                decision_date=datetime.date(2023, 12, 31),
                by=self.city_specialist,
            )
        self.assertIn(
            "trước khi mô hình bắt đầu", caught.exception.message_dict["decision_date"][0]
        )
        self.assertFalse(Recognition.objects.exists())
        self.exemplar_a.refresh_from_db()
        self.assertEqual(self.exemplar_a.status, Status.RUNNING)

    def test_ward_officer_cannot_recognise(self):
        with self.assertRaises(ValidationError):
            actions.recognise(
                self.exemplar_a,
                level=RecognitionLevel.CITY,
                decision_number="1-QĐ",
                decision_date=datetime.date(2024, 12, 31),
                by=self.ward_a_officer,
            )
        self.assertFalse(Recognition.objects.exists())


class ReplicateTests(EmulationTestCase):
    def test_replica_keeps_its_origin_and_the_tree_is_counted(self):
        households = Indicator.objects.get(code="households")
        IndicatorValue.objects.create(
            exemplar=self.exemplar_a, indicator=households, year=2024, target=10, actual=12
        )
        replica = actions.replicate(self.exemplar_a, unit=self.ward_b, by=self.city_specialist)
        self.assertEqual((replica.status, replica.unit), (Status.REGISTERED, self.ward_b))
        second = actions.replicate(replica, unit=self.neighbourhood_a1, by=self.city_specialist)
        self.assertEqual(replica.origin, self.exemplar_a)
        self.assertEqual(second.origin, replica)
        self.assertEqual(second.lineage_root, self.exemplar_a)
        self.assertEqual(replica.status, Status.REPLICATED)  # replicated in its turn
        self.assertEqual(replica.indicator_values.get().indicator, households)
        self.assertIsNone(replica.indicator_values.get().actual)
        self.exemplar_a.refresh_from_db()
        self.assertEqual(self.exemplar_a.status, Status.REPLICATED)
        self.assertEqual(self.exemplar_a.replica_count(), 2)
        ancestors, descendants = second.replication_tree()
        self.assertEqual(ancestors, [self.exemplar_a, replica])
        self.assertEqual(descendants, [])
        _ancestors, tree = self.exemplar_a.replication_tree()
        self.assertEqual(tree, [(replica, [(second, [])])])

    def test_replicating_into_the_owning_unit_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            actions.replicate(self.exemplar_a, unit=self.ward_a, by=self.city_specialist)
        self.assertIn("đơn vị đang sở hữu", caught.exception.message_dict["unit"][0])
        self.assertEqual(Exemplar.objects.count(), 2)

    def test_ward_officer_replicates_only_into_their_ward(self):
        with self.assertRaises(ValidationError):
            actions.replicate(self.exemplar_a, unit=self.ward_b, by=self.ward_a_officer)
        replica = actions.replicate(
            self.exemplar_a, unit=self.neighbourhood_a1, by=self.ward_a_officer
        )
        self.assertEqual(replica.level, Level.NEIGHBOURHOOD)


class PublishTests(EmulationTestCase):
    def test_only_recognised_exemplars_are_published_and_unpublishing_removes_them(self):
        with self.assertRaisesMessage(ValidationError, "được khen thưởng"):
            actions.publish(self.exemplar_a, by=self.city_specialist)
        Recognition.objects.create(
            exemplar=self.exemplar_a,
            level=RecognitionLevel.CITY,
            decision_number="9-QĐ",
            decision_date=datetime.date(2024, 12, 1),
        )
        actions.publish(self.exemplar_a, by=self.city_specialist)
        self.assertEqual(list(Exemplar.objects.published()), [self.exemplar_a])
        actions.unpublish(self.exemplar_a, by=self.city_specialist)
        self.assertFalse(Exemplar.objects.published().exists())

    def test_ward_officer_may_not_publish(self):
        with self.assertRaises(PermissionDenied):
            actions.publish(self.exemplar_a, by=self.ward_a_officer)


class ExemplarValidationTests(EmulationTestCase):
    def test_lead_organisation_of_another_ward_is_refused(self):
        exemplar = make_exemplar(self.ward_a, organisation=self.ward_b_front)
        with self.assertRaises(ValidationError) as caught:
            exemplar.full_clean()
        self.assertIn("organisation", caught.exception.message_dict)

    def test_indicator_value_checks_its_indicator(self):
        value = IndicatorValue(
            exemplar=self.exemplar_a,
            indicator=Indicator.objects.get(code="trees"),
            year=2024,
            actual=Decimal("-4"),
        )
        with self.assertRaises(ValidationError) as caught:
            value.full_clean()
        self.assertIn("actual", caught.exception.message_dict)
