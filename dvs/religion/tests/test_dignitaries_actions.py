"""The writes of dignitaries: who may record what where, what a record must be, the
protected fields (set only by those who may read them, the CCCD checked like a
resident's), the ID image, positions and status history. A refusal changes nothing."""

import datetime
import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dvs.accounts.models import AuditEntry
from dvs.religion.actions import dignitaries as actions
from dvs.religion.models import Dignitary, DignitaryPosition, DignitaryStatusChange
from dvs.testing import BaseTestCase, use_temporary_media

from .helpers import make_dignitary, make_establishment, make_position, religion

ID_NUMBER = "001075012345"  # Hà Nội, a man born in 1975


def png_bytes():
    """A real one-pixel PNG."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1, 1), "white").save(buffer, "PNG")
    return buffer.getvalue()


class DignitaryTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.pagoda_a = make_establishment(cls.ward_a, "Chùa Phúc Lâm")
        cls.pagoda_b = make_establishment(cls.ward_b, "Chùa Bình Minh")

    def fields(self, **overrides):
        fields = {
            "unit": self.ward_a,
            "religion": religion(),
            "birth_name": "Từ Thành Đạt",
            "religious_name": "Thích Minh Nhẫn",
            "is_dignitary": True,
            "sex": "male",
            "birth_date": datetime.date(1975, 8, 15),
            "establishment": self.pagoda_a,
        }
        fields.update(overrides)
        return fields


class CreateTests(DignitaryTestCase):
    def test_a_ward_officer_records_a_dignitary_of_the_ward_and_it_is_audited(self):
        dignitary = actions.create_dignitary(by=self.ward_a_officer, **self.fields())
        self.assertEqual(dignitary.name_key, "thich minh nhan tu thanh dat")
        self.assertEqual(dignitary.birth_year, 1975)
        entry = AuditEntry.objects.get(action="wagtail.create", object_id=str(dignitary.pk))
        self.assertEqual(entry.user, self.ward_a_officer)

    def test_refusals_change_nothing(self):
        cases = [
            (self.ward_b_officer, {}),  # another ward
            (self.readonly_leader, {}),  # reads only
            (self.ward_a_officer, {"unit": self.ward_b, "establishment": None}),
            (self.ward_a_officer, {"religion": None}),
            (self.ward_a_officer, {"is_dignitary": False}),  # no classification
            (self.ward_a_officer, {"birth_date": timezone.localdate() + datetime.timedelta(1)}),
            (self.ward_a_officer, {"establishment": self.pagoda_b}),  # another ward's
            (self.ward_a_officer, {"birth_name": "  "}),
        ]
        for user, overrides in cases:
            with self.subTest(user=user.username, overrides=overrides):
                with self.assertRaises(ValidationError):
                    actions.create_dignitary(by=user, **self.fields(**overrides))
        self.assertFalse(Dignitary.objects.exists())
        self.assertFalse(AuditEntry.objects.filter(action="wagtail.create").exists())

    def test_an_establishment_of_a_neighbourhood_of_the_ward_is_accepted(self):
        temple = make_establishment(self.neighbourhood_a1, "Đình Khu phố 1", kind="communal_house")
        dignitary = actions.create_dignitary(
            by=self.ward_a_officer, **self.fields(establishment=temple)
        )
        self.assertEqual(dignitary.establishment, temple)

    def test_several_classifications_are_kept(self):
        dignitary = actions.create_dignitary(
            by=self.ward_a_officer, **self.fields(is_official=True)
        )
        self.assertTrue(dignitary.is_dignitary and dignitary.is_official)
        self.assertFalse(dignitary.is_practitioner)

    def test_control_characters_are_cleaned(self):
        dignitary = actions.create_dignitary(
            by=self.ward_a_officer, **self.fields(religious_name="Thích\u200b Minh\x07 Nhẫn")
        )
        self.assertEqual(dignitary.religious_name, "Thích Minh Nhẫn")


class ProtectedFieldTests(DignitaryTestCase):
    def test_only_a_user_who_may_read_them_sets_protected_fields(self):
        sensitive = {"id_number": ID_NUMBER, "ethnicity": "Kinh"}
        with self.assertRaises(ValidationError):
            actions.create_dignitary(by=self.ward_a_officer, sensitive=sensitive, **self.fields())
        self.assertFalse(Dignitary.objects.exists())
        dignitary = actions.create_dignitary(
            by=self.city_specialist, sensitive=sensitive, **self.fields()
        )
        self.assertEqual(dignitary.reveal(self.city_specialist)["id_number"], ID_NUMBER)
        # Updating them needs the same right on the row.
        with self.assertRaises(ValidationError):
            actions.update_dignitary(
                dignitary, by=self.ward_a_officer, sensitive={"ethnicity": "Tày"}
            )
        dignitary.refresh_from_db()
        self.assertEqual(dignitary.reveal(self.city_specialist)["ethnicity"], "Kinh")

    def test_the_id_number_is_checked_like_a_residents(self):
        for number, reason in [
            ("00107501234", "length"),
            ("001175012345", "sex: a woman's digit"),
            ("001080012345", "year of birth 1980, not 1975"),
            ("999075012345", "no such province"),
        ]:
            with self.subTest(reason=reason):
                with self.assertRaises(ValidationError) as raised:
                    actions.create_dignitary(
                        by=self.city_specialist, sensitive={"id_number": number}, **self.fields()
                    )
                self.assertIn("id_number", raised.exception.message_dict)
        self.assertFalse(Dignitary.objects.exists())

    def test_the_id_number_is_normalised_and_unique(self):
        actions.create_dignitary(
            by=self.city_specialist, sensitive={"id_number": "001 075.012-345"}, **self.fields()
        )
        with self.assertRaises(ValidationError):
            actions.create_dignitary(
                by=self.city_specialist,
                sensitive={"id_number": ID_NUMBER},
                **self.fields(birth_name="Người Khác"),
            )
        self.assertEqual(Dignitary.objects.count(), 1)

    def test_the_log_never_holds_a_protected_value(self):
        dignitary = actions.create_dignitary(
            by=self.city_specialist,
            sensitive={"id_number": ID_NUMBER, "ethnicity": "Xơ Đăng"},
            **self.fields(),
        )
        actions.update_dignitary(
            dignitary, by=self.city_specialist, sensitive={"ethnicity": "Chơ Ro"}
        )
        for entry in AuditEntry.objects.all():
            text = f"{entry.label} {entry.data}"
            self.assertNotIn(ID_NUMBER, text)
            self.assertNotIn("Xơ Đăng", text)
            self.assertNotIn("Chơ Ro", text)


class IdImageTests(DignitaryTestCase):
    def setUp(self):
        self.media, self.private = use_temporary_media(self)
        self.dignitary = make_dignitary(self.ward_a)

    def test_a_permitted_user_keeps_an_image_in_private_storage_and_replaces_it(self):
        actions.set_id_image(
            self.dignitary,
            by=self.city_specialist,
            upload=SimpleUploadedFile("cccd.png", png_bytes()),
        )
        self.dignitary.refresh_from_db()
        first = self.dignitary.id_image.name
        self.assertTrue((self.private / first).exists())
        self.assertFalse(any(self.media.rglob("*")))
        with self.captureOnCommitCallbacks(execute=True):
            actions.set_id_image(
                self.dignitary,
                by=self.city_specialist,
                upload=SimpleUploadedFile("cccd.jpg", b"\xff\xd8\xff\xe0" + b"0" * 100),
            )
        self.assertFalse((self.private / first).exists())
        with self.captureOnCommitCallbacks(execute=True):
            actions.remove_id_image(self.dignitary, by=self.city_specialist)
        self.dignitary.refresh_from_db()
        self.assertFalse(self.dignitary.id_image)
        self.assertFalse([p for p in self.private.rglob("*") if p.is_file()])

    def test_not_an_image_or_not_permitted_is_refused(self):
        with self.assertRaises(ValidationError):
            actions.set_id_image(
                self.dignitary,
                by=self.city_specialist,
                upload=SimpleUploadedFile("cccd.pdf", b"%PDF-1.4 ..."),
            )
        with self.assertRaises(ValidationError):  # a PDF named as an image
            actions.set_id_image(
                self.dignitary,
                by=self.city_specialist,
                upload=SimpleUploadedFile("cccd.png", b"%PDF-1.4 ..."),
            )
        with self.assertRaises(ValidationError):
            actions.set_id_image(
                self.dignitary,
                by=self.ward_a_officer,
                upload=SimpleUploadedFile("cccd.png", png_bytes()),
            )
        with self.settings(CASE_ATTACHMENT_MAX_BYTES=10), self.assertRaises(ValidationError):
            actions.set_id_image(
                self.dignitary,
                by=self.city_specialist,
                upload=SimpleUploadedFile("cccd.png", png_bytes()),
            )
        self.dignitary.refresh_from_db()
        self.assertFalse(self.dignitary.id_image)
        self.assertFalse([p for p in self.private.rglob("*") if p.is_file()])


class PositionAndStatusTests(DignitaryTestCase):
    def setUp(self):
        self.dignitary = make_dignitary(self.ward_a)

    def test_a_position_is_added_and_ended(self):
        position = actions.add_position(
            self.dignitary,
            by=self.ward_a_officer,
            title="Trụ trì",
            place="Chùa Phúc Lâm",
            started_on=datetime.date(2012, 11, 20),
        )
        actions.end_position(position, by=self.ward_a_officer, ended_on=datetime.date(2024, 1, 1))
        position.refresh_from_db()
        self.assertEqual(position.ended_on, datetime.date(2024, 1, 1))

    def test_position_refusals_change_nothing(self):
        position = make_position(self.dignitary, started_on=datetime.date(2012, 1, 1))
        with self.assertRaises(ValidationError):
            actions.add_position(self.dignitary, by=self.ward_b_officer, title="Phó trụ trì")
        with self.assertRaises(ValidationError):
            actions.add_position(
                self.dignitary,
                by=self.ward_a_officer,
                title="Phó trụ trì",
                started_on=datetime.date(2020, 1, 1),
                ended_on=datetime.date(2019, 1, 1),
            )
        with self.assertRaises(ValidationError):
            actions.end_position(
                position, by=self.ward_a_officer, ended_on=datetime.date(2011, 1, 1)
            )
        with self.assertRaises(ValidationError):
            actions.end_position(
                position, by=self.readonly_leader, ended_on=datetime.date(2020, 1, 1)
            )
        self.assertEqual(DignitaryPosition.objects.count(), 1)
        position.refresh_from_db()
        self.assertIsNone(position.ended_on)

    def test_a_status_change_updates_the_dignitary_and_keeps_the_history(self):
        actions.record_status(
            self.dignitary, by=self.ward_a_officer, status="retired", on=datetime.date(2025, 6, 1)
        )
        # An earlier change recorded late goes into the history only.
        actions.record_status(
            self.dignitary, by=self.ward_a_officer, status="active", on=datetime.date(2010, 1, 1)
        )
        self.dignitary.refresh_from_db()
        self.assertEqual(self.dignitary.status, "retired")
        self.assertEqual(self.dignitary.status_on, datetime.date(2025, 6, 1))
        self.assertEqual(
            list(self.dignitary.status_changes.values_list("status", flat=True)),
            ["active", "retired"],
        )

    def test_status_refusals_change_nothing(self):
        tomorrow = timezone.localdate() + datetime.timedelta(1)
        for user, status, on in [
            (self.ward_a_officer, "retired", tomorrow),
            (self.ward_a_officer, "nonsense", datetime.date(2025, 1, 1)),
            (self.ward_b_officer, "retired", datetime.date(2025, 1, 1)),
            (self.readonly_leader, "retired", datetime.date(2025, 1, 1)),
        ]:
            with (
                self.subTest(user=user.username, status=status),
                self.assertRaises(ValidationError),
            ):
                actions.record_status(self.dignitary, by=user, status=status, on=on)
        self.dignitary.refresh_from_db()
        self.assertEqual(self.dignitary.status, "active")
        self.assertFalse(DignitaryStatusChange.objects.exists())
