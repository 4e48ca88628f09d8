from django.test import Client
from django.urls import reverse

from dvs.accounts.models import AuditEntry
from dvs.testing import BaseTestCase
from dvs.units.models import Organisation


class AuditTests(BaseTestCase):
    def create_organisation_as(self, user, unit, name):
        client = Client()
        client.force_login(user)
        return client.post(
            reverse("organisation:add"),
            {"name": name, "kind": self.women_kind.pk, "unit": unit.pk, "is_active": "on"},
        )

    def test_creating_in_the_back_office_is_logged_with_who_and_which_unit(self):
        response = self.create_organisation_as(self.ward_a_officer, self.ward_a, "Chi hội mới")
        self.assertEqual(response.status_code, 302)
        organisation = Organisation.objects.get(name="Chi hội mới")
        entry = AuditEntry.objects.get(object_id=str(organisation.pk), action="wagtail.create")
        self.assertEqual(entry.user, self.ward_a_officer)
        self.assertEqual(entry.unit_path, self.ward_a.path)

    def test_editing_and_deleting_are_logged(self):
        organisation = Organisation.objects.create(
            kind=self.women_kind, unit=self.ward_a, name="Chi hội tạm"
        )
        self.login(self.ward_a_officer)
        url = reverse("organisation:edit", args=[organisation.pk])
        self.client.post(
            url,
            {
                "name": "Chi hội (đổi tên)",
                "kind": self.women_kind.pk,
                "unit": self.ward_a.pk,
                "is_active": "on",
            },
        )
        self.client.post(reverse("organisation:delete", args=[organisation.pk]))
        self.assertFalse(Organisation.objects.filter(pk=organisation.pk).exists())
        entries = AuditEntry.objects.filter(object_id=str(organisation.pk))
        self.assertEqual(
            set(entries.values_list("action", flat=True)), {"wagtail.edit", "wagtail.delete"}
        )
        self.assertEqual(set(entries.values_list("unit_path", flat=True)), {self.ward_a.path})

    def test_leaders_read_the_trail_of_their_subtree_only(self):
        self.create_organisation_as(self.ward_a_officer, self.ward_a, "Tổ chức ở phường A")
        self.create_organisation_as(self.ward_b_officer, self.ward_b, "Tổ chức ở phường B")
        visible = AuditEntry.objects.viewable_by_user(self.ward_a_leader)
        self.assertEqual(list(visible.values_list("label", flat=True)), ["Tổ chức ở phường A"])
        city = AuditEntry.objects.viewable_by_user(self.city_leader)
        self.assertEqual(city.count(), 2)
        self.assertFalse(AuditEntry.objects.viewable_by_user(self.ward_a_officer).exists())

    def test_site_history_report_shows_a_leader_their_subtree(self):
        self.create_organisation_as(self.ward_a_officer, self.ward_a, "Tổ chức ở phường A")
        self.create_organisation_as(self.ward_b_officer, self.ward_b, "Tổ chức ở phường B")
        self.login(self.ward_a_leader)
        response = self.client.get(reverse("wagtailadmin_reports:site_history"))
        self.assertContains(response, "Tổ chức ở phường A")
        self.assertNotContains(response, "Tổ chức ở phường B")
