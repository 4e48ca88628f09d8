from django.core.exceptions import PermissionDenied
from django.db import connection

from dvs.accounts.models import AuditEntry
from dvs.people.models import Person
from dvs.people.tests.helpers import add_person
from dvs.testing import BaseTestCase


class SearchAndSortTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for name in ["Nguyễn Văn An", "Trần Thị Ánh", "Đặng Văn Dũng", "Lê Thị An", "Phạm Đức Anh"]:
            add_person(cls.neighbourhood_a1, name)

    def names(self, queryset):
        return list(queryset.values_list("full_name", flat=True))

    def test_search_without_accents_in_any_case_finds_the_person(self):
        self.assertEqual(self.names(Person.objects.search("nguyen van an")), ["Nguyễn Văn An"])
        self.assertEqual(self.names(Person.objects.search("NGUYỄN VĂN")), ["Nguyễn Văn An"])

    def test_d_in_the_query_matches_d_with_stroke(self):
        self.assertEqual(self.names(Person.objects.search("dang van")), ["Đặng Văn Dũng"])

    def test_a_given_name_alone_finds_everyone_called_so(self):
        found = set(self.names(Person.objects.search("an")))
        self.assertEqual(found, {"Nguyễn Văn An", "Lê Thị An", "Phạm Đức Anh", "Trần Thị Ánh"})
        self.assertEqual(
            set(self.names(Person.objects.search("anh"))), {"Phạm Đức Anh", "Trần Thị Ánh"}
        )

    def test_a_word_that_is_a_given_name_and_a_family_name_finds_both_in_name_order(self):
        add_person(self.neighbourhood_a1, "An Văn Bình")
        found = Person.objects.search("an").order_by("name_sort")
        self.assertEqual(
            self.names(found),
            ["Lê Thị An", "Nguyễn Văn An", "Phạm Đức Anh", "Trần Thị Ánh", "An Văn Bình"],
        )
        self.assertEqual(found.count(), 5)

    def test_common_names_take_the_index_walk_and_find_the_same_people(self):
        from unittest import mock

        with mock.patch("dvs.people.models.SELECTIVE_SEARCH", 1):
            found = Person.objects.search("an").order_by("name_sort")
            self.assertEqual(
                self.names(found), ["Lê Thị An", "Nguyễn Văn An", "Phạm Đức Anh", "Trần Thị Ánh"]
            )

    def test_pages_of_a_common_name_are_the_pages_of_the_full_name_order(self):
        from unittest import mock

        from dvs.lib.paging import capped_count

        for name in ["An Văn Bình", "Đỗ Văn Ân", "Vũ Anh", "Ân Thị Hoa", "Lê Văn Ẩn"]:
            add_person(self.neighbourhood_a2 if "Vũ" in name else self.neighbourhood_a1, name)
        everyone = [
            person.full_name
            for person in sorted(Person.objects.all(), key=lambda person: person.name_sort)
            if person.search_key.startswith("an") or person.given_key.startswith("an")
        ]
        self.assertEqual(len(everyone), 9)
        # Given names An/Anh/Ánh/Ân/Ẩn are common (walked), the family names An and Ân
        # rare (fetched by id): pages merge both in name order.
        with mock.patch("dvs.people.models.SELECTIVE_SEARCH", 2):
            found = Person.objects.search("an").order_by("name_sort", "id")
            pages = [self.names(found[start : start + 2]) for start in range(0, 10, 2)]
            self.assertEqual(sum(pages, []), everyone)
            self.assertEqual(self.names(found[3:7]), everyone[3:7])
            self.assertEqual(capped_count(found), (2, True))
            # Filtering after the search or another ordering take the plain query.
            in_a2 = found.filter(unit=self.neighbourhood_a2)
            self.assertEqual(self.names(in_a2[:5]), ["Vũ Anh"])
            self.assertEqual(capped_count(in_a2), (1, False))
            by_name_desc = self.names(found.order_by("-name_sort")[:9])
            self.assertEqual(by_name_desc, everyone[::-1])

    def test_lists_sort_by_given_then_middle_then_family_name(self):
        self.assertEqual(
            self.names(Person.objects.order_by("name_sort")),
            ["Lê Thị An", "Nguyễn Văn An", "Phạm Đức Anh", "Trần Thị Ánh", "Đặng Văn Dũng"],
        )


class SensitiveDataTests(BaseTestCase):
    def setUp(self):
        self.person = add_person(
            self.neighbourhood_a1,
            "Hoàng Thị Lan",
            sex="female",
            birth_year=1990,
            id_number="027190012345",
            ethnicity="Tày",
            religion="Phật giáo",
        )

    def test_sensitive_fields_are_encrypted_at_rest(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id_number_encrypted, ethnicity_encrypted, religion_encrypted "
                "FROM people_person WHERE id = %s",
                [self.person.pk],
            )
            row = " ".join(cursor.fetchone())
        for secret in ("027190012345", "Tày", "Phật giáo"):
            self.assertNotIn(secret, row)

    def test_a_neighbourhood_committee_reveals_them_and_the_view_is_recorded(self):
        values = self.person.reveal(self.neighbourhood_a1_committee)
        self.assertEqual(values["id_number"], "027190012345")
        self.assertEqual(values["religion"], "Phật giáo")
        entry = AuditEntry.objects.get(action="dvs.reveal", object_id=str(self.person.pk))
        self.assertEqual(entry.user, self.neighbourhood_a1_committee)
        self.assertEqual(entry.unit_path, self.neighbourhood_a1.path)

    def test_roles_that_do_not_need_them_cannot_reveal_them(self):
        for user in (
            self.city_specialist,
            self.ward_a_women_officer,
            self.readonly_leader,
            self.ward_b_officer,
        ):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                self.person.reveal(user)
        self.assertFalse(AuditEntry.objects.filter(action="dvs.reveal").exists())


class RetentionTests(BaseTestCase):
    def test_people_who_left_long_ago_are_archived_and_leave_the_lists(self):
        import datetime

        from django.test import override_settings

        from dvs.people.tasks import archive_departed

        gone = add_person(self.neighbourhood_a1, "Lê Văn Đi")
        Person.objects.filter(pk=gone.pk).update(
            status=Person.Status.MOVED, status_on=datetime.date(2015, 1, 1), moved_to="Hà Nội"
        )
        recent = add_person(self.neighbourhood_a1, "Lê Văn Mới Đi")
        Person.objects.filter(pk=recent.pk).update(
            status=Person.Status.MOVED, status_on=datetime.date.today()
        )
        here = add_person(self.neighbourhood_a1, "Lê Văn Ở")
        with override_settings(PEOPLE_ARCHIVE_AFTER_DAYS=365):
            archive_departed.call()
        archived = set(
            Person.objects.filter(archived_at__isnull=False).values_list("pk", flat=True)
        )
        self.assertEqual(archived, {gone.pk})
        self.assertEqual(list(Person.objects.living().values_list("pk", flat=True)), [here.pk])
