"""The registry's writes: each checks the acting user's scope and the row's rules before
writing, is audited, and a refusal changes nothing."""

import datetime
from unittest import mock

from django.core.exceptions import ValidationError

from dvs.accounts.models import AuditEntry
from dvs.cases.tests.helpers import receive
from dvs.religion.actions import registry as actions
from dvs.religion.models import (
    Contact,
    Establishment,
    EstablishmentKind,
    Festival,
    Group,
    Incident,
    KeyPerson,
    ReligiousOrganisation,
)
from dvs.testing import BaseTestCase

from .helpers import (
    make_dignitary,
    make_establishment,
    make_festival,
    make_group,
    make_incident,
    religion,
)

D = datetime.date
TODAY = D(2026, 3, 20)


def today():
    return TODAY


class RegistryTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.pagoda_a = make_establishment(cls.neighbourhood_a1, "Chùa Phúc Lâm")
        cls.pagoda_b = make_establishment(cls.ward_b, "Chùa Bình Minh")
        cls.sangha = ReligiousOrganisation.objects.create(
            religion=religion(), name="Ban Trị sự GHPGVN tỉnh"
        )
        cls.diocese = ReligiousOrganisation.objects.create(
            religion=religion("cong-giao"), name="Giáo phận Thử"
        )

    def setUp(self):
        patcher = mock.patch("django.utils.timezone.localdate", today)
        patcher.start()
        self.addCleanup(patcher.stop)

    def assertRefused(self, field, call, *args, **kwargs):
        with self.assertRaises(ValidationError) as caught:
            call(*args, **kwargs)
        if field:
            self.assertIn(field, caught.exception.message_dict)
        return caught.exception

    def logged(self, instance, action):
        return AuditEntry.objects.for_instance(instance).filter(action=action).exists()


class EstablishmentTests(RegistryTestCase):
    def test_ward_a_officer_records_a_pagoda_and_it_is_logged(self):
        pagoda = actions.create_establishment(
            by=self.ward_a_officer,
            unit=self.neighbourhood_a2,
            name="  Chùa  Bảo Quang\u200b ",
            kind=EstablishmentKind.PAGODA,
            religion=religion(),
            organisation=self.sangha,
        )
        self.assertEqual(pagoda.name, "Chùa Bảo Quang")
        self.assertEqual(pagoda.name_key, "chua bao quang")
        self.assertTrue(self.logged(pagoda, "wagtail.create"))

    def test_a_communal_house_has_no_religion_and_a_pagoda_needs_one(self):
        before = Establishment.objects.count()
        self.assertRefused(
            "religion",
            actions.create_establishment,
            by=self.ward_a_officer,
            unit=self.ward_a,
            name="Đình An Bình",
            kind=EstablishmentKind.COMMUNAL_HOUSE,
            religion=religion(),
        )
        self.assertRefused(
            "religion",
            actions.create_establishment,
            by=self.ward_a_officer,
            unit=self.ward_a,
            name="Chùa Mới",
            kind=EstablishmentKind.PAGODA,
        )
        self.assertEqual(Establishment.objects.count(), before)
        house = actions.create_establishment(
            by=self.ward_a_officer,
            unit=self.ward_a,
            name="Đình An Bình",
            kind=EstablishmentKind.COMMUNAL_HOUSE,
        )
        self.assertIsNone(house.religion)

    def test_the_organisation_must_be_of_the_chosen_religion(self):
        self.assertRefused(
            "organisation",
            actions.create_establishment,
            by=self.ward_a_officer,
            unit=self.ward_a,
            name="Chùa Mới",
            kind=EstablishmentKind.PAGODA,
            religion=religion(),
            organisation=self.diocese,
        )
        self.assertFalse(Establishment.objects.filter(name="Chùa Mới").exists())

    def test_no_one_writes_outside_their_scope(self):
        self.assertRefused(
            "unit",
            actions.create_establishment,
            by=self.ward_a_officer,
            unit=self.ward_b,
            name="Chùa Lạ",
            kind=EstablishmentKind.PAGODA,
            religion=religion(),
        )
        for user in (
            self.readonly_leader,
            self.ward_a_women_officer,
            self.neighbourhood_a1_committee,
        ):
            with self.subTest(user=user.username):
                self.assertRefused(
                    "unit",
                    actions.create_establishment,
                    by=user,
                    unit=self.neighbourhood_a1,
                    name="Chùa Lạ",
                    kind=EstablishmentKind.PAGODA,
                    religion=religion(),
                )
        self.assertFalse(Establishment.objects.filter(name="Chùa Lạ").exists())
        self.assertRefused(
            None, actions.update_establishment, self.pagoda_b, by=self.ward_a_officer, name="X"
        )
        self.pagoda_b.refresh_from_db()
        self.assertEqual(self.pagoda_b.name, "Chùa Bình Minh")

    def test_moving_an_establishment_to_another_ward_is_refused(self):
        self.assertRefused(
            "unit",
            actions.update_establishment,
            self.pagoda_a,
            by=self.ward_a_officer,
            unit=self.ward_b,
        )
        self.pagoda_a.refresh_from_db()
        self.assertEqual(self.pagoda_a.unit, self.neighbourhood_a1)


