"""The no-leak proof of religious affairs (issue 15, "Done means").

A dignitary carries an ID number, an ethnicity and a religion that appear nowhere else
(distinctive strings), and a resident of the same ward has a religion set. For a ward
officer who may not read dignitaries' protected fields and for the read-only leader,
every door that lists, exports, searches, answers the API, logs or notifies is opened,
and its body searched for those strings:

* the dignitary list, its search, its CSV and XLSX exports, the record's page, the API
  list and detail: never the ID number or the ethnicity;
* the audit log (every entry's data and label, after writes with protected values,
  openings and a permitted reading): never the ID number or the ethnicity;
* the work list (dashboard and /api/v1/work), the admin search, the site history: never
  the ID number, the ethnicity, nor either religion;
* the residents' list, search, exports and API list: never the ID number, the ethnicity,
  nor the resident's religion; and no screen outside /admin/religion… (and the religion
  API) names the dignitary's religion.

The positive control: the Board's specialist's reveal shows them, and writes exactly
one audit entry.
"""

import datetime
import json

from django.urls import reverse

from dvs.accounts.models import AuditEntry
from dvs.people.tests.helpers import add_person
from dvs.religion.actions import dignitaries as actions
from dvs.religion.models import Religion
from dvs.testing import BaseTestCase, bearer, use_temporary_media

from .helpers import make_establishment

ID_NUMBER = "079088246813"  # TP HCM, a man born in 1988
ETHNICITY = "Xơ Đăng Khúc"
RELIGION = "Đạo Thử Nghiệm Riêng"
RESIDENT_RELIGION = "Tịnh Độ Thử Riêng"
SECRETS = (ID_NUMBER, ETHNICITY)


class NoLeakTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.religion = Religion.objects.create(
            code="dao-thu-nghiem", name=RELIGION, recognised=False, order=99
        )
        pagoda = make_establishment(cls.ward_a, "Chùa Phúc Lâm")
        cls.dignitary = actions.create_dignitary(
            by=cls.city_specialist,
            unit=cls.ward_a,
            religion=cls.religion,
            establishment=pagoda,
            birth_name="Từ Thành Đạt",
            religious_name="Thích Minh Nhẫn",
            birth_date=datetime.date(1988, 5, 4),
            sex="male",
            is_dignitary=True,
            position="Trụ trì",
            sensitive={"id_number": ID_NUMBER, "ethnicity": ETHNICITY, "id_issued_by": "Cục CS"},
        )
        actions.update_dignitary(
            cls.dignitary, by=cls.city_specialist, sensitive={"ethnicity": ETHNICITY}
        )
        actions.add_position(cls.dignitary, by=cls.ward_a_officer, title="Trụ trì")
        actions.record_status(
            cls.dignitary, by=cls.ward_a_officer, status="active", on=datetime.date(2020, 1, 1)
        )
        cls.resident = add_person(
            cls.neighbourhood_a1,
            "Nguyễn Thị Tín",
            sex="female",
            religion=RESIDENT_RELIGION,
            ethnicity=ETHNICITY,
        )

    def setUp(self):
        use_temporary_media(self)
        # The permitted user's reading, so the log holds one to search too.
        self.dignitary.reveal(self.city_specialist)

    # What is searched ----------------------------------------------------------------

    def body(self, response):
        if getattr(response, "streaming", False):
            content = b"".join(response.streaming_content)
        else:
            content = response.content
        if content[:2] == b"PK":  # an XLSX: its cells, not its zip
            return self.xlsx_text(content)
        return content.decode("utf-8", errors="replace")

    def xlsx_text(self, content):
        import io

        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return " ".join(
            str(cell)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )

    def assert_clean(self, text, where, forbidden=SECRETS):
        for secret in forbidden:
            self.assertNotIn(secret, text, f"{secret!r} leaks through {where}")

    def screen(self, user, url, **params):
        self.client.force_login(user)
        response = self.client.get(url, params)
        self.assertIn(response.status_code, (200, 302, 403, 404), url)
        return self.body(response) if response.status_code == 200 else ""

    def found(self, user, url, query):
        """The rows a listing's search returns (not its page, which echoes the query)."""
        self.client.force_login(user)
        response = self.client.get(url, {"q": query})
        return list(response.context["object_list"]) if response.status_code == 200 else []

    def api(self, user, path, **params):
        response = self.client.get(f"/api/v1{path}", params, headers=bearer(user))
        self.assertIn(response.status_code, (200, 403, 404), path)
        if response.status_code != 200:
            return ""
        # The JSON as a person reads it (not "\\u1ec5" escapes, which would hide a name).
        return json.dumps(response.json(), ensure_ascii=False)

    # The proof -----------------------------------------------------------------------

    def users(self):
        return {"ward_a_officer": self.ward_a_officer, "readonly_leader": self.readonly_leader}

    def test_the_dignitary_doors_never_show_the_id_number_or_ethnicity(self):
        index = reverse("dignitary:index")
        inspect = reverse("dignitary:inspect", args=[self.dignitary.pk])
        for who, user in self.users().items():
            with self.subTest(user=who):
                listing = self.screen(user, index)
                self.assertIn("Thích Minh Nhẫn", listing)  # the door is really open
                self.assert_clean(listing, "the dignitary list")
                self.assert_clean(self.screen(user, index, q="thich minh"), "a name search")
                # A search by a protected value finds nobody (the search box shows
                # what was typed, so the list is what is checked).
                for query in (ID_NUMBER, ETHNICITY, RELIGION):
                    self.assertEqual(self.found(user, index, query), [], query)
                csv = self.screen(user, index, export="csv")
                self.assertIn("Thích Minh Nhẫn", csv)
                self.assert_clean(csv, "the CSV export")
                xlsx = self.screen(user, index, export="xlsx")
                self.assertIn("Thích Minh Nhẫn", xlsx)
                self.assert_clean(xlsx, "the XLSX export")
                page = self.screen(user, inspect)
                self.assertIn("Trụ trì", page)
                self.assert_clean(page, "the record's page")
                self.client.force_login(user)
                self.assertEqual(self.client.post(inspect, {"reveal": "1"}).status_code, 404)
                image = reverse("religion_dignitary_id_image", args=[self.dignitary.pk])
                self.assertEqual(self.client.get(image).status_code, 404)
                api_list = self.api(user, "/religion/figures")
                self.assertIn("Thích Minh Nhẫn", api_list)
                self.assert_clean(api_list, "the API list")
                for query in ({"unit": "A"}, {"classification": "dignitary"}):
                    self.assert_clean(self.api(user, "/religion/figures", **query), "the API list")
                detail = self.api(user, f"/religion/figures/{self.dignitary.pk}")
                self.assertIn("Thích Minh Nhẫn", detail)
                self.assert_clean(detail, "the API detail")

    def test_the_audit_log_never_holds_a_protected_value(self):
        for user in self.users().values():
            self.screen(user, reverse("dignitary:inspect", args=[self.dignitary.pk]))
            self.api(user, f"/religion/figures/{self.dignitary.pk}")
        entries = list(AuditEntry.objects.all())
        self.assertTrue(any(e.action == "dvs.open" for e in entries))
        self.assertTrue(any(e.action == "dvs.reveal" for e in entries))
        for entry in entries:
            text = f"{entry.label} {entry.data} {entry.action}"
            self.assert_clean(text, f"the audit entry {entry.action}")
            self.assert_clean(text, f"the audit entry {entry.action}", (RESIDENT_RELIGION,))
        for who, user in self.users().items():
            with self.subTest(user=who):
                history = self.screen(user, reverse("wagtailadmin_reports:site_history"))
                self.assert_clean(
                    history, "the site history", (*SECRETS, RELIGION, RESIDENT_RELIGION)
                )
                dignitary_history = self.screen(
                    user, reverse("dignitary:history", args=[self.dignitary.pk])
                )
                self.assert_clean(dignitary_history, "the record's history")

    def test_the_work_list_and_the_admin_search_never_name_them(self):
        forbidden = (*SECRETS, RELIGION, RESIDENT_RELIGION)
        for who, user in self.users().items():
            with self.subTest(user=who):
                dashboard = self.screen(user, reverse("wagtailadmin_home"))
                self.assertTrue(dashboard)
                self.assert_clean(dashboard, "the dashboard", forbidden)
                self.assert_clean(self.api(user, "/work"), "the work list API", forbidden)
                for query in ("Thích Minh Nhẫn", "Nguyễn Thị Tín"):
                    self.assert_clean(
                        self.screen(user, reverse("wagtailadmin_pages:search"), q=query),
                        "the admin search",
                        forbidden,
                    )

    def test_the_residents_doors_never_show_a_religion_or_the_protected_values(self):
        forbidden = (*SECRETS, RELIGION, RESIDENT_RELIGION)
        index = reverse("person:index")
        for who, user in self.users().items():
            with self.subTest(user=who):
                listing = self.screen(user, index)
                self.assertIn("Nguyễn Thị Tín", listing)
                self.assert_clean(listing, "the residents' list", forbidden)
                self.assert_clean(
                    self.screen(user, index, q="nguyen thi tin"), "a resident search", forbidden
                )
                for query in (RESIDENT_RELIGION, ETHNICITY, ID_NUMBER):
                    self.assertEqual(self.found(user, index, query), [], query)
                for export in ("csv", "xlsx"):
                    content = self.screen(user, index, export=export)
                    self.assertIn("Nguyễn Thị Tín", content)
                    self.assert_clean(content, f"the residents' {export} export", forbidden)
                people = self.api(user, "/people")
                self.assertIn("Nguyễn Thị Tín", people)
                self.assert_clean(people, "the residents' API list", forbidden)
                searched = self.client.get(
                    "/api/v1/people", {"q": RESIDENT_RELIGION}, headers=bearer(user)
                ).json()
                self.assertEqual(searched["items"], [])
        # The read-only leader does not keep the registry: not even the resident's own
        # record names the religion. (A ward officer keeps it and reads it on the
        # resident's protected view: the people app's rule, not a list.)
        detail = self.api(self.readonly_leader, f"/people/{self.resident.pk}")
        self.assertIn("Nguyễn Thị Tín", detail)
        self.assert_clean(detail, "the resident's API detail", forbidden)
        page = self.screen(self.readonly_leader, reverse("person:inspect", args=[self.resident.pk]))
        self.assert_clean(page, "the resident's page", forbidden)

    def test_positive_control_the_permitted_reveal_shows_them_and_logs_once(self):
        self.client.force_login(self.city_specialist)
        inspect = reverse("dignitary:inspect", args=[self.dignitary.pk])
        AuditEntry.objects.filter(action="dvs.reveal").delete()
        page = self.body(self.client.get(inspect))
        self.assert_clean(page, "the page before the reveal")
        revealed = self.body(self.client.post(inspect, {"reveal": "1"}))
        self.assertIn(ID_NUMBER, revealed)
        self.assertIn(ETHNICITY, revealed)
        entries = AuditEntry.objects.filter(action="dvs.reveal", object_id=str(self.dignitary.pk))
        self.assertEqual(entries.count(), 1)
        self.assertEqual(entries.get().user, self.city_specialist)
        self.assert_clean(f"{entries.get().label} {entries.get().data}", "the reveal's entry")
