"""The new-case duplicate check never confirms a guess of who denounced: on a
denunciation whose identity the user may not see, the name is not compared at all, so
the right name (with or without accents) and a wrong one give the same answer."""

import datetime

from django.urls import reverse

from dvs.cases import workflow
from dvs.cases.models import Case, Kind
from dvs.cases.tests.helpers import receive
from dvs.cases.tests.test_views import intake_data
from dvs.testing import BaseTestCase

NAME = "Phùng Thị Tố Giác"
CONTENT = "Tố cáo cán bộ địa chính phường nhận tiền để hợp thức hóa đất lấn chiếm ở tổ 3."
GUESSES = (NAME, "phung thi to giac", "Nguyễn Văn Sai")


class DuplicateGuessingTests(BaseTestCase):
    def setUp(self):
        self.denunciation = receive(
            self.neighbourhood_a1,
            kind=Kind.DENUNCIATION,
            name=NAME,
            content=CONTENT,
            received_on=datetime.date(2026, 3, 2),
        )

    def candidates(self, user, name):
        return workflow.duplicate_candidates(user=user, content=CONTENT, petitioner_names=[name])

    def test_the_ward_officer_cannot_see_the_denouncer(self):
        self.login(self.ward_a_officer)
        page = self.client.get(reverse("cases_identity", args=[self.denunciation.pk]))
        self.assertEqual(page.status_code, 404)

    def test_the_right_name_and_a_wrong_one_give_the_ward_officer_the_same_answer(self):
        answers = {name: self.candidates(self.ward_a_officer, name) for name in GUESSES}
        self.assertEqual(answers, dict.fromkeys(GUESSES, []))

    def test_the_intake_page_answers_the_same_to_every_guess(self):
        self.login(self.ward_a_officer)
        for name in GUESSES:
            with self.subTest(name=name):
                data = intake_data(
                    self.neighbourhood_a1,
                    kind="denunciation",
                    content=CONTENT,
                    **{"petitioner-0-name": name},
                )
                response = self.client.post(reverse("cases_intake"), data)
                # Nothing shown as "possibly the same matter": the case is recorded.
                self.assertEqual(response.status_code, 302)
                self.assertNotContains(response, self.denunciation.code, status_code=302)
        self.assertEqual(Case.objects.filter(created_by=self.ward_a_officer).count(), 3)

    def test_those_who_may_see_the_denouncer_are_still_warned(self):
        self.assertEqual(
            self.candidates(self.city_leader, "phung thi to giac"), [self.denunciation]
        )
        self.assertEqual(self.candidates(self.city_leader, "Nguyễn Văn Sai"), [])
        workflow.assign(
            self.denunciation, by=self.city_leader, handler=self.ward_a_reception_officer
        )
        self.assertEqual(self.candidates(self.ward_a_reception_officer, NAME), [self.denunciation])
