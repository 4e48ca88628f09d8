"""The movement's fields, indicators and criteria serve every unit's exemplars: the city's
board keeps them; a ward's board and the read-only leader read them and change nothing."""

from django.urls import reverse

from dvs.emulation.models import Criterion

from .helpers import EmulationTestCase


class ReferenceDataAdminTests(EmulationTestCase):
    def setUp(self):
        self.criterion = Criterion.objects.create(name="Hiệu quả", weight=1, max_score=10)

    def names(self):
        # The movement's default criteria may be added on first use: look at ours only.
        ours = ("Hiệu quả", "Tiêu chí mới", "Đã sửa")
        return sorted(Criterion.objects.filter(name__in=ours).values_list("name", flat=True))

    def try_everything(self, user):
        self.login(user)
        data = {"name": "Tiêu chí mới", "description": "", "weight": 1, "max_score": 10}
        data |= {"sort_order": 9, "is_active": "on"}
        edit = reverse("criterion:edit", args=[self.criterion.pk])
        return {
            "add": self.client.post(reverse("criterion:add"), data).status_code,
            "edit": self.client.post(edit, data | {"name": "Đã sửa"}).status_code,
            "delete": self.client.post(
                reverse("criterion:delete", args=[self.criterion.pk])
            ).status_code,
        }

    def test_ward_a_leader_and_the_readonly_leader_change_no_criterion(self):
        for user in (self.ward_a_leader, self.readonly_leader):
            with self.subTest(user=user.username):
                self.try_everything(user)
                self.assertEqual(self.names(), ["Hiệu quả"])

    def test_ward_a_leader_still_reads_the_criteria(self):
        self.login(self.ward_a_leader)
        response = self.client.get(reverse("criterion:index"))
        self.assertContains(response, "Hiệu quả")
        self.assertNotContains(response, reverse("criterion:add"))

    def test_the_city_leader_adds_edits_and_deletes_criteria(self):
        answers = self.try_everything(self.city_leader)
        self.assertEqual(answers, {"add": 302, "edit": 302, "delete": 302})
        self.assertEqual(self.names(), ["Tiêu chí mới"])
