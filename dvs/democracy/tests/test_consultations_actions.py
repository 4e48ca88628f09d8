"""The writes of consultations: scope and permission checked first, the 20-day minimum
(design §3.8 example 8: published Tue 1/9/2026, it cannot close before Mon 21/9/2026),
opinions by channel with their counts, closing not before the date announced, and a
decision against the majority refused publication without its explanation. The portal's
opinions: one per phone number (stored only as a keyed hash), only while open."""

import datetime
from unittest import mock

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dvs.accounts.models import AuditEntry
from dvs.democracy.actions import consultations as actions
from dvs.democracy.models import Consultation, Opinion
from dvs.testing import BaseTestCase, add_sibling_personas, use_temporary_media

from .helpers import make_consultation

D = datetime.date
Status = Consultation.Status


def pinned(day):
    return mock.patch("dvs.democracy.actions.consultations._today", return_value=day)


def opened(unit, title="Lấy ý kiến quy hoạch chợ", **fields):
    fields.setdefault("status", Status.OPEN)
    fields.setdefault("published_on", D(2026, 9, 1))
    fields.setdefault("closes_on", D(2026, 9, 21))
    return make_consultation(unit, title, **fields)


class ConsultationActionTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_sibling_personas(cls)

    def setUp(self):
        use_temporary_media(self)

    def test_create_in_scope_is_audited_and_elsewhere_refused(self):
        consultation = actions.create(
            self.ward_a_officer,
            unit=self.ward_a,
            subject=6,
            title="  Quy hoạch chợ\u200b ",
            summary="Dự thảo.",
        )
        self.assertEqual(consultation.title, "Quy hoạch chợ")
        self.assertEqual(consultation.status, Status.DRAFT)
        self.assertTrue(AuditEntry.objects.filter(object_id=str(consultation.pk)).exists())
        for user, unit in (
            (self.ward_a_officer, self.ward_b),
            (self.ward_a_women_officer, self.ward_a),
            (self.readonly_leader, self.ward_a),
            (self.neighbourhood_a1_committee, self.neighbourhood_a1),
        ):
            with self.subTest(user=user.username), self.assertRaises(ValidationError):
                actions.create(user, unit=unit, title="X", summary="Y")
        self.assertEqual(Consultation.objects.count(), 1)

    def test_document_type_is_checked(self):
        bad = SimpleUploadedFile("x.exe", b"MZ")
        with self.assertRaises(ValidationError) as refused:
            actions.create(
                self.ward_a_officer, unit=self.ward_a, title="X", summary="Y", document=bad
            )
        self.assertIn("document", refused.exception.message_dict)
        good = SimpleUploadedFile("du-thao.pdf", b"%PDF-1.4")
        consultation = actions.create(
            self.ward_a_officer, unit=self.ward_a, title="X", summary="Y", document=good
        )
        self.assertTrue(consultation.document.name.startswith("democracy/consultation/"))

    def test_published_1_9_cannot_close_before_21_9(self):
        consultation = make_consultation(self.ward_a)
        with self.assertRaises(ValidationError) as refused:
            actions.publish(consultation, self.ward_a_officer, D(2026, 9, 1), D(2026, 9, 20))
        self.assertIn("21/09/2026", refused.exception.message_dict["closes_on"][0])
        consultation.refresh_from_db()
        self.assertEqual(consultation.status, Status.DRAFT)
        actions.publish(consultation, self.ward_a_officer, D(2026, 9, 1), D(2026, 9, 21))
        consultation.refresh_from_db()
        self.assertEqual(
            (consultation.status, consultation.closes_on), (Status.OPEN, D(2026, 9, 21))
        )
        with self.assertRaises(ValidationError):  # once only
            actions.publish(consultation, self.ward_a_officer, D(2026, 9, 1), D(2026, 9, 30))

    def test_publish_is_refused_outside_the_scope_and_to_readers(self):
        consultation = make_consultation(self.neighbourhood_a1)
        for user in (
            self.ward_b_officer,
            self.readonly_leader,
            self.ward_a_women_officer,
            self.neighbourhood_a2_committee,
            self.neighbourhood_a1_committee,  # reads the ward's consultations, keeps none
        ):
            with self.subTest(user=user.username), self.assertRaises(ValidationError):
                actions.publish(consultation, user, D(2026, 9, 1), D(2026, 9, 30))
        consultation.refresh_from_db()
        self.assertEqual(consultation.status, Status.DRAFT)

    def test_question_is_frozen_once_published(self):
        consultation = opened(self.ward_a)
        with self.assertRaises(ValidationError):
            actions.update(consultation, self.ward_a_officer, title="Khác")
        actions.update(consultation, self.ward_a_officer, on_portal=False)
        consultation.refresh_from_db()
        self.assertFalse(consultation.on_portal)

    def test_opinions_by_channel_are_counted(self):
        consultation = opened(self.neighbourhood_a1)
        with pinned(D(2026, 10, 1)):
            actions.add_opinion(
                consultation,
                self.ward_a_officer,
                channel="meeting",
                stance="agree",
                count=40,
                received_on=D(2026, 9, 5),
            )
            # The neighbourhood's committee enters its own meeting's opinions.
            actions.add_opinion(
                consultation,
                self.neighbourhood_a1_committee,
                channel="ballot",
                stance="disagree",
                count=25,
                received_on=D(2026, 9, 10),
            )
            actions.add_opinion(
                consultation,
                self.ward_a_officer,
                channel="box",
                stance="other",
                received_on=D(2026, 9, 11),
                content="Cần thêm bãi đỗ xe.",
            )
        counts = actions.counts(consultation)
        self.assertEqual(counts["by_stance"], {"agree": 40, "disagree": 25, "other": 1})
        self.assertEqual(counts["by_channel"]["meeting"], 40)
        self.assertEqual(counts["by_channel"]["ballot"], 25)
        self.assertEqual((counts["total"], counts["majority"]), (66, "agree"))
        self.assertTrue(counts["absolute_majority"])

    def test_opinion_refusals(self):
        consultation = opened(self.neighbourhood_a1)
        draft = make_consultation(self.neighbourhood_a1, "Nháp")
        good = {"channel": "meeting", "stance": "agree", "received_on": D(2026, 9, 5)}
        cases = [
            (consultation, self.ward_b_officer, {}),
            (consultation, self.neighbourhood_a2_committee, {}),
            (consultation, self.ward_a_women_officer, {}),
            (consultation, self.readonly_leader, {}),
            (consultation, self.ward_a_officer, {"channel": "portal"}),
            (consultation, self.ward_a_officer, {"count": 0}),
            (consultation, self.ward_a_officer, {"received_on": D(2026, 8, 31)}),
            (consultation, self.ward_a_officer, {"received_on": D(2026, 9, 22)}),
            (draft, self.ward_a_officer, {}),
        ]
        with pinned(D(2026, 10, 1)):
            for target, user, change in cases:
                with self.subTest(user=user.username, change=change):
                    with self.assertRaises(ValidationError):
                        actions.add_opinion(target, user, **{**good, **change})
        self.assertFalse(Opinion.objects.exists())

    def test_close_not_before_the_closing_date(self):
        consultation = opened(self.ward_a)
        with self.assertRaises(ValidationError) as refused:
            actions.close(consultation, self.ward_a_officer, D(2026, 9, 20))
        self.assertIn("on", refused.exception.message_dict)
        with self.assertRaises(ValidationError):
            actions.close(consultation, self.ward_b_officer, D(2026, 9, 21))
        actions.close(consultation, self.ward_a_officer, D(2026, 9, 21))
        consultation.refresh_from_db()
        self.assertEqual(consultation.status, Status.CLOSED)

    def test_against_the_majority_needs_its_explanation(self):
        consultation = opened(self.ward_a, status=Status.CLOSED)
        with self.assertRaises(ValidationError):  # no synthesis yet
            actions.publish_result(consultation, self.ward_a_officer, D(2026, 9, 25))
        actions.record_result(
            consultation,
            self.ward_a_officer,
            synthesis="Đa số đồng ý giữ chợ cũ.",
            decision="Chuyển chợ sang vị trí mới.",
            against_majority=True,
        )
        with self.assertRaises(ValidationError) as refused:
            actions.publish_result(consultation, self.ward_a_officer, D(2026, 9, 25))
        self.assertEqual(
            refused.exception.message_dict["explanation"],
            ["Quyết định khác ý kiến đa số phải có giải trình."],
        )
        consultation.refresh_from_db()
        self.assertEqual(consultation.status, Status.CLOSED)
        actions.record_result(
            consultation, self.ward_a_officer, explanation="Vị trí cũ không bảo đảm PCCC."
        )
        actions.publish_result(consultation, self.ward_a_officer, D(2026, 9, 25))
        consultation.refresh_from_db()
        self.assertEqual(consultation.status, Status.PUBLISHED)
        self.assertEqual(consultation.result_published_on, D(2026, 9, 25))

    def test_result_refused_to_others_and_before_closing(self):
        consultation = opened(self.ward_a)
        with self.assertRaises(ValidationError):
            actions.record_result(consultation, self.ward_a_officer, synthesis="Sớm")
        consultation.status = Status.CLOSED
        consultation.save()
        for user in (self.ward_b_officer, self.readonly_leader, self.ward_a_women_officer):
            with self.subTest(user=user.username), self.assertRaises(ValidationError):
                actions.record_result(consultation, user, synthesis="X")

    def test_delete_through_the_action(self):
        consultation = make_consultation(self.ward_a)
        with self.assertRaises(ValidationError):
            actions.delete(consultation, by=self.ward_b_officer)
        actions.delete(consultation, by=self.ward_a_officer)
        self.assertFalse(Consultation.objects.exists())