class FestivalTests(RegistryTestCase):
    def festival(self, **fields):
        fields.setdefault("establishment", self.pagoda_a)
        fields.setdefault("name", "Lễ hội chùa")
        fields.setdefault("day", 10)
        fields.setdefault("month", 3)
        return actions.create_festival(by=self.ward_a_officer, **fields)

    def test_a_lunar_festival_is_recorded(self):
        festival = self.festival()
        self.assertTrue(festival.lunar)
        self.assertTrue(self.logged(festival, "wagtail.create"))

    def test_impossible_days_are_refused_and_nothing_saved(self):
        for fields, field in (
            ({"day": 31}, "day"),
            ({"day": 0}, "day"),
            ({"month": 13}, "month"),
            ({"lunar": False, "day": 31, "month": 4}, "day"),
            ({"lunar": False, "leap_month": True}, "leap_month"),
        ):
            with self.subTest(fields=fields):
                self.assertRefused(field, self.festival, **fields)
        self.assertFalse(Festival.objects.exists())

    def test_a_leap_month_that_occurs_is_accepted(self):
        festival = self.festival(month=6, leap_month=True)  # 2025 had a leap 6th month
        self.assertTrue(festival.leap_month)

    def test_festivals_only_on_establishments_the_user_may_change(self):
        for user, establishment in (
            (self.ward_a_officer, self.pagoda_b),
            (self.readonly_leader, self.pagoda_a),
            (self.neighbourhood_a1_committee, self.pagoda_a),
        ):
            with self.subTest(user=user.username):
                self.assertRefused(
                    "establishment",
                    actions.create_festival,
                    by=user,
                    establishment=establishment,
                    name="Lễ lạ",
                    day=1,
                    month=1,
                )
        self.assertFalse(Festival.objects.exists())
        festival = make_festival(self.pagoda_a)
        self.assertRefused(
            "establishment",
            actions.update_festival,
            festival,
            by=self.ward_a_officer,
            establishment=self.pagoda_b,
        )
        festival.refresh_from_db()
        self.assertEqual(festival.establishment, self.pagoda_a)


class GroupTests(RegistryTestCase):
    def test_a_group_needs_a_religion_and_a_state_change_its_date(self):
        self.assertRefused(
            "religion",
            actions.create_group,
            by=self.ward_a_officer,
            unit=self.ward_a,
            name="Nhóm Mới",
            religion=None,
        )
        self.assertRefused(
            "state_on",
            actions.create_group,
            by=self.ward_a_officer,
            unit=self.ward_a,
            name="Nhóm Mới",
            religion=religion("tin-lanh"),
            state=Group.State.SUBMITTED,
        )
        self.assertFalse(Group.objects.filter(name="Nhóm Mới").exists())
        group = actions.create_group(
            by=self.ward_a_officer, unit=self.ward_a, name="Nhóm Mới", religion=religion("tin-lanh")
        )
        self.assertEqual(group.state, Group.State.UNREGISTERED)
        self.assertRefused(
            "state_on",
            actions.update_group,
            group,
            by=self.ward_a_officer,
            state=Group.State.SUBMITTED,
        )
        group.refresh_from_db()
        self.assertEqual(group.state, Group.State.UNREGISTERED)
        actions.update_group(
            group, by=self.ward_a_officer, state=Group.State.SUBMITTED, state_on=D(2026, 3, 2)
        )
        group.refresh_from_db()
        self.assertEqual((group.state, group.state_on), (Group.State.SUBMITTED, D(2026, 3, 2)))
        self.assertTrue(self.logged(group, "wagtail.edit"))

    def test_a_state_date_in_the_future_is_refused(self):
        self.assertRefused(
            "state_on",
            actions.create_group,
            by=self.ward_a_officer,
            unit=self.ward_a,
            name="Nhóm Mới",
            religion=religion("tin-lanh"),
            state=Group.State.SUBMITTED,
            state_on=D(2026, 4, 1),
        )

    def test_another_wards_group_cannot_be_changed(self):
        group = make_group(self.ward_b)
        self.assertRefused(None, actions.update_group, group, by=self.ward_a_officer, name="Đổi")
        group.refresh_from_db()
        self.assertEqual(group.name, "Nhóm Tin lành Bình An")


