"""Back-office screens for the board specialist and the ward officer."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dvs.planning.models import ProgressUpdate, Task, TaskStatus

from .helpers import PlanningTestCase

INLINE = {
    "assignments-INITIAL_FORMS": "0",
    "assignments-MIN_NUM_FORMS": "0",
    "assignments-MAX_NUM_FORMS": "1000",
}


class SpecialistScreensTests(PlanningTestCase):
    def form(self, **changes):
        return {
            **INLINE,
            "title": "Vận động hiến đất",
            "unit": self.city.pk,
            "assigned_on": "01/03/2026",
            "deadline": "30/06/2026",
            "description": "",
            "assignments-TOTAL_FORMS": "1",
            "assignments-0-unit": self.ward_a.pk,
            "assignments-0-organisation": "",
            "assignments-0-ORDER": "1",
            **changes,
        }

    def test_specialist_creates_a_task_given_to_a_ward(self):
        self.login(self.city_specialist)
        response = self.client.post(reverse("task:add"), self.form())
        self.assertEqual(response.status_code, 302)
        task = Task.objects.get(title="Vận động hiến đất")
        self.assertEqual(task.assigned_by, self.city_specialist)
        self.assertEqual(task.assignments.get().unit, self.ward_a)

    def test_a_dialogue_matter_becomes_a_task_and_the_dialogue_lists_it(self):
        import datetime

        from dvs.cases.models import Dialogue

        dialogue = Dialogue.objects.create(
            unit=self.ward_a,
            topic="Giải phóng mặt bằng đường 295C",
            participants="Các hộ dân bị ảnh hưởng",
            planned_on=datetime.date(2026, 3, 2),
            held_on=datetime.date(2026, 3, 2),
            status=Dialogue.Status.HELD,
            attendance=40,
            matters="Đề nghị công khai phương án bồi thường.",
        )
        self.login(self.city_specialist)
        page = self.client.get(reverse("dialogue:inspect", args=[dialogue.pk]))
        add_url = f"{reverse('task:add')}?dialogue={dialogue.pk}"
        self.assertContains(page, add_url.replace("&", "&amp;"))
        form = self.client.get(add_url)
        self.assertContains(form, "Đề nghị công khai phương án bồi thường.")
        response = self.client.post(
            add_url, self.form(title="Công khai phương án bồi thường", dialogue=dialogue.pk)
        )
        self.assertEqual(response.status_code, 302)
        task = Task.objects.get(title="Công khai phương án bồi thường")
        self.assertEqual(task.dialogue, dialogue)
        self.assertContains(
            self.client.get(reverse("dialogue:inspect", args=[dialogue.pk])),
            "Công khai phương án bồi thường",
        )
        # A leader of ward B may assign tasks, but not from ward A's dialogue.
        from dvs.accounts.roles import Role
        from dvs.testing import make_user

        self.login(make_user("ward_b_leader", Role.BOARD_LEADER, self.ward_b))
        self.assertEqual(self.client.get(add_url).status_code, 404)

    def test_ward_leader_cannot_give_a_task_to_another_ward(self):
        self.login(self.ward_a_leader)
        response = self.client.post(
            reverse("task:add"),
            self.form(unit=self.ward_a.pk, **{"assignments-0-unit": self.ward_b.pk}),
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Task.objects.filter(title="Vận động hiến đất").exists())

    def test_task_list_overdue_filter_and_excel_export(self):
        self.login(self.city_specialist)
        listing = self.client.get(reverse("task:index"))
        self.assertContains(listing, "Nhiệm vụ A")
        overdue = self.client.get(reverse("task:index") + "?overdue=true")
        self.assertNotContains(overdue, "Nhiệm vụ A")
        export = self.client.get(reverse("task:index") + "?export=xlsx")
        book = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content)))
        text = str([list(r) for r in book.active.iter_rows(values_only=True)])
        self.assertIn("Nhiệm vụ A", text)
        self.assertIn("Hội LHPN phường An Bình: 0%", text)

    def test_home_shows_due_soon_assignments(self):
        self.login(self.city_specialist)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(response.status_code, 200)

    def test_program_spending_above_budget_is_refused_in_the_form(self):
        from .helpers import make_program

        program = make_program(self.city_front)
        self.login(self.city_specialist)
        data = {
            "title": program.title,
            "organisation": self.city_front.pk,
            "proposed_on": "01/01/2026",
            "content": "x",
            "ordered_by": "UBND",
            "ordered_on": "15/01/2026",
            "decision_number": "1/QĐ",
            "budget": "1000",
            "status": "ordered",
            "completed_on": "",
            "outputs-TOTAL_FORMS": "0",
            "outputs-INITIAL_FORMS": "0",
            "outputs-MIN_NUM_FORMS": "0",
            "outputs-MAX_NUM_FORMS": "1000",
            "spendings-TOTAL_FORMS": "1",
            "spendings-INITIAL_FORMS": "0",
            "spendings-MIN_NUM_FORMS": "0",
            "spendings-MAX_NUM_FORMS": "1000",
            "spendings-0-spent_on": "20/01/2026",
            "spendings-0-amount": "5000",
            "spendings-0-note": "",
            "spendings-0-ORDER": "1",
        }
        response = self.client.post(reverse("program:edit", args=[program.pk]), data)
        self.assertEqual(response.status_code, 200, response.get("Location"))
        self.assertFalse(program.spendings.exists())
        data["spendings-0-amount"] = "800"
        response = self.client.post(reverse("program:edit", args=[program.pk]), data)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(program.spendings.get().amount, 800)


class OrganisationOfficerTests(PlanningTestCase):
    def test_an_organisation_proposes_a_program_and_only_the_board_orders_it(self):
        from dvs.planning.models import Program, ProgramStatus

        self.login(self.ward_a_women_officer)
        form = self.client.get(reverse("program:add"))
        offered = list(form.context["form"].fields["organisation"].queryset)
        self.assertEqual(offered, [self.ward_a_women])
        data = {
            "title": "Mô hình 'Phụ nữ giữ đường phố xanh'",
            "organisation": self.ward_a_women.pk,
            "proposed_on": "01/03/2026",
            "content": "Hội phụ nữ phường đề xuất trồng cây và giữ vệ sinh tuyến phố.",
            # Tries to record an order and a budget: ignored, those are the board's.
            "ordered_by": "UBND",
            "ordered_on": "02/03/2026",
            "decision_number": "9/QĐ",
            "budget": "50000000",
            "status": "ordered",
            "completed_on": "",
            "outputs-TOTAL_FORMS": "0",
            "outputs-INITIAL_FORMS": "0",
            "outputs-MIN_NUM_FORMS": "0",
            "outputs-MAX_NUM_FORMS": "1000",
            "spendings-TOTAL_FORMS": "0",
            "spendings-INITIAL_FORMS": "0",
            "spendings-MIN_NUM_FORMS": "0",
            "spendings-MAX_NUM_FORMS": "1000",
        }
        response = self.client.post(reverse("program:add"), data)
        self.assertEqual(response.status_code, 302)
        program = Program.objects.get(organisation=self.ward_a_women)
        self.assertEqual((program.status, program.budget), (ProgramStatus.PROPOSED, None))
        # Not for another organisation of the ward (the Front).
        data["organisation"] = self.ward_a_front.pk
        refused = self.client.post(reverse("program:add"), data)
        self.assertEqual(refused.status_code, 200)
        self.assertEqual(Program.objects.count(), 1)


class WardOfficerScreensTests(PlanningTestCase):
    def test_ward_officer_sees_the_city_task_given_to_the_ward(self):
        self.login(self.ward_a_officer)
        listing = self.client.get(reverse("task:index"))
        self.assertContains(listing, "Nhiệm vụ A")
        self.assertNotContains(listing, "Nhiệm vụ B")
        page = self.client.get(reverse("task:inspect", args=[self.task_a.pk]))
        self.assertContains(page, reverse("planning_record_progress", args=[self.assignment_a.pk]))
        other = self.client.get(reverse("task:inspect", args=[self.task_b.pk]))
        self.assertEqual(other.status_code, 404)

    def test_ward_officer_records_progress_with_evidence(self):
        self.login(self.ward_a_officer)
        url = reverse("planning_record_progress", args=[self.assignment_a.pk])
        self.assertEqual(self.client.get(url).status_code, 200)
        evidence = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4", content_type="application/pdf")
        response = self.client.post(
            url, {"date": "", "percent": "100", "note": "Xong", "evidence": evidence}
        )
        self.assertEqual(response.status_code, 200)  # the date is required
        evidence.seek(0)
        from django.utils import timezone

        response = self.client.post(
            url,
            {
                "date": timezone.localdate().strftime("%d/%m/%Y"),
                "percent": "100",
                "note": "Xong",
                "evidence": evidence,
            },
        )
        self.assertRedirects(response, reverse("task:inspect", args=[self.task_a.pk]))
        update = ProgressUpdate.objects.get()
        self.assignment_a.refresh_from_db()
        self.assertEqual(self.assignment_a.status, TaskStatus.DONE)
        download = self.client.get(reverse("planning_evidence", args=[update.pk]))
        self.assertEqual(download.status_code, 200)
        self.login(self.ward_b_officer)
        self.assertEqual(
            self.client.get(reverse("planning_evidence", args=[update.pk])).status_code, 404
        )

    def test_ward_officer_cannot_record_for_another_ward_or_edit_tasks(self):
        self.login(self.ward_a_officer)
        url = reverse("planning_record_progress", args=[self.assignment_b.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        edit = self.client.get(reverse("task:edit", args=[self.task_a.pk]))
        self.assertNotEqual(edit.status_code, 200)

    def test_ward_officer_home_lists_its_due_soon_assignment(self):
        self.login(self.ward_a_officer)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, "Nhiệm vụ A")
        self.assertNotContains(response, "Nhiệm vụ B")
