"""The back office of dignitaries: the list and its search, the record's page (every
opening logged; the protected fields behind "Xem" for those allowed, each reading
logged), the ID image's scoped door, the forms, and another ward's rows not found."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dvs.accounts.models import AuditEntry
from dvs.religion.actions import dignitaries as actions
from dvs.religion.models import Dignitary
from dvs.testing import use_temporary_media

from .helpers import make_dignitary, religion
from .test_dignitaries_actions import DignitaryTestCase, png_bytes

ID_NUMBER = "001075012345"


class AdminTestCase(DignitaryTestCase):
    def setUp(self):
        self.media, self.private = use_temporary_media(self)
        self.dignitary = make_dignitary(
            self.ward_a,
            birth_date=datetime.date(1975, 8, 15),
            sex="male",
            establishment=self.pagoda_a,
            position="Trụ trì",
        )
        self.dignitary.set_sensitive(
            id_number=ID_NUMBER, ethnicity="Kinh", id_issued_on="2021-04-10"
        )
        self.dignitary.save()
        actions.set_id_image(
            self.dignitary,
            by=self.city_specialist,
            upload=SimpleUploadedFile("cccd.png", png_bytes()),
        )
        self.other = make_dignitary(self.ward_b, "Trần Văn Bình", "Thích Thiện Bình")
        AuditEntry.objects.all().delete()

    def entries(self, action, dignitary=None):
        dignitary = dignitary or self.dignitary
        return AuditEntry.objects.filter(action=action, object_id=str(dignitary.pk))


class ListTests(AdminTestCase):
    def test_the_list_shows_names_and_positions_of_the_ward_only(self):
        self.login(self.ward_a_officer)
        response = self.client.get(reverse("dignitary:index"))
        self.assertContains(response, "Thích Minh Nhẫn")
        self.assertContains(response, "Trụ trì")
        self.assertContains(response, "Chùa Phúc Lâm")
        self.assertNotContains(response, "Thích Thiện Bình")
        self.assertNotContains(response, ID_NUMBER)

    def test_search_ignores_accents_and_never_reads_protected_fields(self):
        self.login(self.city_specialist)
        found = self.client.get(reverse("dignitary:index"), {"q": "thich minh nhan"})
        self.assertEqual([o.pk for o in found.context["object_list"]], [self.dignitary.pk])
        by_number = self.client.get(reverse("dignitary:index"), {"q": ID_NUMBER})
        self.assertEqual(list(by_number.context["object_list"]), [])

    def test_filters_by_classification_and_status(self):
        self.login(self.city_leader)
        url = reverse("dignitary:index")
        listed = self.client.get(url, {"classification": "dignitary"}).context["object_list"]
        self.assertEqual({o.pk for o in listed}, {self.dignitary.pk, self.other.pk})
        listed = self.client.get(url, {"classification": "official"}).context["object_list"]
        self.assertEqual(list(listed), [])
        listed = self.client.get(url, {"status": "retired"}).context["object_list"]
        self.assertEqual(list(listed), [])

    def test_exports_have_no_protected_column(self):
        import openpyxl

        self.login(self.city_specialist)
        csv = self.client.get(reverse("dignitary:index") + "?export=csv")
        content = b"".join(csv.streaming_content).decode()
        self.assertIn("Thích Minh Nhẫn", content)
        self.assertNotIn(ID_NUMBER, content)
        self.assertNotIn("Kinh", content)
        xlsx = self.client.get(reverse("dignitary:index") + "?export=xlsx")
        path = self.media / "export.xlsx"
        path.write_bytes(b"".join(xlsx.streaming_content))
        cells = [
            str(c)
            for row in openpyxl.load_workbook(path).active.iter_rows(values_only=True)
            for c in row
        ]
        self.assertIn("Thích Minh Nhẫn", cells)
        self.assertNotIn(ID_NUMBER, cells)
        self.assertNotIn("Kinh", cells)


class RecordPageTests(AdminTestCase):
    def test_every_opening_writes_one_audit_entry(self):
        self.login(self.ward_a_officer)
        url = reverse("dignitary:inspect", args=[self.dignitary.pk])
        for expected in (1, 2):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200)
            self.assertEqual(self.entries("dvs.open").count(), expected)
        self.assertEqual(self.entries("dvs.open").first().user, self.ward_a_officer)
        self.assertContains(response, "Thích Minh Nhẫn")
        self.client.get(reverse("dignitary:edit", args=[self.dignitary.pk]))
        self.assertEqual(self.entries("dvs.open").count(), 3)  # the edit page shows it too

    def test_another_wards_record_and_its_doors_are_not_found(self):
        self.login(self.ward_a_officer)
        for name in (
            "dignitary:inspect",
            "dignitary:edit",
            "religion_dignitary_position",
            "religion_dignitary_status",
            "religion_dignitary_id_image",
        ):
            with self.subTest(url=name):
                url = reverse(name, args=[self.other.pk])
                self.assertEqual(self.client.get(url).status_code, 404)
        self.assertFalse(self.entries("dvs.open", self.other).exists())

    def test_an_officer_without_the_right_sees_no_view_button_and_cannot_reveal(self):
        self.login(self.ward_a_officer)
        url = reverse("dignitary:inspect", args=[self.dignitary.pk])
        page = self.client.get(url)
        self.assertNotContains(page, 'name="reveal"')
        self.assertNotContains(page, ID_NUMBER)
        self.assertEqual(self.client.post(url, {"reveal": "1"}).status_code, 404)
        self.assertFalse(self.entries("dvs.reveal").exists())

    def test_a_permitted_user_reveals_on_request_and_the_reading_is_logged(self):
        self.login(self.city_specialist)
        url = reverse("dignitary:inspect", args=[self.dignitary.pk])
        page = self.client.get(url)
        self.assertContains(page, 'name="reveal"')
        self.assertNotContains(page, ID_NUMBER)
        self.assertFalse(self.entries("dvs.reveal").exists())
        revealed = self.client.post(url, {"reveal": "1"})
        self.assertContains(revealed, ID_NUMBER)
        self.assertContains(revealed, "Kinh")
        self.assertContains(revealed, "10/04/2021")
        self.assertEqual(self.entries("dvs.reveal").count(), 1)
        self.assertEqual(self.entries("dvs.open").count(), 1)  # the GET; the reveal is its own

    def test_the_id_image_is_served_only_to_those_allowed_and_logged(self):
        url = reverse("religion_dignitary_id_image", args=[self.dignitary.pk])
        for user in (self.ward_a_officer, self.readonly_leader, self.city_leader):
            self.login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(url).status_code, 404)
        self.assertFalse(self.entries("dvs.reveal").exists())
        self.login(self.city_specialist)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/png")
        self.assertEqual(b"".join(response.streaming_content), png_bytes())
        entry = self.entries("dvs.reveal").get()
        self.assertEqual(entry.data, {"fields": ["id_image"]})


class FormTests(AdminTestCase):
    def test_a_ward_officer_adds_a_dignitary_without_protected_fields(self):
        self.login(self.ward_a_officer)
        add = reverse("dignitary:add")
        page = self.client.get(add)
        self.assertNotContains(page, 'name="id_number"')
        response = self.client.post(
            add,
            {
                "unit": self.ward_a.pk,
                "religion": religion("cong-giao").pk,
                "birth_name": "Nguyễn Văn Phêrô",
                "religious_name": "Giuse",
                "is_official": "on",
                "id_number": "001080099999",  # not a field of this form: ignored
            },
        )
        self.assertEqual(response.status_code, 302)
        created = Dignitary.objects.get(birth_name="Nguyễn Văn Phêrô")
        self.assertTrue(created.is_official)
        self.assertEqual(created.reveal(self.city_specialist)["id_number"], "")

    def test_the_form_refuses_a_dignitary_without_classification(self):
        self.login(self.ward_a_officer)
        response = self.client.post(
            reverse("dignitary:add"),
            {"unit": self.ward_a.pk, "religion": religion().pk, "birth_name": "Lê Văn Ba"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Dignitary.objects.filter(birth_name="Lê Văn Ba").exists())

    def test_a_permitted_user_sets_protected_fields_through_the_form(self):
        self.login(self.city_specialist)
        response = self.client.post(
            reverse("dignitary:add"),
            {
                "unit": self.ward_b.pk,
                "religion": religion().pk,
                "birth_name": "Lê Văn Tư",
                "sex": "male",
                "birth_date": "01/02/1980",
                "is_practitioner": "on",
                "id_number": "001080099999",
                "ethnicity": "Tày",
            },
        )
        self.assertEqual(response.status_code, 302)
        created = Dignitary.objects.get(birth_name="Lê Văn Tư")
        values = created.reveal(self.city_specialist)
        self.assertEqual((values["id_number"], values["ethnicity"]), ("001080099999", "Tày"))

    def test_positions_and_status_are_recorded_from_the_record_page(self):
        self.login(self.ward_a_officer)
        self.client.post(
            reverse("religion_dignitary_position", args=[self.dignitary.pk]),
            {"title": "Phó trụ trì", "started_on": "01/01/2010", "ended_on": "31/12/2011"},
        )
        self.client.post(
            reverse("religion_dignitary_status", args=[self.dignitary.pk]),
            {"status": "retired", "on": "01/06/2025"},
        )
        self.dignitary.refresh_from_db()
        self.assertEqual(self.dignitary.status, "retired")
        page = self.client.get(reverse("dignitary:inspect", args=[self.dignitary.pk]))
        self.assertContains(page, "Phó trụ trì")
        self.assertContains(page, "01/06/2025")

    def test_a_permitted_user_edits_and_keeps_the_protected_fields(self):
        self.login(self.city_specialist)
        url = reverse("dignitary:edit", args=[self.dignitary.pk])
        form = self.client.get(url).context["form"]
        data = {
            name: value
            for name, value in form.initial.items()
            if name in form.fields and value not in (None, "")
        }
        data.update(
            {
                "unit": self.ward_a.pk,
                "religion": self.dignitary.religion_id,
                "establishment": self.pagoda_a.pk,
                "birth_date": "15/08/1975",
                "id_issued_on": "10/04/2021",
                "is_dignitary": "on",
                "rank": "Thượng tọa",
            }
        )
        data = {k: v for k, v in data.items() if not isinstance(v, bool)}
        data["is_dignitary"] = "on"
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        self.dignitary.refresh_from_db()
        self.assertEqual(self.dignitary.rank, "Thượng tọa")
        values = self.dignitary.reveal(self.city_specialist)
        self.assertEqual((values["id_number"], values["id_issued_on"]), (ID_NUMBER, "2021-04-10"))


class DeleteTests(AdminTestCase):
    def test_deleting_a_record_deletes_its_id_image_and_only_in_scope(self):
        files = [p for p in self.private.rglob("*") if p.is_file()]
        self.assertEqual(len(files), 1)
        url = reverse("dignitary:delete", args=[self.dignitary.pk])
        self.login(self.ward_b_officer)
        self.assertEqual(self.client.post(url).status_code, 404)
        self.login(self.readonly_leader)
        self.client.post(url)
        self.assertTrue(Dignitary.objects.filter(pk=self.dignitary.pk).exists())
        self.login(self.ward_a_officer)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url)
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Dignitary.objects.filter(pk=self.dignitary.pk).exists())
        self.assertFalse(files[0].exists())
        self.assertEqual(self.entries("wagtail.delete").count(), 1)

    def test_deleting_the_latest_status_change_gives_back_the_one_before(self):
        actions.record_status(
            self.dignitary, by=self.ward_a_officer, status="active", on=datetime.date(2020, 1, 1)
        )
        latest = actions.record_status(
            self.dignitary, by=self.ward_a_officer, status="retired", on=datetime.date(2025, 6, 1)
        )
        self.dignitary.refresh_from_db()
        self.assertEqual(self.dignitary.status, "retired")
        self.login(self.ward_a_officer)
        self.client.post(reverse("dignitarystatuschange:delete", args=[latest.pk]))
        self.dignitary.refresh_from_db()
        self.assertEqual(
            (self.dignitary.status, self.dignitary.status_on), ("active", datetime.date(2020, 1, 1))
        )
