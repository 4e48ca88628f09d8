"""The portal's consultation pages and the public opinion endpoint: open consultations
listed with their days left, a published result shown, the draft document served only
once published, one opinion per phone number, the hidden anti-robot field, the hourly
limit per connection, 404 for a consultation not open on the portal, and no page naming
who gave an opinion."""

import datetime
from unittest import mock

from django.core.files.base import ContentFile
from django.test import override_settings

from dvs.democracy.models import Consultation, Opinion
from dvs.lib import throttle
from dvs.testing import BaseTestCase, use_temporary_media

from .helpers import make_consultation

D = datetime.date
Status = Consultation.Status
TODAY = D(2026, 9, 10)


def pinned(day=TODAY):
    return mock.patch("django.utils.timezone.localdate", return_value=day)


def opened(unit, title, **fields):
    fields.setdefault("status", Status.OPEN)
    fields.setdefault("published_on", D(2026, 9, 1))
    fields.setdefault("closes_on", D(2026, 9, 21))
    return make_consultation(unit, title, **fields)


FORM = {
    "name": "Nguyễn Văn Dân",
    "address": "Số 5 ngõ 7",
    "phone": "0912345678",
    "stance": "disagree",
    "content": "Nên giữ chợ cũ.",
    "website": "",
}


class PublicConsultationPageTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.open = opened(cls.ward_a, "Lấy ý kiến chợ An")
        cls.draft = make_consultation(cls.ward_a, "Nháp chưa công bố")
        cls.offline = opened(cls.ward_a, "Không lấy qua cổng", on_portal=False)
        cls.done = opened(
            cls.ward_b,
            "Kết quả chợ Bình",
            status=Status.PUBLISHED,
            synthesis="Đa số đồng ý.",
            decision="Giữ chợ.",
            result_published_on=D(2026, 9, 5),
        )
        Opinion.objects.create(
            consultation=cls.done,
            channel="box",
            stance="agree",
            name="Trần Thị Kín",
            received_on=D(2026, 8, 20),
        )

    def setUp(self):
        use_temporary_media(self)
        throttle.reset("democracy:opinion:127.0.0.1")

    def url(self, consultation, suffix=""):
        return f"/lay-y-kien/{consultation.pk}/{suffix}"

    def test_list_shows_open_consultations_with_days_left_and_results(self):
        with pinned():
            html = self.client.get("/lay-y-kien/").content.decode()
        self.assertIn("Lấy ý kiến chợ An", html)
        self.assertIn("11", html)  # days left until 21/09
        self.assertIn("Kết quả chợ Bình", html)
        self.assertNotIn("Nháp chưa công bố", html)
        self.assertNotIn("Không lấy qua cổng", html)

    def test_draft_is_not_found_and_offline_takes_no_opinion(self):
        with pinned():
            self.assertEqual(self.client.get(self.url(self.draft)).status_code, 404)
            self.assertEqual(self.client.post(self.url(self.draft), FORM).status_code, 404)
            page = self.client.get(self.url(self.offline))
            self.assertEqual(page.status_code, 200)
            self.assertNotContains(page, 'name="phone"')
            self.assertEqual(self.client.post(self.url(self.offline), FORM).status_code, 404)
        self.assertFalse(
            Opinion.objects.filter(consultation__in=[self.draft, self.offline]).exists()
        )

    def test_one_opinion_per_phone_number(self):
        with pinned():
            response = self.client.post(self.url(self.open), FORM)
            self.assertRedirects(response, self.url(self.open, "da-gui/"))
            again = self.client.post(self.url(self.open), {**FORM, "phone": "+84 912 345 678"})
        self.assertEqual(again.status_code, 200)
        self.assertContains(again, 'role="alert"')
        opinion = Opinion.objects.get(consultation=self.open)
        self.assertEqual(opinion.channel, "portal")
        self.assertNotIn("0912345678", str(opinion.__dict__))

    def test_honeypot_saves_nothing(self):
        with pinned():
            response = self.client.post(self.url(self.open), {**FORM, "website": "http://spam"})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Opinion.objects.filter(consultation=self.open).exists())

    @override_settings(DEMOCRACY_PUBLIC_OPINIONS_PER_HOUR=2)
    def test_hourly_limit_per_connection(self):
        with pinned():
            for n in range(2):
                response = self.client.post(self.url(self.open), {**FORM, "phone": f"091234567{n}"})
                self.assertEqual(response.status_code, 302)
            blocked = self.client.post(self.url(self.open), {**FORM, "phone": "0987654321"})
        self.assertEqual(blocked.status_code, 200)
        self.assertEqual(Opinion.objects.filter(consultation=self.open).count(), 2)

    def test_result_shown_without_names(self):
        page = self.client.get(self.url(self.done))
        self.assertContains(page, "Đa số đồng ý.")
        self.assertContains(page, "Giữ chợ.")
        self.assertNotContains(page, "Trần Thị Kín")
        with pinned():
            self.client.post(self.url(self.open), FORM)
            page = self.client.get(self.url(self.open))
        self.assertNotContains(page, "Nguyễn Văn Dân")

    def test_document_only_once_published(self):
        self.open.document.save("du-thao.pdf", ContentFile(b"%PDF-1.4"))
        self.draft.document.save("nhap.pdf", ContentFile(b"%PDF-1.4"))
        self.assertEqual(self.client.get(self.url(self.open, "tai-lieu/")).status_code, 200)
        self.assertEqual(self.client.get(self.url(self.draft, "tai-lieu/")).status_code, 404)


class PublicOpinionApiTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.open = opened(cls.ward_a, "Lấy ý kiến chợ An")
        cls.draft = make_consultation(cls.ward_a, "Nháp")

    def setUp(self):
        throttle.reset("democracy:opinion:127.0.0.1")

    def send(self, consultation, **changes):
        body = {k: v for k, v in FORM.items() if k != "website"} | changes
        path = f"/api/v1/democracy/public/consultations/{consultation.pk}/opinions"
        return self.client.post(path, body, content_type="application/json")

    def test_anonymous_opinion_once_per_phone(self):
        with pinned():
            self.assertEqual(self.send(self.open).status_code, 201)
            again = self.send(self.open, phone="0912 345 678")
        self.assertEqual(again.status_code, 422)
        self.assertIn("phone", again.json()["fields"])
        self.assertEqual(Opinion.objects.count(), 1)

    def test_not_open_is_not_found_and_bad_input_refused(self):
        with pinned():
            self.assertEqual(self.send(self.draft).status_code, 404)
            self.assertEqual(self.send(self.open, stance="maybe").status_code, 422)
            self.assertEqual(self.send(self.open, content="").status_code, 422)
            self.assertEqual(self.send(self.open, website="x").status_code, 201)
        with pinned(D(2026, 9, 22)):
            self.assertEqual(self.send(self.open, phone="0900000000").status_code, 404)
        self.assertFalse(Opinion.objects.exists())

    @override_settings(DEMOCRACY_PUBLIC_OPINIONS_PER_HOUR=1)
    def test_hourly_limit(self):
        with pinned():
            self.assertEqual(self.send(self.open).status_code, 201)
            self.assertEqual(self.send(self.open, phone="0987654321").status_code, 429)
        self.assertEqual(Opinion.objects.count(), 1)
