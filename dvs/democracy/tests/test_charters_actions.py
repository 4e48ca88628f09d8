"""Village charters (Decree 61/2023): the lifecycle with design §3.8 example 10 (posted
Thu 1/10/2026, no vote before 31/10; adopted by a ballot after a meeting without its
quorum; dossier due 5 working days later), recognition by the ward only, the yearly
review on 18/11 and its idempotent daily task, and the province's yearly counts."""

import datetime
from unittest import mock

from django.core.exceptions import ValidationError

from dvs.democracy import rules
from dvs.democracy import tasks as democracy_tasks
from dvs.democracy.actions import charters as actions
from dvs.democracy.models import Charter, CharterReview, Form, Item
from dvs.testing import BaseTestCase, add_sibling_personas

from .helpers import make_matter

D = datetime.date
TODAY = "django.utils.timezone.localdate"


class CharterActionTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)

    def setUp(self):
        patcher = mock.patch(TODAY, return_value=D(2026, 12, 31))
        patcher.start()
        self.addCleanup(patcher.stop)
        self.committee = self.neighbourhood_a1_committee

    def draft(self):
        return actions.create(self.committee, unit=self.neighbourhood_a1, title="Quy ước TDP 1")

    def vote(self, day, passed=True, form=Form.BALLOT):
        return make_matter(
            self.neighbourhood_a1,
            "Biểu quyết quy ước",
            item=Item.CHARTER,
            households=180,
            meeting_on=day,
            decided_on=day,
            decided_form=form,
            passed=passed,
            yes=95,
        )

    def adopted(self):
        charter = actions.post_draft(self.draft(), self.committee, D(2026, 10, 1))
        charter = actions.link_vote(charter, self.committee, self.vote(D(2026, 11, 2)))
        return actions.adopt(charter, self.committee)

    def test_example_10_lifecycle(self):
        charter = actions.post_draft(self.draft(), self.committee, D(2026, 10, 1))
        self.assertEqual(actions.vote_earliest_on(charter), D(2026, 10, 31))
        with self.assertRaises(ValidationError) as caught:
            actions.link_vote(charter, self.committee, self.vote(D(2026, 10, 30)))
        self.assertIn("31/10/2026", str(caught.exception))
        # The meeting with 89/180 present failed its quorum; the ballot gave 95 "yes".
        charter = actions.link_vote(charter, self.committee, self.vote(D(2026, 11, 2)))
        charter = actions.adopt(charter, self.committee)
        self.assertEqual((charter.status, charter.adopted_on), ("adopted", D(2026, 11, 2)))
        self.assertEqual(actions.dossier_by(charter), rules.send_by(D(2026, 11, 2)))
        self.assertEqual(actions.dossier_by(charter), D(2026, 11, 9))
        charter = actions.send_dossier(charter, self.committee, D(2026, 11, 6))
        self.assertEqual(actions.recognise_by(charter), D(2026, 11, 13))
        with self.assertRaises(ValidationError):
            actions.recognise(charter, self.committee, D(2026, 11, 10))
        charter = actions.recognise(charter, self.ward_a_officer, D(2026, 11, 10))
        self.assertEqual(charter.status, "recognised")
        review = CharterReview.objects.get(charter=charter)
        self.assertEqual((review.year, review.due_on), (2026, D(2026, 11, 18)))

    def test_a_vote_that_did_not_pass_adopts_nothing(self):
        charter = actions.post_draft(self.draft(), self.committee, D(2026, 10, 1))
        charter = actions.link_vote(charter, self.committee, self.vote(D(2026, 11, 2), False))
        with self.assertRaises(ValidationError):
            actions.adopt(charter, self.committee)
        self.assertEqual(Charter.objects.get().status, "posted")

    def test_the_vote_is_an_item_3_matter_of_the_same_neighbourhood(self):
        charter = actions.post_draft(self.draft(), self.committee, D(2026, 10, 1))
        day = D(2026, 11, 2)
        for matter in (
            make_matter(self.neighbourhood_a1, "Đóng góp", item=Item.CONTRIBUTION, meeting_on=day),
            make_matter(self.neighbourhood_a2, "Quy ước A2", item=Item.CHARTER, meeting_on=day),
        ):
            with self.subTest(matter=str(matter)), self.assertRaises(ValidationError):
                actions.link_vote(charter, self.ward_a_officer, matter)

    def test_recognised_after_18_11_is_reviewed_next_year(self):
        self.assertEqual(actions.review_year(D(2026, 11, 17)), 2026)
        self.assertEqual(actions.review_year(D(2026, 11, 18)), 2027)

    def test_refusal_needs_reasons_and_the_ward(self):
        charter = actions.send_dossier(self.adopted(), self.committee, D(2026, 11, 6))
        with self.assertRaises(ValidationError):
            actions.refuse_recognition(charter, self.ward_a_officer, D(2026, 11, 10), "  ")
        with self.assertRaises(ValidationError):
            actions.refuse_recognition(charter, self.committee, D(2026, 11, 10), "Trái luật")
        charter = actions.refuse_recognition(
            charter, self.ward_a_officer, D(2026, 11, 10), "Trái luật"
        )
        self.assertEqual(charter.status, "refused")

    def test_other_wards_and_readers_cannot_touch_it(self):
        charter = self.draft()
        for user in (
            self.ward_b_officer,
            self.neighbourhood_a2_committee,
            self.ward_a_women_officer,
            self.readonly_leader,
        ):
            with self.subTest(user=user.username), self.assertRaises(ValidationError):
                actions.post_draft(charter, user, D(2026, 10, 1))
        self.assertIsNone(Charter.objects.get().draft_posted_on)

    def test_the_yearly_task_creates_each_review_once(self):
        charter = actions.send_dossier(self.adopted(), self.committee, D(2026, 11, 6))
        charter = actions.recognise(charter, self.ward_a_officer, D(2026, 11, 10))
        with mock.patch(TODAY, return_value=D(2027, 1, 5)):
            self.assertEqual(democracy_tasks.create_charter_reviews.call(), 1)
            self.assertEqual(democracy_tasks.create_charter_reviews.call(), 0)
        self.assertEqual(
            list(CharterReview.objects.values_list("year", flat=True).order_by("year")),
            [2026, 2027],
        )
        review = CharterReview.objects.get(year=2027)
        self.assertEqual(review.due_on, D(2027, 11, 18))
        with self.assertRaises(ValidationError):
            actions.record_review(review, self.committee, done_on=D(2026, 12, 1), result="")
        actions.record_review(review, self.committee, done_on=D(2026, 12, 1), result="Giữ nguyên")

    def test_yearly_counts(self):
        recognised = actions.recognise(
            actions.send_dossier(self.adopted(), self.committee, D(2026, 11, 6)),
            self.ward_a_officer,
            D(2026, 11, 10),
        )
        amendment = actions.amend(recognised, self.ward_a_officer)
        Charter.objects.filter(pk=amendment.pk).update(
            status="recognised", recognised_on=D(2026, 12, 1), status_on=D(2026, 12, 1)
        )
        Charter.objects.create(
            unit=self.neighbourhood_a2,
            title="Bị từ chối",
            status="refused",
            status_on=D(2026, 5, 1),
        )
        Charter.objects.create(
            unit=self.neighbourhood_b1, title="Phường B", status="annulled", status_on=D(2026, 5, 1)
        )
        rows, total = actions.yearly_counts(self.ward_a_officer, 2026)
        self.assertEqual([row.unit for row in rows], [self.ward_a])
        self.assertEqual(total.values(), [1, 1, 1, 0, 0])
        rows, total = actions.yearly_counts(self.city_leader, 2026)
        self.assertEqual([row.unit for row in rows], [self.ward_a, self.ward_b])
        self.assertEqual(rows[1].values(), [0, 0, 0, 0, 1])
        self.assertEqual(total.values(), [1, 1, 1, 0, 1])
        self.assertEqual(actions.yearly_counts(self.city_leader, 2025)[1].values(), [0] * 5)
