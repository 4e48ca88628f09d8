import datetime
import io

import openpyxl
from django.core.cache import cache, caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from dvs.cases.models import Case, Status, SubjectArea
from dvs.cases.tests.helpers import receive
from dvs.testing import BaseTestCase

D = datetime.date


def intake_data(unit, **fields):
    data = {
        "kind": "complaint",
        "channel": "reception",
        "received_on": "2026-03-02",
        "unit": unit.pk,
        "subject_area": SubjectArea.objects.get(code="land").pk,
        "content": "Khiếu nại quyết định thu hồi đất tại tổ 3, đề nghị xem xét lại.",
        "stage": 1,
        "petitioner-TOTAL_FORMS": 3,
        "petitioner-INITIAL_FORMS": 0,
        "petitioner-0-name": "Trần Thị Bình",
        "petitioner-0-address": "Số 7",
    }
    data.update(fields)
    return data


class IntakeViewTests(BaseTestCase):
    def test_a_case_is_recorded_and_opens_on_its_page(self):
        self.login(self.ward_a_reception_officer)
        response = self.client.post(reverse("cases_intake"), intake_data(self.neighbourhood_a1))
        case = Case.objects.get()
        self.assertRedirects(response, reverse("case:inspect", args=[case.pk]))
        page = self.client.get(reverse("case:inspect", args=[case.pk])).content.decode()
        self.assertIn("Trần Thị Bình", page)
        self.assertIn(reverse("cases_step", args=[case.pk, "accept"]), page)
        self.assertIn("16/03/2026", page)  # accept by: 10 working days

    def test_an_earlier_case_of_the_same_matter_is_shown_and_can_be_linked(self):
        earlier = receive(self.neighbourhood_a1, name="Trần Thị Bình")
        self.login(self.ward_a_reception_officer)
        shown = self.client.post(reverse("cases_intake"), intake_data(self.neighbourhood_a1))
        self.assertContains(shown, earlier.code)
        self.assertEqual(Case.objects.count(), 1)
        linked = self.client.post(
            reverse("cases_intake"), intake_data(self.neighbourhood_a1, link_to=earlier.pk)
        )
        new = Case.objects.exclude(pk=earlier.pk).get()
        self.assertRedirects(linked, reverse("case:inspect", args=[new.pk]))
        self.assertEqual((new.status, new.duplicate_of), (Status.DUPLICATE, earlier))
        confirmed = self.client.post(
            reverse("cases_intake"), intake_data(self.neighbourhood_a1, confirmed="1")
        )
        self.assertEqual(confirmed.status_code, 302)
        self.assertEqual(Case.objects.counted().count(), 2)

    def test_a_petitioner_chosen_from_the_registry_brings_name_and_contacts(self):
        from dvs.people.tests.helpers import add_person

        resident = add_person(self.neighbourhood_a1, "Đinh Văn Cư")
        resident.phone = "0901234567"
        resident.save()
        outsider = add_person(self.neighbourhood_b1, "Lý Văn Ngoài")
        self.login(self.ward_a_reception_officer)
        form = self.client.get(reverse("cases_intake")).content.decode()
        self.assertIn(reverse("person_chooser:choose"), form)
        chooser = self.client.get(reverse("person_chooser:choose_results"), {"q": "dinh van"})
        self.assertContains(chooser, "Đinh Văn Cư")
        self.assertNotContains(
            self.client.get(reverse("person_chooser:choose_results"), {"q": "ly van"}),
            "Lý Văn Ngoài",
        )
        data = intake_data(self.neighbourhood_a1, confirmed="1")
        data.update(
            {
                "petitioner-0-name": "",
                "petitioner-0-address": "",
                "petitioner-0-person": resident.pk,
            }
        )
        self.client.post(reverse("cases_intake"), data)
        petitioner = Case.objects.get().petitioners.get()
        self.assertEqual((petitioner.person, petitioner.public_name), (resident, "Đinh Văn Cư"))
        self.assertEqual(petitioner.identity["phone"], "0901234567")
        data["petitioner-0-person"] = outsider.pk
        refused = self.client.post(reverse("cases_intake"), data)
        self.assertEqual(refused.status_code, 200)
        self.assertEqual(Case.objects.count(), 1)

    def test_bad_input_is_shown_in_vietnamese_and_nothing_is_saved(self):
        self.login(self.ward_a_reception_officer)
        exe = SimpleUploadedFile("virus.exe", b"MZ")
        response = self.client.post(
            reverse("cases_intake"),
            intake_data(self.neighbourhood_a1, attachments=exe, confirmed="1"),
        )
        self.assertContains(response, "không nhận loại tệp này")
        future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
        response = self.client.post(
            reverse("cases_intake"), intake_data(self.neighbourhood_a1, received_on=future)
        )
        self.assertContains(response, "tương lai")
        other_ward = self.client.post(reverse("cases_intake"), intake_data(self.neighbourhood_b1))
        self.assertEqual(other_ward.status_code, 200)
        self.assertFalse(Case.objects.exists())


