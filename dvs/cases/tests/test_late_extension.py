"""An extension granted after the time limit had passed does not erase the lateness: the
case stays late from the missed limit in the figures, and the step warns the user."""

import datetime

from django.urls import reverse

from dvs.cases import report_indicators, stats, workflow
from dvs.cases.tests.helpers import receive
from dvs.testing import BaseTestCase

D = datetime.date


class LateExtensionTests(BaseTestCase):
    def accepted_denunciation(self):
        # Accepted 4/3/2026, complex: to be resolved by Friday 3/4/2026 (30 days).
        case = receive(
            self.neighbourhood_a1,
            kind="denunciation",
            anonymous=True,
            name="",
            received_on=D(2026, 3, 2),
        )
        workflow.accept(case, by=None, accepted_on=D(2026, 3, 4), complexity="complex")
        self.assertEqual(case.resolve_by, D(2026, 4, 3))
        return case

    def post(self, path, payload):
        token = self.token_for(self.ward_a_reception_officer)
        return self.client.post(
            f"/api/v1{path}",
            payload,
            content_type="application/json",
            headers={"Authorization": f"Bearer {token}"},
        )

    def test_an_extension_granted_late_keeps_the_case_late_and_the_api_warns(self):
        case = self.accepted_denunciation()
        extended = self.post(
            f"/cases/{case.pk}/extend",
            {"granted_on": "2026-04-10", "days": 30, "reason": "Phải xác minh thêm"},
        )
        self.assertEqual(extended.status_code, 200, extended.content)
        answer = extended.json()
        self.assertEqual(answer["deadlines"]["missed_deadline"], "2026-04-03")
        # Its next deadline stays the missed one: shown overdue in lists and the API.
        self.assertEqual(answer["deadlines"]["due"], "2026-04-03")
        self.assertEqual(answer["deadlines"]["state"], "overdue")
        self.assertEqual(len(answer["warnings"]), 1)
        self.assertIn("03/04/2026", answer["warnings"][0])
        case.refresh_from_db()
        self.assertGreater(case.resolve_by, D(2026, 4, 20))  # the extension still counts

        # Open on 20/4, within the extended limit, but late since 3/4: overdue.
        unit = self.neighbourhood_a1.pk
        self.assertEqual(report_indicators.overdue(D(2026, 4, 1), D(2026, 4, 20)), {unit: 1})
        area = stats.Area(self.city_leader, self.city)
        self.assertEqual(stats.summary(area, D(2026, 4, 1), D(2026, 4, 20)).overdue, 1)

        # Concluded on 25/4, before the extended limit: still not on time.
        workflow.conclude(case, by=None, concluded_on=D(2026, 4, 25), conclusion="Xong.")
        self.assertIs(case.resolved_on_time, False)
        self.assertEqual(report_indicators.resolved_on_time(D(2026, 4, 1), D(2026, 4, 30)), {})
        self.assertEqual(report_indicators.overdue(D(2026, 4, 1), D(2026, 4, 30)), {unit: 1})
        figures = stats.summary(area, D(2026, 4, 1), D(2026, 4, 30))
        self.assertEqual((figures.resolved, figures.resolved_on_time, figures.overdue), (1, 0, 1))

    def test_an_extension_granted_in_time_leaves_the_case_on_time(self):
        case = self.accepted_denunciation()
        case = workflow.extend(case, by=None, granted_on=D(2026, 4, 1), days=30, reason="Phức tạp")
        self.assertIsNone(case.missed_deadline)
        self.assertEqual(case.warnings, [])
        workflow.conclude(case, by=None, concluded_on=D(2026, 4, 25), conclusion="Xong.")
        self.assertIs(case.resolved_on_time, True)
        self.assertEqual(report_indicators.overdue(D(2026, 4, 1), D(2026, 4, 30)), {})

    def test_the_back_office_step_warns_before_and_after(self):
        case = self.accepted_denunciation()
        self.login(self.ward_a_reception_officer)
        url = reverse("cases_step", args=[case.pk, "extend"])
        form = self.client.get(url)
        self.assertContains(form, 'id="late-warning"')
        self.assertContains(form, "03/04/2026")
        done = self.client.post(
            url, {"granted_on": "2026-04-10", "days": 30, "reason": "Xác minh thêm"}, follow=True
        )
        self.assertEqual(done.status_code, 200)
        warnings = [m for m in done.context["messages"] if m.level_tag == "warning"]
        self.assertEqual(len(warnings), 1)
        self.assertContains(done, 'id="missed-deadline"')
