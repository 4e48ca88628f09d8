import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase

from dvs.emulation import rules


class IndicatorNumberTests(SimpleTestCase):
    def check(self, value, **kwargs):
        return rules.indicator_number(value, label="Hộ tham gia", **kwargs)

    def test_blank_is_no_value(self):
        self.assertIsNone(self.check(""))
        self.assertIsNone(self.check(None))

    def test_numbers_in_any_usual_form(self):
        self.assertEqual(self.check("12,5"), Decimal("12.50"))
        self.assertEqual(self.check(7), Decimal("7.00"))
        self.assertEqual(self.check(" 3 ", whole=True), Decimal("3.00"))

    def test_wrong_type_is_refused_in_vietnamese(self):
        with self.assertRaisesMessage(ValidationError, "“Hộ tham gia” phải là một số"):
            self.check("nhiều")
        with self.assertRaises(ValidationError):
            self.check(True)
        with self.assertRaises(ValidationError):
            self.check("NaN")

    def test_negative_only_where_allowed(self):
        with self.assertRaisesMessage(ValidationError, "không được âm"):
            self.check(-1)
        self.assertEqual(self.check(-1, allows_negative=True), Decimal("-1.00"))

    def test_whole_numbers_for_counts(self):
        with self.assertRaisesMessage(ValidationError, "số nguyên"):
            self.check("2.5", whole=True)


class ScoreTests(SimpleTestCase):
    def test_score_within_range(self):
        self.assertEqual(rules.check_score("9,5", label="Hiệu quả", max_score=10), Decimal("9.50"))

    def test_score_outside_range_names_the_criterion_and_the_range(self):
        for value in ("11", "-1", "mười"):
            with self.subTest(value=value):
                with self.assertRaises(ValidationError) as caught:
                    rules.check_score(value, label="Hiệu quả", max_score=Decimal("10.00"))
                self.assertIn("Hiệu quả", caught.exception.messages[0])
        with self.assertRaisesMessage(ValidationError, "từ 0 đến 10"):
            rules.check_score("11", label="Hiệu quả", max_score=Decimal("10.00"))

    def test_missing_score(self):
        with self.assertRaisesMessage(ValidationError, "Hãy cho điểm"):
            rules.check_score("", label="Hiệu quả", max_score=10)

    def test_weighted_total_out_of_100(self):
        # 10/10 with weight 3 and 5/10 with weight 1: (3 + 0.5) / 4 = 87.5 %.
        total = rules.weighted_total([(10, 10, 3), (5, 10, 1)])
        self.assertEqual(total, Decimal("87.50"))
        self.assertEqual(rules.weighted_total([(4, 5, 1)]), Decimal("80.00"))
        self.assertEqual(rules.weighted_total([]), Decimal("0.00"))

    def test_ties_share_a_rank(self):
        self.assertEqual(rules.competition_ranks([90, 85, 85, 80]), [1, 2, 2, 4])
        self.assertEqual(rules.competition_ranks([]), [])


class RecognitionDateTests(SimpleTestCase):
    def test_decision_before_the_start_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "01/02/2024"):
            rules.check_recognition_date(datetime.date(2024, 2, 1), datetime.date(2024, 3, 1))
        rules.check_recognition_date(datetime.date(2024, 3, 1), datetime.date(2024, 3, 1))
