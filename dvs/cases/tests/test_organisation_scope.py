"""An organisation's officer sees the cases her organisation passed on, never the rest of
the ward's (denunciations among them), nor its reception sessions and dialogues, in the
admin and the API alike; a case she records is passed on by her organisation."""

import datetime

from django.urls import reverse

from dvs.accounts import scope
from dvs.cases.models import Case, Channel, Dialogue, Kind, ReceptionSession
from dvs.cases.tests.helpers import receive
from dvs.testing import BaseTestCase


class OrganisationCaseScopeTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.denunciation = receive(
            cls.ward_a, kind=Kind.DENUNCIATION, name="Phạm Văn Tố", channel=Channel.RECEPTION
        )
        cls.passed_on = receive(
            cls.ward_a,
            kind=Kind.PETITION,
            name="Lê Thị Kiến",
            channel=Channel.FRONT,
            organisation=cls.ward_a_women,
        )
        cls.session = ReceptionSession.objects.create(
            unit=cls.ward_a, held_on=datetime.date(2026, 3, 2), kind="regular"
        )
        cls.dialogue = Dialogue.objects.create(
            unit=cls.ward_a, topic="Đối thoại về chỉnh trang đô thị", planned_on="2026-03-10"
        )

    def test_the_womens_officer_does_not_see_a_denunciation_received_directly(self):
        officer = self.ward_a_women_officer
        self.login(officer)
        listed = self.client.get(reverse("case:index")).context["object_list"]
        self.assertEqual({case.pk for case in listed}, {self.passed_on.pk})
        inspect = self.client.get(reverse("case:inspect", args=[self.denunciation.pk]))
        self.assertEqual(inspect.status_code, 404)
        api = self.api_get("/cases", officer).json()["items"]
        self.assertEqual([case["id"] for case in api], [self.passed_on.pk])
        self.assertEqual(self.api_get(f"/cases/{self.denunciation.pk}", officer).status_code, 404)

    def test_the_womens_officer_sees_the_case_her_union_passed_on(self):
        officer = self.ward_a_women_officer
        self.login(officer)
        inspect = self.client.get(reverse("case:inspect", args=[self.passed_on.pk]))
        self.assertEqual(inspect.status_code, 200)
        self.assertEqual(self.api_get(f"/cases/{self.passed_on.pk}", officer).status_code, 200)

    def test_the_ward_officer_still_sees_every_case_of_the_ward(self):
        self.assertEqual(
            set(scope.scoped(self.ward_a_officer, Case)),
            {self.denunciation, self.passed_on},
        )

    def test_the_womens_officer_sees_no_reception_session_or_dialogue(self):
        officer = self.ward_a_women_officer
        self.assertFalse(scope.scoped(officer, ReceptionSession).exists())
        self.assertFalse(scope.scoped(officer, Dialogue).exists())
        self.login(officer)
        for name, row in (("reception_session", self.session), ("dialogue", self.dialogue)):
            with self.subTest(name=name):
                page = self.client.get(reverse(f"{name}:inspect", args=[row.pk]))
                self.assertEqual(page.status_code, 404)
        self.assertTrue(scope.scoped(self.ward_a_officer, ReceptionSession).exists())

    def test_a_case_the_womens_officer_records_is_passed_on_by_her_union_and_stays_in_sight(self):
        case = receive(self.ward_a, name="Trần Thị Nga", by=self.ward_a_women_officer)
        self.assertEqual(case.organisation, self.ward_a_women)
        self.assertTrue(scope.can(self.ward_a_women_officer, case))
