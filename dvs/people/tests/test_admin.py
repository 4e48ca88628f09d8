from django.urls import reverse

from dvs.accounts.models import AuditEntry
from dvs.people.models import EligibilityRule, Membership, Person
from dvs.people.tests.helpers import add_person
from dvs.testing import BaseTestCase


class ResidentListTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.lan = add_person(
            cls.neighbourhood_a1,
            "Hoàng Thị Lan",
            sex="female",
            birth_year=1990,
            id_number="027190012345",
            ethnicity="Tày",
            religion="Phật giáo",
        )
        add_person(cls.neighbourhood_a2, "Đặng Văn Dũng", birth_year=1975)
        add_person(cls.neighbourhood_b1, "Ngô Văn Bình", birth_year=1960)

    def test_the_list_is_sorted_the_vietnamese_way_and_searchable_without_accents(self):
        self.login(self.ward_a_officer)
        listing = self.client.get(reverse("person:index"))
        self.assertEqual(
            [p.full_name for p in listing.context["object_list"]],
            ["Đặng Văn Dũng", "Hoàng Thị Lan"],
        )
        found = self.client.get(reverse("person:index"), {"q": "dang van"})
        self.assertEqual([p.full_name for p in found.context["object_list"]], ["Đặng Văn Dũng"])

    def test_protected_data_never_reaches_the_list_search_or_export(self):
        self.login(self.ward_a_officer)
        response = self.client.get(reverse("person:index"))
        self.assertNotContains(response, "027190012345")
        self.assertNotContains(response, "Tày")
        export = self.client.get(reverse("person:index"), {"export": "xlsx"})
        content = b"".join(export.streaming_content)
        self.assertNotIn(b"027190012345", content)
        self.assertFalse(AuditEntry.objects.filter(action="dvs.reveal").exists())

    def test_only_roles_that_may_see_id_numbers_can_search_by_them(self):
        self.login(self.ward_a_officer)
        found = self.client.get(reverse("person:index"), {"q": "0271 9001 2345"})
        self.assertEqual([p.full_name for p in found.context["object_list"]], ["Hoàng Thị Lan"])
        self.login(self.city_specialist)
        found = self.client.get(reverse("person:index"), {"q": "027190012345"})
        self.assertEqual(list(found.context["object_list"]), [])

    def test_listing_queries_do_not_grow_with_the_rows_shown(self):
        self.login(self.city_leader)
        self.client.get(reverse("person:index"))
        # 15: one reads whether the grants oversee units below (the menu: viewsets.may_use).
        with self.assertNumQueries(15):
            self.client.get(reverse("person:index"))
        for n in range(20):
            add_person(self.neighbourhood_a1, f"Người Thứ {n}")
        with self.assertNumQueries(15):
            self.client.get(reverse("person:index"))

    def test_the_sensitive_page_shows_the_data_and_who_looked(self):
        self.login(self.neighbourhood_a1_committee)
        page = self.client.get(reverse("people_person_sensitive", args=[self.lan.pk]))
        self.assertContains(page, "027190012345")
        self.assertContains(page, "neighbourhood_a1_committee")
        self.login(self.city_specialist)
        self.assertEqual(
            self.client.get(reverse("people_person_sensitive", args=[self.lan.pk])).status_code, 404
        )

    def test_the_full_export_is_for_permitted_roles_only_and_logged(self):
        self.login(self.ward_a_officer)
        response = self.client.get(reverse("people_export_sensitive"))
        import io

        import openpyxl

        rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
        self.assertIn("027190012345", [cell for row in rows for cell in row])
        self.assertEqual(AuditEntry.objects.filter(action="dvs.export_sensitive").count(), 1)
        self.login(self.city_specialist)
        refused = self.client.get(reverse("people_export_sensitive"))
        self.assertEqual(refused.status_code, 302)  # the admin's "no permission" redirect
        self.assertEqual(AuditEntry.objects.filter(action="dvs.export_sensitive").count(), 1)

    def test_an_officer_edits_a_resident_with_protected_fields_and_bad_id_is_refused(self):
        self.login(self.ward_a_officer)
        url = reverse("person:edit", args=[self.lan.pk])
        form = self.client.get(url)
        self.assertContains(form, "027190012345")
        data = {
            "full_name": "Hoàng Thị Lan",
            "sex": "female",
            "birth_year": "1990",
            "unit": self.neighbourhood_a1.pk,
            "status": "living",
            "id_number": "027090012345",
            "ethnicity": "Tày",
            "religion": "Phật giáo",
        }
        response = self.client.post(url, data)
        self.assertContains(response, "Số CCCD không khớp với giới tính.")
        data["id_number"] = "027190099999"
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.lan.refresh_from_db()
        self.assertEqual(self.lan.reveal(self.ward_a_officer)["id_number"], "027190099999")

    def test_an_organisation_officer_edits_without_seeing_protected_fields(self):
        self.login(self.ward_a_women_officer)
        response = self.client.get(reverse("person:inspect", args=[self.lan.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "027190012345")
        self.assertNotContains(response, reverse("people_person_sensitive", args=[self.lan.pk]))


class CoverageAndDuplicatesTests(BaseTestCase):
    def test_coverage_counts_members_against_eligible_residents(self):
        EligibilityRule.objects.create(kind=self.women_kind, sex="female", min_age=18)
        for n in range(4):
            person = add_person(self.neighbourhood_a1, f"Lê Thị {n}", sex="female", birth_year=1980)
            if n < 3:
                Membership.objects.create(person=person, organisation=self.ward_a_women)
        add_person(self.neighbourhood_a1, "Lê Thị Nhỏ", sex="female", birth_year=2020)
        add_person(self.neighbourhood_a1, "Lê Văn Nam", sex="male", birth_year=1980)
        self.login(self.ward_a_officer)
        page = self.client.get(reverse("people_coverage"))
        row = next(r for r in page.context["rows"] if r["organisation"] == self.ward_a_women)
        self.assertEqual((row["members"], row["eligible"], row["coverage"]), (3, 4, 75.0))
        stats = self.api_get("/memberships/stats", self.ward_a_officer, unit="A").json()
        women = next(s for s in stats if s["organisation"] == self.ward_a_women.pk)
        self.assertEqual((women["members"], women["eligible"], women["coverage"]), (3, 4, 75.0))

    def test_duplicates_are_shown_side_by_side_and_merged_with_their_memberships(self):
        keep = add_person(self.neighbourhood_a1, "Trần Văn Hải", birth_year=1970)
        drop = add_person(
            self.neighbourhood_a1,
            "Tran Van Hai".replace("Tran Van Hai", "Trần Văn Hải"),
            birth_year=1970,
            id_number="027070012345",
        )
        Membership.objects.create(person=drop, organisation=self.ward_a_front)
        self.login(self.ward_a_officer)
        page = self.client.get(reverse("people_duplicates"))
        self.assertEqual(len(page.context["groups"]), 1)
        self.client.post(reverse("people_merge"), {"keep": keep.pk, "drop": drop.pk})
        self.assertFalse(Person.objects.filter(pk=drop.pk).exists())
        keep.refresh_from_db()
        self.assertEqual(keep.memberships.get().organisation, self.ward_a_front)
        self.assertEqual(keep.reveal(self.ward_a_officer)["id_number"], "027070012345")
        self.assertTrue(
            AuditEntry.objects.filter(action="dvs.merge", object_id=str(keep.pk)).exists()
        )

    def test_records_of_another_ward_cannot_be_merged(self):
        keep = add_person(self.neighbourhood_a1, "Trần Văn Hải", birth_year=1970)
        other = add_person(self.neighbourhood_b1, "Trần Văn Hải", birth_year=1970)
        self.login(self.ward_a_officer)
        response = self.client.post(reverse("people_merge"), {"keep": keep.pk, "drop": other.pk})
        self.assertEqual(response.status_code, 404)
        self.assertTrue(Person.objects.filter(pk=other.pk).exists())


class LongListTests(BaseTestCase):
    def test_a_long_list_is_counted_up_to_the_cap_and_says_so(self):
        from unittest import mock

        for n in range(5):
            add_person(self.neighbourhood_a1, f"Người Số {n}")
        self.login(self.ward_a_officer)
        with mock.patch("dvs.lib.paging.COUNT_CAP", 3):
            listing = self.client.get(reverse("person:index"))
            self.assertContains(listing, "Có hơn 3 người dân phù hợp")
            self.assertEqual(listing.context["page_obj"].paginator.count, 3)
            api = self.api_get("/people", self.ward_a_officer).json()
            self.assertEqual((api["count"], api["count_is_capped"]), (3, True))
        api = self.api_get("/people", self.ward_a_officer).json()
        self.assertEqual((api["count"], api["count_is_capped"]), (5, False))


class BranchCoverageTests(BaseTestCase):
    def test_a_ward_association_counts_the_members_of_its_neighbourhood_branches(self):
        from dvs.people.stats import membership_stats
        from dvs.units.models import Organisation

        EligibilityRule.objects.create(kind=self.women_kind, sex="female", min_age=18)
        branch = Organisation.objects.create(
            kind=self.women_kind,
            unit=self.neighbourhood_a1,
            name="Chi hội Phụ nữ khu phố 1",
            parent=self.ward_a_women,
        )
        for n in range(2):
            person = add_person(self.neighbourhood_a1, f"Lê Thị {n}", sex="female", birth_year=1980)
            Membership.objects.create(person=person, organisation=branch)
        add_person(self.neighbourhood_a2, "Vũ Thị Ba", sex="female", birth_year=1980)
        rows = {
            row["organisation"]: row for row in membership_stats(self.ward_a_officer, self.ward_a)
        }
        self.assertEqual((rows[branch]["members"], rows[branch]["eligible"]), (2, 2))
        self.assertEqual(
            (rows[self.ward_a_women]["members"], rows[self.ward_a_women]["eligible"]), (2, 3)
        )


class AuditLogTests(BaseTestCase):
    def test_editing_protected_fields_leaves_no_clear_value_in_the_audit_log(self):
        person = add_person(self.neighbourhood_a1, "Hoàng Thị Lan", sex="female", birth_year=1990)
        self.login(self.ward_a_officer)
        self.client.post(
            reverse("person:edit", args=[person.pk]),
            {
                "full_name": "Hoàng Thị Lan",
                "sex": "female",
                "birth_year": "1990",
                "unit": self.neighbourhood_a1.pk,
                "status": "living",
                "id_number": "027190012345",
                "ethnicity": "Tày",
                "religion": "Phật giáo",
            },
        )
        entries = AuditEntry.objects.filter(object_id=str(person.pk))
        self.assertTrue(entries.filter(action="wagtail.edit").exists())
        logged = str(list(entries.values_list("label", "data")))
        for secret in ("027190012345", "Tày", "Phật giáo"):
            self.assertNotIn(secret, logged)
