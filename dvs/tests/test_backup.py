import tempfile
from io import StringIO
from pathlib import Path

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.test import override_settings

from dvs import backup
from dvs.cases.models import Case, Petitioner
from dvs.cases.tests.helpers import receive
from dvs.people.models import Person
from dvs.people.tests.helpers import add_person
from dvs.storage import private_storage
from dvs.testing import BaseTestCase


class BackupRestoreTests(BaseTestCase):
    def setUp(self):
        folder = Path(self.enterContext(tempfile.TemporaryDirectory()))
        private = {**settings.STORAGES["private"], "OPTIONS": {"location": folder / "private"}}
        self.enterContext(
            override_settings(
                MEDIA_ROOT=folder / "media", STORAGES={**settings.STORAGES, "private": private}
            )
        )
        self.target = folder / "backup"
        self.an = add_person(
            self.neighbourhood_a1, "Lò Thị An", id_number="001190012345", religion="Phật giáo"
        )
        receive(self.ward_a, name="Trần Văn Tố")
        private_storage().save("attachments/don.pdf", ContentFile(b"%PDF noi dung don"))

    def test_a_wiped_platform_comes_back_whole_from_its_backup(self):
        call_command("backup", to=str(self.target), stdout=StringIO())
        before = backup.inventory()
        self.assertEqual(before["counts"]["people.person"], 1)
        self.assertTrue((self.target / "keys" / "field_keys").read_text().strip())

        # The wipe: the database and the files are gone.
        Case.objects.all().delete()
        Person.objects.all().delete()
        private_storage().delete("attachments/don.pdf")
        self.assertNotEqual(backup.inventory(), before)

        call_command("restore", source=str(self.target), interactive=False, stdout=StringIO())
        self.assertEqual(backup.inventory(), before)
        an = Person.objects.get(pk=self.an.pk)
        self.assertEqual(an.reveal(self.admin)["id_number"], "001190012345")
        self.assertEqual(Petitioner.objects.get().identity["name"], "Trần Văn Tố")
        with private_storage().open("attachments/don.pdf") as restored:
            self.assertEqual(restored.read(), b"%PDF noi dung don")

    def test_a_restore_with_a_wrong_or_missing_key_stops_and_changes_nothing(self):
        call_command("backup", to=str(self.target), stdout=StringIO())
        Person.objects.all().delete()
        before = backup.inventory()
        for keys in ([Fernet.generate_key().decode()], []):
            with self.subTest(keys=keys), override_settings(FIELD_ENCRYPTION_KEYS=keys):
                with self.assertRaisesMessage(CommandError, "không giải mã được bản sao lưu này"):
                    call_command("restore", source=str(self.target), interactive=False)
        self.assertEqual(backup.inventory(), before)
        self.assertFalse(Person.objects.exists())

    def test_a_backup_never_overwrites_an_earlier_one(self):
        call_command("backup", to=str(self.target), stdout=StringIO())
        with self.assertRaisesMessage(CommandError, "không trống"):
            call_command("backup", to=str(self.target), stdout=StringIO())