class ContactTests(RegistryTestCase):
    def test_a_contact_with_dignitaries_of_the_unit_and_organisations_present(self):
        monk = make_dignitary(self.neighbourhood_a1)
        contact = actions.create_contact(
            by=self.ward_a_officer,
            unit=self.ward_a,
            kind=Contact.Kind.FEAST_VISIT,
            on=D(2026, 3, 2),
            establishment=self.pagoda_a,
            dignitaries=[monk],
            organisations=[self.ward_a_front],
            topics="Thăm hỏi dịp lễ",
        )
        self.assertEqual(list(contact.dignitaries.all()), [monk])
        self.assertEqual(list(contact.organisations.all()), [self.ward_a_front])
        self.assertTrue(self.logged(contact, "wagtail.create"))

    def test_refusals_change_nothing(self):
        monk_b = make_dignitary(self.ward_b, "Lê Văn Bê", "Thích Bê")
        monk_a2 = make_dignitary(self.neighbourhood_a2, "Lê Văn Hai", "Thích Hai")
        base = {
            "by": self.ward_a_officer,
            "unit": self.ward_a,
            "kind": Contact.Kind.COURTESY,
            "on": D(2026, 3, 2),
            "topics": "Gặp gỡ",
        }
        for changes, field in (
            ({"dignitaries": [monk_b]}, "dignitaries"),
            ({"unit": self.neighbourhood_a1, "dignitaries": [monk_a2]}, "dignitaries"),
            ({"establishment": self.pagoda_b}, "establishment"),
            ({"unit": self.neighbourhood_a2, "establishment": self.pagoda_a}, "establishment"),
            ({"organisations": [self.ward_b_front]}, "organisations"),
            ({"on": D(2026, 3, 21)}, "on"),
            ({"unit": self.ward_b}, "unit"),
        ):
            with self.subTest(changes=changes):
                self.assertRefused(field, actions.create_contact, **{**base, **changes})
        self.assertFalse(Contact.objects.exists())


class IncidentTests(RegistryTestCase):
    def test_a_resolved_incident_needs_its_day_after_it_happened(self):
        base = {
            "by": self.ward_a_officer,
            "unit": self.ward_a,
            "kind": Incident.Kind.DISPUTE,
            "on": D(2026, 3, 10),
            "description": "Tranh chấp đất chùa",
        }
        self.assertRefused("resolved_on", actions.create_incident, **base, status="resolved")
        self.assertRefused(
            "resolved_on",
            actions.create_incident,
            **base,
            status="resolved",
            resolved_on=D(2026, 3, 9),
        )
        self.assertFalse(Incident.objects.exists())
        incident = actions.create_incident(
            **base, status="resolved", resolved_on=D(2026, 3, 10), establishment=self.pagoda_a
        )
        self.assertEqual(incident.created_by, self.ward_a_officer)

    def test_the_case_must_be_one_the_user_sees(self):
        case_b = receive(self.neighbourhood_b1)
        case_a = receive(self.neighbourhood_a1)
        base = {
            "by": self.ward_a_officer,
            "unit": self.ward_a,
            "kind": Incident.Kind.OTHER,
            "on": D(2026, 3, 10),
            "description": "Khiếu nại liên quan",
        }
        self.assertRefused("case", actions.create_incident, **base, case=case_b)
        self.assertFalse(Incident.objects.exists())
        self.assertEqual(actions.create_incident(**base, case=case_a).case, case_a)

    def test_the_neighbourhood_committee_reports_in_its_neighbourhood_only(self):
        incident = actions.create_incident(
            by=self.neighbourhood_a1_committee,
            unit=self.neighbourhood_a1,
            kind=Incident.Kind.UNREGISTERED_GATHERING,
            on=D(2026, 3, 10),
            description="Tụ tập",
        )
        self.assertEqual(incident.unit, self.neighbourhood_a1)
        self.assertRefused(
            "unit",
            actions.create_incident,
            by=self.neighbourhood_a1_committee,
            unit=self.neighbourhood_a2,
            kind=Incident.Kind.OTHER,
            on=D(2026, 3, 10),
            description="Tụ tập",
        )
        # Reporting is not changing: the committee holds no change_incident.
        self.assertRefused(
            None,
            actions.update_incident,
            incident,
            by=self.neighbourhood_a1_committee,
            handling="x",
        )

    def test_another_wards_incident_cannot_be_changed(self):
        incident = make_incident(self.ward_b)
        self.assertRefused(
            None, actions.update_incident, incident, by=self.ward_a_officer, handling="x"
        )
        incident.refresh_from_db()
        self.assertEqual(incident.handling, "")