class StepViewTests(BaseTestCase):
    def test_steps_walk_the_case_and_a_refused_step_says_why(self):
        case = receive(self.neighbourhood_a1)
        self.login(self.ward_a_reception_officer)
        url = reverse("cases_step", args=[case.pk, "accept"])
        refused = self.client.post(url, {"accepted_on": "2026-02-27", "complexity": "normal"})
        self.assertContains(refused, "trước ngày nhận đơn")
        done = self.client.post(url, {"accepted_on": "2026-03-04", "complexity": "normal"})
        self.assertRedirects(done, reverse("case:inspect", args=[case.pk]))
        again = self.client.post(url, {"accepted_on": "2026-03-04", "complexity": "normal"})
        self.assertContains(again, "không thể thụ lý")
        self.assertEqual(Case.objects.get(pk=case.pk).status, Status.ACCEPTED)

    def test_read_only_and_other_wards_cannot_act(self):
        case = receive(self.neighbourhood_a1)
        url = reverse("cases_step", args=[case.pk, "archive"])
        for user in (self.readonly_leader, self.ward_b_officer):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.client.post(url, {"archived_on": "2026-03-03", "reason": "x"})
                self.assertIn(response.status_code, (302, 404))
        self.assertEqual(Case.objects.get(pk=case.pk).status, Status.RECEIVED)


class DashboardTests(BaseTestCase):
    def test_figures_drill_down_and_excel(self):
        old = receive(self.neighbourhood_a1, received_on=D(2026, 1, 5))
        receive(self.neighbourhood_b1, kind="petition", received_on=D(2026, 2, 2))
        self.login(self.city_leader)
        page = self.client.get(
            reverse("cases_dashboard"), {"from": "2026-01-01", "to": "2026-06-30", "unit": "C1"}
        )
        self.assertEqual(page.context["figures"].received, 2)
        self.assertEqual(page.context["figures"].overdue, 2)  # both past their time to accept
        by_ward = {unit.code: row["received"] for unit, row in page.context["children"]}
        self.assertEqual(by_ward, {"A": 1, "B": 1})
        export = self.client.get(
            reverse("cases_dashboard"),
            {"from": "2026-01-01", "to": "2026-06-30", "unit": "C1", "format": "xlsx"},
        )
        sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
        self.assertEqual([sheet["A1"].value, sheet["B1"].value], ["Đã tiếp nhận", 2])
        self.login(self.ward_a_reception_officer)
        ward = self.client.get(
            reverse("cases_dashboard"), {"from": "2026-01-01", "to": "2026-06-30"}
        )
        self.assertEqual(ward.context["figures"].received, 1)
        self.assertEqual(ward.context["figures"].overdue, 1)
        self.assertIn(
            old.code, self.client.get(reverse("case:index"), {"overdue": "true"}).content.decode()
        )


