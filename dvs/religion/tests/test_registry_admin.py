"""The registry's back office: lists through the scope door, create and edit through the
forms and their actions, the establishment's page with its festivals' dates, exports
without any individual's religion."""

import csv
import datetime
import io
from unittest import mock

import openpyxl
from django.urls import reverse

from dvs.religion.models import (
    Contact,
    Establishment,
    Festival,
    Group,
    Incident,
    KeyPerson,
    ReligiousOrganisation,
)

from .helpers import (
    make_contact,
    make_dignitary,
    make_establishment,
    make_festival,
    make_group,
    make_incident,
    make_key_person,
    religion,
)
from .test_registry_actions import RegistryTestCase

D = datetime.date


def export_rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


class ListTests(RegistryTestCase):
    def test_ward_a_officer_lists_ward_a_only_and_finds_without_accents(self):
        self.login(self.ward_a_officer)
        index = reverse("establishment:index")
        listed = list(self.client.get(index).context["object_list"])
        self.assertEqual(listed, [self.pagoda_a])
        found = self.client.get(index, {"q": "chua phuc lam"}).context["object_list"]
        self.assertEqual(list(found), [self.pagoda_a])
        self.assertEqual(
            list(self.client.get(index, {"q": "binh minh"}).context["object_list"]), []
        )

    def test_the_filters_of_kind_religion_and_relic(self):
        house = make_establishment(
            self.ward_a, "Đình An Bình", kind="communal_house", relic_ranking="national"
        )
        self.login(self.city_leader)
        index = reverse("establishment:index")

        def listed(**params):
            return list(self.client.get(index, params).context["object_list"])

        self.assertEqual(listed(kind="communal_house"), [house])
        self.assertEqual(listed(relic_ranking="national"), [house])
        self.assertEqual(listed(religion=religion().pk), [self.pagoda_a, self.pagoda_b])
        self.assertEqual(listed(unit=self.ward_b.pk), [self.pagoda_b])

    def test_unregistered_gathering_points_are_the_groups_not_registered(self):
        point = make_group(self.ward_a, "Điểm nhóm Tin lành khu 2")
        make_group(self.ward_a, "Nhóm đã đăng ký", state="approved", state_on=D(2025, 1, 2))
        self.login(self.ward_a_officer)
        listed = self.client.get(reverse("group:index"), {"state": "unregistered"})
        self.assertEqual(list(listed.context["object_list"]), [point])

    def test_the_organisation_limited_officer_sees_nothing(self):
        make_group(self.ward_a)
        make_incident(self.ward_a)
        self.login(self.ward_a_women_officer)
        for name in ("establishment", "festival", "group", "contact", "incident", "keyperson"):
            with self.subTest(name=name):
                response = self.client.get(reverse(f"{name}:index"))
                if response.status_code == 200:
                    self.assertEqual(list(response.context["object_list"]), [])
        response = self.client.get(reverse("establishment:inspect", args=[self.pagoda_a.pk]))
        self.assertIn(response.status_code, (302, 404))

    def test_a_sibling_wards_rows_are_not_found(self):
        group_b = make_group(self.ward_b)
        self.login(self.ward_a_officer)
        for url in (
            reverse("establishment:inspect", args=[self.pagoda_b.pk]),
            reverse("establishment:edit", args=[self.pagoda_b.pk]),
            reverse("group:edit", args=[group_b.pk]),
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_the_key_people_export_has_no_religion_column(self):
        make_key_person(self.ward_a, "Nguyễn Văn Uy", dignitary=make_dignitary(self.ward_a))
        self.login(self.ward_a_officer)
        for fmt in ("csv", "xlsx"):
            rows = export_rows(self.client.get(reverse("keyperson:index"), {"export": fmt}))
            with self.subTest(fmt=fmt):
                self.assertIn("Nguyễn Văn Uy", [str(v) for v in rows[1]])
                text = " ".join(str(v) for row in rows for v in row if v is not None).lower()
                self.assertNotIn("tôn giáo", text)
                self.assertNotIn("phật giáo", text)
                self.assertNotIn("religion", text)

    def test_the_contact_export_names_no_dignitary(self):
        contact = make_contact(self.ward_a)
        contact.dignitaries.add(make_dignitary(self.ward_a, "Từ Thành Đạt", "Thích Minh Nhẫn"))
        self.login(self.ward_a_officer)
        rows = export_rows(self.client.get(reverse("contact:index"), {"export": "csv"}))
        text = " ".join(" ".join(row) for row in rows)
        self.assertIn("Thăm hỏi dịp lễ Phật đản", text)
        self.assertNotIn("Thích Minh Nhẫn", text)


class FormTests(RegistryTestCase):
    def test_ward_a_officer_creates_and_edits_an_establishment_through_the_form(self):
        self.login(self.ward_a_officer)
        response = self.client.post(
            reverse("establishment:add"),
            {
                "unit": self.ward_a.pk,
                "name": "Chùa Bảo Quang",
                "kind": "pagoda",
                "religion": religion().pk,
                "relic_ranking": "provincial",
            },
        )
        self.assertEqual(response.status_code, 302)
        pagoda = Establishment.objects.get(name="Chùa Bảo Quang")
        self.assertEqual(pagoda.relic_ranking, "provincial")
        response = self.client.post(
            reverse("establishment:edit", args=[pagoda.pk]),
            {
                "unit": self.ward_a.pk,
                "name": "Chùa Bảo Quang",
                "kind": "pagoda",
                "religion": religion().pk,
                "address": "12 Lê Lợi",
            },
        )
        self.assertEqual(response.status_code, 302)
        pagoda.refresh_from_db()
        self.assertEqual(pagoda.address, "12 Lê Lợi")

    def test_the_actions_refusal_comes_back_on_the_form(self):
        self.login(self.ward_a_officer)
        response = self.client.post(
            reverse("establishment:add"),
            {
                "unit": self.ward_a.pk,
                "name": "Đình Mới",
                "kind": "communal_house",
                "religion": religion().pk,
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("religion", response.context["form"].errors)
        self.assertFalse(Establishment.objects.filter(name="Đình Mới").exists())

    def test_a_sibling_ward_is_not_offered_and_posting_it_saves_nothing(self):
        self.login(self.ward_a_officer)
        form = self.client.get(reverse("establishment:add")).context["form"]
        self.assertNotIn(self.ward_b, form.fields["unit"].queryset)
        response = self.client.post(
            reverse("establishment:add"),
            {
                "unit": self.ward_b.pk,
                "name": "Chùa Lạ",
                "kind": "pagoda",
                "religion": religion().pk,
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Establishment.objects.filter(name="Chùa Lạ").exists())

    def test_the_readonly_leader_reads_but_cannot_write(self):
        self.login(self.readonly_leader)
        self.assertEqual(self.client.get(reverse("establishment:index")).status_code, 200)
        page = self.client.get(reverse("establishment:inspect", args=[self.pagoda_a.pk]))
        self.assertEqual(page.status_code, 200)
        for url in (
            reverse("establishment:add"),
            reverse("establishment:edit", args=[self.pagoda_a.pk]),
        ):
            response = self.client.post(
                url,
                {
                    "unit": self.ward_a.pk,
                    "name": "Chùa Đổi",
                    "kind": "pagoda",
                    "religion": religion().pk,
                },
            )
            self.assertNotEqual(response.status_code, 200)
        self.assertFalse(Establishment.objects.filter(name="Chùa Đổi").exists())

    def test_festival_group_contact_incident_and_key_person_forms(self):
        self.login(self.ward_a_officer)
        with mock.patch("django.utils.timezone.localdate", return_value=D(2026, 3, 20)):
            posts = [
                (
                    "festival",
                    {
                        "establishment": self.pagoda_a.pk,
                        "name": "Lễ hội chùa",
                        "lunar": "on",
                        "day": 10,
                        "month": 3,
                        "duration_days": 1,
                        "scale": "ward",
                    },
                ),
                (
                    "group",
                    {
                        "unit": self.ward_a.pk,
                        "name": "Nhóm Bình An",
                        "religion": religion("tin-lanh").pk,
                        "state": "submitted",
                        "state_on": "02/03/2026",
                    },
                ),
                (
                    "contact",
                    {
                        "unit": self.ward_a.pk,
                        "kind": "dialogue",
                        "on": "02/03/2026",
                        "establishment": self.pagoda_a.pk,
                        "organisations": [self.ward_a_front.pk],
                        "topics": "Hội nghị đối thoại",
                    },
                ),
                (
                    "incident",
                    {
                        "unit": self.ward_a.pk,
                        "kind": "dispute",
                        "on": "02/03/2026",
                        "description": "Tranh chấp",
                        "status": "resolved",
                        "resolved_on": "05/03/2026",
                    },
                ),
                (
                    "keyperson",
                    {
                        "unit": self.ward_a.pk,
                        "kind": "core",
                        "name": "Lê Văn Cốt",
                        "since": "01/01/2025",
                    },
                ),
            ]
            for name, data in posts:
                with self.subTest(name=name):
                    response = self.client.post(reverse(f"{name}:add"), data)
                    errors = (
                        response.context["form"].errors if response.status_code == 200 else None
                    )
                    self.assertEqual(response.status_code, 302, errors)
        self.assertEqual(Festival.objects.get().day, 10)
        self.assertEqual(Group.objects.get().state_on, D(2026, 3, 2))
        self.assertEqual(list(Contact.objects.get().organisations.all()), [self.ward_a_front])
        self.assertEqual(Incident.objects.get().resolved_on, D(2026, 3, 5))
        self.assertEqual(KeyPerson.objects.get().since, D(2025, 1, 1))


class EstablishmentPageTests(RegistryTestCase):
    def test_the_page_shows_this_and_next_years_festival_dates_and_names_only(self):
        make_festival(self.pagoda_a, "Lễ hội chùa", day=10, month=3)
        make_dignitary(self.neighbourhood_a1, establishment=self.pagoda_a, id_number="001099012345")
        make_group(self.neighbourhood_a1)
        make_contact(self.ward_a, establishment=self.pagoda_a)
        self.login(self.ward_a_officer)
        with mock.patch("django.utils.timezone.localdate", return_value=D(2026, 3, 20)):
            page = self.client.get(reverse("establishment:inspect", args=[self.pagoda_a.pk]))
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "26/04/2026")  # 10/3 âm lịch 2026
        self.assertContains(page, "06/04/2026")  # notice due 20 days before
        self.assertContains(page, "16/04/2027")  # 10/3 âm lịch 2027
        # No rule set covers 2027 yet (the 2026 law): no notice date is made up.
        ((_festival, _url, this_year, next_year),) = page.context["festival_rows"]
        self.assertEqual(this_year.notice_due, D(2026, 4, 6))
        self.assertIsNone(next_year.notice_due)
        self.assertContains(page, "Thích Minh Nhẫn")
        self.assertNotContains(page, "001099012345")
        self.assertEqual(page.context["group_count"], 1)
        self.assertEqual(len(page.context["contacts"]), 1)


class ReferenceDataTests(RegistryTestCase):
    def test_the_board_enters_religious_organisations_and_a_ward_officer_only_reads(self):
        data = {
            "religion": religion().pk,
            "name": "Ban Trị sự phường",
            "status": "affiliate",
            "parent": self.sangha.pk,
        }
        self.login(self.ward_a_officer)
        self.assertEqual(self.client.get(reverse("religiousorganisation:index")).status_code, 200)
        response = self.client.post(reverse("religiousorganisation:add"), data)
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(ReligiousOrganisation.objects.filter(name="Ban Trị sự phường").exists())
        self.login(self.city_specialist)
        wrong = {**data, "parent": self.diocese.pk}
        response = self.client.post(reverse("religiousorganisation:add"), wrong)
        self.assertEqual(response.status_code, 200)
        self.assertIn("parent", response.context["form"].errors)
        response = self.client.post(reverse("religiousorganisation:add"), data)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            ReligiousOrganisation.objects.get(name="Ban Trị sự phường").parent, self.sangha
        )

    def test_religions_are_read_by_a_ward_officer(self):
        self.login(self.ward_a_officer)
        listed = self.client.get(reverse("religion:index")).context["object_list"]
        self.assertIn(religion(), list(listed))
        self.assertNotEqual(
            self.client.post(reverse("religion:edit", args=[religion().pk]), {}).status_code, 200
        )
