"""The back office of consultations and disclosures: the lists (only the user's units),
the create forms saving through the actions, a consultation's publish, opinion, close and
result steps (the synthesis screen says where the majority lies, and refuses to publish a
decision against it without an explanation), the document served through the getter, a
disclosure's post, end and loudspeaker forms, the quarterly list and its XLSX, and the
work list. Every door is tried by another ward, a sibling neighbourhood, an
organisation-limited grant and the read-only leader."""

import datetime
import io
from unittest import mock

import openpyxl
from django.core.files.base import ContentFile
from django.urls import reverse

from dvs.accounts.dashboard import work_list
from dvs.democracy.models import Consultation, Disclosure, LoudspeakerDay, Opinion
from dvs.testing import BaseTestCase, add_sibling_personas, use_temporary_media

from .helpers import make_consultation, make_disclosure

D = datetime.date
TODAY = "django.utils.timezone.localdate"
Status = Consultation.Status


def pinned(day):
    return mock.patch(TODAY, return_value=day)


class ConsultationAdminTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)
        cls.open_a1 = make_consultation(
            cls.neighbourhood_a1,
            "Lấy ý kiến chợ An",
            status=Status.OPEN,
            published_on=D(2026, 9, 1),
            closes_on=D(2026, 9, 21),
        )
        cls.draft_b = make_consultation(cls.ward_b, "Lấy ý kiến chợ Bình")

    def setUp(self):
        use_temporary_media(self)

    def test_the_list_shows_only_the_users_consultations(self):
        self.login(self.ward_a_officer)
        html = self.client.get(reverse("democracy_consultation:index")).content.decode()
        self.assertIn("Lấy ý kiến chợ An", html)
        self.assertNotIn("Lấy ý kiến chợ Bình", html)
        for fmt in ("csv", "xlsx"):
            response = self.client.get(reverse("democracy_consultation:index"), {"export": fmt})
            self.assertEqual(response.status_code, 200)

    def test_create_and_publish_through_the_forms(self):
        self.login(self.ward_a_officer)
        response = self.client.post(
            reverse("democracy_consultation:add"),
            {
                "unit": self.ward_a.pk,
                "subject": 6,
                "title": "Quy hoạch ngõ 7",
                "summary": "Dự thảo",
            },
        )
        self.assertEqual(response.status_code, 302)
        consultation = Consultation.objects.get(title="Quy hoạch ngõ 7")
        url = reverse("democracy_consultation_publish", args=[consultation.pk])
        response = self.client.post(url, {"published_on": "01/09/2026", "closes_on": "20/09/2026"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "21/09/2026")
        consultation.refresh_from_db()
        self.assertEqual(consultation.status, Status.DRAFT)
        response = self.client.post(url, {"published_on": "01/09/2026", "closes_on": "21/09/2026"})
        self.assertEqual(response.status_code, 302)
        consultation.refresh_from_db()
        self.assertEqual(consultation.status, Status.OPEN)

    def test_opinions_close_and_result_against_the_majority(self):
        self.login(self.ward_a_officer)
        with pinned(D(2026, 9, 25)):
            add = reverse("democracy_opinion:add") + f"?consultation={self.open_a1.pk}"
            page = self.client.get(add)
            self.assertEqual(page.status_code, 200)
            self.assertNotIn('value="portal"', page.content.decode())
            response = self.client.post(
                add,
                {
                    "consultation": self.open_a1.pk,
                    "channel": "meeting",
                    "stance": "disagree",
                    "count": 30,
                    "received_on": "05/09/2026",
                },
            )
            self.assertEqual(response.status_code, 302, response.content[:2000])
            inspect = self.client.get(
                reverse("democracy_consultation:inspect", args=[self.open_a1.pk])
            )
            self.assertContains(inspect, 'id="dc-total">30<')
            close = reverse("democracy_consultation_close", args=[self.open_a1.pk])
            self.assertEqual(self.client.post(close, {"on": "20/09/2026"}).status_code, 200)
            self.assertEqual(self.client.post(close, {"on": "21/09/2026"}).status_code, 302)
            result = reverse("democracy_consultation_result", args=[self.open_a1.pk])
            page = self.client.get(result)
            self.assertContains(page, "dc-majority")
            data = {
                "synthesis": "30 ý kiến không đồng ý.",
                "decision": "Vẫn chuyển chợ.",
                "against_majority": "on",
                "publish": "on",
                "published_on": "25/09/2026",
            }
            response = self.client.post(result, data)
            self.assertEqual(response.status_code, 200)
            self.open_a1.refresh_from_db()
            self.assertEqual(self.open_a1.status, Status.CLOSED)
            response = self.client.post(result, {**data, "explanation": "Bảo đảm PCCC."})
            self.assertEqual(response.status_code, 302)
        self.open_a1.refresh_from_db()
        self.assertEqual(self.open_a1.status, Status.PUBLISHED)

    def test_document_download_goes_through_the_getter(self):
        self.open_a1.document.save("du-thao.pdf", ContentFile(b"%PDF-1.4 test"))
        url = reverse("democracy_consultation_document", args=[self.open_a1.pk])
        for user, status in (
            (self.ward_a_officer, 200),
            (self.neighbourhood_a1_committee, 200),
            (self.readonly_leader, 200),
            (self.ward_b_officer, 404),
            (self.neighbourhood_a2_committee, 404),
            (self.ward_a_women_officer, 404),
        ):
            with self.subTest(user=user.username):
                self.client.force_login(user)
                self.assertEqual(self.client.get(url).status_code, status)

    def test_steps_are_refused_outside_the_scope_and_to_readers(self):
        doors = [
            (
                "democracy_consultation_publish",
                {"published_on": "01/09/2026", "closes_on": "30/09/2026"},
            ),
            ("democracy_consultation_close", {"on": "30/09/2026"}),
            ("democracy_consultation_result", {"synthesis": "X"}),
        ]
        for user in (
            self.ward_b_officer,
            self.neighbourhood_a2_committee,
            self.ward_a_women_officer,
            self.readonly_leader,
            self.neighbourhood_a1_committee,
        ):
            self.client.force_login(user)
            for name, data in doors:
                with self.subTest(user=user.username, door=name):
                    response = self.client.post(reverse(name, args=[self.open_a1.pk]), data)
                    self.assertIn(response.status_code, (403, 404))
        self.open_a1.refresh_from_db()
        self.assertEqual(self.open_a1.status, Status.OPEN)

    def test_admin_and_reading_agree_for_each_persona(self):
        inspect = reverse("democracy_consultation:inspect", args=[self.open_a1.pk])
        for user, visible in (
            (self.ward_a_officer, True),
            (self.neighbourhood_a1_committee, True),
            (self.readonly_leader, True),
            (self.ward_b_officer, False),
            (self.neighbourhood_a2_committee, False),
            (self.ward_a_women_officer, False),
        ):
            with self.subTest(user=user.username):
                self.client.force_login(user)
                response = self.client.get(inspect)
                self.assertEqual(response.status_code == 200, visible)


class DisclosureAdminTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)
        cls.budget_a = make_disclosure(
            cls.ward_a, "Dự toán An", disclose_by=D(2026, 9, 9), posted_from=D(2026, 9, 9)
        )
        cls.poor_a1 = make_disclosure(
            cls.neighbourhood_a1, "Hộ nghèo An", item=7, disclose_by=D(2026, 9, 9)
        )
        cls.budget_b = make_disclosure(cls.ward_b, "Dự toán Bình", disclose_by=D(2026, 9, 9))

    def test_list_flags_and_late_filter(self):
        self.login(self.ward_a_officer)
        with pinned(D(2026, 10, 1)):
            html = self.client.get(reverse("democracy_disclosure:index")).content.decode()
            self.assertIn("Dự toán An", html)
            self.assertNotIn("Dự toán Bình", html)
            late = self.client.get(reverse("democracy_disclosure:index"), {"late": "true"})
        shown = [d.pk for d in late.context["object_list"]]
        self.assertEqual(shown, [self.poor_a1.pk])

    def test_create_post_end_and_loudspeaker_through_the_forms(self):
        self.login(self.ward_a_officer)
        with pinned(D(2026, 12, 1)):
            response = self.client.post(
                reverse("democracy_disclosure:add"),
                {
                    "unit": self.ward_a.pk,
                    "item": 2,
                    "title": "Quyết toán",
                    "decided_on": "28/08/2026",
                },
            )
            self.assertEqual(response.status_code, 302)
            disclosure = Disclosure.objects.get(title="Quyết toán")
            self.assertEqual(disclosure.disclose_by, D(2026, 9, 9))
            post = reverse("democracy_disclosure_post", args=[disclosure.pk])
            self.assertEqual(self.client.post(post, {"posted_from": "09/09/2026"}).status_code, 302)
            end = reverse("democracy_disclosure_end", args=[disclosure.pk])
            response = self.client.post(end, {"posted_to": "08/10/2026"})
            self.assertContains(response, "09/10/2026")
            self.assertEqual(self.client.post(end, {"posted_to": "09/10/2026"}).status_code, 302)
            loud = reverse("democracy_disclosure_loudspeaker", args=[self.poor_a1.pk])
            for day in ("01/09/2026", "02/09/2026", "03/09/2026"):
                self.assertEqual(self.client.post(loud, {"on": day}).status_code, 302)
            page = self.client.get(reverse("democracy_disclosure:inspect", args=[self.poor_a1.pk]))
        self.assertNotContains(page, 'data-flag="loudspeaker"')
        self.assertEqual(LoudspeakerDay.objects.filter(disclosure=self.poor_a1).count(), 3)

    def test_steps_refused_outside_the_scope(self):
        for user in (
            self.ward_b_officer,
            self.neighbourhood_a2_committee,
            self.ward_a_women_officer,
            self.readonly_leader,
            self.neighbourhood_a1_committee,
        ):
            self.client.force_login(user)
            for name, data in (
                ("democracy_disclosure_post", {"posted_from": "09/09/2026"}),
                ("democracy_disclosure_loudspeaker", {"on": "09/09/2026"}),
            ):
                with self.subTest(user=user.username, door=name):
                    response = self.client.post(reverse(name, args=[self.poor_a1.pk]), data)
                    self.assertIn(response.status_code, (403, 404))
        self.poor_a1.refresh_from_db()
        self.assertIsNone(self.poor_a1.posted_from)

    def test_quarterly_list_and_its_xlsx(self):
        Disclosure.objects.filter(pk=self.budget_a.pk).update(title='=HYPERLINK("x")')
        self.login(self.ward_a_officer)
        url = reverse("democracy_disclosures_quarterly")
        page = self.client.get(url, {"year": 2026, "quarter": 3})
        self.assertContains(page, "Hộ nghèo An")
        self.assertNotContains(page, "Dự toán Bình")
        response = self.client.get(url, {"year": 2026, "quarter": 3, "export": "xlsx"})
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        titles = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
        self.assertIn("Hộ nghèo An", titles)
        self.assertNotIn("Dự toán Bình", titles)
        # The formula-like title is kept as inert text, never a formula.
        cells = [row[2] for row in sheet.iter_rows(min_row=2)]
        self.assertIn('=HYPERLINK("x")', titles)
        self.assertEqual([c.value for c in cells if c.data_type == "f"], [])
        self.assertEqual(self.client.get(url, {"year": 2026, "quarter": 4}).context["rows"], [])
        self.client.force_login(self.ward_a_women_officer)  # refused (Wagtail: back home)
        response = self.client.get(url)
        self.assertIn(response.status_code, (302, 403))
        self.assertNotIn(b"H\xe1\xbb\x99 ngh\xc3\xa8o An", response.content)

    def test_work_list_names_late_disclosures_of_the_users_units(self):
        with pinned(D(2026, 10, 1)):
            titles = [
                item.title
                for section in work_list(self.ward_a_officer)
                if section.source.key == "democracy_disclosures_flagged"
                for item in section.items
            ]
        self.assertIn("Hộ nghèo An", titles)
        self.assertNotIn("Dự toán Bình", titles)


class ConsultationWorkListTests(BaseTestCase):
    def test_consultation_past_its_closing_date(self):
        make_consultation(
            self.ward_a,
            "Chưa tổng hợp",
            status=Status.OPEN,
            published_on=D(2026, 9, 1),
            closes_on=D(2026, 9, 21),
        )
        make_consultation(
            self.ward_b,
            "Chưa tổng hợp B",
            status=Status.OPEN,
            published_on=D(2026, 9, 1),
            closes_on=D(2026, 9, 21),
        )
        with pinned(D(2026, 10, 1)):
            titles = [
                item.title
                for section in work_list(self.ward_a_officer)
                if section.source.key == "democracy_consultations_unsynthesised"
                for item in section.items
            ]
        self.assertEqual(titles, ["Chưa tổng hợp"])
        self.assertFalse(Opinion.objects.exists())
