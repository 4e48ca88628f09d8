"""Partner organisations are chosen in a searchable list of checkboxes, of the user's
scope only, not in a long multi-select."""

from django.urls import reverse

from dvs.emulation.tests.helpers import EmulationTestCase


class PartnerPickerTests(EmulationTestCase):
    def test_partners_are_a_searchable_list_of_the_scope(self):
        self.login(self.ward_a_leader)
        page = self.client.get(reverse("exemplar:edit", args=[self.exemplar_a.pk]))
        self.assertEqual(page.status_code, 200)
        html = page.content.decode()
        self.assertIn("data-dvs-searchable", html)
        self.assertIn("Gõ vài chữ để tìm…", html)
        self.assertIn("dvs/searchable.js", html)
        self.assertIn(f'name="partners" value="{self.ward_a_women.pk}"', html)
        self.assertNotIn(f'name="partners" value="{self.ward_b_front.pk}"', html)
        self.assertNotIn('<select name="partners"', html)
