from dvs.people.models import ImportJob, Person
from dvs.people.tests.helpers import add_person, xlsx
from dvs.testing import BaseTestCase


class PeopleApiTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.an = add_person(
            cls.neighbourhood_a1,
            "Nguyễn Văn An",
            birth_year=1980,
            id_number="027080012345",
            religion="Công giáo",
        )
        add_person(cls.neighbourhood_a2, "Đặng Thị Ánh", sex="female", birth_year=1990)
        add_person(cls.neighbourhood_a1, "Lê Văn Bình", birth_year=1970)

    def names(self, response):
        return [item["full_name"] for item in response.json()["items"]]

    def test_list_is_sorted_the_vietnamese_way_unless_asked_otherwise(self):
        self.assertEqual(
            self.names(self.api_get("/people", self.ward_a_officer)),
            ["Nguyễn Văn An", "Đặng Thị Ánh", "Lê Văn Bình"],
        )
        self.assertEqual(
            self.names(self.api_get("/people", self.ward_a_officer, ordering="-birth")),
            ["Đặng Thị Ánh", "Nguyễn Văn An", "Lê Văn Bình"],
        )

    def test_search_merges_given_and_family_name_matches(self):
        add_person(self.neighbourhood_a1, "Bình Văn Tư")
        self.assertEqual(
            self.names(self.api_get("/people", self.ward_a_officer, q="binh")),
            ["Lê Văn Bình", "Bình Văn Tư"],
        )
        self.login(self.ward_a_officer)
        from django.urls import reverse

        listing = self.client.get(reverse("person:index"), {"q": "binh"})
        self.assertEqual(
            [p.full_name for p in listing.context["object_list"]], ["Lê Văn Bình", "Bình Văn Tư"]
        )

    def test_accent_insensitive_search_and_unit_filter(self):
        self.assertEqual(
            self.names(self.api_get("/people", self.ward_a_officer, q="dang thi anh")),
            ["Đặng Thị Ánh"],
        )
        self.assertEqual(
            self.names(self.api_get("/people", self.ward_a_officer, unit="A2")), ["Đặng Thị Ánh"]
        )

    def test_detail_shows_protected_data_only_to_roles_that_may_see_it(self):
        mine = self.api_get(f"/people/{self.an.pk}", self.ward_a_officer).json()
        self.assertEqual((mine["id_number"], mine["religion"]), ("027080012345", "Công giáo"))
        theirs = self.api_get(f"/people/{self.an.pk}", self.city_specialist).json()
        self.assertIsNone(theirs["id_number"])
        self.assertNotIn("027080012345", str(self.api_get("/people", self.city_specialist).json()))

    def test_create_validates_and_saves(self):
        token = self.token_for(self.ward_a_officer)
        headers = {"Authorization": f"Bearer {token}"}
        bad = self.client.post(
            "/api/v1/people",
            {
                "full_name": "Mới",
                "sex": "male",
                "unit": "A1",
                "birth_year": 1990,
                "id_number": "027180012345",
            },
            content_type="application/json",
            headers=headers,
        )
        self.assertEqual(bad.status_code, 422)
        self.assertIn("Số CCCD không khớp với giới tính.", bad.json()["errors"])
        good = self.client.post(
            "/api/v1/people",
            {
                "full_name": "Phạm Văn Mới",
                "sex": "male",
                "unit": "A1",
                "birth_year": 1990,
                "id_number": "027090012399",
            },
            content_type="application/json",
            headers=headers,
        )
        self.assertEqual(good.status_code, 201, good.content)
        self.assertEqual(good.json()["id_number"], "027090012399")
        outside = self.client.post(
            "/api/v1/people",
            {"full_name": "Ngoài", "sex": "male", "unit": "B1", "birth_year": 1990},
            content_type="application/json",
            headers=headers,
        )
        self.assertEqual(outside.status_code, 404)

    def test_import_runs_and_reports_its_status(self):
        token = self.token_for(self.ward_a_officer)
        upload = xlsx(
            [
                ["Họ và tên", "Ngày sinh", "Giới tính", "Khu phố"],
                ["Vũ Thị Hoa", "01/02/1985", "Nữ", "Khu phố 2"],
                ["Sai Ngày", "31/02/1985", "Nữ", "Khu phố 2"],
            ]
        )
        response = self.client.post(
            "/api/v1/people/import",
            {"unit": "A", "file": upload},
            headers={"Authorization": f"Bearer {token}"},
        )
        self.assertEqual(response.status_code, 202)
        status = self.api_get(f"/people/import/{response.json()['id']}", self.ward_a_officer).json()
        self.assertEqual(
            (status["status"], status["imported"], status["rejected"], status["progress"]),
            ("done", 1, 1, 100),
        )
        self.assertEqual(status["errors"][0]["row"], 3)
        self.assertTrue(
            Person.objects.filter(full_name="Vũ Thị Hoa", unit=self.neighbourhood_a2).exists()
        )

    def test_import_of_a_file_that_is_not_a_spreadsheet_is_refused(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        token = self.token_for(self.ward_a_officer)
        response = self.client.post(
            "/api/v1/people/import",
            {"unit": "A", "file": SimpleUploadedFile("a.pdf", b"%PDF")},
            headers={"Authorization": f"Bearer {token}"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("Chỉ nhập được", response.json()["detail"])
        self.assertFalse(ImportJob.objects.exists())