class PublicTests(BaseTestCase):
    def setUp(self):
        cache.clear()

    def submission(self, REMOTE_ADDR="127.0.0.1", **fields):  # noqa: N803
        data = {
            "kind": "feedback",
            "unit": self.ward_a.pk,
            "subject_area": SubjectArea.objects.get(code="environment").pk,
            "content": "Rác thải tập kết sai nơi quy định ở đầu ngõ 5.",
            "name": "Vũ Văn Dân",
            "address": "Ngõ 5",
        }
        data.update(fields)
        return self.client.post(reverse("cases_public_submit"), data, REMOTE_ADDR=REMOTE_ADDR)

    def test_a_citizen_sends_feedback_and_tracks_it_by_code(self):
        response = self.submission()
        case = Case.objects.get()
        self.assertRedirects(response, reverse("cases_public_sent", args=[case.code]))
        self.assertEqual(
            (case.channel, case.unit, case.received_on),
            ("portal", self.ward_a, datetime.date.today()),
        )
        tracked = self.client.get(reverse("cases_public_track"), {"code": case.code.lower()})
        self.assertContains(tracked, "Đã tiếp nhận")
        self.assertNotContains(tracked, "Vũ Văn Dân")
        unknown = self.client.get(reverse("cases_public_track"), {"code": "ZZZZZZZZZZ"})
        self.assertContains(unknown, "Không có hồ sơ nào mang mã này")

    @override_settings(CASE_PUBLIC_SUBMISSIONS_PER_HOUR=2)
    def test_robots_and_floods_are_refused(self):
        self.submission(website="http://spam.example")
        self.assertFalse(Case.objects.exists())
        self.submission()
        self.submission()
        refused = self.submission()
        self.assertContains(refused, "quá nhiều lần")
        self.assertEqual(Case.objects.count(), 2)

    @override_settings(CASE_PUBLIC_SUBMISSIONS_PER_HOUR=2)
    def test_the_hourly_limit_holds_across_workers_and_restarts(self):
        # Each web worker has its own local-memory cache; emptying it between submissions
        # is what a second worker or a restart sees. The count is in the database.
        for _ in range(4):
            for alias in caches:
                caches[alias].clear()
            self.submission()
        self.assertEqual(Case.objects.count(), 2)
        # Another visitor is not affected.
        self.submission(REMOTE_ADDR="203.0.113.9")
        self.assertEqual(Case.objects.count(), 3)

    @override_settings(CASE_PUBLIC_ATTACHMENTS_MAX=2, CASE_PUBLIC_ATTACHMENTS_MAX_BYTES=100)
    def test_too_many_or_too_large_attachments_are_refused_and_nothing_saved(self):
        def files(count, size):
            return [SimpleUploadedFile(f"anh-{i}.jpg", b"x" * size) for i in range(count)]

        def refusal(response):
            return [e.code for e in response.context["form"].errors.as_data()["attachments"]]

        self.assertEqual(refusal(self.submission(attachments=files(3, 10))), ["too_many_files"])
        self.assertEqual(refusal(self.submission(attachments=files(2, 60))), ["too_large"])
        self.assertFalse(Case.objects.exists())
        self.assertRedirects(
            self.submission(attachments=files(2, 50)),
            reverse("cases_public_sent", args=[Case.objects.get().code]),
        )
        self.assertEqual(Case.objects.get().attachments.count(), 2)

    def test_a_forbidden_attachment_is_refused_and_nothing_saved(self):
        response = self.submission(attachments=SimpleUploadedFile("a.exe", b"MZ"))
        self.assertContains(response, "không nhận loại tệp này")
        self.assertFalse(Case.objects.exists())


class ReminderTests(BaseTestCase):
    def test_the_handler_before_and_the_leaders_after_a_deadline_once_each(self):
        from dvs.cases import tasks, workflow
        from dvs.cases.models import Reminder

        case = receive(self.neighbourhood_a1, received_on=D(2026, 3, 2))
        workflow.assign(
            case, by=None, handler=self.ward_a_reception_officer, assigned_on=D(2026, 3, 3)
        )
        self.assertEqual(tasks.send_reminders(today=D(2026, 3, 10)), 1)  # due 16/03
        self.assertEqual(Reminder.objects.get().user, self.ward_a_reception_officer)
        self.assertEqual(tasks.send_reminders(today=D(2026, 3, 11)), 0)
        self.assertEqual(tasks.send_reminders(today=D(2026, 3, 20)), 2)
        self.assertEqual(
            set(Reminder.objects.filter(kind="overdue").values_list("user__username", flat=True)),
            {"city_leader", "ward_a_leader"},
        )
