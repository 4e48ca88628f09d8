"""Report templates are reference data of the whole deployment: the city's board and the
system administrators add, change and delete them; a ward's board and the read-only
leader cannot."""

from django.urls import reverse

from dvs.reports.models import ReportTemplate

from .helpers import ReportsTestCase

EMPTY_FORMSETS = {
    f"{name}-{field}": value
    for name in ("sections", "indicators")
    for field, value in (
        ("TOTAL_FORMS", 0),
        ("INITIAL_FORMS", 0),
        ("MIN_NUM_FORMS", 0),
        ("MAX_NUM_FORMS", 1000),
    )
}


class TemplateAdminTests(ReportsTestCase):
    def setUp(self):
        # Not used by a period, so that it may be deleted.
        self.spare = ReportTemplate.objects.create(name="Mẫu dự phòng")

    def try_everything(self, user):
        """Add, edit and delete through the admin as `user`; the status codes."""
        self.login(user)
        add = reverse("reporttemplate:add")
        edit = reverse("reporttemplate:edit", args=[self.spare.pk])
        delete = reverse("reporttemplate:delete", args=[self.spare.pk])
        return {
            "add page": self.client.get(add).status_code,
            "add": self.client.post(add, {"name": "Mẫu mới", **EMPTY_FORMSETS}).status_code,
            "edit page": self.client.get(edit).status_code,
            "edit": self.client.post(edit, {"name": "Mẫu đã sửa", **EMPTY_FORMSETS}).status_code,
            "delete": self.client.post(delete).status_code,
        }

    def assert_nothing_changed(self):
        self.assertFalse(ReportTemplate.objects.filter(name__in=["Mẫu mới", "Mẫu đã sửa"]).exists())
        self.assertTrue(
            ReportTemplate.objects.filter(pk=self.spare.pk, name="Mẫu dự phòng").exists()
        )

    def test_ward_a_leader_reads_templates_but_cannot_add_edit_or_delete_one(self):
        self.login(self.ward_a_leader)
        self.assertEqual(self.client.get(reverse("reporttemplate:index")).status_code, 200)
        answers = self.try_everything(self.ward_a_leader)
        for action, status in answers.items():
            with self.subTest(action=action):
                self.assertIn(status, (302, 403))  # refused: no form is ever shown
        self.assert_nothing_changed()
        index = self.client.get(reverse("reporttemplate:index"))
        self.assertNotContains(index, reverse("reporttemplate:add"))

    def test_readonly_leader_cannot_add_edit_or_delete_a_template(self):
        answers = self.try_everything(self.readonly_leader)
        self.assertNotIn(200, answers.values())
        self.assert_nothing_changed()

    def test_city_leader_adds_edits_and_deletes_templates(self):
        answers = self.try_everything(self.city_leader)
        self.assertEqual(
            answers, {"add page": 200, "add": 302, "edit page": 200, "edit": 302, "delete": 302}
        )
        self.assertTrue(ReportTemplate.objects.filter(name="Mẫu mới").exists())
        self.assertFalse(ReportTemplate.objects.filter(pk=self.spare.pk).exists())

    def test_the_administrator_edits_templates(self):
        self.login(self.admin)
        edit = reverse("reporttemplate:edit", args=[self.spare.pk])
        self.client.post(edit, {"name": "Mẫu đã sửa", **EMPTY_FORMSETS})
        self.spare.refresh_from_db()
        self.assertEqual(self.spare.name, "Mẫu đã sửa")
