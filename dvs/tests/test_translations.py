"""Every string a Vietnamese user can meet in the back office has a Vietnamese translation:
Wagtail's admin catalogs (completed in dvs/locale_wagtail) and our own."""

import os
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

import django
import polib
import wagtail
from django.conf import settings
from django.core.management import call_command
from django.test import SimpleTestCase
from django.utils import timezone, translation
from django.utils.timesince import timesince

WAGTAIL = Path(wagtail.__file__).parent
OURS = settings.BASE_DIR / "dvs" / "locale" / "vi" / "LC_MESSAGES" / "django.po"
COMPLETION = settings.BASE_DIR / "dvs" / "locale_wagtail" / "vi" / "LC_MESSAGES"
DJANGO = Path(django.__file__).parent
DJANGO_COMPLETION = settings.BASE_DIR / "dvs" / "locale_django" / "vi" / "LC_MESSAGES" / "django.po"
DJANGO_CATALOGS = [
    "conf",
    "contrib/auth",
    "contrib/contenttypes",
    "contrib/sessions",
    "contrib/sites",
]


def translated(po_path):
    if not po_path.exists():
        return set()
    return {(e.msgctxt, e.msgid) for e in polib.pofile(str(po_path)).translated_entries()}


class CoverageTests(SimpleTestCase):
    def test_every_wagtail_admin_string_has_a_vietnamese_translation(self):
        total, missing = 0, []
        for english in sorted(WAGTAIL.glob("**/locale/en/LC_MESSAGES/*.po")):
            domain = english.stem
            available = translated(Path(str(english).replace("/en/", "/vi/"))) | translated(
                COMPLETION / f"{domain}.po"
            )
            for entry in polib.pofile(str(english)):
                total += 1
                if (entry.msgctxt, entry.msgid) not in available:
                    missing.append(f"{english.relative_to(WAGTAIL)}: {entry.msgid[:60]}")
        coverage = 100 * (total - len(missing)) / total
        self.assertGreater(total, 1500)
        self.assertEqual(missing, [], f"coverage {coverage:.1f}% of {total} strings")

    def test_every_string_of_djangos_own_apps_has_a_vietnamese_translation(self):
        available = translated(DJANGO_COMPLETION) | translated(COMPLETION / "django.po")
        for vi in WAGTAIL.glob("**/locale/vi/LC_MESSAGES/django.po"):
            available |= translated(vi)
        missing = []
        for catalog in DJANGO_CATALOGS:
            english = DJANGO / catalog / "locale/en/LC_MESSAGES/django.po"
            available_here = available | translated(Path(str(english).replace("/en/", "/vi/")))
            for entry in polib.pofile(str(english)):
                if (entry.msgctxt, entry.msgid) not in available_here:
                    missing.append(f"{catalog}: {entry.msgid[:60]}")
        self.assertEqual(missing, [])
        with translation.override("vi"):
            self.assertEqual(timesince(timezone.now() - timedelta(minutes=3)), "3\xa0phút")
            self.assertEqual(timesince(timezone.now() - timedelta(days=280)), "9\xa0tháng")

    def test_labels_a_cadre_understands(self):
        with translation.override("vi"):
            self.assertEqual(translation.gettext("Inspect"), "Xem")
            browsing = translation.gettext("Exploring")
            approving = translation.gettext("In Moderation")
            self.assertNotEqual(browsing, approving)
            self.assertNotIn("duyệt", browsing.lower())
            self.assertEqual(
                translation.gettext("%(label)s and Publish") % {"label": "Duyệt"},
                "Duyệt và xuất bản",
            )
            self.assertTrue(
                translation.gettext("Submit to %(workflow_name)s").startswith("Gửi duyệt")
            )
            # a count before a plural name: "8 trang", never "8 các trang"
            for plural in ("pages", "images", "sites", "revisions", "workflows"):
                self.assertFalse(translation.gettext(plural).startswith("các"), plural)

    def test_every_string_of_ours_is_translated(self):
        catalog = polib.pofile(str(OURS))
        self.assertEqual([e.msgid for e in catalog.untranslated_entries()], [])
        self.assertEqual([e.msgid for e in catalog.fuzzy_entries()], [])

    def test_our_catalog_holds_every_string_in_the_code(self):
        if not shutil.which("xgettext"):
            self.skipTest("xgettext (Debian package gettext) is not installed")
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "dvs"
            shutil.copytree(
                settings.BASE_DIR / "dvs",
                source,
                ignore=shutil.ignore_patterns("locale*", "tests", "__pycache__"),
            )
            (source / "locale").mkdir()
            cwd = Path.cwd()
            try:
                os.chdir(source)  # makemessages reads the current directory
                call_command("makemessages", locale=["vi"], verbosity=0, no_obsolete=True)
            finally:
                os.chdir(cwd)
            catalog = polib.pofile(str(source / "locale/vi/LC_MESSAGES/django.po"))
            fresh = {(e.msgctxt, e.msgid) for e in catalog}
        known = {(e.msgctxt, e.msgid) for e in polib.pofile(str(OURS))}
        self.assertEqual(fresh - known, set(), "run `make messages` and translate")

    def test_compiled_catalogs_match_their_sources(self):
        for po_path in (settings.BASE_DIR / "dvs").glob("locale*/*/LC_MESSAGES/*.po"):
            with self.subTest(catalog=str(po_path)):
                mo = polib.mofile(str(po_path.with_suffix(".mo")))
                compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in mo}
                for entry in polib.pofile(str(po_path)).translated_entries():
                    expected = entry.msgstr or {int(k): v for k, v in entry.msgstr_plural.items()}
                    got = compiled.get((entry.msgctxt, entry.msgid))
                    if isinstance(got, dict):
                        got = {int(k): v for k, v in got.items()}
                    self.assertEqual(got, expected, entry.msgid)

    def test_vietnamese_is_the_default_language(self):
        self.assertEqual(settings.LANGUAGE_CODE, "vi")
        with translation.override("vi"):
            self.assertEqual(translation.gettext("Sign in"), "Đăng nhập")
            self.assertEqual(translation.gettext("Pages"), "Trang")
