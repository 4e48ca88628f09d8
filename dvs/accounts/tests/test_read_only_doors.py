"""The read-only leader reads and writes nothing; a read page is a read, whatever the method.

The scope matrix (test_scope_axes.py) walks every door; these are the cells it found open,
as sentences."""

from django.urls import reverse

from dvs.cases.models import Case
from dvs.cases.tests.helpers import receive
from dvs.reports.models import ReviewReport
from dvs.reports.tests.helpers import make_period, make_template
from dvs.testing import BaseTestCase


def refused(response):
    """403 or 404, or Wagtail's answer to a refused user: back to the dashboard."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


class ReadOnlyLeaderTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.case = receive(cls.neighbourhood_a1)
        cls.period = make_period(cls.ward_a, make_template())
        cls.review = ReviewReport.objects.create(period=cls.period, unit=cls.ward_a)

    def test_the_read_only_leader_cannot_open_a_new_case_by_any_door(self):
        self.login(self.readonly_leader)
        for url in (reverse("case:add"), reverse("cases_intake")):
            with self.subTest(url=url):
                self.assertTrue(refused(self.client.get(url)))
        self.assertTrue(refused(self.client.post(reverse("case:add"), {"content": "Đơn mới"})))
        self.assertTrue(refused(self.client.post(reverse("cases_intake"), {"content": "Mới"})))
        self.assertEqual(Case.objects.count(), 1)

    def test_a_post_to_a_read_page_is_not_answered_as_a_read(self):
        """The petitioners' identity, the period's pages and the review job are read with
        GET; a POST gets 405 instead of the page."""
        self.login(self.readonly_leader)
        pages = [
            reverse("cases_identity", args=[self.case.pk]),
            reverse("reports_period", args=[self.period.pk]),
            reverse("reports_dashboard", args=[self.period.pk]),
            reverse("reports_review_job", args=[self.review.pk]),
        ]
        for url in pages:
            with self.subTest(url=url):
                self.assertEqual(self.client.post(url, {}).status_code, 405)
        self.assertEqual(self.client.get(pages[1]).status_code, 200)


class NeighbourhoodCommitteePeriodTests(BaseTestCase):
    def test_the_neighbourhood_committee_sees_no_period_in_the_api_as_in_the_admin(self):
        """The committee has no reports: the admin's period listing refuses it, and the
        API's list no longer shows it its neighbourhood's period."""
        period = make_period(self.neighbourhood_a1, make_template())
        self.login(self.neighbourhood_a1_committee)
        listing = self.client.get(reverse("reportperiod:index"))
        self.assertNotEqual(listing.status_code, 200)
        answer = self.api_get("/reports/periods", self.neighbourhood_a1_committee)
        self.assertEqual(answer.status_code, 200)
        self.assertNotIn(period.pk, [p["id"] for p in answer.json()])
