"""Every computed indicator says what it counts and as of which date, and the report form
shows it under the indicator's name."""

from django.urls import reverse

from dvs.emulation.models import ExemplarField
from dvs.reports.registry import computed_indicators
from dvs.reports.tests.helpers import ReportsTestCase


class IndicatorHelpTests(ReportsTestCase):
    def test_every_computed_indicator_has_its_help(self):
        ExemplarField.objects.get_or_create(code="economy", defaults={"name": "Kinh tế"})
        indicators = computed_indicators()
        self.assertIn("members_front", indicators)  # the data-driven ones too
        missing = [code for code, indicator in indicators.items() if not str(indicator.help)]
        self.assertEqual(missing, [])
        overdue = str(indicators["cases_overdue"].help)
        self.assertIn("ngày cuối kỳ", overdue)  # "the period's last day"

    def test_the_report_form_shows_the_help_of_computed_indicators(self):
        self.login(self.ward_a_officer)
        page = self.client.get(reverse("reports_unit", args=[self.period.pk, self.ward_a.code]))
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, 'class="help indicator-help"', count=3)  # 3 computed
        self.assertContains(page, str(computed_indicators()["cases_received"].help))

    def test_the_template_editor_lists_each_computed_indicator_with_its_help(self):
        self.login(self.city_leader)
        page = self.client.get(reverse("reporttemplate:edit", args=[self.template.pk]))
        self.assertEqual(page.status_code, 200)
        for code, indicator in computed_indicators().items():
            with self.subTest(code=code):
                self.assertContains(page, f"<code>{code}</code>")
                self.assertContains(page, str(indicator.help))
