"""Recording follower counts (actions/figures.py) and their back-office screens: a ward
the user may add in, a date not in the future, a source, one count per ward × religion ×
date; every write logged without the count's value."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from dvs.accounts.models import AuditEntry
from dvs.religion.actions import figures as actions
from dvs.religion.models import FollowerCount
from dvs.religion.tests.helpers import make_follower_count, religion
from dvs.testing import BaseTestCase

JUNE = datetime.date(2026, 6, 30)


class RecordFollowerCountTests(BaseTestCase):
    def record(self, by=None, **fields):
        values = {
            "unit": self.ward_a,
            "religion": religion(),
            "count": 120,
            "as_of": JUNE,
            "source": "Báo cáo của Ban Tôn giáo",
        }
        return actions.record_follower_count(by=by or self.ward_a_officer, **{**values, **fields})

    def test_a_ward_officer_records_the_count_of_the_ward(self):
        count = self.record(source="  Báo cáo\u200b năm 2026 ")
        self.assertEqual(count.count, 120)
        self.assertEqual(count.source, "Báo cáo năm 2026")
        self.assertEqual(count.created_by, self.ward_a_officer)
        entry = AuditEntry.objects.for_instance(count).get(action="wagtail.create")
        self.assertNotIn("120", str(entry.data))

    def test_refusals(self):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        cases = [
            ({"unit": self.ward_b}, "unit"),
            ({"unit": self.neighbourhood_a1}, "unit"),
            ({"as_of": tomorrow}, "as_of"),
            ({"source": "   "}, "source"),
        ]
        for fields, field in cases:
            with self.subTest(fields=fields), self.assertRaises(ValidationError) as raised:
                self.record(**fields)
            self.assertIn(field, raised.exception.message_dict)
        self.assertFalse(FollowerCount.objects.exists())

    def test_one_count_per_ward_religion_and_date(self):
        self.record()
        with self.assertRaises(ValidationError) as raised:
            self.record(count=130)
        self.assertIn("as_of", raised.exception.message_dict)
        self.record(as_of=JUNE - datetime.timedelta(days=1))
        self.assertEqual(FollowerCount.objects.count(), 2)

    def test_organisation_limited_and_read_only_users_cannot_record(self):
        for user in (
            self.ward_a_women_officer,
            self.readonly_leader,
            self.neighbourhood_a1_committee,
        ):
            with self.subTest(user=user.username), self.assertRaises(ValidationError):
                self.record(by=user)

    def test_update_checks_scope_and_the_same_rules(self):
        count = make_follower_count(self.ward_a, 100, as_of=JUNE)
        with self.assertRaises(ValidationError):
            actions.update_follower_count(count, by=self.ward_b_officer, count=5)
        with self.assertRaises(ValidationError):
            actions.update_follower_count(count, by=self.ward_a_officer, unit=self.ward_b)
        actions.update_follower_count(count, by=self.ward_a_officer, count=105)
        count.refresh_from_db()
        self.assertEqual(count.count, 105)
        self.assertTrue(
            AuditEntry.objects.for_instance(count).filter(action="wagtail.edit").exists()
        )

    def test_delete_checks_scope(self):
        count = make_follower_count(self.ward_a, 100, as_of=JUNE)
        with self.assertRaises(ValidationError):
            actions.delete_follower_count(count, by=self.ward_b_officer)
        actions.delete_follower_count(count, by=self.ward_a_officer)
        self.assertFalse(FollowerCount.objects.exists())


class FollowerCountScreenTests(BaseTestCase):
    def test_the_add_form_saves_through_the_action(self):
        self.login(self.ward_a_officer)
        url = reverse("followercount:add")
        form = self.client.get(url).context["form"]
        self.assertEqual([u.code for u in form.fields["unit"].queryset], ["A"])
        data = {
            "unit": self.ward_a.pk,
            "religion": religion().pk,
            "count": "75",
            "as_of": "30/06/2026",
            "source": "Số liệu của Ban đại diện",
        }
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        count = FollowerCount.objects.get()
        self.assertEqual((count.count, count.as_of), (75, JUNE))
        again = self.client.post(url, {**data, "count": "80"})
        self.assertEqual(again.status_code, 200)
        self.assertTrue(again.context["form"].errors)  # the form's own check of the constraint
        self.assertEqual(FollowerCount.objects.count(), 1)

    def test_listing_edit_and_delete_of_a_sibling_ward_are_refused(self):
        own = make_follower_count(self.ward_a, 10, source="Nguồn A")
        other = make_follower_count(self.ward_b, 20, source="Nguồn B")
        self.login(self.ward_a_officer)
        listing = self.client.get(reverse("followercount:index"))
        self.assertEqual([o.pk for o in listing.context["object_list"]], [own.pk])
        for action in ("edit", "delete", "inspect"):
            url = reverse(f"followercount:{action}", args=[other.pk])
            self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(
            self.client.post(reverse("followercount:delete", args=[other.pk])).status_code, 404
        )
        self.client.post(reverse("followercount:delete", args=[own.pk]))
        self.assertEqual(list(FollowerCount.objects.all()), [other])
        self.assertTrue(
            AuditEntry.objects.filter(object_id=str(own.pk), action="wagtail.delete").exists()
        )

    def test_a_small_count_is_hidden_from_those_who_neither_keep_it_nor_sit_on_the_board(self):
        count = make_follower_count(self.ward_a, 3, source="Nguồn nhỏ")
        expected = {self.readonly_leader: "<5", self.ward_a_officer: "3", self.city_leader: "3"}
        for user, shown in expected.items():
            self.login(user)
            with self.subTest(user=user.username):
                listing = self.client.get(reverse("followercount:index"))
                self.assertEqual(
                    [o.published_count for o in listing.context["object_list"]], [shown]
                )
                export = self.client.get(reverse("followercount:index"), {"export": "csv"})
                rows = b"".join(export.streaming_content).decode().splitlines()
                self.assertEqual(rows[1].split(",")[2], shown)
                page = self.client.get(reverse("followercount:inspect", args=[count.pk]))
                self.assertEqual(page.status_code, 200)
                values = [str(f["value"]) for f in page.context["fields"]]
                self.assertEqual(values[2], shown)  # unit, religion, count, …