class PublicOpinionActionTests(BaseTestCase):
    def submit(self, consultation, phone="0912 345 678", **fields):
        data = {"name": "Nguyễn Văn Dân", "stance": "agree", "content": "Đồng ý."}
        with pinned(D(2026, 9, 10)):
            return actions.submit_public_opinion(consultation, phone=phone, **{**data, **fields})

    def test_one_opinion_per_phone_number_stored_as_a_hash(self):
        consultation = opened(self.ward_a)
        opinion = self.submit(consultation)
        self.assertEqual(opinion.channel, Opinion.Channel.PORTAL)
        self.assertEqual(len(opinion.contact_hash), 64)
        self.assertNotIn("912345678", opinion.contact_hash)
        self.assertEqual(opinion.contact_hash, actions.contact_hash("0912345678"))
        for same in ("+84 912 345 678", "0912.345.678"):
            with self.subTest(phone=same), self.assertRaises(ValidationError) as refused:
                self.submit(consultation, phone=same)
            self.assertEqual(
                refused.exception.message_dict["phone"],
                ["Số điện thoại này đã góp ý cho nội dung này."],
            )
        other = opened(self.ward_a, "Khác")
        self.submit(other)  # the same person on another consultation
        self.assertEqual(Opinion.objects.count(), 2)

    def test_only_while_open_on_the_portal(self):
        cases = [
            opened(self.ward_a, "Nháp", status=Status.DRAFT),
            opened(self.ward_a, "Không qua cổng", on_portal=False),
            opened(self.ward_a, "Đã đóng", status=Status.CLOSED),
            opened(self.ward_a, "Hết hạn", closes_on=D(2026, 9, 9)),
        ]
        for consultation in cases:
            with self.subTest(consultation=consultation.title):
                with self.assertRaises(ValidationError):
                    self.submit(consultation)
        self.assertFalse(Opinion.objects.exists())

    def test_phone_and_text_are_checked(self):
        consultation = opened(self.ward_a)
        for change in ({"phone": "12"}, {"stance": "maybe"}, {"content": " "}, {"name": ""}):
            with self.subTest(change=change), self.assertRaises(ValidationError):
                self.submit(consultation, **change)
        self.assertFalse(Opinion.objects.exists())