class KeyPersonTests(RegistryTestCase):
    def test_since_before_until(self):
        self.assertRefused(
            "until",
            actions.create_key_person,
            by=self.ward_a_officer,
            unit=self.ward_a,
            kind=KeyPerson.Kind.PRESTIGE,
            name="Nguyễn Văn Uy",
            since=D(2026, 1, 1),
            until=D(2025, 1, 1),
        )
        self.assertFalse(KeyPerson.objects.exists())
        person = actions.create_key_person(
            by=self.ward_a_officer,
            unit=self.ward_a,
            kind=KeyPerson.Kind.CORE,
            name="Nguyễn Văn Uy",
            since=D(2025, 1, 1),
        )
        self.assertTrue(self.logged(person, "wagtail.create"))

    def test_a_dignitary_record_of_another_ward_is_refused(self):
        self.assertRefused(
            "dignitary",
            actions.create_key_person,
            by=self.ward_a_officer,
            unit=self.ward_a,
            kind=KeyPerson.Kind.PRESTIGE,
            name="Thích Bê",
            dignitary=make_dignitary(self.ward_b),
        )
        self.assertFalse(KeyPerson.objects.exists())


class ReligiousOrganisationTests(RegistryTestCase):
    def test_only_the_board_enters_reference_data(self):
        self.assertRefused(
            None,
            actions.create_religious_organisation,
            by=self.ward_a_officer,
            religion=religion(),
            name="Ban Trị sự phường",
        )
        self.assertFalse(ReligiousOrganisation.objects.filter(name="Ban Trị sự phường").exists())
        child = actions.create_religious_organisation(
            by=self.city_specialist,
            religion=religion(),
            name="Ban Trị sự phường",
            parent=self.sangha,
        )
        self.assertEqual(child.parent, self.sangha)

    def test_the_parent_is_of_the_same_religion_and_not_itself(self):
        self.assertRefused(
            "parent",
            actions.create_religious_organisation,
            by=self.city_specialist,
            religion=religion(),
            name="Giáo xứ lạ",
            parent=self.diocese,
        )
        self.assertRefused(
            "parent",
            actions.update_religious_organisation,
            self.sangha,
            by=self.city_specialist,
            parent=self.sangha,
        )
        self.sangha.refresh_from_db()
        self.assertIsNone(self.sangha.parent)


class DeleteTests(RegistryTestCase):
    def test_a_row_other_rows_refer_to_is_refused_and_another_wards_too(self):
        from django.core.exceptions import ValidationError

        from dvs.religion.actions import delete

        from .helpers import make_filing

        make_filing(self.ward_a, establishment=self.pagoda_a)
        with self.assertRaises(ValidationError):
            delete(self.pagoda_a, by=self.ward_a_officer)
        with self.assertRaises(ValidationError):
            delete(self.pagoda_b, by=self.ward_a_officer)
        self.assertTrue(Establishment.objects.filter(pk=self.pagoda_a.pk).exists())
        self.assertTrue(Establishment.objects.filter(pk=self.pagoda_b.pk).exists())
        delete(self.pagoda_b, by=self.ward_b_officer)
        self.assertFalse(Establishment.objects.filter(pk=self.pagoda_b.pk).exists())
